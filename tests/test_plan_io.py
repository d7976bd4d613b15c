"""Plan <-> JSON data: every field survives, bad data is refused naming the place."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from models.plans.json_form import PlanFormatError, record_from_dict, record_to_dict
from models.plans.records import (
    BudgetRow,
    ContentRow,
    PhaseRow,
    PhaseTaskRow,
    PlanRecord,
)


def sample() -> PlanRecord:
    return PlanRecord(
        title="测试方案", start=datetime(2026, 3, 8, 9, 30), end=datetime(2026, 3, 8, 11, 0, 15),
        reg_end=date(2026, 3, 1), capacity=40, capacity_counts_companions=True, fee_fen=1050,
        content=[ContentRow("甲", "说明", [ContentRow("甲一")])],
        budget=[BudgetRow("茶歇", 2.5, "份", 1000, "赞助", None)],
        phases=[PhaseRow("准备", date(2026, 2, 1), None, "名单", date(2026, 2, 20),
                         [PhaseTaskRow("摸底", date(2026, 2, 10), "王")])],
    )


def test_round_trip_through_json_text() -> None:
    rec = sample()
    data = record_to_dict(rec)
    assert data["start"] == "2026-03-08T09:30"
    assert data["end"] == "2026-03-08T11:00:15"
    assert data["phases"][0]["tasks"][0]["deadline"] == "2026-02-10"
    back = record_from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert back == rec


def test_missing_keys_take_defaults() -> None:
    rec = record_from_dict({"title": "只有标题"})
    assert rec == PlanRecord(title="只有标题")


def test_unknown_keys_are_named() -> None:
    with pytest.raises(PlanFormatError, match="colour"):
        record_from_dict({"title": "x", "colour": "red"})
    with pytest.raises(PlanFormatError, match=r"phases\[0\]\.tasks\[1\]\.whom"):
        record_from_dict({"phases": [{"tasks": [{"task": "a"}, {"task": "b", "whom": "c"}]}]})


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"start": "2026-13-01T09:00"}, "start"),
        ({"reg_end": 20260301}, "reg_end"),
        ({"capacity": "50"}, "capacity"),
        ({"capacity": True}, "capacity"),
        ({"capacity_counts_companions": 1}, "capacity_counts_companions"),
        ({"status": "完成"}, "status"),
        ({"budget": [{"payer": "财政"}]}, r"budget\[0\]\.payer"),
        ({"budget": {"item": "x"}}, "budget"),
        ({"title": None}, "title"),
        ({"content": ["讲座"]}, r"content\[0\]"),
    ],
)
def test_bad_values_are_refused_in_chinese(data: dict, words: str) -> None:
    with pytest.raises(PlanFormatError, match=words) as info:
        record_from_dict(data)
    assert "方案数据" in str(info.value)
