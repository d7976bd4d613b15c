"""What a killed run leaves behind, found and removed on the next start.

Every file written under a temporary name beside its target (an export, a backup's ".part", a
restore's ".restoring") is noted first in a small record in the data folder:

    <data folder>/.caa-writing/<pid>-<random>.json    {"temp": ..., "target": ...}

The writer holds the operating system's lock on its record while it writes and deletes the record
when done, however the write ends. A process killed (kill -9, power cut) drops the lock but leaves
the record, so the next start (window or command line: sweep) finds records nobody holds and
deletes the temporary files they name, then the records, and says so in the log. Only a path
that was recorded and still has the temporary naming of its target is ever deleted: never a
clerk's own file.
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from models.datafile.lock import try_lock, unlock

RECORD_DIR = ".caa-writing"
LOG_NAME = "leftovers.log"
# A record still empty (its writer between creating and filling it) is left alone this long.
_YOUNG_SECONDS = 60
_log = logging.getLogger("caa.leftovers")


def current_folder() -> Path:
    """The data folder of the data file open in this process (else the default data folder)."""
    db = sys.modules.get("models.datafile.db")  # not imported here: no peewee for this
    obj = getattr(getattr(db, "database", None), "obj", None)
    name = getattr(obj, "database", None)
    if isinstance(name, str) and name and name != ":memory:":
        return Path(name).resolve().parent
    from models.datafile.paths import data_dir

    return data_dir()


def is_temp_name(temp: Path, target: Path) -> bool:
    """Whether temp is named as this program names a temporary file for target, beside it."""
    if temp.parent != target.parent:
        return False
    if temp.name in (f".{target.name}.part", f".{target.name}.restoring"):
        return True
    # exporters.atomic: ".<stem>.<8 or more letters/digits>.<suffix>"
    pattern = rf"\.{re.escape(target.stem)}\.[0-9A-Za-z_]{{8,}}{re.escape(target.suffix)}"
    return re.fullmatch(pattern, temp.name) is not None


@contextmanager
def writing(temp: Path | str, target: Path | str, folder: Path | None = None) -> Iterator[None]:
    """Note temp (the temporary file for target) in the data folder's records while the block
    runs. A record that cannot be written (a read-only data folder) does not stop the write."""
    temp, target = Path(temp).absolute(), Path(target).absolute()
    record = _start(temp, target, folder or current_folder())
    try:
        yield
    finally:
        if record is not None:
            _finish(*record)


def _start(temp: Path, target: Path, folder: Path) -> tuple[Path, BinaryIO] | None:
    records = folder / RECORD_DIR
    path = records / f"{os.getpid()}-{secrets.token_hex(6)}.json"
    try:
        records.mkdir(parents=True, exist_ok=True)
        fh = open(path, "x+b")  # noqa: SIM115 - held open (and locked) while the write runs
    except OSError:
        return None
    try:
        try_lock(fh)
        fh.seek(0)  # (on Windows try_lock moved to the locked byte far past the text)
        fh.write(json.dumps({"temp": str(temp), "target": str(target), "pid": os.getpid(),
                             "started": datetime.now().isoformat(timespec="seconds")},
                            ensure_ascii=False).encode("utf-8"))
        fh.flush()
    except OSError:
        _finish(path, fh)
        return None
    return path, fh


def _finish(path: Path, fh: BinaryIO) -> None:
    try:
        unlock(fh)
    finally:
        fh.close()
        with suppress(OSError):  # the next sweep finds it unheld, with nothing left to remove
            path.unlink()


def sweep(folder: Path | str) -> list[Path]:
    """Remove what killed runs left (see the module's docstring) and return what was removed.
    Records a live writer holds are left alone; nothing here ever raises."""
    records = Path(folder) / RECORD_DIR
    try:
        found = sorted(records.glob("*.json"))
    except OSError:
        return []
    removed: list[Path] = []
    for record in found:
        try:
            removed.extend(_sweep_one(record))
        except OSError:
            continue
    if removed:
        _note(Path(folder), removed)
    return removed


def _sweep_one(record: Path) -> list[Path]:
    with open(record, "r+b") as fh:
        if not try_lock(fh):
            return []  # its writer is still at work
        try:
            fh.seek(0)
            info = json.loads(fh.read(8192).decode("utf-8") or "{}")
        except ValueError:
            info = {}
        finally:
            unlock(fh)
    temp, target = info.get("temp"), info.get("target")
    if not (isinstance(temp, str) and isinstance(target, str)):
        if time.time() - record.stat().st_mtime < _YOUNG_SECONDS:
            return []
        record.unlink()
        return []
    gone = []
    temp_path = Path(temp)
    if is_temp_name(temp_path, Path(target)):
        # SQLite's own files beside a half-made backup go with it.
        for extra in ("", "-journal", "-wal", "-shm"):
            p = temp_path.with_name(temp_path.name + extra)
            if p.is_file():
                p.unlink()
                gone.append(p)
    record.unlink()
    return gone


def _note(folder: Path, removed: list[Path]) -> None:
    """Say in the log what was removed: the app's log folder, else this data folder's."""
    from models.datafile.paths import log_dir

    stamp = datetime.now().isoformat(timespec="seconds")
    lines = "".join(f"{stamp} 已删除上次中断时留下的临时文件：{p}\n" for p in removed)
    _log.info("removed leftovers: %s", ", ".join(map(str, removed)))
    for logs in (log_dir(), folder / "logs"):
        try:
            logs.mkdir(parents=True, exist_ok=True)
            with open(logs / LOG_NAME, "a", encoding="utf-8") as out:
                out.write(lines)
            return
        except OSError:
            continue
