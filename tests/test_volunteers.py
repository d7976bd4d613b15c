"""Volunteers wing, models: hours typed and summed exactly, the minimums held in proportion to the
months a member was in the register, the pace, eligibility shown as a check, the link to a
resident (name and phone show through, a roster update reaches the volunteer), certificates
numbered from the register with the ledger's figures. Every figure is read back from the file."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from models.common.errors import UserError
from models.volunteers.certificates import Issuer, issue_certificate, list_certificates
from models.volunteers.ledger import period_totals, year_figures
from models.volunteers.records import NewService, NewVolunteer, Rule, Served
from models.volunteers.rules import (
    PAUSED,
    TRAINING,
    active_months,
    hours_text,
    member_check,
    parse_minutes,
    required,
    stars,
    stars_text,
)
from models.volunteers.service import (
    add_volunteer,
    create_team,
    get_volunteer,
    record_service,
    set_rule,
    set_status,
)


@pytest.mark.parametrize(("typed", "minutes"), [
    ("2", 120), ("1.5", 90), ("0.25", 15), ("90分", 90), ("90分钟", 90), ("1小时20分", 80),
    ("1小时", 60), ("1:20", 80), ("１．５", 90), (" 3 ", 180), ("2h", 120),
])
def test_minutes_as_typed(typed: str, minutes: int) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["", "abc", "0", "-1", "25", "1.001", "1:75", "nan", "inf"])
def test_bad_minutes_refused_in_chinese(typed: str) -> None:
    with pytest.raises(UserError) as exc:
        parse_minutes(typed)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_hours_text_and_stars() -> None:
    assert [hours_text(m) for m in (0, 45, 60, 750)] == ["0分", "45分", "1小时", "12小时30分"]
    assert [stars(h * 60) for h in (0, 99, 100, 299, 300, 600, 1000, 1499, 1500, 9999)] == \
        [0, 0, 1, 1, 2, 3, 4, 4, 5, 5]
    assert stars_text(100 * 60 - 30) == "未达星级（再服务 30分 升一星）"
    assert stars_text(1500 * 60) == "五星"


def test_minimum_held_in_proportion_to_months_in_the_register() -> None:
    # Joined 20 March: April to December = 9 months (in the register on the 15th).
    assert active_months(2026, date(2026, 3, 20), None, []) == list(range(4, 13))
    # Paused from 1 May to 1 September: May..August do not count.
    assert active_months(2026, date(2025, 1, 1), None, [(date(2026, 5, 1), date(2026, 9, 1))]) \
        == [1, 2, 3, 4, 9, 10, 11, 12]
    assert required(10, 12) == 10 and required(10, 9) == 8 and required(10, 1) == 1
    c = member_check(7, 10, "次", 9, 365, 365)
    assert not c.met and c.short == 1 and "本年在册 9 个月" in c.reason and "差 1 次" in c.reason
    # Half-way with 3 done: on course for 6 of 10, flagged with the pace.
    c = member_check(3, 10, "次", 12, 182, 365)
    assert c.projected == 6 and "可能达不到" in c.reason
    c = member_check(6, 10, "次", 12, 182, 365)
    assert c.projected == 12 and c.reason == "" and not c.met
    # Hours instead of times: 20 hours owed, 19h30 done.
    c = member_check(19 * 60 + 30, 20, "小时", 12, 365, 365)
    assert c.owed == 1200 and "差 30分" in c.reason


def _team_and_people(n: int = 3, joined: date = date(2026, 1, 1)) -> tuple[int, list[int]]:
    team = create_team("环境整治服务队", "环境整治", "王建国", "社区服务中心",
                       "中共党员、预备党员、入党积极分子")
    ids = [add_volunteer(NewVolunteer(name=name, team_id=team.id, political="中共党员",
                                      joined=joined)).id
           for name in ("张三", "李四", "王五", "赵六")[:n]]
    return team.id, ids


def _sql_minutes(db: Path, volunteer_id: int, year: int) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT COUNT(*), COALESCE(SUM(h.minutes), 0) FROM service_hours h "
            "JOIN service s ON s.id = h.service_id WHERE h.volunteer_id = ? AND s.kind = '服务' "
            "AND s.day BETWEEN ? AND ?", (volunteer_id, f"{year}-01-01", f"{year}-12-31"),
        ).fetchone()
    finally:
        con.close()


def test_services_sum_exactly_and_training_counts_only_when_the_rule_says(db_path: Path) -> None:
    team, (a, b, c) = _team_and_people()
    # Minutes that are not whole tenths of an hour: 20 + 50 + 1h10 = 2h20 exactly.
    for day, mins in ((date(2026, 1, 10), 20), (date(2026, 2, 10), 50), (date(2026, 3, 10), 70)):
        record_service(NewService(day, team, [Served(a, mins, "带队"), Served(b, 60)],
                                  content="清理楼道"))
    record_service(NewService(date(2026, 4, 1), None, [Served(a, 120), Served(c, 120)],
                              TRAINING, content="专题培训"))
    fig = year_figures(2026, today=date(2026, 12, 31), with_honours=False)
    ma = fig.member(a)
    assert ma is not None and (ma.times, ma.minutes) == (3, 140) == _sql_minutes(db_path, a, 2026)
    assert (ma.training_times, ma.training_minutes) == (1, 120)
    assert hours_text(ma.minutes) == "2小时20分"
    assert "应至少 10 次，实际 3 次，差 7 次" in ma.check.reason
    mc = fig.member(c)
    assert mc is not None and mc.check.done == 0
    set_rule(team, Rule(1, 1, "次", training_counts=True))
    mc = year_figures(2026, today=date(2026, 12, 31), with_honours=False).member(c)
    assert mc is not None and mc.check.done == 1 and mc.check.met
    # The team served in January to March only: April onwards short, each month said.
    t = year_figures(2026, team, today=date(2026, 12, 31), with_honours=False).teams[0]
    assert t.month_reasons[0] == "4月服务 0 次，应至少 1 次" and len(t.month_reasons) == 9


def test_a_bad_line_refuses_the_whole_service(db_path: Path) -> None:
    team, (a, b, _c) = _team_and_people()
    for people, words in (([Served(a, 60), Served(a, 30)], "填了两次"),
                          ([Served(a, 60), Served(9999, 30)], "找不到"),
                          ([Served(a, 0)], "1 分钟到 24 小时"),
                          ([], "至少填写一位")):
        with pytest.raises(UserError, match=words):
            record_service(NewService(date(2026, 5, 1), team, people))
    with pytest.raises(UserError, match="不在册"):  # served before joining
        record_service(NewService(date(2025, 12, 1), team, [Served(b, 60)]))
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM service").fetchone()[0] == 0
    assert con.execute("SELECT COUNT(*) FROM service_hours").fetchone()[0] == 0
    con.close()


def test_pause_and_joining_late_shrink_what_is_owed(db_path: Path) -> None:
    team, (a, b) = _team_and_people(2)
    late = add_volunteer(NewVolunteer(name="钱七", team_id=team, political="中共党员",
                                      joined=date(2026, 7, 1))).id
    set_status(b, PAUSED, date(2026, 3, 1))
    assert get_volunteer(b).status == PAUSED
    set_status(b, "在册", date(2026, 9, 1))
    fig = year_figures(2026, today=date(2026, 12, 31), with_honours=False)
    owed = {v: fig.member(v).check.owed for v in (a, b, late)}  # type: ignore[union-attr]
    assert owed == {a: 10, b: 5, late: 5}  # 12 months; 6 (Jan, Feb, Sep-Dec); 6 (Jul-Dec)
    assert "本年在册 6 个月" in fig.member(late).check.reason  # type: ignore[union-attr]


def test_eligibility_is_a_shown_check_not_a_filter(db_path: Path) -> None:
    team, _ = _team_and_people(1)
    masses = add_volunteer(NewVolunteer(name="孙八", team_id=team, political="群众",
                                        joined=date(2026, 1, 1))).id
    fig = year_figures(2026, today=date(2026, 6, 30), with_honours=False)
    m = fig.member(masses)
    assert m is not None, "a member outside the rule is still listed"
    assert m.eligibility == "本队限中共党员、预备党员、入党积极分子，此人政治面貌为群众"
    with pytest.raises(UserError, match="政治面貌"):
        add_volunteer(NewVolunteer(name="周九", political="无党派"))


def test_linked_volunteer_shows_the_residents_name_and_phone(db_path: Path) -> None:
    from models.residents.service import ResidentRecord, get_resident, save_resident

    saved = save_resident(ResidentRecord(name="陈立新", phone="13812345678", gender="男"))
    assert saved.saved and saved.resident_id is not None
    rid = saved.resident_id
    v = add_volunteer(NewVolunteer(name="别的名字", phone="13900000000", resident_id=rid,
                                   joined=date(2026, 1, 1)))
    assert (v.name, v.phone) == ("陈立新", "13812345678")
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT name, phone FROM volunteer WHERE id = ?", (v.id,)).fetchone() \
        == ("", ""), "a link, not a copy"
    con.close()
    assert save_resident(replace(get_resident(rid), name="陈立欣", phone="13812340000")).saved
    assert (get_volunteer(v.id).name, get_volunteer(v.id).phone) == ("陈立欣", "13812340000")
    with pytest.raises(UserError, match="已登记为志愿者"):
        add_volunteer(NewVolunteer(resident_id=rid))


def test_certificate_has_the_ledgers_figures_and_a_register_number(db_path: Path) -> None:
    team, (a, _b, _c) = _team_and_people()
    for m, mins in ((1, 95), (6, 40), (11, 125)):
        record_service(NewService(date(2026, m, 5), team, [Served(a, mins)], content=f"服务{m}"))
    issuer = Issuer("某某社区居民委员会", "王书记", "李经办", "0571-88000000")
    c1 = issue_certificate(a, date(2026, 1, 1), date(2026, 11, 30), issuer,
                           issued=date(2026, 12, 1))
    assert (c1.services, c1.minutes) == (3, 260) == period_totals(a, date(2026, 1, 1),
                                                                   date(2026, 11, 30))[:2]
    assert c1.minutes == year_figures(2026, today=date(2026, 12, 31),
                                      with_honours=False).member(a).minutes  # type: ignore
    c2 = issue_certificate(a, date(2026, 6, 1), date(2026, 6, 30), issuer,
                           issued=date(2026, 12, 1))
    assert (c1.number, c2.number) == ("ZYZM-2026-0001", "ZYZM-2026-0002")
    assert c2.minutes == 40 and c2.content == "服务6"
    assert [c.number for c in list_certificates(2026)] == [c1.number, c2.number]
    with pytest.raises(UserError, match="没有志愿服务记录"):
        issue_certificate(a, date(2026, 2, 1), date(2026, 2, 28), issuer,
                          issued=date(2026, 12, 1))
    with pytest.raises(UserError, match="晚于出具日期"):
        issue_certificate(a, None, date(2026, 12, 31), issuer, issued=date(2026, 12, 1))


def test_a_service_drafted_from_an_activity(db_path: Path) -> None:
    from datetime import datetime

    from models.plans.records import AgendaRow, GroupRow
    from models.plans.service import load_plan, save_plan
    from models.signups.checkin import check_in_signup
    from models.signups.records import NewSignup
    from models.signups.service import sign_up
    from models.volunteers.from_activity import draft_from_activity
    from tests.signup_factory import make_activity, make_resident

    team, (leader, _b, _c) = _team_and_people()  # 张三 李四 王五
    plan = make_activity("清理河道", start=datetime(2026, 5, 9, 8, 30))
    rec = load_plan(plan)
    rec.agenda = [AgendaRow(datetime(2026, 5, 9, 8, 30), datetime(2026, 5, 9, 9, 0), "集合",
                            who="张三"),
                  AgendaRow(datetime(2026, 5, 9, 9, 0), datetime(2026, 5, 9, 11, 15), "清理")]
    rec.groups = [GroupRow("一组", "张三", "社区网格员、周九")]
    save_plan(rec)
    rid = make_resident("吴十", seq=7)
    walker = add_volunteer(NewVolunteer(resident_id=rid, team_id=team,
                                        joined=date(2026, 1, 1))).id
    signup = sign_up(plan, NewSignup(resident_id=rid), now=datetime(2026, 5, 1, 9, 0)).record
    assert signup is not None
    check_in_signup(signup.id, now=datetime(2026, 5, 9, 8, 40))
    draft = draft_from_activity(plan, team)
    s = draft.service
    assert (s.day, s.content, s.plan_id, s.team_id) == (date(2026, 5, 9), "清理河道", plan, team)
    assert {(p.volunteer_id, p.minutes, p.role) for p in s.people} == {
        (leader, 165, "负责人"), (walker, 165, "")}  # 8:30-11:15 from the agenda
    assert any("周九" in n for n in draft.notes), "a name that is no volunteer is said"
    saved = record_service(s)
    assert saved.minutes == 330 and saved.plan_id == plan
