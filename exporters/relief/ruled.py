"""A ruled table sheet drawn straight on the canvas: a title and a sub-line on every page, the
header repeated, a fixed number of rows a page (so a page's own total row is known while drawing
it), rows after the last (合计), then paragraphs and a signature, "第 X 页 共 Y 页" at the foot.

Drawn without platypus for the same reason as exporters/signups/signin_pdf.py: 5,000 rows take a
second or two, and the page count is known before drawing.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from exporters.atomic import atomic_output
from exporters.pdf.cjk import break_allowed
from exporters.pdf.fonts import bundled_font_name, font_set, has_glyph
from exporters.pdf.official import MARGIN_LEFT, PAGE_H, PAGE_W, TEXT_W

TOP = 18 * mm
BOTTOM = 20 * mm
TITLE_SIZE = 18.0
SUB_SIZE = 11.0
BODY_SIZE = 11.0
TEXT_SIZE = 12.0
TEXT_LEADING = 20.0
HEAD_H = 9 * mm
TITLE_BLOCK = 22 * mm


@dataclass
class Col:
    title: str
    width: float  # mm; 0: what is left of the text width
    align: str = "C"  # C or L


@dataclass
class Sheet:
    title: str
    sub: str
    cols: list[Col]
    rows: list[list[str]]
    row_h: float = 9 * mm
    # How many columns each cell of a short row (a total row) spans, e.g. (5, 1, 2).
    spans: tuple[int, ...] = ()
    # The cells of a total row under each page's rows, from that page's rows (None: no such row).
    page_total: Callable[[list[list[str]]], list[str]] | None = None
    end_rows: list[list[str]] = field(default_factory=list)  # after the last row (合计)
    before: list[str] = field(default_factory=list)  # paragraphs above the table, first page
    after: list[str] = field(default_factory=list)  # paragraphs below the table
    signature: list[str] = field(default_factory=list)  # right-aligned lines at the end


class Fonts:
    def __init__(self, texts: Sequence[str]) -> None:
        fs = font_set()
        self.head, self.body, self.fallback = fs.heading1, fs.song, bundled_font_name()
        chars = set("".join(texts))
        self.missing = {f: frozenset(ch for ch in chars if not has_glyph(f, ch))
                        for f in (self.head, self.body)}

    def pick(self, font: str, text: str) -> str:
        return font if self.missing[font].isdisjoint(text) else self.fallback


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrapping by the shared Chinese line-break rules."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and stringWidth(line + ch, font, size) > width:
            cut = len(line)
            while cut > 1 and not break_allowed(line[cut - 1], (line + ch)[cut]):
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        line += ch
    return lines + [line] if line else lines


def _widths(cols: list[Col]) -> list[float]:
    fixed = sum(c.width for c in cols) * mm
    return [c.width * mm if c.width else TEXT_W - fixed for c in cols]


def draw(sheet: Sheet, target: Path | str) -> int:
    """Write the sheet; returns the number of pages."""
    widths = _widths(sheet.cols)
    texts = [sheet.title, sheet.sub, *sheet.before, *sheet.after, *sheet.signature,
             *(c.title for c in sheet.cols), *(t for r in sheet.rows for t in r),
             *(t for r in sheet.end_rows for t in r), "本页小计合计0123456789."]
    fonts = Fonts(texts)
    body_top = PAGE_H - TOP - TITLE_BLOCK
    room = body_top - BOTTOM
    before_h = len(_lines(sheet.before, fonts)) * TEXT_LEADING
    totals = 1 if sheet.page_total else 0
    per_page = max(1, int((room - HEAD_H) // sheet.row_h) - totals)
    first_page = max(1, int((room - before_h - HEAD_H) // sheet.row_h) - totals)
    chunks = [sheet.rows[:first_page]]
    rest = sheet.rows[first_page:]
    chunks += [rest[i:i + per_page] for i in range(0, len(rest), per_page)]
    tail_h = (len(_lines(sheet.after, fonts)) + len(sheet.signature) + 1) * TEXT_LEADING
    last_used = (before_h if len(chunks) == 1 else 0) + HEAD_H + sheet.row_h * (
        len(chunks[-1]) + totals + len(sheet.end_rows))
    extra_page = last_used + tail_h > room
    pages = len(chunks) + (1 if extra_page else 0)
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        with atomic_output(target) as tmp:
            c = Canvas(str(tmp), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
                       initialFontName=fonts.body)
            c.setTitle(sheet.title)
            c.setCreator("社区活动助手")
            for n, chunk in enumerate(chunks):
                _title(c, fonts, sheet)
                y = body_top
                if n == 0:
                    y = _paragraphs(c, fonts, sheet.before, y)
                rows = list(chunk)
                bold = set()
                if sheet.page_total:
                    bold.add(len(rows))
                    rows.append(sheet.page_total(chunk))
                if n == len(chunks) - 1:
                    bold |= {len(rows) + i for i in range(len(sheet.end_rows))}
                    rows += sheet.end_rows
                y = _table(c, fonts, sheet, widths, rows, y, bold)
                if n == len(chunks) - 1 and not extra_page:
                    _tail(c, fonts, sheet, y - TEXT_LEADING / 2)
                _foot(c, fonts, n + 1, pages)
                c.showPage()
            if extra_page:
                _title(c, fonts, sheet)
                _tail(c, fonts, sheet, body_top)
                _foot(c, fonts, pages, pages)
                c.showPage()
            c.save()
    finally:
        rl_config.useA85 = a85
    return pages


def _lines(paras: list[str], fonts: Fonts) -> list[str]:
    out = []
    for p in paras:
        out += wrap(p, fonts.pick(fonts.body, p), TEXT_SIZE, TEXT_W - 2 * TEXT_SIZE)
    return out


def _title(c: Canvas, fonts: Fonts, sheet: Sheet) -> None:
    centre = MARGIN_LEFT + TEXT_W / 2
    font = fonts.pick(fonts.head, sheet.title)
    size = TITLE_SIZE
    while size > 10 and stringWidth(sheet.title, font, size) > TEXT_W:
        size -= 1
    c.setFont(font, size)
    c.drawCentredString(centre, PAGE_H - TOP - TITLE_SIZE, sheet.title)
    if sheet.sub:
        font = fonts.pick(fonts.body, sheet.sub)
        size = SUB_SIZE
        while size > 7 and stringWidth(sheet.sub, font, size) > TEXT_W:
            size -= 0.5
        c.setFont(font, size)
        c.drawCentredString(centre, PAGE_H - TOP - TITLE_BLOCK + 5 * mm, sheet.sub)


def _paragraphs(c: Canvas, fonts: Fonts, paras: list[str], y: float) -> float:
    for p in paras:
        font = fonts.pick(fonts.body, p)
        c.setFont(font, TEXT_SIZE)
        for i, line in enumerate(wrap(p, font, TEXT_SIZE, TEXT_W - 2 * TEXT_SIZE)):
            y -= TEXT_LEADING
            c.drawString(MARGIN_LEFT + (2 * TEXT_SIZE if i == 0 else 0), y + 5, line)
    return y


@lru_cache(maxsize=20000)
def _fit(text: str, font: str, width: float) -> tuple[float, float]:
    """The size that fits text in width, and its width then. Cached: a column's values repeat
    (categories, amounts, goods), and measuring CJK text is most of a row's cost."""
    size = BODY_SIZE
    drawn = stringWidth(text, font, size)
    while size > 6 and drawn > width:
        size -= 0.5
        drawn = stringWidth(text, font, size)
    return size, drawn


def _table(c: Canvas, fonts: Fonts, sheet: Sheet, widths: list[float], rows: list[list[str]],
           top: float, bold: set[int]) -> float:
    c.setLineWidth(0.6)
    x = MARGIN_LEFT
    for col, w in zip(sheet.cols, widths, strict=True):
        size, _width = _fit(col.title, fonts.head, w - 1.5 * mm)
        c.setFont(fonts.head, size)
        c.drawCentredString(x + w / 2, top - HEAD_H / 2 - size / 3, col.title)
        x += w
    bottom = top - HEAD_H - len(rows) * sheet.row_h
    path = c.beginPath()
    for k in range(len(rows) + 2):
        yy = top if k == 0 else top - HEAD_H - (k - 1) * sheet.row_h
        path.moveTo(MARGIN_LEFT, yy)
        path.lineTo(MARGIN_LEFT + TEXT_W, yy)
    edges = [MARGIN_LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
    for x in edges:
        path.moveTo(x, top)
        path.lineTo(x, top - HEAD_H)
    t = c.beginText()
    current = ("", 0.0)
    for k, values in enumerate(rows):
        row_top = top - HEAD_H - k * sheet.row_h
        mid = row_top - sheet.row_h / 2 - BODY_SIZE / 3
        spans = (1,) * len(widths) if len(values) == len(widths) else sheet.spans
        aligns = [col.align for col in sheet.cols] if len(values) == len(widths) else \
            ["C"] * len(values)
        first = 0
        cells = []
        for span in spans:
            cells.append((edges[first], edges[first + span] - edges[first]))
            first += span
        for x, _w in cells:
            path.moveTo(x, row_top)
            path.lineTo(x, row_top - sheet.row_h)
        path.moveTo(edges[-1], row_top)
        path.lineTo(edges[-1], row_top - sheet.row_h)
        for text, (x, w), align in zip(values, cells, aligns, strict=True):
            if text:
                base = fonts.head if k in bold else fonts.body
                face = fonts.pick(base, text)
                size, width = _fit(text, face, w - 2 * mm)
                if (face, size) != current:  # one Tf per change, not per cell
                    t.setFont(face, size)
                    current = (face, size)
                t.setTextOrigin(x + (w - width) / 2 if align == "C" else x + 1.5 * mm, mid)
                t.textOut(text)
    c.drawPath(path, stroke=1, fill=0)
    c.drawText(t)
    return bottom


def _tail(c: Canvas, fonts: Fonts, sheet: Sheet, y: float) -> None:
    y = _paragraphs(c, fonts, sheet.after, y)
    y -= TEXT_LEADING
    for line in sheet.signature:
        font = fonts.pick(fonts.body, line)
        c.setFont(font, TEXT_SIZE)
        y -= TEXT_LEADING
        c.drawRightString(MARGIN_LEFT + TEXT_W - 2 * TEXT_SIZE, y, line)


def _foot(c: Canvas, fonts: Fonts, page: int, pages: int) -> None:
    c.setFont(fonts.body, 9)
    c.drawCentredString(MARGIN_LEFT + TEXT_W / 2, BOTTOM - 8 * mm, f"第 {page} 页 共 {pages} 页")

