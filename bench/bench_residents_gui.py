"""Peak memory of the app showing 100,000 residents, and how long the residents grid keeps the UI
thread busy, against the same app on an empty data file, side by side.

    python bench/bench_residents_gui.py [--db FILE_WITH_100K.db] [--residents 100000]

Without --db a temporary data file is filled with made-up residents (models.residents.demo).
Each side is a fresh process: the main window on the 居民 tab, painted, then the grid scrolled to
the middle and the bottom, sorted by 出生日期 and by 楼栋, a search typed ("wang", "王", "1381")
and cleared, with a pause between steps as a clerk makes (not counted). The process's peak
resident set (VmHWM) is read at the end. Target: < 250 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from PySide6.QtCore import Qt
from ui.app import make_app
from models.datafile.db import open_database

app = make_app()
open_database(Path(sys.argv[1]))
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub
from ui.residents.model import COL_BIRTH

timings = {}


def settle():
    for _ in range(5):
        app.processEvents()


def pause(seconds=1.5):
    # A clerk looks at the screen between two actions: background work may finish meanwhile.
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def timed(label, fn):
    pause()
    t0 = time.perf_counter()
    fn()
    settle()
    timings[label] = round((time.perf_counter() - t0) * 1000, 1)


t0 = time.perf_counter()
window = MainWindow(AppContext(DataHub(), Path(sys.argv[1])), remember_geometry=False)
window.resize(1400, 860)
timings["build window"] = round((time.perf_counter() - t0) * 1000, 1)
timed("show window", lambda: (window.select_area("居民"), window.show()))
area = window.area("居民")
table, bar = area.table, area.table.verticalScrollBar()
timed("scroll to middle", lambda: bar.setValue(bar.maximum() // 2))
timed("scroll to bottom", lambda: bar.setValue(bar.maximum()))
timed("scroll back up a screen", lambda: bar.setValue(bar.maximum() - 40))
header = table.horizontalHeader()
timed("sort by 出生日期", lambda: header.setSortIndicator(COL_BIRTH, Qt.SortOrder.AscendingOrder))
timed("scroll to bottom (sorted)", lambda: bar.setValue(bar.maximum()))
timed("sort by 楼栋", lambda: header.setSortIndicator(6, Qt.SortOrder.DescendingOrder))
for text in ("wang", "王", "1381", "3幢"):
    def search(text=text):
        area.search.setText(text)
        area.apply_filters()
    timed(f"search {text!r}", search)
timed("clear search", lambda: (area.search.setText(""), area.apply_filters()))
status = Path("/proc/self/status").read_text() if Path("/proc/self/status").exists() else ""
fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
def mb(key):
    return round(int(fields[key].split()[0]) / 1024, 1) if key in fields else None
if not fields:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
else:
    peak = mb("VmHWM")
print(json.dumps({"residents": area.model.total, "peak_mb": peak, "rss_mb": mb("VmRSS"),
                  "timings_ms": timings}, ensure_ascii=False))
"""


def fill(path: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT))
    from models.datafile.db import close_database, open_database
    from models.residents.demo import make_demo_residents

    open_database(path)
    if n:
        make_demo_residents(n)
    close_database()


def run_child(db: Path, env: dict[str, str]) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db), str(ROOT)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"child failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a data file with the residents (else made up)")
    parser.add_argument("--residents", type=int, default=100_000)
    args = parser.parse_args()
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env["CAA_DATA_DIR"] = str(folder / "data")
        empty = folder / "empty.db"
        fill(empty, 0)
        db = args.db
        if db is None:
            db = folder / "residents.db"
            print(f"filling a data file with {args.residents} made-up residents…")
            fill(db, args.residents)
        full = run_child(db, env)
        base = run_child(empty, env)
    print(f"app on {full['residents']} residents vs the same app on an empty data file")
    print(f"peak memory (VmHWM): {full['peak_mb']} MB vs {base['peak_mb']} MB "
          f"(+{full['peak_mb'] - base['peak_mb']:.1f} MB for the residents; target < 250 MB)")
    print(f"resident set at the end: {full['rss_mb']} MB vs {base['rss_mb']} MB")
    print("UI thread busy per step (ms), residents vs empty:")
    for label, ms in full["timings_ms"].items():
        print(f"  {label:28s} {ms:8.1f} {base['timings_ms'].get(label, float('nan')):8.1f}")
    return 0 if full["peak_mb"] < 250 else 1


if __name__ == "__main__":
    sys.exit(main())
