"""The residents' service: save with per-field problems, search, recycle bin, export."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from exporters.residents.roster import export_residents
from models.residents.records import ResidentQuery, ResidentRecord
from models.residents.service import (
    delete_residents,
    empty_recycle_bin,
    get_resident,
    list_buildings,
    list_tags,
    restore_residents,
    save_resident,
    search_residents,
)

DAY = date(2026, 11, 28)


def _add(**kw) -> int:
    res = save_resident(ResidentRecord(**kw), allow_warnings=True, today=DAY)
    assert res.saved, res.problems
    return res.resident_id


def _names(q: ResidentQuery) -> list[str]:
    return [r.name for r in search_residents(q, limit=100).rows]


def test_save_reports_problems_per_field(db_path: Path) -> None:
    res = save_resident(ResidentRecord(name="", id_number="110105194912310021", phone="12"),
                        today=DAY)
    assert not res.saved
    assert {p.field for p in res.problems} == {"name", "id_number", "phone"}
    res = save_resident(ResidentRecord(name="张三", gender="男", id_number="11010519491231002X"),
                        today=DAY)
    assert not res.saved and res.needs_confirmation
    assert "身份证号显示为女" in res.for_field("gender")[0].message
    rid = _add(name=" 张 三", id_number="11010519491231002X", phone="138 1234 5678",
               tags=["党员", "楼长"])
    rec = get_resident(rid)
    assert (rec.name, rec.gender, rec.birth, rec.phone) == (
        "张三", "女", date(1949, 12, 31), "13812345678")
    assert rec.tags == ["党员", "楼长"]
    clash = save_resident(ResidentRecord(name="李四", id_number="11010519491231002X"), today=DAY)
    assert not clash.saved and "张三" in clash.for_field("id_number")[0].message
    rec.phone = "0571-88123456"
    rec.tags = ["志愿者"]
    assert save_resident(rec, today=DAY).saved
    assert get_resident(rid).tags == ["志愿者"]
    assert [r.name for r in search_residents(ResidentQuery(text="88123456")).rows] == ["张三"]
    assert search_residents(ResidentQuery(text="13812345678")).total == 0  # old phone forgotten


def test_search_by_every_key(db_path: Path) -> None:
    _add(name="张三", birth=date(1950, 3, 1), phone="13812345678", building="1幢", room="101室",
         tags=["党员"])
    _add(name="赵四", birth=date(2015, 5, 5), phone="13900001111", building="2幢", room="202室",
         tags=["志愿者"])
    _add(name="单丽", birth=date(1988, 1, 1), address="幸福路8号", building="10幢")
    assert sorted(_names(ResidentQuery(text="zs"))) == ["张三", "赵四"]
    assert _names(ResidentQuery(text="zhangsan")) == ["张三"]
    assert _names(ResidentQuery(text="shanli")) == ["单丽"]
    assert _names(ResidentQuery(text="张")) == ["张三"]
    assert _names(ResidentQuery(text="0000")) == ["赵四"]
    assert _names(ResidentQuery(text="幸福路")) == ["单丽"]
    assert _names(ResidentQuery(text="2幢202")) == ["赵四"]
    assert _names(ResidentQuery(tags=("党员",))) == ["张三"]
    assert _names(ResidentQuery(min_age=70, age_date=DAY)) == ["张三"]
    assert _names(ResidentQuery(max_age=14, age_date=DAY)) == ["赵四"]
    assert _names(ResidentQuery(min_age=76, age_date=date(2026, 2, 28))) == []
    assert _names(ResidentQuery(min_age=76, age_date=date(2026, 3, 1))) == ["张三"]
    assert _names(ResidentQuery(building="10幢")) == ["单丽"]
    assert _names(ResidentQuery(order="birth")) == ["张三", "单丽", "赵四"]
    assert _names(ResidentQuery(order="age")) == ["赵四", "单丽", "张三"]
    page = search_residents(ResidentQuery(order="name"), offset=1, limit=1)
    assert page.total == 3 and [r.name for r in page.rows] == ["张三"]
    assert list_buildings() == ["1幢", "2幢", "10幢"]
    assert {t.name: t.count for t in list_tags()}["党员"] == 1


def test_recycle_bin(db_path: Path) -> None:
    a, b = _add(name="甲"), _add(name="乙")
    assert delete_residents([a]) == 1
    assert _names(ResidentQuery()) == ["乙"]
    assert _names(ResidentQuery(deleted=True)) == ["甲"]
    assert restore_residents([a]) == 1 and len(_names(ResidentQuery())) == 2
    delete_residents([a, b])
    assert empty_recycle_bin([b]) == 1
    assert _names(ResidentQuery(deleted=True)) == ["甲"]
    assert empty_recycle_bin() == 1 and search_residents(ResidentQuery(deleted=True)).total == 0


def test_export_xlsx_text_columns_print_setup_masking_and_strokes(db_path: Path,
                                                                   tmp_path: Path) -> None:
    _add(name="王五", id_number="11010519491231002X", phone="13812345678", building="1幢")
    _add(name="丁一", phone="13900001111", building="2幢", tags=["党员", "志愿者"])
    _add(name="李四", building="1幢")
    out = tmp_path / "名册.xlsx"
    assert export_residents(out, order="strokes") == 3
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value.startswith("居民名册") and "A1:H1" in str(ws.merged_cells.ranges)
    assert [c.value for c in ws[2]] == ["姓名", "性别", "出生日期", "身份证号", "联系电话", "楼栋",
                                        "住址", "标签"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == ["丁一", "王五", "李四"]
    assert rows[0][7] == "党员、志愿者"
    assert rows[1][3] == "11010519491231002X" and ws["D4"].number_format == "@"
    assert ws["E4"].value == "13812345678" and ws["E4"].number_format == "@"
    assert rows[1][2] == "1949-12-31"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.horizontalCentered
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.page_setup.paperSize in ("9", 9)
    masked = tmp_path / "公示.xlsx"
    export_residents(masked, masked=True, order="pinyin")
    mws = openpyxl.load_workbook(masked).active
    # No birth date beside the 6+4 ID (it rebuilds it), no room (it points at the person).
    assert [c.value for c in mws[2]] == ["姓名", "性别", "身份证号", "联系电话", "楼栋", "标签"]
    mrows = list(mws.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in mrows] == ["丁*", "李*", "王*"]
    assert mrows[2][2] == "110105********002X" and mrows[2][3] == "138****5678"
    csv_out = tmp_path / "名册.csv"
    export_residents(csv_out)
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "11010519491231002X" in raw.decode("utf-8-sig")


def test_pages_sorted_here_match_sql_order(db_path: Path) -> None:
    """Up to 3,000 matches are sorted in Python: every order must equal SQLite's ORDER BY."""
    import random

    from models.datafile.db import database
    from models.residents.query import order_clause
    from models.residents.records import SORT_ORDERS

    rng = random.Random(5)
    for i in range(120):
        _add(name=rng.choice(["张三", "赵四", "单丽", "王五", "欧阳娜娜", "丁一"]) + "甲乙"[i % 2],
             gender=rng.choice(["男", "女", ""]),
             birth=rng.choice([None, date(1950 + i % 60, 1 + i % 12, 1 + i % 28)]),
             phone=rng.choice(["", f"138{i:08d}"]), building=rng.choice(["", "1幢", "10幢"]),
             unit=rng.choice(["", "1单元"]), room=f"{i % 7}01室")
    for order in SORT_ORDERS:
        for descending in (False, True):
            q = ResidentQuery(order=order, descending=descending)
            want = [r[0] for r in database.obj.execute_sql(
                f"SELECT r.id FROM resident r WHERE r.deleted = 0 ORDER BY {order_clause(q)}")]
            got = [r.id for r in search_residents(q, limit=1000).rows]
            assert got == want, (order, descending)
            assert [r.id for r in search_residents(q, offset=50, limit=7).rows] == want[50:57]


def test_large_results_take_the_index_path_with_the_same_answers(db_path: Path,
                                                                 monkeypatch) -> None:
    """Above BY_ORDER_ABOVE matches the page walks the order's index: same rows, same total."""
    import models.residents.service as residents_mod
    from models.residents.demo import make_demo_residents

    make_demo_residents(400, seed=3)
    queries = [ResidentQuery(order="strokes"), ResidentQuery(text="zh", order="age"),
               ResidentQuery(min_age=20, max_age=70, age_date=DAY, order="birth"),
               ResidentQuery(tags=("党员",), descending=True), ResidentQuery(text="138")]
    small = [search_residents(q, offset=5, limit=30) for q in queries]
    monkeypatch.setattr(residents_mod, "BY_ORDER_ABOVE", 3)
    for q, want in zip(queries, small, strict=True):
        got = search_residents(q, offset=5, limit=30)
        assert got.total == want.total and got.total > 3, q
        assert [r.id for r in got.rows] == [r.id for r in want.rows], q
