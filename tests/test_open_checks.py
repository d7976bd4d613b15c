"""What opening checks, and when: every open refuses a file whose header, schema, table roots or
length are damaged; the window's first open of a day (the one that makes the daily backup) also
reads every page, so a damaged file is never backed up and worked on unnoticed."""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from models.datafile import backup as bk
from models.datafile.db import (
    APPLICATION_ID,
    DamagedFileError,
    close_database,
    inspect_file,
    open_database,
)
from models.datafile.opening import open_for_app
from tests.test_backup import _damaged


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _data_file_with_bulk(tmp_path: Path) -> Path:
    """One of our data files (rollback journal, no -wal) with a table of many pages."""
    path = tmp_path / "activities.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = delete")
    con.execute("CREATE TABLE bulk (id INTEGER PRIMARY KEY, payload BLOB)")
    con.executemany("INSERT INTO bulk (payload) VALUES (?)", [(b"x" * 500,) for _ in range(2000)])
    con.commit()
    con.close()
    return path


def _damage_last_page(path: Path) -> None:
    """Noise over the last page (a leaf far from any root): only reading every page finds it."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(path.read_bytes())
    for i in range(len(raw) - size, len(raw)):
        raw[i] = (raw[i] * 31 + 7) % 256
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("full_check", [True, False])
def test_noisy_file_refused_untouched_by_either_check(tmp_path: Path, full_check: bool) -> None:
    path = _damaged(tmp_path)
    before = _digest(path)
    with pytest.raises(DamagedFileError):
        open_database(path, full_check=full_check)
    assert _digest(path) == before


@pytest.mark.parametrize("full_check", [True, False])
def test_truncated_file_refused_untouched(tmp_path: Path, full_check: bool) -> None:
    path = _data_file_with_bulk(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = _digest(path)
    with pytest.raises(DamagedFileError):
        open_database(path, full_check=full_check)
    assert _digest(path) == before


def test_deep_damage_refused_by_the_full_check(tmp_path: Path) -> None:
    path = _data_file_with_bulk(tmp_path)
    _damage_last_page(path)
    before = _digest(path)
    # What the cheap check reads (header, schema, table roots, length) is intact here...
    assert inspect_file(path, full_check=False)[0] == APPLICATION_ID
    with pytest.raises(DamagedFileError):
        open_database(path)  # ...the default (command line, restore) reads every page
    assert _digest(path) == before


def test_first_open_of_the_day_reads_every_page_before_backing_up(tmp_path: Path) -> None:
    path = _data_file_with_bulk(tmp_path)
    _damage_last_page(path)
    before = _digest(path)
    assert bk.daily_backup_due(path)
    with pytest.raises(DamagedFileError):
        open_for_app(path)
    assert _digest(path) == before
    assert bk.list_backups(path) == []  # a damaged file is never backed up


def test_daily_backup_due_once_a_day(tmp_path: Path) -> None:
    path = _data_file_with_bulk(tmp_path)
    assert not bk.daily_backup_due(tmp_path / "missing.db")
    assert bk.daily_backup_due(path)
    opened = open_for_app(path)
    try:
        assert opened.backup is not None
        assert not bk.daily_backup_due(path)
        assert bk.daily_backup_due(path, date(2099, 1, 1))
        assert opened.backup.created.date() == datetime.now().date()
    finally:
        close_database()
        opened.lock.release()
