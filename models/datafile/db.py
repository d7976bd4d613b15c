"""The data file: one SQLite database opened through peewee.

Opening checks the file before touching it: a file that is not ours, is damaged, or was written by
a newer version is refused with a plain message and left byte for byte as it was. An older file is
backed up first (models.datafile.backup: SQLite's online backup, into the backups folder) and
then climbs the migration ladder, one atomic step per version. The checks themselves, with the
constants and errors, live in models.datafile.precheck (no peewee) and are re-exported here.

A window may show its data file before binding it (models.datafile.precheck.defer_binding): the
database proxy then binds that file the first time anything uses it, and the window binds it right
after its first paint anyway (bind_pending).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import peewee as pw

from models.datafile import precheck as db_file
from models.datafile.precheck import (  # noqa: F401 - re-exported: models.datafile.db is where callers look
    APPLICATION_ID,
    SCHEMA_VERSION,
    DamagedFileError,
    DataFileError,
    NewerVersionError,
    NotADataFileError,
    ReadOnlyError,
    connect_read_only,
    copy_aside,
    inspect_file,
)


class _DataFileProxy(pw.DatabaseProxy):
    """peewee's DatabaseProxy, which binds a data file left pending by the window's fast start
    (models.datafile.precheck.defer_binding) the first time anything uses the database."""

    def __getattr__(self, attr: str) -> object:
        if db_file.pending_path() is not None:  # (obj may be a file closed earlier)
            bind_pending()
        return super().__getattr__(attr)

    def __enter__(self) -> object:
        if db_file.pending_path() is not None:
            bind_pending()
        return super().__enter__()


database = _DataFileProxy()

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


class DateTimeField(pw.DateTimeField):
    """peewee's DateTimeField, read with datetime.fromisoformat: peewee tries strptime formats in
    turn (the first always fails on what it writes, and strptime's first call alone costs some
    10 ms of start-up). Anything fromisoformat does not take goes the peewee way."""

    def python_value(self, value: object) -> object:
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)


class DateField(pw.DateField):
    """peewee's DateField, read with date.fromisoformat (see DateTimeField)."""

    def python_value(self, value: object) -> object:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)


# The ladder: MIGRATIONS[n] lifts a file from version n to n + 1. Steps use literal SQL frozen at
# their version, never today's model classes, so an old step keeps meaning what it meant.
MigrationStep = Callable[[pw.SqliteDatabase], None]
MIGRATIONS: dict[int, MigrationStep] = {}


def _register_steps() -> None:
    # Steps live in their own modules (literal SQL); imported here so the ladder is complete.
    from models.datafile.migration_v2 import migrate_1_to_2
    from models.datafile.migration_v3 import migrate_2_to_3
    from models.datafile.migration_v4 import migrate_3_to_4
    from models.datafile.migration_v5 import migrate_4_to_5

    MIGRATIONS[1] = migrate_1_to_2
    MIGRATIONS[2] = migrate_2_to_3
    MIGRATIONS[3] = migrate_3_to_4
    MIGRATIONS[4] = migrate_4_to_5


_register_steps()


def all_models() -> list[type[pw.Model]]:
    """Every table of the current schema, parents before children."""
    from models.datafile import schema  # schema imports this module

    return schema.all_models()


def open_database(path: Path | str, *, create: bool = True,
                  full_check: bool = True) -> pw.SqliteDatabase:
    """Open (or create) the data file at path, migrate it, and bind the models to it.
    full_check=False skips reading every page before opening (see inspect_file)."""
    path = Path(path)
    version = 0
    if path.exists():
        _app_id, version = inspect_file(path, full_check=full_check)
        if version > SCHEMA_VERSION:
            raise NewerVersionError(
                f"数据文件“{path.name}”由更新版本的社区活动助手写入（数据版本 {version}，"
                f"本程序支持到 {SCHEMA_VERSION}），为免损坏未打开，文件未作任何改动。请升级本软件。"
            )
        if version and version < SCHEMA_VERSION:
            from models.datafile.backup import backup_before  # backup imports this module

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


def bind_pending() -> pw.SqliteDatabase | None:
    """Bind the data file the window checked and showed before importing peewee (None when no
    file is pending). The file was checked under its instance lock moments ago; the cheap checks
    run again all the same, so what is bound is what was checked."""
    # One binder at a time, and the file stays pending until it is bound: a second thread
    # arriving meanwhile waits here, then finds it bound (not "nothing pending, nothing bound").
    with _binding:
        if _binder[0] == threading.get_ident():
            return None  # open_database using the proxy while it binds
        path = db_file.pending_path()
        if path is None:
            return None
        _binder[0] = threading.get_ident()
        try:
            db = open_database(path, create=False, full_check=False)
        finally:
            _binder[0] = None
        db_file.take_pending()
        return db


_binding = threading.RLock()
_binder: list[int | None] = [None]  # the thread binding now


def close_database() -> None:
    db_file.take_pending()  # a file never bound is simply forgotten
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()
