"""Backups of the data file: made with SQLite's online backup API (never a plain copy of a live
WAL file), kept in a "backups" folder beside the data file, rotated and listed. Putting one back
is models.datafile.restore.

File names say what a backup is, so a clerk browsing the folder can tell them apart:

    backups/activities_2026-11-28_154000_daily.db
            <data file stem>_<date>_<time>_<reason>[_<n>].db

Every backup is a self-contained SQLite file in rollback-journal mode (no -wal beside it), so it
can be copied, carried on a USB stick and restored as one file.
"""
from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from models.common.errors import UserError
from models.datafile import faults, leftovers, precheck

BACKUP_DIR_NAME = "backups"
SUFFIX = ".db"

# Reasons a backup is made; the label is what the backups list shows.
REASON_LABELS: dict[str, str] = {
    "daily": "每日自动备份",
    "manual": "手动备份",
    "before-migration": "升级数据前",
    "before-restore": "恢复备份前",
    "before-import": "导入前",
    "before-cleanup": "清理旧个人信息前",
    "damaged": "被替换的损坏文件",
}
# Kept for the record, never offered for restoring.
NOT_RESTORABLE = {"damaged"}
_REASON_RE = re.compile(r"^[a-z][a-z0-9-]*$")

# Rotation: the newest backup of each of the last 7 days, 8 weeks and 12 months that have one,
# and every backup younger than KEEP_ALL_DAYS (so two restores on one day are both undoable).
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
KEEP_ALL_DAYS = 7

Progress = Callable[[int, int], None]  # (pages done, pages total)


class BackupError(UserError):
    """A backup or restore that could not be done; str() is for the clerk."""


class BackupCancelled(BackupError):
    """Raised by a progress callback to stop a backup; nothing is left behind."""

    def __init__(self) -> None:
        super().__init__("已取消，未保存备份。")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int
    reason: str

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def size_text(size: int) -> str:
    """1.2 MB, 164 KB: a size a clerk reads at a glance."""
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# --- where backups live and what they are called --------------------------------------------


def backups_dir(db_path: Path | str) -> Path:
    return Path(db_path).resolve().parent / BACKUP_DIR_NAME


_NAME_RE = re.compile(
    r"^(?P<d>\d{4}-\d{2}-\d{2})_(?P<t>\d{6})_(?P<reason>[a-z][a-z0-9-]*)(?:_(?P<n>\d+))?$"
)


def parse_backup_name(db_stem: str, name: str) -> tuple[datetime, str] | None:
    """(created, reason) from a backup file name of the data file db_stem, else None."""
    prefix = db_stem + "_"
    if not (name.startswith(prefix) and name.endswith(SUFFIX)):
        return None
    m = _NAME_RE.match(name[len(prefix):-len(SUFFIX)])
    if not m:
        return None
    t = m["t"]
    try:  # from the groups, not strptime (its first call alone costs some 10 ms of start-up)
        created = datetime.fromisoformat(f"{m['d']}T{t[:2]}:{t[2:4]}:{t[4:]}")
    except ValueError:
        return None
    return created, m["reason"]


def new_backup_path(db_path: Path, reason: str, now: datetime) -> Path:
    if not _REASON_RE.match(reason):
        raise ValueError(f"bad backup reason {reason!r}")
    folder = backups_dir(db_path)
    base = f"{db_path.stem}_{now:%Y-%m-%d_%H%M%S}_{reason}"
    target = folder / f"{base}{SUFFIX}"
    n = 2
    while target.exists():
        target = folder / f"{base}_{n}{SUFFIX}"
        n += 1
    return target


def list_backups(db_path: Path | str) -> list[BackupInfo]:
    """Backups of this data file, newest first."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        parsed = parse_backup_name(db_path.stem, p.name)
        if parsed is None or not p.is_file():
            continue
        st = p.stat()
        # Two backups in one second (backup, then restore): the later written is the newer.
        found.append((parsed[0], st.st_mtime_ns,
                      BackupInfo(path=p, created=parsed[0], size=st.st_size, reason=parsed[1])))
    found.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [x[2] for x in found]


def newest_backup_for(db_path: Path | str) -> BackupInfo | None:
    """The backup to offer when the data file cannot be opened (damaged, deleted)."""
    for b in list_backups(db_path):
        if b.reason not in NOT_RESTORABLE:
            return b
    return None


# --- making backups -------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path, progress: Progress | None = None,
                  *, read_only: bool = False, data_folder: Path | None = None) -> None:
    """Copy source into target (a new file) page by page with the online backup API, then make
    target a self-contained rollback-journal file. target is written beside its final place
    under a temporary name and renamed, so a failure leaves nothing half-written. data_folder:
    where the data file lives (default: source's folder), for the records of leftovers."""
    tmp = target.with_name(f".{target.name}.part")
    tmp.unlink(missing_ok=True)
    # Noted in the data folder's records, so a run killed mid-copy leaves no .part behind.
    with leftovers.writing(tmp, target, data_folder or source.resolve().parent):
        _copy_into(source, tmp, target, progress, read_only)


def _copy_into(source: Path, tmp: Path, target: Path, progress: Progress | None,
               read_only: bool) -> None:
    try:
        src = precheck.connect_read_only(source) if read_only else sqlite3.connect(str(source))
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                pages = -1 if progress is None else 256  # 1 MB steps: a slow stick moves
                src.backup(dst, pages=pages, progress=None if progress is None else
                           (lambda _status, remaining, total: progress(total - remaining, total)))
                # The copy inherits WAL mode from the header; a backup must be one file.
                dst.execute("PRAGMA journal_mode = delete")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for extra in ("-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + extra).unlink(missing_ok=True)
        raise


def os_message(exc: OSError | sqlite3.Error) -> str:
    """What went wrong, in Chinese (models.datafile.faults tells the kinds apart)."""
    kind = faults.kind_of(exc)
    if kind == faults.FULL:
        return "磁盘空间不足"
    if kind == faults.READ_ONLY:
        return "没有写入权限或位置只读"
    if kind == faults.BUSY:
        return "文件正被另一个程序使用"
    if kind == faults.IO:
        return "磁盘读写出错（U 盘是否已拔出？）"
    return f"系统错误（{exc}）"


def _make_backup(db_path: Path, reason: str, progress: Progress | None = None,
                 now: datetime | None = None) -> BackupInfo:
    db_path = Path(db_path)
    if not db_path.is_file():
        raise BackupError(f"找不到数据文件“{db_path}”，无法备份。")
    now = (now or datetime.now()).replace(microsecond=0)
    target = new_backup_path(db_path, reason, now)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_database(db_path, target, progress)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"无法在“{target.parent}”中保存备份：{os_message(exc)}。数据文件本身未受影响。"
        ) from exc
    return BackupInfo(path=target, created=now, size=target.stat().st_size, reason=reason)


def backup_now(db_path: Path | str, progress: Progress | None = None) -> BackupInfo:
    """立即备份: a manual backup into the backups folder."""
    return _make_backup(Path(db_path), "manual", progress)


def backup_before(db_path: Path | str, reason: str) -> BackupInfo:
    """A backup before something that rewrites much of the file: "migration", "restore",
    "import"."""
    return _make_backup(Path(db_path), f"before-{reason}")


def daily_backup(db_path: Path | str, today: date | None = None) -> BackupInfo | None:
    """The automatic backup: at most one a day, then rotation. Call it when the app opens the
    data file (before the day's first write, so it holds the state the day started with).
    Returns the new backup, or None when today's already exists or there is nothing to back up.
    A failure to back up never stops the clerk from working: it is raised as BackupError for the
    caller to show once."""
    db_path = Path(db_path)
    today = today or date.today()
    if not daily_backup_due(db_path, today):
        return None
    now = datetime.combine(today, datetime.now().time())
    info = _make_backup(db_path, "daily", now=now)
    prune_backups(db_path, today)
    return info


def daily_backup_due(db_path: Path | str, today: date | None = None) -> bool:
    """Whether daily_backup would make a backup now: the file has data and today's daily backup
    is not there yet."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    today = today or date.today()
    return not any(b.reason == "daily" and b.created.date() == today
                   for b in list_backups(db_path))


# --- rotation -------------------------------------------------------------------------------


def backups_to_keep(created: Iterable[datetime], today: date) -> set[datetime]:
    """Which backup times rotation keeps (pure; the policy is in the constants above)."""
    stamps = sorted(set(created), reverse=True)
    keep = {c for c in stamps if (today - c.date()).days < KEEP_ALL_DAYS}
    for key, count in (
        (lambda c: c.date(), KEEP_DAILY),
        (lambda c: tuple(c.isocalendar())[:2], KEEP_WEEKLY),
        (lambda c: (c.year, c.month), KEEP_MONTHLY),
    ):
        seen: set[object] = set()
        for c in stamps:  # newest first: the first of each bucket is its newest
            k = key(c)
            if k in seen:
                continue
            if len(seen) == count:
                break
            seen.add(k)
            keep.add(c)
    return keep


def prune_backups(db_path: Path | str, today: date | None = None) -> list[Path]:
    """Delete the backups rotation does not keep; returns what was deleted."""
    today = today or date.today()
    backups = list_backups(db_path)
    keep = backups_to_keep((b.created for b in backups), today)
    gone = []
    for b in backups:
        if b.created not in keep:
            try:
                b.path.unlink()
            except OSError:
                continue  # a backup that cannot be deleted now is simply kept a while longer
            gone.append(b.path)
    return gone


# --- to and from another place --------------------------------------------------------------


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def backup_to(db_path: Path | str, target: Path | str,
              progress: Progress | None = None) -> BackupInfo:
    """备份到…: a backup at a place the clerk chose (a USB stick). An existing file there is
    replaced only once the new copy is complete."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.is_file():
        raise BackupError(f"找不到数据文件“{db_path}”，无法备份。")
    if same_file(db_path, target):
        raise BackupError("备份文件不能是数据文件本身，请另选一个位置或文件名。")
    if not target.parent.is_dir():
        raise BackupError(f"文件夹“{target.parent}”不存在（U 盘是否已拔出？），未备份。")
    if target.is_dir():
        raise BackupError(f"“{target}”是一个文件夹，请给出备份文件的文件名（例如 备份.db）。")
    try:
        copy_database(db_path, target, progress)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"无法备份到“{target}”：{os_message(exc)}。") from exc
    return BackupInfo(path=target, created=datetime.now().replace(microsecond=0),
                      size=target.stat().st_size, reason="manual")
