"""Start-up of the one-folder build beside `python main.py`, on the same data file.

    python bench/bench_build_startup.py --app dist/community-activity-assistant [--runs 9]

Each run is a whole process in screenshot mode (start, open the demo file, paint the window, save
the PNG, exit); the two sides alternate so both see the same machine load. Reported per side:
the median wall time and the median CPU time of the process (user + system, from the children's
resource usage: steadier than wall time on a busy machine), and the ratios build / main.py.
Linux and macOS (resource module). The demo file is made once in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - wall0, _children_cpu() - cpu0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, required=True, help="the built folder")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    exe = args.app.resolve() / "community-activity-assistant-gui"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(db)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        shot = str(Path(tmp) / "s.png")
        sides = {
            "python main.py": [sys.executable, str(ROOT / "main.py"), "--db", str(db),
                               "--screenshot", shot],
            "build": [str(exe), "--db", str(db), "--screenshot", shot],
        }
        for command in sides.values():  # warm-up: the day's backup, the disk cache
            timed(command, env)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        for _ in range(args.runs):
            for name, command in sides.items():
                results[name].append(timed(command, env))
    medians = {}
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        medians[name] = (wall, cpu)
        print(f"{name:16} wall {wall * 1000:6.0f} ms   cpu {cpu * 1000:6.0f} ms   "
              f"(wall runs: {' '.join(f'{r[0] * 1000:.0f}' for r in runs)})")
    (mw, mc), (bw, bc) = medians["python main.py"], medians["build"]
    print(f"build / main.py: wall {bw / mw:.2f}x, cpu {bc / mc:.2f}x  ({args.runs} runs each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
