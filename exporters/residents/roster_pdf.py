"""The residents' roster as a PDF to print (居民名册, full or masked): the rows, columns, order and
masking of the .xlsx (exporters/residents/roster.py makes the rows for both), laid out by
exporters/pdf/listing.py; portrait unless the columns need landscape."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from math import ceil
from pathlib import Path

from exporters.pdf.listing import ListColumn, Listing, rows_per_page, write_listing
from exporters.sheets.layout import Column

Progress = Callable[[int, int], None]
FONT_SIZE = 9.0
# Numbers on one line: an ID or a date broken in two is misread.
_ONE_LINE = {"性别", "出生日期", "身份证号"}


def write_pdf(target: Path, rows: Iterable[list[str]], *, title: str,
              progress: Progress | None = None, columns: Sequence[Column]) -> int:
    """Returns how many rows were written. progress: the second half of the export's bar (the
    first half is reading the residents, as for the .xlsx)."""
    table = list(rows)
    n = len(table)

    def half(done: int, total: int) -> None:
        if progress is not None:
            progress(n + (done * n // total if total else 0), 2 * n)

    listing = Listing(title, [], [ListColumn(c.title, center=c.center,
                                             nowrap=c.title in _ONE_LINE) for c in columns],
                      table, landscape=None, font_size=FONT_SIZE, doc_title=title,
                      progress=half)
    write_listing(listing, target)
    return n


def estimate_pages(count: int) -> int:
    """Pages a roster of count residents makes (one line a row, portrait): said before it is
    built, so the clerk can filter first."""
    return max(1, ceil(count / rows_per_page(font_size=FONT_SIZE)))
