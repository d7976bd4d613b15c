"""Opening the data file for the window, with every safety check in the order a clerk needs:
where it lives (network, read-only), whether another copy has it, whether it is sound, and the
day's automatic backup.

    opened = open_for_app(path)    # raises a UserError with a message to show as it is

The window passes defer_bind=True: a file that passes the checks and is at SCHEMA_VERSION (the
everyday case) is then left for models.datafile.db to bind right after the window's first paint
(models.datafile.precheck.defer_binding), so start-up does not wait for peewee. Everything else (a
new file, one needing a migration, one from a newer version) is opened at once as before. Either
way the checks, the lock and the day's backup come first, in the same order.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.datafile import backup as bk
from models.datafile import leftovers
from models.datafile import precheck as db_file
from models.datafile.lock import InstanceLock, acquire_lock, check_location
from models.datafile.precheck import DamagedFileError, DataFileError


class MissingDataFileError(DataFileError):
    """The data file is gone but its backups are still there: offer them, never start empty."""


@dataclass
class OpenedFile:
    path: Path
    lock: InstanceLock
    backup: bk.BackupInfo | None  # today's automatic backup, when this opening made it
    warning: str | None  # a backup that failed: shown once, work goes on
    bound: bool = True  # False: checked, and pending in models.datafile.precheck until first used


def open_for_app(db_path: Path | str, *, defer_bind: bool = False) -> OpenedFile:
    db_path = Path(db_path)
    check_location(db_path)
    lock = acquire_lock(db_path)
    leftovers.sweep(db_path.resolve().parent)  # what a run killed earlier left half-written
    try:
        if not db_path.exists() and bk.newest_backup_for(db_path) is not None:
            raise MissingDataFileError(
                f"找不到数据文件“{db_path}”，但备份文件夹中还有它的备份。"
                "为免从空白数据开始，请从备份恢复，或把数据文件放回原处。"
            )
        # The full check reads every page: done once a day, before the day's backup (so a
        # damaged file is refused, never backed up and later offered); later opens that day
        # check what a damaged file cannot hide (header, schema, root pages, length).
        full_check = bk.daily_backup_due(db_path)
        bound = not (defer_bind and _at_current_version(db_path, full_check))
        if bound:
            from models.datafile.db import open_database  # peewee: not when deferred

            # Checked fully just now when deferring was considered: the cheap checks suffice.
            open_database(db_path, full_check=full_check and not defer_bind)
    except BaseException:
        lock.release(remove_if_created=True)  # a refused file's folder is left as it was
        raise
    backup, warning = None, None
    try:
        backup = bk.daily_backup(db_path)
    except bk.BackupError as exc:
        warning = str(exc)
    if not bound:
        db_file.defer_binding(db_path)
    return OpenedFile(path=db_path, lock=lock, backup=backup, warning=warning, bound=bound)


def _at_current_version(db_path: Path, full_check: bool) -> bool:
    """Whether db_path is an existing data file of ours at SCHEMA_VERSION, found sound by the
    same checks open_database makes (whose refusals it raises, file untouched)."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    app_id, version = db_file.inspect_file(db_path, full_check=full_check)
    return app_id == db_file.APPLICATION_ID and version == db_file.SCHEMA_VERSION


def can_offer_backup(error: BaseException) -> bool:
    """Whether restoring the newest backup is the right offer for this refusal. Not for a newer
    version (upgrade instead) nor a file that is not ours (the wrong file was chosen)."""
    return isinstance(error, DamagedFileError | MissingDataFileError)
