"""Residents to .xlsx (printed roster, docs/printing.md), .pdf (the same roster to print,
exporters/residents/roster_pdf.py) or .csv (UTF-8 with BOM), all or as
filtered, in 姓氏笔画 or pinyin order; masked for anything that leaves the office."""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from exporters.atomic import atomic_output
from exporters.sheets.fast_rows import FastRows
from exporters.sheets.layout import Column, fit_widths, header_cells, setup_sheet, title_cells
from exporters.sheets.text import csv_row
from models.common.masking import (
    BIRTH_DATE,
    ID_NUMBER,
    NAME,
    PHONE,
    ROOM,
    TAGS,
    mask_value,
    shown_columns,
    visible_sort_key,
)
from models.residents.records import ResidentQuery, ResidentRecord
from models.residents.service import count_residents, iter_residents

# progress(done, total): called every few hundred rows; it may raise to cancel (nothing is left).
Progress = Callable[[int, int], None]

COLUMNS = [
    Column("姓名", center=True, kind=NAME), Column("性别", 6, center=True),
    Column("出生日期", 12, center=True, kind=BIRTH_DATE),
    Column("身份证号", 21, text=True, kind=ID_NUMBER),
    Column("联系电话", 15, text=True, kind=PHONE), Column("楼栋", center=True),
    Column("住址", kind=ROOM), Column("标签", kind=TAGS),
]
# The masked copy leaves out what would rebuild a masked value (the birth date beside the 6+4
# ID) or point at the person (the room): models/common/masking.py decides.
MASKED_SHOWN = shown_columns([c.kind for c in COLUMNS])
ORDERS = {"strokes": "strokes", "pinyin": "name"}


def columns(masked: bool) -> list[Column]:
    return [COLUMNS[i] for i in MASKED_SHOWN] if masked else COLUMNS


def resident_values(rec: ResidentRecord, masked: bool = False) -> list[str]:
    """One exported row: 姓名, 性别, 出生日期 (YYYY-MM-DD), 身份证号, 联系电话, 楼栋, 住址, 标签;
    masked: the columns the masked copy keeps, masked."""
    address = rec.unit + rec.room if (rec.unit or rec.room) else rec.address
    full = [rec.name, rec.gender, rec.birth.isoformat() if rec.birth else "",
            rec.id_number or "", rec.phone, rec.building, address, "、".join(rec.tags)]
    if not masked:
        return full
    return [mask_value(COLUMNS[i].kind, full[i]) for i in MASKED_SHOWN]


def export_residents(target: Path | str, query: ResidentQuery | None = None, *,
                     masked: bool = False, order: str = "strokes", title: str | None = None,
                     progress: Progress | None = None) -> int:
    """Write the residents the query finds (all, when None) to .xlsx, .pdf or .csv by target's
    suffix;
    returns how many rows were written."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    query = replace(query or ResidentQuery(), order=ORDERS[order], descending=False)
    total = count_residents(query) if progress is not None else 0

    def rows() -> Iterator[list[str]]:
        # Reading is the first half of the progress bar, writing the workbook the second.
        for n, rec in enumerate(iter_residents(query)):
            if progress is not None and n % 500 == 0:
                progress(n, 2 * total)
            yield resident_values(rec, masked)
        if progress is not None:
            progress(total, 2 * total)

    table: Iterable[list[str]] = rows()
    if masked:
        # Ordered on what the masked copy shows: the query's order would sort on the hidden
        # characters of the names too, and the row order would tell them.
        table = sorted(table, key=lambda row: (visible_sort_key(row[0], order), row))
    target = Path(target)
    cols = columns(masked)
    if target.suffix.lower() == ".csv":
        return write_csv(target, table, cols)
    if title is None:
        title = f"居民名册（{date.today().isoformat()}）" + ("（隐去部分信息）" if masked else "")
    if target.suffix.lower() == ".pdf":
        from exporters.residents.roster_pdf import write_pdf

        return write_pdf(target, table, title=title, progress=progress, columns=cols)
    return write_xlsx(target, table, title=title, progress=progress, columns=cols)


def write_csv(target: Path, rows: Iterable[list[str]],
              columns: Sequence[Column] = COLUMNS) -> int:
    n = 0
    # utf-8-sig: Excel opens a CSV with a BOM as UTF-8, so the Chinese shows correctly.
    with atomic_output(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.title for c in columns])
        for row in rows:
            writer.writerow(csv_row(row))  # a name "=..." stays text
            n += 1
    return n


def write_xlsx(target: Path, rows: Iterable[list[str]], *, title: str,
               progress: Progress | None = None, columns: Sequence[Column] = COLUMNS) -> int:
    rows = list(rows)  # the column widths look at the rows before any is written
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民名册")
    widths = fit_widths(columns, rows)
    setup_sheet(ws, columns, widths, title=title)
    ws.append(title_cells(ws, title, len(columns)))
    ws.append(header_cells(ws, columns))
    # Styled cells through openpyxl cost ~0.5 ms a row (a minute for 100,000): rows go in as XML.
    table = FastRows(ws, columns, first=3)
    for n, row in enumerate(rows):
        if progress is not None and n % 2000 == 0:
            progress(len(rows) + n, 2 * len(rows))
        table.add(row)
    with atomic_output(target) as tmp:
        wb.save(tmp)
        table.splice(tmp)
        if progress is not None:
            progress(2 * len(rows), 2 * len(rows))  # a last chance to cancel: the file goes too
    return len(rows)
