"""Plans round-trip through the data file with every part; filters find them."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from models.plans.records import (
    PART_ROWS,
    AgendaRow,
    BudgetRow,
    ContentRow,
    PhaseRow,
    PhaseTaskRow,
    PlanRecord,
)
from models.plans.rules import agenda_problems, budget_totals, parse_yuan, yuan
from models.plans.service import (
    PlanError,
    PlanNotFound,
    delete_plan,
    list_plans,
    load_plan,
    save_plan,
)


def full_plan() -> PlanRecord:
    rec = PlanRecord(title="重阳节敬老活动方案", category="重阳敬老", theme="九九重阳 情暖夕阳",
                     start=datetime(2026, 10, 18, 9, 0), end=datetime(2026, 10, 18, 16, 0),
                     festival="double_ninth", capacity=50, min_age=50, max_age=80,
                     companion_age=70, fee_fen=10000, issuer="某某社区居委会",
                     issue_date=date(2026, 9, 20))
    for attr, row_type in PART_ROWS.items():
        row = row_type()
        first = next(f for f in row.__dataclass_fields__ if f not in {"children", "tasks"})
        if isinstance(getattr(row, first), str) or getattr(row, first) is None:
            setattr(row, first, f"{attr}-甲") if isinstance(getattr(row, first), str) else None
        setattr(rec, attr, [row])
    rec.content = [ContentRow("健康讲座", "请医生讲解", [ContentRow("血压测量", "")]),
                   ContentRow("游园")]
    rec.agenda = [AgendaRow(datetime(2026, 10, 18, 9), datetime(2026, 10, 18, 10), "集合", "广场",
                            "王")]
    rec.phases = [PhaseRow("准备阶段", date(2026, 9, 1), date(2026, 9, 30), "名单",
                           date(2026, 9, 30), [PhaseTaskRow("摸底", date(2026, 9, 10), "李")])]
    rec.budget = [BudgetRow("午餐", 50, "份", 2000, "社区提供", 98000),
                  BudgetRow("大巴", 2, "辆", 80000, "自筹", None)]
    return rec


def test_round_trip_keeps_every_part(db_path: Path) -> None:
    rec = full_plan()
    plan_id = save_plan(rec)
    back = load_plan(plan_id)
    assert back == rec
    assert back.content[0].children[0].title == "血压测量"
    assert back.phases[0].tasks[0].task == "摸底"


def test_update_replaces_parts_and_keeps_id(db_path: Path) -> None:
    rec = full_plan()
    plan_id = save_plan(rec)
    rec.risks = []
    rec.title = "改过的标题"
    assert save_plan(rec) == plan_id
    back = load_plan(plan_id)
    assert back.risks == [] and back.title == "改过的标题"


def test_invalid_plans_are_refused(db_path: Path) -> None:
    with pytest.raises(PlanError, match="标题"):
        save_plan(PlanRecord(title="  "))
    with pytest.raises(PlanError, match="早于"):
        save_plan(PlanRecord(title="x", start=datetime(2026, 1, 2), end=datetime(2026, 1, 1)))
    assert list_plans() == []


def test_filters(db_path: Path) -> None:
    save_plan(full_plan())
    save_plan(PlanRecord(title="春节送温暖", category="春节送温暖", status="已批准",
                         start=datetime(2025, 1, 20, 9)))
    assert [p.title for p in list_plans("温暖")] == ["春节送温暖"]
    assert [p.title for p in list_plans(status="已批准")] == ["春节送温暖"]
    assert [p.title for p in list_plans(year=2026)] == ["重阳节敬老活动方案"]
    assert [p.title for p in list_plans(category="重阳敬老")] == ["重阳节敬老活动方案"]


def test_delete_and_missing(db_path: Path) -> None:
    plan_id = save_plan(full_plan())
    delete_plan(plan_id)
    with pytest.raises(PlanNotFound):
        load_plan(plan_id)


def test_budget_totals_by_payer() -> None:
    totals = budget_totals(full_plan().budget)
    assert totals.planned_fen == 50 * 2000 + 2 * 80000
    assert totals.by_payer == {"社区提供": 100000, "自筹": 160000}
    assert totals.actual_fen == 98000
    assert yuan(totals.planned_fen) == "2600.00"
    assert parse_yuan("１２３.5元") == 12350
    with pytest.raises(ValueError, match="金额"):
        parse_yuan("abc")


def test_agenda_problems() -> None:
    rec = full_plan()
    d = datetime(2026, 10, 18)
    rec.agenda = [
        AgendaRow(d.replace(hour=9), d.replace(hour=10), "集合", "广场"),
        AgendaRow(d.replace(hour=9, minute=30), d.replace(hour=11), "讲座", "广场"),
        AgendaRow(d.replace(hour=12), d.replace(hour=11), "午餐", "食堂"),
        AgendaRow(d.replace(hour=15), d.replace(hour=17), "游园", "公园"),
    ]
    messages = [p.message for p in agenda_problems(rec)]
    assert "第2行与第1行时间重叠。" in messages
    assert "第3行：结束时间应晚于开始时间。" in messages
    assert "第4行：结束时间晚于活动结束时间。" in messages
    assert len(messages) == 3
