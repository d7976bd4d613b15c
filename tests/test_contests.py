"""The contests and honours service (models/contests/service.py) against a real data file: entries
with codes and late flags, scores typed by judges, results recomputed, honours reviewed."""
from __future__ import annotations

import random
import sqlite3
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from models.common.errors import UserError
from models.contests import corrections as fix
from models.contests import service as svc
from models.contests.records import NewContest, NewEntry
from models.contests.scoring import MEAN, SHARED, TRIMMED, TooFewJudges


def _contest(judges: int = 5, method: str = MEAN) -> tuple[int, list[int], list[int]]:
    c = svc.create_contest(NewContest("重阳书画评比", ["摄影", "书画"], deadline=date(2026, 10, 22),
                                      method=MEAN, levels=(("一等奖", 1), ("二等奖", 1))))
    photo = c.categories[0].id
    rng = random.Random(1)
    ids = [svc.add_entry(c.id, NewEntry(photo, f"参赛人{i}", f"作品{i}", date(2026, 10, 20 + i),
                                        "李敏"), rng).id for i in range(4)]
    jids = [svc.add_judge(c.id, f"评委{j}", "市摄影家协会").id for j in range(judges)]
    if method != MEAN:
        svc.set_rules(c.id, method, SHARED)
    return c.id, ids, jids


def test_entries_get_distinct_codes_and_late_ones_are_flagged_not_refused(db_path: Path) -> None:
    cid, ids, _ = _contest()
    entries = svc.list_entries(cid)
    assert len({e.code for e in entries}) == 4
    assert all(e.code.startswith("A") and len(e.code) == 4 for e in entries)
    late = {e.title: e.late for e in entries}
    # Deadline 22 October: the entries of the 23rd is late, the one of the 22nd is not.
    assert late == {"作品0": False, "作品1": False, "作品2": False, "作品3": True}
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM contest_entry WHERE late = 1").fetchone()[0] == 1


def test_results_recomputed_from_scores(db_path: Path) -> None:
    cid, ids, jids = _contest(judges=2)
    svc.set_scores(jids[0], {ids[0]: "9", ids[1]: "8.5", ids[2]: "7", ids[3]: "6"})
    res = svc.contest_results(cid)
    assert [r.rank for r in res.entries] == [None] * 4  # the second judge has not scored yet
    assert "尚未由每位评委打分" in res.notices[0]
    svc.set_scores(jids[1], {ids[0]: "6", ids[1]: "8.5", ids[2]: "7", ids[3]: "6"})
    res = svc.contest_results(cid)
    got = {r.entry.id: (r.total, r.rank, r.prize) for r in res.entries}
    assert got == {ids[1]: (Fraction(17, 2), 1, "一等奖"), ids[0]: (Fraction(15, 2), 2, "二等奖"),
                   ids[2]: (Fraction(7), 3, ""), ids[3]: (Fraction(6), 4, "")}
    # A score changed: the results follow, nothing was stored.
    svc.set_scores(jids[1], {ids[0]: "10"})
    assert svc.contest_results(cid).entries[0].entry.id == ids[0]


def test_bad_score_saves_nothing(db_path: Path) -> None:
    cid, ids, jids = _contest(judges=1)
    with pytest.raises(UserError, match="不是数字"):
        svc.set_scores(jids[0], {ids[0]: "9", ids[1]: "九"})
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM score").fetchone()[0] == 0


def test_trimmed_mean_needs_five_judges_and_removal_asks_to_choose_again(db_path: Path) -> None:
    cid, ids, jids = _contest(judges=4)
    with pytest.raises(TooFewJudges):
        svc.set_rules(cid, TRIMMED, SHARED)
    jids.append(svc.add_judge(cid, "评委4").id)
    svc.set_rules(cid, TRIMMED, SHARED)
    for j, jid in enumerate(jids):
        svc.set_scores(jid, {e: str(5 + (e * 7 + j * 3) % 5) for e in ids})
    before = svc.contest_results(cid)
    assert all(r.rank is not None for r in before.entries)
    with pytest.raises(TooFewJudges, match="至少 5 位评委"):
        svc.remove_judge(jids[0])
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM judge").fetchone()[0] == 5  # nothing removed
    after = svc.remove_judge(jids[0], new_method=MEAN)
    assert after.method == MEAN and len(after.judges) == 4
    assert con.execute("SELECT count(*) FROM score WHERE judge_id = ?",
                       (jids[0],)).fetchone()[0] == 0
    res = svc.contest_results(cid)
    for r in res.entries:  # totals from the four remaining judges only
        assert r.total == sum(Fraction(5 + (r.entry.id * 7 + j * 3) % 5) for j in range(1, 5)) / 4


def test_honours_reviewed_within_places_and_shown_per_person(db_path: Path) -> None:
    h = svc.create_honour_list("十佳“社区文明健康老人”", 2026, places=2, issuer="社区居委会")
    a = svc.nominate(h.id, "张桂英", "第一网格", "义务理发十余年")
    b = svc.nominate(h.id, "李建国", "社区老年协会", "平安巡逻")
    c = svc.nominate(h.id, "王秀兰", "冠名单位")
    with pytest.raises(UserError, match="推荐单位"):
        svc.nominate(h.id, "赵刚", " ")
    svc.review_nomination(a.id, "已通过", day=date(2026, 10, 25))
    svc.review_nomination(b.id, "已通过", day=date(2026, 10, 25))
    with pytest.raises(UserError, match="名额 2 名已满"):
        svc.review_nomination(c.id, "已通过")
    rec = svc.review_nomination(c.id, "未通过", "事迹不足")
    assert [n.name for n in rec.approved] == ["张桂英", "李建国"]
    assert svc.person_honours(name="张桂英")[0].title == "十佳“社区文明健康老人”"
    assert svc.person_honours(name="王秀兰") == []


def test_demo_contest_and_elders(db_path: Path) -> None:
    from models.contests.demo import make_demo_contests
    from models.plans.demo import make_demo

    make_demo()
    summary = make_demo_contests()
    assert summary is not None
    res = svc.contest_results(summary.contest_id)
    assert [c.name for c in res.contest.categories] == ["摄影", "书画", "诗词"]
    assert len(res.entries) == 40 and len(res.contest.judges) == 5
    assert all(len(r.scores) == 5 and None not in r.scores for r in res.entries)
    assert {r.prize for r in res.entries} >= {"一等奖", "二等奖", "三等奖", "优秀奖"}
    honours = svc.get_honour_list(summary.honour_list_id)
    assert len(honours.approved) == 10 and honours.places == 10


def test_full_marks_refuse_a_score_above_and_cannot_shrink_under_given_scores(
        db_path: Path) -> None:
    cid, ids, jids = _contest(judges=1)
    fix.set_full_marks(cid, 10)
    with pytest.raises(UserError, match="超过满分 10 分"):
        svc.set_scores(jids[0], {ids[0]: "9", ids[1]: "10.5"})
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM score").fetchone()[0] == 0  # all or nothing
    svc.set_scores(jids[0], {ids[0]: "9", ids[1]: "10"})
    with pytest.raises(UserError, match="超过 8 分"):
        fix.set_full_marks(cid, 8)
    assert con.execute("SELECT full_marks FROM contest").fetchone()[0] == 10
    with pytest.raises(UserError, match="满分 0 不合理"):
        fix.set_full_marks(cid, 0)


def test_entry_corrected_and_deleted_with_its_scores(db_path: Path) -> None:
    cid, ids, jids = _contest(judges=1)
    c = svc.get_contest(cid)
    photo, calligraphy = c.categories[0].id, c.categories[1].id
    svc.set_scores(jids[0], {ids[0]: "9", ids[1]: "8"})
    before = {e.id: e for e in svc.list_entries(cid)}
    # Same category: the code stays; a later date makes it late.
    fix.update_entry(ids[0], NewEntry(photo, "王秀英", "古渡晨光", date(2026, 10, 25), "王芳"))
    # Another category: a code of that category's letter.
    fix.update_entry(ids[1], NewEntry(calligraphy, "赵建国", "墨竹", date(2026, 10, 21)))
    con = sqlite3.connect(db_path)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT id, code, name, title, late, category_id, received_by FROM contest_entry")}
    assert rows[ids[0]] == (before[ids[0]].code, "王秀英", "古渡晨光", 1, photo, "王芳")
    assert rows[ids[1]][0].startswith("B") and rows[ids[1]][1:5] == ("赵建国", "墨竹", 0,
                                                                      calligraphy)
    fix.delete_entry(ids[0])
    assert con.execute("SELECT count(*) FROM contest_entry WHERE id = ?",
                       (ids[0],)).fetchone()[0] == 0
    assert con.execute("SELECT entry_id FROM score").fetchall() == [(ids[1],)]
    with pytest.raises(UserError, match="找不到"):
        fix.delete_entry(ids[0])


def test_results_with_typed_scores_laid_over_write_nothing(db_path: Path) -> None:
    cid, ids, jids = _contest(judges=1)
    fix.set_full_marks(cid, 10)
    svc.set_scores(jids[0], {ids[0]: "9", ids[1]: "8", ids[2]: "7", ids[3]: "6"})
    typed = {(jids[0], ids[3]): "9.5", (jids[0], ids[0]): ""}
    res = svc.contest_results(cid, typed)
    ranks = {r.entry.id: r.rank for r in res.entries}
    assert ranks[ids[3]] == 1 and ranks[ids[0]] is None  # typed over; cleared
    with pytest.raises(UserError, match="超过满分"):
        svc.contest_results(cid, {(jids[0], ids[1]): "12"})
    con = sqlite3.connect(db_path)
    assert sorted(v for (v,) in con.execute("SELECT value FROM score")) == ["6", "7", "8", "9"]
