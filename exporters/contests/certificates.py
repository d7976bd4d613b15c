"""Certificates (获奖证书, 荣誉证书) in one PDF, one a page: the layout any later certificate uses.

Paper: A4 landscape, A5 landscape, or a size in millimetres. Either a full designed page (a
border, the title, the text) or the text alone, placed to print onto pre-printed certificate
paper; offsets in millimetres move everything (right and down) to match the printer. A test page
draws a millimetre grid with the text boxes outlined, to align the printer once.

A name with a character neither the chosen font nor the bundled one draws is refused before
anything is printed (MissingGlyphs lists them), never printed as a box. print_certificates
numbers them in the register (models/contests/register.py: a reprint keeps its number) in the
same transaction as the PDF is written; certificate_register writes that register as .xlsx.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from exporters.atomic import atomic_output
from exporters.pdf.fonts import FontSet, bundled_font_name, font_set, has_glyph
from exporters.pdf.lines import draw_body
from exporters.pdf.official import cn_date
from exporters.sheets.layout import (
    BORDER,
    CENTER,
    FONT,
    HEADER_FONT,
    LEFT,
    TITLE_FONT,
    Column,
    setup_sheet,
)
from exporters.sheets.text import set_text
from models.common.errors import UserError
from models.contests.register import CertificateDraft, IssuedCertificate, issue_certificates
from models.contests.service import contest_results, get_honour_list

PAPERS: dict[str, tuple[float, float]] = {"A4横": (297.0, 210.0), "A5横": (210.0, 148.0)}
FULL, TEXT_ONLY = "整页", "仅文字"


@dataclass
class Certificate:
    number: str  # 证书编号, what the register lists
    title: str  # 获奖证书 / 荣誉证书
    name: str
    body: str  # the sentence under the name
    issuer: str
    day: date | None


@dataclass
class Layout:
    paper: str | tuple[float, float] = "A4横"  # a key of PAPERS, or (width, height) in mm
    mode: str = FULL
    offset_x: float = 0.0  # mm to the right
    offset_y: float = 0.0  # mm down

    def size_mm(self) -> tuple[float, float]:
        if isinstance(self.paper, tuple):
            w, h = self.paper
            if not (50 <= w <= 600 and 50 <= h <= 600):
                raise UserError(f"纸张尺寸 {w:g}×{h:g} 毫米不合理，宽和高应在 50 到 600 毫米之间。")
            return w, h
        if self.paper not in PAPERS:
            raise UserError(f"不认识的纸张“{self.paper}”，可选：{'、'.join(PAPERS)}，"
                            "或写明毫米尺寸。")
        return PAPERS[self.paper]


class MissingGlyphs(UserError):
    def __init__(self, missing: dict[str, str]) -> None:
        self.missing = missing
        listed = "；".join(f"{name}（缺“{chars}”）" for name, chars in missing.items())
        super().__init__(f"以下姓名中有字体无法显示的字，为免印成方框，未生成证书：{listed}。"
                         "请安装含这些字的字体，或手写这几张证书。")


@dataclass
class _Boxes:
    """Where each part goes, in points from the page's lower left, before the offsets."""

    w: float
    h: float
    k: float  # scale against A4 landscape

    @property
    def title_y(self) -> float:
        return self.h * 0.70

    @property
    def name_y(self) -> float:
        return self.h * 0.56

    @property
    def text_x(self) -> float:
        return self.w * 0.16

    @property
    def text_w(self) -> float:
        return self.w * 0.68

    @property
    def issuer_y(self) -> float:
        return self.h * 0.24

    @property
    def right_x(self) -> float:
        return self.w * 0.84


def _fonts_for(certs: Sequence[Certificate], fonts: FontSet) -> dict[str, str]:
    """The font for each name: the heading font, else the bundled one; refuses names neither
    draws."""
    fallback = bundled_font_name()
    chosen: dict[str, str] = {}
    missing: dict[str, str] = {}
    for c in certs:
        name = c.name
        if all(has_glyph(fonts.heading2, ch) for ch in name):
            chosen[name] = fonts.heading2
        elif all(has_glyph(fallback, ch) for ch in name):
            chosen[name] = fallback
        else:
            missing[name] = "".join(ch for ch in name if not has_glyph(fallback, ch))
    if missing:
        raise MissingGlyphs(missing)
    return chosen


def check_names(certs: Sequence[Certificate]) -> None:
    """Raise MissingGlyphs before printing when a name cannot be drawn."""
    _fonts_for(certs, font_set())


def _draw(c: Canvas, cert: Certificate, layout: Layout, box: _Boxes, fonts: FontSet,
          name_font: str) -> None:
    c.saveState()
    c.translate(layout.offset_x * mm, -layout.offset_y * mm)
    k = box.k
    if layout.mode == FULL:
        c.setStrokeColor(colors.Color(0.65, 0.1, 0.1))
        c.setLineWidth(3 * k)
        c.rect(10 * mm * k, 10 * mm * k, box.w - 20 * mm * k, box.h - 20 * mm * k)
        c.setLineWidth(1 * k)
        c.rect(14 * mm * k, 14 * mm * k, box.w - 28 * mm * k, box.h - 28 * mm * k)
        c.setFillColor(colors.Color(0.65, 0.1, 0.1))
        c.setFont(fonts.title, 48 * k)
        c.drawCentredString(box.w / 2, box.title_y, " ".join(cert.title))
    c.setFillColor(colors.black)
    c.setFont(name_font, 26 * k)
    c.drawString(box.text_x, box.name_y, f"{cert.name}：")
    draw_body(c, cert.body, fonts.body, 20 * k, 34 * k, 40 * k, box.text_x,
               box.name_y - 14 * k - 20 * k, box.text_w)
    c.setFont(fonts.body, 20 * k)
    c.drawRightString(box.right_x, box.issuer_y, cert.issuer)
    c.drawRightString(box.right_x, box.issuer_y - 30 * k, cn_date(cert.day))
    c.setFont(fonts.body, 10 * k)
    c.drawString(box.text_x, box.h * 0.12, f"证书编号：{cert.number}")
    c.restoreState()


def _grid(c: Canvas, box: _Boxes, fonts: FontSet) -> None:
    """Millimetre grid over the whole sheet: light every mm, darker every 5, labelled every 10."""
    wmm, hmm = int(box.w / mm), int(box.h / mm)
    for i in range(0, max(wmm, hmm) + 1):
        shade = 0.45 if i % 10 == 0 else (0.7 if i % 5 == 0 else 0.88)
        c.setStrokeColor(colors.Color(shade, shade, shade))
        c.setLineWidth(0.5 if i % 10 == 0 else 0.25)
        if i <= wmm:
            c.line(i * mm, 0, i * mm, box.h)
        if i <= hmm:
            c.line(0, box.h - i * mm, box.w, box.h - i * mm)  # counted from the top edge
    c.setFillColor(colors.black)
    c.setFont(fonts.body, 6)
    for i in range(10, wmm, 10):
        c.drawString(i * mm + 0.5 * mm, box.h - 4 * mm, str(i))
    for i in range(10, hmm, 10):
        c.drawString(1 * mm, box.h - i * mm - 2.5 * mm, str(i))


def export_certificates(certs: Sequence[Certificate], target: Path | str, layout: Layout, *,
                        test_page: bool = False) -> int:
    """One certificate a page (test_page: the grid page first, with the first certificate's text
    on it); returns the number of pages."""
    if not certs:
        raise UserError("没有可以发证书的获奖者或表彰对象。")
    wmm, hmm = layout.size_mm()
    if layout.mode not in (FULL, TEXT_ONLY):
        raise UserError(f"证书样式只能是“{FULL}”或“{TEXT_ONLY}”。")
    fonts = font_set()
    name_fonts = _fonts_for(certs, fonts)  # before the file is touched
    box = _Boxes(wmm * mm, hmm * mm, min(wmm / 297.0, hmm / 210.0))
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    pages = 0
    try:
        with atomic_output(target) as tmp:
            c = Canvas(str(tmp), pagesize=(box.w, box.h), invariant=1, pageCompression=1,
                       initialFontName=fonts.body)
            c.setTitle(certs[0].title)
            c.setCreator("社区活动助手")
            if test_page:
                _grid(c, box, fonts)
                test = Layout(layout.paper, TEXT_ONLY, layout.offset_x, layout.offset_y)
                _draw(c, certs[0], test, box, fonts, name_fonts[certs[0].name])
                c.showPage()
                pages += 1
            for cert in certs:
                _draw(c, cert, layout, box, fonts, name_fonts[cert.name])
                c.showPage()
                pages += 1
            c.save()
    finally:
        rl_config.useA85 = a85
    return pages


REGISTER_COLUMNS = [Column("证书编号", 14, center=True), Column("姓名", 10, center=True),
                    Column("证书", 10, center=True), Column("内容", 56), Column("颁发单位", 14),
                    Column("日期", 12, center=True), Column("经办人", 10, center=True),
                    Column("印制次数", 8, center=True), Column("领取人签名", 12)]


def certificate_register(issued: Sequence[IssuedCertificate], target: Path | str,
                         title: str = "证书发放登记表") -> int:
    """The register of certificates issued (.xlsx, kept in the office: full names): number,
    name, what for, issuer, date, who printed it, how many times, and a column for the
    receiver's signature; returns the number of rows."""
    if not issued:
        raise UserError("还没有发放过证书，登记表无内容。")
    wb = Workbook()
    ws = wb.active
    ws.title = "证书登记"
    widths = [c.width or 10 for c in REGISTER_COLUMNS]
    setup_sheet(ws, REGISTER_COLUMNS, widths, title=title, landscape=True)
    cell = set_text(ws.cell(row=1, column=1), title)
    cell.font, cell.alignment = TITLE_FONT, CENTER
    for i, col in enumerate(REGISTER_COLUMNS, 1):
        cell = set_text(ws.cell(row=2, column=i), col.title)
        cell.font, cell.alignment, cell.border = HEADER_FONT, CENTER, BORDER
    for r, c in enumerate(issued, 3):
        values = [c.number, c.name, c.kind, c.body, c.issuer, c.issued.isoformat(), c.issued_by,
                  str(c.printed), ""]
        for i, value in enumerate(values, 1):
            cell = set_text(ws.cell(row=r, column=i), value or None)
            cell.font, cell.border = FONT, BORDER
            cell.alignment = LEFT if REGISTER_COLUMNS[i - 1].title == "内容" else CENTER
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return len(issued)


def contest_drafts(contest_id: int, day: date) -> list[CertificateDraft]:
    """A 获奖证书 for every prize of the contest, by category and level, as the results give."""
    res = contest_results(contest_id)
    unplaced = [r for r in res.entries if r.rank is None]
    if unplaced:
        raise UserError(f"“{res.contest.title}”还有 {len(unplaced)} 件作品未评完，评完后再发证书。")
    order = {name: i for cat in res.contest.categories for i, (name, _p) in enumerate(cat.levels)}
    prized = sorted((r for r in res.entries if r.prize), key=lambda r: (
        [c.id for c in res.contest.categories].index(r.entry.category_id), order[r.prize],
        r.rank or 0, r.entry.code))
    issuer = res.contest.issuer or "社区居委会"
    return [CertificateDraft(
        "获奖证书", r.entry.name,
        f"你的作品《{r.entry.title}》在{res.contest.title}中荣获{r.entry.category}类{r.prize}。"
        "特发此证，以资鼓励。", issuer, f"{day.year}-P{contest_id}-", entry_id=r.entry.id)
        for r in prized]


def honour_drafts(list_id: int, day: date) -> list[CertificateDraft]:
    """A 荣誉证书 for every approved nomination of the honour list, in the list's order."""
    h = get_honour_list(list_id)
    if not h.approved:
        raise UserError(f"“{h.title}”还没有审核通过的人选，无法发证书。")
    issuer = h.issuer or "社区居委会"
    return [CertificateDraft("荣誉证书", a.name,
                             f"被评为{h.year}年度{h.title}。特发此证，以资鼓励。", issuer,
                             f"{day.year}-H{list_id}-", nomination_id=a.id)
            for a in h.approved]


def print_certificates(drafts: Sequence[CertificateDraft], target: Path | str, layout: Layout,
                       day: date, issued_by: str = "", *,
                       test_page: bool = False) -> tuple[int, list[IssuedCertificate]]:
    """Number the certificates in the register and write the PDF, all or nothing (a name the
    fonts lack is refused before a number is taken). Returns (pages, what was issued)."""
    check_names([Certificate("", d.kind, d.name, d.body, d.issuer, day) for d in drafts])

    def write(issued: list[IssuedCertificate]) -> tuple[int, list[IssuedCertificate]]:
        certs = [Certificate(c.number, c.kind, c.name, c.body, c.issuer, c.issued)
                 for c in issued]
        return export_certificates(certs, target, layout, test_page=test_page), issued

    return issue_certificates(drafts, day, issued_by, write)
