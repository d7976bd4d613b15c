"""One copy of the app per data file, and a data file only where SQLite can keep it safe.

The lock is a small file beside the data file ("activities.db.lock") holding who opened it and
when, locked with the operating system's own file lock (msvcrt.locking on Windows, fcntl.flock
elsewhere). The operating system drops that lock when the process ends, however it ends, so a
crashed app never leaves the file locked: the next start simply takes the lock over.

A data file on a network folder is refused: SQLite's WAL mode needs shared memory that network
file systems do not provide, and two computers writing one file through a share corrupt it.
"""
from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from models.common.errors import UserError

# Windows locks byte ranges and forbids reading a locked range, so lock one byte far past the
# text: a second copy can still read who holds the lock.
_LOCK_OFFSET = 1 << 20

DRIVE_REMOTE = 4  # GetDriveTypeW
NETWORK_FS_TYPES = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "fuse.sshfs",
                    "davfs", "fuse.davfs", "ncpfs", "glusterfs", "ceph"}


class AlreadyOpenError(UserError):
    """The data file is open in another copy of the app."""


class LocationError(UserError):
    """The data file is somewhere the app cannot keep it safe (read-only, network)."""


class ReadOnlyLocationError(LocationError):
    pass


class FolderNotFileError(LocationError):
    pass


class NetworkLocationError(LocationError):
    pass


def lock_path_for(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _holder_text(info: dict[str, object]) -> str:
    who = info.get("user") or "未知用户"
    host = info.get("host") or "未知电脑"
    since = str(info.get("started") or "")
    with suppress(ValueError):
        since = datetime.fromisoformat(since).strftime("%Y-%m-%d %H:%M")
    pid = info.get("pid", "?")
    return f"用户“{who}”在电脑“{host}”上（进程 {pid}），自 {since or '未知时间'} 起"


def _refusal(name: str, info: dict[str, object], command: str) -> str:
    """Why the lock was refused: who holds it (a window or a command), and what to do."""
    if info.get("command"):
        held = (f"数据文件“{name}”正由社区活动助手命令“{info['command']}”使用："
                f"{_holder_text(info)}。")
        what = "请等该命令完成后再"
    else:
        held = f"数据文件“{name}”已在另一个社区活动助手窗口中打开：{_holder_text(info)}。"
        what = "同一数据文件同时只能由一个窗口或命令修改，请先关闭那个窗口再"
    if command:
        return held + what + "运行此命令。本命令未作任何改动。"
    return held + what + "打开。"


class InstanceLock:
    """Held while the app has the data file open; release() or process end frees it."""

    def __init__(self, db_path: Path | str, command: str = "") -> None:
        self.db_path = Path(db_path)
        self.command = command  # "" for the window; the command line's words otherwise
        self.path = lock_path_for(self.db_path)
        self._fh: BinaryIO | None = None
        self.created = False

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> None:
        if self._fh is not None:
            return
        self.created = not self.path.exists()
        try:
            # The first start: the data folder does not exist yet (open_database would make it).
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # "a+": never truncate a lock another copy holds before we know we have it.
            fh = open(self.path, "a+b")  # noqa: SIM115 - held open on purpose
        except OSError as exc:
            raise ReadOnlyLocationError(
                f"无法在“{self.path.parent}”中建立锁定文件（{exc.strerror or exc}）。"
                "数据文件所在的位置可能是只读的，请把它复制到本机的可写文件夹后再打开。"
            ) from exc
        if not _try_lock(fh):
            fh.seek(0)
            try:
                info = json.loads(fh.read(4096).decode("utf-8") or "{}")
            except ValueError:
                info = {}
            fh.close()
            raise AlreadyOpenError(_refusal(self.db_path.name, info, self.command))
        info = {
            "command": self.command,
            "pid": os.getpid(),
            "user": _user(),
            "host": _host(),
            "started": datetime.now().isoformat(timespec="seconds"),
        }
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(info, ensure_ascii=False).encode("utf-8"))
        fh.flush()
        self._fh = fh

    def release(self, *, remove_if_created: bool = False) -> None:
        """Give the lock back. remove_if_created: also delete the lock file when this lock made
        it, so a file that was refused leaves its folder exactly as it was."""
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            fh.seek(0)
            fh.truncate()
            fh.flush()
        except OSError:
            pass
        if remove_if_created and self.created:
            # Still holding the lock while deleting: no other copy can be half-way through it.
            with suppress(OSError):
                self.path.unlink()
        _unlock(fh)
        fh.close()
        _HELD.pop(_key(self.db_path), None)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _host() -> str:
    # Not socket.gethostname(): the app touches no socket API at all.
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return os.uname().nodename


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing over
        return ""


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fh: BinaryIO) -> bool:
        fh.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: BinaryIO) -> None:
        fh.seek(_LOCK_OFFSET)
        with suppress(OSError):
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fh: BinaryIO) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fh: BinaryIO) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# For other locks held the same way (models.datafile.leftovers' records).
try_lock = _try_lock
unlock = _unlock

# Locks this process holds, so opening the same file twice in one process (the window, then a
# restore from its dialog) does not lock itself out.
_HELD: dict[str, InstanceLock] = {}


def _key(db_path: Path) -> str:
    return os.path.normcase(str(Path(db_path).resolve()))


def acquire_lock(db_path: Path | str, command: str = "") -> InstanceLock:
    """Take the data file's lock for this process (the GUI at start, a writing command: its
    words in command) or raise AlreadyOpenError naming the copy that holds it."""
    key = _key(Path(db_path))
    lock = _HELD.get(key)
    if lock is None or not lock.held:
        lock = InstanceLock(db_path, command)
        lock.acquire()
        _HELD[key] = lock
    return lock


@contextmanager
def lock_for_writing(db_path: Path | str, command: str = "") -> Iterator[None]:
    """Hold the lock for a rewrite of the whole file (restore): kept if this process already
    holds it, taken and given back otherwise."""
    key = _key(Path(db_path))
    if key in _HELD and _HELD[key].held:
        yield
        return
    lock = acquire_lock(db_path, command)
    try:
        yield
    finally:
        lock.release()


# --- where the data file may live -----------------------------------------------------------


def is_network_path(path: str, drive_type: Callable[[str], int] | None = None) -> bool:
    r"""True for a UNC path (\\server\share\..., //server/share/..., \\?\UNC\server\...) or, when
    drive_type is given (GetDriveTypeW on Windows), a drive letter mapped to a network share."""
    p = path.replace("/", "\\")
    upper = p.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return True
    if upper.startswith(("\\\\?\\", "\\\\.\\")):
        p = p[4:]  # a local long path or device path: judge the drive inside it
    elif p.startswith("\\\\"):
        return True
    if drive_type is not None and len(p) >= 2 and p[1] == ":" and p[0].isalpha():
        return drive_type(p[0].upper() + ":\\") == DRIVE_REMOTE
    return False


def _windows_drive_type(root: str) -> int:
    import ctypes

    # Only _on_network calls it, on Windows; the check also tells mypy, which knows
    # ctypes.windll only when it checks for Windows.
    if sys.platform != "win32":
        raise OSError("GetDriveTypeW is a Windows call")
    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def fs_type_from_mounts(path: str, mounts: str) -> str:
    """File-system type of path from /proc/mounts text (longest matching mount point wins)."""
    best, best_type = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, best_type = point, parts[2]
    return best_type


def _on_network(path: Path) -> bool:
    text = str(path.resolve()) if not str(path).startswith(("\\\\", "//")) else str(path)
    if sys.platform == "win32":
        return is_network_path(text, _windows_drive_type)
    if is_network_path(text):
        return True
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return fs_type_from_mounts(text, mounts) in NETWORK_FS_TYPES


def _can_write_in(folder: Path) -> bool:
    # Try it rather than trust permission bits: os.access says yes to an administrator (root)
    # even where a write fails, e.g. on a read-only mounted stick or an immutable folder.
    probe = folder / f".caa-write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return True
    except OSError:
        return False
    os.close(fd)
    with suppress(OSError):
        os.unlink(probe)
    return True


def _can_write_file(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


def check_location(db_path: Path | str) -> None:
    """Refuse a data file on a network folder or a read-only medium, in words a clerk can act
    on. Changes nothing."""
    db_path = Path(db_path)
    if _on_network(db_path):
        raise NetworkLocationError(
            f"数据文件“{db_path}”位于网络共享文件夹中。在网络文件夹上使用数据文件可能损坏数据，"
            "请把它复制到本机硬盘（例如“文档”文件夹）后再打开；需要共享时请用“备份到…”。"
        )
    if db_path.is_dir():  # a folder chosen instead of the file in it
        raise FolderNotFileError(
            f"“{db_path}”是一个文件夹，不是数据文件。"
            "请选择文件夹中的数据文件（例如 activities.db）。")
    if db_path.exists() and not db_path.is_file():  # a device (/dev/null), a pipe
        raise FolderNotFileError(f"“{db_path}”不是一个普通文件，不是数据文件，未作任何改动。")
    folder = db_path.parent if str(db_path.parent) else Path(".")
    if not folder.is_dir():
        return  # open_database creates it, or says the file is missing
    # SQLite writes the -wal and -shm files beside the data file, so the folder must be writable.
    if not _can_write_in(folder) or (db_path.exists() and not _can_write_file(db_path)):
        raise ReadOnlyLocationError(
            f"数据文件“{db_path}”所在的位置是只读的（例如写保护的 U 盘、光盘或只读文件夹），"
            "无法保存任何修改。请把数据文件复制到本机的可写文件夹后再打开。"
        )
