"""The import guard (models.residents.imports.guard.check_workbook_zip: unpacking and scanning a
workbook's XML before anything reads it) on ../shared/data/residents_100k.xlsx and on a copy of
it whose column C cells (91,000) are formulas with their saved results (what Excel writes), this
code against the code in DIR, side by side (the formula-without-result check, issue: formula
cells imported as empty).

    python bench/bench_formula_guard.py --before DIR [--rounds N]

DIR: a checkout of earlier code (`git archive 58cbdc2 | tar -x -C DIR`). Each round runs each
code once per file in its own process (5 scans, the fastest kept); the ratio is the median over
the rounds of (this code / the code in DIR).

Measured 2026-12-02 11:06 UTC on the 2-core VM (load average 2.8-3.5: the lead and another
helper at work), 5 rounds, against 58cbdc2 (no formula check):

    residents_100k.xlsx   before 0.268 s, after 0.302 s, 1.12x (1.12 1.11 1.12 1.13 1.09)
    formulas_100k.xlsx    before 0.272 s, after 0.307 s, 1.13x (1.15 1.13 1.11 1.13 1.10)

The ~0.035 s is one search for "<f" through the 40 MB of sheet XML (a piece with no formula
costs nothing more); 91,000 formulas with results add nothing measurable, because the pattern
only matches a formula not followed by a result. A first version matched every formula cell
and cost 0.54 s on the formula copy. The whole import (bench_import_flow.py --pairs 3, side by
side with 58cbdc2) did not move beyond its noise: command line 0.64x before and after, dialog
flow 0.67x before, 0.69x after (rounds 0.66-0.71 both); again at 11:08 under load (average
~2), 5 rounds: command line 0.77x before, 0.75x after, dialog flow 0.78x both.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent.parent / "shared" / "data" / "residents_100k.xlsx"
if not DATA.exists():
    DATA = Path("/work/shared/data/residents_100k.xlsx")

CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from models.residents.imports.guard import check_workbook_zip
best = 1e9
for _ in range(5):
    t = time.perf_counter()
    check_workbook_zip(Path(sys.argv[2]))
    best = min(best, time.perf_counter() - t)
print(best)
"""


def with_formulas(src: Path, out: Path) -> int:
    """The roster with every inline-string cell of column C made a formula with its result."""
    count = 0

    def formula(m: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        row, text = m.group(1), m.group(2)
        return b'<c r="C%s" t="str"><f>B%s&amp;""</f><v>%s</v></c>' % (row, row, text)

    cell = re.compile(rb'<c r="C(\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = cell.sub(formula, data)
            zout.writestr(info, data)
    return count


def run(code: Path, path: Path) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, str(code), str(path)], check=True,
                         capture_output=True, text=True)
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        formulas = Path(tmp) / "formulas_100k.xlsx"
        print(f"{with_formulas(DATA, formulas)} formula cells with results in {formulas.name}")
        for path in (DATA, formulas):
            ratios, now, then = [], [], []
            for _ in range(args.rounds):
                before = run(args.before.resolve(), path)
                after = run(ROOT, path)
                then.append(before)
                now.append(after)
                ratios.append(after / before)
            print(f"{path.name}: before median {statistics.median(then):.3f} s, after "
                  f"{statistics.median(now):.3f} s, ratio median {statistics.median(ratios):.2f}x "
                  f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
