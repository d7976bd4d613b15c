"""The bureau's attachments as one .xlsx in the print shape: 附件1, the summary by category
(households, people, amount, from models/relief/figures.totals, so they match the campaign's
figures to the fen) and 附件2, the detail list of the same rows. The list leaves the office, so it
is masked (docs PRINTING.md, models/common/masking.py): the name masked, the ID as 6+4, no phone,
no address, never the reason; masking.shown_columns decides which columns stay.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from exporters.atomic import atomic_output
from exporters.sheets.layout import (
    BORDER,
    CENTER,
    HEADER_FONT,
    Column,
    header_cells,
    row_cells,
    setup_sheet,
    title_cells,
)
from exporters.sheets.text import text_cell
from models.common import masking as mk
from models.relief.beneficiaries import list_beneficiaries
from models.relief.figures import counted, totals
from models.relief.service import get_campaign

SUMMARY = [Column("序号", 6, center=True), Column("慰问类别", 20, center=True),
           Column("户数", 10, center=True), Column("人数", 10, center=True),
           Column("金额（元）", 16, center=True)]
# (column, masking kind, value of a row)
DETAIL = [Column("序号", 6, center=True), Column("姓名", 10, center=True, kind=mk.NAME),
          Column("身份证号", 22, text=True, center=True, kind=mk.ID_NUMBER),
          Column("住址", 20, kind=mk.ROOM), Column("慰问类别", 16, center=True),
          Column("家庭人口", 8, center=True), Column("金额（元）", 12, center=True),
          Column("状态", 8, center=True), Column("困难原因", 20, kind=mk.FREE_TEXT)]


def _title(ws, title: str, ncols: int) -> None:  # type: ignore[no-untyped-def]
    ws.row_dimensions[1].height = 52  # two lines: 附件N and the title (before the row is written)
    ws.append(title_cells(ws, title, ncols))


def export_summary_xlsx(campaign_id: int, target: Path | str) -> tuple[int, int]:
    """附件1 and 附件2; returns (overall amount in fen, rows in the detail list)."""
    rec = get_campaign(campaign_id)
    lines, overall = totals(campaign_id)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("附件1")
    title = f"附件1\n{rec.title}情况汇总表"
    setup_sheet(ws, SUMMARY, [c.width or 10 for c in SUMMARY], title=title)
    _title(ws, title, len(SUMMARY))
    ws.append(header_cells(ws, SUMMARY))
    for i, line in enumerate([*lines, overall], 1):
        cells = row_cells(ws, SUMMARY, [str(i) if line is not overall else "",
                                        line.category, line.households, line.people,
                                        line.amount_fen / 100])
        cells[4].number_format = "0.00"
        if line is overall:
            for cell in cells:
                cell.font = HEADER_FONT
        ws.append(cells)
    shown = mk.shown_columns([c.kind for c in DETAIL])
    cols = [DETAIL[i] for i in shown]
    ds = wb.create_sheet("附件2")
    dtitle = f"附件2\n{rec.title}对象花名册"
    setup_sheet(ds, cols, [c.width or 10 for c in cols], title=dtitle)
    _title(ds, dtitle, len(cols))
    ds.append(header_cells(ds, cols))
    rows = counted(list_beneficiaries(campaign_id))
    order = {c.id: i for i, c in enumerate(rec.categories)}
    rows.sort(key=lambda r: (order[r.category_id], mk.visible_sort_key(mk.mask_name(r.name))))
    for i, r in enumerate(rows, 1):
        full = [str(i), r.name, r.id_number, "", r.category, r.household_size,
                r.amount_fen / 100, r.status, r.reason]
        values = [mk.mask_value(DETAIL[k].kind, v) if isinstance(v, str) else v
                  for k, v in ((k, full[k]) for k in shown)]
        cells = row_cells(ds, cols, values)
        cells[[c.title for c in cols].index("金额（元）")].number_format = "0.00"
        ds.append(cells)
    label = text_cell(ds, "合计")
    label.font, label.alignment, label.border = HEADER_FONT, CENTER, BORDER
    amount = text_cell(ds, overall.amount_fen / 100)
    amount.number_format, amount.font, amount.border = "0.00", HEADER_FONT, BORDER
    at = [c.title for c in cols].index("金额（元）")
    ds.append([label, *[None] * (at - 1), amount])
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return overall.amount_fen, len(rows)
