"""Grid rows by id, for the residents grid's deep pages.

The grid reads its first pages with search_residents(offset, limit); far down the list an OFFSET
costs 200-500 ms on 100,000 residents (SQLite walks every skipped row), so the grid then takes the
query's ordered ids once (models.residents.service.resident_ids, ~150 ms) and reads each page by id
(~2 ms for 200 rows), whatever its depth.
"""
from __future__ import annotations

from collections.abc import Sequence

from models.datafile.db import database
from models.residents import service, store
from models.residents.records import ResidentQuery, ResidentRow, SearchResult


def search_page(query: ResidentQuery, offset: int, limit: int) -> SearchResult:
    """models.residents.service.search_residents(query, offset, limit)."""
    return service.search_residents(query, offset, limit)


def resident_ids(query: ResidentQuery) -> list[int]:
    """models.residents.service.resident_ids(query)."""
    return service.resident_ids(query)


def rows_by_ids(ids: Sequence[int]) -> list[ResidentRow]:
    """Grid rows for these ids in the order given (ids no longer in the file are left out)."""
    with database.atomic():
        return store.fetch_rows(list(ids))


# A background reader's connection keeps a small page cache: the window's connection already
# holds the hot pages, and a second 32 MB cache would only add to the app's peak memory.
BACKGROUND_CACHE_KIB = 2000


def ordered_ids_in_background(query: ResidentQuery) -> list[int]:
    """resident_ids(query), for a thread other than the window's: on this thread's own
    connection, with a small cache, which is closed afterwards."""
    db = database.obj
    if db is None:
        raise RuntimeError("no data file is open")
    try:
        db.execute_sql(f"PRAGMA cache_size = -{BACKGROUND_CACHE_KIB}")
        return resident_ids(query)
    finally:
        if not db.is_closed():
            db.close()  # this thread's connection only (peewee keeps one per thread)
