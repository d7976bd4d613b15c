"""The residents' register: the service API the GUI, the command line and sign-ups use.

Every call runs in one transaction and returns plain records (models/residents/records.py).
This module (with models/residents/store.py, which it uses) is the only writer of residents, so it
keeps resident_fts, the search index, in step.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from models.common.errors import UserError
from models.common.id_number import parse_id_number
from models.datafile.db import database
from models.residents import search as resident_search
from models.residents import store
from models.residents.check import check_record
from models.residents.query import build_where, order_clause
from models.residents.records import (
    FieldProblem,
    ResidentQuery,
    ResidentRecord,
    ResidentRow,
    SaveResult,
    SearchResult,
    TagInfo,
)
from models.residents.search import bin_is_empty, nobody_has_left, search_page
from models.residents.tables import BUILTIN_TAGS, Resident

__all__ = [
    "ResidentNotFound", "check_resident", "save_resident", "get_resident", "get_residents",
    "find_by_id_number", "delete_residents", "restore_residents", "empty_recycle_bin",
    "search_residents", "count_residents", "resident_ids", "iter_residents", "list_tags",
    "add_tag", "list_buildings", "natural_key",
    # records, re-exported so callers need one import
    "FieldProblem", "ResidentQuery", "ResidentRecord", "ResidentRow", "SaveResult", "SearchResult",
    "TagInfo",
]


# Above this many matches a page is read along the order's index (measured in the bench).
BY_ORDER_ABOVE = resident_search.BY_ORDER_ABOVE


class ResidentNotFound(UserError, LookupError):
    def __init__(self, resident_id: int) -> None:
        super().__init__(f"找不到编号为 {resident_id} 的居民，可能已被彻底删除。")
        self.resident_id = resident_id


def check_resident(rec: ResidentRecord, *, today: date | None = None,
                   ) -> tuple[ResidentRecord, list[FieldProblem]]:
    """Clean and check a record without saving: (cleaned copy, problems per field), including a
    clash of its ID number with another resident's."""
    cleaned, problems = check_record(rec, today=today)
    if cleaned.id_number:
        other = store.id_owner(cleaned.id_number)
        if other is not None and other[0] != rec.id:
            where = "（在回收站中）" if other[2] else ""
            problems.append(FieldProblem(
                "id_number", f"此身份证号已登记给居民“{other[1]}”（编号 {other[0]}）{where}"))
    return cleaned, problems


def save_resident(rec: ResidentRecord, *, allow_warnings: bool = False,
                  today: date | None = None) -> SaveResult:
    """Add (rec.id None) or update a resident. Errors block; warnings (sex or birth date
    disagreeing with the ID) block unless allow_warnings, so the form can ask the clerk."""
    with database.atomic():
        if rec.id is not None and store.fetch_rows([rec.id]) == []:
            raise ResidentNotFound(rec.id)
        cleaned, problems = check_resident(rec, today=today)
        blocking = [p for p in problems if p.severity == "error" or not allow_warnings]
        if blocking:
            return SaveResult(False, rec.id, cleaned, problems)
        now = datetime.now().replace(microsecond=0)
        rid = store.write(cleaned, now)
        return SaveResult(True, rid, get_resident(rid), problems)


def get_resident(resident_id: int) -> ResidentRecord:
    found = get_residents([resident_id])
    if not found:
        raise ResidentNotFound(resident_id)
    return found[0]


def get_residents(ids: Iterable[int]) -> list[ResidentRecord]:
    """Full records of these ids, in the order given (unknown ids left out)."""
    ids = list(ids)
    with database.atomic():
        by_id = {r.id: r for r in store.fetch_records(ids)}
    return [by_id[i] for i in ids if i in by_id]


def find_by_id_number(id_number: str) -> ResidentRecord | None:
    """The resident with this ID (15 or 18 digits accepted), in the recycle bin or not."""
    idc = parse_id_number(id_number)
    if not idc.ok or idc.value is None:
        return None
    owner = store.id_owner(idc.value)
    return get_resident(owner[0]) if owner else None


def delete_residents(ids: Iterable[int]) -> int:
    """Move to the recycle bin; returns how many moved."""
    ids = list(ids)
    with database.atomic():
        return (Resident.update(deleted=True, deleted_at=datetime.now().replace(microsecond=0))
                .where(Resident.id.in_(ids) & (Resident.deleted == False))  # noqa: E712 - peewee builds SQL from ==
                .execute())


def restore_residents(ids: Iterable[int]) -> int:
    ids = list(ids)
    with database.atomic():
        return (Resident.update(deleted=False, deleted_at=None)
                .where(Resident.id.in_(ids) & (Resident.deleted == True))  # noqa: E712 - peewee builds SQL from ==
                .execute())


def empty_recycle_bin(ids: Iterable[int] | None = None) -> int:
    """Delete for good (all of the bin, or only these ids of it); returns how many."""
    with database.atomic():
        cond = Resident.deleted == True  # noqa: E712 - peewee builds SQL from ==
        if ids is not None:
            cond &= Resident.id.in_(list(ids))
        doomed = [r.id for r in Resident.select(Resident.id).where(cond)]
        store.purge(doomed)
        return len(doomed)


_bin_state: dict[str, object] = {}


def _bin_empty() -> bool:
    """Whether no resident is in the recycle bin, remembered until the file changes (this
    connection's total_changes, or another connection's commit seen through data_version)."""
    db = database.obj
    con = db.connection()
    key = (id(con), con.total_changes,
           db.execute_sql("PRAGMA data_version").fetchone()[0])
    if _bin_state.get("key") != key:
        _bin_state["empty"] = bin_is_empty(db.execute_sql)
        _bin_state["nobody_left"] = nobody_has_left(db.execute_sql)
        _bin_state["key"] = key
    return bool(_bin_state["empty"])


def _nobody_left() -> bool:
    """Whether nobody has moved away or died (then lists need no status condition), remembered
    as _bin_empty remembers (it refreshes both)."""
    _bin_empty()
    return bool(_bin_state["nobody_left"])


def _where(query: ResidentQuery, by_order: bool = False) -> tuple[str, list[object]]:
    return build_where(query, by_order=by_order, bin_empty=_bin_empty(),
                       nobody_left=_nobody_left())


def search_residents(query: ResidentQuery, offset: int = 0, limit: int = 100) -> SearchResult:
    """One page of matches in the query's order, plus the total count of matches.

    Up to BY_ORDER_ABOVE matches are read in one pass (driven by the filters' indexes) with
    their sort keys and sorted here, which gives the page and the count at once. Beyond that,
    the count comes from its own query and the page walks the order's index to LIMIT
    (models.residents.search.search_page, which the window's first page shares)."""
    with database.atomic():
        return search_page(database.obj.execute_sql, query, offset, limit,
                           bin_empty=_bin_empty(), by_order_above=BY_ORDER_ABOVE,
                           nobody_left=_nobody_left())


def count_residents(query: ResidentQuery | None = None) -> int:
    with database.atomic():
        where, params = _where(query or ResidentQuery())
        return database.obj.execute_sql(
            f"SELECT count(*) FROM resident r WHERE {where}", params).fetchone()[0]


def resident_ids(query: ResidentQuery) -> list[int]:
    """Every matching id in the query's order (for exporting "as filtered")."""
    with database.atomic():
        where, params = _where(query)
        return [r[0] for r in database.obj.execute_sql(
            f"SELECT r.id FROM resident r WHERE {where} ORDER BY {order_clause(query)}", params)]


def iter_residents(query: ResidentQuery | None = None, *, batch: int = 2000,
                   ) -> Iterator[ResidentRecord]:
    """Full records (tags included) in the query's order, fetched in batches."""
    ids = resident_ids(query or ResidentQuery())
    for start in range(0, len(ids), batch):
        yield from get_residents(ids[start:start + batch])


def list_tags() -> list[TagInfo]:
    """Built-in tags first (in their order), then the office's own, with counts of residents
    not in the recycle bin."""
    with database.atomic():
        counted = {name: (builtin, n) for name, builtin, n in database.obj.execute_sql(
            "SELECT t.name, t.builtin, (SELECT count(*) FROM resident_tag rt JOIN resident r "
            "ON r.id = rt.resident_id WHERE rt.tag_id = t.id AND r.deleted = 0 "
            "AND r.status = '在册') "
            "FROM tag t ORDER BY t.position, t.id")}
    out = [TagInfo(name, True, counted.get(name, (True, 0))[1]) for name in BUILTIN_TAGS]
    out += [TagInfo(name, False, n) for name, (_b, n) in counted.items()
            if name not in BUILTIN_TAGS]
    return out


def add_tag(name: str) -> TagInfo:
    name = re.sub(r"\s+", "", name)
    if not name:
        raise UserError("标签名称不能为空。")
    if len(name) > 20:
        raise UserError("标签名称过长（最多20个字）。")
    with database.atomic():
        store.tag_ids([name])
    return next(t for t in list_tags() if t.name == name)


def list_buildings() -> list[str]:
    """Buildings in natural order (2幢 before 10幢), for the filter box."""
    with database.atomic():
        names = [r[0] for r in database.obj.execute_sql(
            "SELECT DISTINCT building FROM resident WHERE building != '' AND deleted = 0 "
            "AND status = '在册'")]
    return sorted(names, key=natural_key)


def natural_key(text: str) -> tuple:
    """"10幢" after "2幢": digit runs compare as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p)
                 for p in re.split(r"(\d+)", text) if p)
