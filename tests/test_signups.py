"""Sign-ups service: waitlist moves on cancel (logged, flagged), duplicates refused, overrides
kept, check-in at the door."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.signups import checkin
from models.signups.records import CompanionRecord, NewSignup
from models.signups.rules import ATTENDED, CANCELLED, REGISTERED, SEATED, WAITLIST
from models.signups.service import (
    DuplicateSignup,
    cancel_signup,
    change_status,
    list_signups,
    sign_up,
    signup_counts,
    signup_log,
)
from tests.signup_factory import make_activity, make_resident

NOW = datetime(2026, 10, 10, 9, 0)


def _walk(plan: int, name: str, comps: int = 0, **kw: object):
    new = NewSignup(name=name, phone="13800001111",
                    companions=[CompanionRecord(f"{name}家属{i}", "子女") for i in range(comps)])
    result = sign_up(plan, new, now=NOW, **kw)
    assert result.saved, result.warnings
    return result.record


def test_full_waitlist_and_promotion_on_cancel(db_path: Path) -> None:
    plan = make_activity(capacity=2)
    a, b, c, d = (_walk(plan, n) for n in ("甲一", "乙二", "丙三", "丁四"))
    assert [a.status, b.status, c.status, d.status] == [REGISTERED, REGISTERED, WAITLIST, WAITLIST]
    res = cancel_signup(a.id, "家中有事")
    assert res.record.status == CANCELLED
    assert [p.name for p in res.promoted] == ["丙三"] and res.promoted[0].promoted
    log = signup_log(c.id)
    assert [(e.from_status, e.to_status) for e in log] == [("", WAITLIST), (WAITLIST, REGISTERED)]
    assert "电话通知" in log[-1].note
    counts = signup_counts(plan)
    assert (counts.registered, counts.waitlist, counts.cancelled, counts.promoted_pending) == (
        2, 1, 1, 1)


def test_companions_count_against_capacity(db_path: Path) -> None:
    plan = make_activity(capacity=4, capacity_counts_companions=True)
    big = _walk(plan, "王家", comps=2)  # three seats
    assert big.status == REGISTERED
    assert _walk(plan, "李家", comps=1).status == WAITLIST  # two seats, one free
    counts = signup_counts(plan)
    assert (counts.seats_used, counts.companions, counts.free) == (3, 2, 1)


def test_duplicate_refused_with_existing(db_path: Path) -> None:
    plan = make_activity()
    rid = make_resident("张三", phone="13912345678")
    first = sign_up(plan, NewSignup(resident_id=rid), now=NOW)
    assert first.saved and first.record.phone == "13912345678"
    with pytest.raises(DuplicateSignup, match="张三已经报名了本活动") as err:
        sign_up(plan, NewSignup(resident_id=rid), now=NOW)
    assert err.value.existing.id == first.record.id
    # Cancelled: may sign up again.
    cancel_signup(first.record.id)
    assert sign_up(plan, NewSignup(resident_id=rid), now=NOW).saved


def test_broken_rule_needs_override_note_which_is_kept(db_path: Path) -> None:
    plan = make_activity(min_age=50, companion_age=70, reg_end=date(2026, 10, 14))
    young = make_resident("赵小", date(1990, 1, 1), seq=2)
    elder = make_resident("钱老", date(1950, 1, 1), seq=3)
    refused = sign_up(plan, NewSignup(resident_id=young), now=NOW)
    assert not refused.saved and [w.rule for w in refused.warnings] == ["age"]
    assert list_signups(plan) == []
    kept = sign_up(plan, NewSignup(resident_id=young), override_note="主任同意", now=NOW)
    assert kept.saved and kept.record.override_note == "主任同意"
    assert "不符合年龄要求" in kept.record.warnings
    warned = sign_up(plan, NewSignup(resident_id=elder), now=NOW)
    assert [w.rule for w in warned.warnings] == ["companion"]
    ok = sign_up(plan, NewSignup(resident_id=elder, companions=[CompanionRecord("钱小", "子女")]),
                 now=NOW)
    assert ok.saved and ok.warnings == []
    late = sign_up(plan, NewSignup(name="孙路人"), now=datetime(2026, 10, 20, 9))
    assert [w.rule for w in late.warnings] == ["window"]


def test_strokes_order(db_path: Path) -> None:
    plan = make_activity(capacity=None)
    for name in ("王五", "丁一", "张三", "马六"):
        _walk(plan, name)
    assert [r.name for r in list_signups(plan, order="strokes")] == ["丁一", "马六", "王五", "张三"]
    assert [r.name for r in list_signups(plan)] == ["王五", "丁一", "张三", "马六"]


# --- the waitlist under any sequence of sign-ups and cancels ----------------------------------

ops = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 3)),
    st.tuples(st.just("cancel"), st.integers(0, 200)),
    st.tuples(st.just("attend"), st.integers(0, 200)),
), min_size=1, max_size=30)


# One data file for all examples: each example works on an activity of its own, so they are
# independent (hence the function-scoped fixture is safe here).
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(capacity=st.integers(1, 6), counts=st.booleans(), steps=ops)
# A big family at the head of the queue keeps its place when only a small party would fit.
@example(capacity=2, counts=True, steps=[("add", 0), ("add", 2), ("add", 0), ("cancel", 0)])
def test_waitlist_properties(db_path: Path, capacity: int, counts: bool, steps: list) -> None:
    _run_waitlist(capacity, counts, steps)


def _run_waitlist(capacity: int, counts: bool, steps: list) -> None:
    plan = make_activity(capacity=capacity, capacity_counts_companions=counts)
    made: list[int] = []
    for op, arg in steps:
        if op == "add":
            n = len(made)
            rec = sign_up(plan, NewSignup(name=f"人{n}", companions=[
                CompanionRecord(f"伴{n}-{i}") for i in range(arg)]), now=NOW).record
            made.append(rec.id)
        elif made:
            target = made[arg % len(made)]
            status = {r.id: r.status for r in list_signups(plan)}[target]
            if op == "cancel" and status in (REGISTERED, WAITLIST):
                cancel_signup(target)
            elif op == "attend" and status == REGISTERED:
                change_status(target, ATTENDED)
        recs = list_signups(plan)
        # Nobody lost: every sign-up made is still there.
        assert sorted(r.id for r in recs) == sorted(made)
        size = {r.id: 1 + (len(r.companions) if counts else 0) for r in recs}
        used = sum(size[r.id] for r in recs if r.status in SEATED)
        # Never over capacity (a party larger than the capacity can never get in).
        assert used <= capacity
        waiting = [r for r in recs if r.status == WAITLIST]
        if waiting:
            # The head of the queue does not fit (else it would have moved up).
            head = min(waiting, key=lambda r: r.position)
            assert used + size[head.id] > capacity
            # Order kept: nobody promoted while someone who signed up earlier still waits.
            for r in recs:
                promoted = any(e.to_status == REGISTERED and e.from_status == WAITLIST
                               for e in signup_log(r.id))
                if promoted:
                    assert r.position < head.position


# --- check-in ----------------------------------------------------------------------------------

def test_check_in_by_initials_name_and_phone(db_path: Path) -> None:
    plan = make_activity(capacity=None)
    z = make_resident("张三丰", phone="13912345678", seq=1)
    make_resident("张三", phone="13700005678", seq=2)
    w = make_resident("王五", phone="13600001234", seq=3)
    for rid in (z, w):
        assert sign_up(plan, NewSignup(resident_id=rid), now=NOW).saved
    first = checkin.check_in(plan, "zsf", now=datetime(2026, 10, 29, 8, 41, 5))
    assert first.outcome == checkin.CHECKED_IN and first.record.name == "张三丰"
    again = checkin.check_in(plan, "张三丰")
    assert again.outcome == checkin.ALREADY
    assert "08:41:05" in again.message and "不能重复签到" in again.message
    assert checkin.check_in(plan, "1234").record.name == "王五"
    assert checkin.attendance(plan) == checkin.Attendance(2, 2)
    undone = checkin.undo_last_check_in(plan)
    assert undone.name == "王五" and undone.status == REGISTERED
    assert checkin.attendance(plan).attended == 1
    assert checkin.check_in(plan, "不存在").outcome == checkin.NOT_FOUND


def test_several_matches_returned_to_choose(db_path: Path) -> None:
    plan = make_activity(capacity=None)
    _walk(plan, "李明")
    _walk(plan, "李敏")
    result = checkin.check_in(plan, "lm")
    assert result.outcome == checkin.CHOOSE and len(result.matches) == 2
    picked = checkin.check_in_signup(result.matches[1].id)
    assert picked.outcome == checkin.CHECKED_IN and picked.record.name == "李敏"


def test_walk_in_added_and_checked_in(db_path: Path) -> None:
    plan = make_activity(capacity=1)
    _walk(plan, "甲")
    rec = checkin.add_walk_in(plan, "路人乙", "13811112222")
    assert rec.status == ATTENDED and rec.walk_in
    assert checkin.attendance(plan) == checkin.Attendance(1, 2)
    assert checkin.undo_last_check_in(plan).status == REGISTERED


def test_saved_v3_file_reads_its_signups(tmp_path: Path) -> None:
    import shutil

    from models.datafile.db import close_database, open_database

    copy = tmp_path / "v3.db"
    shutil.copy(Path(__file__).parent / "data" / "schema_v3.db", copy)
    open_database(copy)
    try:
        counts = signup_counts(3)  # the Double Ninth outing: full, with a waitlist
        assert counts.waitlist > 0 and counts.seats_used <= counts.capacity
        assert any(r.companions for r in list_signups(3))
    finally:
        close_database()


def test_link_walk_in_and_update_details(db_path: Path) -> None:
    from models.signups.service import link_resident, update_signup

    plan = make_activity(capacity=None)
    walk = _walk(plan, "张三")
    rid = make_resident("张三", phone="13912345678")
    linked = link_resident(walk.id, rid)
    assert linked.resident_id == rid and linked.id_number  # the register's data now joins in
    with pytest.raises(DuplicateSignup):
        sign_up(plan, NewSignup(resident_id=rid), now=NOW)
    done = update_signup(walk.id, fee_paid_fen=5000, receipt_no=" SJ001 ",
                         companions=[CompanionRecord("张小", "子女", 4)])
    assert (done.fee_paid_fen, done.receipt_no, done.companions_text()) == (
        5000, "SJ001", "张小（子女，4岁）")


def test_figures_on_the_activity_date(db_path: Path) -> None:
    from models.signups.figures import activity_figures

    plan = make_activity(capacity=None, start=datetime(2026, 10, 29, 9))
    # 60 on the activity's day (born 1966-10-29), 59 the day before it.
    old = make_resident("王老", date(1966, 10, 29), gender="男", seq=1, building="2幢")
    young = make_resident("李青", date(1966, 10, 30), gender="女", seq=2, building="10幢")
    for rid in (old, young):
        sign_up(plan, NewSignup(resident_id=rid), now=NOW)
    checkin.check_in(plan, "王老")
    recs = list_signups(plan)
    before = activity_figures(recs, date(2026, 10, 29), today=date(2026, 10, 29))
    assert (before.registered, before.attended, before.no_show) == (2, 1, 0)  # may still come
    after = activity_figures(recs, date(2026, 10, 29), today=date(2026, 11, 1))
    assert after.no_show == 1 and after.no_show_rate == 0.5
    assert [(b.group, b.registered, b.attended) for b in after.by_age] == [
        ("18-59岁", 1, 0), ("60-79岁", 1, 1)]
    assert [b.group for b in after.by_building] == ["2幢", "10幢"]  # natural order
    assert [(b.group, b.attended) for b in after.by_sex] == [("男", 1), ("女", 0)]
