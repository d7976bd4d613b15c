"""Putting a backup back: 从备份恢复. The backup is checked first (ours, sound, not from a newer
version; it is only read), the current data file is kept aside as a backup of its own, and a copy
of the backup takes its place in one rename. A data file this process has open is closed and
reopened around the swap, so the window carries on with the restored data.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from models.datafile import backup as bk
from models.datafile import leftovers, precheck
from models.datafile.db import SCHEMA_VERSION, close_database, database, open_database
from models.datafile.lock import lock_for_writing


def check_backup_file(source: Path | str) -> int:
    """Refuse a file that cannot be restored: not ours, damaged, or from a newer version.
    The file is only read. Returns its schema version."""
    source = Path(source)
    if not source.is_file():
        raise bk.BackupError(f"找不到备份文件“{source}”。")
    app_id, version = precheck.inspect_file(source)  # raises NotADataFile / Damaged
    if app_id != precheck.APPLICATION_ID:
        raise precheck.NotADataFileError(
            f"“{source.name}”不是本软件的数据文件或备份，未作任何改动。")
    if version > SCHEMA_VERSION:
        raise precheck.NewerVersionError(
            f"备份“{source.name}”由更新版本的社区活动助手写入（数据版本 {version}，本程序支持到 "
            f"{SCHEMA_VERSION}），不能用来恢复。请先升级本软件。"
        )
    problems = integrity_problems(source)
    if problems:
        raise precheck.DamagedFileError(
            f"备份“{source.name}”已损坏（完整性检查未通过），不能用来恢复，文件未作任何改动。"
        )
    return version


def integrity_problems(path: Path) -> list[str]:
    """PRAGMA integrity_check of a file opened read-only; [] when it is sound."""
    try:
        con = precheck.connect_read_only(path)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _is_open_here(db_path: Path) -> bool:
    db = database.obj
    return db is not None and not db.is_closed() and bk.same_file(Path(db.database), db_path)


def _settle_wal(db_path: Path) -> None:
    """Fold the -wal file into the data file and leave rollback mode, so no stale -wal can be
    applied to the file that replaces it. Fails if another program still has it open."""
    con = sqlite3.connect(str(db_path), timeout=2)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode = delete").fetchone()[0]
    finally:
        con.close()
    if str(mode).lower() != "delete":
        raise bk.BackupError(
            "数据文件正被另一个程序使用，无法恢复。请关闭其他社区活动助手窗口后重试。")


def _keep_aside(db_path: Path) -> tuple[bk.BackupInfo, bool]:
    """Keep the file about to be replaced; (its backup, whether it was a sound data file)."""
    try:
        precheck.inspect_file(db_path)
    except precheck.DataFileError:
        # A damaged or foreign file is not live: keep its bytes (and any -wal) as they are.
        now = datetime.now().replace(microsecond=0)
        target = bk.new_backup_path(db_path, "damaged", now)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(db_path, target)
            wal = db_path.with_name(db_path.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        except OSError as exc:
            raise bk.BackupError(f"无法保留原数据文件：{bk.os_message(exc)}。未恢复。") from exc
        return bk.BackupInfo(target, now, target.stat().st_size, "damaged"), False
    return bk.backup_before(db_path, "restore"), True


def restore_from(db_path: Path | str, source: Path | str,
                 command: str = "") -> bk.BackupInfo | None:
    """从备份恢复: check source, keep the current data file aside as a backup, then put a copy of
    source in its place in one rename. If this process had the data file open, it is reopened,
    now holding the restored data. Returns the backup of the replaced file (None when there was
    no data file). The source file is only read. command: the command line's words, when the
    command line restores (see models.datafile.lock)."""
    db_path, source = Path(db_path), Path(source)
    if bk.same_file(db_path, source):
        raise bk.BackupError("不能用数据文件本身来恢复，请选择一个备份文件。")
    check_backup_file(source)
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    folder = db_path.resolve().parent
    with lock_for_writing(db_path, command), leftovers.writing(tmp, db_path, folder):
        try:
            bk.copy_database(source, tmp, read_only=True, data_folder=folder)
        except (OSError, sqlite3.Error) as exc:
            raise bk.BackupError(f"无法恢复：{bk.os_message(exc)}。数据文件未作改动。") from exc
        try:
            if integrity_problems(tmp):
                raise bk.BackupError("恢复时复制出的文件未通过完整性检查，数据文件未作改动。")
            aside = None
            was_open = _is_open_here(db_path)
            sound = True
            if db_path.exists():
                aside, sound = _keep_aside(db_path)
            if was_open:
                close_database()
            try:
                if db_path.exists() and sound:
                    _settle_wal(db_path)
                try:
                    os.replace(tmp, db_path)
                except OSError as exc:
                    raise bk.BackupError(
                        f"无法替换数据文件：{bk.os_message(exc)}。原数据未作改动"
                        + (f"，另存于“{aside.path}”。" if aside else "。")
                    ) from exc
                for extra in ("-wal", "-shm"):
                    db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
            finally:
                if was_open:  # carry on with the restored data, or the old data on failure
                    open_database(db_path)
        finally:
            tmp.unlink(missing_ok=True)
    return aside
