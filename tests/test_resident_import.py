"""Importing residents: a messy roster's truth field by field (the roster made by
tests/roster_factory.py, and the shared sample too where it is kept), twice adds nobody, a cancel
changes nothing, CSV in GBK and UTF-8 with BOM, the report workbook, the command line."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pytest

from models.datafile.db import database
from models.residents.imports.importer import (
    DUPLICATE,
    IMPORTED,
    REJECTED,
    ImportCancelled,
    import_residents,
    preview_import,
)
from models.residents.records import ResidentQuery
from models.residents.service import count_residents, search_residents
from tests.roster_factory import Roster

WHY = {"id kept as a number: digits lost": "number_cell", "bad check digit": "bad_check_digit",
       "no name": "no_name"}
OUTCOME = {IMPORTED: "import", REJECTED: "reject", DUPLICATE: "duplicate"}
# What the report workbook says of each outcome, as the clerk reads it.
LABEL = {"import": "已导入", "reject": "未导入", "duplicate": "重复"}


def _summary(truth: dict) -> str:
    c = truth["counts"]
    return (f"imported={c['import']} rejected={c['reject']} duplicates={c['duplicate']} "
            "updated=0 unchanged=0")


def _as_truth(rec) -> dict:
    return {"name": rec.name, "gender": rec.gender,
            "birth": rec.birth.isoformat() if rec.birth else None, "id": rec.id_number,
            "phone": rec.phone or None, "building": rec.building, "room": rec.room,
            "tags": rec.tags}


def test_roster_comes_out_as_the_truth_says(db_path: Path, roster: Roster) -> None:
    truth = roster.truth
    report = import_residents(roster.xlsx)
    got = {(r.sheet, r.row): r for r in report.rows}
    assert sorted(got) == sorted((t["sheet"], t["row"]) for t in truth["rows"])
    for t in truth["rows"]:
        row = got[(t["sheet"], t["row"])]
        assert OUTCOME[row.outcome] == t["outcome"], t
        if t["outcome"] == "reject":
            assert row.code == WHY[t["why"]], t
            assert row.reason
        elif t["outcome"] == "duplicate":
            assert row.duplicate_of == t["of"], t
        else:
            assert _as_truth(row.record) == t["expect"], t
    c = truth["counts"]
    assert (report.imported, report.rejected, report.duplicates) == (
        c["import"], c["reject"], c["duplicate"])
    assert report.imported + report.rejected + report.duplicates == c["total"]
    # What was stored is what the report says was imported.
    assert count_residents() == c["import"]
    stored = {r.id_number: r for r in search_residents(ResidentQuery(), limit=10_000).rows}
    for t in truth["rows"]:
        if t["outcome"] == "import" and t["expect"]["id"]:
            s = stored[t["expect"]["id"]]
            assert (s.name, s.phone or None, s.building, s.room) == (
                t["expect"]["name"], t["expect"]["phone"], t["expect"]["building"],
                t["expect"]["room"])
    number_cell = next(r for r in report.rows if r.code == "number_cell")
    assert "存成了数字" in number_cell.reason and "文本" in number_cell.reason
    assert report.summary_lines()[-1] == _summary(truth)


def test_importing_twice_adds_nobody(db_path: Path, roster: Roster) -> None:
    first = import_residents(roster.xlsx)
    second = import_residents(roster.xlsx)
    # The same roster again: everyone it imported is registered and nothing changed; a row
    # repeating an earlier row of the file is still that file's duplicate (issue 14).
    assert (second.imported, second.updated) == (0, 0)
    assert second.unchanged == first.imported
    assert second.duplicates == first.duplicates
    assert count_residents() == first.imported
    same = next(r for r in second.rows if r.duplicate_of_resident)
    assert "已登记的居民" in same.explanation and "没有变化" in same.explanation


def _table_digest(path: Path) -> tuple[dict[str, int], str]:
    con = sqlite3.connect(path)
    try:
        counts, h = {}, hashlib.sha256()
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                "AND name NOT LIKE 'sqlite_%' ORDER BY name"):
            rows = con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
            counts[t] = len(rows)
            h.update(repr(rows).encode())
        return counts, h.hexdigest()
    finally:
        con.close()


def test_cancel_halfway_leaves_the_file_unchanged(db_path: Path, made_roster: Roster) -> None:
    import_residents(made_roster.xlsx)  # something already there
    database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _table_digest(db_path)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < total // 2 or len(calls) < 2

    # A fresh sheet of new people, so a real write is under way when the cancel comes.
    src = db_path.parent / "new.csv"
    lines = ["姓名,身份证号,电话"]
    from models.common.id_number import check_digit
    for i in range(3000):
        first17 = f"1101052000{(i // 28) % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"
        lines.append(f"新人{chr(0x4E00 + i % 500)},{first17 + check_digit(first17)},")
    src.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportCancelled):
        import_residents(src, progress=progress)
    assert calls[-1] >= 1
    assert _table_digest(db_path) == before
    with pytest.raises(ImportCancelled):
        import_residents(src, progress=lambda d, t: (_ for _ in ()).throw(ImportCancelled()))
    assert _table_digest(db_path) == before


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8", "gb18030"])
def test_csv_encodings(db_path: Path, tmp_path: Path, encoding: str) -> None:
    text = ("居民名单\n姓名,性别,身份证号码,手机号,楼号,房号,人员类别\n"
            "张三,男,11010519491231002X,138 1234 5678,1幢,101室,党员、志愿者\n"
            "姓 名,性别,身份证号码,手机号,楼号,房号,人员类别\n"  # the header again, page 2
            "李四,女,,0571-88123456,,102室,\n"
            "王五,男,'110105194912310038,13800001111/13900002222,,103室,\n合计：3人,,,,,,\n")
    src = tmp_path / "名单.csv"
    src.write_bytes(text.encode(encoding))
    report = import_residents(src)
    assert (report.imported, report.rejected, report.duplicates) == (3, 0, 0)
    zs = report.rows[0].record
    assert (zs.name, zs.id_number, zs.phone, zs.building, zs.tags) == (
        "张三", "11010519491231002X", "13812345678", "1幢", ["党员", "志愿者"])
    assert report.rows[1].record.building == "1幢"  # same as above
    ww = report.rows[2].record
    assert (ww.id_number, ww.phone) == ("110105194912310038", "13800001111")
    assert "13900002222" in ww.notes and "多个电话" in report.rows[2].notes
    assert search_residents(ResidentQuery(text="0571")).total == 1


def test_unreadable_file_is_a_plain_error(db_path: Path, tmp_path: Path) -> None:
    from models.common.errors import UserError

    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(UserError, match="无法读取"):
        import_residents(bad)
    with pytest.raises(UserError, match="找不到"):
        import_residents(tmp_path / "none.xlsx")


def test_preview_and_mapping_override(db_path: Path, roster: Roster) -> None:
    prev = preview_import(roster.xlsx, limit=5)
    by_sheet = {m.sheet: m for m in prev.sheets}
    tables = {s["sheet"]: s for s in roster.truth["sheets"]}
    assert set(tables) < set(by_sheet)  # the notes sheet is there, with no table
    assert all(m.header_row is None for m in prev.sheets if m.sheet not in tables)
    for name, s in tables.items():
        m = by_sheet[name]
        assert m.header_row == s["header_row"] and prev.data_rows[name] == s["data_rows"]
        assert len(prev.rows[name]) == min(5, s["data_rows"])
        for field_name, col in roster.columns(name).items():
            assert m.column_of(field_name) == col, (name, field_name)
    # The clerk says the 备注 column is not wanted and the tags column is notes instead.
    t = next(t for t in roster.truth["rows"] if t["outcome"] == "import" and t["expect"]["tags"]
             and roster.columns(t["sheet"]))
    m = by_sheet[t["sheet"]]
    tags_col = roster.columns(t["sheet"])["tags"]
    m.columns = {c: f for c, f in m.columns.items() if f not in ("tags", "notes")}
    m.columns[tags_col] = "notes"
    report = import_residents(roster.xlsx, {t["sheet"]: m})
    row = next(r for r in report.rows if (r.sheet, r.row) == (t["sheet"], t["row"]))
    assert row.record.tags == []
    assert row.record.notes.startswith("、".join(t["expect"]["tags"]))
    assert count_residents() == report.imported


def test_report_workbook_and_command_line(db_path: Path, tmp_path: Path, capsys,
                                          roster: Roster) -> None:
    import main
    from models.datafile.db import close_database

    close_database()
    out = tmp_path / "报告.xlsx"
    rc = main.main(["residents", "import", str(roster.xlsx), "--db", str(db_path),
                    "--report", str(out)])
    printed = capsys.readouterr().out.strip().splitlines()
    assert rc == 0 and printed[-1] == _summary(roster.truth)
    ws = openpyxl.load_workbook(out)["逐行结果"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    truth = roster.truth["rows"]
    assert [r[:3] for r in rows] == [(t["sheet"], t["row"], LABEL[t["outcome"]]) for t in truth]
    for r, t in zip(rows, truth, strict=True):
        if t.get("why") == "bad check digit":
            assert "校验位" in r[3]
        elif t["outcome"] == "duplicate":
            assert r[3] == f"与{t['of']}重复"
    rc = main.main(["residents", "import", str(tmp_path / "无.xlsx"), "--db", str(db_path)])
    assert rc == 2


def _index_sql(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    finally:
        con.close()


def test_bulk_import_rebuilds_the_indexes_it_drops(db_path: Path, monkeypatch) -> None:
    import models.residents.store as store_mod
    from models.common.id_number import check_digit

    before = _index_sql(db_path)
    monkeypatch.setattr(store_mod, "REINDEX_ABOVE", 5)
    src = db_path.parent / "多人.csv"
    lines = ["姓名,身份证号,楼栋"]
    for i in range(30):
        first17 = f"3301051980{i % 12 + 1:02d}{i % 28 + 1:02d}{i:03d}"
        lines.append(f"居民{chr(0x4E00 + i)},{first17 + check_digit(first17)},{i % 3 + 1}幢")
    src.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportCancelled):  # cancelled after the indexes were dropped
        import_residents(src, progress=lambda done, total: done < total)
    assert _index_sql(db_path) == before
    report = import_residents(src)
    assert report.imported == 30
    assert _index_sql(db_path) == before
    assert search_residents(ResidentQuery(building="2幢")).total == 10
    assert database.obj.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_roster_as_old_xls_comes_out_the_same(db_path: Path, tmp_path: Path,
                                              roster: Roster) -> None:
    """The same roster saved in the old .xls format (merged ranges read by calamine too)."""
    shutil.copy(roster.xlsx, tmp_path / "sample.xlsx")
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path),
                    str(tmp_path / "sample.xlsx")], check=True, capture_output=True, timeout=180)
    truth = roster.truth
    report = import_residents(tmp_path / "sample.xls")
    got = {(r.sheet, r.row): r for r in report.rows}
    for t in truth["rows"]:
        row = got[(t["sheet"], t["row"])]
        assert OUTCOME[row.outcome] == t["outcome"], t
        if t["outcome"] == "import":
            assert _as_truth(row.record) == t["expect"], t
    assert report.summary_lines()[-1] == _summary(truth)
