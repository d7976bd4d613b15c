"""`main.py backup / restore / check`: plain Chinese refusals with a non-zero exit, refused files
byte for byte unchanged."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import main
from models.datafile import backup as bk
from models.datafile.db import SCHEMA_VERSION, close_database, open_database
from models.plans.records import PlanRecord
from models.plans.service import list_plans, save_plan
from tests.test_backup import _damaged, _foreign, _newer, _text, digest, dump


@pytest.fixture()
def saved_db(tmp_path: Path) -> Path:
    path = tmp_path / "活动.db"
    open_database(path)
    save_plan(PlanRecord(title="中秋游园会"))
    close_database()
    return path


def run(*argv: str) -> int:
    try:
        return main.main(list(argv))
    finally:
        close_database()


def test_backup_out_then_restore_same_data(saved_db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "u盘" / "备份.db"
    out.parent.mkdir()
    assert run("backup", "--db", str(saved_db), "--out", str(out)) == 0
    assert "已备份到" in capsys.readouterr().out
    snapshot = dump(out)
    open_database(saved_db)
    save_plan(PlanRecord(title="之后加的"))
    close_database()
    before = digest(out)
    assert run("restore", "--db", str(saved_db), "--from", str(out)) == 0
    text = capsys.readouterr().out
    assert "已从" in text and "原来的数据另存为" in text
    assert dump(saved_db) == snapshot
    assert digest(out) == before
    open_database(saved_db)
    assert [p.title for p in list_plans()] == ["中秋游园会"]


def test_backup_default_goes_to_backups_folder(saved_db: Path) -> None:
    assert run("backup", "--db", str(saved_db)) == 0
    [info] = bk.list_backups(saved_db)
    assert info.reason == "manual"


def test_check_reports_version_and_counts(saved_db: Path, capsys) -> None:
    assert run("check", "--db", str(saved_db)) == 0
    out = capsys.readouterr().out
    assert f"数据版本：{SCHEMA_VERSION}" in out
    assert "完整性检查：通过" in out
    line = next(x for x in out.splitlines() if x.split()[:1] == ["plan"])
    assert line.split()[1] == "1"


def test_check_finds_index_damage(saved_db: Path, capsys) -> None:
    # Wipe the cells of an index page of the plan table: the file still opens, check must see it.
    con = sqlite3.connect(saved_db)
    rootpage = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE type='index' AND tbl_name='plan' "
        "AND sql IS NOT NULL"
    ).fetchone()[0]
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(saved_db.read_bytes())
    start = (rootpage - 1) * page
    raw[start + 8:start + page] = bytes(page - 8)
    saved_db.write_bytes(bytes(raw))
    before = digest(saved_db)
    rc = run("check", "--db", str(saved_db))
    err = capsys.readouterr().err
    assert rc == 2
    assert "损坏" in err
    assert digest(saved_db) == before


@pytest.mark.parametrize("make", [_newer, _damaged, _foreign, _text])
def test_restore_refuses_and_leaves_both_files(saved_db: Path, tmp_path: Path, make,
                                                capsys) -> None:
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = make(bad_dir)
    bad_digest, db_digest = digest(bad), digest(saved_db)
    rc = run("restore", "--db", str(saved_db), "--from", str(bad))
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("错误：") and "Traceback" not in err
    assert digest(bad) == bad_digest
    assert digest(saved_db) == db_digest
    assert sorted(p.name for p in bad_dir.iterdir()) == [bad.name]


@pytest.mark.parametrize("make", [_damaged, _foreign, _text])
def test_backup_and_check_refuse_bad_files_untouched(tmp_path: Path, make, capsys) -> None:
    bad = make(tmp_path)
    before = digest(bad)
    assert run("backup", "--db", str(bad)) == 2
    assert run("check", "--db", str(bad)) == 2
    err = capsys.readouterr().err
    assert err.count("错误：") == 2
    assert digest(bad) == before
    assert not (tmp_path / "backups").exists()


def test_missing_files(tmp_path: Path, capsys) -> None:
    assert run("check", "--db", str(tmp_path / "无.db")) == 2
    assert run("backup", "--db", str(tmp_path / "无.db")) == 2
    assert "找不到数据文件" in capsys.readouterr().err
    assert not (tmp_path / "无.db").exists()
