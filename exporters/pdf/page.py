"""The official page (exporters/pdf/official.py's geometry) drawn with canvas calls, for
documents printed by the hundred (a certificate a page): the same title, body, table and
signature as the platypus story would lay out, a block that does not fit going to a new page.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from exporters.pdf import official as o
from exporters.pdf.fonts import FontSet
from exporters.pdf.lines import Line, body_lines, draw_line, line_width

PAD_X, PAD_TOP, PAD_BOTTOM = 3.0, 3.0, 4.0  # official.data_table's cell padding
GREY = colors.Color(0.92, 0.92, 0.92)


class OfficialPage:
    """A cursor down the text area of numbered official pages. y is the top of the next block
    (reportlab's y, upwards); a line's baseline is its font size below its top, as platypus
    sets it."""

    def __init__(self, canvas: Canvas, fonts: FontSet) -> None:
        self.c, self.fonts = canvas, fonts
        self.top = o.PAGE_H - o.MARGIN_TOP
        self.bottom = o.MARGIN_BOTTOM
        self.y = self.top
        self.pages = 0

    def new_page(self) -> None:
        reset = self.c.beginText()
        reset.setCharSpace(0)  # the body's spacing stays set in the page's text state
        self.c.drawText(reset)
        o.page_number(self.c, self.fonts.song)
        self.c.showPage()
        self.pages += 1
        self.y = self.top

    def finish(self) -> int:
        """Close the last page; returns the number of pages."""
        self.new_page()
        self.c.save()
        return self.pages

    def room(self) -> float:
        return self.y - self.bottom + 0.01

    def need(self, height: float) -> None:
        """A new page unless height fits below (a block taller than a page starts at a top)."""
        if height > self.room() and self.y < self.top:
            self.new_page()

    def title(self, text: str) -> None:
        self.need(o.TITLE_LEADING)
        self.c.setFont(self.fonts.title, o.TITLE_SIZE)
        self.c.drawCentredString(o.MARGIN_LEFT + o.TEXT_W / 2, self.y - o.TITLE_SIZE, text)
        self.y -= o.TITLE_LEADING + o.LINE  # the title's space after: one blank line

    def _lines(self, lines: Sequence[Line], x: float = o.MARGIN_LEFT) -> None:
        """Body lines at the fixed pitch; a paragraph split over pages leaves at least two
        lines on each side (platypus' allowOrphans=0, allowWidows=0)."""
        fit = int(self.room() // o.LINE)
        if len(lines) > fit and self.y < self.top:
            if fit < 2 or len(lines) < 4:
                self.new_page()
            else:
                fit = min(fit, len(lines) - 2)
                self._draw(lines[:fit], x)
                self.new_page()
                lines = lines[fit:]
        self._draw(lines, x)

    def _draw(self, lines: Sequence[Line], x: float) -> None:
        for line in lines:
            if self.room() < o.LINE and self.y < self.top:  # longer than a whole page
                self.new_page()
            draw_line(self.c, line, o.BODY_SIZE, x, self.y - o.BODY_SIZE)
            self.y -= o.LINE

    def paragraph(self, text: str) -> None:
        """A body paragraph: justified, the first line indented two characters."""
        self._lines(body_lines(text, self.fonts.body, o.BODY_SIZE, o.TEXT_W, o.INDENT,
                               o.BODY_CHAR_SPACE))

    def right(self, text: str, indent: float) -> None:
        """A line flush right, `indent` in from the right edge."""
        font = self.fonts.body
        width = stringWidth(text, font, o.BODY_SIZE) + len(text) * o.BODY_CHAR_SPACE
        room = o.TEXT_W - indent
        if width > room:  # too long for one line: as a left-aligned paragraph
            self._lines(body_lines(text, font, o.BODY_SIZE, room, 0.0, o.BODY_CHAR_SPACE))
            return
        line: Line = ([(font, text)], o.BODY_CHAR_SPACE, 0.0)
        self._lines([line], o.MARGIN_LEFT + room - width)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], align: str) -> None:
        """official.table_block(official.data_table(...)) for a table that fits on a page."""
        if self.room() < 4 * o.LINE:  # table_block's CondPageBreak
            self.new_page()
        self.y -= 6
        total = float(sum(widths))
        col_w = [o.TEXT_W * w / total for w in widths]
        fonts = self.fonts
        cells = [[body_lines(h, fonts.heading1, o.TABLE_SIZE, w - 2 * PAD_X, 0.0,
                             justify=False) for h, w in zip(header, col_w, strict=True)]]
        cells += [[body_lines(v or "", fonts.body, o.TABLE_SIZE, w - 2 * PAD_X, 0.0,
                              justify=False) for v, w in zip(row, col_w, strict=True)]
                  for row in rows]
        heights = [PAD_TOP + max(1, *(len(c) for c in row)) * o.TABLE_LEADING + PAD_BOTTOM
                   for row in cells]
        self.need(sum(heights))
        c, x0, top = self.c, o.MARGIN_LEFT, self.y
        c.setFillColor(GREY)
        c.rect(x0, top - heights[0], o.TEXT_W, heights[0], stroke=0, fill=1)
        c.setFillColor(colors.black)
        y = top
        for r, (row, h) in enumerate(zip(cells, heights, strict=True)):
            x = x0
            for col, (lines, w) in enumerate(zip(row, col_w, strict=True)):
                centre = r == 0 or align[col] == "C"
                drop = (h - PAD_TOP - PAD_BOTTOM - len(lines) * o.TABLE_LEADING) / 2
                for n, line in enumerate(lines):
                    base = y - PAD_TOP - drop - n * o.TABLE_LEADING - o.TABLE_SIZE
                    left = x + PAD_X
                    if centre:
                        used = line_width(line, o.TABLE_SIZE)
                        left = x + (w - used) / 2
                    draw_line(c, line, o.TABLE_SIZE, left, base)
                x += w
            y -= h
        c.setLineWidth(0.5)
        c.setStrokeColor(colors.black)
        lines_y = [top]
        for h in heights:
            lines_y.append(lines_y[-1] - h)
        xs = [x0]
        for w in col_w:
            xs.append(xs[-1] + w)
        c.grid(xs, lines_y)
        self.y = lines_y[-1] - o.LINE / 2

    def signature(self, issuer: str, date_text: str) -> None:
        """official.signature_block: two blank lines for the seal, the issuer over the date,
        kept together."""
        if not issuer and not date_text:
            return
        right_issuer, right_date = o.signature_indents(issuer, date_text, self.fonts.body)
        self.need((2 + bool(issuer) + bool(date_text)) * o.LINE)
        self.y -= 2 * o.LINE
        if issuer:
            self.right(issuer, right_issuer)
        if date_text:
            self.right(date_text, right_date)
