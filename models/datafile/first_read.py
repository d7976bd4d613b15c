"""What the window shows first, read with the standard library's sqlite3 while peewee is not yet
bound to the data file (models.datafile.precheck.defer_binding): the unfiltered plans list with its
years, and the first page of the residents grid. Same SQL and same records as
models.plans.listing's list_plans() and plan_years() and models.residents.service.search_residents,
which take over once the file is bound (tests compare them). Those modules send their callers here
while the file is pending.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from models.datafile.precheck import read_connection
from models.plans.summary import PlanSummary

if TYPE_CHECKING:
    from models.residents.records import ResidentQuery, SearchResult


# peewee's DateTimeField formats, for the odd stored value datetime.fromisoformat does not take.
_PEEWEE_FORMATS = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def _datetime(value: object) -> object:
    """As models.datafile.db.DateTimeField reads a stored value (fromisoformat, then peewee's
    way)."""
    if not isinstance(value, str) or not value:
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    for fmt in _PEEWEE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return value


def _reading[T](path: Path, read: Callable[[sqlite3.Connection], T]) -> T:
    con = read_connection(path)
    try:
        con.execute("BEGIN")  # one snapshot for every statement, as database.atomic() gives
        try:
            return read(con)
        finally:
            con.rollback()
    finally:
        con.close()


def first_plans(path: Path) -> list[PlanSummary]:
    """list_plans() with no filter: every plan, newest activity first."""
    def read(con: sqlite3.Connection) -> list[PlanSummary]:
        rows = con.execute(
            'SELECT "id", "title", "category", "status", "kind", "start", "updated" FROM "plan" '
            'ORDER BY "start" DESC NULLS LAST, "id" DESC').fetchall()
        return [PlanSummary(id=r[0], title=r[1], category=r[2], status=r[3], kind=r[4],
                            start=_datetime(r[5]), updated=_datetime(r[6]))  # type: ignore[arg-type]
                for r in rows]

    return _reading(path, read)


def first_plan_years(path: Path) -> list[int]:
    """plan_years(): years that hold at least one dated plan, newest first."""
    def read(con: sqlite3.Connection) -> list[int]:
        rows = con.execute('SELECT DISTINCT substr("start", 1, 4) FROM "plan" '
                           'WHERE "start" IS NOT NULL').fetchall()
        return sorted({int(y) for (y,) in rows if y and y.isdigit()}, reverse=True)

    return _reading(path, read)


def first_residents_page(path: Path, query: ResidentQuery, offset: int, limit: int,
                         ) -> SearchResult:
    """search_residents(query, offset, limit)."""
    # Imported here: a start on the plans list reads no residents (their records' dataclasses
    # alone cost a few ms to define).
    from models.residents.search import BY_ORDER_ABOVE, bin_is_empty, search_page

    def read(con: sqlite3.Connection) -> SearchResult:
        def execute(sql: str, params: Sequence[object]) -> sqlite3.Cursor:
            return con.execute(sql, params)

        return search_page(execute, query, offset, limit, bin_empty=bin_is_empty(execute),
                           by_order_above=BY_ORDER_ABOVE)

    return _reading(path, read)
