"""Plain records the sign-ups service takes and returns (no peewee objects leave models/)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from models.signups.rules import RuleWarning


@dataclass
class CompanionRecord:
    name: str = ""
    relation: str = ""  # 子女 / 配偶 / 父母 / 其他
    age: int | None = None  # children's age (parent-child activities)
    phone: str = ""

    def label(self) -> str:
        """"王小明（子女，4岁）" for lists."""
        bits = [b for b in (self.relation, f"{self.age}岁" if self.age is not None else "") if b]
        return self.name + (f"（{'，'.join(bits)}）" if bits else "")


def parse_companions(text: str) -> list[CompanionRecord]:
    """"王小明 子女 4岁、李芳 配偶" -> companions: name, then relation, then an age (digits).
    Entries are separated by 、，,; or a new line; the clerk types them on one line."""
    import re

    out = []
    for part in re.split(r"[、，,;；\n]+", text):
        bits = part.split()
        if not bits:
            continue
        age = None
        rest = []
        for b in bits[1:]:
            digits = b.rstrip("岁周")
            if digits.isdigit():
                age = int(digits)
            else:
                rest.append(b)
        out.append(CompanionRecord(bits[0], " ".join(rest), age))
    return out


@dataclass
class NewSignup:
    """What the clerk enters: a resident (resident_id), or a walk-in by name and phone."""

    resident_id: int | None = None
    name: str = ""
    phone: str = ""
    companions: list[CompanionRecord] = field(default_factory=list)
    fee_paid_fen: int = 0
    receipt_no: str = ""
    notes: str = ""
    walk_in: bool = False


@dataclass
class SignupRecord:
    id: int
    plan_id: int
    resident_id: int | None
    name: str
    phone: str
    status: str
    position: int
    signed_up: datetime
    checked_in: datetime | None = None
    fee_paid_fen: int = 0
    receipt_no: str = ""
    notes: str = ""
    override_note: str = ""
    warnings: str = ""
    promoted: bool = False
    walk_in: bool = False
    companions: list[CompanionRecord] = field(default_factory=list)
    # From the register (empty for an unlinked walk-in).
    gender: str = ""
    birth: date | None = None
    id_number: str = ""
    building: str = ""
    address: str = ""
    stroke_key: str = ""
    # Left by the clean-up of old personal data (models/signups/retention.py): the age band on the
    # activity's day, and the day the personal details were removed (None: never).
    kept_age_band: str = ""
    cleaned: date | None = None
    # Place in the live waiting queue (1 = next to move up), None when not waiting. `position`
    # is the fixed 报名序号 and is never shown as a place in the queue.
    waitlist_place: int | None = None

    def phone_digits(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit())

    def companions_text(self) -> str:
        return "、".join(c.label() for c in self.companions)


@dataclass
class SignupResult:
    """saved False with warnings: rules are broken and no override note was given (ask the
    clerk); saved True: the record as stored (warnings kept on it with the note)."""

    saved: bool
    record: SignupRecord | None
    warnings: list[RuleWarning] = field(default_factory=list)


@dataclass
class CancelResult:
    record: SignupRecord
    promoted: list[SignupRecord] = field(default_factory=list)  # moved up: phone them


@dataclass
class LogEntry:
    signup_id: int
    from_status: str
    to_status: str
    time: datetime
    note: str


@dataclass
class SignupCounts:
    """What the sign-ups tab keeps in view."""

    capacity: int | None
    seats_used: int  # registered + attended + no-show, with companions where they count
    registered: int  # sign-ups holding a seat (已报名 + 已签到 + 未到)
    waitlist: int
    attended: int
    no_show: int
    cancelled: int
    companions: int  # companions of the seated sign-ups
    promoted_pending: int  # moved up, not yet phoned

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.seats_used)
