"""Many styled rows for an openpyxl write-only sheet, fast.

openpyxl spends most of a large export on each styled cell (binding the value, looking up its
style, serialising an element through et_xmlfile): 10,000 rows of a 16-column roster took 2.6x
the time of the same values written bare. Here openpyxl writes the workbook as usual (styles,
print set-up, title and header rows); the table's rows are written as sheet XML directly, with the
style ids openpyxl assigned to one template cell per column, and spliced into the saved file.
Strings are inline (t="inlineStr"), which Excel, WPS, LibreOffice and openpyxl all read, and
never a formula: a name typed as "=HYPERLINK(...)" stays text (see exporters/sheets/text.py).
"""
from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from exporters.sheets.layout import Column, row_cells


class FastRows:
    """Collects rows for ws from row `first` on; call splice(path) after wb.save(path)."""

    def __init__(self, ws: Any, columns: Sequence[Column], first: int) -> None:
        cells = row_cells(ws, columns, [None] * len(columns))
        # style_id registers each column's style with the workbook, so the saved stylesheet
        # holds exactly the ids written below.
        self.styles = [c.style_id for c in cells]
        self.letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        self.text = [c.text for c in columns]
        self.ws = ws  # its part name ("xl/worksheets/sheet1.xml") is fixed when it is saved
        self.columns = columns
        self.first = first
        self.next = first
        self.ncols = len(columns)
        self.parts: list[str] = []

    def variant(self, **changes: Any) -> list[int]:
        """Style ids of the columns' cells with some attributes changed (font=HEADER_FONT for a
        bold total line), for add(styles=...)."""
        cells = row_cells(self.ws, self.columns, [None] * self.ncols)
        for cell in cells:
            for name, value in changes.items():
                setattr(cell, name, value)
        return [c.style_id for c in cells]

    def add(self, values: Sequence[Any], height: float | None = None,
            styles: Sequence[int] | None = None) -> None:
        r = self.next
        self.next += 1
        out = [f'<row r="{r}" ht="{height}" customHeight="1">' if height else f'<row r="{r}">']
        for letter, style, is_text, value in zip(self.letters, styles or self.styles, self.text,
                                                 values, strict=True):
            ref = f"{letter}{r}"
            if value is None or value == "":
                out.append(f'<c r="{ref}" s="{style}"/>')
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and not is_text:
                out.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
            else:
                text = escape(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
                space = ' xml:space="preserve"' if text != text.strip() else ""
                out.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t>'
                           f"</is></c>")
        out.append("</row>")
        self.parts.append("".join(out))

    def splice(self, path: Path) -> None:
        """Put the collected rows at the end of the sheet's data in the saved workbook."""
        splice_all(path, [self])

    def spliced(self, xml: str) -> str:
        return self._spliced(xml, self.next - 1)

    def _spliced(self, xml: str, last: int) -> str:
        rows = "".join(self.parts)
        if "</sheetData>" in xml:
            xml = xml.replace("</sheetData>", rows + "</sheetData>", 1)
        else:
            xml = xml.replace("<sheetData/>", f"<sheetData>{rows}</sheetData>", 1)
        if last >= self.first:
            ref = f"A1:{self.letters[-1]}{last}"
            xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml, count=1)
        return xml


def splice_all(path: Path, sheets: Sequence[FastRows]) -> None:
    """Splice every sheet's rows into the saved workbook in one rewrite of the file (a workbook
    of several sheets would otherwise be rewritten once a sheet)."""
    tmp = path.with_name(path.name + ".splice")
    by_part = {s.ws.path[1:]: s for s in sheets}
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(
                tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
            found = set()
            for info in src.infolist():
                data = src.read(info.filename)
                sheet = by_part.get(info.filename)
                if sheet is not None:
                    data = sheet.spliced(data.decode("utf-8")).encode("utf-8")
                    found.add(info.filename)
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        missing = set(by_part) - found
        if missing:
            raise RuntimeError(f"sheet parts {sorted(missing)} not in the saved workbook")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
