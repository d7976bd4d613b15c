"""The import report as a workbook: a summary sheet, then every data row with its outcome."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from exporters.atomic import atomic_output
from exporters.sheets.layout import (
    Column,
    fit_widths,
    header_cells,
    row_cells,
    setup_sheet,
    title_cells,
)
from exporters.sheets.text import text_cell
from models.residents.imports.importer import OUTCOME_LABELS, ImportReport

COLUMNS = [Column("工作表", center=True), Column("行号", 8, center=True),
           Column("结果", 8, center=True), Column("原因或重复于", 50), Column("姓名", center=True)]


def write_import_report(target: Path | str, report: ImportReport) -> None:
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("汇总")
    summary.column_dimensions["A"].width = 90
    for line in report.summary_lines():
        summary.append([text_cell(summary, line)])  # it names the file: "=x.xlsx" stays text
    ws = wb.create_sheet("逐行结果")
    rows = [[r.sheet, r.row, OUTCOME_LABELS[r.outcome], r.explanation, r.name]
            for r in report.rows]
    title = f"居民导入报告：{Path(report.source).name}"
    setup_sheet(ws, COLUMNS, fit_widths(COLUMNS, rows, cap=60), title=title, landscape=True)
    ws.append(title_cells(ws, title, len(COLUMNS)))
    ws.append(header_cells(ws, COLUMNS))
    for row in rows:
        ws.append(row_cells(ws, COLUMNS, row))
    with atomic_output(target) as tmp:
        wb.save(tmp)
