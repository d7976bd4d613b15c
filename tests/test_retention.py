"""Clean-up of old personal data: personal details of old sign-ups go, every count and figure of
those activities stays the same, newer activities are untouched, one transaction after a backup."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from models.common.errors import UserError
from models.datafile import backup as bk
from models.datafile.restore import restore_from
from models.signups.figures import activity_figures
from models.signups.records import CompanionRecord, NewSignup
from models.signups.retention import (
    CLEARED_NAME,
    CleanupRefused,
    cleanup_personal_data,
    preview_cleanup,
)
from models.signups.rules import ATTENDED, CANCELLED, NO_SHOW
from models.signups.service import (
    change_status,
    link_resident,
    list_signups,
    sign_up,
    signup_counts,
    signup_log,
)
from tests.signup_factory import make_activity, make_resident

TODAY = date(2026, 11, 28)
PHONE = "13912345678"
NUM = "甲乙丙丁戊己庚辛壬癸子丑"


def _activity(title: str, start: datetime, residents: list[int], walk_ins: int) -> int:
    plan = make_activity(title, start=start, capacity=len(residents) + walk_ins - 1,
                         fee_fen=2000)
    when = start.replace(day=1)
    for i, rid in enumerate(residents):
        new = NewSignup(resident_id=rid, fee_paid_fen=2000, receipt_no=f"R{i:03d}",
                        notes="腿脚不便，需要搀扶",
                        companions=[CompanionRecord(f"同行{NUM[i]}", "子女", 5 + i,
                                                    "13700000000")] * (i % 3))
        rec = sign_up(plan, new, now=when, override_note="主任同意").record
        assert rec is not None
        if i % 4 == 0:
            change_status(rec.id, ATTENDED, "到场", now=start)
        elif i % 4 == 1:
            change_status(rec.id, NO_SHOW, "电话没人接", now=start)
        elif i % 5 == 2:
            change_status(rec.id, CANCELLED, "家里有事", now=when)
    for j in range(walk_ins):
        sign_up(plan, NewSignup(name=f"路人{NUM[j]}", phone=PHONE, walk_in=True), now=start)
    return plan


def _state(plan: int, day: date) -> tuple:
    recs = list_signups(plan)
    return signup_counts(plan), activity_figures(recs, day, today=TODAY), \
        [(r.status, r.position, r.signed_up, r.checked_in, r.fee_paid_fen, r.walk_in,
          r.promoted, len(r.companions), [c.relation for c in r.companions]) for r in recs], \
        [[(e.from_status, e.to_status, e.time) for e in signup_log(r.id)] for r in recs]


def con_count(path: Path, sql: str, *params: object) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def _make(db_path: Path) -> tuple[int, int, list[int]]:
    rids = [make_resident(f"居民{NUM[i]}", date(1940 + 3 * i, 3, 1), gender="男女"[i % 2],
                          phone=PHONE, seq=i, building=f"{1 + i % 3}幢") for i in range(12)]
    old = _activity("2021年重阳节登山", datetime(2021, 10, 14, 9), rids, 3)
    new = _activity("2025年重阳节登山", datetime(2025, 10, 29, 9), rids[:6], 1)
    return old, new, rids


def test_counts_and_figures_stay_personal_details_go(db_path: Path) -> None:
    old, new, rids = _make(db_path)
    before_old, before_new = _state(old, date(2021, 10, 14)), _state(new, date(2025, 10, 29))
    new_recs = list_signups(new)

    preview = preview_cleanup(3, today=TODAY)
    assert (preview.activities, preview.signups) == (1, 15)
    assert preview.companions == sum(len(r.companions) for r in list_signups(old))
    assert preview.oldest == preview.newest == date(2021, 10, 14)
    assert list_signups(old)[0].name == "居民甲", "a preview changes nothing"

    result = cleanup_personal_data(3, today=TODAY)
    assert result.preview.signups == 15
    assert result.backup is not None and result.backup.is_file()
    assert bk.parse_backup_name(db_path.stem, result.backup.name)[1] == "before-cleanup"

    assert _state(old, date(2021, 10, 14)) == before_old
    assert _state(new, date(2025, 10, 29)) == before_new
    assert list_signups(new) == new_recs, "a newer activity is untouched"
    fig = before_old[1]
    assert len(fig.by_age) > 1 and len(fig.by_sex) == 3 and len(fig.by_building) == 4

    for r in list_signups(old):
        assert r.name == CLEARED_NAME and r.resident_id is None and r.cleaned == TODAY
        assert (r.phone, r.notes, r.receipt_no, r.override_note, r.warnings, r.id_number,
                r.address, r.birth) == ("", "", "", "", "", "", "", None)
        assert all((c.name, c.phone, c.age) == ("", "", None) for c in r.companions)
        assert all(e.note == "" for e in signup_log(r.id))
    # Nothing personal left in the raw rows either (the file itself, not just what lists show).
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT * FROM signup WHERE plan_id = ?", (old,)).fetchall()
    comps = con.execute("SELECT c.* FROM companion c JOIN signup s ON s.id = c.signup_id "
                        "WHERE s.plan_id = ?", (old,)).fetchall()
    con.close()
    text = repr(rows) + repr(comps)
    for word in (PHONE, "居民", "路人", "同行", "搀扶", "R00", "主任"):
        assert word not in text
    # Nor in the file's bytes: no old copy of a page in free space or in the WAL file.
    raw = b"".join(p.read_bytes() for p in (db_path, Path(f"{db_path}-wal")) if p.exists())
    for word in ("路人乙", "路人丙", "同行辛", "同行壬", "R010", "R011"):  # only in the old one
        assert word.encode() not in raw, word
    # The register itself is not the clean-up's business.
    assert con_count(db_path, "SELECT count(*) FROM resident WHERE phone = ?", PHONE) == len(rids)

    with pytest.raises(UserError, match="已按规定清除"):
        link_resident(list_signups(old)[0].id, rids[0])
    assert preview_cleanup(3, today=TODAY).signups == 0, "a second run finds nothing"
    again = cleanup_personal_data(3, today=TODAY)
    assert again.backup is None and _state(old, date(2021, 10, 14)) == before_old


def test_years_must_be_at_least_one(db_path: Path) -> None:
    _make(db_path)
    for bad in (0, -2):
        with pytest.raises(CleanupRefused, match="1 或更大"):
            cleanup_personal_data(bad, today=TODAY)
        with pytest.raises(CleanupRefused):
            preview_cleanup(bad, today=TODAY)
    assert preview_cleanup(1, today=TODAY).activities == 2  # both are over a year ago


def test_restore_of_the_backup_brings_the_details_back(db_path: Path) -> None:
    old, _new, _ = _make(db_path)
    names = [r.name for r in list_signups(old)]
    result = cleanup_personal_data(2, today=TODAY)
    assert result.backup is not None
    restore_from(db_path, result.backup)
    assert [r.name for r in list_signups(old)] == names


def test_the_cut_off_is_the_activity_end(db_path: Path) -> None:
    # Ends exactly three years before today: not "more than" three years ago, kept.
    make_activity("边界", start=datetime(2023, 11, 28, 9))
    plan = make_activity("早一天", start=datetime(2023, 11, 27, 9))
    sign_up(plan, NewSignup(name="张三", phone=PHONE), now=datetime(2023, 11, 1))
    p = preview_cleanup(3, today=TODAY)
    assert (p.activities, p.signups) == (1, 1)
    assert "2023年11月28日以前" in p.text() and "（2023年11月27日）" in p.text()


def test_command_line_previews_without_yes(db_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import main
    from models.datafile.db import close_database, open_database

    today = date.today()
    old = make_activity("旧活动", start=datetime(today.year - 5, 6, 1, 9))
    recent = make_activity("近期活动", start=datetime(today.year, today.month, 1, 9))
    for plan in (old, recent):
        for name in ("张三", "李四"):
            sign_up(plan, NewSignup(name=name, phone=PHONE), now=datetime(today.year - 5, 5, 1))
    close_database()
    argv = ["cleanup", "--db", str(db_path), "--years", "2"]

    assert main.main(argv) == 0
    close_database()
    out = capsys.readouterr().out
    assert "1 个活动" in out and "2 条报名" in out and "未作任何改动" in out
    open_database(db_path)
    assert [r.name for r in list_signups(old)] == ["张三", "李四"]
    close_database()

    assert main.main([*argv, "--yes"]) == 0
    close_database()
    assert "已清除 1 个活动中 2 条报名" in capsys.readouterr().out
    open_database(db_path)
    assert [r.name for r in list_signups(old)] == [CLEARED_NAME] * 2
    assert [r.name for r in list_signups(recent)] == ["张三", "李四"]
    close_database()

    assert main.main(["cleanup", "--db", str(db_path), "--years", "0", "--yes"]) == 2
    close_database()
    assert "1 或更大" in capsys.readouterr().err
    open_database(db_path)  # the fixture closes it
