"""Side-by-side timing for the benches: ours and a bare baseline alternate, both warmed first,
and the ratio reported is the median of the per-pair ratios (a loaded machine slows both halves
of a pair alike)."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def side_by_side(runs: int, ours: Callable[[], object], bare: Callable[[], object],
                 ) -> tuple[float, float, float]:
    """Median time of ours, of bare, and the median of the per-pair ratios ours / bare."""
    ours()
    bare()  # warm both (imports, fonts, caches) before timing
    pairs = []
    for n in range(runs):
        if n % 2:
            b = timed(bare)
            o = timed(ours)
        else:
            o = timed(ours)
            b = timed(bare)
        pairs.append((o, b))
    return (statistics.median(o for o, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(o / b for o, b in pairs))
