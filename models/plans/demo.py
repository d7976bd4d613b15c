"""Demo data: the nine built-in templates saved as filled-in plans of one imaginary community.

Used by `main.py demo` and the window's "生成演示数据". The plans sit around 2026 with varied
statuses, so every list, filter and printout has something to show.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from models.datafile.db import database
from models.plans.records import PlanRecord
from models.plans.service import save_plan
from models.plans.templates import plan_from_template

COMMUNITY = "幸福里社区"

# Placeholders of the templates -> names of the demo community, the longest first.
_NAMES: tuple[tuple[str, str], ...] = (
    ("××社区", COMMUNITY),
    ("××街道", "和平街道"),
    ("××区", "城南区"),
    ("××", "城南"),
)

# Made-up people for the leading groups (the templates leave the names blank).
_LEADERS: tuple[str, ...] = ("王建华", "李秀英", "张国强", "刘红梅", "陈志刚", "杨丽娟", "赵文军")


@dataclass(frozen=True)
class DemoPlan:
    key: str
    year: int
    status: str


DEMO_PLANS: tuple[DemoPlan, ...] = (
    DemoPlan("parent_child", 2026, "已结束"),
    DemoPlan("free_clinic", 2026, "已结束"),
    DemoPlan("double_ninth", 2026, "已结束"),
    DemoPlan("party_volunteer", 2026, "已批准"),
    DemoPlan("matchmaking", 2026, "已结束"),
    DemoPlan("civility", 2027, "草稿"),
    DemoPlan("womens_day", 2027, "已提交"),
    DemoPlan("population_day", 2026, "已结束"),
    DemoPlan("spring_relief", 2027, "进行中"),  # runs from December 2026 to March 2027
)

_SUMMARY = (
    "活动按方案如期举行，组织有序，未发生安全事故。参加居民普遍反映内容实用、形式新颖，"
    "希望今后多举办此类活动。不足之处：部分环节时间偏紧，宣传发动还需提前。"
)


def _rename(value: Any) -> Any:
    if isinstance(value, str):
        for placeholder, name in _NAMES:
            value = value.replace(placeholder, name)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            setattr(value, f.name, _rename(getattr(value, f.name)))
        return value
    if isinstance(value, list):
        return [_rename(v) for v in value]
    return value


def demo_plan(item: DemoPlan) -> PlanRecord:
    """One filled-in demo plan (unsaved)."""
    rec: PlanRecord = _rename(plan_from_template(item.key, item.year))
    rec.status = item.status
    for i, leader in enumerate(rec.leaders):
        leader.name = leader.name or _LEADERS[i % len(_LEADERS)]
    done = item.status == "已结束"
    if done:
        rec.summary = _SUMMARY
        for n, line in enumerate(rec.budget):
            # Spend a little under plan, as usually happens; every third line exactly on plan.
            line.actual_fen = line.amount_fen if n % 3 == 0 else line.amount_fen * 9 // 10
    preparing = item.status in ("已批准", "进行中")
    for n, material in enumerate(rec.materials):
        material.ready = done or (preparing and n % 2 == 0)
    return rec


def make_demo() -> list[int]:
    """Save the demo plans into the open data file in one transaction; returns their ids."""
    with database.atomic():
        return [save_plan(demo_plan(item)) for item in DEMO_PLANS]
