"""What the plans list shows: the statuses and categories it filters by and its row. Kept apart
from models.plans.records (eighteen record dataclasses, some 10 ms to import), which re-exports
these names, so the window's first paint imports only this (and models.plans.listing).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

STATUSES: tuple[str, ...] = ("草稿", "已提交", "已批准", "进行中", "已结束", "已取消")

CATEGORIES: tuple[str, ...] = (
    "亲子早教",
    "义诊与健康讲座",
    "重阳敬老",
    "党员志愿服务",
    "联谊交友",
    "文明共建",
    "三八妇女节",
    "世界人口日宣传",
    "春节送温暖",
    "其他",
)


@dataclass
class PlanSummary:
    id: int
    title: str
    category: str
    status: str
    kind: str
    start: datetime | None
    updated: datetime | None
