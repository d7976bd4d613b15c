"""The audit log of a campaign as .xlsx (kept in the office: full names): every change, when, which
clerk, whose row, what, old -> new, why, in the order written."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from exporters.atomic import atomic_output
from exporters.sheets.layout import Column, header_cells, row_cells, setup_sheet, title_cells
from models.relief.audit import campaign_log
from models.relief.service import get_campaign

COLUMNS = [Column("序号", 6, center=True), Column("时间", 18, center=True),
           Column("经办人", 10, center=True), Column("对象", 10, center=True),
           Column("事项", 10, center=True), Column("原值", 22), Column("新值", 22),
           Column("原因", 30)]


def export_log_xlsx(campaign_id: int, target: Path | str) -> int:
    """Returns the number of entries."""
    rec = get_campaign(campaign_id)
    entries = campaign_log(campaign_id)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("变更记录")
    title = f"{rec.title}变更记录"
    setup_sheet(ws, COLUMNS, [c.width or 10 for c in COLUMNS], title=title, landscape=True)
    ws.append(title_cells(ws, title, len(COLUMNS)))
    ws.append(header_cells(ws, COLUMNS))
    for i, e in enumerate(entries, 1):
        ws.append(row_cells(ws, COLUMNS, [str(i), f"{e.at:%Y-%m-%d %H:%M:%S}", e.clerk,
                                          e.subject, e.what, e.old, e.new, e.why]))
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return len(entries)
