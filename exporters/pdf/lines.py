"""Text drawn line by line with canvas calls, broken by Chinese rules (exporters.pdf.cjk).

For documents printed by the hundred (certificates): a Paragraph a page, laid out by platypus,
cost most of such a batch (bench/bench_contests.py, bench/bench_volunteers.py). A character the
font lacks is drawn in the bundled font, never as a box. A full line is justified: spaced so its
last character meets the right edge.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from exporters.pdf.cjk import find_break
from exporters.pdf.fonts import bundled_font_name, has_glyph

# One line: runs of (font, text), the character spacing to draw it with, its left indent.
Line = tuple[list[tuple[str, str]], float, float]

_WIDTHS: dict[tuple[str, str, float], float] = {}


def char_width(ch: str, font: str, size: float) -> float:
    w = _WIDTHS.get((ch, font, size))
    if w is None:
        w = _WIDTHS[(ch, font, size)] = stringWidth(ch, font, size)
    return w


def body_lines(text: str, font: str, size: float, width: float, indent: float,
               char_space: float = 0.0, *, justify: bool = True) -> list[Line]:
    """The text broken into lines of at most width, the first indented; char_space is added
    after every character (the official page's grid), a full line's justification on top
    (justify False: ragged, as a table cell). Remembered: a batch repeats most of its texts
    (labels, notes, the issuer) on every page. The lines are shared: read them only."""
    return list(_lines(text, font, size, width, indent, char_space, justify))


@lru_cache(maxsize=1024)
def _lines(text: str, font: str, size: float, width: float, indent: float, char_space: float,
           justify: bool) -> tuple[Line, ...]:
    fallback = bundled_font_name()
    chars = list(" ".join(text.split()))
    fonts = [font if has_glyph(font, ch) or ch.isspace() else fallback for ch in chars]
    widths = [char_width(ch, f, size) + char_space for ch, f in zip(chars, fonts, strict=True)]
    out: list[Line] = []
    n, start = len(chars), 0
    while start < n:
        left = indent if not out else 0.0
        room, used, i = width - left, 0.0, start
        while i < n and (used + widths[i] <= room + 0.01 or i == start):
            used += widths[i]
            i += 1
        end = n if i >= n else find_break(chars, start, i)
        # the last character's own spacing falls beyond the edge: it does not take room
        extra = room - sum(widths[start:end]) + char_space
        count = end - start
        full = justify and end < n and count > 1 and -size <= extra < 4 * size
        space = extra / (count - 1) if full else 0.0
        runs: list[tuple[str, str]] = []
        for k in range(start, end):
            if runs and runs[-1][0] == fonts[k]:
                runs[-1] = (fonts[k], runs[-1][1] + chars[k])
            else:
                runs.append((fonts[k], chars[k]))
        out.append((runs, char_space + space, left))
        start = end
        while start < n and chars[start].isspace():
            start += 1
    return tuple(out)


def line_width(line: Line, size: float) -> float:
    """The width of a line's characters, without spacing."""
    return sum(char_width(ch, f, size) for f, t in line[0] for ch in t)


def draw_line(c: Canvas, line: Line, size: float, x: float, y: float) -> None:
    """One line at baseline y, from x (plus its indent)."""
    runs, space, left = line
    t = c.beginText(x + left, y)
    t.setCharSpace(space)  # always: the spacing would stay from the line before
    for n, (run_font, run) in enumerate(runs):
        t.setFont(run_font, size)
        if n < len(runs) - 1:
            t.textOut(run)
        else:  # textLine does not measure the text, as textOut does to track its cursor
            t.textLine(run)
    c.drawText(t)


def draw_body(c: Canvas, text: str, font: str, size: float, leading: float, indent: float,
              x: float, y: float, width: float) -> None:
    """Draw the text from its first baseline y downwards."""
    for n, line in enumerate(body_lines(text, font, size, width, indent)):
        draw_line(c, line, size, x, y - n * leading)
