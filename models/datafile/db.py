"""The data file: one SQLite database opened through peewee.

Opening checks the file before touching it: a file that is not ours, is damaged, or was written by
a newer version is refused with a plain message and left byte for byte as it was. An older file is
backed up first (models.datafile.backup: SQLite's online backup, into the backups folder) and
then climbs the migration ladder, one atomic step per version; a new file gets every table
(models.datafile.schema). The checks themselves, with their constants and errors, live in
models.datafile.precheck (no peewee); they, the database handle and the field types
(models.datafile.base) are re-exported here, where callers look.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee as pw

from models.datafile import schema
from models.datafile.backup import backup_before
from models.datafile.base import (  # noqa: F401 - re-exported
    BaseModel,
    DateField,
    DateTimeField,
    database,
)
from models.datafile.migrations.v2 import migrate_1_to_2
from models.datafile.migrations.v3 import migrate_2_to_3
from models.datafile.migrations.v4 import migrate_3_to_4
from models.datafile.migrations.v5 import migrate_4_to_5
from models.datafile.migrations.v6 import migrate_5_to_6
from models.datafile.migrations.v7 import migrate_6_to_7
from models.datafile.migrations.v8 import migrate_7_to_8
from models.datafile.migrations.v9 import migrate_8_to_9
from models.datafile.migrations.v10 import migrate_9_to_10
from models.datafile.migrations.v11 import migrate_10_to_11
from models.datafile.migrations.v12 import migrate_11_to_12
from models.datafile.precheck import (  # noqa: F401 - re-exported
    APPLICATION_ID,
    DamagedFileError,
    DataFileError,
    NewerVersionError,
    NotADataFileError,
    ReadOnlyError,
    connect_read_only,
    copy_aside,
    inspect_file,
)
from models.datafile.schema import SCHEMA_VERSION, all_models  # noqa: F401 - re-exported

PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
    "cache_size": -32000,
}

# The ladder: MIGRATIONS[n] lifts a file from version n to n + 1. Steps use literal SQL frozen at
# their version (each in its own module), never today's model classes, so an old step keeps
# meaning what it meant.
MigrationStep = Callable[[pw.SqliteDatabase], None]
MIGRATIONS: dict[int, MigrationStep] = {
    1: migrate_1_to_2,
    2: migrate_2_to_3,
    3: migrate_3_to_4,
    4: migrate_4_to_5,
    5: migrate_5_to_6,
    6: migrate_6_to_7,
    7: migrate_7_to_8,
    8: migrate_8_to_9,
    9: migrate_9_to_10,
    10: migrate_10_to_11,
    11: migrate_11_to_12,
}


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
            backup_before(path, "migration")
    elif not create:
        raise DataFileError(f"找不到数据文件“{path}”。")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)

    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
    except pw.OperationalError as exc:
        from models.datafile import faults  # SQLite's words are English: say it in Chinese

        kind = faults.kind_of(exc) or faults.CANT_OPEN
        raise ReadOnlyError(faults.message_for(kind, path)) from exc
    database.initialize(db)
    try:
        _upgrade(db, version)
    except BaseException:
        db.close()
        raise
    return db


def _upgrade(db: pw.SqliteDatabase, version: int) -> None:
    if version == 0:
        schema.create(db)
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
