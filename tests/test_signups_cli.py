"""Command line: demo --signups N, signups [--json], export roster|signin|signup-form|attendance."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main
from models.datafile.db import close_database


def _demo(path: Path, *extra: str) -> str:
    rc = main.main(["demo", "--db", str(path), *extra])
    close_database()
    assert rc == 0
    return ""


def test_demo_signups_then_list_and_export(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    _demo(db, "--signups", "300")
    out = capsys.readouterr().out
    # Sign-ups only for activities whose registration opened before today, none dated after
    # the demo ran (the Women's Day week of March 2027 had 100 dated in February 2027).
    con = sqlite3.connect(db)
    with_signups, latest = con.execute(
        "SELECT COUNT(DISTINCT plan_id), MAX(signed_up) FROM signup").fetchone()
    con.close()
    assert f"报名 {with_signups} 个活动" in out and "报名   300 人" in out
    assert with_signups >= 5 and latest < datetime.now().isoformat(sep=" ")
    # The Double Ninth outing (编号 3) is full and has a waitlist.
    assert main.main(["signups", "--db", str(db), "--activity", "3", "--json"]) == 0
    close_database()
    items = json.loads(capsys.readouterr().out)
    statuses = {i["status"] for i in items}
    assert "候补" in statuses and "已签到" in statuses
    assert all({"name", "phone", "status", "companions", "signed_up"} <= set(i) for i in items)
    assert any(i["promoted"] for i in items)  # one cancellation moved the waitlist
    assert main.main(["signups", "--db", str(db), "--activity", "3"]) == 0
    close_database()
    assert "★待电话通知" in capsys.readouterr().out

    for kind, name in [("roster", "r.xlsx"), ("signin", "s.xlsx"), ("signin", "s.pdf"),
                       ("signup-form", "f.xlsx"), ("attendance", "a.xlsx")]:
        target = tmp_path / name
        rc = main.main(["export", kind, "--db", str(db), "--activity", "3", "--out", str(target)])
        close_database()
        assert rc == 0 and target.stat().st_size > 0, kind
    assert "已导出" in capsys.readouterr().out
    ws = load_workbook(tmp_path / "s.xlsx").active
    assert ws.max_row > 12


def test_wrong_suffix_and_unknown_activity_refused(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    _demo(db)
    capsys.readouterr()
    rc = main.main(["export", "roster", "--db", str(db), "--activity", "3",
                    "--out", str(tmp_path / "r.doc")])  # (.pdf is the roster's PDF form)
    close_database()
    assert rc == 2 and "请用 .xlsx 或 .pdf 文件" in capsys.readouterr().err
    rc = main.main(["signups", "--db", str(db), "--activity", "999"])
    close_database()
    assert rc == 2 and "找不到编号为 999 的活动" in capsys.readouterr().err
    assert not (tmp_path / "r.doc").exists()
