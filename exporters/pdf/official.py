"""The official-document page (GB/T 9704-2012), written once for every PDF that looks like 公文.

Geometry: A4, text area 156 x 225 mm at 28 mm from the left and 37 mm from the top; body 3号
(16 pt) 仿宋 at a fixed 28.9 pt pitch (22 lines); title 2号 (22 pt) centred; headings 一、(黑体)
（一）(楷体) 1.(仿宋, bold face) （1）(仿宋); page numbers 4号 "— N —" 7 mm below the text area,
odd pages right and even pages left, one character in.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from exporters.atomic import ExportError
from exporters.pdf.cjk import CJKParagraph, TitleParagraph
from exporters.pdf.fonts import FontSet, font_set

PAGE_W, PAGE_H = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
TEXT_W = 156 * mm
TEXT_H = 225 * mm
MARGIN_BOTTOM = PAGE_H - MARGIN_TOP - TEXT_H  # 35 mm
MARGIN_RIGHT = PAGE_W - MARGIN_LEFT - TEXT_W  # 26 mm

BODY_SIZE = 16.0  # 3号
LINE = 28.9  # fixed pitch: 22 lines in 225 mm
TITLE_SIZE = 22.0  # 2号
TITLE_LEADING = 34.0
PAGE_NO_SIZE = 14.0  # 4号
PAGE_NO_GAP = 7 * mm
TABLE_SIZE = 12.0  # 小四
TABLE_LEADING = 17.0
# Word's document grid: 28 characters a line, so each advances 15.8 pt, a shade under its size.
CHARS_PER_LINE = 28
CHAR = TEXT_W / CHARS_PER_LINE
BODY_CHAR_SPACE = CHAR - BODY_SIZE  # about -0.2 pt between characters
INDENT = 2 * CHAR  # two characters

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (heading numbers up to 99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return text + (CN_DIGITS[ones] if ones else "")


def cn_date(d: date | None) -> str:
    """2026年11月28日 (Arabic numerals, no leading zeros, as GB/T 9704 asks)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def esc(text: str) -> str:
    """User text made safe for reportlab's paragraph markup; line breaks kept. Ideographic spaces
    are kept one by one, leading ones too: a blank to fill by hand (　　年　　月　　日) must keep
    its width, and reportlab's parser folds a run of raw whitespace into one space."""
    kept = escape(text.strip(" \t\r\n")).replace("\r\n", "\n").replace("\n", "<br/>")
    return kept.replace("\u3000", "&#12288;")


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    title: ParagraphStyle
    recipients: ParagraphStyle
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    signature: ParagraphStyle

    def bold(self, text: str) -> str:
        """Markup for a bold run inside body text (the 'bold' font role; markup, not escaped)."""
        return f'<font name="{self.fonts.bold}">{text}</font>'


def make_styles(fonts: FontSet | None = None) -> Styles:
    fonts = fonts or font_set()
    body = ParagraphStyle(
        "body", fontName=fonts.body, fontSize=BODY_SIZE, leading=LINE, firstLineIndent=INDENT,
        alignment=TA_JUSTIFY, wordWrap="CJK", allowWidows=0, allowOrphans=0,
        charSpace=BODY_CHAR_SPACE,
    )
    # kept with what follows by KeepWithLines (two lines of it), not keepWithNext (all of it)
    heading = {"parent": body}
    # Without 黑体 the 一、 headings would print in the body's own face: drawn bold instead, so
    # the levels read top-down (一、 bold, （一） 1. （1） regular) with the bundled font alone.
    one_face = fonts.choices["heading1"].path == fonts.choices["body"].path
    return Styles(
        fonts=fonts,
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.title, fontSize=TITLE_SIZE,
            leading=TITLE_LEADING, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=LINE,
            keepWithNext=1, charSpace=0,
        ),
        recipients=ParagraphStyle("recipients", parent=body, firstLineIndent=0, alignment=TA_LEFT),
        body=body,
        h1=ParagraphStyle("h1", fontName=fonts.bold if one_face else fonts.heading1, **heading),
        h2=ParagraphStyle("h2", fontName=fonts.heading2, **heading),
        # 仿宋, drawn bold; with one face for all, regular, so that 一、 stands above 1.
        h3=ParagraphStyle("h3", fontName=fonts.body if one_face else fonts.bold, **heading),
        h4=ParagraphStyle("h4", **heading),
        cell=ParagraphStyle(
            "cell", fontName=fonts.body, fontSize=TABLE_SIZE, leading=TABLE_LEADING,
            wordWrap="CJK", alignment=TA_LEFT,
        ),
        cell_head=ParagraphStyle(
            "cell_head", fontName=fonts.heading1, fontSize=TABLE_SIZE, leading=TABLE_LEADING,
            wordWrap="CJK", alignment=TA_CENTER,
        ),
        signature=ParagraphStyle(
            "signature", parent=body, firstLineIndent=0, alignment=TA_RIGHT,
        ),
    )


def para(markup: str, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph from markup that is already escaped."""
    return CJKParagraph(markup, style)


def text(value: str, style: ParagraphStyle) -> CJKParagraph:
    """A paragraph from plain user text."""
    return CJKParagraph(esc(value), style)


def title_block(s: Styles, title: str) -> list[Flowable]:
    """The title, two lines split near the middle (cjk.TitleParagraph)."""
    return [TitleParagraph(esc(title), s.title)]


def title_lines(title: str) -> list[str]:
    """The title's lines as the PDF prints them (the Word file breaks its title there too)."""
    from exporters.pdf.cjk import line_texts

    return line_texts(title_block(make_styles(), title)[0], TEXT_W)


def recipients_line(s: Styles, recipients: str) -> Flowable:
    line = recipients.strip().rstrip("：:，,。")
    return text(line + "：", s.recipients)


def heading(s: Styles, level: int, number: int, title: str) -> Flowable:
    """Level 1 一、 level 2 （一） level 3 1. level 4 （1）; the title text is plain."""
    label = [f"{cn_number(number)}、", f"（{cn_number(number)}）", f"{number}.", f"（{number}）"]
    style = [s.h1, s.h2, s.h3, s.h4][level - 1]
    return para(label[level - 1] + esc(title), style)


def lead_paragraph(s: Styles, prefix: str, value: str) -> Flowable:
    """A body paragraph; "lead phrase：rest" gets the lead phrase (and its colon) in bold.

    prefix is markup put before the text (e.g. a number "1."), already escaped.
    """
    value = value.strip()
    # Only the full-width colon: "8:30" is a time, not a lead phrase.
    lead, sep, rest = value.partition("：")
    if sep and 0 < len(lead) <= 20 and rest.strip():
        return para(prefix + s.bold(esc(lead) + "：") + esc(rest), s.body)
    return para(prefix + esc(value), s.body)


def attachments_block(s: Styles, titles: Sequence[str]) -> list[Flowable]:
    """One blank line, then 附件：1．… with later items aligned under the first number."""
    titles = [t.strip() for t in titles if t.strip()]
    if not titles:
        return []
    ch = CHAR
    out: list[Flowable] = [Spacer(1, LINE)]
    numbered = len(titles) > 1
    for i, title in enumerate(titles, 1):
        number = f"{i}．" if numbered else ""
        lead_chars = 2 if numbered else 0
        style = ParagraphStyle(
            f"att{i}", parent=s.body, alignment=TA_LEFT,
            leftIndent=(5 + lead_chars) * ch,
            firstLineIndent=-(3 + lead_chars) * ch if i == 1 else -lead_chars * ch,
        )
        lead = "附件：" if i == 1 else ""
        out.append(para(lead + number + esc(title), style))
    return [KeepTogether(out)]


def signature_indents(issuer: str, date_text: str, font: str) -> tuple[float, float]:
    """Right indents of the issuer's line and the date's: the date four characters in, the
    issuer centred over it (flush right at most)."""
    wi = stringWidth(issuer, font, BODY_SIZE) + len(issuer) * BODY_CHAR_SPACE
    wd = stringWidth(date_text, font, BODY_SIZE) + len(date_text) * BODY_CHAR_SPACE if date_text \
        else wi
    right_date = 4 * CHAR
    return max(0.0, right_date + (wd - wi) / 2), right_date


def signature_block(s: Styles, issuer: str, when: date | str | None) -> list[Flowable]:
    """The date (or its text) right-indented four characters, the issuer centred over it (flush
    right at most when it is much longer), two blank lines above for the seal."""
    issuer = issuer.strip()
    date_text = when.strip(" \t\r\n") if isinstance(when, str) else cn_date(when)  # keeps 　　年
    if not issuer and not date_text:
        return []
    right_issuer, right_date = signature_indents(issuer, date_text, s.body.fontName)
    out: list[Flowable] = [Spacer(1, 2 * LINE)]
    if issuer:
        style = ParagraphStyle("issuer", parent=s.signature, rightIndent=right_issuer)
        out.append(text(issuer, style))
    if date_text:
        style = ParagraphStyle("date", parent=s.signature, rightIndent=right_date)
        out.append(text(date_text, style))
    return [KeepTogether(out)]


def data_table(
    s: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    align: Sequence[str] = (),
    bold_rows: Sequence[int] = (),
    label_rows: Sequence[int] = (),
    label_span: int = 1,
) -> LongTable:
    """A full-width table whose header row repeats on every page; cells wrap by Chinese rules.

    widths are relative; align per column is "L", "C" or "R"; bold_rows index into rows
    (e.g. a total line); label_rows have their first cell spread over label_span columns.
    """
    total = float(sum(widths))
    col_w = [TEXT_W * w / total for w in widths]
    aligns = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT}
    col_styles = [
        ParagraphStyle(f"c{i}", parent=s.cell, alignment=aligns[a])
        for i, a in enumerate(list(align)[: len(header)] + ["L"] * (len(header) - len(align)))
    ]
    bold = set(bold_rows)
    data: list[list[Flowable]] = [[text(h, s.cell_head) for h in header]]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            style = col_styles[c]
            if r in bold:
                style = ParagraphStyle(f"b{c}", parent=style, fontName=s.fonts.bold)
            cells.append(text(value or "", style))
        data.append(cells)
    # No splitInRow: it can leave a repeated header and an empty sliver at a page foot.
    table = LongTable(data, colWidths=col_w, repeatRows=1, hAlign="LEFT")
    spans = [("SPAN", (0, r + 1), (label_span - 1, r + 1)) for r in label_rows if label_span > 1]
    table.setStyle(TableStyle(spans + [
        # the cell font reportlab sets before drawing each cell: never its Helvetica default
        ("FONT", (0, 0), (-1, -1), s.fonts.body, TABLE_SIZE, TABLE_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
    ]))
    return table


CELL_PAD = 6.0 + 1.0  # left and right padding, and a point to spare
SHORT_CELL = 4  # a cell this short (characters) is never wrapped


def _chunks(text: str) -> list[str]:
    """The pieces a line may not break inside (a date, a number with its unit, a word)."""
    from exporters.pdf.cjk import allowed_at

    out: list[str] = []
    for line in text.splitlines():
        chars = list(line.strip())
        start = 0
        for b in range(1, len(chars)):
            if allowed_at(chars, b):
                out.append("".join(chars[start:b]))
                start = b
        out.append("".join(chars[start:]))
    return out or [""]


def fit_widths(s: Styles, header: Sequence[str], rows: Sequence[Sequence[str]],
               hints: Sequence[float], *, label_rows: Sequence[int] = ()) -> list[float]:
    """Column widths (points, summing to the text width) sized from what the columns hold, as
    a browser sizes an automatic table: each column gets at least its header, its short cells
    and its longest unbreakable piece (a date stays whole); the rest of the line goes to the
    columns by how much more they would need to hold every cell on one line. The hints are used
    when even that minimum does not fit."""
    n = len(header)
    labels = set(label_rows)

    def width(text: str, font: str) -> float:
        return stringWidth(text.strip(), font, TABLE_SIZE) + CELL_PAD

    natural, least = [], []
    for c in range(n):
        head = width(header[c], s.fonts.heading1)
        texts = [r[c] for i, r in enumerate(rows) if c < len(r) and not (i in labels and c == 0)]
        lines = [line for t in texts for line in (t.splitlines() or [""])]
        natural.append(max([head, *(width(line, s.fonts.body) for line in lines)]))
        pieces = [p for t in texts for p in _chunks(t)]
        pieces += [line for line in lines if len(line.strip()) <= SHORT_CELL]
        least.append(max([head, *(width(p, s.fonts.body) for p in pieces)]))
    if sum(natural) <= TEXT_W:  # everything on one line: the spare room shared out
        spare = TEXT_W - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    if sum(least) > TEXT_W:
        total = float(sum(hints[:n]))
        return [TEXT_W * h / total for h in hints[:n]]
    need = [natural[c] - least[c] for c in range(n)]
    spare = TEXT_W - sum(least)
    return [least[c] + spare * need[c] / sum(need) for c in range(n)]


def table_block(table: LongTable) -> list[Flowable]:
    """A table with a little air around it; moves to a new page rather than start at its foot
    (a heading before it should come with it: see keep_heading)."""
    return [CondPageBreak(4 * LINE), Spacer(1, 6), table, Spacer(1, LINE / 2)]


def keep_heading(head: Flowable, body: list[Flowable]) -> list[Flowable]:
    """A heading and what follows, never the heading alone at a page foot. keepWithNext binds it
    to the next paragraph; a table that follows is not a paragraph, so reserve room instead."""
    if body and isinstance(body[0], CondPageBreak):
        return [CondPageBreak(5 * LINE), head, *body[1:]]
    return [head, *body]


class KeepWithLines(CondPageBreak):
    """Starts a new page unless the headings that follow and the first `lines` lines of their
    body fit: a heading never ends a page alone, and never drags a whole long paragraph over."""

    def __init__(self, heads: Sequence[Flowable], lines: int = 2) -> None:
        super().__init__(lines * LINE)
        self.heads, self.lines = list(heads), lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.height = self.lines * LINE + sum(
            h.wrap(availWidth, availHeight)[1] + h.getSpaceBefore() + h.getSpaceAfter()
            for h in self.heads)
        return super().wrap(availWidth, availHeight)


def page_number(canv: Any, font: str) -> None:
    """The page number of the canvas's current page (for pages drawn without platypus)."""
    _PageNumbers(font)(canv, None)


class _PageNumbers:
    """Draws "— N —" under the text area: odd pages right, even pages left, one character in."""

    def __init__(self, font: str) -> None:
        self.font = font

    def __call__(self, canv: Any, doc: Any) -> None:
        n = canv.getPageNumber()
        label = f"— {n} —"
        ascent = getAscent(self.font, PAGE_NO_SIZE)
        y = MARGIN_BOTTOM - PAGE_NO_GAP - ascent
        canv.saveState()
        canv.setFont(self.font, PAGE_NO_SIZE)
        if n % 2:
            canv.drawRightString(MARGIN_LEFT + TEXT_W - PAGE_NO_SIZE, y, label)
        else:
            canv.drawString(MARGIN_LEFT + PAGE_NO_SIZE, y, label)
        canv.restoreState()


def build_pdf(
    story: list[Flowable],
    out: BinaryIO | Path | str,
    *,
    fonts: FontSet,
    title: str = "",
    author: str = "",
) -> int:
    """Lay the story out on official-document pages; returns the number of pages."""
    target: Any = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
        creator="社区活动助手", invariant=1, initialFontName=fonts.body,
        initialFontSize=BODY_SIZE, initialLeading=LINE,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_W, TEXT_H, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="text")
    doc.addPageTemplates([PageTemplate("official", [frame], onPage=_PageNumbers(fonts.song))])
    # ASCII85 makes streams a quarter bigger and, in pure Python, costs a tenth of the export.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story or [Spacer(1, 1)])  # an empty document is still one numbered page
    except LayoutError as exc:
        raise ExportError(
            f"有一项内容太长，无法排进一页纸（{exc}）。请把它分成几段后再导出。") from exc
    finally:
        rl_config.useA85 = a85
    return int(doc.page)
