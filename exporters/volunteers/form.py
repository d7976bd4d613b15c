"""The registration form (党员志愿者登记表), blank to print or filled for one volunteer: A4 in
PDF (reportlab) and xlsx (merged cells in the shared print set-up), the same grid in both: the
boxes a clerk expects, a one-inch photo box, the pledge with a signature line, the team's and the
party organisation's opinions with room for a signature and the seal.

The blank form offers the fixed choices as boxes to tick (PDF) and as drop-down lists (xlsx).
A filled form is internal or handed to the volunteer, so it shows the values in full.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from exporters.atomic import atomic_output
from exporters.pdf.cjk import CJKParagraph
from exporters.pdf.fonts import font_set
from exporters.pdf.official import esc
from exporters.sheets.layout import BORDER, CENTER, FONT, HEADER_FONT, LEFT, TITLE_FONT
from exporters.sheets.text import list_choice, set_text
from models.volunteers.records import VolunteerRecord
from models.volunteers.rules import POLITICAL

TITLE = "党员志愿者登记表"
WIDTHS_MM = (24, 30, 14, 24, 22, 26, 30)  # 170 mm: A4 less 20 mm each side
PLEDGE = ("本人自愿加入党员志愿者服务队，遵守服务队的各项规定，亮明党员身份，"
          "按承诺的内容、时间和次数参加志愿服务，服务中不收取任何报酬。")
AVAILABLE = ("工作日白天", "工作日晚上", "周末", "节假日", "随时")


@dataclass(frozen=True)
class Box:
    """One cell of the grid: row and column (0-based), spans, text, and whether it is a label."""

    row: int
    col: int
    text: str
    cols: int = 1
    rows: int = 1
    label: bool = False


def _ticks(choices: tuple[str, ...] | list[str], chosen: str) -> str:
    # □ and ■: drawn by every CJK font (☐ ☑ are missing from the bundled one and print blank)
    return "　".join(("■" if c and c in chosen else "□") + c for c in choices)


def form_boxes(v: VolunteerRecord | None, team_kinds: list[str]) -> tuple[list[Box], list[float]]:
    """The grid, and each row's height in mm. v None: the blank form."""

    def val(text: str) -> str:
        return text if v is not None else ""

    birth = f"{v.birth.year}年{v.birth.month}月" if v and v.birth else ""
    joined = f"{v.joined:%Y-%m-%d}" if v else ""
    kinds = team_kinds or ["政策宣传", "环境整治", "关爱帮扶", "平安巡逻"]
    boxes = [
        Box(0, 0, "姓名", label=True), Box(0, 1, val(v.name if v else "")),
        Box(0, 2, "性别", label=True), Box(0, 3, val(v.gender if v else "")),
        Box(0, 4, "出生年月", label=True), Box(0, 5, birth),
        Box(0, 6, "照片\n（一寸免冠）", rows=4, label=True),
        Box(1, 0, "政治面貌", label=True), Box(1, 1, val(v.political if v else "")),
        Box(1, 2, "入队\n日期", label=True), Box(1, 3, joined),
        Box(1, 4, "志愿者编号", label=True), Box(1, 5, val(v.number if v else "")),
        Box(2, 0, "身份证号", label=True), Box(2, 1, val(v.id_number if v else ""), cols=5),
        Box(3, 0, "联系电话", label=True), Box(3, 1, val(v.phone if v else ""), cols=3),
        Box(3, 4, "服务队", label=True), Box(3, 5, val(v.team if v else "")),
        Box(4, 0, "单位或所在\n党支部", label=True), Box(4, 1, val(v.unit if v else ""), cols=6),
        Box(5, 0, "特长", label=True), Box(5, 1, val(v.skills if v else ""), cols=6),
        Box(6, 0, "意向服务\n类别", label=True),
        Box(6, 1, v.wanted if v else _ticks(kinds + ["其他：＿＿＿＿"], ""), cols=6),
        Box(7, 0, "可服务\n时间", label=True),
        Box(7, 1, v.available if v else _ticks(AVAILABLE, ""), cols=6),
        Box(8, 0, "服务承诺", label=True),
        Box(8, 1, f"{PLEDGE}\n\n本人签名：＿＿＿＿＿＿　　　　　　年　　月　　日", cols=6),
        Box(9, 0, "服务队\n意见", label=True),
        Box(9, 1, "负责人（签字）：＿＿＿＿＿＿　　　　年　　月　　日", cols=6),
        Box(10, 0, "社区党组织\n意见", label=True),
        Box(10, 1, "（盖章）　　　　　　　　　　　　年　　月　　日", cols=6),
        Box(11, 0, "备注", label=True), Box(11, 1, val(v.notes if v else ""), cols=6),
    ]
    heights = [14.0, 14.0, 12.0, 12.0, 14.0, 14.0, 16.0, 14.0, 36.0, 32.0, 32.0, 18.0]
    return boxes, heights


def _subtitle(v: VolunteerRecord | None) -> str:
    return f"填表日期：{v.joined:%Y年%m月%d日}" if v else "填表日期：　　　　年　　月　　日"


def export_form_pdf(target: Path | str, v: VolunteerRecord | None,
                    team_kinds: list[str] | None = None) -> None:
    fonts = font_set()
    boxes, heights = form_boxes(v, team_kinds or [])
    label = ParagraphStyle("label", fontName=fonts.heading1, fontSize=11, leading=14,
                           alignment=TA_CENTER, wordWrap="CJK")
    value = ParagraphStyle("value", fontName=fonts.body, fontSize=11, leading=15,
                           alignment=TA_LEFT, wordWrap="CJK")
    grid: list[list[object]] = [["" for _ in WIDTHS_MM] for _ in heights]
    spans = []
    for b in boxes:
        # reportlab folds a run of spaces into one: the gaps of "年　　月　　日" stay as no-break
        # spaces.
        markup = esc(b.text).replace("\u3000", "\u00a0\u00a0")
        grid[b.row][b.col] = CJKParagraph(markup, label if b.label else value)
        if b.cols > 1 or b.rows > 1:
            spans.append(("SPAN", (b.col, b.row), (b.col + b.cols - 1, b.row + b.rows - 1)))
    table = Table(grid, colWidths=[w * mm for w in WIDTHS_MM],
                  rowHeights=[h * mm for h in heights])
    table.setStyle(TableStyle([
        *spans,
        ("FONT", (0, 0), (-1, -1), fonts.body, 11, 15),
        ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (1, 8), (-1, 8), "TOP"),
        ("VALIGN", (1, 9), (-1, 10), "BOTTOM"),  # signature and seal lines at the foot
        ("BOTTOMPADDING", (1, 9), (-1, 10), 4 * mm),
        ("LEFTPADDING", (1, 9), (-1, 10), 60 * mm),
    ]))
    title = ParagraphStyle("title", fontName=fonts.title, fontSize=22, leading=30,
                           alignment=TA_CENTER)
    sub = ParagraphStyle("sub", fontName=fonts.body, fontSize=11, leading=16,
                         alignment=TA_LEFT)
    who = f"（{v.name}）" if v else ""
    story = [CJKParagraph(esc(TITLE), title), Spacer(1, 4 * mm),
             CJKParagraph(esc(_subtitle(v)).replace("\u3000", "\u00a0\u00a0"), sub),
             Spacer(1, 2 * mm), table]
    with atomic_output(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=18 * mm, bottomMargin=15 * mm, title=TITLE + who,
                                creator="社区活动助手", invariant=1)
        doc.build(story)


def export_form_xlsx(target: Path | str, v: VolunteerRecord | None,
                     team_kinds: list[str] | None = None) -> None:
    boxes, heights = form_boxes(v, team_kinds or [])
    wb = Workbook()
    ws = wb.active
    ws.title = "登记表"
    for i, w in enumerate(WIDTHS_MM, 1):
        ws.column_dimensions[get_column_letter(i)].width = w * 0.42  # mm -> character units
    ws.page_setup.paperSize = "9"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    last = get_column_letter(len(WIDTHS_MM))
    ws.merge_cells(f"A1:{last}1")
    cell = set_text(ws["A1"], TITLE)
    cell.font, cell.alignment = TITLE_FONT, CENTER
    ws.row_dimensions[1].height = 40
    ws.merge_cells(f"A2:{last}2")
    set_text(ws["A2"], _subtitle(v)).font = FONT
    top = 3  # the grid starts on this sheet row
    for r, h in enumerate(heights):
        ws.row_dimensions[top + r].height = h * 0.9 * 72 / 25.4  # mm -> points, a little less
        for c in range(len(WIDTHS_MM)):
            ws.cell(row=top + r, column=c + 1).border = BORDER
    for b in boxes:
        cell = ws.cell(row=top + b.row, column=b.col + 1)
        set_text(cell, b.text or None)
        cell.font = HEADER_FONT if b.label else FONT
        cell.alignment = CENTER if b.label else LEFT
        if b.row in (9, 10) and not b.label:
            cell.alignment = Alignment(horizontal="right", vertical="bottom", wrap_text=True)
        if b.cols > 1 or b.rows > 1:
            ws.merge_cells(start_row=top + b.row, start_column=b.col + 1,
                           end_row=top + b.row + b.rows - 1, end_column=b.col + b.cols)
    ws.cell(row=top + 2, column=2).number_format = "@"  # the ID number keeps every digit
    ws.cell(row=top + 3, column=2).number_format = "@"
    if v is None:  # drop-downs where the choices are fixed
        for cell_ref, choices in (("D3", ("男", "女")), ("B4", POLITICAL)):
            dv = DataValidation(type="list", allow_blank=True,
                                formula1='"' + ",".join(list_choice(c) for c in choices) + '"')
            ws.add_data_validation(dv)
            dv.add(cell_ref)
    with atomic_output(target) as tmp:
        wb.save(tmp)
