"""The activity summary (活动总结) as a typed document (exporters.doc.model), written to Word by
exporters.doc.docx: the same SummaryDoc (models.feedback.summary) the PDF draws, block for block.

Word shows pictures as they are stored and most readers ignore EXIF orientation, so each photo's
pixels are turned upright here (Pillow, which reportlab brings) and the copy carries no EXIF at
all. A chart, vector shapes in the PDF, becomes a PNG: its one-page PDF (charts.chart_pdf_bytes)
rendered by PDFium at 200 dpi, so its labels use the same fonts as the PDF's.
"""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from exporters.doc.docx import export_docx
from exporters.doc.model import Block, Document, Figure, Heading, Paragraph, Run, Signature, Table
from exporters.feedback.charts import chart_pdf_bytes
from exporters.pdf.fonts import font_set
from exporters.pdf.official import TEXT_W, cn_date
from exporters.plans.document import number_label
from models.feedback.photos import PhotoError
from models.feedback.records import QuestionTally
from models.feedback.summary import (
    ChartBlock,
    Para,
    PhotoBlock,
    SummaryDoc,
    TableBlock,
    build_summary,
)
from models.feedback.summary_store import Photo

if TYPE_CHECKING:
    from PIL import Image

CHART_DPI = 200
TEXT_MM = 156.0  # the text width of the official page
PHOTO_BOX_MM = (110.0, 80.0)  # one photo a line in Word: at most this wide and this high
PHOTO_MAX_PX = 1600  # longest side kept: sharp on paper, a small file


def _open(photo: Photo) -> Image.Image:
    """The photo decoded (a big one at a reduced scale, Pillow's draft), or PhotoError in plain
    words when its pixels cannot be read (a file cut short, say)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(photo.data)) as opened:
            opened.draft("RGB", (PHOTO_MAX_PX, PHOTO_MAX_PX))
            opened.load()
            return opened.copy()
    except (OSError, ValueError, SyntaxError) as exc:  # what Pillow raises for a broken file
        name = f"“{photo.caption.strip()}”" if photo.caption.strip() else ""
        raise PhotoError(f"照片{name}已损坏，无法导出，未写出任何文件。请在“活动总结”页删除这张"
                         f"照片，再重新添加。") from exc


def check_photos(photos: list[Photo]) -> None:
    """Refuse, before anything is written, a photo whose pixels cannot be read (the PDF embeds
    a JPEG as it is and would fail halfway with reportlab's own words)."""
    for photo in photos:
        _open(photo)


def upright_jpeg(photo: Photo) -> bytes:
    """The photo's pixels turned upright by its EXIF orientation, as a JPEG without EXIF."""
    from PIL import ImageOps

    image = ImageOps.exif_transpose(_open(photo)).convert("RGB")
    image.thumbnail((PHOTO_MAX_PX, PHOTO_MAX_PX))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def photo_width_mm(photo: Photo) -> float:
    """The width that fits the upright photo into PHOTO_BOX_MM, keeping its shape."""
    w, h = photo.info.upright_size
    box_w, box_h = PHOTO_BOX_MM
    return min(box_w, box_h * w / h) if w and h else box_w


def chart_png(q: QuestionTally, font: str) -> bytes:
    """The question's bar chart, the text width wide, as a PNG at CHART_DPI."""
    import pypdfium2  # type: ignore[import-untyped]  # ships no type hints

    pdf = pypdfium2.PdfDocument(chart_pdf_bytes(q, font, TEXT_W))
    try:
        image = pdf[0].render(scale=CHART_DPI / 72).to_pil()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


def _blocks(b: Para | TableBlock | ChartBlock | PhotoBlock, font: str) -> list[Block]:
    if isinstance(b, Para):
        return [Paragraph((Run(b.text.strip()),))]
    if isinstance(b, TableBlock):
        return [Table(b.header, b.rows, b.widths, "".join(b.align), list(b.bold_rows))]
    if isinstance(b, ChartBlock):
        return [Figure(chart_png(b.question, font), TEXT_MM)]
    return [Figure(upright_jpeg(p), photo_width_mm(p), p.caption.strip()) for p in b.photos]


def summary_document(doc: SummaryDoc) -> Document:
    """The summary's blocks in order; headings numbered as the PDF numbers them (一、（一）1.（1）,
    counting again under each higher heading)."""
    font = font_set().body
    out = Document(title=doc.title, author=doc.issuer.strip())
    numbers = [0, 0, 0, 0]
    for section in doc.sections:
        if section.heading:
            level = max(1, min(4, section.level))
            numbers[level - 1] += 1
            numbers[level:] = [0] * (4 - level)
            out.blocks.append(Heading(level, number_label(level, numbers[level - 1]),
                                      section.heading.strip()))
        for block in section.blocks:
            out.blocks.extend(_blocks(block, font))
    if doc.issuer.strip() or doc.day:
        out.blocks.append(Signature(doc.issuer.strip(), cn_date(doc.day)))
    return out


def export_summary_docx(plan_id: int, out: Path, today: date | None = None) -> Path:
    """Write the activity's summary as a Word file, atomically (a file open in Word or WPS is
    refused in plain words and left as it was)."""
    return export_docx(summary_document(build_summary(plan_id, today)), out)
