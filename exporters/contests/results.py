"""The results notice (评选结果公示) of a contest, for posting: per category, the winners of
each level with their names masked (models/common/masking.py) and, within a level, in 姓氏笔画
order of what the masked name shows (so the order does not give the hidden character away); the
shared places the tie rule could not break, said plainly; the posting period and how to object.
PDF on the official page (exporters/pdf/official.py) or .xlsx in the shared print set-up.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

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
from models.common.masking import mask_name, visible_sort_key
from models.contests.records import ContestResults
from models.contests.service import contest_results

MIN_POSTING_DAYS = 7  # PRINTING.md: a notice stays up at least seven days


@dataclass
class Posting:
    start: date
    days: int = MIN_POSTING_DAYS
    contact: str = ""  # where and how to object: an office, a phone number

    def __post_init__(self) -> None:
        if self.days < MIN_POSTING_DAYS:
            raise UserError(f"公示期至少 {MIN_POSTING_DAYS} 天（现为 {self.days} 天）。")

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)


@dataclass
class Winner:
    category: str
    level: str
    name: str  # masked
    title: str


def winners(res: ContestResults) -> list[Winner]:
    """Every prize, by category and level (the contest's order), masked names in stroke order."""
    unplaced = [r for r in res.entries if r.rank is None]
    if unplaced:
        raise UserError(f"“{res.contest.title}”还有 {len(unplaced)} 件作品未由每位评委打分，"
                        "评完后才能公示结果。")
    out: list[Winner] = []
    for cat in res.contest.categories:
        for level, _places in cat.levels:
            mine = [Winner(cat.name, level, mask_name(r.entry.name), r.entry.title)
                    for r in res.entries if r.entry.category_id == cat.id and r.prize == level]
            mine.sort(key=lambda w: (visible_sort_key(w.name), w.title))
            out += mine
    return out


def _posting_text(res: ContestResults, posting: Posting) -> list[str]:
    return posting_lines(res.contest.issuer or "社区居委会", posting)


def posting_lines(who: str, posting: Posting, matter: str = "评选结果") -> list[str]:
    """The posting period and how to object, for any notice posted (results, honour roll)."""
    contact = f"（{posting.contact}）" if posting.contact else ""
    return [
        f"公示期：{o.cn_date(posting.start)}至{o.cn_date(posting.end)}，共 {posting.days} 天。",
        f"公示期间如对{matter}有异议，请以书面形式或当面向{who}反映{contact}，"
        "反映问题应实事求是，并写明或说明本人姓名与联系方式，以便核实回复。",
    ]


def export_results_pdf(contest_id: int, target: Path | str, posting: Posting) -> int:
    res = contest_results(contest_id)
    found = winners(res)
    fonts = font_set()
    s = o.make_styles(fonts)
    story: list = o.title_block(s, f"{res.contest.title}评选结果公示")
    story.append(o.text(f"经评委评审（计分方法：{res.contest.method}），现将评选结果公示如下：",
                        s.body))
    number = 0
    for cat in res.contest.categories:
        rows = [[w.level, w.name, w.title] for w in found if w.category == cat.name]
        if not rows:
            continue
        number += 1
        table = o.data_table(s, ["奖项", "姓名", "作品名称"], rows, [20, 20, 60], align="CCL")
        story += o.keep_heading(o.heading(s, 1, number, f"{cat.name}类"), o.table_block(table))
    for notice in res.notices:
        story.append(o.lead_paragraph(s, "", f"说明：{notice}"))
    for line in _posting_text(res, posting):
        story.append(o.text(line, s.body))
    story += o.signature_block(s, res.contest.issuer or "社区居委会", posting.start)
    with atomic_output(target) as tmp:
        return o.build_pdf(story, tmp, fonts=fonts, title=f"{res.contest.title}评选结果公示",
                           author=res.contest.issuer)


COLUMNS = [Column("类别", 10, center=True), Column("奖项", 10, center=True),
           Column("姓名", 12, center=True), Column("作品名称", 36)]


def export_results_xlsx(contest_id: int, target: Path | str, posting: Posting) -> int:
    """Returns the number of winners listed."""
    res = contest_results(contest_id)
    found = winners(res)
    wb = Workbook()
    ws = wb.active
    ws.title = "评选结果公示"
    title = f"{res.contest.title}评选结果公示"
    widths = [c.width or 10 for c in COLUMNS]
    setup_sheet(ws, COLUMNS, widths, title=title)
    cell = set_text(ws.cell(row=1, column=1), title)
    cell.font, cell.alignment = TITLE_FONT, CENTER
    ws.row_dimensions[1].height = 40
    for i, c in enumerate(COLUMNS, 1):
        cell = set_text(ws.cell(row=2, column=i), c.title)
        cell.font, cell.alignment, cell.border = HEADER_FONT, CENTER, BORDER
    r = 3
    for w in found:
        for i, (c, value) in enumerate(zip(COLUMNS, [w.category, w.level, w.name, w.title],
                                           strict=True), 1):
            cell = set_text(ws.cell(row=r, column=i), value)
            cell.font, cell.border = FONT, BORDER
            cell.alignment = CENTER if c.center else LEFT
        r += 1
    for line in [f"说明：{n}" for n in res.notices] + _posting_text(res, posting):
        r += 1
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(COLUMNS))
        cell = set_text(ws.cell(row=r, column=1), line)
        cell.font, cell.alignment = FONT, LEFT
        ws.row_dimensions[r].height = 36
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return len(found)
