"""Checks on a campaign's beneficiaries, each with the reason shown to the clerk:
- the same household twice in this campaign (under two categories, or twice in one);
- a person no longer living here (the resident is in the recycle bin, or the register says
  迁出 or 死亡);
- aid received in another campaign this year (handed over there);
- a household flagged for a false report in last year's campaigns.
Rows refused or withdrawn are left out on both sides. Nothing here changes the data.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models.datafile.db import database
from models.relief.records import ENDED, HANDED_OVER
from models.relief.service import campaign_row
from models.relief.tables import ReliefBeneficiary, ReliefCampaign, ReliefCategory
from models.residents.tables import Resident


@dataclass
class Finding:
    beneficiary_id: int
    name: str
    kind: str  # 重复 / 已迁出 / 本年已受助 / 上年虚报
    reason: str


def check_campaign(campaign_id: int) -> list[Finding]:
    out: list[Finding] = []
    with database.atomic():
        c = campaign_row(campaign_id)
        rows = list(ReliefBeneficiary.select(ReliefBeneficiary, ReliefCategory.name)
                    .join(ReliefCategory).where((ReliefBeneficiary.campaign == c.id)
                                                & ReliefBeneficiary.status.not_in(list(ENDED)))
                    .order_by(ReliefBeneficiary.id))
        by_household: dict[str, list[ReliefBeneficiary]] = defaultdict(list)
        for b in rows:
            if b.household:
                by_household[b.household].append(b)
        for key, same in by_household.items():
            if len(same) < 2:
                continue
            for b in same:
                others = "、".join(f"{o.name}（{o.category.name}）" for o in same if o.id != b.id)
                out.append(Finding(b.id, b.name, "重复",
                                   f"与{others}同属一户（{key}），同一户在本次活动中只应慰问一次。"))
        ids = [b.resident_id for b in rows if b.resident_id]
        gone = {r.id: r for r in Resident.select(Resident.id, Resident.deleted, Resident.status,
                                                 Resident.left_on)
                .where(Resident.id.in_(ids) & (Resident.deleted | (Resident.status != "在册")))}
        for b in rows:
            r = gone.get(b.resident_id) if b.resident_id is not None else None
            if r is not None:
                out.append(Finding(b.id, b.name, _gone_kind(r), _gone_reason(b.name, r)))
        keys = list(by_household)
        out += _elsewhere(c, rows, keys)
    return out


def _gone_kind(r: Resident) -> str:
    return "已去世" if not r.deleted and r.status == "死亡" else "已迁出"


def _gone_reason(name: str, r: Resident) -> str:
    if r.deleted:
        return f"{name}已不在居民名册中（已移入回收站），请核实是否仍住在本社区。"
    when = f"{r.left_on.year}年{r.left_on.month}月{r.left_on.day}日" if r.left_on else ""
    if r.status == "死亡":
        return f"居民名册记载{name}已于{when}去世，请核实。" if when else \
            f"居民名册记载{name}已去世，请核实。"
    return f"居民名册记载{name}已于{when}迁出，请核实是否仍住在本社区。" if when else \
        f"居民名册记载{name}已迁出，请核实是否仍住在本社区。"


def _elsewhere(c: ReliefCampaign, rows: list[ReliefBeneficiary],
               keys: list[str]) -> list[Finding]:
    year = c.start.year
    q = (ReliefBeneficiary.select(ReliefBeneficiary, ReliefCampaign)
         .join(ReliefCampaign)
         .where((ReliefBeneficiary.campaign != c.id) & ReliefBeneficiary.household.in_(keys)))
    this_year: dict[str, list[str]] = defaultdict(list)
    false_last: dict[str, list[str]] = defaultdict(list)
    for o in q:
        camp = o.campaign
        if camp.start.year == year and o.status == HANDED_OVER:
            this_year[o.household].append(f"“{camp.title}”（{o.name}）")
        if camp.start.year == year - 1 and o.false_report:
            false_last[o.household].append(f"“{camp.title}”（{o.name}）")
    out = []
    for b in rows:
        if b.household in this_year:
            out.append(Finding(b.id, b.name, "本年已受助",
                               f"本户今年已在{'、'.join(this_year[b.household])}中领取慰问。"))
        if b.household in false_last:
            out.append(Finding(b.id, b.name, "上年虚报",
                               f"本户在上年{'、'.join(false_last[b.household])}中被认定虚报，"
                               "按规定今年不予慰问。"))
    return out
