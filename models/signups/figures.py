"""Figures for one activity: registered, attended, no-show rate, by age band, sex and building.

Ages are on the activity's date. A walk-in not linked to a resident counts under 未知.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from models.residents.figures import (
    AGE_BANDS,  # the register's bands: an activity and the community compare
)
from models.residents.rules import age_on
from models.signups.records import SignupRecord
from models.signups.rules import ATTENDED, NO_SHOW, REGISTERED, SEATED, WAITLIST

UNKNOWN = "未知"


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for label, lo, hi in AGE_BANDS:
        if lo <= age and (hi is None or age <= hi):
            return label
    return UNKNOWN


@dataclass
class Breakdown:
    """One row of a breakdown: registered and attended for one group."""

    group: str
    registered: int
    attended: int

    @property
    def attendance_rate(self) -> float | None:
        return None if not self.registered else self.attended / self.registered


@dataclass
class ActivityFigures:
    registered: int  # holding a seat: 已报名 + 已签到 + 未到
    attended: int
    no_show: int  # 未到, and 已报名 once the day is over (before it they may still come)
    waitlist: int
    companions: int
    walk_ins: int
    by_age: list[Breakdown] = field(default_factory=list)
    by_sex: list[Breakdown] = field(default_factory=list)
    by_building: list[Breakdown] = field(default_factory=list)

    @property
    def no_show_rate(self) -> float | None:
        return None if not self.registered else self.no_show / self.registered


def _breakdown(seated: Sequence[SignupRecord], key: object,
               order: Sequence[str]) -> list[Breakdown]:
    reg: Counter[str] = Counter()
    att: Counter[str] = Counter()
    for r in seated:
        k = key(r)  # type: ignore[operator]
        reg[k] += 1
        att[k] += r.status == ATTENDED
    groups = [g for g in order if g in reg] + sorted(g for g in reg if g not in order)
    return [Breakdown(g, reg[g], att[g]) for g in groups]


def activity_figures(records: Sequence[SignupRecord], day: date | None, *,
                     today: date | None = None) -> ActivityFigures:
    """From the activity's sign-ups (models.signups.service.list_signups) and its date."""
    from models.residents.service import natural_key  # the register's building order

    seated = [r for r in records if r.status in SEATED]
    attended = sum(r.status == ATTENDED for r in seated)
    over = day is not None and day < (today or date.today())
    no_show = sum(r.status == NO_SHOW or (over and r.status == REGISTERED) for r in seated)

    def age(r: SignupRecord) -> str:
        if r.kept_age_band and not r.birth:  # cleaned: the band kept when the link was removed
            return r.kept_age_band
        return age_band(age_on(r.birth, day) if (r.birth and day) else None)

    buildings = sorted({r.building for r in seated if r.building}, key=natural_key)
    return ActivityFigures(
        registered=len(seated), attended=attended, no_show=no_show,
        waitlist=sum(r.status == WAITLIST for r in records),
        companions=sum(len(r.companions) for r in seated),
        walk_ins=sum(r.walk_in for r in seated),
        by_age=_breakdown(seated, age, [b[0] for b in AGE_BANDS] + [UNKNOWN]),
        by_sex=_breakdown(seated, lambda r: r.gender or UNKNOWN, ["男", "女", UNKNOWN]),
        by_building=_breakdown(seated, lambda r: r.building or UNKNOWN, [*buildings, UNKNOWN]),
    )


__all__ = ["AGE_BANDS", "ActivityFigures", "Breakdown", "activity_figures", "age_band"]
