"""Two copies on one data file, a read-only medium, a network folder: each gets a clear message."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.datafile import lock as il
from models.datafile.restore import restore_from

ROOT = Path(__file__).resolve().parent.parent

HOLDER = """
import sys
from models.datafile.lock import acquire_lock
acquire_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()  # hold until the test closes our stdin or kills us
"""


@contextmanager
def other_copy(db: Path) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        proc.stdin.close()
        proc.stdout.close()


def test_second_copy_refused_naming_the_first(tmp_path: Path) -> None:
    db = tmp_path / "activities.db"
    with other_copy(db) as proc:
        with pytest.raises(il.AlreadyOpenError) as err:
            il.acquire_lock(db)
        text = str(err.value)
        assert "已在另一个社区活动助手窗口中打开" in text
        assert f"进程 {proc.pid}" in text
        assert il._user() in text and il._host() in text
        assert " 起" in text  # since when
    # It quit normally: the file is free again.
    lock = il.acquire_lock(db)
    lock.release()


def test_crashed_copy_leaves_no_stale_lock(tmp_path: Path) -> None:
    db = tmp_path / "activities.db"
    with other_copy(db) as proc:
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        proc.wait(10)
        assert il.lock_path_for(db).read_text(encoding="utf-8")  # its note is still there...
        lock = il.acquire_lock(db)  # ...but the operating system has dropped its lock
        assert f'"pid": {os.getpid()}' in il.lock_path_for(db).read_text(encoding="utf-8")
        lock.release()


def test_same_process_takes_its_own_lock_again(tmp_path: Path) -> None:
    db = tmp_path / "activities.db"
    lock = il.acquire_lock(db)
    try:
        assert il.acquire_lock(db) is lock
        with il.lock_for_writing(db):
            pass
        assert lock.held
    finally:
        lock.release()


def test_restore_refused_while_another_copy_has_the_file(tmp_path: Path) -> None:
    from models.datafile.db import close_database, open_database
    from tests.test_backup import digest

    db = tmp_path / "activities.db"
    open_database(db)
    close_database()
    src = tmp_path / "copy.db"
    open_database(src)
    close_database()
    before = digest(db)
    with other_copy(db), pytest.raises(il.AlreadyOpenError):
        restore_from(db, src)
    assert digest(db) == before


# --- read-only ------------------------------------------------------------------------------


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make path really read-only. chmod does not stop root, so as root use the immutable flag
    (chattr +i), which does; skip where neither works."""
    if os.name == "posix" and os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("root without chattr: cannot make a read-only place here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def test_read_only_folder_gets_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    db = folder / "activities.db"
    from models.datafile.db import close_database, open_database

    open_database(db)
    close_database()
    with read_only(folder):
        with pytest.raises(il.ReadOnlyLocationError, match="只读"):
            il.check_location(db)
        with pytest.raises(il.ReadOnlyLocationError, match="只读"):
            il.InstanceLock(folder / "other.db").acquire()
    il.check_location(db)  # writable again: no complaint


def test_read_only_file_gets_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "activities.db"
    db.write_bytes(b"")
    with read_only(db), pytest.raises(il.ReadOnlyLocationError):
        il.check_location(db)


def test_a_folder_given_as_the_data_file_is_named_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "数据"
    folder.mkdir()
    with pytest.raises(il.FolderNotFileError, match="是一个文件夹，不是数据文件"):
        il.check_location(folder)
    assert list(folder.iterdir()) == []  # nothing made inside it


def test_main_says_a_folder_is_a_folder(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "数据"
    folder.mkdir()
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, str(root / "main.py"), "plans", "--db", str(folder)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "是一个文件夹" in proc.stderr and "只读" not in proc.stderr


# --- network folders ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    r"\\server\share\activities.db",
    r"\\192.168.1.10\居委会\数据\activities.db",
    "//nas/share/activities.db",
    r"\\?\UNC\server\share\activities.db",
])
def test_unc_paths_are_network(path: str) -> None:
    assert il.is_network_path(path)


@pytest.mark.parametrize("path", [
    r"C:\Users\clerk\Documents\activities.db",
    r"\\?\C:\Users\clerk\activities.db",
    "/home/clerk/activities.db",
    "activities.db",
])
def test_local_paths_are_not_network(path: str) -> None:
    assert not il.is_network_path(path, lambda root: 3)  # DRIVE_FIXED


def test_mapped_drive_is_network() -> None:
    types = {"Z:\\": il.DRIVE_REMOTE, "C:\\": 3}
    assert il.is_network_path(r"z:\居委会\activities.db", types.__getitem__)
    assert not il.is_network_path(r"C:\data\activities.db", types.__getitem__)
    assert il.is_network_path(r"\\?\Z:\data\activities.db", types.__getitem__)


def test_mount_table_types() -> None:
    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        "//nas/share /mnt/nas cifs rw 0 0\n"
        "nas:/export /mnt/nas/deeper nfs4 rw 0 0\n"
        "/dev/sdb1 /mnt/nas\\040stick vfat rw 0 0\n"
    )
    assert il.fs_type_from_mounts("/home/a/x.db", mounts) == "ext4"
    assert il.fs_type_from_mounts("/mnt/nas/x.db", mounts) == "cifs"
    assert il.fs_type_from_mounts("/mnt/nas/deeper/x.db", mounts) == "nfs4"
    assert il.fs_type_from_mounts("/mnt/nas stick/x.db", mounts) == "vfat"
    assert il.fs_type_from_mounts("/mnt/nasty/x.db", mounts) == "ext4"


@pytest.mark.skipif(sys.platform == "win32", reason="a UNC string is a real path on Windows")
def test_check_location_refuses_unc(tmp_path: Path) -> None:
    with pytest.raises(il.NetworkLocationError, match="网络共享文件夹"):
        il.check_location(Path(r"\\server\share\activities.db"))
    il.check_location(tmp_path / "activities.db")
