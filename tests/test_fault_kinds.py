"""Faults told apart in one place (models.datafile.faults): real SQLite and OS errors, raised as
they are in use, become the right Chinese message; a busy file is never called damaged, and the
window's error hook shows a full disk as a message, not as a bug (issue 10, defect 11)."""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import peewee as pw
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from models.datafile import faults
from models.datafile.precheck import DamagedFileError, inspect_file


def _full_error(path: Path) -> BaseException:
    """A real "database or disk is full", through peewee as the app meets it."""
    db = pw.SqliteDatabase(str(path), pragmas={"max_page_count": 3})
    db.connect()
    try:
        db.execute_sql("CREATE TABLE t (x)")
        with pytest.raises(pw.OperationalError) as err:
            for _ in range(200):
                db.execute_sql("INSERT INTO t VALUES (?)", ("x" * 2000,))
        return err.value
    finally:
        db.close()


def test_real_errors_are_told_apart(tmp_path: Path) -> None:
    assert faults.kind_of(_full_error(tmp_path / "full.db")) == faults.FULL

    path = tmp_path / "ro.db"
    sqlite3.connect(path).close()
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as err:
        con.execute("CREATE TABLE t (x)")
    con.close()
    assert faults.kind_of(err.value) == faults.READ_ONLY

    busy = tmp_path / "busy.db"
    holder = sqlite3.connect(busy, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(busy, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as err:
        other.execute("SELECT * FROM t").fetchall()
    other.close()
    holder.execute("ROLLBACK")
    holder.close()
    assert faults.kind_of(err.value) == faults.BUSY

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(sqlite3.DatabaseError) as err:
        sqlite3.connect(bad).execute("SELECT * FROM sqlite_master").fetchall()
    assert faults.kind_of(err.value) == faults.CORRUPT

    assert faults.kind_of(OSError(errno.ENOSPC, "No space left on device")) == faults.FULL
    assert faults.kind_of(OSError(errno.EROFS, "Read-only file system")) == faults.READ_ONLY
    assert faults.kind_of(ZeroDivisionError()) is None  # a bug stays a bug
    assert faults.as_user_error(KeyError("x")) is None


def test_messages_are_chinese_and_say_nothing_was_lost(tmp_path: Path) -> None:
    error = faults.as_user_error(_full_error(tmp_path / "full.db"), tmp_path / "activities.db")
    assert error is not None
    assert "磁盘空间不足" in str(error) and "未作改动" in str(error)
    assert "disk" not in str(error) and "full" not in str(error)
    error = faults.as_user_error(OSError(errno.EROFS, "Read-only file system", "/m/r.xlsx"))
    assert str(error).startswith("无法写入“/m/r.xlsx”") and "只读" in str(error)


def test_a_busy_file_is_not_called_damaged(tmp_path: Path) -> None:
    """A file another program holds (here a backup being written, in rollback mode) could not be
    read just now; it was reported as "已损坏…可以从备份恢复"."""
    path = tmp_path / "activities.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA application_id = {0x43414131}")
    con.execute("CREATE TABLE t (x)")
    con.execute("BEGIN EXCLUSIVE")
    con.execute("INSERT INTO t VALUES (1)")
    try:
        with pytest.raises(faults.StorageError) as err:
            inspect_file(path)
    finally:
        con.execute("ROLLBACK")
        con.close()
    assert not isinstance(err.value, DamagedFileError)
    assert err.value.kind == faults.BUSY
    assert "正被另一个" in str(err.value) and "损坏" not in str(err.value)


@pytest.mark.qt_no_exception_capture
def test_the_window_shows_a_full_disk_as_a_message(qtbot, qapp, tmp_path: Path) -> None:
    from ui.error_hook import install_error_hook

    hook = install_error_hook(qapp, tmp_path / "logs")
    try:
        button = QPushButton("保存")
        qtbot.addWidget(button)
        full = _full_error(tmp_path / "full.db")

        def save() -> None:
            raise full

        button.clicked.connect(save)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: hook.box is not None)
        assert "磁盘空间不足" in hook.box.text(), hook.box.text()
        assert "意外问题" not in hook.box.text()
    finally:
        if hook.box is not None:
            hook.box.close()
        hook.uninstall()
