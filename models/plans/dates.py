"""Dates that move together: when the activity's day changes, every other dated part of the plan
(agenda, registration window, publicity deadlines, phases and their tasks, 成文日期, feedback
due date) can move by the same number of days, so "a week before" stays a week before.

The offset is counted in days, never in months or years: 31 January + 1 day is 1 February,
28 February 2028 + 1 day is 29 February (a leap year), and a plan moved from one 重阳节 to the
next keeps every distance from the day itself. Times of day are kept. Pure functions: nothing
here reads or writes the data file.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import Any

from models.plans.festivals import FESTIVALS, FestivalError, festival_date
from models.plans.records import PlanRecord, label_of


def day_offset(old: date | None, new: date | None) -> int:
    """Days from old to new (by calendar day: times of day do not count); 0 if either is unset."""
    if old is None or new is None:
        return 0
    return (_day(new) - _day(old)).days


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _shift(obj: Any, delta: timedelta, keep: frozenset[str]) -> Any:
    """A copy of a record or row with every date and datetime moved by delta (fields named in
    keep, at the top level only, stay as they are)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        values = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            values[f.name] = value if f.name in keep else _shift(value, delta, frozenset())
        return type(obj)(**values)
    if isinstance(obj, list):
        return [_shift(x, delta, frozenset()) for x in obj]
    if isinstance(obj, date):  # a datetime is a date too; adding days keeps its time of day
        return obj + delta
    return obj


def shift_plan_dates(rec: PlanRecord, days: int, keep: tuple[str, ...] = ()) -> PlanRecord:
    """A copy of rec with every date moved by `days` (negative: earlier), except the top-level
    fields named in keep (e.g. "start", which the clerk has just set). rec is untouched."""
    moved: PlanRecord = _shift(rec, timedelta(days=days), frozenset(keep))
    return moved


def dated_parts(rec: PlanRecord, keep: tuple[str, ...] = ()) -> list[str]:
    """Labels of the parts of rec holding at least one date (besides the fields in keep), in the
    plan's order: what a shift would move, for the question put to the clerk."""
    found: list[str] = []
    for f in dataclasses.fields(rec):
        if f.name in keep or f.name == "id":
            continue
        value = getattr(rec, f.name)
        if _has_date(value):
            found.append(label_of(PlanRecord, f.name))
    return found


def _has_date(value: Any) -> bool:
    if isinstance(value, date):
        return True
    if isinstance(value, list):
        return any(_has_date(row) for row in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_has_date(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def festival_day_offer(rec: PlanRecord, old_start: date | None) -> date | None:
    """When a festival activity's start moved to another year: that year's festival day, if the
    start is not already on it (None otherwise, or for a plan without a known festival)."""
    if rec.festival not in FESTIVALS or rec.start is None or old_start is None:
        return None
    if rec.start.year == _day(old_start).year:
        return None
    try:
        day = festival_date(rec.festival, rec.start.year)
    except FestivalError:  # a year outside the calendar tables
        return None
    return None if day == rec.start.date() else day


def next_festival_day(key: str, today: date) -> date | None:
    """The festival's next day from today (today itself counts), or None for no known festival."""
    if key not in FESTIVALS:
        return None
    for year in (today.year, today.year + 1):
        try:
            day = festival_date(key, year)
        except FestivalError:
            return None
        if day >= today:
            return day
    return None  # not reached: every festival falls once a year
