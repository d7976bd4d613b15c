"""A typed document (exporters.doc.model) laid out on GB/T 9704 pages (exporters.pdf.official)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer
from reportlab.platypus import PageBreak as RLPageBreak

from exporters.atomic import atomic_output
from exporters.doc.model import (
    Attachments,
    Block,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Recipients,
    Signature,
    Table,
)
from exporters.pdf import official as o
from exporters.pdf.fonts import FontSet, font_set
from exporters.pdf.official import Styles, esc


def paragraph_markup(s: Styles, p: Paragraph) -> str:
    return "".join(s.bold(esc(r.text)) if r.bold else esc(r.text) for r in p.runs if r.text)


def figure_parts(s: Styles, f: Figure) -> list[Flowable]:
    """The picture centred at its width (never wider than the text), its caption centred under
    it in 小四 (to be kept together on one page)."""
    pw, ph = ImageReader(io.BytesIO(f.data)).getSize()
    w = min(f.width_mm * mm, o.TEXT_W)
    h = w * ph / pw if pw else w
    picture = Image(io.BytesIO(f.data), width=w, height=h)
    parts: list[Flowable] = [Spacer(1, 4), picture]
    if f.caption.strip():
        style = ParagraphStyle("caption", parent=s.body, fontSize=12, leading=18,
                               firstLineIndent=0, alignment=TA_CENTER, charSpace=0)
        parts.append(o.para(esc(f.caption), style))
    parts.append(Spacer(1, 8))
    return parts


def _block(s: Styles, b: Block) -> list[Flowable]:
    if isinstance(b, Paragraph):
        return [o.para(paragraph_markup(s, b), s.body)]
    if isinstance(b, Heading):
        style = [s.h1, s.h2, s.h3, s.h4][min(max(b.level, 1), 4) - 1]
        return [o.para(esc(b.number) + esc(b.title), style)]
    if isinstance(b, Recipients):
        return [o.recipients_line(s, b.text)]
    if isinstance(b, Table):
        widths = o.fit_widths(s, b.header, b.rows, b.widths, label_rows=b.label_rows)
        return o.table_block(o.data_table(
            s, b.header, b.rows, widths, align=b.align, bold_rows=b.bold_rows,
            label_rows=b.label_rows, label_span=b.label_span))
    if isinstance(b, Attachments):
        return o.attachments_block(s, b.titles)
    if isinstance(b, Signature):
        return o.signature_block(s, b.issuer, b.date)
    if isinstance(b, PageBreak):
        return [RLPageBreak()]
    if isinstance(b, Figure):
        return [KeepTogether(figure_parts(s, b))]
    raise TypeError(f"unknown block {b!r}")


def story(doc: Document, s: Styles) -> list[Flowable]:
    """Every flowable of the document, in order. A heading directly over a table comes with it
    to the next page rather than stay alone at a page foot (official.keep_heading); other
    headings (one or several in a row) keep the first two lines of their body with them."""
    out: list[Flowable] = []
    if doc.title:
        out.extend(o.title_block(s, doc.title))
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        flow = _block(s, b)
        if isinstance(b, Paragraph) and i + 1 < len(blocks) and isinstance(blocks[i + 1], Figure):
            # the line that introduces a picture (a question over its chart) stays with it
            # (one KeepTogether: reportlab pushes a nested one to the next page)
            figure = blocks[i + 1]
            assert isinstance(figure, Figure)
            out.append(KeepTogether([*flow, *figure_parts(s, figure)]))
            i += 2
            continue
        if isinstance(b, Heading) and i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
            out.extend(o.keep_heading(flow[0], _block(s, blocks[i + 1])))
            i += 2
            continue
        if isinstance(b, Heading) and (i == 0 or not isinstance(blocks[i - 1], Heading)):
            run = [flow[0]]
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Heading):
                run.extend(_block(s, blocks[j]))
                j += 1
            if j < len(blocks) and isinstance(blocks[j], Table):
                run.pop()  # the last heading goes with its table (keep_heading)
                j -= 1
            out.append(o.KeepWithLines(run))
            out.extend(run)
            i = j
            continue
        out.extend(flow)
        i += 1
    return out


def write_pdf(doc: Document, out: BinaryIO | Path | str, *, fonts: FontSet | None = None) -> int:
    """Lay the document out into out (a file path or a binary stream); returns the page count."""
    fonts = fonts or font_set()
    styles = o.make_styles(fonts)
    return o.build_pdf(story(doc, styles), out, fonts=fonts, title=doc.title, author=doc.author)


def pdf_bytes(doc: Document, *, fonts: FontSet | None = None) -> bytes:
    buf = io.BytesIO()
    write_pdf(doc, buf, fonts=fonts)
    return buf.getvalue()


def export_pdf(doc: Document, out: Path | str, *, fonts: FontSet | None = None) -> Path:
    """Write the PDF to out, atomically (a failure leaves any old file as it was)."""
    target = Path(out)
    with atomic_output(target) as tmp:
        write_pdf(doc, tmp, fonts=fonts)
    return target
