"""Plain records the contests service takes and returns (no peewee objects leave models/)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from models.contests.scoring import DEFAULT_LEVELS, MEAN, SHARED


@dataclass
class NewContest:
    title: str
    categories: list[str]
    plan_id: int | None = None  # None: a contest of its own, not part of an activity
    who_may_enter: str = ""
    hand_in_place: str = ""
    deadline: date | None = None
    method: str = MEAN
    tie_rule: str = SHARED
    issuer: str = ""
    levels: tuple[tuple[str, int | None], ...] = DEFAULT_LEVELS  # for every category
    full_marks: int | None = None  # the highest score a judge may give; None: no limit


@dataclass
class CategoryRecord:
    id: int
    name: str
    levels: list[tuple[str, int | None]]  # (name, places), best first; places None: the rest


@dataclass
class JudgeRecord:
    id: int
    name: str
    unit: str


@dataclass
class ContestRecord:
    id: int
    title: str
    plan_id: int | None
    who_may_enter: str
    hand_in_place: str
    deadline: date | None
    method: str
    tie_rule: str
    issuer: str
    categories: list[CategoryRecord]
    judges: list[JudgeRecord]
    entry_count: int
    full_marks: int | None = None


@dataclass
class NewEntry:
    category_id: int
    name: str
    title: str
    received: date
    received_by: str = ""
    resident_id: int | None = None  # None: an entrant who is not on the register
    phone: str = ""


@dataclass
class EntryRecord:
    id: int
    code: str
    category_id: int
    category: str
    name: str
    resident_id: int | None
    title: str
    received: date
    received_by: str
    late: bool
    phone: str = ""


@dataclass
class EntryResult:
    entry: EntryRecord
    scores: list[Fraction | None]  # one per judge, in the judges' order; None: not yet scored
    total: Fraction | None
    rank: int | None  # within its category; None until every judge has scored it
    prize: str
    shared: bool  # shares its place with an entry the tie rule could not separate


@dataclass
class ContestResults:
    contest: ContestRecord
    entries: list[EntryResult]  # by category, then place
    notices: list[str] = field(default_factory=list)  # shared places over a count, unscored


@dataclass
class NominationRecord:
    id: int
    honour_list_id: int
    name: str
    resident_id: int | None
    nominated_by: str
    deeds: str
    status: str
    review_note: str
    reviewed: date | None


@dataclass
class HonourListRecord:
    id: int
    title: str
    year: int
    places: int | None
    issuer: str
    plan_id: int | None
    nominations: list[NominationRecord]

    @property
    def approved(self) -> list[NominationRecord]:
        return [n for n in self.nominations if n.status == "已通过"]


@dataclass
class PersonHonour:
    """One honour of one person: an approved nomination or a prize in a contest."""

    year: int
    title: str  # the honour list's or the contest's title
    level: str  # the prize (一等奖 ...) or the honour itself
    kind: str  # 表彰 / 评比
    name: str
