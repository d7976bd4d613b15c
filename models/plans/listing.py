"""The plans list's queries (one transaction each). Kept apart from models.plans.service (saving
and loading whole plans, with every record class), which re-exports them, so the window's first
paint imports only these.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

import peewee as pw

from models.datafile.db import database
from models.plans import tables
from models.plans.summary import PlanSummary

if TYPE_CHECKING:
    from collections.abc import Iterable


def list_plans(
    text: str = "",
    status: str | None = None,
    category: str | None = None,
    year: int | None = None,
) -> list[PlanSummary]:
    """Plans matching every given filter, newest activity first."""
    P = tables.Plan
    query = P.select(P.id, P.title, P.category, P.status, P.kind, P.start, P.updated)
    if text.strip():
        words = text.split()
        for word in words:
            like = f"%{word}%"
            query = query.where(
                P.title ** like | P.theme ** like | P.places ** like | P.issuer ** like
            )
    if status:
        query = query.where(P.status == status)
    if category:
        query = query.where(P.category == category)
    if year:
        lo, hi = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        query = query.where((P.start >= lo) & (P.start < hi))
    query = query.order_by(P.start.desc(nulls="last"), P.id.desc())
    with database.atomic():
        return [
            PlanSummary(
                id=p.id, title=p.title, category=p.category, status=p.status, kind=p.kind,
                start=p.start, updated=p.updated,
            )
            for p in query
        ]


def plan_years() -> list[int]:
    """Years that hold at least one dated plan, newest first."""
    P = tables.Plan
    # coerce(False): the year is text, not a date for peewee to parse (and fail to) per row.
    year = pw.fn.substr(P.start, 1, 4).coerce(False)
    # .tuples() yields one tuple a row; peewee's stubs type it as a select of the model.
    rows = cast("Iterable[tuple[str | None]]",
                P.select(year).where(P.start.is_null(False)).distinct().tuples())
    return sorted({int(y) for (y,) in rows if y and y.isdigit()}, reverse=True)


def count_plans() -> int:
    return tables.Plan.select().count()
