"""Demo sign-ups for the demo plans: people from the register who fit each activity, signed up
inside its registration window; some activities full with a waitlist, one cancellation that moved
the waitlist, and for activities already held, check-ins and no-shows.

Used by `main.py demo` (and bench/bench_signups.py for a large activity).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from models.datafile.db import database
from models.plans.records import PlanRecord
from models.plans.service import list_plans, load_plan
from models.residents.query import birth_bound
from models.signups.records import CompanionRecord, NewSignup
from models.signups.rules import REGISTERED, split_tags
from models.signups.service import bulk_sign_up, cancel_signup, list_signups


@dataclass
class DemoSignupSummary:
    plan_id: int
    title: str
    registered: int
    waitlist: int
    attended: int


def _eligible_ids(plan_id: int, day: date, limit: int, rng: random.Random) -> list[int]:
    rec = load_plan(plan_id)
    conds, params = ["r.deleted = 0"], []
    kids = rec.max_age is not None and rec.max_age < 18
    lo, hi = (25, 40) if kids else (rec.min_age, rec.max_age)
    if lo is not None:
        conds.append("r.birth <= ?")
        params.append(birth_bound(day, lo).isoformat())
    if hi is not None:
        conds.append("r.birth > ?")
        params.append(birth_bound(day, hi + 1).isoformat())
    for tag in split_tags(rec.required_tags):
        if tag in ("女性", "妇女") or kids:
            conds.append("r.gender = '女'")
        elif tag == "男性":
            conds.append("r.gender = '男'")
        elif database.obj.execute_sql(
                "SELECT 1 FROM resident_tag rt JOIN tag t ON t.id = rt.tag_id WHERE t.name = ? "
                "LIMIT 1", (tag,)).fetchone():  # a group the demo register does not have: skip
            conds.append("r.id IN (SELECT rt.resident_id FROM resident_tag rt JOIN tag t "
                         "ON t.id = rt.tag_id WHERE t.name = ?)")
            params.append(tag)
    ids = [r[0] for r in database.obj.execute_sql(
        f"SELECT r.id FROM resident r WHERE {' AND '.join(conds)} ORDER BY r.id", params)]
    rng.shuffle(ids)
    return ids[:limit]


def _birth_age(plan_id: int, rid: int, day: date) -> int | None:
    row = database.obj.execute_sql("SELECT birth FROM resident WHERE id = ?", (rid,)).fetchone()
    if not row or not row[0]:
        return None
    b = date.fromisoformat(str(row[0])[:10])
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def registration_days(rec: PlanRecord, today: date) -> tuple[date, date] | None:
    """The days of the registration window up to yesterday (the plan's window, else the ten
    days before the activity): the demo signs nobody up on a day still to come. None when the
    window has not opened by yesterday."""
    if rec.start is None:
        return None
    day = rec.start.date()
    first = rec.reg_start or day - timedelta(days=10)
    last = min(rec.reg_end or day - timedelta(days=1), today - timedelta(days=1))
    return (first, last) if first <= last else None


def demo_signups_for(plan_id: int, count: int, rng: random.Random,
                     today: date | None = None) -> int:
    """Sign up `count` fitting residents (fewer if the register holds fewer) on days of the
    registration window that have passed."""
    rec = load_plan(plan_id)
    window = registration_days(rec, today or date.today())
    if rec.start is None or window is None:
        return 0
    day = rec.start.date()
    start = datetime.combine(window[0], datetime.min.time())
    days = (window[1] - window[0]).days + 1
    ids = _eligible_ids(plan_id, day, count, rng)
    # Office hours: 8:30 to 17:30 on a day of the registration window.
    times = sorted(start + timedelta(days=rng.randrange(days), minutes=510 + rng.randrange(540),
                                     seconds=rng.randrange(60)) for _ in ids)
    kids = rec.max_age is not None and rec.max_age < 18
    entries = []
    for rid, when in zip(ids, times, strict=True):
        comps: list[CompanionRecord] = []
        if kids:
            comps.append(CompanionRecord(rng.choice("王李张刘陈杨黄赵周吴")
                                         + rng.choice("子梓欣一浩雨")
                                         + rng.choice("涵轩怡诺然萱"),
                                         "子女", rng.randint(max(0, rec.min_age or 0),
                                                             rec.max_age or 3)))
        elif rec.companion_age is not None:
            age = _birth_age(plan_id, rid, day)
            if age is not None and age >= rec.companion_age:
                name = database.obj.execute_sql("SELECT name FROM resident WHERE id = ?",
                                                (rid,)).fetchone()[0]
                comps.append(CompanionRecord(name[0] + rng.choice("建国秀英志强丽红文军海燕") +
                                             rng.choice("华明平芳伟静"), "子女", None,
                                             f"139{rng.randrange(10**8):08d}"))
        fee = rec.fee_fen if rec.fee_fen else 0
        entries.append((NewSignup(resident_id=rid, companions=comps, fee_paid_fen=fee,
                                  receipt_no=f"SJ{rng.randrange(10**6):06d}" if fee else ""),
                        when))
    return bulk_sign_up(plan_id, entries)


def _attend(plan_id: int, start: datetime, rng: random.Random) -> None:
    """About 85% came (checked in within 40 minutes of the start), the rest did not; in bulk,
    with the log rows change_status would write."""
    rows = [(r.id, "已签到" if rng.random() < 0.85 else "未到",
             str(start + timedelta(minutes=rng.randrange(40), seconds=rng.randrange(60))))
            for r in list_signups(plan_id, statuses=[REGISTERED])]
    cur = database.obj.cursor()
    with database.atomic():
        cur.executemany("UPDATE signup SET status = ?, checked_in = CASE WHEN ? = '已签到' THEN ? "
                        "END WHERE id = ?", [(st, st, t, sid) for sid, st, t in rows])
        cur.executemany("INSERT INTO signup_log (signup_id, from_status, to_status, time, note) "
                        "VALUES (?, '已报名', ?, ?, ?)",
                        [(sid, st, t, "现场签到" if st == "已签到" else "活动结束未签到")
                         for sid, st, t in rows])


def make_demo_signups(*, big: int = 0, seed: int = 2026, today: date | None = None,
                      ) -> list[DemoSignupSummary]:
    """Sign-ups for every demo plan whose registration opened before today; one activity
    without a capacity (or the last) gets `big` sign-ups when big > 0."""
    rng = random.Random(seed)
    today = today or date.today()
    out: list[DemoSignupSummary] = []
    plans = [p for p in list_plans() if p.start is not None and p.kind == "plan"
             and registration_days(load_plan(p.id), today) is not None]
    big_id = None
    if big > 0 and plans:
        open_ones = [p.id for p in plans if load_plan(p.id).capacity is None]
        big_id = open_ones[0] if open_ones else plans[-1].id
    for p in plans:
        rec = load_plan(p.id)
        if p.id == big_id:
            n = big
        elif rec.capacity:
            # Every other activity fills up and has a waitlist; the rest fill about two thirds.
            n = rec.capacity + 4 if len(out) % 2 == 0 else rec.capacity * 2 // 3
        else:
            n = 40
        demo_signups_for(p.id, n, rng, today)
        recs = list_signups(p.id)
        waiting = [r for r in recs if r.status == "候补"]
        seated = [r for r in recs if r.status == REGISTERED]
        held = rec.start is not None and rec.start.date() < today
        if waiting and seated:
            # One cancellation: the head of the waitlist moved up and waits for a phone call.
            # A party with companions frees enough seats for the head of the queue.
            gone = max(seated, key=lambda r: (len(r.companions), -r.position))
            cancel_signup(gone.id, "家中临时有事", now=seated[-1].signed_up)
        if held:
            _attend(p.id, rec.start or datetime.now(), rng)
        recs = list_signups(p.id)
        out.append(DemoSignupSummary(
            p.id, p.title, sum(r.status in ("已报名", "已签到", "未到") for r in recs),
            sum(r.status == "候补" for r in recs), sum(r.status == "已签到" for r in recs)))
    return out


def make_demo_people_and_signups(*, big: int = 0, make_people: bool = True,
                                 ) -> tuple[int, list[DemoSignupSummary]]:
    """Demo sign-ups, with enough made-up residents first (about three for every place) unless
    make_people is False; returns (residents made, sign-up summaries). Used by `main.py demo` and
    the window's 生成演示数据, so both give the same demo."""
    from models.residents.demo import make_demo_residents  # only for the demo
    from models.residents.service import count_residents

    made = 0
    wanted = max(600, big * 3)
    have = count_residents()
    if make_people and have < wanted:
        made = make_demo_residents(wanted - have, seed=7)
    return made, make_demo_signups(big=big)
