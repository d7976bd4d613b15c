"""Start-up to a painted main window, against a bare PySide6 window, side by side.

    python bench/bench_startup.py [--runs 7]

Both sides are fresh processes that start Python, import Qt, show a 1400x860 window, wait for its
first paint and exit: the app on a demo data file (main.py --screenshot with the PNG writing
left out, so encoding a picture is not counted), the baseline an empty QMainWindow. Runs
alternate so both see the same machine load; medians of wall time and of the child's CPU time
are compared. Target: ratio <= 1.5.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 860)


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False


def done():
    app.quit()


window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
"""


# The app exactly as `python main.py --db F --screenshot P`, minus grabbing and saving the PNG.
# ui.app is imported where main.main imports it (after reading the command line), not before:
# the order of imports is part of what start-up costs.
APP = r"""
import sys
import main

_gui_args = main.gui_args


def gui_args(argv):
    args = _gui_args(argv)
    import ui.app

    ui.app.save_screenshot = lambda widget, target: target
    return args


main.gui_args = gui_args
sys.exit(main.main(sys.argv[1:]))
"""


def make_demo_file(path: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from models.db import close_database, open_database
    from models.plans import count_plans

    open_database(path)
    try:
        from models.demo import make_demo

        make_demo()
    except ImportError:  # before models.demo exists: every template over three years
        from models.plans import save_plan
        from models.templates import list_templates, plan_from_template

        for info in list_templates():
            for year in (2024, 2025, 2026):
                save_plan(plan_from_template(info.key, year))
    n = count_plans()
    close_database()
    return n


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): CPU time is steadier on a busy machine."""
    before = _child_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return elapsed, _child_cpu() - before


def _child_cpu() -> float:
    try:
        import resource  # noqa: PLC0415 - not on Windows, where only wall time is shown
    except ImportError:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--open-plan", action="store_true",
                        help="also open the first plan's editor")
    args = parser.parse_args()
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env["CAA_DATA_DIR"] = str(folder / "data")
        # An installed copy has compiled bytecode; a shell with PYTHONDONTWRITEBYTECODE would
        # recompile every module on every start. Cache it aside (the warm-up run fills it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        db = folder / "demo.db"
        n = make_demo_file(db)
        app_cmd = [sys.executable, "-c", APP, "--db", str(db),
                   "--screenshot", str(folder / "a.png")]
        if args.open_plan:
            app_cmd += ["--open-plan", "1"]
        bare_cmd = [sys.executable, "-c", BARE, str(folder / "b.png")]
        timed(app_cmd, env), timed(bare_cmd, env)  # warm the OS file cache for both
        app_times, bare_times = [], []
        for _ in range(args.runs):
            app_times.append(timed(app_cmd, env))
            bare_times.append(timed(bare_cmd, env))
    what = "with a plan open" if args.open_plan else "plans list"
    print(f"demo data file: {n} plans; {args.runs} alternating runs each; {what}")
    for i, kind in enumerate(("wall", "CPU ")):
        app_med = statistics.median(t[i] for t in app_times)
        bare_med = statistics.median(t[i] for t in bare_times)
        print(f"{kind}: app {app_med * 1000:6.0f} ms, "
              f"bare PySide6 window {bare_med * 1000:6.0f} ms, "
              f"ratio {app_med / bare_med:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
