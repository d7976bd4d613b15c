"""Score sheets for the judges: one per judge, entry codes and titles (never the entrant), an
empty score column to fill in by hand, and the judge's signature line. .xlsx in the shared print
set-up (exporters/sheets/layout.py) or PDF on the official page (exporters/pdf/official.py).
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reportlab.platypus import PageBreak, Spacer

from exporters.atomic import atomic_output
from exporters.pdf import official as o
from exporters.pdf.fonts import font_set
from exporters.sheets.layout import (
    BORDER,
    CENTER,
    FONT,
    HEADER_FONT,
    LEFT,
    TITLE_FONT,
    Column,
    setup_sheet,
)
from exporters.sheets.text import set_text
from models.common.errors import UserError
from models.contests.records import ContestRecord, EntryRecord, JudgeRecord
from models.contests.service import get_contest, list_entries

COLUMNS = [Column("序号", 6, center=True), Column("作品编号", 10, center=True),
           Column("类别", 8, center=True), Column("作品名称", 34), Column("得分", 10, center=True),
           Column("备注", 16)]
SIGN_LINE = "评委签名：＿＿＿＿＿＿＿＿　　　日期：　　　　年　　月　　日"


def _judges(contest: ContestRecord, judge_id: int | None) -> list[JudgeRecord]:
    if not contest.judges:
        raise UserError(f"“{contest.title}”还没有评委，请先添加评委。")
    if judge_id is None:
        return contest.judges
    mine = [j for j in contest.judges if j.id == judge_id]
    if not mine:
        raise UserError(f"“{contest.title}”没有编号为 {judge_id} 的评委。")
    return mine


def _sheet_name(n: int, name: str) -> str:
    """A worksheet name Excel takes: without []:*?/\\ and control characters, 31 at most."""
    kept = "".join(ch for ch in name if ch not in "[]:*?/\\'" and ch.isprintable())
    return f"{n}-{kept}"[:31]


def _heading(contest: ContestRecord, judge: JudgeRecord) -> str:
    unit = f"（{judge.unit}）" if judge.unit else ""
    return f"{contest.title}评分表\n评委：{judge.name}{unit}　计分方法：{contest.method}"


def _rows(entries: list[EntryRecord]) -> list[list[str]]:
    return [[str(i), e.code, e.category, e.title, "", ""] for i, e in enumerate(entries, 1)]


def export_score_sheet_xlsx(contest_id: int, target: Path | str,
                            judge_id: int | None = None) -> int:
    """One worksheet per judge; returns the number of sheets."""
    contest = get_contest(contest_id)
    judges = _judges(contest, judge_id)
    rows = _rows(list_entries(contest_id))
    wb = Workbook()
    wb.remove(wb.active)
    widths = [c.width or 10 for c in COLUMNS]
    for n, judge in enumerate(judges, 1):
        ws = wb.create_sheet(_sheet_name(n, judge.name))
        title = _heading(contest, judge)
        setup_sheet(ws, COLUMNS, widths, title=title)
        cell = set_text(ws.cell(row=1, column=1), title)
        cell.font, cell.alignment = TITLE_FONT, CENTER
        ws.row_dimensions[1].height = 48
        for i, c in enumerate(COLUMNS, 1):
            cell = set_text(ws.cell(row=2, column=i), c.title)
            cell.font, cell.alignment, cell.border = HEADER_FONT, CENTER, BORDER
        for r, values in enumerate(rows, 3):
            ws.row_dimensions[r].height = 24
            for i, (c, value) in enumerate(zip(COLUMNS, values, strict=True), 1):
                cell = set_text(ws.cell(row=r, column=i), value or None)
                cell.font, cell.border = FONT, BORDER
                cell.alignment = CENTER if c.center else LEFT
        sign_row = 3 + len(rows) + 1
        ws.merge_cells(start_row=sign_row, start_column=1, end_row=sign_row,
                       end_column=len(COLUMNS))
        cell = set_text(ws.cell(row=sign_row, column=1), SIGN_LINE)
        cell.font, cell.alignment = FONT, LEFT
        ws.row_dimensions[sign_row].height = 36
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return len(judges)


def export_score_sheet_pdf(contest_id: int, target: Path | str,
                           judge_id: int | None = None) -> int:
    """One section per judge, each starting on a new page; returns the number of pages."""
    contest = get_contest(contest_id)
    judges = _judges(contest, judge_id)
    rows = _rows(list_entries(contest_id))
    fonts = font_set()
    s = o.make_styles(fonts)
    story: list = []
    for n, judge in enumerate(judges):
        if n:
            story.append(PageBreak())
        title, sub = _heading(contest, judge).split("\n")
        story += o.title_block(s, title)
        story.append(o.text(sub, s.recipients))
        story.append(Spacer(1, 6))
        story.append(o.data_table(s, [c.title for c in COLUMNS], rows, [6, 12, 8, 34, 10, 12],
                                  align="CCCLCL"))
        story.append(Spacer(1, o.LINE))
        story.append(o.text(SIGN_LINE, s.recipients))
    with atomic_output(target) as tmp:
        return o.build_pdf(story, tmp, fonts=fonts, title=f"{contest.title}评分表",
                           author=contest.issuer)
