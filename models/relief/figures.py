"""A campaign's figures and its timeline.

Totals by category count every row not refused or withdrawn (the list as it stands), households
(distinct household keys; a row with no address counts as its own household), people (the
household sizes) and money in fen; the overall line is the sum of the category lines, and the
bureau's summary, the hand-over sheet and the command line all read these.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.relief.beneficiaries import list_beneficiaries
from models.relief.records import ENDED, BeneficiaryRecord
from models.relief.service import get_campaign


@dataclass
class CategoryTotal:
    category: str
    households: int
    people: int
    amount_fen: int


@dataclass
class Step:
    name: str
    due: date
    who: str
    done: date | None
    days_left: int  # negative: late by that many days
    late: bool


def counted(rows: list[BeneficiaryRecord]) -> list[BeneficiaryRecord]:
    return [r for r in rows if r.status not in ENDED]


def totals(campaign_id: int) -> tuple[list[CategoryTotal], CategoryTotal]:
    """One line per category (the campaign's order, empty ones too) and the overall line."""
    rec = get_campaign(campaign_id)
    rows = counted(list_beneficiaries(campaign_id))
    lines = []
    for cat in rec.categories:
        mine = [r for r in rows if r.category_id == cat.id]
        lines.append(CategoryTotal(cat.name, len({r.household or f"#{r.id}" for r in mine}),
                                   sum(r.household_size for r in mine),
                                   sum(r.amount_fen for r in mine)))
    overall = CategoryTotal("合计", sum(x.households for x in lines),
                            sum(x.people for x in lines), sum(x.amount_fen for x in lines))
    return lines, overall


def timeline(campaign_id: int, today: date | None = None) -> list[Step]:
    """Each phase with the days left to its deadline; late when past it and not done."""
    today = today or date.today()
    out = []
    for p in get_campaign(campaign_id).phases:
        left = (p.due - today).days
        out.append(Step(p.name, p.due, p.who, p.done, left, p.done is None and left < 0))
    return out


def step_text(s: Step) -> str:
    if s.done is not None:
        return f"已完成（{s.done:%Y-%m-%d}）"
    if s.late:
        return f"已逾期 {-s.days_left} 天"
    return "今天到期" if s.days_left == 0 else f"还剩 {s.days_left} 天"
