"""Contests at size, each beside its baseline in one run:

1. 1,000 entries and 7 judges ranked (models.contests.scoring.place_category, mean method and
   the 高分多者优先 tie rule, exact fractions) against a bare Python sort of the same precomputed
   means (target: within 2x);
2. 500 certificates in one PDF (exporters.contests.certificates) against a bare reportlab script
   drawing the same text in the same fonts (target: within 1.5x).

    /work/venv/bin/python bench/bench_contests.py [RUNS]

Times are wall-clock best of RUNS.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from exporters.contests.certificates import Certificate, Layout, export_certificates
from exporters.pdf.fonts import font_set
from models.contests.scoring import DEFAULT_LEVELS, MEAN, MORE_TOP, Level, place_category


def best(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = random.Random(1)
    scores = {e: [Fraction(rng.randint(60, 100)) for _ in range(7)] for e in range(1000)}
    levels = [Level(n, p) for n, p in DEFAULT_LEVELS]
    means = {e: sum(s) / 7 for e, s in scores.items()}

    ours = best(runs, lambda: place_category(scores, MEAN, MORE_TOP, levels))
    bare = best(runs, lambda: sorted(means.items(), key=lambda t: -t[1]))
    print(f"排名 1000 件 x 7 位评委：{ours * 1000:.1f} ms，裸排序 {bare * 1000:.1f} ms，"
          f"{ours / bare:.2f} 倍（目标 2 倍以内）")

    certs = [Certificate(f"2026-H1-{i:03d}", "荣誉证书", f"张桂英{i % 10}",
                         "被评为2026年度十佳“社区文明健康老人”。特发此证，以资鼓励。",
                         "社区居委会", date(2026, 10, 29)) for i in range(500)]
    fonts = font_set()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def bare_pdf() -> None:
            c = Canvas(str(out / "bare.pdf"), pagesize=(297 * mm, 210 * mm), invariant=1,
                       pageCompression=1)
            for cert in certs:
                c.setFont(fonts.title, 48)
                c.drawCentredString(148 * mm, 147 * mm, " ".join(cert.title))
                c.setFont(fonts.heading2, 26)
                c.drawString(47 * mm, 118 * mm, cert.name + "：")
                c.setFont(fonts.body, 20)
                c.drawString(55 * mm, 105 * mm, cert.body[:22])
                c.drawString(47 * mm, 93 * mm, cert.body[22:])
                c.drawRightString(250 * mm, 50 * mm, cert.issuer)
                c.drawRightString(250 * mm, 40 * mm, "2026年10月29日")
                c.setFont(fonts.body, 10)
                c.drawString(47 * mm, 25 * mm, "证书编号：" + cert.number)
                c.showPage()
            c.save()

        mine = best(runs, lambda: export_certificates(certs, out / "ours.pdf", Layout()))
        base = best(runs, bare_pdf)
    print(f"证书 500 张：{mine:.2f} s，裸 reportlab {base:.2f} s，{mine / base:.2f} 倍"
          f"（目标 1.5 倍以内）")


if __name__ == "__main__":
    main()
