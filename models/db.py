"""The data file: one SQLite database opened through peewee.

Opening checks the file before touching it: a file that is not ours, is damaged, or was written by
a newer version is refused with a plain message and left byte for byte as it was. An older file is
backed up first (models.backup: SQLite's online backup, into the backups folder) and then climbs
the migration ladder, one atomic step per version.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee as pw

from models.errors import UserError

# Marks a SQLite file as ours ("CAA1"), so a stranger's database is not taken for a data file.
APPLICATION_ID = 0x43414131
SCHEMA_VERSION = 4

database = pw.DatabaseProxy()

PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
    "cache_size": -32000,
}


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


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


# The ladder: MIGRATIONS[n] lifts a file from version n to n + 1. Steps use literal SQL frozen at
# their version, never today's model classes, so an old step keeps meaning what it meant.
MigrationStep = Callable[[pw.SqliteDatabase], None]
MIGRATIONS: dict[int, MigrationStep] = {}


def _register_steps() -> None:
    # Steps live in their own modules (literal SQL); imported here so the ladder is complete.
    from models.migrations_v2 import migrate_1_to_2  # noqa: PLC0415
    from models.migrations_v3 import migrate_2_to_3  # noqa: PLC0415
    from models.migrations_v4 import migrate_3_to_4  # noqa: PLC0415

    MIGRATIONS[1] = migrate_1_to_2
    MIGRATIONS[2] = migrate_2_to_3
    MIGRATIONS[3] = migrate_3_to_4


_register_steps()


def all_models() -> list[type[BaseModel]]:
    """Every table of the current schema, parents before children."""
    from models import schema  # noqa: PLC0415 - schema imports this module

    return schema.ALL_MODELS


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


def inspect_file(path: Path) -> tuple[int, int]:
    """Return (application_id, user_version) of an existing file without changing it."""
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
            ok = con.execute("PRAGMA quick_check").fetchone()[0]
            tables = con.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()[0]
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
    if app_id != APPLICATION_ID and tables > 0:
        raise NotADataFileError(f"“{path.name}”不是本软件的数据文件，未作任何改动。")
    return (app_id, version)


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


def open_database(path: Path | str, *, create: bool = True) -> pw.SqliteDatabase:
    """Open (or create) the data file at path, migrate it, and bind the models to it."""
    path = Path(path)
    version = 0
    if path.exists():
        _app_id, version = inspect_file(path)
        if version > SCHEMA_VERSION:
            raise NewerVersionError(
                f"数据文件“{path.name}”由更新版本的社区活动助手写入（数据版本 {version}，"
                f"本程序支持到 {SCHEMA_VERSION}），为免损坏未打开，文件未作任何改动。请升级本软件。"
            )
        if version and version < SCHEMA_VERSION:
            from models.backup import backup_before  # noqa: PLC0415 - backup imports this module

            backup_before(path, "migration")
    elif not create:
        raise DataFileError(f"找不到数据文件“{path}”。")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)

    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
    except pw.OperationalError as exc:
        raise ReadOnlyError(f"无法打开数据文件“{path}”：{exc}") from exc
    database.initialize(db)
    try:
        _upgrade(db, version)
    except BaseException:
        db.close()
        raise
    return db


def _upgrade(db: pw.SqliteDatabase, version: int) -> None:
    if version == 0:
        with db.atomic():
            db.create_tables(all_models())
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    while version < SCHEMA_VERSION:
        step = MIGRATIONS[version]
        with db.atomic():
            step(db)
            version += 1
            db.execute_sql(f"PRAGMA user_version = {version}")


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()
