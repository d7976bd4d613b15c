"""Sign-ups for an activity: the service API the GUI, the command line and the exporters use.

Every call runs in one transaction and returns plain records (models/signups/records.py). The
rules themselves (transitions, seats, the waitlist, eligibility) are in models/signups/rules.py.
Every change of status is written to signup_log with its time.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from models.common.errors import UserError
from models.common.name_keys import pinyin_keys
from models.datafile.db import database
from models.plans.tables import Plan
from models.residents.tables import Resident
from models.signups.records import (
    CancelResult,
    CompanionRecord,
    LogEntry,
    NewSignup,
    SignupCounts,
    SignupRecord,
    SignupResult,
)
from models.signups.rules import (
    ACTIVE,
    ATTENDED,
    CANCELLED,
    NO_SHOW,
    REGISTERED,
    SEATED,
    WAITLIST,
    CompanionInfo,
    Party,
    Person,
    Rules,
    RuleWarning,
    check_eligibility,
    check_transition,
    party_size,
    promotions,
    seats_used,
    split_tags,
    status_for_new,
)
from models.signups.tables import Companion, Signup, SignupKept, SignupLog

__all__ = [
    "ActivityNotFound", "SignupNotFound", "DuplicateSignup", "activity_rules", "check_signup",
    "sign_up", "cancel_signup", "change_status", "get_signup", "list_signups", "signup_counts",
    "link_resident", "mark_phoned", "bulk_sign_up", "update_signup", "signup_log", "mark_no_shows",
    "count_signups",
]

ORDERS = ("position", "strokes")


class ActivityNotFound(UserError, LookupError):
    def __init__(self, plan_id: int) -> None:
        super().__init__(f"找不到编号为 {plan_id} 的活动，可能已被删除。")


class SignupNotFound(UserError, LookupError):
    def __init__(self, signup_id: int) -> None:
        super().__init__(f"找不到编号为 {signup_id} 的报名记录，可能已被删除。")


class DuplicateSignup(UserError):
    """The same resident is already signed up; .existing is their sign-up."""

    def __init__(self, existing: SignupRecord) -> None:
        when = existing.signed_up.strftime("%Y-%m-%d %H:%M")
        super().__init__(f"{existing.name}已经报名了本活动（{when}，状态：{existing.status}，"
                         f"报名序号 {existing.position}），不能重复报名。")
        self.existing = existing


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def _plan(plan_id: int) -> Plan:
    plan = Plan.get_or_none(Plan.id == plan_id)
    if plan is None:
        raise ActivityNotFound(plan_id)
    return plan


def as_date(value: object) -> date | None:
    """A date from what SQLite hands back (None, ISO text, date or datetime)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def activity_rules(plan_id: int) -> Rules:
    plan = _plan(plan_id)
    return Rules(
        activity_day=as_date(plan.start), min_age=plan.min_age, max_age=plan.max_age,
        required_tags=split_tags(plan.required_tags or ""), companion_age=plan.companion_age,
        reg_start=as_date(plan.reg_start), reg_end=as_date(plan.reg_end))


def _parties(plan_id: int, counts_companions: bool) -> list[Party]:
    rows = database.obj.execute_sql(
        "SELECT s.id, s.status, s.position, (SELECT count(*) FROM companion c "
        "WHERE c.signup_id = s.id) FROM signup s WHERE s.plan_id = ? AND s.status != ?",
        (plan_id, CANCELLED))
    return [Party(i, st, pos, party_size(n, counts_companions)) for i, st, pos, n in rows]


def _log(signup_id: int, old: str, new: str, when: datetime, note: str = "") -> None:
    SignupLog.insert(signup=signup_id, from_status=old, to_status=new, time=when,
                     note=note).execute()


def _resident_person(resident_id: int) -> tuple[Resident, Person]:
    res = Resident.get_or_none(Resident.id == resident_id)
    if res is None:
        raise UserError(f"找不到编号为 {resident_id} 的居民，可能已被彻底删除。")
    tags = tuple(r[0] for r in database.obj.execute_sql(
        "SELECT t.name FROM resident_tag rt JOIN tag t ON t.id = rt.tag_id "
        "WHERE rt.resident_id = ?", (resident_id,)))
    return res, Person(birth=as_date(res.birth), gender=res.gender, tags=tags)


def _existing(plan_id: int, resident_id: int) -> SignupRecord | None:
    row = (Signup.select(Signup.id)
           .where((Signup.plan == plan_id) & (Signup.resident == resident_id)
                  & (Signup.status != CANCELLED)).first())
    return _records([row.id])[0] if row else None


def check_signup(plan_id: int, new: NewSignup, *, today: date | None = None,
                 ) -> list[RuleWarning]:
    """The rules this sign-up would break (nothing saved). A resident already signed up raises
    DuplicateSignup with the existing sign-up."""
    with database.atomic():
        return _check(plan_id, new, today or date.today())


def _check(plan_id: int, new: NewSignup, today: date) -> list[RuleWarning]:
    rules = activity_rules(plan_id)
    if new.resident_id is not None:
        existing = _existing(plan_id, new.resident_id)
        if existing is not None:
            raise DuplicateSignup(existing)
        _res, person = _resident_person(new.resident_id)
    else:
        if not new.name.strip():
            raise UserError("请填写报名人的姓名。")
        person = Person(known=False)
    comps = [CompanionInfo(c.relation, c.age) for c in new.companions]
    return check_eligibility(rules, person, comps, today)


def sign_up(plan_id: int, new: NewSignup, *, override_note: str = "",
            now: datetime | None = None, status: str | None = None) -> SignupResult:
    """Sign up a resident or a walk-in. Broken rules return saved=False with the warnings unless
    override_note says why the clerk accepts them (kept on the sign-up). The status is 已报名 when
    there is room, else 候补; status=已签到 is for a walk-in checked in at the door."""
    when = _now(now)
    with database.atomic():
        warnings = _check(plan_id, new, when.date())
        if warnings and not override_note.strip():
            return SignupResult(False, None, warnings)
        plan = _plan(plan_id)
        name, phone = new.name.strip(), new.phone.strip()
        if new.resident_id is not None:
            res, _p = _resident_person(new.resident_id)
            name, phone = res.name, phone or res.phone
        size = party_size(len(new.companions), plan.capacity_counts_companions)
        parties = _parties(plan_id, plan.capacity_counts_companions)
        chosen = status or status_for_new(plan.capacity, parties, size)
        position = 1 + (database.obj.execute_sql(
            "SELECT coalesce(max(position), 0) FROM signup WHERE plan_id = ?",
            (plan_id,)).fetchone()[0])
        initials = pinyin_keys(name)[1]
        sid = Signup.insert(
            plan=plan_id, resident=new.resident_id, name=name, phone=phone, status=chosen,
            position=position, signed_up=when, checked_in=when if chosen == ATTENDED else None,
            fee_paid_fen=max(0, new.fee_paid_fen), receipt_no=new.receipt_no.strip(),
            notes=new.notes.strip(), override_note=override_note.strip() if warnings else "",
            warnings="\n".join(w.message for w in warnings), walk_in=new.walk_in,
            name_initials=initials, phone_digits="".join(ch for ch in phone if ch.isdigit()),
        ).execute()
        _write_companions(sid, new.companions)
        note = ("现场签到" if chosen == ATTENDED
                else "名额已满，进入候补" if chosen == WAITLIST else "")
        _log(sid, "", chosen, when, note)
        return SignupResult(True, _records([sid])[0], warnings)


def bulk_sign_up(plan_id: int, entries: Sequence[tuple[NewSignup, datetime]]) -> int:
    """Many sign-ups in one transaction without rule checks (demo data, benchmarks, imports of a
    list the office already accepted): statuses follow capacity and the waitlist as sign_up
    would; residents already signed up are skipped. Returns how many were added."""
    cur = database.obj.cursor()
    with database.atomic():
        plan = _plan(plan_id)
        parties = _parties(plan_id, plan.capacity_counts_companions)
        used = seats_used(parties)
        waiting = any(p.status == WAITLIST for p in parties)
        position = cur.execute("SELECT coalesce(max(position), 0) FROM signup WHERE plan_id = ?",
                               (plan_id,)).fetchone()[0]
        taken = {r[0] for r in cur.execute(
            "SELECT resident_id FROM signup WHERE plan_id = ? AND status != ? AND resident_id "
            "IS NOT NULL", (plan_id, CANCELLED))}
        ids = [e.resident_id for e, _w in entries if e.resident_id is not None]
        people: dict[int, tuple[str, str]] = {}
        for at in range(0, len(ids), 900):
            chunk = ids[at:at + 900]
            marks = ",".join("?" * len(chunk))
            for rid, name, phone in cur.execute(
                    f"SELECT id, name, phone FROM resident WHERE id IN ({marks})", chunk):
                people[rid] = (name, phone)
        added = 0
        for new, when in entries:
            name, phone = new.name.strip(), new.phone.strip()
            if new.resident_id is not None:
                if new.resident_id in taken or new.resident_id not in people:
                    continue
                taken.add(new.resident_id)
                name, phone = people[new.resident_id]
            size = party_size(len(new.companions), plan.capacity_counts_companions)
            if plan.capacity is None or (not waiting and used + size <= plan.capacity):
                status, used = REGISTERED, used + size
            else:
                status, waiting = WAITLIST, True
            position += 1
            when = when.replace(microsecond=0)
            sid = cur.execute(
                "INSERT INTO signup (plan_id, resident_id, name, phone, status, position, "
                "signed_up, fee_paid_fen, receipt_no, notes, override_note, warnings, promoted, "
                "walk_in, name_initials, phone_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', "
                "'', 0, ?, ?, ?)",
                (plan_id, new.resident_id, name, phone, status, position, str(when),
                 new.fee_paid_fen, new.receipt_no, new.notes, int(new.walk_in),
                 pinyin_keys(name)[1], "".join(ch for ch in phone if ch.isdigit()))).lastrowid
            cur.executemany(
                "INSERT INTO companion (signup_id, position, name, relation, age, phone) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(sid, i, c.name, c.relation, c.age, c.phone)
                 for i, c in enumerate(new.companions)])
            cur.execute("INSERT INTO signup_log (signup_id, from_status, to_status, time, note) "
                        "VALUES (?, '', ?, ?, '')", (sid, status, str(when)))
            added += 1
        return added


def _write_companions(signup_id: int, companions: Sequence[CompanionRecord]) -> None:
    Companion.delete().where(Companion.signup == signup_id).execute()
    for i, c in enumerate(companions):
        Companion.insert(signup=signup_id, position=i, name=c.name.strip(),
                         relation=c.relation.strip(), age=c.age, phone=c.phone.strip()).execute()


def _promote(plan_id: int, when: datetime) -> list[int]:
    plan = _plan(plan_id)
    moved = promotions(plan.capacity, _parties(plan_id, plan.capacity_counts_companions))
    for sid in moved:
        Signup.update(status=REGISTERED, promoted=True).where(Signup.id == sid).execute()
        _log(sid, WAITLIST, REGISTERED, when, "候补递补，请电话通知")
    return moved


def _set_status(signup_id: int, new: str, when: datetime, note: str) -> Signup:
    row = Signup.get_or_none(Signup.id == signup_id)
    if row is None:
        raise SignupNotFound(signup_id)
    check_transition(row.status, new)
    values: dict[str, object] = {"status": new}
    if new == ATTENDED:
        values["checked_in"] = when
    elif row.status == ATTENDED:
        values["checked_in"] = None
    Signup.update(**values).where(Signup.id == signup_id).execute()
    _log(signup_id, row.status, new, when, note)
    return row


def cancel_signup(signup_id: int, note: str = "", *, now: datetime | None = None,
                  ) -> CancelResult:
    """Cancel; the first on the waitlist moves up (logged, flagged to be phoned)."""
    when = _now(now)
    with database.atomic():
        row = _set_status(signup_id, CANCELLED, when, note)
        moved = _promote(row.plan_id, when)
        return CancelResult(_records([signup_id])[0], _records(moved))


def change_status(signup_id: int, new: str, note: str = "", *, now: datetime | None = None,
                  ) -> SignupRecord:
    """Any allowed change (see signup_rules.TRANSITIONS); cancelling moves the waitlist."""
    if new == CANCELLED:
        return cancel_signup(signup_id, note, now=now).record
    when = _now(now)
    with database.atomic():
        _set_status(signup_id, new, when, note)
        return _records([signup_id])[0]


def mark_no_shows(plan_id: int, *, now: datetime | None = None) -> int:
    """After the activity: everyone still 已报名 becomes 未到; returns how many."""
    when = _now(now)
    with database.atomic():
        ids = [r.id for r in Signup.select(Signup.id).where(
            (Signup.plan == plan_id) & (Signup.status == REGISTERED))]
        for sid in ids:
            _set_status(sid, NO_SHOW, when, "活动结束未签到")
        return len(ids)


def mark_phoned(signup_id: int) -> SignupRecord:
    """The clerk phoned a promoted person: the highlight goes."""
    with database.atomic():
        if not Signup.update(promoted=False).where(Signup.id == signup_id).execute():
            raise SignupNotFound(signup_id)
        return _records([signup_id])[0]


def link_resident(signup_id: int, resident_id: int) -> SignupRecord:
    """Link a walk-in to the resident they turned out to be (refused if that resident is
    already signed up for the activity)."""
    with database.atomic():
        row = Signup.get_or_none(Signup.id == signup_id)
        if row is None:
            raise SignupNotFound(signup_id)
        if SignupKept.get_or_none(SignupKept.signup == signup_id) is not None:
            # Linking would put back what the clean-up of old personal data removed.
            raise UserError("这条报名的个人信息已按规定清除，不能再关联居民。")
        existing = _existing(row.plan_id, resident_id)
        if existing is not None and existing.id != signup_id:
            raise DuplicateSignup(existing)
        res, _p = _resident_person(resident_id)
        phone = row.phone or res.phone
        Signup.update(resident=resident_id, phone=phone,
                      phone_digits="".join(ch for ch in phone if ch.isdigit())
                      ).where(Signup.id == signup_id).execute()
        return _records([signup_id])[0]


def update_signup(signup_id: int, *, companions: Sequence[CompanionRecord] | None = None,
                  fee_paid_fen: int | None = None, receipt_no: str | None = None,
                  notes: str | None = None) -> SignupRecord:
    """Change the details of a sign-up (not its status). Adding companions where they take seats
    does not push anyone out: the clerk sees the count go over and decides."""
    with database.atomic():
        values: dict[str, object] = {}
        if fee_paid_fen is not None:
            values["fee_paid_fen"] = max(0, fee_paid_fen)
        if receipt_no is not None:
            values["receipt_no"] = receipt_no.strip()
        if notes is not None:
            values["notes"] = notes.strip()
        if Signup.get_or_none(Signup.id == signup_id) is None:
            raise SignupNotFound(signup_id)
        if values:
            Signup.update(**values).where(Signup.id == signup_id).execute()
        if companions is not None:
            _write_companions(signup_id, companions)
        return _records([signup_id])[0]


_SELECT = (
    "SELECT s.id, s.plan_id, s.resident_id, s.name, s.phone, s.status, s.position, s.signed_up, "
    "s.checked_in, s.fee_paid_fen, s.receipt_no, s.notes, s.override_note, s.warnings, "
    "s.promoted, s.walk_in, coalesce(r.gender, k.gender, ''), r.birth, coalesce(r.id_number, ''), "
    "coalesce(r.building, k.building, ''), coalesce(r.unit, '') || coalesce(r.room, ''), "
    "coalesce(r.stroke_key, ''), coalesce(k.age_band, ''), k.cleaned "
    "FROM signup s LEFT JOIN resident r ON r.id = s.resident_id "
    "LEFT JOIN signup_kept k ON k.signup_id = s.id ")


def _dt(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _build(rows: Iterable[tuple]) -> list[SignupRecord]:
    out = [SignupRecord(
        id=r[0], plan_id=r[1], resident_id=r[2], name=r[3], phone=r[4], status=r[5],
        position=r[6], signed_up=_dt(r[7]) or datetime.min, checked_in=_dt(r[8]),
        fee_paid_fen=r[9], receipt_no=r[10], notes=r[11], override_note=r[12], warnings=r[13],
        promoted=bool(r[14]), walk_in=bool(r[15]), gender=r[16], birth=as_date(r[17]),
        id_number=r[18], building=r[19], address=r[20], stroke_key=r[21], kept_age_band=r[22],
        cleaned=as_date(r[23])) for r in rows]
    _place_in_queue(out)
    by_id = {rec.id: rec for rec in out}
    ids = list(by_id)
    for at in range(0, len(ids), 900):
        chunk = ids[at:at + 900]
        marks = ",".join("?" * len(chunk))
        for sid, name, rel, age, phone in database.obj.execute_sql(
                f"SELECT signup_id, name, relation, age, phone FROM companion "
                f"WHERE signup_id IN ({marks}) ORDER BY signup_id, position", chunk):
            by_id[sid].companions.append(CompanionRecord(name, rel, age, phone))
    return out


def _place_in_queue(recs: list[SignupRecord]) -> None:
    """Each waiting record's place in its activity's live queue (1 = next to move up), read
    with one ordered query per activity (a count per row was quadratic: 25 s at 10,000)."""
    for plan_id in {r.plan_id for r in recs if r.status == WAITLIST}:
        queue = database.obj.execute_sql(
            "SELECT id FROM signup WHERE plan_id = ? AND status = ? ORDER BY position",
            (plan_id, WAITLIST))
        place = {sid: n for n, (sid,) in enumerate(queue, start=1)}
        for r in recs:
            if r.plan_id == plan_id and r.id in place:
                r.waitlist_place = place[r.id]


def _records(ids: Sequence[int]) -> list[SignupRecord]:
    out: dict[int, SignupRecord] = {}
    ids = list(ids)
    for at in range(0, len(ids), 900):
        chunk = ids[at:at + 900]
        marks = ",".join("?" * len(chunk))
        for rec in _build(database.obj.execute_sql(_SELECT + f"WHERE s.id IN ({marks})", chunk)):
            out[rec.id] = rec
    return [out[i] for i in ids if i in out]


def get_signup(signup_id: int) -> SignupRecord:
    with database.atomic():
        found = _records([signup_id])
    if not found:
        raise SignupNotFound(signup_id)
    return found[0]


def list_signups(plan_id: int, *, order: str = "position",
                 statuses: Iterable[str] | None = None) -> list[SignupRecord]:
    """The activity's sign-ups in sign-up order or 姓氏笔画 order (walk-ins not in the register
    are ordered by their name's stroke key too)."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    wanted = tuple(statuses) if statuses is not None else None
    with database.atomic():
        _plan(plan_id)
        sql = _SELECT + "WHERE s.plan_id = ?"
        params: list[object] = [plan_id]
        if wanted is not None:
            sql += f" AND s.status IN ({','.join('?' * len(wanted))})"
            params += list(wanted)
        recs = _build(database.obj.execute_sql(sql + " ORDER BY s.position", params))
    if order == "strokes":
        from models.common.name_keys import stroke_key

        recs.sort(key=lambda r: (r.stroke_key or stroke_key(r.name), r.position))
    return recs


def signup_counts(plan_id: int) -> SignupCounts:
    with database.atomic():
        plan = _plan(plan_id)
        by_status: dict[str, int] = {}
        companions = promoted = 0
        for status, n, comp, prom in database.obj.execute_sql(
                "SELECT s.status, count(*), sum((SELECT count(*) FROM companion c "
                "WHERE c.signup_id = s.id)), sum(s.promoted) FROM signup s "
                "WHERE s.plan_id = ? GROUP BY s.status", (plan_id,)):
            by_status[status] = n
            if status in SEATED:
                companions += comp or 0
                promoted += prom or 0
        used = seats_used(_parties(plan_id, plan.capacity_counts_companions))
    return SignupCounts(
        capacity=plan.capacity, seats_used=used,
        registered=sum(by_status.get(s, 0) for s in SEATED), waitlist=by_status.get(WAITLIST, 0),
        attended=by_status.get(ATTENDED, 0), no_show=by_status.get(NO_SHOW, 0),
        cancelled=by_status.get(CANCELLED, 0), companions=companions, promoted_pending=promoted)


def signup_log(signup_id: int) -> list[LogEntry]:
    with database.atomic():
        return [LogEntry(r.signup_id, r.from_status, r.to_status, r.time, r.note)
                for r in SignupLog.select().where(SignupLog.signup == signup_id)
                .order_by(SignupLog.id)]


def count_signups(plan_id: int | None = None) -> int:
    with database.atomic():
        q = Signup.select()
        if plan_id is not None:
            q = q.where(Signup.plan == plan_id)
        return q.count()


def active_statuses() -> frozenset[str]:
    return ACTIVE
