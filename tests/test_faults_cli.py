"""Faults of the disk, told as what they are (issue 10, defect 11): a read-only folder, a read-only
(immutable) data file and a full disk each give the right Chinese message, no traceback, a
non-zero exit, and the data file byte for byte as it was.

Tests run as root, where chmod stops no write: the read-only folder is a read-only bind mount, the
read-only file is `chattr +i`, the full disk a small tmpfs. Where the machine cannot make one (no
privileges, another system) the test is skipped with the reason.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.resident_factory import write_residents_csv

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="mounts and chattr are Linux's")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr, proc.stderr
    assert "已损坏" not in proc.stderr, proc.stderr  # the file is fine: never "damaged"
    assert proc.stderr.startswith("错误："), proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr
    # No success printed first.
    assert "已在" not in proc.stdout and "已导入" not in proc.stdout, proc.stdout


def _sh(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "activities.db"
    proc = run("demo", "--db", str(db), "--residents", "300")
    assert proc.returncode == 0, proc.stderr
    for extra in ("-wal", "-shm"):
        assert not db.with_name(db.name + extra).exists()
    return db


@pytest.fixture()
def people_csv(tmp_path: Path) -> Path:
    return write_residents_csv(tmp_path / "居民.csv", 3000, seed=7)


@pytest.fixture()
def read_only_folder(tmp_path: Path, demo_db: Path) -> Iterator[Path]:
    """A folder holding a copy of the demo data file, mounted read-only (as a write-protected
    stick is)."""
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy2(demo_db, source / "activities.db")
    mounted = tmp_path / "ro"
    mounted.mkdir()
    if not _sh("mount", "--bind", str(source), str(mounted)):
        pytest.skip("cannot make a bind mount here (needs root / CAP_SYS_ADMIN)")
    try:
        if not _sh("mount", "-o", "remount,ro,bind", str(mounted)):
            pytest.skip("cannot remount the bind mount read-only here")
        yield mounted
    finally:
        if not _sh("umount", str(mounted)):
            _sh("umount", "-l", str(mounted))  # still busy: detach it all the same


@pytest.fixture()
def immutable_file(tmp_path: Path, demo_db: Path) -> Iterator[Path]:
    """A copy of the demo data file in a writable folder, the file itself immutable."""
    db = tmp_path / "activities.db"
    shutil.copy2(demo_db, db)
    if not _sh("chattr", "+i", str(db)):
        pytest.skip("chattr +i is refused here (not root, or the file system has no such flag)")
    try:
        yield db
    finally:
        _sh("chattr", "-i", str(db))


WRITES = [
    ("residents", "import", "{csv}"),
    ("demo", "--force"),
    ("cleanup", "--years", "1", "--yes"),
]


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_read_only_folder_is_told_as_read_only(command: tuple[str, ...], read_only_folder: Path,
                                               people_csv: Path) -> None:
    db = read_only_folder / "activities.db"
    before = digest(db)
    proc = run(*(a.format(csv=people_csv) for a in command), "--db", str(db))
    assert_refused(proc, "只读")
    assert digest(db) == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["activities.db"]


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_read_only_file_is_told_as_read_only(command: tuple[str, ...], immutable_file: Path,
                                             people_csv: Path) -> None:
    before = digest(immutable_file)
    proc = run(*(a.format(csv=people_csv) for a in command), "--db", str(immutable_file))
    assert_refused(proc, "只读")
    assert digest(immutable_file) == before


def test_reading_from_a_read_only_folder_still_works(read_only_folder: Path) -> None:
    db = read_only_folder / "activities.db"
    proc = run("check", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "完整性检查：通过" in proc.stdout


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _sh("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)):
        pytest.skip("cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN)")
    try:
        yield folder
    finally:
        if not _sh("umount", str(folder)):
            _sh("umount", "-l", str(folder))  # still busy: detach it all the same


def _fill(folder: Path, leave: int) -> None:
    """Fill the disk holding folder until only about `leave` bytes are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(folder / "filler.bin", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
        fh.flush()
        os.fsync(fh.fileno())


def test_full_disk_during_import_says_so_and_leaves_no_backup(small_disk: Path, demo_db: Path,
                                                              people_csv: Path) -> None:
    db = small_disk / "activities.db"
    shutil.copy2(demo_db, db)
    # Room for the before-import backup (a copy of the file) and a little more, not for 3,000
    # residents: the import itself runs out of space.
    _fill(small_disk, db.stat().st_size + 160 * 1024)
    before = digest(db)
    for _attempt in range(3):  # a clerk retrying: no backup piles up
        proc = run("residents", "import", str(people_csv), "--db", str(db))
        assert_refused(proc, "磁盘空间不足")
        assert proc.stderr.count("错误") == 1, proc.stderr
        backups = small_disk / "backups"
        left = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
        assert not [n for n in left if "before-import" in n], left
        assert not [n for n in left if n.endswith(".part")], left
    assert digest(db) == before
    check = run("check", "--db", str(db))
    assert check.returncode == 0 and "完整性检查：通过" in check.stdout, check.stderr


def test_the_window_says_read_only_too(read_only_folder: Path, immutable_file: Path) -> None:
    from models.datafile.lock import LocationError
    from models.datafile.opening import open_for_app

    for db in (read_only_folder / "activities.db", immutable_file):
        before = digest(db)
        with pytest.raises(LocationError) as err:
            open_for_app(db)
        assert "只读" in str(err.value) and "损坏" not in str(err.value)
        assert digest(db) == before


def test_full_disk_during_cleanup_leaves_no_backup(small_disk: Path) -> None:
    """The personal-data cleanup on a full disk: the clerk's retries leave no backups behind."""
    from datetime import datetime

    from models.datafile.db import close_database, database, open_database
    from models.signups.records import NewSignup
    from models.signups.service import sign_up
    from tests.signup_factory import make_activity

    db = small_disk / "activities.db"
    open_database(db)
    try:
        plan = make_activity("旧活动", start=datetime(2015, 6, 1, 9))
        for i in range(300):
            sign_up(plan, NewSignup(name=f"居民{i}", phone=f"139{i:08d}", notes="备注" * 20),
                    now=datetime(2015, 5, 1))
        database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database()
    _fill(small_disk, db.stat().st_size + 96 * 1024)
    before = digest(db)
    for _attempt in range(2):
        proc = run("cleanup", "--years", "2", "--yes", "--db", str(db))
        assert_refused(proc, "磁盘空间不足")
        left = sorted(p.name for p in (small_disk / "backups").iterdir())
        assert not [n for n in left if "before-cleanup" in n or n.endswith(".part")], left
    assert digest(db) == before
