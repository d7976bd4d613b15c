"""Relief, property tests: totals by category always equal the sum of the rows; a locked row never
changes whatever is tried on it; every change appears in the log (read back from the file); the
capital numerals of the sign-for sheet read back to the same fen."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.common.errors import UserError
from models.common.money import MAX_FEN, capital_text, parse_money
from models.relief import audit
from models.relief.beneficiaries import (
    EDITABLE,
    Locked,
    add_beneficiary,
    add_objection,
    correct,
    set_status,
    update_beneficiary,
)
from models.relief.figures import totals
from models.relief.records import STATUSES, NewBeneficiary, NewCampaign, NewCategory
from models.relief.service import allow_early_handover, create_campaign, set_posting

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture()
def relief_db(db_path: Path) -> Iterator[Path]:
    audit.set_clerk("王丽")
    yield db_path


def _campaign() -> tuple[int, list[int]]:
    rec = create_campaign(NewCampaign("送温暖", date(2026, 12, 1), date(2027, 2, 1), categories=[
        NewCategory("低保户", "每户", 50000), NewCategory("困难党员", "每人", 30000),
        NewCategory("独居老人", "每人", 20000, [("米", 5000)])]))
    return rec.id, [c.id for c in rec.categories]


ROW = st.tuples(st.integers(0, 2), st.integers(1, 6), st.none() | st.integers(0, 10**7),
                st.sampled_from(["", "已撤回", "不予发放"]), st.integers(0, 4))


@given(st.lists(ROW, max_size=30))
@FAST
def test_totals_equal_the_sum_of_the_rows(relief_db: Path, rows: list[tuple]) -> None:
    cid, cats = _campaign()
    for k, size, amount, end, door in rows:
        bid = add_beneficiary(cid, NewBeneficiary(cats[k], name="甲乙", building="1幢",
                                                  room=f"{door}01室", household_size=size,
                                                  amount_fen=amount)).id
        if end:
            set_status(bid, end, "原因")
    con = sqlite3.connect(relief_db)
    db_rows = con.execute("SELECT category_id, household, household_size, amount_fen FROM "
                          "relief_beneficiary WHERE campaign_id = ? AND status NOT IN "
                          "('已撤回', '不予发放')", (cid,)).fetchall()
    con.close()
    lines, overall = totals(cid)
    for cat_id, line in zip(cats, lines, strict=True):
        mine = [r for r in db_rows if r[0] == cat_id]
        assert line.amount_fen == sum(r[3] for r in mine)
        assert line.people == sum(r[2] for r in mine)
        assert line.households == len({r[1] for r in mine})
    assert overall.amount_fen == sum(r[3] for r in db_rows) == sum(x.amount_fen for x in lines)
    assert overall.people == sum(x.people for x in lines)


FIELD_VALUES = {"amount_fen": st.integers(0, 10**7), "household_size": st.integers(1, 8),
                "reason": st.text(max_size=8), "name": st.text("张王李赵钱孙", min_size=1,
                                                                max_size=3),
                "phone": st.sampled_from(["", "13812345678"]),
                "room": st.sampled_from(["101室", "202室"])}
CHANGE = st.sampled_from(sorted(FIELD_VALUES)).flatmap(
    lambda f: st.tuples(st.just(f), FIELD_VALUES[f]))
ACTION = st.one_of(
    st.tuples(st.just("update"), CHANGE),
    st.tuples(st.just("status"), st.sampled_from(STATUSES)),
    st.tuples(st.just("object"), st.just("")),
)


def _row(db: Path, bid: int) -> tuple:
    con = sqlite3.connect(db)
    row = con.execute("SELECT * FROM relief_beneficiary WHERE id = ?", (bid,)).fetchone()
    con.close()
    return row


def _log(db: Path, bid: int) -> list[tuple[str, str, str, str]]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT what, old, new, why FROM relief_log WHERE beneficiary_id = ? "
                       "ORDER BY id", (bid,)).fetchall()
    con.close()
    return rows


@given(st.lists(ACTION, min_size=1, max_size=12))
@FAST
def test_a_locked_row_never_changes(relief_db: Path, actions: list[tuple]) -> None:
    cid, cats = _campaign()
    bid = add_beneficiary(cid, NewBeneficiary(cats[0], name="张三", room="101室")).id
    set_posting(cid, date(2026, 12, 1))
    allow_early_handover(cid, "春节提前")
    for s in ("已核实", "已公示", "已审批", "已发放"):
        set_status(bid, s)
    before = _row(relief_db, bid)
    for kind, arg in actions:
        if kind == "object":
            add_objection(bid, "有人反映")  # allowed after hand-over: logged, no field changes
        elif kind == "update":
            with pytest.raises(Locked):
                update_beneficiary(bid, {arg[0]: arg[1]}, "改一下")
        else:
            with pytest.raises(Locked):
                set_status(bid, arg, "原因")
        assert _row(relief_db, bid) == before
    correct(bid, "金额", "应为 450 元", "核对")
    assert _row(relief_db, bid) == before


@given(st.lists(ACTION, min_size=1, max_size=12))
@FAST
def test_every_change_appears_in_the_log(relief_db: Path, actions: list[tuple]) -> None:
    cid, cats = _campaign()
    bid = add_beneficiary(cid, NewBeneficiary(cats[1], name="张三", room="101室")).id
    set_posting(cid, date(2026, 12, 1))
    allow_early_handover(cid, "春节提前")
    columns = [d[1] for d in sqlite3.connect(relief_db).execute(
        "PRAGMA table_info(relief_beneficiary)").fetchall()]
    for n, (kind, arg) in enumerate(actions):
        before = dict(zip(columns, _row(relief_db, bid), strict=True))
        logged = len(_log(relief_db, bid))
        why = f"第{n}次"
        try:
            if kind == "update":
                update_beneficiary(bid, {arg[0]: arg[1]}, why)
            elif kind == "status":
                set_status(bid, arg, why)
            else:
                add_objection(bid, why)
        except UserError:
            assert len(_log(relief_db, bid)) == logged  # refused: nothing written, nothing logged
            assert dict(zip(columns, _row(relief_db, bid), strict=True)) == before
            continue
        after = dict(zip(columns, _row(relief_db, bid), strict=True))
        new = _log(relief_db, bid)[logged:]
        changed = [c for c in EDITABLE if before[c] != after[c]]
        if kind == "update":
            assert [e[0] for e in new] == [EDITABLE[c] for c in changed]
            assert all(e[3] == why for e in new)
        elif kind == "status":
            assert new == [("状态", before["status"], arg, why)]
            assert not changed
        else:
            assert [e[0] for e in new] == ["异议"] and not changed
        # nothing outside what the log names has moved
        moved = {c for c in columns if before[c] != after[c]} - set(changed)
        assert moved <= {"status", "status_date", "locked", "household"}


@given(st.integers(0, MAX_FEN))
def test_capital_numerals_read_back(fen: int) -> None:
    words = capital_text(fen)
    assert parse_money(words) == fen
    assert set(words) <= set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
