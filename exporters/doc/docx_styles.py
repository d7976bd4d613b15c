"""The Word file's styles and page: GB/T 9704 as exporters.pdf.official lays out the PDF.

Fonts are named as offices expect (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312) with every
theme font removed (a theme font overrides a named one). Each name gets an entry in
fontTable.xml with an alternative (w:altName 宋体/黑体/楷体/仿宋) and the GB2312 character set, so
Word or WPS on a machine without the font still picks a Chinese face.
"""
from __future__ import annotations

import math

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree  # type: ignore[import-untyped]

from exporters.pdf import official as o

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NO_FONT = "宋体"
# name -> (alternative, family, panose): what Word/WPS falls back to without the font
FALLBACKS = {
    TITLE_FONT: ("宋体", "auto", "02010600030101010101"),
    BODY_FONT: ("仿宋", "modern", "02010609060101010101"),
    H1_FONT: ("SimHei", "modern", "02010609060101010101"),
    H2_FONT: ("楷体", "modern", "02010609060101010101"),
    PAGE_NO_FONT: ("SimSun", "auto", "02010600030101010101"),
}

TITLE_STYLE = "公文标题"
CELL_STYLE = "表格文字"
CELL_HEAD_STYLE = "表格标题"

TWIPS_PER_PT = 20
LINE_TWIPS = round(o.LINE * TWIPS_PER_PT)  # 28.9 pt, as the PDF
CHAR_TWIPS = o.CHAR * TWIPS_PER_PT  # one character on the 28-a-line grid
HEADING_FONTS = {1: H1_FONT, 2: H2_FONT, 3: BODY_FONT, 4: BODY_FONT}


def _child(parent: etree._Element, tag: str) -> etree._Element:
    """parent's child tag, made (appended) when missing. Callers add children in schema order."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _set(el: etree._Element, **attrs: str | int) -> etree._Element:
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def set_run_fonts(rpr: etree._Element, name: str) -> None:
    """Name the font for Latin and Chinese text alike; theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    _set(fonts, ascii=name, hAnsi=name, eastAsia=name, cs=name)


def indent(ppr: etree._Element, *, left: float = 0, first: float = 0, right: float = 0) -> None:
    """w:ind in characters (Word's 字符 units, which win over twips) and twips for readers that
    ignore them; first < 0 is a hanging indent."""
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        ppr.remove(ind)
    ind = OxmlElement("w:ind")
    attrs: dict[str, str | int] = {
        "leftChars": round(left * 100), "left": round(left * CHAR_TWIPS),
        "rightChars": round(right * 100), "right": round(right * CHAR_TWIPS),
    }
    if first >= 0:
        attrs |= {"firstLineChars": round(first * 100), "firstLine": round(first * CHAR_TWIPS)}
    else:
        attrs |= {"hangingChars": round(-first * 100), "hanging": round(-first * CHAR_TWIPS)}
    _set(ind, **attrs)
    _insert_ppr(ppr, ind)


# CT_PPr's children in schema order
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange"]


def _insert_ppr(ppr: etree._Element, el: etree._Element) -> None:
    """Put el in ppr in schema order (Word refuses a file whose pPr children are out of order)."""
    name = etree.QName(el).localname
    rank = _PPR_ORDER.index(name)
    for i, child in enumerate(ppr):
        local = etree.QName(child).localname
        if local in _PPR_ORDER and _PPR_ORDER.index(local) > rank:
            ppr.insert(i, el)
            return
    ppr.append(el)


def ppr_set(ppr: etree._Element, tag: str, **attrs: str | int) -> None:
    """Set (replace) one pPr child, e.g. ppr_set(ppr, "jc", val="center")."""
    old = ppr.find(qn(f"w:{tag}"))
    if old is not None:
        ppr.remove(old)
    _insert_ppr(ppr, _set(OxmlElement(f"w:{tag}"), **attrs))


def _paragraph_style(ppr: etree._Element, rpr: etree._Element, *, font: str, half_points: int,
                     line_twips: int, first_chars: float, jc: str, bold: bool = False,
                     grid: bool = True, keep_next: bool = False) -> None:
    for child in list(rpr):
        rpr.remove(child)
    set_run_fonts(rpr, font)
    if bold:
        rpr.append(OxmlElement("w:b"))
    if grid:
        # body-size text: 28 characters a line. -0.2 pt (the PDF's) would make 28.01; Writer
        # still hangs the 28th at -0.25 pt (and draws no hung mark), so -0.3 pt: 29 never fit.
        _set(_child(rpr, "w:spacing"), val=math.floor(o.BODY_CHAR_SPACE * TWIPS_PER_PT) - 1)
    _set(_child(rpr, "w:sz"), val=half_points)
    _set(_child(rpr, "w:szCs"), val=half_points)
    for tag in ("keepNext", "keepLines", "spacing", "ind", "jc", "snapToGrid", "widowControl",
                "autoSpaceDE", "autoSpaceDN", "overflowPunct"):
        old = ppr.find(qn(f"w:{tag}"))
        if old is not None:
            ppr.remove(old)
    if keep_next:
        ppr_set(ppr, "keepNext")
    ppr_set(ppr, "widowControl")  # no lone first or last line of a paragraph on a page
    # no extra space between Chinese and digits (2026年3月4日 stays as typed, as in the PDF)
    ppr_set(ppr, "autoSpaceDE", val=0)
    ppr_set(ppr, "autoSpaceDN", val=0)
    # no punctuation hung in the right margin: a mark that may not start a line takes the
    # character before it down, as in the PDF
    ppr_set(ppr, "overflowPunct", val=0)
    if not grid:
        ppr_set(ppr, "snapToGrid", val=0)
    ppr_set(ppr, "spacing", before=0, after=0, line=line_twips, lineRule="exact")
    indent(ppr, first=first_chars)
    ppr_set(ppr, "jc", val=jc)


def setup_styles(doc: DocxDocument) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_fonts(rpr, BODY_FONT)
    _set(_child(rpr, "w:sz"), val=32)
    _set(_child(rpr, "w:szCs"), val=32)
    _set(_child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr_default = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    ppr_set(ppr_default, "spacing", before=0, after=0, line=LINE_TWIPS, lineRule="exact")

    def style_parts(name: str) -> tuple[etree._Element, etree._Element]:
        el = styles[name].element
        return el.get_or_add_pPr(), el.get_or_add_rPr()

    _paragraph_style(*style_parts("Normal"), font=BODY_FONT, half_points=32,
                     line_twips=LINE_TWIPS, first_chars=2, jc="both")
    for level in (1, 2, 3, 4):
        # Word's own heading styles (标题 1..4 in a Chinese Word): the navigation pane and the
        # table of contents know them; the look is the official one, black, no space around.
        ppr, rpr = style_parts(f"Heading {level}")
        _paragraph_style(ppr, rpr, font=HEADING_FONTS[level], half_points=32,
                         line_twips=LINE_TWIPS, first_chars=2, jc="both", bold=level == 3,
                         keep_next=True)
        ppr_set(ppr, "outlineLvl", val=level - 1)
    title = styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = styles["Normal"]
    ppr, rpr = title.element.get_or_add_pPr(), title.element.get_or_add_rPr()
    _paragraph_style(ppr, rpr, font=TITLE_FONT, half_points=round(o.TITLE_SIZE * 2),
                     line_twips=round(o.TITLE_LEADING * TWIPS_PER_PT), first_chars=0,
                     jc="center", grid=False, keep_next=True)
    ppr_set(ppr, "spacing", before=0, after=LINE_TWIPS, line=round(o.TITLE_LEADING * 20),
            lineRule="exact")
    for name, font, jc in ((CELL_STYLE, BODY_FONT, "left"), (CELL_HEAD_STYLE, H1_FONT, "center")):
        cell = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = styles["Normal"]
        _paragraph_style(cell.element.get_or_add_pPr(), cell.element.get_or_add_rPr(),
                         font=font, half_points=round(o.TABLE_SIZE * 2),
                         line_twips=round(o.TABLE_LEADING * TWIPS_PER_PT), first_chars=0,
                         jc=jc, grid=False)
    _paragraph_style(*style_parts("Footer"), font=PAGE_NO_FONT,
                     half_points=round(o.PAGE_NO_SIZE * 2), line_twips=round(o.PAGE_NO_SIZE * 24),
                     first_chars=0, jc="left", grid=False)


def setup_page(doc: DocxDocument) -> None:
    """A4, 37/28 mm margins (text area 156 x 225 mm), 22 lines of 28 characters (docGrid),
    footers for odd and even pages."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.bottom_margin = Mm(297 - 37 - 225)
    section.right_margin = Mm(210 - 28 - 156)
    # the number's baseline about 7 mm under the text area, as in the PDF
    section.footer_distance = Mm(297 - 37 - 225 - 7 - 5)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # 22 lines a page. A character grid (type linesAndChars) would make Word put 28 a line, but
    # LibreOffice gives a glyph wider than the pitch two cells (14 a line); the body styles'
    # character spacing (-0.2 pt, as the PDF's) puts 28 a line in both instead.
    _set(grid, type="lines", linePitch=round(225 / 22 * 72 / 25.4 * TWIPS_PER_PT),
         charSpace=round((o.CHAR - o.BODY_SIZE) * 4096))
    doc.settings.odd_and_even_pages_header_footer = True


def font_table(xml: bytes) -> bytes:
    """fontTable.xml with each font this file names and the face to use without it."""
    root = etree.fromstring(xml)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alt, family, panose) in FALLBACKS.items():
        if name in have:
            continue
        font = _set(OxmlElement("w:font"), name=name)
        font.append(_set(OxmlElement("w:altName"), val=alt))
        font.append(_set(OxmlElement("w:panose1"), val=panose))
        font.append(_set(OxmlElement("w:charset"), val="86"))  # GB2312
        font.append(_set(OxmlElement("w:family"), val=family))
        font.append(_set(OxmlElement("w:pitch"), val="variable"))
        root.append(font)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
