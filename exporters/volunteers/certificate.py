"""The service record certificate (志愿服务记录证明), after the Ministry of Civil Affairs' rules on
volunteer service records and certificates: the volunteer's identity (name, ID type and number,
volunteer number), the service (times and total hours in the period, what was done), the issuer
(body, person in charge, handler, contact), the certificate number, the date of issue and notes.
A4 on the official page (exporters/pdf/official.py), room for the seal over the issuer's name.
Several certificates go in one PDF, one a page. The register of issued certificates is an xlsx.

The figures are those stored when the certificate was issued (models/volunteers/certificates.py),
which are the ledger's for the same period.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from exporters.atomic import atomic_output
from exporters.pdf import official as o
from exporters.pdf.fonts import font_set
from exporters.pdf.page import OfficialPage
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
from models.volunteers.certificates import CertificateRecord
from models.volunteers.rules import hours_text

TITLE = "志愿服务记录证明"
NOTE = ("本证明所记时长为志愿者实际提供志愿服务的时间，不含往返路途时间，依据本单位志愿服务记录"
        "（台帐）出具；涂改无效。")


def _identity(c: CertificateRecord) -> str:
    v = c.volunteer
    id_part = f"证件类型：居民身份证，证件号码：{v.id_number}" if v.id_number else \
        "证件号码：未登记"
    return f"{v.name}（{id_part}；志愿者编号：{v.number}）"


@dataclass
class Texts:
    """What one certificate says, in reading order (the PDF draws these; the bench too)."""

    number: str
    body: list[str]  # paragraphs before the table
    table: list[list[str]]  # rows of the issuer table under its header
    note: str
    issuer: str
    issued: str


HEADER = ["项目", "内容"]


def certificate_texts(c: CertificateRecord) -> Texts:
    body = [f"兹证明{_identity(c)}于{o.cn_date(c.start)}至{o.cn_date(c.end)}期间，"
            f"参加本单位组织的志愿服务 {c.services} 次，累计志愿服务时长{hours_text(c.minutes)}。"]
    if c.content:
        body.append(f"主要服务内容：{c.content}。")
    body.append("特此证明。")
    rows = [["出具单位", c.issuer.body], ["负责人", c.issuer.person_in_charge],
            ["经办人", c.issuer.handler], ["联系电话", c.issuer.contact]]
    note = NOTE + (f"{c.notes}" if c.notes else "")
    return Texts(f"证书编号：{c.number}", body, rows, f"备注：{note}", c.issuer.body.strip(),
                 o.cn_date(c.issued))


def export_certificates_pdf(certs: Sequence[CertificateRecord], target: Path | str) -> int:
    """One certificate a page (a long one may take two); returns the number of pages. Drawn
    line by line on the canvas (exporters/pdf/lines.py) in the official page's geometry: laid
    out by platypus, 500 certificates took 7 to 9 times a bare script drawing the same text."""
    if not certs:
        raise UserError("没有要打印的志愿服务记录证明。")
    fonts = font_set()
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # as build_pdf: ASCII85 only makes the file bigger and slower
    try:
        with atomic_output(target) as tmp:
            canvas = Canvas(str(tmp), pagesize=(o.PAGE_W, o.PAGE_H), invariant=1,
                            initialFontName=fonts.body, initialFontSize=o.BODY_SIZE,
                            initialLeading=o.LINE)
            canvas.setTitle(TITLE)
            canvas.setAuthor(certs[0].issuer.body)
            canvas.setCreator("社区活动助手")
            page = OfficialPage(canvas, fonts)
            for n, c in enumerate(certs):
                if n:
                    page.new_page()
                _draw(page, certificate_texts(c))
            return page.finish()
    finally:
        rl_config.useA85 = a85


def _draw(page: OfficialPage, t: Texts) -> None:
    page.title(TITLE)
    page.right(t.number, 0.0)
    for text in t.body:
        page.paragraph(text)
    page.table(HEADER, t.table, [25, 75], "CL")
    page.paragraph(t.note)
    page.signature(t.issuer, t.issued)


REGISTER = [Column("证书编号", 16, text=True, center=True), Column("姓名", 10, center=True),
            Column("志愿者编号", 14, text=True, center=True), Column("服务起止", 24, center=True),
            Column("次数", 6, center=True), Column("时长", 12, center=True),
            Column("折合分钟", 9, center=True), Column("出具日期", 12, center=True),
            Column("经办人", 10, center=True), Column("备注", 20)]


def export_register_xlsx(certs: Sequence[CertificateRecord], target: Path | str) -> int:
    """The register of issued certificates (发放登记), for the office's file."""
    wb = Workbook()
    ws = wb.active
    ws.title = "证明登记"
    title = "志愿服务记录证明出具登记表"
    setup_sheet(ws, REGISTER, [c.width or 10 for c in REGISTER], title=title, landscape=True)
    cell = set_text(ws.cell(row=1, column=1), title)
    cell.font, cell.alignment = TITLE_FONT, CENTER
    ws.row_dimensions[1].height = 36
    for i, col in enumerate(REGISTER, 1):
        cell = set_text(ws.cell(row=2, column=i), col.title)
        cell.font, cell.alignment, cell.border = HEADER_FONT, CENTER, BORDER
    for r, c in enumerate(certs, 3):
        values = [c.number, c.volunteer.name, c.volunteer.number,
                  f"{c.start:%Y-%m-%d}至{c.end:%Y-%m-%d}", c.services, hours_text(c.minutes),
                  c.minutes, f"{c.issued:%Y-%m-%d}", c.issuer.handler, c.notes]
        for i, (col, value) in enumerate(zip(REGISTER, values, strict=True), 1):
            cell = set_text(ws.cell(row=r, column=i), value)
            cell.font, cell.border = FONT, BORDER
            cell.alignment = CENTER if col.center else LEFT
            if col.text:
                cell.number_format = "@"
        ws.row_dimensions[r].height = 24
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return len(certs)
