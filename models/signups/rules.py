"""Pure rules of sign-ups (no database): statuses and their transitions, seats and the waitlist,
and eligibility checked on the activity's date.

models/signups/service.py applies them inside its transactions; the property tests drive them
directly.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.common.errors import UserError
from models.residents.rules import age_on

REGISTERED = "已报名"
WAITLIST = "候补"
ATTENDED = "已签到"
NO_SHOW = "未到"
CANCELLED = "已取消"
STATUSES: tuple[str, ...] = (REGISTERED, WAITLIST, ATTENDED, NO_SHOW, CANCELLED)

# Statuses holding a seat: someone registered, there, or registered but absent (the seat was
# theirs).
SEATED: frozenset[str] = frozenset({REGISTERED, ATTENDED, NO_SHOW})
ACTIVE: frozenset[str] = frozenset({REGISTERED, WAITLIST, ATTENDED, NO_SHOW})

# from -> the statuses it may change to. Promotion (候补 -> 已报名) is done by the waitlist rule;
# 已签到 -> 已报名 is the undo of a check-in; 未到 -> 已签到 a latecomer ticked off after all.
TRANSITIONS: dict[str, frozenset[str]] = {
    REGISTERED: frozenset({ATTENDED, NO_SHOW, CANCELLED}),
    WAITLIST: frozenset({REGISTERED, CANCELLED}),
    ATTENDED: frozenset({REGISTERED, NO_SHOW}),
    NO_SHOW: frozenset({ATTENDED, REGISTERED}),
    CANCELLED: frozenset(),
}

# Companions of parent-child activities whose age is checked instead of the parent's.
CHILD_RELATIONS: frozenset[str] = frozenset({"子女", "孙子女", "幼儿", "儿童"})
# required_tags entries that are a sex, not a tag in the register.
SEX_TAGS: dict[str, str] = {"女性": "女", "妇女": "女", "男性": "男"}


class TransitionError(UserError):
    pass


def check_transition(old: str, new: str) -> None:
    if new not in TRANSITIONS.get(old, frozenset()):
        raise TransitionError(f"状态为“{old}”的报名不能改为“{new}”。")


def party_size(companions: int, counts_companions: bool) -> int:
    """Seats a sign-up takes: the registrant, plus companions where the plan counts them."""
    return 1 + (max(0, companions) if counts_companions else 0)


@dataclass(frozen=True)
class Party:
    """What the waitlist rule needs to know of a sign-up."""

    id: int
    status: str
    position: int
    size: int


def seats_used(parties: Sequence[Party]) -> int:
    return sum(p.size for p in parties if p.status in SEATED)


def status_for_new(capacity: int | None, parties: Sequence[Party], size: int) -> str:
    """已报名 when the party fits and nobody waits ahead; otherwise 候补 (the back of the queue)."""
    if capacity is None:
        return REGISTERED
    if any(p.status == WAITLIST for p in parties):
        return WAITLIST
    return REGISTERED if seats_used(parties) + size <= capacity else WAITLIST


def promotions(capacity: int | None, parties: Sequence[Party]) -> list[int]:
    """Ids to move up from the waitlist, in sign-up order. Strict order: a party at the head that
    does not fit yet keeps its place and nobody behind it jumps ahead."""
    waiting = sorted((p for p in parties if p.status == WAITLIST), key=lambda p: p.position)
    free = None if capacity is None else capacity - seats_used(parties)
    out: list[int] = []
    for p in waiting:
        if free is not None and p.size > free:
            break
        out.append(p.id)
        if free is not None:
            free -= p.size
    return out


# --- eligibility --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rules:
    """The plan's sign-up rules (PlanRecord fields of the same names)."""

    activity_day: date | None
    min_age: int | None = None
    max_age: int | None = None
    required_tags: tuple[str, ...] = ()
    companion_age: int | None = None
    reg_start: date | None = None
    reg_end: date | None = None

    @property
    def for_children(self) -> bool:
        """A parent-child activity: the age range is the children's (e.g. 0 to 3)."""
        return self.max_age is not None and self.max_age < 18


@dataclass(frozen=True)
class Person:
    """The registrant as the rules see them. birth None: unknown (a walk-in not yet linked)."""

    birth: date | None = None
    gender: str = ""
    tags: tuple[str, ...] = ()
    known: bool = True  # False for a walk-in: tags and birth cannot be checked


@dataclass(frozen=True)
class CompanionInfo:
    relation: str = ""
    age: int | None = None


@dataclass(frozen=True)
class RuleWarning:
    rule: str  # "age", "tags", "companion", "window", "capacity"
    message: str  # Chinese, complete, with the reason


def split_tags(text: str) -> tuple[str, ...]:
    for sep in ",，;；/ ":
        text = text.replace(sep, "、")
    return tuple(t for t in (p.strip() for p in text.split("、")) if t)


def _range_text(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"{lo}至{hi}周岁"
    if lo is not None:
        return f"{lo}周岁及以上"
    return f"{hi}周岁及以下"


def _in_range(age: int, lo: int | None, hi: int | None) -> bool:
    return (lo is None or age >= lo) and (hi is None or age <= hi)


def check_eligibility(rules: Rules, person: Person, companions: Sequence[CompanionInfo],
                      signup_day: date) -> list[RuleWarning]:
    """Every rule the sign-up breaks, each with its reason. Ages are on the activity's date."""
    out: list[RuleWarning] = []
    day = rules.activity_day or signup_day
    lo, hi = rules.min_age, rules.max_age
    age = age_on(person.birth, day) if person.birth else None
    if lo is not None or hi is not None:
        wanted = _range_text(lo, hi)
        if rules.for_children:
            kids = [c for c in companions if c.relation in CHILD_RELATIONS or c.age is not None]
            if not kids:
                out.append(RuleWarning("age", f"本活动面向{wanted}的儿童，"
                                              "报名时须填写随行子女及其年龄。"))
            for c in kids:
                if c.age is None:
                    out.append(RuleWarning("age", "随行子女未填写年龄，无法核对年龄要求"
                                                  f"（{wanted}）。"))
                elif not _in_range(c.age, lo, hi):
                    out.append(RuleWarning("age", f"随行子女活动当天{c.age}岁，不符合年龄要求"
                                                  f"（{wanted}）。"))
        elif age is None:
            if person.known:
                out.append(RuleWarning("age", "该居民没有出生日期，无法核对年龄要求"
                                              f"（{wanted}）。"))
        elif not _in_range(age, lo, hi):
            out.append(RuleWarning("age", f"活动当天（{day.isoformat()}）{age}周岁，"
                                          f"不符合年龄要求（{wanted}）。"))
    if person.known:
        for tag in rules.required_tags:
            sex = SEX_TAGS.get(tag)
            if sex is not None:
                if person.gender and person.gender != sex:
                    out.append(RuleWarning("tags", f"本活动限{tag}参加，"
                                                   f"该居民性别为{person.gender}。"))
            elif tag not in person.tags:
                out.append(RuleWarning("tags", f"本活动限“{tag}”参加，"
                                               "该居民在居民名册中没有此标签。"))
    if (rules.companion_age is not None and age is not None and age >= rules.companion_age
            and not companions):
        out.append(RuleWarning("companion", f"活动当天{age}周岁，满{rules.companion_age}周岁须有"
                                            "家属陪同，请登记陪同人。"))
    if rules.reg_start and signup_day < rules.reg_start:
        out.append(RuleWarning("window", f"报名尚未开始（{rules.reg_start.isoformat()}开始）。"))
    if rules.reg_end and signup_day > rules.reg_end:
        out.append(RuleWarning("window", f"报名已截止（{rules.reg_end.isoformat()}截止）。"))
    return out
