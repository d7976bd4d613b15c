"""Sign-up exports at 10,000 names, each beside its baseline in one run:

1. the roster (.xlsx) against bare openpyxl write-only mode writing the same cell values
   (target: within 1.3x);
2. the sign-in PDF against LibreOffice turning our sign-in .xlsx into PDF, which is what a clerk
   would do otherwise (target: within a third of LibreOffice's time).

    /work/venv/bin/python bench/bench_signups.py [N] [RUNS]

Times are wall-clock best of RUNS (LibreOffice runs as a child process, so CPU time of this
process would not count it).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from exporters.signups.sheets import (
    ROSTER_COLUMNS,
    activity_header,
    export_roster,
    export_signin_xlsx,
    roster_values,
)
from exporters.signups.signin_pdf import export_signin_pdf
from models.datafile.db import close_database, open_database
from models.signups.rules import ACTIVE
from models.signups.service import list_signups


def make_file(folder: Path, n: int) -> tuple[Path, int]:
    from models.plans.demo import make_demo
    from models.residents.demo import make_demo_residents
    from models.signups.demo import make_demo_signups

    path = folder / "bench.db"
    open_database(path)
    make_demo()
    make_demo_residents(3 * n, seed=5)
    summary = make_demo_signups(big=n)
    big = max(summary, key=lambda s: s.registered)
    return path, big.plan_id


def best(runs: int, fn) -> float:
    out = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t)
    return out


def bare_roster(plan_id: int, target: Path) -> None:
    """The same cell values, no styles, no print set-up: openpyxl write-only at its fastest.
    The values are computed beforehand, so this baseline does not pay for the query."""
    header = activity_header(plan_id)
    day = header.start.date() if header.start else None
    rows = [roster_values(i, r, day) for i, r in
            enumerate((r for r in list_signups(plan_id) if r.status in ACTIVE), start=1)]

    def write() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("报名名册")
        ws.append([header.line("报名名册")])
        ws.append([c.title for c in ROSTER_COLUMNS])
        for row in rows:
            ws.append(row)
        wb.save(target)

    bare_roster.write = write  # type: ignore[attr-defined]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        _path, plan = make_file(folder, n)
        print(f"data file with {n} sign-ups made in {time.perf_counter() - t:.1f} s "
              f"(activity {plan})")

        bare_roster(plan, folder / "bare.xlsx")
        ours = best(runs, lambda: export_roster(plan, folder / "roster.xlsx"))
        bare = best(runs, bare_roster.write)  # type: ignore[attr-defined]
        print(f"roster .xlsx     ours {ours:6.2f} s   bare openpyxl write-only {bare:6.2f} s   "
              f"ratio {ours / bare:.2f}  (target <= 1.30; ours includes the query and the "
              f"attendance sheet)")

        pdf = best(runs, lambda: export_signin_pdf(plan, folder / "signin.pdf"))
        export_signin_xlsx(plan, folder / "signin.xlsx")
        soffice = shutil.which("soffice")
        if soffice is None:
            print(f"sign-in PDF      ours {pdf:6.2f} s   (LibreOffice not installed: no baseline)")
            return
        profile = f"file://{folder}/lo-profile"
        # One warm-up run creates LibreOffice's profile, so the timed runs compare conversion.
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder / "lo"),
                        str(folder / "signin.xlsx")], check=True, capture_output=True)
        lo = best(runs, lambda: subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder / "lo"), str(folder / "signin.xlsx")],
            check=True, capture_output=True))
        print(f"sign-in PDF      ours {pdf:6.2f} s   LibreOffice xlsx->pdf {lo:6.2f} s   "
              f"ratio {pdf / lo:.2f}  (target <= 0.33)")
        check_in_at_the_door()
        close_database()


def check_in_at_the_door(n: int = 500) -> None:
    """One look-up and check-in at the door for an activity of n people (the issue's 500): the
    median time from Enter to the answer, beside a bare SELECT of the same sign-ups."""
    import statistics

    from models.datafile.db import database
    from models.signups.checkin import check_in
    from models.signups.records import NewSignup
    from models.signups.service import bulk_sign_up
    from tests.signup_factory import make_activity

    ids = [r[0] for r in database.obj.execute_sql(
        "SELECT id FROM resident WHERE phone != '' ORDER BY id LIMIT ?", (n,))]
    plan = make_activity("门口签到测速", capacity=None)
    bulk_sign_up(plan, [(NewSignup(resident_id=i), datetime(2026, 10, 1, 9)) for i in ids])
    phones = [r[0][-4:] for r in database.obj.execute_sql(
        "SELECT phone FROM signup WHERE plan_id = ?", (plan,))]
    ours, bare = [], []
    for tail in phones[:100]:
        t = time.perf_counter()
        check_in(plan, tail)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        database.obj.execute_sql("SELECT * FROM signup WHERE plan_id = ?", (plan,)).fetchall()
        bare.append(time.perf_counter() - t)
    print(f"check-in ({n} people)  ours median {statistics.median(ours) * 1000:5.1f} ms a look-up"
          f"   bare SELECT of the sign-ups {statistics.median(bare) * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
