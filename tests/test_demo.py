"""Demo data: nine filled-in plans on a fresh file; a file with plans is refused without --force."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from models.datafile.db import close_database, open_database
from models.plans.demo import DEMO_PLANS, make_demo
from models.plans.records import CATEGORIES, PlanRecord
from models.plans.service import list_plans, load_plan, save_plan

ROOT = Path(__file__).resolve().parent.parent


def test_make_demo_saves_nine_filled_in_plans(db_path: Path) -> None:
    ids = make_demo()
    assert len(ids) == len(DEMO_PLANS) == 9
    plans = [load_plan(i) for i in ids]
    assert {p.category for p in plans} == set(CATEGORIES) - {"其他"}
    statuses = [p.status for p in plans]
    assert statuses.count("草稿") == 1
    assert {"已批准", "进行中", "已结束"} <= set(statuses)
    for p in plans:
        assert p.start and 2026 <= p.start.year <= 2027
        assert "××" not in json.dumps([p.title, p.issuer, [o.name for o in p.organisers]],
                                       ensure_ascii=False)
        assert all(leader.name for leader in p.leaders)
        if p.status == "已结束":
            assert p.summary and all(line.actual_fen is not None for line in p.budget)
            assert all(m.ready for m in p.materials)
        else:
            assert not p.summary and all(line.actual_fen is None for line in p.budget)


def run_main(argv: list[str]) -> int:
    try:
        return main.main(argv)
    finally:
        close_database()


def test_demo_command_on_a_fresh_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sub" / "演示.db"
    assert run_main(["demo", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "活动方案 9 个" in out and "重阳" in out
    proc = subprocess.run(
        [sys.executable, "main.py", "plans", "--db", str(db), "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert len(listed) == 9
    for row in listed:
        assert set(row) == {"id", "title", "category", "status", "start"}
    assert {row["category"] for row in listed} == set(CATEGORIES) - {"其他"}


def test_demo_refuses_a_file_with_plans_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "work.db"
    open_database(db)
    save_plan(PlanRecord(title="真实的方案"))
    close_database()
    assert run_main(["demo", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "已有活动方案 1 个" in err and "--force" in err
    open_database(db)
    assert [p.title for p in list_plans()] == ["真实的方案"]
    close_database()

    assert run_main(["demo", "--db", str(db), "--force"]) == 0
    open_database(db)
    titles = [p.title for p in list_plans()]
    close_database()
    assert len(titles) == 10 and "真实的方案" in titles
