"""One page of the residents grid, in SQL over any connection: the core of
models.residents.service.search_residents, which runs it on peewee's connection in its
transaction.

execute(sql, params) runs one statement and returns its cursor.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from models.residents.query import build_where, order_clause, order_columns, sort_like_sql
from models.residents.records import ResidentQuery, ResidentRow, SearchResult

Execute = Callable[[str, Sequence[object]], Iterable[tuple]]

# Above this many matches a page is read along the order's index (measured in the bench).
BY_ORDER_ABOVE = 3000
_CHUNK = 900  # SQLite allows 999 variables a statement by default on older builds


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def bin_is_empty(execute: Execute) -> bool:
    """Whether no resident is in the recycle bin."""
    row = next(iter(execute("SELECT NOT EXISTS (SELECT 1 FROM resident WHERE deleted = 1)", ())))
    return row[0] == 1


def nobody_has_left(execute: Execute) -> bool:
    """Whether every resident is 在册 (nobody moved away or died)."""
    row = next(iter(execute(
        "SELECT NOT EXISTS (SELECT 1 FROM resident WHERE status IN ('迁出', '死亡'))", ())))
    return row[0] == 1


def search_page(execute: Execute, query: ResidentQuery, offset: int, limit: int, *,
                bin_empty: bool, by_order_above: int, nobody_left: bool = False,
                ) -> SearchResult:
    """See models.residents.service.search_residents (which holds the transaction)."""
    offset, limit = max(0, offset), max(0, limit)
    where, params = build_where(query, bin_empty=bin_empty, nobody_left=nobody_left)
    keys = ", ".join(c for c, _d in order_columns(query)[:-1])
    probe: list[tuple] = []
    total = None
    if not query.text.strip() and not query.tags:
        # Only birth / building filters: their indexes count without visiting rows.
        total = _one(execute(f"SELECT count(*) FROM resident r WHERE {where}", params))
    if total is None or total <= by_order_above:
        probe = list(execute(
            f"SELECT r.id, {keys} FROM resident r WHERE {where} LIMIT {by_order_above + 1}",
            params))
    if len(probe) <= by_order_above and (total is None or total <= by_order_above):
        total = len(probe)
        ids = [r[0] for r in sort_like_sql(probe, query)[offset:offset + limit]]
    else:
        if total is None:
            total = _one(execute(f"SELECT count(*) FROM resident r WHERE {where}", params))
        where, params = build_where(query, by_order=True, bin_empty=bin_empty,
                                    nobody_left=nobody_left)
        ids = [row[0] for row in execute(
            f"SELECT r.id FROM resident r WHERE {where} ORDER BY {order_clause(query)} "
            "LIMIT ? OFFSET ?", [*params, limit, offset])]
    return SearchResult(fetch_rows(execute, ids), total)


def _one(cursor: Iterable[tuple]) -> int:
    return int(next(iter(cursor))[0])


def tags_of(execute: Execute, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for part in chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for rid, name in execute(
                "SELECT rt.resident_id, t.name FROM resident_tag rt "
                f"JOIN tag t ON t.id = rt.tag_id WHERE rt.resident_id IN ({marks}) "
                "ORDER BY t.position, t.id", tuple(part)):
            out.setdefault(rid, []).append(name)
    return out


def as_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def as_datetime(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def fetch_rows(execute: Execute, ids: Sequence[int]) -> list[ResidentRow]:
    """Grid rows for these ids, in the order given."""
    if not ids:
        return []
    tags = tags_of(execute, ids)
    by_id: dict[int, ResidentRow] = {}
    for part in chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for r in execute(
                "SELECT id, name, gender, birth, id_number, phone, building, unit, room, address, "
                f"deleted_at, status, left_on FROM resident WHERE id IN ({marks})", tuple(part)):
            by_id[r[0]] = ResidentRow(r[0], r[1], r[2], as_date(r[3]), r[4], r[5], r[6], r[7],
                                      r[8], r[9], "、".join(tags.get(r[0], [])),
                                      as_datetime(r[10]), r[11], as_date(r[12]))
    return [by_id[i] for i in ids if i in by_id]
