"""How long backups and restores take on a large data file, against a plain file copy.

    python bench/backup_bench.py [PLANS]

Prints seconds and the ratio to shutil.copyfile of the same file (the floor for any copy).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.datafile import backup as bk
from models.datafile.db import close_database, open_database
from models.datafile.health import check_file
from models.datafile.restore import restore_from
from models.plans.records import AgendaRow, BudgetRow, PlanRecord
from models.plans.service import save_plan


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "activities.db"
        open_database(db)
        for i in range(n):
            save_plan(PlanRecord(
                title=f"方案{i}", background="背景说明" * 200,
                agenda=[AgendaRow(what=f"环节{k}" * 5) for k in range(20)],
                budget=[BudgetRow(item=f"物品{k}") for k in range(20)],
            ))
        size = db.stat().st_size + db.with_name(db.name + "-wal").stat().st_size
        close_database()
        open_database(db)  # the app's situation: the file is open while it is backed up
        base = timed(lambda: shutil.copyfile(db, Path(tmp) / "plain.db"))
        rows = [
            ("backup_now (online API)", timed(lambda: bk.backup_now(db))),
            ("backup_to (with progress)", timed(
                lambda: bk.backup_to(db, Path(tmp) / "usb.db", progress=lambda d, t: None))),
            ("check_file (integrity_check)", timed(lambda: check_file(db))),
            ("restore_from (check, keep aside, replace, reopen)",
             timed(lambda: restore_from(db, Path(tmp) / "usb.db"))),
        ]
        close_database()
        print(f"{n} plans, data file {size / 1e6:.1f} MB; plain copy {base:.3f} s")
        for name, secs in rows:
            print(f"  {name:<52} {secs:7.3f} s   x{secs / base:6.1f}")


if __name__ == "__main__":
    main()
