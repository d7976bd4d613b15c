"""The residents roster as a PDF against the same roster as .xlsx, side by side (not a test):
each export runs as the command line does (`residents export --out F`), in its own process,
alternating, on a data file of ../shared/data/residents_100k.xlsx imported (86,152 residents).
Prints wall time, peak memory, file size and the PDF's page count, and the median ratio.

    python bench/bench_residents_pdf.py [--pairs N] [--masked] [--db FILE]

Measured 2026-12-02 on the shared 2-core machine (load 3-5), 86,152 residents, full roster:
PDF 2,268 pages, 7.5 MB, 33-36 s wall, 270 MB peak; .xlsx 10-11 s, 450 MB peak: about 3.3x the
.xlsx. Most of the PDF's time is reportlab's text object formatting numbers and splitting text
into font subsets in Python (its C accelerator is not in the wheel used here); laying out the
rows (widths, wrapping, pages) is ~6 s of it. The app refuses to print more than 200 pages
(ui/residents/print_dialog.py): this size is for a file, not a printer.
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
DATA = ROOT.parent / "shared" / "data" / "residents_100k.xlsx"


def _run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB) of one command-line run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], env=env,
                            stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {args}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--pairs", type=int, default=3)
    p.add_argument("--masked", action="store_true")
    p.add_argument("--db", type=Path, help="a data file with residents (default: import DATA)")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        db = a.db
        if db is None:
            db = out / "r.db"
            _run(["residents", "import", str(DATA), "--db", str(db)])
        extra = ["--masked"] if a.masked else []
        ratios = []
        for n in range(a.pairs):
            runs = {}
            for suffix in ((".xlsx", ".pdf") if n % 2 == 0 else (".pdf", ".xlsx")):
                target = out / f"r{suffix}"
                wall, mem = _run(["residents", "export", "--db", str(db), "--out", str(target),
                                  *extra])
                runs[suffix] = (wall, mem, target.stat().st_size / 1e6)
            pages = _pages(out / "r.pdf")
            ratios.append(runs[".pdf"][0] / runs[".xlsx"][0])
            print(f"pair {n + 1}: pdf {runs['.pdf'][0]:.1f} s, {runs['.pdf'][1]:.0f} MB peak, "
                  f"{runs['.pdf'][2]:.1f} MB, {pages} pages; xlsx {runs['.xlsx'][0]:.1f} s, "
                  f"{runs['.xlsx'][1]:.0f} MB peak, {runs['.xlsx'][2]:.1f} MB; "
                  f"ratio {ratios[-1]:.2f}")
        print(f"median ratio pdf/xlsx: {statistics.median(ratios):.2f}")


def _pages(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


if __name__ == "__main__":
    main()
