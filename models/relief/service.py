"""Relief campaigns: the API the window, the command line and the exporters use for campaigns,
their categories (with the aid standard), phases and posting period. Beneficiaries are in
models/relief/beneficiaries.py. Every call runs in one transaction and returns plain records
(models/relief/records.py); every change is logged (models/relief/audit.py).
"""
from __future__ import annotations

from datetime import date

from models.common.errors import UserError
from models.common.money import yuan_text
from models.datafile.db import database
from models.plans.tables import Plan
from models.relief import audit
from models.relief.records import (
    BASES,
    CampaignRecord,
    CategoryRecord,
    NewCampaign,
    NewCategory,
    PhaseRecord,
)
from models.relief.tables import ReliefBeneficiary, ReliefCampaign, ReliefCategory, ReliefPhase

RELIEF_PLAN_CATEGORIES = ("春节送温暖",)  # the plans a campaign may be attached to
MIN_POSTING_DAYS = 7


class NotFound(UserError, LookupError):
    pass


def text(value: str, what: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise UserError(f"请填写{what}。")
    return cleaned


def goods_text(goods: list[tuple[str, int]]) -> str:
    return "\n".join(f"{item}|{value}" for item, value in goods)


def read_goods(stored: str) -> list[tuple[str, int]]:
    out = []
    for line in stored.splitlines():
        item, _, value = line.rpartition("|")
        if item:
            out.append((item, int(value or 0)))
    return out


def campaign_row(campaign_id: int) -> ReliefCampaign:
    c = ReliefCampaign.get_or_none(ReliefCampaign.id == campaign_id)
    if c is None:
        raise NotFound(f"找不到编号为 {campaign_id} 的慰问活动。")
    return c


def record(c: ReliefCampaign) -> CampaignRecord:
    cats = [CategoryRecord(k.id, k.name, k.basis, k.amount_fen, read_goods(k.goods))
            for k in ReliefCategory.select().where(ReliefCategory.campaign == c.id).order_by(
                ReliefCategory.position, ReliefCategory.id)]
    phases = [PhaseRecord(p.id, p.name, p.due, p.who, p.done)
              for p in ReliefPhase.select().where(ReliefPhase.campaign == c.id).order_by(
                  ReliefPhase.due, ReliefPhase.position, ReliefPhase.id)]
    return CampaignRecord(c.id, c.title, c.plan_id, c.start, c.end, c.funds_fen, c.funds_source,
                          c.issuer, c.posting_start, c.posting_days, c.objection_contact,
                          c.early_handover_reason, cats, phases)


def _check_category(new: NewCategory) -> None:
    text(new.name, "慰问类别名称")
    if new.basis not in BASES:
        raise UserError(f"慰问标准只能按{'或'.join(BASES)}计。")
    if new.amount_fen < 0 or any(v < 0 for _item, v in new.goods):
        raise UserError("慰问金额不能是负数。")
    if not new.amount_fen and not new.goods:
        raise UserError(f"“{new.name}”请填写慰问金额或慰问品。")


def check_new_campaign(new: NewCampaign) -> None:
    """What create_campaign refuses before it reads the file (a form checks it on 确定)."""
    text(new.title, "慰问活动名称")
    if new.end < new.start:
        raise UserError("慰问活动的结束日期早于开始日期，请检查。")
    names = [text(c.name, "慰问类别名称") for c in new.categories]
    if not names:
        raise UserError("请至少填写一个慰问类别（如 低保户、困难党员）。")
    if len(set(names)) != len(names):
        raise UserError("慰问类别有重复，请检查。")
    for cat in new.categories:
        _check_category(cat)
    if new.funds_fen < 0:
        raise UserError("资金不能是负数。")


def create_campaign(new: NewCampaign) -> CampaignRecord:
    check_new_campaign(new)
    title = text(new.title, "慰问活动名称")
    names = [c.name.strip() for c in new.categories]
    with database.atomic():
        if new.plan_id is not None:
            plan = Plan.get_or_none(Plan.id == new.plan_id)
            if plan is None:
                raise NotFound(f"找不到编号为 {new.plan_id} 的活动方案。")
            if plan.category not in RELIEF_PLAN_CATEGORIES:
                raise UserError(f"“{plan.title}”不是慰问类活动方案（活动类别为“{plan.category}”），"
                                "慰问活动只能挂在“春节送温暖”类方案下。")
        c = ReliefCampaign.create(plan=new.plan_id, title=title, start=new.start, end=new.end,
                                  funds_fen=new.funds_fen, funds_source=new.funds_source.strip(),
                                  issuer=new.issuer.strip(),
                                  objection_contact=new.objection_contact.strip())
        for i, cat in enumerate(new.categories):
            ReliefCategory.create(campaign=c.id, position=i, name=cat.name.strip(),
                                  basis=cat.basis, amount_fen=cat.amount_fen,
                                  goods=goods_text(cat.goods))
        for i, ph in enumerate(new.phases):
            ReliefPhase.create(campaign=c.id, position=i, name=text(ph.name, "阶段名称"),
                               due=ph.due, who=ph.who.strip())
        audit.write("新建慰问活动", campaign_id=c.id, subject=title,
                    new=f"{len(names)} 个类别，资金 {yuan_text(new.funds_fen)} 元")
        return record(c)


def get_campaign(campaign_id: int) -> CampaignRecord:
    with database.atomic():
        return record(campaign_row(campaign_id))


def list_campaigns() -> list[CampaignRecord]:
    with database.atomic():
        return [record(c) for c in ReliefCampaign.select().order_by(ReliefCampaign.id)]


def delete_campaign(campaign_id: int) -> None:
    """Only a campaign with no beneficiary may go (its log stays in any case)."""
    with database.atomic():
        c = campaign_row(campaign_id)
        if ReliefBeneficiary.select().where(ReliefBeneficiary.campaign == c.id).exists():
            raise UserError(f"“{c.title}”已有慰问对象，不能删除（钱物往来须可追溯）。")
        audit.write("删除慰问活动", campaign_id=c.id, subject=c.title, old=c.title)
        c.delete_instance()


def set_posting(campaign_id: int, start: date, days: int = MIN_POSTING_DAYS,
                contact: str | None = None) -> CampaignRecord:
    """The posting period (公示期) of the list: at least seven days."""
    if days < MIN_POSTING_DAYS:
        raise UserError(f"公示期不少于 {MIN_POSTING_DAYS} 天。")
    with database.atomic():
        c = campaign_row(campaign_id)
        before = f"{c.posting_start or '未定'}起 {c.posting_days} 天"
        c.posting_start, c.posting_days = start, days
        if contact is not None:
            c.objection_contact = contact.strip()
        c.save()
        audit.write("公示期", campaign_id=c.id, subject=c.title, old=before,
                    new=f"{start}起 {days} 天")
        return record(c)


def allow_early_handover(campaign_id: int, reason: str) -> CampaignRecord:
    """Record why hand-over may start before the posting period has ended."""
    why = text(reason, "提前发放的原因")
    with database.atomic():
        c = campaign_row(campaign_id)
        old = c.early_handover_reason
        c.early_handover_reason = why
        c.save()
        audit.write("提前发放", campaign_id=c.id, subject=c.title, old=old, new=why, why=why)
        return record(c)


def set_phase_done(phase_id: int, done: date | None) -> CampaignRecord:
    with database.atomic():
        p = ReliefPhase.get_or_none(ReliefPhase.id == phase_id)
        if p is None:
            raise NotFound(f"找不到编号为 {phase_id} 的阶段。")
        old = p.done
        p.done = done
        p.save()
        audit.write("阶段完成", campaign_id=p.campaign_id, subject=p.name,
                    old=str(old or "未完成"), new=str(done or "未完成"))
        return record(p.campaign)
