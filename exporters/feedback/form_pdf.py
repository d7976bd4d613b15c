"""The blank feedback form (反馈表): A4, the activity's name as its title, each question with tick
boxes a pen can hit (6 mm, the option's number printed beside it, which is what the clerk keys in
later) or lined space to write in by hand, and a thank-you line.

A form, not a 公文: narrower margins than GB/T 9704, drawn through platypus so a long form flows
on to a second page with no question split.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer

from exporters.atomic import ExportError, atomic_output
from exporters.pdf.cjk import CJKParagraph, TitleParagraph
from exporters.pdf.fonts import FontSet, font_set
from exporters.pdf.official import esc
from models.feedback.records import MULTIPLE, RATING, TEXT, Question, activity_name

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
BOX = 6 * mm
OPTION_SIZE = 12.0
WRITE_LINES = 4
LINE_GAP = 9 * mm


class Choices(Flowable):
    """Tick boxes with their numbers and labels, as many a row as fit."""

    def __init__(self, labels: list[str], font: str) -> None:
        super().__init__()
        self.labels, self.font = labels, font
        widest = max(stringWidth(f"{i} {t}", font, OPTION_SIZE)
                     for i, t in enumerate(labels, 1))
        cell = BOX + 2.5 * mm + widest + 3 * mm
        self.per_row = max(1, min(len(labels), int(WIDTH // cell)))
        self.cell_w = WIDTH / self.per_row
        self.rows = -(-len(labels) // self.per_row)
        self.row_h = BOX + 4 * mm

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return WIDTH, self.rows * self.row_h

    def draw(self) -> None:
        c: Any = self.canv
        c.setLineWidth(0.9)
        for i, label in enumerate(self.labels):
            r, k = divmod(i, self.per_row)
            x = k * self.cell_w + 1 * mm
            y = (self.rows - r - 1) * self.row_h + 2 * mm
            c.rect(x, y, BOX, BOX)
            c.setFont(self.font, OPTION_SIZE)
            c.drawString(x + BOX + 2.5 * mm, y + 1.6 * mm, f"{i + 1} {label}")


class WriteLines(Flowable):
    """A box with ruled lines to write an answer by hand."""

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return WIDTH, WRITE_LINES * LINE_GAP + 2 * mm

    def draw(self) -> None:
        c: Any = self.canv
        h = WRITE_LINES * LINE_GAP
        c.setLineWidth(0.9)
        c.rect(0, 0, WIDTH, h)
        c.setLineWidth(0.3)
        c.setDash(1, 2)
        for i in range(1, WRITE_LINES):
            c.line(3 * mm, i * LINE_GAP, WIDTH - 3 * mm, i * LINE_GAP)


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("t", fontName=fonts.title, fontSize=18, leading=26,
                                alignment=1, wordWrap="CJK", spaceAfter=4),
        "sub": ParagraphStyle("s", fontName=fonts.body, fontSize=12, leading=18, alignment=1,
                              wordWrap="CJK", spaceAfter=8),
        "q": ParagraphStyle("q", fontName=fonts.heading1, fontSize=13, leading=20,
                            wordWrap="CJK", spaceBefore=8, spaceAfter=3),
        "note": ParagraphStyle("n", fontName=fonts.body, fontSize=12, leading=18,
                               wordWrap="CJK"),
    }


def _hint(q: Question) -> str:
    if q.kind == MULTIPLE:
        return "（可多选）"
    if q.kind == RATING:
        return "（5 为最满意，单选）"
    return "" if q.kind == TEXT else "（单选）"


def form_story(title: str, questions: list[Question], fonts: FontSet) -> list[Flowable]:
    s = _styles(fonts)
    story: list[Flowable] = [
        TitleParagraph(esc(f"{activity_name(title)}反馈表"), s["title"]),
        CJKParagraph("请在您选中的方框内打“√”，填空题请直接写在框内。不必填写姓名。", s["sub"]),
    ]
    for n, q in enumerate(questions, 1):
        head = CJKParagraph(f"{n}．{esc(q.text)}{_hint(q)}", s["q"])
        body: Flowable = WriteLines() if q.kind == TEXT else Choices(q.choices, fonts.body)
        story.append(KeepTogether([head, body]))
    story += [Spacer(1, 8 * mm),
              CJKParagraph("感谢您的参与！请将此表交回社区工作人员。", s["note"])]
    return story


def export_form_pdf(plan_id: int, out: Path) -> int:
    """Write the activity's blank form; returns the number of pages."""
    from models.feedback.service import list_questions
    from models.plans.service import load_plan

    questions = list_questions(plan_id)
    if not questions:
        raise ExportError("这个活动还没有反馈表题目，请先编好反馈表（可从现成题目开始）。")
    title = load_plan(plan_id).title
    fonts = font_set()
    with atomic_output(out) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN, bottomMargin=MARGIN, title=f"{title}反馈表",
                                creator="社区活动助手", invariant=1)
        doc.build(form_story(title, questions, fonts))
        return int(doc.page)

