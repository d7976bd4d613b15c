"""Helpers for sign-up tests: an activity with rules, residents with full IDs and phones."""
from __future__ import annotations

from datetime import date, datetime

from models.common.id_number import check_digit
from models.plans.records import PlanRecord
from models.plans.service import save_plan
from models.residents.service import ResidentRecord, save_resident


def make_activity(title: str = "重阳节登山活动", *, start: datetime = datetime(2026, 10, 29, 9, 0),
                  capacity: int | None = 10, **rules: object) -> int:
    rec = PlanRecord(title=title, start=start, end=start.replace(hour=11),
                     places="社区党群服务中心", capacity=capacity)
    for key, value in rules.items():
        setattr(rec, key, value)
    return save_plan(rec)


def id_for(birth: date, seq: int, male: bool) -> str:
    seq = (seq % 100) * 10 + (1 if male else 2)
    first17 = f"330102{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)


def make_resident(name: str, birth: date | None = date(1960, 5, 1), *, gender: str = "男",
                  phone: str = "", tags: list[str] | None = None, seq: int = 1,
                  building: str = "3幢", id_number: str | None = "auto") -> int:
    if id_number == "auto":
        id_number = id_for(birth, seq, gender == "男") if birth else None
    result = save_resident(ResidentRecord(
        name=name, gender=gender, birth=birth, id_number=id_number, phone=phone,
        building=building, unit="1单元", room=f"{100 + seq}室", tags=list(tags or [])),
        allow_warnings=True)
    assert result.saved, result.problems
    assert result.resident_id is not None
    return result.resident_id
