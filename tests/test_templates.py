"""Built-in templates: each loads, is accepted by save_plan, survives JSON and the data file, and
fills the parts its kind of activity needs."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from models.festivals import festival_date
from models.plan_io import record_from_dict, record_to_dict
from models.plan_records import CATEGORIES, PlanRecord
from models.plan_rules import agenda_problems
from models.plans import load_plan, save_plan
from models.templates import (
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
    # Dates that belong to the day of the activity fall inside it.
    assert rec.start.date() <= rec.end.date()
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


def test_unknown_template_is_refused() -> None:
    with pytest.raises(TemplateError, match="找不到模板"):
        load_template("no_such")
    with pytest.raises(TemplateError):
        load_template("../plans")


def test_relief_template_has_phases_with_tasks_and_deadlines() -> None:
    if "spring_relief" not in KEYS:
        pytest.skip("spring_relief not written yet")
    rec = load_template("spring_relief")
    assert rec.festival == "spring_festival"
    assert len(rec.phases) >= 3
    for phase in rec.phases:
        assert phase.start and phase.end and phase.tasks
        assert all(t.deadline for t in phase.tasks)
    assert any(p.report_due == date(2025, 12, 20) for p in rec.phases)
    assert any("礼" in r.text for r in rec.requirements)
    assert rec.leaders and rec.first_responsible
