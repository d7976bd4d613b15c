"""The sign-in sheet as a PDF (签到表): title with activity, date and place on every page, 序号,
姓名, masked phone, companions, a tall signature column, blank rows for walk-ins (at least ten,
filling the last page), "第 X 页 共 Y 页".

Drawn straight on the canvas with a fixed number of rows a page, rather than through a platypus
Table: the page count is known before drawing (so "共 Y 页" is exact in one pass) and 10,000 names
take a few seconds. Fonts, page width and CJK line-break rules are the shared ones
(exporters/pdf/fonts.py, exporters/pdf/official.py, exporters/pdf/cjk.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from math import ceil
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from exporters.atomic import atomic_output
from exporters.pdf.cjk import break_allowed
from exporters.pdf.fonts import bundled_font_name, font_set, has_glyph
from exporters.pdf.official import MARGIN_LEFT, PAGE_H, PAGE_W, TEXT_W
from exporters.signups.sheets import SIGNIN_BLANK_ROWS, activity_header, signin_rows

Progress = Callable[[int, int], None]

TOP = 18 * mm  # a table sheet, not a 公文: narrower top and bottom margins than 37/35 mm
BOTTOM = 18 * mm
TITLE_SIZE = 18.0
SUB_SIZE = 11.0
HEAD_SIZE = 11.0
BODY_SIZE = 11.0
HEAD_H = 9 * mm
ROW_H = 12 * mm  # about twice a printed row: room for a signature
TITLE_BLOCK = 20 * mm  # the title and one line of time and place
SUB_LEADING = SUB_SIZE * 1.45
FOOTER_SIZE = 9.0


def _columns(with_companions: bool) -> list[tuple[str, float]]:
    """(title, width) summing to the shared text width."""
    if with_companions:
        spec = [("序号", 13), ("姓名", 28), ("联系电话", 30), ("陪同人员", 40)]
    else:
        spec = [("序号", 14), ("姓名", 34), ("联系电话", 34)]
    used = sum(w for _t, w in spec) * mm
    return [(t, w * mm) for t, w in spec] + [("签名", TEXT_W - used)]


class _Fonts:
    def __init__(self, texts: Iterable[str]) -> None:
        fs = font_set()
        self.head = fs.heading1
        self.body = fs.song
        self.fallback = bundled_font_name()
        # Characters a font lacks, found once for every text of the sheet, so each cell needs
        # one set test instead of a look-up per character.
        chars = set().union(*map(set, texts))
        self.missing = {f: frozenset(ch for ch in chars if not has_glyph(f, ch))
                        for f in (self.head, self.body)}

    def pick(self, font: str, text: str) -> str:
        """The font, or the bundled one when it lacks a character of text (rare names)."""
        missing = self.missing.get(font)
        if missing is None:
            return font if all(has_glyph(font, ch) for ch in text) else self.fallback
        return font if missing.isdisjoint(text) else self.fallback


def rows_per_page(sub_lines: int = 1) -> int:
    return int((PAGE_H - TOP - BOTTOM - _title_block(sub_lines) - HEAD_H) // ROW_H)


def _title_block(sub_lines: int) -> float:
    """A long place takes more lines under the title (each at a size that reads)."""
    return TITLE_BLOCK + max(0, sub_lines - 1) * SUB_LEADING


def sub_lines(sub: str, fonts: _Fonts) -> list[str]:
    """The time-and-place line, broken between the places and never inside a bracket
    (exporters.pdf.listing.wrap), rather than shrunk until it fits."""
    from exporters.pdf.listing import wrap

    return wrap(sub, lambda t: stringWidth(t, fonts.pick(fonts.body, t), SUB_SIZE), TEXT_W)


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Greedy CJK wrapping obeying the shared line-break rules; the last line ends in … if cut."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and stringWidth(line + ch, font, size) > width:
            cut = len(line)
            while cut > 1 and not break_allowed(line[cut - 1], (line + ch)[cut]):
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
            if len(lines) == max_lines:
                last = lines[-1]
                while last and stringWidth(last + "…", font, size) > width:
                    last = last[:-1]
                lines[-1] = last + "…"
                return lines
        line += ch
    if line:
        lines.append(line)
    return lines


def export_signin_pdf(plan_id: int, target: Path | str, *, order: str = "strokes",
                      masked: bool = False, progress: Progress | None = None) -> int:
    """Write the sign-in sheet; returns the number of pages."""
    header = activity_header(plan_id)
    rows = signin_rows(plan_id, order=order, masked=masked)
    with_comp = any(r[3] for r in rows)
    if not with_comp:
        from exporters.signups.sheets import _expects_companions

        with_comp = _expects_companions(plan_id)
    cols = _columns(with_comp)
    title = f"{header.title}签到表"
    sub = f"时间：{header.when()}" + (f"　　地点：{header.place}" if header.place else "")
    fonts = _Fonts([title, sub, *(t for r in rows for t in r[1:])])
    subs = sub_lines(sub, fonts)
    per_page = rows_per_page(len(subs))
    pages = max(1, ceil((len(rows) + SIGNIN_BLANK_ROWS) / per_page))
    total_rows = pages * per_page  # blank rows fill the last page
    top = PAGE_H - TOP - _title_block(len(subs)) - HEAD_H
    # Streams without the ASCII85 layer: binary-safe in a file, and encoding them in Python costs
    # a third of the time at 10,000 names. rl_config is global, so it is restored at once.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        with atomic_output(target) as tmp:
            # initialFontName: otherwise every page names Helvetica (unembedded) as its start.
            c = Canvas(str(tmp), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
                       initialFontName=fonts.body)
            c.setTitle(title)
            c.setCreator("社区活动助手")
            # What every page shares (title, header, grid) is drawn once, as a form.
            c.beginForm("sheet")
            c.setLineWidth(0.6)
            _page(c, fonts, cols, title, subs)
            _grid(c, cols, top, per_page)
            c.endForm()
            for page in range(pages):
                c.doForm("sheet")
                c.setFont(fonts.body, FOOTER_SIZE)
                c.drawCentredString(MARGIN_LEFT + TEXT_W / 2, BOTTOM - 8 * mm,
                                    f"第 {page + 1} 页 共 {pages} 页")
                text = c.beginText()
                first = page * per_page
                page_rows = [rows[i] if i < len(rows) else [str(i + 1), "", "", ""]
                             for i in range(first, min(first + per_page, total_rows))]
                _page_text(text, fonts, cols, page_rows, top, with_comp)
                c.drawText(text)
                c.showPage()
                if progress is not None:
                    progress(page + 1, pages)
            c.save()
    finally:
        rl_config.useA85 = a85
    return pages


def _page(c: Canvas, fonts: _Fonts, cols: Sequence[tuple[str, float]], title: str,
          subs: Sequence[str]) -> None:
    centre = MARGIN_LEFT + TEXT_W / 2
    font = fonts.pick(fonts.head, title)
    size = TITLE_SIZE
    while size > 10 and stringWidth(title, font, size) > TEXT_W:
        size -= 1
    c.setFont(font, size)
    c.drawCentredString(centre, PAGE_H - TOP - TITLE_SIZE, title)
    block = _title_block(len(subs))
    for n, sub in enumerate(subs):
        c.setFont(fonts.pick(fonts.body, sub), SUB_SIZE)
        y = PAGE_H - TOP - block + 4 * mm + (len(subs) - 1 - n) * SUB_LEADING
        c.drawCentredString(centre, y, sub)
    y = PAGE_H - TOP - block - HEAD_H
    x = MARGIN_LEFT
    c.setFont(fonts.head, HEAD_SIZE)
    for name, w in cols:
        c.drawCentredString(x + w / 2, y + (HEAD_H - HEAD_SIZE) / 2 + 1.5, name)
        x += w
    c.rect(MARGIN_LEFT, y, TEXT_W, HEAD_H)


def _page_text(t: Any, fonts: _Fonts, cols: Sequence[tuple[str, float]],
               rows: Sequence[Sequence[str]], top: float, with_comp: bool) -> None:
    """A page's cell text, column by column in one text object: within a column each cell is a
    short relative move (Td) from the one above, far fewer operators than placing every cell."""
    x0 = MARGIN_LEFT
    state: dict[str, Any] = {"font": None, "size": None}

    def font(name: str, size: float) -> None:
        if (name, size) != (state["font"], state["size"]):
            t.setFont(name, size)
            state["font"], state["size"] = name, size

    for col, (name, w) in enumerate(cols[:-1]):  # the last column is for signatures
        if name == "陪同人员" and not with_comp:
            continue
        cur: tuple[float, float] | None = None
        for k, values in enumerate(rows):
            text = values[col] if col < len(values) else ""
            if not text:
                continue
            mid = top - (k + 1) * ROW_H + ROW_H / 2 - BODY_SIZE / 3
            face = fonts.pick(fonts.body, text)
            if name == "陪同人员":
                size = BODY_SIZE - 1
                room = w - 3 * mm
                lines = [text] if stringWidth(text, face, size) <= room else _wrap(
                    text, face, size, room, 2)
                font(face, size)
                step = BODY_SIZE + 1
                first = mid + (len(lines) - 1) * step / 2
                for n, line in enumerate(lines):
                    t.setTextOrigin(x0 + 1.5 * mm, first - n * step)
                    t.textOut(line)
                continue
            size = BODY_SIZE
            width = stringWidth(text, face, size)
            while size > 6 and width > w - 2 * mm:
                size -= 0.5
                width = stringWidth(text, face, size)
            font(face, size)
            x = x0 + (w - width) / 2
            if cur is None:
                t.setTextOrigin(x, mid)
            else:
                t.moveCursor(x - cur[0], cur[1] - mid)
            cur = (x, mid)
            t.textOut(text)
        x0 += w


def _grid(c: Canvas, cols: Sequence[tuple[str, float]], top: float, nrows: int) -> None:
    bottom = top - nrows * ROW_H
    path = c.beginPath()
    for k in range(nrows + 1):
        yy = top - k * ROW_H
        path.moveTo(MARGIN_LEFT, yy)
        path.lineTo(MARGIN_LEFT + TEXT_W, yy)
    x = MARGIN_LEFT
    for _name, w in [("", 0.0), *cols]:
        x += w
        path.moveTo(x, top + HEAD_H)
        path.lineTo(x, bottom)
    c.drawPath(path, stroke=1, fill=0)
