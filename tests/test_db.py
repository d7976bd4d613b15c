"""The data file: created fresh, refused when not ours / newer / damaged (untouched), upgraded
from every released schema version."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from models.datafile import db as dbmod
from models.datafile.db import (
    SCHEMA_VERSION,
    DamagedFileError,
    NewerVersionError,
    NotADataFileError,
    close_database,
    open_database,
)

DATA = Path(__file__).parent / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _columns(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {
            t: sorted((r[1], r[2].upper(), r[3]) for r in con.execute(f"PRAGMA table_info('{t}')"))
            for t in tables
        }
    finally:
        con.close()


def _indexes(path: Path) -> dict[str, str | None]:
    """Every index and trigger with its SQL (None for SQLite's automatic ones)."""
    con = sqlite3.connect(path)
    try:
        return {
            f"{kind}:{tbl}:{name}": sql
            for kind, name, tbl, sql in con.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master "
                "WHERE type IN ('index', 'trigger')")
        }
    finally:
        con.close()


def test_fresh_file_has_pragmas_and_version(db_path: Path) -> None:
    db = dbmod.database.obj
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_file_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.execute("PRAGMA journal_mode = delete")
    con.close()
    before = _digest(path)
    with pytest.raises(NewerVersionError, match="更新版本"):
        open_database(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


def test_foreign_file_refused_and_untouched(tmp_path: Path) -> None:
    text = tmp_path / "名单.xlsx"
    text.write_bytes(b"PK\x03\x04 not a database at all")
    with pytest.raises(NotADataFileError, match="不是本软件的数据文件"):
        open_database(text)
    assert text.read_bytes() == b"PK\x03\x04 not a database at all"

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = _digest(other)
    with pytest.raises(NotADataFileError):
        open_database(other)
    assert _digest(other) == before


def test_damaged_file_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    shutil.copy(DATA / "schema_v1.db", path)
    raw = bytearray(path.read_bytes())
    # Overwrite the middle pages with noise, keeping the header so it still looks like SQLite.
    for i in range(4096, len(raw) - 1024, 7):
        raw[i] = (raw[i] * 31 + 7) % 256
    path.write_bytes(bytes(raw))
    before = _digest(path)
    with pytest.raises((DamagedFileError, NotADataFileError)):
        open_database(path)
    assert _digest(path) == before


@pytest.mark.parametrize("version_file", sorted(DATA.glob("schema_v*.db")), ids=lambda p: p.name)
def test_every_released_version_upgrades(version_file: Path, tmp_path: Path) -> None:
    from models.plans.service import list_plans, load_plan

    old = tmp_path / version_file.name
    shutil.copy(version_file, old)
    open_database(old)
    try:
        plans = list_plans()
        assert plans, "the saved file holds plans"
        rec = load_plan(plans[0].id)
        assert rec.title
    finally:
        close_database()
    con = sqlite3.connect(old)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    # An upgraded file has exactly the tables and columns of a fresh one.
    assert _columns(old) == _columns(fresh)
    assert _indexes(old) == _indexes(fresh)
    version = int(version_file.stem.split("_v")[1])
    if version < SCHEMA_VERSION:
        backups = list((tmp_path / "backups").glob(f"schema_v{version}_*_before-migration.db"))
        assert backups, "backed up first"
