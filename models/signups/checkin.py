"""Check-in at the door: find one person of the activity from what the clerk types (initials, a
name, or the last four digits of a phone) and tick them off; refuse a second check-in with the
time of the first; undo the last one; count attended against expected.

Each look-up reads the activity's sign-ups once (500 people: a few milliseconds) and matches in
Python with the name keys stored on each sign-up, so it stays fast at the door.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from models.common.name_keys import pinyin_keys
from models.datafile.db import database
from models.residents.query import normalise_text
from models.signups.records import CompanionRecord, NewSignup, SignupRecord
from models.signups.rules import ATTENDED, NO_SHOW, REGISTERED, SEATED, WAITLIST
from models.signups.service import _records, _set_status, sign_up

# What a look-up found.
CHECKED_IN = "checked_in"  # the one match is now checked in
ALREADY = "already"  # the one match was checked in before (first_time says when)
CHOOSE = "choose"  # several matches: the clerk picks one (check_in_signup)
WAITLISTED = "waitlisted"  # the one match is on the waitlist, not checked in
NOT_FOUND = "not_found"


@dataclass
class CheckInResult:
    outcome: str
    record: SignupRecord | None = None
    matches: list[SignupRecord] = field(default_factory=list)
    first_time: datetime | None = None

    @property
    def message(self) -> str:
        r = self.record
        if self.outcome == CHECKED_IN and r:
            return f"{r.name} 签到成功（{r.checked_in:%H:%M}）。"
        if self.outcome == ALREADY and r and self.first_time:
            return f"{r.name} 已于 {self.first_time:%H:%M:%S} 签到，不能重复签到。"
        if self.outcome == CHOOSE:
            return f"找到 {len(self.matches)} 人，请选择一位。"
        if self.outcome == WAITLISTED and r:
            return f"{r.name} 在候补名单中（候补第 {r.waitlist_place} 位），尚未获得名额。"
        return "没有找到此人。可以换个写法（姓名、首字母、手机尾号四位），或登记为现场报名。"


@dataclass
class Attendance:
    attended: int
    expected: int  # everyone holding a seat (已报名 + 已签到 + 未到)


def _match(query: str, recs: list[SignupRecord]) -> list[SignupRecord]:
    q = normalise_text(query)
    if not q:
        return []
    if q.isdigit():
        return [r for r in recs if r.phone_digits().endswith(q)] if len(q) >= 4 else []
    if q.isascii():
        exact = [r for r in recs if pinyin_keys(r.name)[1] == q]
        return exact or [r for r in recs if pinyin_keys(r.name)[0].startswith(q)
                         or pinyin_keys(r.name)[1].startswith(q)]
    exact = [r for r in recs if r.name == q]
    return exact or [r for r in recs if q in r.name]


def _candidates(plan_id: int) -> list[SignupRecord]:
    ids = [r[0] for r in database.obj.execute_sql(
        "SELECT id FROM signup WHERE plan_id = ? AND status IN (?, ?, ?, ?) ORDER BY position",
        (plan_id, REGISTERED, ATTENDED, NO_SHOW, WAITLIST))]
    return _records(ids)


def find_people(plan_id: int, query: str) -> list[SignupRecord]:
    """Everyone of the activity (waitlist included) matching the query."""
    with database.atomic():
        return _match(query, _candidates(plan_id))


def check_in(plan_id: int, query: str, *, now: datetime | None = None) -> CheckInResult:
    """Check in the single person the query finds; several: CHOOSE with the matches."""
    with database.atomic():
        found = _match(query, _candidates(plan_id))
        seated = [r for r in found if r.status in SEATED]
        if len(seated) > 1:
            return CheckInResult(CHOOSE, matches=seated)
        if not seated:
            if len(found) == 1:
                return CheckInResult(WAITLISTED, found[0])
            if found:
                return CheckInResult(CHOOSE, matches=found)
            return CheckInResult(NOT_FOUND)
        return _tick(seated[0].id, now)


def check_in_signup(signup_id: int, *, now: datetime | None = None) -> CheckInResult:
    """Check in the one the clerk picked from several matches."""
    with database.atomic():
        return _tick(signup_id, now)


def _tick(signup_id: int, now: datetime | None) -> CheckInResult:
    rec = _records([signup_id])[0]
    if rec.status == ATTENDED:
        return CheckInResult(ALREADY, rec, first_time=rec.checked_in)
    if rec.status == WAITLIST:
        return CheckInResult(WAITLISTED, rec)
    when = (now or datetime.now()).replace(microsecond=0)
    _set_status(signup_id, ATTENDED, when, "现场签到")
    return CheckInResult(CHECKED_IN, _records([signup_id])[0])


def undo_last_check_in(plan_id: int, *, now: datetime | None = None) -> SignupRecord | None:
    """Take back the latest check-in still standing (back to what it was); None if none."""
    with database.atomic():
        row = database.obj.execute_sql(
            "SELECT l.signup_id, l.from_status FROM signup_log l "
            "JOIN signup s ON s.id = l.signup_id "
            "WHERE s.plan_id = ? AND l.to_status = ? AND s.status = ? ORDER BY l.id DESC LIMIT 1",
            (plan_id, ATTENDED, ATTENDED)).fetchone()
        if row is None:
            return None
        sid, before = row
        if before == "":  # a walk-in checked in on the spot: back to registered
            before = REGISTERED
        when = (now or datetime.now()).replace(microsecond=0)
        _set_status(sid, before, when, "撤销签到")
        return _records([sid])[0]


def attendance(plan_id: int) -> Attendance:
    with database.atomic():
        attended, expected = database.obj.execute_sql(
            "SELECT sum(status = ?), sum(status IN (?, ?, ?)) FROM signup WHERE plan_id = ?",
            (ATTENDED, REGISTERED, ATTENDED, NO_SHOW, plan_id)).fetchone()
    return Attendance(attended or 0, expected or 0)


def add_walk_in(plan_id: int, name: str, phone: str = "", *, resident_id: int | None = None,
                companions: list[CompanionRecord] | None = None,
                now: datetime | None = None) -> SignupRecord:
    """Someone who comes without signing up: added and checked in at once. Rules are not
    checked at the door (the person is there); the log says it was a walk-in."""
    result = sign_up(plan_id, NewSignup(resident_id=resident_id, name=name, phone=phone,
                                        companions=list(companions or []), walk_in=True),
                     override_note="现场报名", now=now, status=ATTENDED)
    assert result.record is not None
    return result.record


def last_check_ins(plan_id: int, limit: int = 10) -> list[tuple[datetime, str]]:
    """(time, name) of the latest check-ins, newest first, for the check-in screen."""
    with database.atomic():
        return [(t if isinstance(t, datetime) else datetime.fromisoformat(str(t)), n)
                for t, n in database.obj.execute_sql(
                    "SELECT l.time, s.name FROM signup_log l JOIN signup s ON s.id = l.signup_id "
                    "WHERE s.plan_id = ? AND l.to_status = ? AND s.status = ? "
                    "ORDER BY l.time DESC, l.id DESC LIMIT ?",
                    (plan_id, ATTENDED, ATTENDED, limit))]


__all__ = ["CheckInResult", "Attendance", "find_people", "check_in", "check_in_signup",
           "undo_last_check_in", "attendance", "add_walk_in", "last_check_ins"]
