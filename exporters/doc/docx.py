"""A typed document (exporters.doc.model) as a Word file (.docx) for Word and WPS.

The same strings as the PDF (exporters.doc.pdf), the same page (exporters.doc.docx_styles): real
heading styles with the numbers as text, tables as Word tables whose header row repeats, "— N —"
page numbers on the right of odd pages and the left of even ones, the signature bottom right.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import BinaryIO

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters.atomic import atomic_output
from exporters.doc import docx_styles as st
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

# Characters XML 1.0 cannot hold (python-docx refuses them): C0 controls but tab and line feed,
# and the two non-characters. Everything else, emoji included, is written as typed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as Word can hold it: line breaks normalised, XML-illegal control characters out."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _width(text: str) -> float:
    """Width in body characters: a Chinese character 1, a digit or Latin letter about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _add_text(p: DocxParagraph, text: str, *, bold: bool = False) -> None:
    text = clean(text)
    if text:
        run = p.add_run(text)  # python-docx writes \t as w:tab and \n as w:br
        if bold:
            run.bold = True


def _plain(doc: DocxDocument, text: str = "", *, left: float = 0, first: float = 0,
           right: float = 0, jc: str = "", keep_next: bool = False) -> DocxParagraph:
    """A Normal paragraph with its own indents (in characters) and alignment."""
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    st.indent(ppr, left=left, first=first, right=right)
    if jc:
        st.ppr_set(ppr, "jc", val=jc)
    if keep_next:
        st.ppr_set(ppr, "keepNext")
    _add_text(p, text)
    return p


def _table(doc: DocxDocument, t: Table) -> DocxTable:
    n = len(t.header)
    table = doc.add_table(rows=1 + len(t.rows), cols=n)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    # the PDF's column widths, sized from the content (official.fit_widths)
    fitted = o.fit_widths(o.make_styles(), t.header, t.rows, t.widths, label_rows=t.label_rows)
    widths = [Mm(156 * w / sum(fitted)) for w in fitted]
    aligns = {"L": "left", "C": "center", "R": "right"}
    # style ids looked up once: python-docx's p.style = … scans every style for the default on
    # each call, most of the time of a long table
    head_id, cell_id = (doc.styles[name].style_id for name in (st.CELL_HEAD_STYLE, st.CELL_STYLE))
    align = (t.align + "L" * n)[:n]
    for i, column in enumerate(table.columns):
        column.width = widths[i]
    for r, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))  # a row is never split over two pages
        if r == 0:
            trpr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
        values = t.header if r == 0 else t.rows[r - 1]
        cells = list(row.cells)
        if r > 0 and r - 1 in t.label_rows and t.label_span > 1:
            cells[0].merge(cells[t.label_span - 1])
        for c, cell in enumerate(cells):
            cell.width = widths[c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if r == 0:
                _shade(cell._tc)
            if r > 0 and r - 1 in t.label_rows and 0 < c < t.label_span:
                continue  # inside the merged label cell
            p = cell.paragraphs[0]
            p._p.style = head_id if r == 0 else cell_id
            if r > 0:
                st.ppr_set(p._p.get_or_add_pPr(), "jc", val=aligns.get(align[c], "left"))
            _add_text(p, values[c] if c < len(values) else "", bold=r - 1 in t.bold_rows)
    return table


def _shade(tc: object) -> None:
    tcpr = tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", "EBEBEB")):
        shd.set(qn(f"w:{key}"), value)
    tcpr.append(shd)


def _signature(doc: DocxDocument, s: Signature) -> None:
    """Two blank lines for the seal, the issuer centred over the date, the date four
    characters in from the right; kept together on one page."""
    _plain(doc, keep_next=True)
    _plain(doc, keep_next=True)
    right_date = 4.0
    if s.issuer:
        gap = (_width(s.date) - _width(s.issuer)) / 2 if s.date else 0
        _plain(doc, s.issuer, right=max(0.0, right_date + gap), jc="right", keep_next=bool(s.date))
    if s.date:
        _plain(doc, s.date, right=right_date, jc="right")


def _attachments(doc: DocxDocument, titles: list[str]) -> None:
    """One blank line, then 附件：1．… with later items aligned under the first number."""
    titles = [t.strip() for t in titles if t.strip()]
    if not titles:
        return
    _plain(doc, keep_next=True)
    numbered = len(titles) > 1
    lead_chars = 2 if numbered else 0
    for i, title in enumerate(titles, 1):
        number = f"{i}．" if numbered else ""
        first = -(3 + lead_chars) if i == 1 else -lead_chars
        _plain(doc, ("附件：" if i == 1 else "") + number + title, left=5 + lead_chars,
               first=first, jc="left", keep_next=i < len(titles))


def _figure(doc: DocxDocument, f: Figure) -> None:
    """The picture centred on a line of its own (kept with its caption), the caption centred
    below it; neither indented."""
    p = _plain(doc, jc="center", keep_next=bool(f.caption.strip()))
    # single spacing: the body's exact line height would crop the picture to one line
    st.ppr_set(p._p.get_or_add_pPr(), "spacing", before=120, after=0, line=240, lineRule="auto")
    width = min(f.width_mm, 156.0)
    p.add_run().add_picture(io.BytesIO(f.data), width=Mm(width))
    if f.caption.strip():
        cap = _plain(doc, f.caption, jc="center")
        for run in cap.runs:
            run.font.size = Pt(12)


def _block(doc: DocxDocument, b: Block) -> None:
    if isinstance(b, Paragraph):
        p = doc.add_paragraph()
        for run in b.runs:
            _add_text(p, run.text, bold=run.bold)
    elif isinstance(b, Heading):
        p = doc.add_paragraph(style=doc.styles[f"Heading {min(max(b.level, 1), 4)}"])
        _add_text(p, b.number + b.title)
    elif isinstance(b, Recipients):
        _plain(doc, b.text.strip().rstrip("：:，,。") + "：", jc="left")
    elif isinstance(b, Table):
        _table(doc, b)
        _plain(doc)  # a little air under the table, as in the PDF
    elif isinstance(b, Attachments):
        _attachments(doc, b.titles)
    elif isinstance(b, Signature):
        _signature(doc, b)
    elif isinstance(b, PageBreak):
        doc.add_page_break()
    elif isinstance(b, Figure):
        _figure(doc, b)
    else:
        raise TypeError(f"unknown block {b!r}")


def _title_text(title: str) -> str:
    """The title with a line break where the PDF balances it over two lines; Word would leave
    one or two characters on the second line."""
    lines = o.title_lines(title)
    joined = "\n".join(lines)
    same = "".join(joined.split()) == "".join(title.split())
    return joined if len(lines) == 2 and same else title


def _page_number(p: DocxParagraph) -> None:
    """"— N —" with N a PAGE field."""
    _add_text(p, "— ")
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "1"),
                       ("end", "")):
        run = p.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    _add_text(p, " —")


def _footers(doc: DocxDocument) -> None:
    """Odd pages: the number at the right, one character in; even pages: at the left."""
    section = doc.sections[0]
    one = o.PAGE_NO_SIZE / o.CHAR  # one 4号 character, in body characters
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        ppr = p._p.get_or_add_pPr()
        st.indent(ppr, left=one if side == "left" else 0, right=one if side == "right" else 0)
        st.ppr_set(ppr, "jc", val=side)
        _page_number(p)


def build_docx(doc: Document) -> DocxDocument:
    """The python-docx document (tests read it; write_docx saves it)."""
    out = docx.Document()
    body = out.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)  # the template's empty paragraph
    st.setup_styles(out)
    st.setup_page(out)
    props = out.core_properties
    props.title, props.author, props.last_modified_by = (
        clean(doc.title), clean(doc.author.strip()), "社区活动助手")
    props.comments = props.subject = props.keywords = ""
    if doc.title:
        p = out.add_paragraph(style=out.styles[st.TITLE_STYLE])
        _add_text(p, _title_text(doc.title))
    for i, b in enumerate(doc.blocks):
        _block(out, b)
        if isinstance(b, Paragraph) and i + 1 < len(doc.blocks) \
                and isinstance(doc.blocks[i + 1], Figure):
            # the line that introduces a picture (a question over its chart) stays with it
            st.ppr_set(out.paragraphs[-1]._p.get_or_add_pPr(), "keepNext")
    _footers(out)
    return out


def write_docx(doc: Document, out: BinaryIO | Path | str) -> None:
    """Write the Word file to out (a path or a binary stream)."""
    raw = io.BytesIO()
    build_docx(doc).save(raw)
    data = _with_font_table(raw.getvalue())
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    else:
        out.write(data)


def docx_bytes(doc: Document) -> bytes:
    buf = io.BytesIO()
    write_docx(doc, buf)
    return buf.getvalue()


def export_docx(doc: Document, out: Path | str) -> Path:
    """Write the Word file to out atomically: a failure, or a file held open in Word or WPS,
    leaves the old file as it was, with a plain Chinese message."""
    target = Path(out)
    with atomic_output(target) as tmp:
        write_docx(doc, tmp)
    return target


def _with_font_table(data: bytes) -> bytes:
    """The package with word/fontTable.xml naming each font's fallback (docx_styles)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "word/fontTable.xml":
                content = st.font_table(content)
            dst.writestr(info, content)
    return buf.getvalue()
