"""The hand-over sheet (发放签收表) of a campaign: the rows approved for hand-over (已审批) and
those already handed over, with the name (the recipient signs beside it), the ID's last four
digits only, the building, the category, the money, a tall signature column and a date column;
sorted by building or in 姓氏笔画 order. The PDF has the total of each page and the overall total,
the .xlsx the overall total; totals also in capital numerals (壹仟贰佰元整). Goods get their own
sheet: each household with its items, and the count of each item.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from reportlab.lib.units import mm

from exporters.atomic import atomic_output
from exporters.relief.ruled import Col, Sheet, draw
from exporters.sheets.fast_rows import FastRows
from exporters.sheets.layout import (
    Column,
    header_cells,
    row_cells,
    setup_sheet,
    title_cells,
)
from models.common.errors import UserError
from models.common.money import capital_text, parse_money, yuan_text
from models.relief.beneficiaries import list_beneficiaries
from models.relief.records import APPROVED, HANDED_OVER, BeneficiaryRecord, CampaignRecord
from models.relief.service import get_campaign

ORDERS = ("building", "strokes")
MONEY_COLS = [Col("序号", 9), Col("姓名", 20), Col("身份证后四位", 22), Col("楼栋", 13),
              Col("类别", 24), Col("金额（元）", 18), Col("签名", 0), Col("日期", 18)]
GOODS_COLS = [Col("序号", 9), Col("姓名", 20), Col("身份证后四位", 22), Col("楼栋", 13),
              Col("慰问品", 0, "L"), Col("签名", 32), Col("日期", 18)]


def doc_title(title: str, what: str) -> str:
    """"…走访慰问" + "慰问金发放签收表" without 慰问 twice."""
    if what.startswith("慰问") and title.endswith("慰问"):
        title = title[:-2]
    return title + what


def last_four(id_number: str) -> str:
    return id_number[-4:] if len(id_number) >= 4 else ""


def handover_list(campaign_id: int, order: str = "building") -> tuple[CampaignRecord,
                                                                      list[BeneficiaryRecord]]:
    if order not in ORDERS:
        raise UserError("排序只能按楼栋（building）或姓氏笔画（strokes）。")
    rec = get_campaign(campaign_id)
    rows = [r for r in list_beneficiaries(campaign_id, order=order)
            if r.status in (APPROVED, HANDED_OVER)]
    if not rows:
        raise UserError(f"“{rec.title}”还没有审批通过的慰问对象，无可发放。")
    return rec, rows


def money_rows(rows: list[BeneficiaryRecord]) -> list[list[str]]:
    return [[str(i), r.name, last_four(r.id_number), r.building, r.category,
             yuan_text(r.amount_fen), "", ""] for i, r in enumerate(rows, 1)]


def goods_rows(rec: CampaignRecord, rows: list[BeneficiaryRecord]) -> list[list[str]]:
    goods = {c.id: c.goods_text for c in rec.categories}
    mine = [r for r in rows if goods[r.category_id]]
    return [[str(i), r.name, last_four(r.id_number), r.building, goods[r.category_id], "", ""]
            for i, r in enumerate(mine, 1)]


def goods_count(rec: CampaignRecord, rows: list[BeneficiaryRecord]) -> Counter[str]:
    cats = {c.id: c for c in rec.categories}
    count: Counter[str] = Counter()
    for r in rows:
        for item, _value in cats[r.category_id].goods:
            count[item] += 1
    return count


def total_line(fen: int) -> str:
    return f"人民币（大写）{capital_text(fen)}　¥{yuan_text(fen)}"


def _sum(rows: list[list[str]]) -> int:
    return sum(parse_money(r[5]) for r in rows)


def _page_total(rows: list[list[str]]) -> list[str]:
    fen = _sum(rows)
    return ["本页小计", yuan_text(fen), capital_text(fen)]


def export_handover_pdf(campaign_id: int, target: Path | str, order: str = "building") -> int:
    """Returns the number of pages (money, then goods if any category gives goods)."""
    rec, rows = handover_list(campaign_id, order)
    money = [r for r in money_rows(rows) if parse_money(r[5])]
    sub = f"发放单位：{rec.issuer or '社区居民委员会'}　　资金来源：{rec.funds_source or '—'}"
    total = _sum(money)
    sheets = []
    if money:
        sheets.append(Sheet(doc_title(rec.title, "慰问金发放签收表"), sub, MONEY_COLS, money,
                            row_h=12 * mm, page_total=_page_total,
                            end_rows=[["合计", yuan_text(total), capital_text(total)]],
                            spans=(5, 1, 2),
                            after=[f"共 {len(money)} 户（人），合计{total_line(total)}。"],
                            signature=["发放人：＿＿＿＿＿＿　　监督人：＿＿＿＿＿＿"]))
    goods = goods_rows(rec, rows)
    if goods:
        count = goods_count(rec, rows)
        sheets.append(Sheet(doc_title(rec.title, "慰问品发放签收表"), sub, GOODS_COLS, goods,
                            row_h=12 * mm,
                            after=["合计：" + "、".join(f"{k} {v} 份" for k, v in count.items())
                                   + "。"],
                            signature=["发放人：＿＿＿＿＿＿　　监督人：＿＿＿＿＿＿"]))
    if len(sheets) == 1:
        return draw(sheets[0], target)
    return _two(sheets, Path(target))


def _two(sheets: list[Sheet], target: Path) -> int:
    """The money and the goods sheets in one PDF, each numbering its own pages."""
    import tempfile

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, sheet in enumerate(sheets):
            part = Path(tmp) / f"{i}.pdf"
            pages += draw(sheet, part)
            for page in PdfReader(part).pages:
                writer.add_page(page)
        with atomic_output(target) as out, open(out, "wb") as fh:
            writer.write(fh)
    return pages


XLSX_MONEY = [Column("序号", 6, center=True), Column("姓名", 12, center=True),
              Column("身份证后四位", 12, text=True, center=True), Column("楼栋", 8, center=True),
              Column("类别", 14, center=True), Column("金额（元）", 12, center=True),
              Column("签名", 22), Column("日期", 12)]
XLSX_GOODS = [Column("序号", 6, center=True), Column("姓名", 12, center=True),
              Column("身份证后四位", 12, text=True, center=True), Column("楼栋", 8, center=True),
              Column("慰问品", 30), Column("签名", 22), Column("日期", 12)]


def export_handover_xlsx(campaign_id: int, target: Path | str, order: str = "building") -> int:
    """Write-only workbook: 慰问金 (overall total in figures and capitals) and, when any
    category gives goods, 慰问品. The rows go through exporters/sheets/fast_rows.py (styled
    cells one by one cost 9x bare openpyxl at 5,000 rows). Returns the number of money rows."""
    from openpyxl import Workbook

    rec, rows = handover_list(campaign_id, order)
    wb = Workbook(write_only=True)
    money = money_rows(rows)
    ws = wb.create_sheet("慰问金")
    title = doc_title(rec.title, "慰问金发放签收表")
    setup_sheet(ws, XLSX_MONEY, [c.width or 10 for c in XLSX_MONEY], title=title)
    ws.row_dimensions[1].height = 36  # before the row is written (a write-only sheet)
    ws.append(title_cells(ws, title, len(XLSX_MONEY)))
    ws.append(header_cells(ws, XLSX_MONEY))
    body = FastRows(ws, XLSX_MONEY, first=3)
    amount = row_cells(ws, XLSX_MONEY, [None] * len(XLSX_MONEY))[5]
    amount.number_format = "0.00"
    body.styles[5] = amount.style_id  # the amount a number shown with two decimals
    for r, values in zip(rows, money, strict=True):
        # the amount as a number, so the bureau's sums work; rows tall enough to sign
        body.add([*values[:5], r.amount_fen / 100, *values[6:]], height=36)
    total = sum(r.amount_fen for r in rows)
    body.add([None, "合计", None, None, None, total / 100, total_line(total), None], height=36)
    last = len(rows) + 3
    ws.merged_cells.add(f"B{last}:E{last}")
    ws.merged_cells.add(f"G{last}:H{last}")
    sheets = [body]
    goods = goods_rows(rec, rows)
    if goods:
        gs = wb.create_sheet("慰问品")
        gtitle = doc_title(rec.title, "慰问品发放签收表")
        setup_sheet(gs, XLSX_GOODS, [c.width or 10 for c in XLSX_GOODS], title=gtitle)
        gs.row_dimensions[1].height = 36
        gs.append(title_cells(gs, gtitle, len(XLSX_GOODS)))
        gs.append(header_cells(gs, XLSX_GOODS))
        items = FastRows(gs, XLSX_GOODS, first=3)
        for values in goods:
            items.add(values, height=36)
        count = goods_count(rec, rows)
        items.add([None, "合计：" + "、".join(f"{k} {v} 份" for k, v in count.items()),
                   None, None, None, None, None])
        gs.merged_cells.add(f"B{len(goods) + 3}:G{len(goods) + 3}")
        sheets.append(items)
    with atomic_output(target) as tmp:
        wb.save(tmp)
        for part in sheets:
            part.splice(tmp)
    return len(money)
