"""Field metadata of the plan records, read once, plus conversions between Python and Qt dates.

The editor builds its forms and grids from these specs instead of hand-written widgets per part.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime

# The earliest date the date editors accept; showing it means "not set" (special value text).
UNSET_DATE = QDate(1900, 1, 1)
UNSET_DATETIME = QDateTime(UNSET_DATE, QTime(0, 0))
DATE_FORMAT = "yyyy-MM-dd"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text, long, int, float, money, date, datetime, bool, choice, rows
    choices: tuple[str, ...] = ()
    optional: bool = False  # the default is None: the field may be left empty
    read_only: bool = False  # a computed property (e.g. a budget line's amount)


def specs_of(record_type: type, include_rows: bool = False) -> list[FieldSpec]:
    """Specs of a record's fields in declaration order; nested rows only when asked."""
    specs = []
    for f in dataclasses.fields(record_type):
        kind = f.metadata.get("kind")
        if kind is None or (kind == "rows" and not include_rows):
            continue
        specs.append(
            FieldSpec(
                name=f.name,
                label=str(f.metadata.get("label", f.name)),
                kind=str(kind),
                choices=tuple(f.metadata.get("choices", ())),
                optional=f.default is None,
            )
        )
    return specs


def spec_named(record_type: type, name: str) -> FieldSpec:
    for spec in specs_of(record_type, include_rows=True):
        if spec.name == name:
            return spec
    raise KeyError(name)


def tr_label(label: str) -> str:
    # Labels come from the records' metadata; they go through the translator under one context.
    return QCoreApplication.translate("PlanRecord", label)


def to_qdate(value: date | None) -> QDate:
    if value is None:
        return QDate()
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date | None:
    if not value.isValid() or value <= UNSET_DATE:
        return None
    return date(value.year(), value.month(), value.day())


def to_qdatetime(value: datetime | None) -> QDateTime:
    if value is None:
        return QDateTime()
    return QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute))


def from_qdatetime(value: QDateTime) -> datetime | None:
    if not value.isValid() or value.date() <= UNSET_DATE:
        return None
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def format_number(value: Any) -> str:
    """1.0 -> "1", 2.5 -> "2.5": quantities read like a clerk writes them."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)
