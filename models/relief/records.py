"""Plain records the relief wing takes and returns (no peewee objects leave models/)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

PROPOSED, VERIFIED, POSTED, APPROVED, HANDED_OVER = "拟定", "已核实", "已公示", "已审批", "已发放"
REFUSED, WITHDRAWN = "不予发放", "已撤回"
# The way forward, one step at a time; REFUSED and WITHDRAWN end a row from any step before
# the hand-over.
FORWARD: tuple[str, ...] = (PROPOSED, VERIFIED, POSTED, APPROVED, HANDED_OVER)
STATUSES: tuple[str, ...] = (*FORWARD, REFUSED, WITHDRAWN)
ENDED: frozenset[str] = frozenset({REFUSED, WITHDRAWN})
PER_HOUSEHOLD, PER_PERSON = "每户", "每人"
BASES = (PER_HOUSEHOLD, PER_PERSON)


@dataclass
class NewCategory:
    name: str
    basis: str = PER_HOUSEHOLD
    amount_fen: int = 0
    goods: list[tuple[str, int]] = field(default_factory=list)  # (item, value in fen)


@dataclass
class NewPhase:
    name: str
    due: date
    who: str = ""


@dataclass
class NewCampaign:
    title: str
    start: date
    end: date
    plan_id: int | None = None
    funds_fen: int = 0
    funds_source: str = ""
    issuer: str = ""
    categories: list[NewCategory] = field(default_factory=list)
    phases: list[NewPhase] = field(default_factory=list)
    objection_contact: str = ""


@dataclass
class CategoryRecord:
    id: int
    name: str
    basis: str
    amount_fen: int
    goods: list[tuple[str, int]]

    @property
    def goods_text(self) -> str:
        return "、".join(item for item, _value in self.goods)

    def standard(self, household_size: int) -> int:
        """The money this category gives a household of that size."""
        return self.amount_fen * (household_size if self.basis == PER_PERSON else 1)


@dataclass
class PhaseRecord:
    id: int
    name: str
    due: date
    who: str
    done: date | None


@dataclass
class CampaignRecord:
    id: int
    title: str
    plan_id: int | None
    start: date
    end: date
    funds_fen: int
    funds_source: str
    issuer: str
    posting_start: date | None
    posting_days: int
    objection_contact: str
    early_handover_reason: str
    categories: list[CategoryRecord]
    phases: list[PhaseRecord]

    @property
    def posting_end(self) -> date | None:
        from datetime import timedelta

        if self.posting_start is None:
            return None
        return self.posting_start + timedelta(days=self.posting_days - 1)

    def category(self, category_id: int) -> CategoryRecord:
        return next(c for c in self.categories if c.id == category_id)


@dataclass
class NewBeneficiary:
    category_id: int
    name: str = ""  # taken from the register when resident_id is given
    resident_id: int | None = None
    id_number: str = ""
    phone: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""
    address: str = ""
    household_size: int = 1
    reason: str = ""
    amount_fen: int | None = None  # None: the category's standard


@dataclass
class BeneficiaryRecord:
    id: int
    campaign_id: int
    category_id: int
    category: str
    resident_id: int | None
    name: str
    id_number: str
    phone: str
    building: str
    unit: str
    room: str
    address: str
    household: str
    household_size: int
    reason: str
    amount_fen: int
    status: str
    status_date: date | None
    false_report: bool
    locked: bool


@dataclass
class LogEntry:
    id: int
    at: datetime
    clerk: str
    campaign_id: int | None
    beneficiary_id: int | None
    subject: str
    what: str
    old: str
    new: str
    why: str


@dataclass
class ObjectionRecord:
    id: int
    beneficiary_id: int
    received: date
    content: str
    outcome: str
    decided: date | None
