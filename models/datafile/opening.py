"""Opening the data file for the window, with every safety check in the order a clerk needs:
where it lives (network, read-only), whether another copy has it, whether it is sound, and the
day's automatic backup.

    opened = open_for_app(path)    # raises a UserError with a message to show as it is
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.datafile import backup as bk
from models.datafile import leftovers
from models.datafile.db import open_database
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


def open_for_app(db_path: Path | str) -> OpenedFile:
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
        open_database(db_path, full_check=bk.daily_backup_due(db_path))
    except BaseException:
        lock.release(remove_if_created=True)  # a refused file's folder is left as it was
        raise
    backup, warning = None, None
    try:
        backup = bk.daily_backup(db_path)
    except bk.BackupError as exc:
        warning = str(exc)
    return OpenedFile(path=db_path, lock=lock, backup=backup, warning=warning)


def can_offer_backup(error: BaseException) -> bool:
    """Whether restoring the newest backup is the right offer for this refusal. Not for a newer
    version (upgrade instead) nor a file that is not ours (the wrong file was chosen)."""
    return isinstance(error, DamagedFileError | MissingDataFileError)
