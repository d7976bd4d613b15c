"""The residents' register: the service API the GUI, the command line and sign-ups use.

Every call runs in one transaction and returns plain records (models/resident_records.py).
This module is the only writer of residents, so it keeps resident_fts (the search index) in step.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from models.errors import UserError
from models.resident_records import (
    FieldProblem,
    ResidentQuery,
    ResidentRecord,
    SaveResult,
    SearchResult,
    TagInfo,
)

__all__ = [
    "ResidentNotFound", "check_resident", "save_resident", "get_resident", "find_by_id_number",
    "delete_residents", "restore_residents", "empty_recycle_bin", "search_residents",
    "count_residents", "resident_ids", "iter_residents", "list_tags", "add_tag", "list_buildings",
]


class ResidentNotFound(UserError, LookupError):
    def __init__(self, resident_id: int) -> None:
        super().__init__(f"找不到编号为 {resident_id} 的居民，可能已被彻底删除。")
        self.resident_id = resident_id


def check_resident(rec: ResidentRecord) -> tuple[ResidentRecord, list[FieldProblem]]:
    """Clean and check a record without saving: (cleaned copy, problems per field)."""
    raise NotImplementedError


def save_resident(rec: ResidentRecord, *, allow_warnings: bool = False) -> SaveResult:
    """Add (rec.id None) or update a resident. Errors block; warnings block unless allowed."""
    raise NotImplementedError


def get_resident(resident_id: int) -> ResidentRecord:
    raise NotImplementedError


def find_by_id_number(id_number: str) -> ResidentRecord | None:
    """The resident with this ID (15 or 18 digits accepted), in the recycle bin or not."""
    raise NotImplementedError


def delete_residents(ids: Iterable[int]) -> int:
    """Move to the recycle bin; returns how many moved."""
    raise NotImplementedError


def restore_residents(ids: Iterable[int]) -> int:
    raise NotImplementedError


def empty_recycle_bin(ids: Iterable[int] | None = None) -> int:
    """Delete for good (all of the bin, or only these ids); returns how many."""
    raise NotImplementedError


def search_residents(query: ResidentQuery, offset: int = 0, limit: int = 100) -> SearchResult:
    """One page of matches in the query's order, plus the total count."""
    raise NotImplementedError


def count_residents(query: ResidentQuery | None = None) -> int:
    raise NotImplementedError


def resident_ids(query: ResidentQuery) -> list[int]:
    """Every matching id in the query's order (for exporting "as filtered")."""
    raise NotImplementedError


def iter_residents(query: ResidentQuery | None = None, *, batch: int = 2000,
                   ) -> Iterator[ResidentRecord]:
    """Full records (tags included) in the query's order, fetched in batches."""
    raise NotImplementedError


def list_tags() -> list[TagInfo]:
    """Built-in tags first (in their order), then the office's own, with counts."""
    raise NotImplementedError


def add_tag(name: str) -> TagInfo:
    raise NotImplementedError


def list_buildings() -> list[str]:
    """Buildings in natural order (2幢 before 10幢), for the filter box."""
    raise NotImplementedError


def _unused(day: date) -> None:  # keeps the date import honest until ages are used here
    return None
