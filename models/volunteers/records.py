"""Plain records the volunteers wing hands out and takes in (no database objects leave it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class TeamRecord:
    id: int
    name: str
    kind: str = ""
    leader: str = ""
    office: str = ""
    eligible: str = ""
    founded: date | None = None
    members: int = 0


@dataclass
class NewVolunteer:
    """What a clerk types (or an import row holds). With resident_id, name and phone are the
    resident's and the ones given here are ignored."""

    name: str = ""
    resident_id: int | None = None
    team_id: int | None = None
    number: str = ""  # "" for the next free number
    phone: str = ""
    gender: str = ""
    birth: date | None = None
    id_number: str = ""
    political: str = ""
    unit: str = ""
    skills: str = ""
    wanted: str = ""
    available: str = ""
    joined: date | None = None  # None: today
    notes: str = ""


@dataclass
class VolunteerRecord:
    id: int
    number: str
    name: str  # the resident's when linked
    phone: str  # likewise
    resident_id: int | None
    team_id: int | None
    team: str
    gender: str
    birth: date | None
    id_number: str
    political: str
    unit: str
    skills: str
    wanted: str
    available: str
    joined: date
    left: date | None
    status: str
    pauses: list[tuple[date, date | None]] = field(default_factory=list)
    notes: str = ""


@dataclass
class Served:
    """One person in one service: whole minutes, travel excluded."""

    volunteer_id: int
    minutes: int
    role: str = ""
    name: str = ""  # filled when read back


@dataclass
class NewService:
    day: date
    team_id: int | None
    people: list[Served]
    kind: str = "服务"
    place: str = ""
    content: str = ""
    plan_id: int | None = None
    notes: str = ""


@dataclass
class ServiceRecord:
    id: int
    day: date
    team_id: int | None
    team: str
    kind: str
    place: str
    content: str
    plan_id: int | None
    people: list[Served]

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.people)


@dataclass
class Rule:
    team_per_month: int = 1
    member_per_year: int = 10
    measure: str = "次"
    training_counts: bool = False
