"""Crash safety of the residents' import: `main.py residents import` of a large file is killed
(SIGKILL) at random moments; after every kill PRAGMA integrity_check is ok and the residents are
all there or none of them (with their search index)."""
from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.datafile.db import close_database, open_database
from tests.resident_factory import write_residents_csv

ROOT = Path(__file__).resolve().parent.parent
KILLS = 22  # kills in all, at least
IN_WRITE = 8  # of which at least this many land inside the write transaction
MAX_KILLS = 80  # a loaded machine may need more tries to land enough of them there
ROWS = 3000


def _counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        residents = con.execute("SELECT count(*) FROM resident").fetchone()[0]
        indexed = con.execute("SELECT count(*) FROM resident_fts").fetchone()[0]
        return residents, indexed
    finally:
        con.close()


def _writing(db: Path) -> bool:
    """Whether another process is inside its write transaction (holds SQLite's write lock)."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        con.close()


def _import(db: Path, source: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "main.py", "residents", "import", str(source), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; TerminateProcess differs")
def test_residents_import_survives_sigkill(tmp_path: Path) -> None:
    source = write_residents_csv(tmp_path / "居民.csv", ROWS)
    empty = tmp_path / "empty.db"
    open_database(empty)
    close_database()
    db = tmp_path / "activities.db"

    def fresh() -> None:
        for extra in ("", "-wal", "-shm"):
            Path(str(db) + extra).unlink(missing_ok=True)
        shutil.copy(empty, db)

    # One run to the end: when it writes, for how long, and how many residents a whole import
    # leaves.
    fresh()
    started = time.perf_counter()
    proc = _import(db, source)
    seen: list[float] = []
    while proc.poll() is None:
        if _writing(db):
            seen.append(time.perf_counter() - started)
        time.sleep(0.002)
    assert proc.returncode == 0, proc.stderr.read()
    proc.stderr.close()
    assert seen, "the import was never seen writing"
    write_from, write_span = seen[0], seen[-1] - seen[0] + 0.01
    full, _ = _counts(db)
    assert full > ROWS * 0.95

    rng = random.Random(5)
    outcomes = {"none": 0, "all": 0}
    in_write = 0
    fresh()
    k = 0
    while k < KILLS or (in_write < IN_WRITE and k < MAX_KILLS):
        k += 1
        proc = _import(db, source)
        if k % 4 == 3:
            # Now and then while starting up or reading the file.
            time.sleep(rng.uniform(0.1, 0.9) * write_from)
        else:
            # Mostly inside the write transaction, at a random point of it (or its commit).
            deadline = time.perf_counter() + 60
            while not _writing(db) and proc.poll() is None and time.perf_counter() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, write_span))
        in_write += _writing(db)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        proc.stderr.close()
        residents, indexed = _counts(db)
        assert residents in (0, full), f"a killed import left {residents} of {full} residents"
        assert indexed == residents
        if residents:
            outcomes["all"] += 1
            fresh()  # start the next import from an empty register again
        else:
            outcomes["none"] += 1
    print(f"{k} kills: {in_write} inside the write transaction; "
          f"{outcomes['none']} left nothing, {outcomes['all']} left every resident")
    # Kills that land while rows are being written prove the rollback; there must be many.
    assert k >= KILLS and in_write >= IN_WRITE
