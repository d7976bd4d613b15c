"""A document as typed blocks, before any layout: what the PDF and the Word file both show.

How to use it: build a `Document` from your records (see exporters.plans.document for the plan
and the notice), putting every string in its final form (numbers as text, dates written out,
"label：" runs in bold), then hand it to a renderer:

    doc = Document(title="关于……的通知", author="××社区居委会", blocks=[
        Recipients("各居民小组"),
        Heading(1, "一、", "活动安排"),
        Paragraph((Run("时间：", bold=True), Run("2026年3月4日"))),
        Table(["时间", "内容"], [["9:00", "签到"]], widths=[1, 3], align="CL"),
        Attachments(["报名表"]),
        Signature("××社区居委会", "2026年3月1日"),
    ])
    exporters.doc.pdf.write_pdf(doc, "a.pdf")      # GB/T 9704 pages (exporters.pdf.official)
    exporters.doc.docx.write_docx(doc, "a.docx")   # Word/WPS, same geometry and outline

A renderer decides only how things look; it never adds, drops or rewords text (apart from the
colon it puts after the 主送 line and the "附件：" label with its numbers). A later document
(an activity summary, a public notice, an honour roll) is one more builder of these blocks;
pictures (photos, charts drawn to PNG) go in as Figure blocks.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text; bold marks a lead phrase such as "活动时间："."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (first line indented two characters)."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1..4 (一、（一）1.（1）); number is the label as printed."""

    level: int
    number: str
    title: str

    @property
    def text(self) -> str:
        return self.number + self.title


@dataclass(frozen=True)
class Recipients:
    """The 主送 line, without its closing colon (the renderer adds "：")."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page.

    widths are relative column hints; align per column "L", "C" or "R"; bold_rows index into
    rows (a total line); label_rows have their first cell spread over label_span columns.
    """

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    align: str = ""
    bold_rows: list[int] = field(default_factory=list)
    label_rows: list[int] = field(default_factory=list)
    label_span: int = 1


@dataclass(frozen=True)
class Attachments:
    """附件：1．… one blank line below the body."""

    titles: list[str]


@dataclass(frozen=True)
class Signature:
    """The issuer and the date (written out, 2026年3月4日) at the bottom right."""

    issuer: str
    date: str


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page."""


@dataclass(frozen=True)
class Figure:
    """A picture centred on its own line, caption (may be empty) centred below it.

    data is PNG or JPEG bytes whose pixels are already upright (a renderer ignores any EXIF
    orientation); width_mm is the width on the page, the height follows the picture's shape.
    """

    data: bytes = field(repr=False)
    width_mm: float
    caption: str = ""


Block = Paragraph | Heading | Recipients | Table | Attachments | Signature | PageBreak | Figure


@dataclass
class Document:
    """A title (may be empty) and the blocks under it, in order."""

    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    author: str = ""

    def strings(self) -> list[str]:
        """Every string the document shows, in order (tests read outputs back against it)."""
        out = [self.title] if self.title else []
        for b in self.blocks:
            if isinstance(b, (Paragraph, Heading, Recipients)):
                out.append(b.text)
            elif isinstance(b, Table):
                out.extend(b.header)
                out.extend(c for row in b.rows for c in row)
            elif isinstance(b, Attachments):
                out.extend(b.titles)
            elif isinstance(b, Figure):
                out.append(b.caption)
            elif isinstance(b, Signature):
                out.extend([b.issuer, b.date])
        return [s for s in out if s.strip()]
