"""What to tell the clerk before a plan is printed: placeholders a template left in (××), a
festival activity whose date is not that year's festival day, and blanks still to fill
(models.plans.blanks)."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

from models.plans.blanks import blank_places
from models.plans.festivals import FESTIVALS, FestivalError, festival_date
from models.plans.records import PlanRecord, label_of

PLACEHOLDER = "××"


def print_warnings(rec: PlanRecord) -> list[str]:
    """Plain Chinese sentences, one a problem; empty when the plan is ready to print."""
    out = []
    places = _placeholder_places(rec)
    if places:
        out.append(f"{'、'.join(places)}中仍有模板占位文字“{PLACEHOLDER}”，请改成实际名称。")
    wrong = festival_mismatch(rec)
    if wrong:
        name, day = wrong
        start = rec.start.date() if rec.start else day
        out.append(f"活动日期{_cn(start)}不是{day.year}年的{name}（{_cn(day)}），请核对。")
    blanks = blank_places(rec)
    if blanks:
        out.append(f"{'、'.join(blanks)}中还有待填写的空白（尚未完成），"
                   "打印后请手工填写，或补全后再打印。")
    return out


def festival_mismatch(rec: PlanRecord) -> tuple[str, date] | None:
    """(festival name, that year's day) when the activity's dates miss its festival."""
    if not rec.festival or rec.start is None:
        return None
    try:
        day = festival_date(rec.festival, rec.start.year)
    except FestivalError:
        return None  # a festival the table does not know: nothing to compare
    first = rec.start.date()
    last = rec.end.date() if rec.end else first
    if first <= day <= last:
        return None
    return FESTIVALS.get(rec.festival, rec.festival), day


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _placeholder_places(rec: PlanRecord) -> list[str]:
    """Labels of the parts holding a placeholder, each once, in the plan's order."""
    found: list[str] = []
    for label in _texts_with(rec, PLACEHOLDER):
        if label not in found:
            found.append(label)
    return found


def _texts_with(obj: Any, needle: str, label: str = "") -> Iterator[str]:
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        here = label or label_of(type(obj), f.name)
        if isinstance(value, list):
            for row in value:
                yield from _texts_with(row, needle, here)
        elif isinstance(value, str) and needle in value:
            yield here
