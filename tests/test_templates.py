"""Built-in templates: each loads, is accepted by save_plan, survives JSON and the data file, and
fills the parts its kind of activity needs."""
from __future__ import annotations

import json
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from models.plans.festivals import festival_date
from models.plans.json_form import record_from_dict, record_to_dict
from models.plans.records import CATEGORIES
from models.plans.rules import agenda_problems
from models.plans.service import load_plan, save_plan
from models.plans.templates import (
    TEMPLATE_DIR,
    TemplateError,
    list_templates,
    load_template,
    plan_from_template,
    plan_year,
)

KEYS = sorted(p.stem for p in TEMPLATE_DIR.glob("*.json"))

# Parts each kind of activity is expected to fill (beyond title, dates, organisers, issuer).
NEEDS: dict[str, list[str]] = {
    "parent_child": ["content", "agenda", "staff", "materials", "risks", "feedback", "budget"],
    "free_clinic": ["content", "agenda", "staff", "materials", "publicity", "highlights", "budget"],
    "double_ninth": ["content", "agenda", "groups", "budget", "risks", "awards", "attachments"],
    "party_volunteer": ["groups", "agenda", "materials", "requirements", "leaders"],
    "matchmaking": ["content", "agenda", "budget", "risks", "staff"],
    "civility": ["content", "groups", "phases", "awards", "requirements", "leaders"],
    "womens_day": ["content", "agenda", "budget", "awards", "materials"],
    "population_day": ["content", "requirements", "attachments"],
    "spring_relief": ["phases", "leaders", "requirements", "attachments", "budget"],
}


def test_one_template_per_kind_of_activity() -> None:
    infos = list_templates()
    assert [i.category for i in infos] == [c for c in CATEGORIES if c != "其他"]
    assert set(KEYS) == set(NEEDS)


def test_population_day_is_a_notice_with_recipients() -> None:
    rec = load_template("population_day")
    assert rec.kind == "notice"
    assert rec.recipients.endswith("：") and rec.attachments and len(rec.requirements) >= 3


def test_double_ninth_eligibility() -> None:
    rec = load_template("double_ninth")
    assert rec.festival == "double_ninth" and rec.start
    assert rec.start.date() == festival_date("double_ninth", rec.start.year)
    assert (rec.min_age, rec.companion_age) == (50, 70)
    assert rec.capacity and rec.fee_fen > 0 and rec.reg_end and rec.reg_end < rec.start.date()


def test_matchmaking_eligibility_and_introductions() -> None:
    rec = load_template("matchmaking")
    assert rec.min_age == 18 and rec.capacity == 50 and rec.fee_fen == 10000
    slot = next(a for a in rec.agenda if "自我介绍" in a.what)
    assert slot.start and slot.end
    assert (slot.start.strftime("%H:%M"), slot.end.strftime("%H:%M")) == ("17:30", "18:30")


def test_listing_is_in_category_order() -> None:
    infos = list_templates()
    assert [i.key for i in infos] and {i.key for i in infos} == set(KEYS)
    ranks = [CATEGORIES.index(i.category) for i in infos]
    assert ranks == sorted(ranks)
    for info in infos:
        assert info.title and info.description and info.kind in ("plan", "notice")


@pytest.mark.parametrize("key", KEYS)
def test_template_is_complete_and_valid(key: str, db_path: Path) -> None:
    rec = load_template(key)
    assert rec.category in CATEGORIES and rec.category != "其他"
    assert rec.issuer and rec.issue_date and rec.start and rec.end
    assert rec.organisers or rec.kind == "notice"
    for part in NEEDS[key]:
        assert getattr(rec, part), f"{key}: {part} is empty"
    assert agenda_problems(rec) == []
    # Built-in agendas run one slot after another.
    for prev, slot in pairwise(rec.agenda):
        assert prev.end and slot.start and prev.end <= slot.start, f"{key}: {slot.what}"
    # Dates agree with one another, as a clerk would check before printing.
    assert rec.start <= rec.end and rec.issue_date <= rec.start.date()
    one_day = rec.start.date() == rec.end.date()
    if rec.reg_end:
        # A one-day activity closes registration before the day; a campaign may take
        # applications while it runs (the relief visits do).
        last = rec.start.date() if one_day else rec.end.date()
        assert rec.reg_end <= last and rec.reg_start and rec.reg_start <= rec.reg_end
    if rec.feedback_due:
        assert rec.feedback_due >= rec.start.date()
    for item in rec.publicity:
        assert item.deadline, f"{key}: {item.channel}"
        if not one_day:
            assert rec.start.date() <= item.deadline <= rec.end.date(), f"{key}: {item.channel}"
        elif item.stage == "活动前":
            assert item.deadline <= rec.start.date(), f"{key}: {item.channel}"
        elif item.stage == "活动后":
            assert item.deadline >= rec.end.date(), f"{key}: {item.channel}"
    for phase in rec.phases:
        assert phase.start and phase.end and phase.start <= phase.end
        assert phase.report_due and phase.report_due >= phase.start
        for task in phase.tasks:
            assert task.deadline and phase.start <= task.deadline <= phase.report_due
    for line in rec.budget:
        assert line.quantity > 0 and line.unit_price_fen >= 0 and line.unit
    # save_plan accepts it and the data file gives it back unchanged.
    plan_id = save_plan(rec)
    back = load_plan(plan_id)
    assert back == rec


@pytest.mark.parametrize("key", KEYS)
def test_template_round_trips_through_json(key: str) -> None:
    rec = load_template(key)
    text = json.dumps(record_to_dict(rec), ensure_ascii=False)
    assert record_from_dict(json.loads(text)) == rec


@pytest.mark.parametrize("key", KEYS)
def test_plan_from_template_is_a_draft_in_the_asked_year(key: str) -> None:
    tpl = load_template(key)
    rec = plan_from_template(key, 2029)
    assert rec.id is None and rec.status == "草稿"
    assert rec.start is not None and tpl.start is not None
    if rec.festival:
        tpl_year = plan_year(tpl)
        assert tpl_year is not None
        shift = festival_date(rec.festival, 2029) - festival_date(tpl.festival, tpl_year)
        assert rec.start - tpl.start == shift
    else:
        assert rec.start == tpl.start.replace(year=2029)
    assert "2029" in rec.title or not any(c.isdigit() for c in tpl.title)
    assert rec.start.time() == tpl.start.time()


@pytest.mark.parametrize("key", [k for k in KEYS if load_template(k).festival])
def test_festival_templates_fall_on_their_festival(key: str) -> None:
    rec = load_template(key)
    assert rec.start and rec.end
    year = plan_year(rec)
    assert year is not None
    day = festival_date(rec.festival, year)
    if rec.start.date() == rec.end.date():
        assert rec.start.date() == day
    else:  # a campaign: the festival falls inside it
        assert rec.start.date() <= day <= rec.end.date()


def test_unknown_template_is_refused() -> None:
    with pytest.raises(TemplateError, match="找不到模板"):
        load_template("no_such")
    with pytest.raises(TemplateError):
        load_template("../plans")


def test_relief_template_has_phases_with_tasks_and_deadlines() -> None:
    rec = load_template("spring_relief")
    assert rec.festival == "spring_festival"
    assert len(rec.phases) >= 3
    for phase in rec.phases:
        assert phase.start and phase.end and phase.tasks
        assert all(t.deadline for t in phase.tasks)
    assert any(p.report_due == date(2025, 12, 20) for p in rec.phases)
    assert any("礼" in r.text for r in rec.requirements)
    assert rec.leaders and rec.first_responsible
