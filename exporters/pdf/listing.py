"""A list of people or figures as a printed table PDF (rosters, blank forms, attendance): A4,
portrait or landscape, the title and its lines on every page, a ruled table whose header row
repeats on every page, long cells wrapped by the Chinese line-break rules, "第 X 页 共 Y 页".

Drawn straight on the canvas, as the sign-in sheet is (exporters/signups/signin_pdf.py): rows are
laid out first (wrapped lines, heights, pages), so the page count is known before drawing and
100,000 rows take seconds, not the minutes a platypus Table needs. The table is ruled on every
side of every cell, so a reader (and tests/rebuild.py's attacker) sees the same rows and columns
as in the .xlsx.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from exporters.atomic import atomic_output
from exporters.pdf.cjk import break_allowed
from exporters.pdf.fonts import bundled_font_name, font_set, has_glyph

Progress = Callable[[int, int], None]  # (done, total); may raise to cancel (no file is left)

MARGIN_SIDE = 15 * mm
MARGIN_BINDING = 20 * mm  # the left edge (portrait) or the top (landscape) is stapled
MARGIN_OTHER = 14 * mm
TITLE_SIZE = 16.0
LINE_SIZE = 10.5  # 五号: the activity's time and place under the title
FOOTER_SIZE = 9.0
PAD = 1.6 * mm  # inside a cell, left and right
PAD_V = 1.2 * mm
MIN_CHARS = 2  # a wrapped column is never narrower than two characters
OPENING = frozenset("（《〈「『【〔〖［｛(")
CLOSING = frozenset("）》〉」』】〕〗］｝)")
# Where a long line of the heading breaks best: after a list's 、, a space or a ；.
SEPARATORS = frozenset("、　；， ")
_WORDS = re.compile(r"[0-9A-Za-z.:\-/_%+#&']+")


@dataclass(frozen=True)
class ListColumn:
    title: str
    center: bool = False
    nowrap: bool = False  # ID numbers, phones, times: one line, shrunk if they must
    max_share: float = 0.3  # of the table width, for a column of long text


@dataclass
class Listing:
    title: str
    lines: Sequence[str]  # under the title (time, place, notes), each wrapped if long
    columns: Sequence[ListColumn]
    rows: Sequence[Sequence[str]]
    landscape: bool | None = False  # None: landscape when the columns need it
    font_size: float = 10.0
    min_row_height: float = 0.0  # points: blank forms leave room to write by hand
    doc_title: str = ""
    progress: Progress | None = None
    # Filled by layout(): column widths (points) and each row's wrapped lines.
    widths: list[float] = field(default_factory=list)


def wrap(text: str, width_of: Callable[[str], float], room: float, *,
         tidy: bool = True) -> list[str]:
    """Lines of at most room wide, broken where the Chinese rules allow (exporters/pdf/cjk.py).
    tidy (headings): never inside a bracket when a break outside one exists, so that
    "市郊森林公园（重阳登高）" keeps its bracket whole, and after a 、 or a space rather than in
    the middle of a phrase. Table cells fill their lines instead (tidy False)."""
    lines: list[str] = []
    rest = text
    while rest and width_of(rest) > room:
        # The longest head that fits (at least one character).
        fit = 1
        while fit < len(rest) and width_of(rest[:fit + 1]) <= room:
            fit += 1
        cut = _best_break(rest, fit, tidy)
        lines.append(rest[:cut].rstrip(" 　"))
        rest = rest[cut:].lstrip(" 　")
    if rest or not lines:
        lines.append(rest)
    return lines


def _best_break(text: str, fit: int, tidy: bool = True) -> int:
    """Index to end the line at, given that text[:fit] is the longest head that fits."""
    if fit >= len(text):
        return fit
    if not tidy:
        for b in range(fit, max(0, fit // 2), -1):
            if break_allowed(text[b - 1], text[b]):
                return b
        return fit
    depth = 0
    depths = []
    for ch in text[:fit + 1]:
        depths.append(depth)  # depth before ch: a break before ch is inside brackets if > 0
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING and depth:
            depth -= 1
    allowed = [b for b in range(fit, 0, -1) if break_allowed(text[b - 1], text[b])]
    floor = fit // 3  # a line shorter than a third of the room wastes the paper
    for good in (lambda b: depths[b] == 0 and text[b - 1] in SEPARATORS,
                 lambda b: depths[b] == 0):
        for b in allowed:
            if b < floor:
                break
            if good(b):
                return b
    return allowed[0] if allowed else fit


class _Fonts:
    """The body, header and title faces, the bundled font for a character one lacks, and text
    widths from per-character tables (reportlab's stringWidth runs in Python here: a look-up a
    character is several times faster, and the sum is the same, as TrueType text has no kerning
    in reportlab)."""

    def __init__(self) -> None:
        fs = font_set()
        self.body, self.head = fs.song, fs.heading1
        self.fallback = bundled_font_name()
        self._good: dict[str, set[str]] = {}  # characters each font is known to draw
        self._widths: dict[str, dict[str, float]] = {}  # font -> character -> width at 1 pt

    def pick(self, font: str, text: str) -> str:
        good = self._good.setdefault(font, set())
        if good.issuperset(text):
            return font
        for ch in set(text) - good:
            if not has_glyph(font, ch):
                return self.fallback
            good.add(ch)
        return font

    def width(self, text: str, font: str, size: float) -> float:
        table = self._widths.setdefault(font, {})
        try:
            return sum(map(table.__getitem__, text)) * size
        except KeyError:
            for ch in text:
                if ch not in table:
                    table[ch] = stringWidth(ch, font, 1.0)
            return sum(map(table.__getitem__, text)) * size


def page_size(listing: Listing) -> tuple[float, float]:
    return landscape(A4) if listing.landscape else A4


def _frame(listing: Listing) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of the printed area."""
    w, h = page_size(listing)
    if listing.landscape:
        return MARGIN_SIDE, w - MARGIN_SIDE, h - MARGIN_BINDING, MARGIN_OTHER + 4 * mm
    return MARGIN_BINDING, w - MARGIN_SIDE, h - MARGIN_OTHER, MARGIN_OTHER + 4 * mm


class _Measure:
    """Width of a text in the body font (or the stand-in for a rare character) at one size."""

    def __init__(self, fonts: _Fonts, size: float, font: str = "") -> None:
        self.fonts, self.size, self.font = fonts, size, font or fonts.body

    def __call__(self, text: str) -> float:
        return self.fonts.width(text, self.fonts.pick(self.font, text), self.size)


def _wanted(listing: Listing, measure: _Measure, head: _Measure,
            total: float) -> list[tuple[float, float]]:
    """(wanted, least) width of each column: as wide as its longest value (a long-text column
    capped at its share), and never narrower than its longest word or number."""
    out = []
    short = listing.font_size * 4  # 性别, 楼栋: a column this narrow keeps its width
    for i, col in enumerate(listing.columns):
        longest = max((measure(r[i]) for r in listing.rows if i < len(r) and r[i]), default=0.0)
        title = head(col.title)
        if len(col.title) > 3:  # a title of four or more characters may take two lines
            title = title / 2 + head("（")
        floor = max(title, listing.font_size * MIN_CHARS)
        if col.nowrap:
            want = least = max(longest, floor)
        else:
            word = _longest_word(listing.rows, i, measure)
            want = max(min(longest, total * col.max_share), word, floor)
            least = want if want <= short else max(word, floor, short)
        out.append((want + 2 * PAD, least + 2 * PAD))
    return out


def _longest_word(rows: Sequence[Sequence[str]], i: int, measure: _Measure) -> float:
    """The widest run of Latin letters and digits in column i ("2026-10-01", a receipt number):
    a wrapped column is never so narrow that one is cut in two."""
    values = {r[i] for r in rows if i < len(r) and r[i]}
    words = {w for v in values for w in _WORDS.findall(v)}
    return max((measure(w) for w in words), default=0.0)


def _widths(sizes: list[tuple[float, float]], total: float) -> list[float]:
    """Column widths: the wanted ones and the room left over shared out; when they do not fit,
    each column gives way in proportion to what it can spare above its least; when even the
    least do not fit, all shrink alike (one-line text is then drawn smaller)."""
    want = [w for w, _l in sizes]
    least = [lo for _w, lo in sizes]
    if sum(want) <= total:
        extra = total - sum(want)
        return [w + extra * w / sum(want) for w in want]
    if sum(least) >= total:
        return [lo * total / sum(least) for lo in least]
    spare = sum(want) - sum(least)
    cut = (sum(want) - total) / spare
    return [w - (w - lo) * cut for w, lo in sizes]


def layout(listing: Listing, fonts: _Fonts | None = None) -> list[list[list[str]]]:
    """Sets listing.widths; returns each row's cells as wrapped lines."""
    fonts = fonts or _Fonts()
    body = _Measure(fonts, listing.font_size)
    head = _Measure(fonts, listing.font_size, fonts.head)
    if listing.landscape is None:
        listing.landscape = False
        left, right, _top, _bottom = _frame(listing)
        want = _wanted(listing, body, head, right - left)
        listing.landscape = sum(w for w, _l in want) > right - left
    left, right, _top, _bottom = _frame(listing)
    listing.widths = _widths(_wanted(listing, body, head, right - left), right - left)
    out = []
    total = len(listing.rows)
    for n, row in enumerate(listing.rows):
        cells = []
        for i, col in enumerate(listing.columns):
            text = row[i] if i < len(row) else ""
            room = listing.widths[i] - 2 * PAD
            if not text or col.nowrap or body(text) <= room:
                cells.append([text] if text else [])
            else:
                cells.append(wrap(text, body, room, tidy=False))
        out.append(cells)
        if listing.progress is not None and n % 1000 == 0:
            listing.progress(n, 2 * total)
    return out


def _leading(listing: Listing) -> float:
    return listing.font_size * 1.25


def _row_height(listing: Listing, cells: list[list[str]]) -> float:
    lines = max((len(c) for c in cells), default=1)
    return max(listing.min_row_height, max(1, lines) * _leading(listing) + 2 * PAD_V)


def write_listing(listing: Listing, target: Path | str) -> int:
    """Write the listing as a PDF; returns the number of pages."""
    fonts = _Fonts()
    cells = layout(listing, fonts)
    left, right, top, bottom = _frame(listing)
    width = right - left
    head_lines = [_title_lines(c.title, _Measure(fonts, listing.font_size, fonts.head),
                               w - 2 * PAD)
                  for c, w in zip(listing.columns, listing.widths, strict=True)]
    head_h = max(len(x) for x in head_lines) * _leading(listing) + 2 * PAD_V
    # A title of hundreds of characters must leave the table room: three lines, four under it.
    title_lines = _cut(wrap(listing.title, _Measure(fonts, TITLE_SIZE, fonts.head), width), 3)
    sub_lines = _cut([line for text in listing.lines
                      for line in wrap(text, _Measure(fonts, LINE_SIZE), width)], 4)
    title_h = len(title_lines) * TITLE_SIZE * 1.35 + len(sub_lines) * LINE_SIZE * 1.5 + 4 * mm
    table_top = top - title_h
    room = table_top - head_h - bottom
    # Pages: rows in order until the next would pass the bottom.
    pages: list[tuple[int, int]] = []
    heights = [_row_height(listing, c) for c in cells]
    for i, h in enumerate(heights):
        if h > room:  # a cell of thousands of characters: cut to one page, marked so
            cells[i] = [_cut(lines, max(1, int((room - 2 * PAD_V) // _leading(listing))))
                        for lines in cells[i]]
            heights[i] = _row_height(listing, cells[i])
    start, used = 0, 0.0
    for i, h in enumerate(heights):
        if used + h > room and i > start:
            pages.append((start, i))
            start, used = i, 0.0
        used += h
    pages.append((start, len(cells)))
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: a third faster to write, as the sign-in sheet does
    try:
        with atomic_output(target) as tmp:
            c = Canvas(str(tmp), pagesize=page_size(listing), invariant=1, pageCompression=1,
                       initialFontName=fonts.body)
            c.setTitle(listing.doc_title or listing.title)
            c.setCreator("社区活动助手")
            c.beginForm("heading")  # the same on every page: drawn once
            _heading(c, listing, fonts, title_lines, sub_lines, head_lines, top, table_top,
                     head_h)
            c.endForm()
            total = len(cells)
            for number, (first, last) in enumerate(pages, start=1):
                c.doForm("heading")
                y = table_top - head_h
                _rows(c, listing, fonts, cells[first:last], heights[first:last], y)
                c.setFont(fonts.body, FOOTER_SIZE)
                c.drawCentredString(left + width / 2, bottom - 8 * mm,
                                    f"第 {number} 页 共 {len(pages)} 页")
                c.showPage()
                if listing.progress is not None:
                    listing.progress(total + last, 2 * total)
            c.save()
    finally:
        rl_config.useA85 = a85
    return len(pages)


def _cut(lines: list[str], most: int) -> list[str]:
    """At most `most` lines, the last ending in …… when some were left out."""
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    kept[-1] = kept[-1][:-2] + "……"
    return kept


def _title_lines(title: str, measure: _Measure, room: float) -> list[str]:
    """A column title on one line, or halved (签到 / 时间, 已缴费 / （元）) rather than cut
    after its third character."""
    lines = wrap(title, measure, room)
    if len(lines) == 2:
        half = (len(title) + 1) // 2
        if measure(title[:half]) <= room and measure(title[half:]) <= room:
            return [title[:half], title[half:]]
    return lines


def _heading(c: Canvas, listing: Listing, fonts: _Fonts, title_lines: list[str],
             sub_lines: list[str], head_lines: list[list[str]], top: float, table_top: float,
             head_h: float) -> None:
    left, right, _t, _b = _frame(listing)
    centre = (left + right) / 2
    y = top - TITLE_SIZE
    for line in title_lines:
        c.setFont(fonts.pick(fonts.head, line), TITLE_SIZE)
        c.drawCentredString(centre, y, line)
        y -= TITLE_SIZE * 1.35
    y += TITLE_SIZE * 1.35 - LINE_SIZE * 1.7
    for line in sub_lines:
        c.setFont(fonts.pick(fonts.body, line), LINE_SIZE)
        c.drawCentredString(centre, y, line)
        y -= LINE_SIZE * 1.5
    c.setLineWidth(0.6)
    c.rect(left, table_top - head_h, right - left, head_h)
    x = left
    lead = _leading(listing)
    for lines, w in zip(head_lines, listing.widths, strict=True):
        first = table_top - head_h / 2 + (len(lines) - 1) * lead / 2 - listing.font_size / 3
        for k, line in enumerate(lines):
            c.setFont(fonts.pick(fonts.head, line), listing.font_size)
            c.drawCentredString(x + w / 2, first - k * lead, line)
        x += w
        c.line(x, table_top, x, table_top - head_h)


def _rows(c: Canvas, listing: Listing, fonts: _Fonts, rows: list[list[list[str]]],
          heights: list[float], top: float) -> None:
    left, right, _t, _b = _frame(listing)
    bottom = top - sum(heights)
    path = c.beginPath()
    y = top
    for h in heights:
        y -= h
        path.moveTo(left, y)
        path.lineTo(right, y)
    x = left
    for w in [0.0, *listing.widths]:
        x += w
        path.moveTo(x, top)
        path.lineTo(x, bottom)
    c.drawPath(path, stroke=1, fill=0)
    # All the page's text in one text object, each line placed absolutely.
    t: Any = c.beginText()
    state: list[Any] = [None]
    lead = _leading(listing)
    size = listing.font_size
    y = top
    for cells, h in zip(rows, heights, strict=True):
        mid = y - h / 2
        x = left
        for lines, w, col in zip(cells, listing.widths, listing.columns, strict=True):
            first = mid + (len(lines) - 1) * lead / 2 - size / 3
            for k, line in enumerate(lines):
                face = fonts.pick(fonts.body, line)
                fsize = size
                # (a left-aligned line that wrapped to fit needs no measuring)
                width = fonts.width(line, face, fsize) if col.center or col.nowrap else 0.0
                while col.nowrap and fsize > 5 and width > w - 2 * PAD:
                    fsize -= 0.5
                    width = fonts.width(line, face, fsize)
                if state[0] != (face, fsize):
                    t.setFont(face, fsize)
                    state[0] = (face, fsize)
                lx = x + (w - width) / 2 if col.center else x + PAD
                t.setTextOrigin(lx, first - k * lead)
                t.textOut(line)
            x += w
        y -= h
    c.drawText(t)


def rows_per_page(*, landscape: bool = False, font_size: float = 10.0, title_lines: int = 1,
                  sub_lines: int = 0, head_lines: int = 1) -> int:
    """How many one-line rows a page holds: for telling the clerk how many pages a list makes
    before it is built."""
    listing = Listing("", [], [], [], landscape=landscape, font_size=font_size)
    _left, _right, top, bottom = _frame(listing)
    title_h = title_lines * TITLE_SIZE * 1.35 + sub_lines * LINE_SIZE * 1.5 + 4 * mm
    room = top - title_h - (head_lines * _leading(listing) + 2 * PAD_V) - bottom
    return max(1, int(room // _row_height(listing, [[""]])))
