"""A plan as plain JSON-ready data and back: for the built-in templates and for files passed around.

Dates and times are ISO strings ("2026-10-18", "2026-10-18T09:00"); nested rows are lists of
objects. Reading is strict: an unknown key, a value of the wrong type or a choice that is not
offered is refused with a message naming the place (e.g. "budget[2].payer"), so a typo in a
template never silently drops content.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from models.common.errors import UserError
from models.plans.records import PART_ROWS, ContentRow, PhaseRow, PhaseTaskRow, PlanRecord

# Row classes whose nested "rows" fields are not listed in PART_ROWS (they are not plan parts).
_NESTED: dict[tuple[type, str], type] = {
    (ContentRow, "children"): ContentRow,
    (PhaseRow, "tasks"): PhaseTaskRow,
}


class PlanFormatError(UserError, ValueError):
    """Plan data that does not fit the record; str() names the offending keys."""


def record_to_dict(rec: PlanRecord) -> dict[str, Any]:
    """Every field of the plan, in declaration order; `id` included (None for an unsaved plan)."""
    return _to_dict(rec)


def _to_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, list):
            out[f.name] = [_to_dict(row) for row in value]
        else:
            out[f.name] = _scalar_out(value)
    return out


def _scalar_out(value: Any) -> Any:
    if isinstance(value, datetime):
        # Minutes are what a plan speaks in; seconds are kept only when present.
        spec = "minutes" if value.second == 0 and value.microsecond == 0 else "seconds"
        return value.isoformat(timespec=spec)
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_from_dict(d: dict[str, Any]) -> PlanRecord:
    """A PlanRecord from data made by record_to_dict (or written by hand); missing keys take
    their defaults."""
    if not isinstance(d, dict):
        raise PlanFormatError("方案数据格式有误：应为一个对象（键值对）。")
    rec = _from_dict(PlanRecord, d, "")
    assert isinstance(rec, PlanRecord)
    return rec


def _from_dict(cls: type, d: Any, where: str) -> Any:
    if not isinstance(d, dict):
        raise PlanFormatError(f"方案数据格式有误：“{where or '方案'}”应为一个对象。")
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = [k for k in d if k not in known]
    if unknown:
        names = "、".join(f"{where}.{k}" if where else str(k) for k in unknown)
        raise PlanFormatError(f"方案数据中有无法识别的项：{names}。")
    kwargs: dict[str, Any] = {}
    for name, value in d.items():
        f = known[name]
        place = f"{where}.{name}" if where else name
        kind = f.metadata.get("kind", "int" if name == "id" else "text")
        if kind == "rows":
            row_cls = PART_ROWS[name] if cls is PlanRecord else _NESTED[(cls, name)]
            if not isinstance(value, list):
                raise PlanFormatError(f"方案数据格式有误：“{place}”应为列表。")
            kwargs[name] = [_from_dict(row_cls, v, f"{place}[{i}]") for i, v in enumerate(value)]
        else:
            kwargs[name] = _scalar_in(value, kind, f, place)
    return cls(**kwargs)


def _nullable(f: dataclasses.Field[Any]) -> bool:
    return f.default is None


def _scalar_in(value: Any, kind: str, f: dataclasses.Field[Any], place: str) -> Any:
    label = f.metadata.get("label", f.name)
    where = f"“{place}”（{label}）"
    if value is None:
        if _nullable(f):
            return None
        raise PlanFormatError(f"方案数据格式有误：{where}不能为空。")
    if kind in ("date", "datetime"):
        if not isinstance(value, str):
            raise PlanFormatError(f"方案数据格式有误：{where}应为日期字符串，如 2026-10-18。")
        try:
            if kind == "date":
                return date.fromisoformat(value)
            return datetime.fromisoformat(value)
        except ValueError:
            example = "2026-10-18" if kind == "date" else "2026-10-18T09:00"
            raise PlanFormatError(
                f"方案数据格式有误：{where}的值“{value}”不是有效的日期，应写成如 {example}。"
            ) from None
    if kind in ("int", "money"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise PlanFormatError(f"方案数据格式有误：{where}应为整数。")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise PlanFormatError(f"方案数据格式有误：{where}应为数字。")
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise PlanFormatError(f"方案数据格式有误：{where}应为 true 或 false。")
        return value
    if not isinstance(value, str):
        raise PlanFormatError(f"方案数据格式有误：{where}应为文字。")
    choices = f.metadata.get("choices") or ()
    if kind == "choice" and choices and value not in choices:
        offered = "、".join(choices)
        raise PlanFormatError(f"方案数据格式有误：{where}的值“{value}”无效，可选：{offered}。")
    return value
