"""Reading official-document PDFs back in tests: characters, lines, page-number labels, tables."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber
from pdfminer import utils as pdfminer_utils
from pdfminer.pdfdevice import PDFTextDevice
from pypdf import PdfReader


def _render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace,  # type: ignore[no-untyped-def]
                              wordspace, rise, dxscale, ncs, graphicstate):
    """pdfminer.six adds the character spacing (Tc) only between glyphs of one string, not after
    the last (pdfminer.six issue #1128); the body text sets Tc, and its strings change with each
    font subset, so positions drifted right. PDF 32000 9.4.4: Tc follows every glyph."""
    x, y = pos
    for obj in seq:
        if isinstance(obj, (int, float)):
            x -= obj * dxscale
        elif isinstance(obj, bytes):
            for cid in font.decode(obj):
                x += self.render_char(pdfminer_utils.translate_matrix(matrix, (x, y)), font,
                                      fontsize, scaling, rise, cid, ncs, graphicstate)
                x += charspace
                if cid == 32 and wordspace:
                    x += wordspace
    return x, y


PDFTextDevice.render_string_horizontal = _render_string_horizontal  # type: ignore[method-assign]

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898
AREA_LEFT, AREA_TOP = 28 * MM, 37 * MM
AREA_RIGHT, AREA_BOTTOM = AREA_LEFT + 156 * MM, AREA_TOP + 225 * MM  # from the top of the page
TOL = 1 * MM
CHAR = 156 * MM / 28  # one character of body text on the 28-a-line grid


@dataclass
class Page:
    number: int
    chars: list[dict]  # pdfplumber chars inside the text area
    outside: list[dict]  # chars outside it (the page number)
    tables: list[list[list[str]]]
    text: str  # text of the text area, as pdfplumber lays it out


def inside(c: dict) -> bool:
    return (c["x0"] >= AREA_LEFT - TOL and c["x1"] <= AREA_RIGHT + TOL
            and c["top"] >= AREA_TOP - TOL and c["bottom"] <= AREA_BOTTOM + TOL)


def read_pages(data: bytes) -> list[Page]:
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for pg in pdf.pages:
            chars = [c for c in pg.chars if c["text"].strip()]
            ins = [c for c in chars if inside(c)]
            out = [c for c in chars if not inside(c)]
            area = pg.crop((AREA_LEFT - TOL, AREA_TOP - TOL, AREA_RIGHT + TOL, AREA_BOTTOM + TOL))
            tables = [
                [[(cell or "").replace("\n", "") for cell in row] for row in table]
                for table in pg.extract_tables()
            ]
            pages.append(Page(pg.page_number, ins, out, tables, area.extract_text() or ""))
    return pages


def flat(text: str) -> str:
    """Text with every space and line break gone, so wrapped lines compare whole."""
    return re.sub(r"\s+", "", text)


def all_text(pages: list[Page]) -> str:
    return flat("".join(p.text for p in pages))


def all_cells(pages: list[Page]) -> set[str]:
    return {flat(cell) for p in pages for t in p.tables for row in t for cell in row}


def segments(chars: list[dict]) -> list[list[dict]]:
    """Runs of characters on one baseline with no gap wider than half a character: the lines of
    paragraphs and of table cells, each on its own."""
    rows: dict[float, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["bottom"] / 2) * 2, []).append(c)
    out: list[list[dict]] = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda c: c["x0"])
        current = [row[0]]
        for c in row[1:]:
            if c["x0"] - current[-1]["x1"] > 0.5 * c["size"]:
                out.append(current)
                current = []
            current.append(c)
        out.append(current)
    return out


def page_label(page: Page) -> tuple[str, float, float, float]:
    """Text of the characters outside the text area (spaces dropped), their left x, right x and
    top."""
    chars = sorted(page.outside, key=lambda c: c["x0"])
    if not chars:
        return "", 0.0, 0.0, 0.0
    text = "".join(c["text"] for c in chars)
    return text, chars[0]["x0"], chars[-1]["x1"], min(c["top"] for c in chars)


def fonts_of(data: bytes) -> list[dict]:
    """Every font resource of every page: name, subtype, embedded file keys, ToUnicode."""
    reader = PdfReader(io.BytesIO(data))
    found: dict[str, dict] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc_font = font
            if font.get("/Subtype") == "/Type0":
                desc_font = font["/DescendantFonts"][0].get_object()
            descriptor = desc_font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font.get("/BaseFont"))] = {
                "subtype": str(font.get("/Subtype")),
                "files": [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor],
                "tounicode": "/ToUnicode" in font,
            }
    return [{"name": k, **v} for k, v in found.items()]
