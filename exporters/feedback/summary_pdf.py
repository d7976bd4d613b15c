"""The activity summary (活动总结) drawn on official pages (exporters.pdf.official): the title, then
each section of models.feedback.summary.SummaryDoc with its numbered heading (一、（一）1.（1）) and
its blocks, then the issuer and date. Only drawing here: what the summary says is built in
models/feedback/summary.py, so a Word renderer can walk the same document.

Photos are turned upright from their EXIF orientation by the transform they are drawn with (the
JPEG is embedded as it is), scaled to fit two a row, with the caption under each.
"""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from exporters.atomic import atomic_output
from exporters.feedback.charts import bar_chart
from exporters.pdf.fonts import font_set
from exporters.pdf.official import (
    TEXT_W,
    Styles,
    build_pdf,
    data_table,
    heading,
    keep_heading,
    make_styles,
    signature_block,
    table_block,
    text,
)
from models.feedback.photos import JpegInfo
from models.feedback.summary import (
    Block,
    ChartBlock,
    Para,
    PhotoBlock,
    SummaryDoc,
    TableBlock,
    build_summary,
)
from models.feedback.summary_store import Photo

PHOTO_GAP = 6 * mm
PHOTO_BOX_H = 62 * mm
CAPTION_H = 9 * mm


def upright_matrix(orientation: int, sw: float, sh: float) -> tuple[float, ...]:
    """The transform (a, b, c, d, e, f) that shows an image drawn at (0, 0, sw, sh) upright,
    for its EXIF orientation; sw x sh is the image as stored, scaled."""
    return {
        1: (1, 0, 0, 1, 0, 0),
        2: (-1, 0, 0, 1, sw, 0),
        3: (-1, 0, 0, -1, sw, sh),
        4: (1, 0, 0, -1, 0, sh),
        5: (0, -1, -1, 0, sh, sw),
        6: (0, -1, 1, 0, 0, sw),
        7: (0, 1, 1, 0, 0, 0),
        8: (0, 1, -1, 0, sh, 0),
    }.get(orientation, (1, 0, 0, 1, 0, 0))


def draw_upright(canv: Any, data: bytes, info: JpegInfo, x: float, y: float, w: float,
                 h: float) -> None:
    """Draw the JPEG upright filling the box w x h (as seen) at x, y."""
    sw, sh = (h, w) if info.quarter_turn else (w, h)
    canv.saveState()
    canv.translate(x, y)
    canv.transform(*upright_matrix(info.orientation, sw, sh))
    canv.drawImage(ImageReader(io.BytesIO(data)), 0, 0, sw, sh)
    canv.restoreState()


class PhotoGrid(Flowable):
    """Up to four photos, two a row, each scaled into its cell keeping its shape, caption below."""

    def __init__(self, photos: list[Photo], font: str) -> None:
        super().__init__()
        self.photos, self.font = photos, font
        self.cell_w = (TEXT_W - PHOTO_GAP) / 2
        self.rows = -(-len(photos) // 2)
        self.row_h = PHOTO_BOX_H + CAPTION_H

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return TEXT_W, self.rows * self.row_h

    def draw(self) -> None:
        c: Any = self.canv
        for i, p in enumerate(self.photos):
            r, k = divmod(i, 2)
            x0 = k * (self.cell_w + PHOTO_GAP)
            y0 = (self.rows - r - 1) * self.row_h + CAPTION_H
            pw, ph = p.info.upright_size
            scale = min(self.cell_w / pw, PHOTO_BOX_H / ph)
            w, h = pw * scale, ph * scale
            draw_upright(c, p.data, p.info, x0 + (self.cell_w - w) / 2, y0 + PHOTO_BOX_H - h,
                         w, h)
            if p.caption:
                c.setFont(self.font, 12)
                c.drawCentredString(x0 + self.cell_w / 2, y0 - 6 * mm + 2, p.caption)


def _table(s: Styles, t: TableBlock) -> list[Flowable]:
    return table_block(data_table(s, t.header, t.rows, t.widths, align=t.align,
                                  bold_rows=t.bold_rows))


def block_flowables(s: Styles, block: Block) -> list[Flowable]:
    if isinstance(block, Para):
        return [text(block.text, s.body)]
    if isinstance(block, TableBlock):
        return _table(s, block)
    if isinstance(block, ChartBlock):
        return [Spacer(1, 4), bar_chart(block.question, s.fonts.body, TEXT_W), Spacer(1, 8)]
    assert isinstance(block, PhotoBlock)
    return [CondPageBreak(PHOTO_BOX_H + CAPTION_H), PhotoGrid(block.photos, s.fonts.body)]


def summary_story(doc: SummaryDoc, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [text(doc.title, s.title)]
    numbers = [0, 0, 0, 0]
    last_start = len(story)
    for section in doc.sections:
        last_start = len(story)
        body: list[Flowable] = []
        blocks = section.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, ChartBlock) and i and isinstance(blocks[i - 1], Para):
                body[-1] = KeepTogether([body[-1], *block_flowables(s, block)])  # line + chart
            else:
                body += block_flowables(s, block)
        if not section.heading:
            story += body
            continue
        level = max(1, min(4, section.level))
        numbers[level - 1] += 1
        numbers[level:] = [0] * (4 - level)
        head = heading(s, level, numbers[level - 1], section.heading)
        # A question line and its chart stay together; so does a heading and what follows.
        if len(body) > 1 and not isinstance(body[0], CondPageBreak):
            story += [KeepTogether([head, *body[:2]]), *body[2:]]
        else:
            story += keep_heading(head, body)
    signature = signature_block(s, doc.issuer, doc.day)
    if signature and len(story) > 1:  # never the issuer and date alone on the last page
        # With the whole last section when it is short (its heading then never stays behind).
        start = last_start if 0 < len(story) - last_start <= 4 else len(story) - 1
        story[start:] = [KeepTogether([*story[start:], *signature])]
    return story


def export_summary_pdf(plan_id: int, out: Path, today: date | None = None) -> int:
    """Write the activity's summary; returns the number of pages."""
    from exporters.feedback.summary_docx import check_photos

    doc = build_summary(plan_id, today)
    check_photos([p for sec in doc.sections for b in sec.blocks if isinstance(b, PhotoBlock)
                  for p in b.photos])
    fonts = font_set()
    s = make_styles(fonts)
    with atomic_output(out) as tmp:
        return build_pdf(summary_story(doc, s), tmp, fonts=fonts, title=doc.title)

