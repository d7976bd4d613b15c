"""The import dialog's whole flow (choose a file -> sheets and mapping -> preview -> import ->
report) and the command-line import, on ../shared/data/residents_100k.xlsx, each as a whole
process against bare openpyxl read-only iteration of the same file, side by side (issue 14).

    python bench/bench_import_flow.py [--pairs N] [--before DIR]

Every run is its own process (wall time from start to exit, peak resident memory from the
kernel's accounting of that child), into a fresh data file. Runs alternate (openpyxl, dialog
flow, command line[, the same two on the code in DIR]) and each ratio is the median over the
rounds of (run / that round's openpyxl run). --before DIR: a checkout of earlier code (e.g.
`git archive 72f461f | tar -x -C DIR`), measured the same way in the same rounds; its dialog
functions may take the file once (read_sheets returns the loaded file) or read it at each step
(before ab61220's one-read change).

The dialog flow is driven through the dialog's own work functions (ui.residents.import_dialog:
read_sheets, make_preview, run_import) with a progress that only counts, as the window's worker
thread calls them; the window itself is not shown. Targets: flow <= 0.9x, command line <= 0.7x,
peak memory < 350 MB.

Measured 2026-12-02 10:13 UTC on the 2-core VM, nearly quiet (load average 1.2-1.7: the lead
and one other helper at work; openpyxl iterating in 5.5-5.6 s against 5.42 s unloaded), 3
rounds, every run side by side; "before" is main at 72f461f (the one-read dialog, households and
status columns), "after" this branch:

                          3 rounds, 10:13              3 rounds, 10:10 (*)     peak memory
    dialog flow, before   0.98x (0.94 0.98 0.99)       0.96x (0.96 0.94 1.02)  313 MB
    dialog flow, after    0.68x (0.67 0.69 0.68)       0.73x (0.73 0.67 0.75)  258 MB
    command line, before  0.96x (0.96 0.94 1.01)       0.96x (0.95 0.96 0.96)  275 MB
    command line, after   0.65x (0.63 0.66 0.65)       0.65x (0.63 0.65 0.76)  211 MB

(*) one commit earlier: the ID's birth date still read with date(int(), int(), int()).

Both targets are met (flow <= 0.9x, command line <= 0.7x) and memory stays under 350 MB; the
command line went from ~5.35 s to ~3.55 s. What went, measured with perf_counter around each
phase (single runs): pypinyin no longer imported (a table of character readings instead,
0.15 s); 250,000 cached names, dates and name keys no longer left for the collector at exit
(0.25 s after main() returned -> 0.05 s); openpyxl imported only for --report (0.1 s); checking
the rows 1.43 -> 1.07 s (Parsed a named tuple, plain names taken as they are, ID birth dates by
fromisoformat); the summary counted in one pass instead of once per sheet (0.1 s, made twice);
and the search lines indexed in one SQLite statement while a thread computes the rows' values
(0.34 s of Python now overlapping 0.40 s of SQLite that holds no Python lock).

What the command line's ~3.5 s is made of now (single runs, quiet): start-up and imports 0.13 s,
the file guard (unpacking and scanning the XML for bombs and limits, before anything reads it)
0.3 s, reading with calamine ~0.55 s plus checking 100,000 rows ~1.1 s (calamine holds Python's
lock for most of its parsing, so the reader thread barely overlaps the checks: reading all first
and then checking takes as long), matching ~0.2 s, writing ~1.25 s (trigram index 0.4 s with the
values beside it, resident rows 0.3 s, tags 0.1 s, the ten indexes rebuilt 0.3 s, commit 0.1 s),
closing the file (WAL checkpoint) and exit ~0.15 s. The flow costs the same plus Qt's import for
the dialog module.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")
SOURCE = DATA / "residents_100k.xlsx"


class _Counting:
    """What a worker's progress offers the work functions: reports are counted, never
    cancelled."""

    def __init__(self) -> None:
        self.reports = 0

    def report(self, done: int, total: int | None = None, text: str | None = None) -> None:
        self.reports += 1

    def check(self) -> None:
        return None

    def cancelled(self) -> bool:
        return False


def child(mode: str, code: Path, db: Path) -> None:
    sys.path.insert(0, str(code))
    if mode == "openpyxl":
        import openpyxl

        wb = openpyxl.load_workbook(SOURCE, read_only=True)
        n = sum(1 for ws in wb.worksheets for _row in ws.iter_rows(values_only=True))
        wb.close()
        print(json.dumps({"rows": n}))
        return
    if mode == "cli":
        import main

        rc = main.main(["residents", "import", str(SOURCE), "--db", str(db)])
        if rc != 0:
            raise SystemExit(rc)
        return
    from models.datafile.db import close_database, open_database
    from ui.residents import import_dialog as dlg

    open_database(db)
    progress = _Counting()
    got = dlg.read_sheets(progress, SOURCE)
    if isinstance(got, tuple):  # one read: the file is kept for the later steps
        loaded, infos = got
        mappings = {i.name: i.mapping for i in infos}
        preview = dlg.make_preview(progress, loaded, mappings)
        outcome = dlg.run_import(progress, preview.prepared)
    else:  # before: each step read the file again
        mappings = {i.name: i.mapping for i in got}
        dlg.make_preview(progress, SOURCE, mappings)
        outcome = dlg.run_import(progress, SOURCE, mappings)
    close_database()
    print(json.dumps({"counts": list(outcome.counts)}))


def run(mode: str, code: Path, folder: Path) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB, stdout) of one child process."""
    db = folder / f"{mode}-{time.monotonic_ns()}.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(code))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, "--code", str(code),
                             "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=code)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed ({proc.returncode}): {err.decode()[-2000:]}")
    for p in folder.glob(db.name + "*"):
        p.unlink()
    return wall, usage.ru_maxrss / 1024, out.decode()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--before", type=Path)
    ap.add_argument("--child")
    ap.add_argument("--code", type=Path, default=ROOT)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.code, args.db)
        return
    modes = [("openpyxl", ROOT), ("flow", ROOT), ("cli", ROOT)]
    if args.before:
        modes += [("flow", args.before.resolve()), ("cli", args.before.resolve())]
    names = ["openpyxl", "flow", "cli", "flow (before)", "cli (before)"][:len(modes)]
    walls: dict[str, list[float]] = {n: [] for n in names}
    peaks: dict[str, list[float]] = {n: [] for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.pairs):
            for name, (mode, code) in zip(names, modes, strict=True):
                wall, peak, out = run(mode, code, Path(tmp))
                walls[name].append(wall)
                peaks[name].append(peak)
                print(f"round {i + 1} {name}: {wall:.2f} s, peak {peak:.0f} MB "
                      f"{out.strip()[-80:]}", flush=True)
    base = walls["openpyxl"]
    print(f"\nopenpyxl read-only iteration: median {statistics.median(base):.2f} s "
          f"(peak {max(peaks['openpyxl']):.0f} MB)")
    for name in names[1:]:
        ratios = [w / b for w, b in zip(walls[name], base, strict=True)]
        print(f"{name:>14}: median {statistics.median(walls[name]):.2f} s, ratio median "
              f"{statistics.median(ratios):.2f}x (rounds: "
              f"{', '.join(f'{r:.2f}' for r in ratios)}), peak {max(peaks[name]):.0f} MB")


if __name__ == "__main__":
    main()
