"""Text that came from a person (a name, an address, a tag, a note, a plan's title), written so
that Excel, WPS and LibreOffice show it as text and never run it as a formula (formula or CSV
injection: a name typed as =HYPERLINK(...) or =cmd|' /C calc'!A0).

- .xlsx: a str is always a string cell. openpyxl makes any str starting with "=" a formula cell
  (data_type "f"), in normal and write-only mode alike; the cells here are forced back to "s".
  Characters XML cannot hold (NUL and other control characters) are dropped rather than left to
  abort the export.
- .csv: a field starting with = + - @, a tab or a carriage return gets a leading apostrophe, the
  usual neutralisation: spreadsheets then show the text (apostrophe included) instead of
  evaluating it. The import strips such an apostrophe again.

Every writer in exporters/ goes through these; exporters/sheets/fast_rows.py writes its rows as
inline strings, which no spreadsheet evaluates.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = frozenset("=+-@\t\r")


def csv_field(value: Any) -> Any:
    """A CSV field as written: text that a spreadsheet would read as a formula gets "'" before."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    # Inlined csv_field: it runs on every field of 100,000-row exports.
    return ["'" + v if (isinstance(v, str) and v[:1] in FORMULA_STARTS) else v for v in values]


def set_text(cell: Any, value: Any) -> Any:
    """Put value in an openpyxl cell (normal or write-only); a str stays a string cell."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"  # openpyxl made "=..." a formula: it is a person's text
    else:
        cell.value = value
    return cell


def text_cell(ws: Any, value: Any) -> WriteOnlyCell:
    """A write-only cell holding value, a str always as a string."""
    return set_text(WriteOnlyCell(ws), value)


def list_choice(text: str) -> str:
    """One choice of a drop-down list (a data validation's formula "a,b,c"): a quote is doubled
    as a formula string wants it and a comma, which would split the choice, made full-width."""
    return text.replace('"', '""').replace(",", "，")
