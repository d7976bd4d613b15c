"""The data file as a file: what makes it ours, and the checks made before opening it, with the
standard library's sqlite3 only (no peewee), so the window can check its data file and show it
before peewee is imported (see models.datafile.opening and models.datafile.first_read).
models.datafile.db, the peewee side, re-exports every name here.

Deferred binding: a window that found its file sound and at SCHEMA_VERSION may show it first and
bind peewee to it right after (defer_binding); until then pending_path() names the file and
models.datafile.db binds it the moment anything uses the database (models.datafile.db.bind_pending).
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from models.common.errors import UserError

# Marks a SQLite file as ours ("CAA1"), so a stranger's database is not taken for a data file.
APPLICATION_ID = 0x43414131
SCHEMA_VERSION = 5


class DataFileError(UserError):
    """A data file that cannot be opened; str() is a message a clerk can read."""


class NewerVersionError(DataFileError):
    pass


class NotADataFileError(DataFileError):
    pass


class DamagedFileError(DataFileError):
    pass


class ReadOnlyError(DataFileError):
    pass



def _sqlite_header_ok(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can only read path. A WAL file on a read-only medium (a write-protected
    stick, a CD) cannot get its -shm file; it is then read as immutable, which needs none."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        con.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as exc:
        con.close()
        if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_CANTOPEN:
            raise
        con = sqlite3.connect(uri + "&immutable=1", uri=True)
    except BaseException:
        con.close()
        raise
    return con


def inspect_file(path: Path, *, full_check: bool = True) -> tuple[int, int]:
    """Return (application_id, user_version) of an existing file without changing it.

    full_check runs PRAGMA quick_check, which reads every page (about 0.1 s on a file of 100,000
    residents, growing with the file). Without it only what a damaged file cannot hide is
    checked: the header, the schema, the root page of every table and the file's length (see
    models.datafile.opening: the window does the full check once a day, with the daily backup)."""
    if path.is_dir():
        raise NotADataFileError(
            f"“{path}”是一个文件夹，不是数据文件。请选择文件夹中的数据文件（例如 activities.db）。")
    if path.stat().st_size == 0:
        return (0, 0)
    if not _sqlite_header_ok(path):
        raise NotADataFileError(f"“{path.name}”不是本软件的数据文件，未作任何改动。")
    try:
        # mode=ro: the file is only read, so a refused file stays byte for byte as it was.
        con = connect_read_only(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute(
                "SELECT name, rootpage FROM sqlite_master WHERE type='table'").fetchall()
            if full_check:
                ok = con.execute("PRAGMA quick_check").fetchone()[0]
            else:
                ok = _cheap_check(con, path, tables)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(
            f"数据文件“{path.name}”已损坏，无法打开，文件未作任何改动。可以从备份恢复。（{exc}）"
        ) from exc
    if ok != "ok":
        raise DamagedFileError(
            f"数据文件“{path.name}”已损坏（完整性检查未通过），文件未作任何改动。可以从备份恢复。"
        )
    if app_id != APPLICATION_ID and tables:
        raise NotADataFileError(f"“{path.name}”不是本软件的数据文件，未作任何改动。")
    return (app_id, version)


def _cheap_check(con: sqlite3.Connection, path: Path, tables: list[tuple[str, int]]) -> str:
    """"ok", or what is wrong, from reading a few pages: a truncated file (shorter than its page
    count, when no -wal holds newer pages) and every table's root page (a damaged one raises)."""
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
        if path.stat().st_size < pages * size:
            return "truncated"
    for name, rootpage in tables:
        if not rootpage:  # a virtual table has no pages of its own
            continue
        quoted = name.replace('"', '""')
        con.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchall()
    return "ok"


def copy_aside(path: Path, tag: str) -> Path:
    """Copy a data file beside itself with SQLite's backup API (safe for a live WAL file)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{tag}-{stamp}{path.suffix}")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


# --- deferred binding -------------------------------------------------------------------------

_pending: Path | None = None


def defer_binding(path: Path) -> None:
    """path was checked (under its instance lock) and is at SCHEMA_VERSION: bind it later."""
    global _pending
    _pending = Path(path)


def pending_path() -> Path | None:
    """The data file waiting to be bound, or None (bound already, or none opened)."""
    return _pending


def take_pending() -> Path | None:
    """The pending data file, forgetting it (models.datafile.db binds it, or closing drops it)."""
    global _pending
    path, _pending = _pending, None
    return path


def read_connection(path: Path) -> sqlite3.Connection:
    """A plain connection for reading a data file before peewee is bound to it (query_only, so
    a bug cannot write through it). Close it after use."""
    con = sqlite3.connect(str(path))
    con.execute("PRAGMA query_only = 1")
    return con


def close_data_file() -> None:
    """Close the data file, bound or pending. models.datafile.db is only imported (for peewee) if it
    was already: importing peewee just to find nothing open would slow down closing."""
    take_pending()
    import sys

    db = sys.modules.get("models.datafile.db")
    if db is not None:
        db.close_database()
