"""The command line respects the window's lock, and odd input ends in Chinese, not a traceback
(issue 10, defects 12, 13 and 14)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.resident_factory import write_residents_csv

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_plain_refusal(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert "错误" in proc.stderr, proc.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "activities.db"
    proc = run("demo", "--db", str(db), "--residents", "50")
    assert proc.returncode == 0, proc.stderr
    return db


HOLDER = """
import sys, time
from models.datafile.lock import acquire_lock
acquire_lock(sys.argv[1], command=sys.argv[2])
print("held", flush=True)
time.sleep(120)
"""


@contextmanager
def other_process_holding(db: Path, command: str = "") -> Iterator[None]:
    """A second process holding the data file's lock: the window ("") or a command."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), command], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert proc.stdout.readline().strip() == "held"
        yield
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()


@pytest.mark.parametrize("command", [
    ("residents", "import", "{csv}"),
    ("demo", "--force"),
    ("cleanup", "--years", "1", "--yes"),
    ("restore", "--from", "{backup}"),
], ids=lambda c: c[0])
def test_writing_commands_are_refused_while_the_window_has_the_file(
        command: tuple[str, ...], demo_db: Path, tmp_path: Path) -> None:
    csv = write_residents_csv(tmp_path / "居民.csv", 20)
    backup = tmp_path / "copy.db"
    assert run("backup", "--db", str(demo_db), "--out", str(backup)).returncode == 0
    before = digest(demo_db)
    with other_process_holding(demo_db):
        proc = run(*(a.format(csv=csv, backup=backup) for a in command), "--db", str(demo_db))
    assert_plain_refusal(proc)
    assert "已在另一个社区活动助手窗口中打开" in proc.stderr, proc.stderr
    assert "未作任何改动" in proc.stderr
    assert digest(demo_db) == before
    # Reading is not writing: listing and exporting still work beside the window.
    with other_process_holding(demo_db):
        listed = run("plans", "--db", str(demo_db))
    assert listed.returncode == 0 and "共 9 个方案" in listed.stdout, listed.stderr


def test_a_second_import_is_refused_at_once_naming_the_first(demo_db: Path,
                                                              tmp_path: Path) -> None:
    csv = write_residents_csv(tmp_path / "居民.csv", 20)
    before = digest(demo_db)
    with other_process_holding(demo_db, "residents import"):
        proc = run("residents", "import", str(csv), "--db", str(demo_db))
    assert_plain_refusal(proc)
    assert "命令“residents import”" in proc.stderr, proc.stderr
    assert digest(demo_db) == before
    # Once the first is done the second goes through, and gives the lock back.
    proc = run("residents", "import", str(csv), "--db", str(demo_db))
    assert proc.returncode == 0, proc.stderr
    with other_process_holding(demo_db):
        pass


def test_report_in_a_missing_folder_is_refused_before_importing(demo_db: Path,
                                                                 tmp_path: Path) -> None:
    csv = write_residents_csv(tmp_path / "居民.csv", 20)
    before = digest(demo_db)
    proc = run("residents", "import", str(csv), "--db", str(demo_db),
               "--report", str(tmp_path / "missing" / "r.xlsx"))
    assert_plain_refusal(proc)
    assert "不存在" in proc.stderr and "未导入" in proc.stderr, proc.stderr
    assert digest(demo_db) == before


ODD = [
    ("cleanup", "--years", "2026"),
    ("cleanup", "--years", "99999999999999999999"),
    ("residents", "figures", "--on", "0001-01-01"),
    ("residents", "figures", "--on", "2026-02-30"),
    ("residents", "search", "王", "--limit", "99999999999999999999"),
    ("residents", "search", "王", "--limit", "-3"),
    ("residents", "export", "--out", "{tmp}/nowhere/r.csv"),
    ("residents", "export", "--out", "{tmp}"),
    ("residents", "import", "{tmp}"),
    ("residents", "import", "{tmp}/missing.xlsx"),
    ("signups", "--activity", "99999999999999999999"),
    ("signups", "--activity", "0"),
    ("export", "plan", "--id", "99999999999999999999", "--out", "{tmp}/p.pdf"),
    ("export", "plan", "--id", "1", "--out", "{tmp}/nowhere/p.pdf"),
    ("export", "plan", "--id", "1", "--out", "{tmp}/p.txt"),
    ("export", "roster", "--activity", "1", "--out", "{tmp}/nowhere/r.xlsx"),
    ("export", "signin", "--activity", "1", "--out", "{tmp}/nowhere/s.pdf"),
    ("export", "attendance", "--activity", "-1", "--out", "{tmp}/a.xlsx"),
    ("backup", "--out", "{tmp}"),
    ("backup", "--out", "{tmp}/nowhere/b.db"),
    ("restore", "--from", "{tmp}"),
    ("demo", "--residents", "99999999999999999999"),
    ("demo", "--signups", "-1"),
]


@pytest.mark.parametrize("args", ODD, ids=lambda a: " ".join(a)[:50])
def test_odd_input_is_refused_in_chinese(args: tuple[str, ...], demo_db: Path,
                                         tmp_path: Path) -> None:
    before = digest(demo_db)
    proc = run(*(a.format(tmp=tmp_path) for a in args), "--db", str(demo_db))
    assert_plain_refusal(proc)
    assert digest(demo_db) == before
    assert not list(tmp_path.glob(".*")), list(tmp_path.glob(".*"))  # no temporary left


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/null is POSIX")
@pytest.mark.parametrize("command", [("plans",), ("demo", "--force"), ("check",), ("backup",),
                                     ("residents", "search", "王")], ids=lambda c: c[0])
def test_a_device_as_data_file_is_refused(command: tuple[str, ...]) -> None:
    proc = run(*command, "--db", os.devnull)
    assert_plain_refusal(proc)
    assert "不是" in proc.stderr, proc.stderr
    assert not Path(os.devnull + ".lock").exists()


def test_a_huge_plan_number_for_the_window_is_refused(demo_db: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "main.py", "--db", str(demo_db), "--open-plan",
                           "99999999999999999999", "--screenshot", str(tmp_path / "s.png")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert_plain_refusal(proc)
    assert "--open-plan" in proc.stderr and not (tmp_path / "s.png").exists()
