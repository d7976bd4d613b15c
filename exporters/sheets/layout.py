"""Shared set-up of printed worksheets (docs/printing.md): a title row merged across, borders on
every table cell, ID and phone columns as text, widths that fit Chinese, A4 fitted to one page
width, the header row repeated on every page, centred, footer "第 X 页 共 Y 页".

Works on openpyxl write-only worksheets (large exports) as well as normal ones: everything is
set before the first row is written, and cells are built as WriteOnlyCell with their style; text
is always a string cell, never a formula (exporters/sheets/text.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.sheets.text import text_cell

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = Font(name="宋体", size=11)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
TITLE_FONT = Font(name="黑体", size=16, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TEXT_FORMAT = "@"


@dataclass
class Column:
    title: str
    width: float | None = None  # in Excel character units; None: from the title and the values
    text: bool = False  # ID numbers, phones: stored and formatted as text
    center: bool = False
    kind: str = ""  # what it holds, for masking (models/common/masking.py: NAME, ID_NUMBER, ...)


_WIDE = re.compile("[\u2e80-\U0010ffff]")


def display_width(text: str) -> int:
    """A CJK (wide) character (from U+2E80 on) is about two Latin widths."""
    return len(text) + len(_WIDE.findall(text))


def fit_widths(columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
               sample: int = 2000, cap: float = 40) -> list[float]:
    """Widths for the columns from their titles and the first `sample` rows."""
    widths = [float(display_width(c.title)) for c in columns]
    for n, row in enumerate(rows):
        if n >= sample:
            break
        for i, value in enumerate(row):
            if i < len(widths) and value is not None:
                widths[i] = max(widths[i], float(display_width(str(value))))
    return [c.width if c.width else min(cap, w + 2) for c, w in zip(columns, widths, strict=True)]


def setup_sheet(ws: Worksheet, columns: Sequence[Column], widths: Sequence[float], *,
                title: str | None, landscape: bool = False) -> int:
    """Page set-up and column widths; returns the 1-based row of the table header (after the
    title row, if any), for print titles. Call before writing any row."""
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    header_row = 2 if title else 1
    ws.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack the name)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title:
        span = f"A1:{get_column_letter(len(columns))}1"
        if hasattr(ws, "merge_cells"):
            ws.merge_cells(span)
        else:  # write-only worksheets keep the range list only
            ws.merged_cells.add(span)
    return header_row


def title_cells(ws: Worksheet, title: str, ncols: int) -> list[Any]:
    cell = text_cell(ws, title)
    cell.font = TITLE_FONT
    cell.alignment = CENTER
    return [cell] + [WriteOnlyCell(ws, value=None) for _ in range(ncols - 1)]


def header_cells(ws: Worksheet, columns: Sequence[Column]) -> list[Any]:
    out = []
    for c in columns:
        cell = text_cell(ws, c.title)
        cell.font = HEADER_FONT
        cell.alignment = CENTER
        cell.border = BORDER
        out.append(cell)
    return out


def row_cells(ws: Worksheet, columns: Sequence[Column], values: Sequence[Any]) -> list[Any]:
    out = []
    for c, value in zip(columns, values, strict=True):
        if c.text and value is not None:
            value = str(value)
        cell = text_cell(ws, value)
        cell.font = FONT
        cell.border = BORDER
        cell.alignment = CENTER if c.center else LEFT
        if c.text:
            cell.number_format = TEXT_FORMAT
        out.append(cell)
    return out
