"""Importing an office's volunteer list with the residents' import machinery: the header found
under a title line, the volunteers' own columns mapped, a resident's ID linking the row to the
resident, every row with an outcome and a reason, a preview writing nothing, a hostile file
refused by the same guard. Read back from the data file."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from models.common.errors import UserError
from models.volunteers.imports import DUPLICATE, IMPORTED, REFUSED, import_volunteers

HEADER = ["序号", "姓名", "性别", "身份证号", "联系电话", "政治面貌", "所在党支部", "服务队",
          "志愿者编号", "入队日期", "特长"]


def _list(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "志愿者名单"
    ws.append(["某某社区党员志愿者名单"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _sql(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_import_links_residents_and_reports_every_row(db_path: Path, tmp_path: Path) -> None:
    from models.residents.service import ResidentRecord, save_resident

    res = save_resident(ResidentRecord(name="陈立新", phone="13812345678",
                                       id_number="110101199003074573"))
    assert res.saved
    path = _list(tmp_path / "名单.xlsx", [
        [1, "陈立新", "男", "110101199003074573", "", "党员", "第一支部", "平安巡逻服务队",
         "ZY0001", "2024-03-01", "驾驶"],
        [2, "王芳", "女", "", "13900001111", "中共党员", "在职党员（区教育局）", "平安巡逻服务队",
         "ZY0002", "2024/5/6", ""],
        [3, "李四", "男", "110101199003074570", "", "中共党员", "", "", "ZY0003", "", ""],
        [4, "赵六", "男", "", "", "无党派人士", "", "", "ZY0004", "", ""],
        [5, "钱七", "女", "", "", "群众", "", "环境整治服务队", "ZY0002", "", ""],
        ["合计", "", "", "", "", "", "", "", "", "", ""],
    ])
    preview = import_volunteers(path, dry_run=True, today=date(2026, 6, 1))
    assert _sql(db_path, "SELECT COUNT(*) FROM volunteer") == [(0,)]
    assert _sql(db_path, "SELECT COUNT(*) FROM volunteer_team") == [(0,)]
    report = import_volunteers(path, today=date(2026, 6, 1))
    assert [r.outcome for r in preview.rows] == [r.outcome for r in report.rows]
    outcome = {r.name: (r.outcome, r.reason) for r in report.rows}
    assert len(report.rows) == 5, "the 合计 line is not a person"
    assert outcome["陈立新"][0] == IMPORTED and outcome["王芳"][0] == IMPORTED
    assert outcome["李四"][0] == REFUSED and "校验位" in outcome["李四"][1]
    assert outcome["赵六"][0] == REFUSED and "政治面貌" in outcome["赵六"][1]
    assert outcome["钱七"] == (DUPLICATE, "志愿者编号“ZY0002”已有人使用")
    assert report.new_teams == ["平安巡逻服务队"]
    rows = _sql(db_path, "SELECT v.number, v.name, v.phone, v.resident_id, v.political, v.unit, "
                "t.name, v.joined, v.skills FROM volunteer v LEFT JOIN volunteer_team t "
                "ON t.id = v.team_id ORDER BY v.number")
    assert rows == [
        ("ZY0001", "", "", res.resident_id, "中共党员", "第一支部", "平安巡逻服务队",
         "2024-03-01", "驾驶"),
        ("ZY0002", "王芳", "13900001111", None, "中共党员", "在职党员（区教育局）",
         "平安巡逻服务队", "2024-05-06", ""),
    ]
    again = import_volunteers(path, today=date(2026, 6, 1))
    assert {r.name: r.outcome for r in again.rows}["陈立新"] == DUPLICATE


def test_a_file_without_a_list_or_a_hostile_one_is_refused(db_path: Path, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["随便写的内容"])
    wb.save(tmp_path / "空.xlsx")
    with pytest.raises(UserError, match="没有找到志愿者名单的表头"):
        import_volunteers(tmp_path / "空.xlsx")
    (tmp_path / "假.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UserError):
        import_volunteers(tmp_path / "假.xlsx")
    assert _sql(db_path, "SELECT COUNT(*) FROM volunteer") == [(0,)]
