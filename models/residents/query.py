"""SQL for finding residents: one search text over every key, filters, an index-backed order.

How the text is matched (chosen by measuring 100,000 residents, see bench/bench_residents.py):
three characters or more go through resident_fts, an FTS5 trigram index over one line per resident
(name, phone digits, ID, address), which answers "contains" without scanning; letters also match
the start of the full pinyin or of the initials through their indexes (zhangs finds 张三, zsm
finds 张三明); one or two characters, too short for trigrams, match the start of the name, the
initials, the pinyin or the building through their indexes (zs finds 张三 and 赵四; 王 finds
every 王).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from models.common.text import remove_spaces, to_halfwidth
from models.residents.records import SORT_ORDERS, ResidentQuery
from models.residents.rules import PRESENT

_ORDERS: dict[str, tuple[str, ...]] = {
    "name": ("r.name_pinyin", "r.name"),
    "strokes": ("r.stroke_key",),
    "gender": ("r.gender", "r.name_pinyin"),
    "birth": ("r.birth",),
    "age": ("r.birth DESC",),
    "id_number": ("r.id_number",),
    "phone": ("r.phone",),
    "building": ("r.building", "r.unit", "r.room"),
    "created": ("r.id",),
}
assert set(_ORDERS) == set(SORT_ORDERS)

_HIGH = "\U0010ffff"


def normalise_text(text: str) -> str:
    """What the user typed, as the keys are stored: half-width, lower case, no spaces or dashes
    (so "138 1234" and "138-1234" find the phone 13812345678), LIKE wildcards dropped."""
    out = remove_spaces(to_halfwidth(text)).lower()
    for ch in "%_-()（）":
        out = out.replace(ch, "")
    return out


def order_columns(query: ResidentQuery) -> list[tuple[str, bool]]:
    """The query's order as (column, descending) pairs, ending with r.id so it is total."""
    out = []
    for part in [*_ORDERS.get(query.order, _ORDERS["name"]), "r.id"]:
        desc = part.endswith(" DESC")
        out.append((part[:-5] if desc else part, desc != query.descending))
    return out


def order_clause(query: ResidentQuery) -> str:
    return ", ".join(f"{c} DESC" if d else c for c, d in order_columns(query))


def sort_like_sql(rows: list[tuple], query: ResidentQuery) -> list[tuple]:
    """Sort rows (id, order columns...) as ORDER BY order_clause(query) would: SQLite puts NULL
    first when ascending and compares text by code point, as Python does."""
    cols = order_columns(query)[:-1]
    out = sorted(rows, key=lambda r: r[0], reverse=order_columns(query)[-1][1])
    for i in range(len(cols), 0, -1):  # stable sorts, last key first
        desc = cols[i - 1][1]
        out.sort(key=_nulls_first(i), reverse=desc)
    return out


def _nulls_first(i: int) -> Callable[[tuple[Any, ...]], tuple[bool, Any]]:
    """Sort key on column i as SQLite compares it: NULL before any value."""
    return lambda r: (r[i] is not None, r[i] if r[i] is not None else "")


def birth_bound(day: date, years: int) -> date:
    """The latest birth date of someone at least `years` old on day (29 Feb -> 28 Feb)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _text_condition(text: str) -> tuple[str, list[object]]:
    letters = text.isascii() and text.isalpha()
    if len(text) >= 3:
        fts = "r.id IN (SELECT rowid FROM resident_fts WHERE search_text LIKE ?)"
        if not letters:
            return fts, [f"%{text}%"]
        # Pinyin and initials match from the start of the name, through their indexes (the
        # search line leaves them out, which keeps the trigram index a quarter smaller);
        # letters elsewhere (an address, an ID's X) still go through the trigram index.
        return (f"((r.name_pinyin >= ? AND r.name_pinyin < ?) OR "
                f"(r.name_initials >= ? AND r.name_initials < ?) OR {fts})",
                [text, text + _HIGH, text, text + _HIGH, f"%{text}%"])
    # Prefix ranges on indexed columns (x >= q AND x < q + highest character).
    conds = ["(r.name >= ? AND r.name < ?)", "(r.building >= ? AND r.building < ?)"]
    params: list[object] = [text, text + _HIGH, text, text + _HIGH]
    if letters:
        conds += ["(r.name_initials >= ? AND r.name_initials < ?)",
                  "(r.name_pinyin >= ? AND r.name_pinyin < ?)"]
        params += [text, text + _HIGH, text, text + _HIGH]
    return "(" + " OR ".join(conds) + ")", params


def build_where(query: ResidentQuery, *, by_order: bool = False, bin_empty: bool = False,
                nobody_left: bool = False) -> tuple[str, list[object]]:
    """(SQL condition on "resident r", its parameters). by_order: keep SQLite from driving the
    query by the filters' indexes (a unary + hides a column from the planner), so that a page of
    a large result walks the order's index and stops at LIMIT instead of sorting everything."""
    plus = "+" if by_order else ""
    # With an empty recycle bin the deleted flag says nothing: leaving it out lets a count be
    # answered from an index alone instead of visiting every matching row.
    conds: list[str] = []
    params: list[object] = []
    if query.deleted or not bin_empty:
        conds.append("r.deleted = ?")
        params.append(1 if query.deleted else 0)
    if not (query.include_left or query.deleted or nobody_left):
        # People who moved away or died stay for history, out of every list unless asked for
        # (a unary + keeps the planner off the status index, which nearly every row matches).
        conds.append("+r.status = ?")
        params.append(PRESENT)
    text = normalise_text(query.text or "")
    if not text and (query.text or "").strip():
        # Only wildcards or punctuation ("%", "_", "("): nothing is stored that way, so nobody
        # matches (it used to be no condition at all: everyone).
        conds.append("0")
    if text:
        cond, more = _text_condition(text)
        if by_order:
            cond = cond.replace("r.id IN", "+r.id IN")
        conds.append(cond)
        params += more
    for tag in query.tags:
        conds.append(f"{plus}r.id IN (SELECT rt.resident_id FROM resident_tag rt JOIN tag t "
                     "ON t.id = rt.tag_id WHERE t.name = ?)")
        params.append(tag)
    day = query.age_date or date.today()
    if query.min_age is not None:
        conds.append(f"{plus}r.birth <= ?")
        params.append(birth_bound(day, query.min_age).isoformat())
    if query.max_age is not None:
        conds.append(f"{plus}r.birth > ?")
        params.append(birth_bound(day, query.max_age + 1).isoformat())
    if query.building:
        conds.append(f"{plus}r.building = ?")
        params.append(query.building)
    if query.gender:
        conds.append("r.gender = ?")
        params.append(query.gender)
    return " AND ".join(conds) or "1", params
