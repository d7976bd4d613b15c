"""Dates that move together (models.plans.dates): the shift by days, what it moves, the festival
day offered for a new year and the next festival day for the template dialog."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from models.plans.dates import (
    dated_parts,
    day_offset,
    festival_day_offer,
    next_festival_day,
    shift_plan_dates,
)
from models.plans.records import (
    AgendaRow,
    PhaseRow,
    PhaseTaskRow,
    PlanRecord,
    PublicityRow,
)
from tests.plan_factory import full_plan


def dated_plan(start: datetime) -> PlanRecord:
    return PlanRecord(
        title="端午包粽子", start=start, end=start.replace(hour=11),
        reg_start=date(2026, 1, 20), reg_end=date(2026, 1, 31), feedback_due=date(2026, 2, 28),
        issue_date=date(2026, 1, 15),
        agenda=[AgendaRow(start, start.replace(hour=10), "开场")],
        publicity=[PublicityRow("海报", deadline=date(2026, 1, 25))],
        phases=[PhaseRow("筹备", date(2026, 1, 1), date(2026, 1, 31), report_due=date(2026, 2, 1),
                         tasks=[PhaseTaskRow("订场地", date(2026, 1, 10))])],
    )


def test_every_dated_part_moves_by_the_same_days_across_month_ends() -> None:
    rec = dated_plan(datetime(2026, 2, 1, 9, 30))
    moved = shift_plan_dates(rec, 1)
    assert moved.start == datetime(2026, 2, 2, 9, 30)  # time of day kept
    assert moved.end == datetime(2026, 2, 2, 11, 30)
    assert moved.reg_start == date(2026, 1, 21)
    assert moved.reg_end == date(2026, 2, 1)  # 31 January + 1 day
    assert moved.feedback_due == date(2026, 3, 1)  # 28 February 2026 (common year) + 1 day
    assert moved.issue_date == date(2026, 1, 16)
    assert moved.agenda[0].start == datetime(2026, 2, 2, 9, 30)
    assert moved.agenda[0].end == datetime(2026, 2, 2, 10, 30)
    assert moved.publicity[0].deadline == date(2026, 1, 26)
    phase = moved.phases[0]
    assert (phase.start, phase.end, phase.report_due) == (
        date(2026, 1, 2), date(2026, 2, 1), date(2026, 2, 2))
    assert phase.tasks[0].deadline == date(2026, 1, 11)
    # the original is untouched, and nothing else changed
    assert rec.reg_end == date(2026, 1, 31) and rec.phases[0].tasks[0].deadline == date(2026, 1, 10)
    assert moved.title == rec.title and moved.agenda[0].what == "开场"


def test_leap_days_count_as_days() -> None:
    rec = PlanRecord(start=datetime(2028, 2, 28, 9), reg_end=date(2028, 2, 27),
                     feedback_due=date(2028, 3, 1))
    moved = shift_plan_dates(rec, 1)
    assert moved.start == datetime(2028, 2, 29, 9)
    assert moved.reg_end == date(2028, 2, 28)
    assert moved.feedback_due == date(2028, 3, 2)
    back = shift_plan_dates(PlanRecord(issue_date=date(2028, 3, 1)), -1)
    assert back.issue_date == date(2028, 2, 29)
    # a year later by days: 29 February 2028 + 365 days is 28 February 2029
    moved = shift_plan_dates(PlanRecord(reg_start=date(2028, 2, 29)), 365)
    assert moved.reg_start == date(2029, 2, 28)
    assert day_offset(date(2028, 2, 28), date(2028, 3, 1)) == 2
    assert day_offset(date(2027, 2, 28), date(2027, 3, 1)) == 1


def test_keep_leaves_the_field_the_clerk_set() -> None:
    rec = dated_plan(datetime(2026, 2, 8, 9, 30))
    moved = shift_plan_dates(rec, 7, keep=("start",))
    assert moved.start == rec.start
    assert moved.end == datetime(2026, 2, 15, 11, 30)
    assert moved.agenda[0].start == datetime(2026, 2, 15, 9, 30)


def test_day_offset_ignores_times_and_unset_dates() -> None:
    assert day_offset(datetime(2026, 10, 18, 23, 0), datetime(2026, 10, 19, 1, 0)) == 1
    assert day_offset(datetime(2026, 10, 18, 9), datetime(2027, 10, 8, 9)) == 355
    assert day_offset(None, datetime(2026, 1, 1)) == 0
    assert day_offset(datetime(2026, 1, 1), None) == 0


def test_dated_parts_names_what_would_move() -> None:
    rec = dated_plan(datetime(2026, 2, 1, 9, 30))
    assert dated_parts(rec, keep=("start",)) == [
        "结束时间", "报名开始", "报名截止", "反馈截止", "成文日期", "活动流程", "宣传安排",
        "阶段安排"]
    assert dated_parts(PlanRecord(title="无日期", start=datetime(2026, 1, 1)), ("start",)) == []


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(min_value=-800, max_value=800))
def test_a_shift_and_its_inverse_give_back_the_plan(day: date, days: int) -> None:
    start = datetime(day.year, day.month, day.day, 8, 15)
    rec = dated_plan(start)
    moved = shift_plan_dates(rec, days)
    assert day_offset(rec.start, moved.start) == days
    assert day_offset(rec.phases[0].tasks[0].deadline, moved.phases[0].tasks[0].deadline) == days
    assert shift_plan_dates(moved, -days) == rec


def test_the_full_plan_shifts_every_date_it_holds() -> None:
    rec = full_plan()
    moved = shift_plan_dates(rec, 10)

    def dates(obj: object) -> list[date]:
        if isinstance(obj, date):
            return [obj]
        if isinstance(obj, list):
            return [d for x in obj for d in dates(x)]
        if dataclasses.is_dataclass(obj):
            return [d for f in dataclasses.fields(obj) for d in dates(getattr(obj, f.name))]
        return []

    before, after = dates(rec), dates(moved)
    assert len(before) == len(after) > 5
    assert all(day_offset(a, b) == 10 for a, b in zip(before, after, strict=True))


def test_festival_day_offered_when_the_year_changes() -> None:
    rec = PlanRecord(festival="double_ninth", start=datetime(2027, 10, 18, 9))
    assert festival_day_offer(rec, date(2026, 10, 18)) == date(2027, 10, 8)
    rec.start = datetime(2027, 10, 8, 9)  # already on the day
    assert festival_day_offer(rec, date(2026, 10, 18)) is None
    rec.start = datetime(2026, 10, 20, 9)  # same year: the clerk chose a nearby day
    assert festival_day_offer(rec, date(2026, 10, 18)) is None
    assert festival_day_offer(PlanRecord(start=datetime(2027, 1, 1)), date(2026, 1, 1)) is None


def test_next_festival_day_from_today() -> None:
    assert next_festival_day("double_ninth", date(2026, 12, 2)) == date(2027, 10, 8)
    assert next_festival_day("double_ninth", date(2026, 10, 18)) == date(2026, 10, 18)
    assert next_festival_day("volunteer_day", date(2026, 12, 2)) == date(2026, 12, 5)
    assert next_festival_day("spring_festival", date(2026, 12, 2)) == date(2027, 2, 6)
    assert next_festival_day("", date(2026, 12, 2)) is None
