"""The public notice (公示) of a campaign's list: each beneficiary with the name masked, the aid
category (the programme, as notices show it) and the aid; never an ID, a phone, an address, the
household size or the reason. Posting period (at least seven days, first and last day written
out), where and how to object, the rule on false reports, issuer and date.

Rows are those verified and beyond (not proposed, refused or withdrawn), by category, then in
姓氏笔画 order of what the masked name shows (models/common/masking.visible_sort_key: an order on
the hidden character would give it away).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from exporters.pdf.official import cn_date
from exporters.relief.handover import doc_title
from exporters.relief.ruled import Col, Sheet, draw
from models.common.errors import UserError
from models.common.masking import mask_name, visible_sort_key
from models.common.money import yuan_text
from models.relief.beneficiaries import list_beneficiaries
from models.relief.records import ENDED, PROPOSED, CampaignRecord
from models.relief.service import MIN_POSTING_DAYS, get_campaign

COLS = [Col("序号", 14), Col("姓名", 30), Col("慰问类别", 40), Col("慰问金（元）", 28),
        Col("慰问品", 0, "L")]


@dataclass
class Posting:
    start: date
    days: int = MIN_POSTING_DAYS
    contact: str = ""

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)


def campaign_posting(rec: CampaignRecord, start: date | None = None, days: int | None = None,
                     contact: str | None = None) -> Posting:
    """The campaign's posting period, with what the caller gives instead."""
    first = start or rec.posting_start
    if first is None:
        raise UserError(f"“{rec.title}”还没有设定公示期，请先设定公示开始日期（公示不少于 7 天）。")
    p = Posting(first, days or rec.posting_days, rec.objection_contact if contact is None
                else contact.strip())
    if p.days < MIN_POSTING_DAYS:
        raise UserError(f"公示期不少于 {MIN_POSTING_DAYS} 天。")
    return p


def notice_rows(campaign_id: int) -> list[list[str]]:
    rec = get_campaign(campaign_id)
    order = {c.id: i for i, c in enumerate(rec.categories)}
    goods = {c.id: c.goods_text for c in rec.categories}
    shown = [r for r in list_beneficiaries(campaign_id)
             if r.status not in ENDED and r.status != PROPOSED]
    keyed = []
    for r in shown:
        masked = mask_name(r.name)
        keyed.append(((order[r.category_id], visible_sort_key(masked), r.amount_fen),
                      [masked, r.category, yuan_text(r.amount_fen), goods[r.category_id]]))
    keyed.sort(key=lambda kv: kv[0])
    return [[str(i), *values] for i, (_k, values) in enumerate(keyed, 1)]


def notice_texts(rec: CampaignRecord, posting: Posting) -> list[str]:
    who = rec.issuer or "社区居民委员会"
    where = f"向{posting.contact}" if posting.contact else f"向{who}"
    return [
        f"公示期：{cn_date(posting.start)}至{cn_date(posting.end)}，共 {posting.days} 天。",
        f"公示期间，对名单有异议的，请于{cn_date(posting.end)}前以书面形式或当面{where}反映，"
        "反映情况须实事求是，并写明或说明本人姓名和联系方式，以便核实答复。",
        "慰问对象经查实虚报、瞒报家庭情况的，收回已发放的慰问金和慰问品，次年不予慰问。",
    ]


def export_notice_pdf(campaign_id: int, target: Path | str, posting: Posting | None = None) -> int:
    """Returns the number of pages."""
    rec = get_campaign(campaign_id)
    posting = posting or campaign_posting(rec)
    rows = notice_rows(campaign_id)
    if not rows:
        raise UserError(f"“{rec.title}”还没有核实过的慰问对象，无可公示。")
    sheet = Sheet(
        title=f"{rec.title}名单公示", sub="", cols=COLS, rows=rows,
        before=[f"经入户摸底、审核，现将{doc_title(rec.title, '慰问对象名单')}予以公示，"
                f"共 {len(rows)} 户（人），接受群众监督。"],
        after=notice_texts(rec, posting),
        signature=[rec.issuer or "社区居民委员会", cn_date(posting.start)])
    return draw(sheet, target)
