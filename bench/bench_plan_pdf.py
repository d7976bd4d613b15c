"""Time the plan PDF of a ~30-page plan (target: under 1 s), beside a baseline run of the same
story with reportlab's own CJK wrap, so the cost of the Chinese line-breaking rules shows as a
ratio.

    /work/venv/bin/python bench/bench_plan_pdf.py [REPEAT]
"""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.platypus import Paragraph

import exporters.pdf.official as official
from exporters.pdf.fonts import font_set
from exporters.plans.pdf import write_plan_pdf
from tests.plan_factory import long_plan


def best_of(runs: int, rec) -> tuple[float, int, int]:
    """Best CPU time of the runs (CPU, not wall clock: a shared machine's load leaves it be)."""
    best, pages, size = float("inf"), 0, 0
    for _ in range(runs):
        buf = io.BytesIO()
        t = time.process_time()
        pages = write_plan_pdf(rec, buf)
        best = min(best, time.process_time() - t)
        size = len(buf.getvalue())
    return best, pages, size


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    rec = long_plan(repeat)
    t = time.perf_counter()
    font_set()
    print(f"fonts found and registered: {time.perf_counter() - t:.3f} s (once per process)")
    ours, pages, size = best_of(5, rec)
    original = official.CJKParagraph
    official.CJKParagraph = Paragraph  # baseline: reportlab's own CJK wrap
    try:
        base, base_pages, _ = best_of(5, rec)
    finally:
        official.CJKParagraph = original
    print(f"plan PDF: {pages} pages, {size / 1024:.0f} KiB, {ours:.3f} s CPU "
          f"({ours / pages * 1000:.1f} ms a page); "
          f"target under 1 s: {'ok' if ours < 1 else 'SLOW'}")
    print(f"baseline (reportlab CJK wrap): {base_pages} pages, {base:.3f} s; "
          f"ratio {ours / base:.2f}")


if __name__ == "__main__":
    main()
