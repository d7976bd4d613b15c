"""Moving a plan to another year: festival plans follow the festival, others move whole years."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.plans.festivals import festival_date
from models.plans.records import (
    AgendaRow,
    BudgetRow,
    MaterialRow,
    PhaseRow,
    PhaseTaskRow,
    PlanRecord,
    PublicityRow,
)
from models.plans.service import list_plans, load_plan, save_plan
from models.plans.templates import (
    TEMPLATE_DIR,
    TemplateError,
    _all_dates,
    copy_plan_to_year,
    load_template,
    move_to_year,
    plan_year,
)


def double_ninth_2025() -> PlanRecord:
    day = festival_date("double_ninth", 2025)
    assert day == date(2025, 10, 29)
    at = datetime.combine(day, datetime.min.time())
    return PlanRecord(
        title="2025年重阳节敬老活动方案", category="重阳敬老", status="已结束",
        festival="double_ninth",
        start=at.replace(hour=8, minute=30), end=at.replace(hour=16),
        reg_start=day - timedelta(days=10), reg_end=day - timedelta(days=4),
        feedback_due=day + timedelta(days=7), issue_date=day - timedelta(days=30),
        summary="去年的总结", agenda=[AgendaRow(at.replace(hour=9, minute=15), at.replace(hour=10),
                                          "登高", "公园", "王")],
        publicity=[PublicityRow("公告栏", "通知", "活动前", "一周前", "李",
                                day - timedelta(days=7))],
        phases=[PhaseRow("总结", day, day + timedelta(days=20), "总结", day + timedelta(days=20),
                         [PhaseTaskRow("回访", day + timedelta(days=5), "张")])],
        budget=[BudgetRow("大巴", 2, "辆", 80000, "社区提供", 150000)],
        materials=[MaterialRow("横幅", "1", "社区提供", "", True)],
    )


def test_festival_plan_moves_onto_the_festival_with_offsets_kept(db_path: Path) -> None:
    old_id = save_plan(double_ninth_2025())
    new_id = copy_plan_to_year(old_id, 2026)
    assert new_id != old_id
    new, old = load_plan(new_id), load_plan(old_id)
    assert new.start == datetime(2026, 10, 18, 8, 30) and new.end == datetime(2026, 10, 18, 16)
    assert new.agenda[0].start == datetime(2026, 10, 18, 9, 15)
    assert new.publicity[0].deadline == date(2026, 10, 11)  # a week before stays a week before
    assert new.phases[0].end == date(2026, 11, 7)  # 20 days after stays so
    assert new.phases[0].tasks[0].deadline == date(2026, 10, 23)
    assert new.reg_start == date(2026, 10, 8) and new.reg_end == date(2026, 10, 14)
    assert new.feedback_due == date(2026, 10, 25) and new.issue_date == date(2026, 9, 18)
    assert new.title == "2026年重阳节敬老活动方案"
    # A new draft: last year's results stay with last year's plan.
    assert new.status == "草稿" and new.summary == ""
    assert new.budget[0].actual_fen is None and not new.materials[0].ready
    assert new.budget[0].unit_price_fen == 80000
    expected_old = double_ninth_2025()
    expected_old.id = old_id
    assert old == expected_old  # the source plan is untouched
    assert len(list_plans()) == 2


def test_plain_plan_moves_by_whole_years_and_feb_29_becomes_feb_28() -> None:
    rec = PlanRecord(title="2024年亲子活动", start=datetime(2024, 2, 29, 9),
                     end=datetime(2024, 2, 29, 11), reg_end=date(2024, 2, 20),
                     issue_date=date(2023, 12, 28))
    moved = move_to_year(rec, 2025)
    assert moved.start == datetime(2025, 2, 28, 9) and moved.end == datetime(2025, 2, 28, 11)
    assert moved.reg_end == date(2025, 2, 20) and moved.issue_date == date(2024, 12, 28)
    assert moved.title == "2025年亲子活动"
    assert rec.start == datetime(2024, 2, 29, 9) and rec.title == "2024年亲子活动"  # pure
    assert move_to_year(rec, 2028).start == datetime(2028, 2, 29, 9)


def test_copy_of_a_plain_plan_moves_by_one_year(db_path: Path) -> None:
    rec = PlanRecord(title="世界人口日宣传", start=datetime(2025, 7, 11, 9),
                     end=datetime(2025, 7, 11, 11),
                     agenda=[AgendaRow(datetime(2025, 7, 11, 9), datetime(2025, 7, 11, 10),
                                       "宣传")])
    new = load_plan(copy_plan_to_year(save_plan(rec), 2026))
    assert new.start == datetime(2026, 7, 11, 9)
    assert new.agenda[0].end == datetime(2026, 7, 11, 10)
    assert new.title == "世界人口日宣传"


def test_spring_festival_campaign_belongs_to_the_festivals_year() -> None:
    # Starts in December 2025 for the Spring Festival of 2026 (17 February).
    rec = PlanRecord(title="2026年春节送温暖活动方案", festival="spring_festival",
                     start=datetime(2025, 12, 1, 9), end=datetime(2026, 3, 5, 17),
                     phases=[PhaseRow("摸底", date(2025, 12, 1), date(2025, 12, 20),
                                      report_due=date(2025, 12, 20))])
    assert plan_year(rec) == 2026
    moved = move_to_year(rec, 2027)
    shift = festival_date("spring_festival", 2027) - festival_date("spring_festival", 2026)
    assert shift == timedelta(days=354)  # 2027's Spring Festival comes 11 days earlier
    assert moved.start == datetime(2026, 11, 20, 9)
    assert moved.phases[0].report_due == date(2026, 12, 9)
    assert moved.title == "2027年春节送温暖活动方案"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("2025—2026年度志愿服务计划", "2026—2027年度志愿服务计划"),
     ("2025年社区5091人口普查宣传", "2026年社区5091人口普查宣传"),
     ("第2025期", "第2025期")],
)
def test_title_years(title: str, expected: str) -> None:
    rec = PlanRecord(title=title, start=datetime(2025, 5, 1, 9))
    assert move_to_year(rec, 2026).title == expected


def test_plan_without_dates_and_bad_year() -> None:
    rec = PlanRecord(title="未定日期")
    assert move_to_year(rec, 2026) == rec
    with pytest.raises(TemplateError, match="年份"):
        move_to_year(rec, 99999)


def test_copy_of_a_missing_plan_is_refused(db_path: Path) -> None:
    from models.plans.service import PlanNotFound

    with pytest.raises(PlanNotFound):
        copy_plan_to_year(404, 2026)
    assert list_plans() == []


# --- properties over every built-in template -------------------------------------------------

TEMPLATES = {p.stem: load_template(p.stem) for p in sorted(TEMPLATE_DIR.glob("*.json"))}


def _days(rec: PlanRecord) -> list[date]:
    return [d.date() if isinstance(d, datetime) else d for d in _all_dates(rec)]


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(sorted(TEMPLATES)), year=st.integers(1950, 2090))
def test_there_and_back_again(key: str, year: int) -> None:
    rec = TEMPLATES[key]
    home = plan_year(rec)
    assert home is not None
    moved = move_to_year(rec, year)
    assert plan_year(moved) == year
    assert move_to_year(moved, home) == rec
    before, after = _days(rec), _days(moved)
    if rec.festival:
        # Every date keeps its distance from every other one.
        assert [(b - before[0]) for b in before] == [(a - after[0]) for a in after]
    else:
        assert all((a.month, a.day) == (b.month, b.day) for a, b in zip(after, before, strict=True))
