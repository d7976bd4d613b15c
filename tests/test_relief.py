"""Relief campaigns, models: the status ladder with its reasons, the lock after hand-over, the
posting period before hand-over, objections, the clerk in the data file, every change in the log
(read back from the SQLite file), the checks with their reasons, and the totals."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from models.common.errors import UserError
from models.relief import audit
from models.relief.beneficiaries import (
    Locked,
    add_beneficiary,
    add_objection,
    correct,
    decide_objection,
    flag_false_report,
    get_beneficiary,
    set_status,
    update_beneficiary,
)
from models.relief.checks import check_campaign
from models.relief.figures import step_text, timeline, totals
from models.relief.records import NewBeneficiary, NewCampaign, NewCategory, NewPhase
from models.relief.service import (
    allow_early_handover,
    create_campaign,
    get_campaign,
    set_posting,
)

TODAY = date(2026, 12, 20)


def campaign(start: date = date(2026, 12, 1), title: str = "2027年春节送温暖") -> int:
    return create_campaign(NewCampaign(
        title, start, start + timedelta(days=90),
        categories=[NewCategory("低保户", "每户", 50000, [("大米10公斤", 6000)]),
                    NewCategory("困难党员", "每人", 30000)],
        phases=[NewPhase("审核", date(2026, 12, 10), "民政专干"),
                NewPhase("上报", date(2026, 12, 18), "主任"),
                NewPhase("发放", date(2027, 1, 20), "走访组")])).id


def person(cid: int, name: str = "张三", room: str = "101室", cat: int = 0, size: int = 2,
           **kw: object) -> int:
    k = get_campaign(cid).categories[cat].id
    return add_beneficiary(cid, NewBeneficiary(k, name=name, building="1幢", unit="1单元",
                                               room=room, household_size=size,
                                               reason="长期患病", **kw)).id  # type: ignore[arg-type]


def log_rows(db: Path, bid: int) -> list[tuple[str, str, str, str, str]]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT clerk, what, old, new, why FROM relief_log WHERE beneficiary_id = ?"
                       " ORDER BY id", (bid,)).fetchall()
    con.close()
    return rows


def to_approved(bid: int) -> None:
    for s in ("已核实", "已公示", "已审批"):
        set_status(bid, s, "", TODAY)


def test_no_change_without_a_clerk_and_the_clerk_is_kept_in_the_file(db_path: Path) -> None:
    with pytest.raises(UserError, match="经办人"):
        campaign()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM relief_campaign").fetchone()[0] == 0
    con.close()
    audit.set_clerk("  王 丽 ")
    cid = campaign()
    con = sqlite3.connect(db_path)
    kept = con.execute("SELECT value FROM relief_setting WHERE key='clerk'").fetchone()[0]
    assert kept == "王 丽"
    assert con.execute("SELECT clerk FROM relief_log WHERE campaign_id=?", (cid,)).fetchone()[0] \
        == "王 丽"
    con.close()


def test_standard_per_household_and_per_person(db_path: Path) -> None:
    audit.set_clerk("王丽")
    cid = campaign()
    assert get_beneficiary(person(cid, size=3)).amount_fen == 50000
    assert get_beneficiary(person(cid, "李四", "102室", cat=1, size=3)).amount_fen == 90000


def test_status_ladder_lock_and_log(db_path: Path) -> None:
    audit.set_clerk("王丽")
    cid = campaign()
    bid = person(cid)
    with pytest.raises(UserError, match="下一步应为“已核实”"):
        set_status(bid, "已审批")
    to_approved(bid)
    with pytest.raises(UserError, match="还没有公示"):
        set_status(bid, "已发放", "", TODAY)
    set_posting(cid, date(2026, 12, 15), 7)
    with pytest.raises(UserError, match="公示期到 2026-12-21"):
        set_status(bid, "已发放", "", TODAY)
    with pytest.raises(UserError, match="不少于 7 天"):
        set_posting(cid, date(2026, 12, 15), 6)
    allow_early_handover(cid, "春节提前，街道同意提前发放")
    update_beneficiary(bid, {"amount_fen": 60000}, "领导小组研究提高")
    set_status(bid, "已发放", "", TODAY)
    before = get_beneficiary(bid)
    assert before.locked
    for attempt in (lambda: update_beneficiary(bid, {"amount_fen": 1}, "改"),
                    lambda: set_status(bid, "已撤回", "撤回"),
                    lambda: update_beneficiary(bid, {"reason": "x"}, "改")):
        with pytest.raises(Locked):
            attempt()
    correct(bid, "金额", "应为 550.00 元", "计算错误，差额另行退回")
    assert get_beneficiary(bid) == before
    rows = log_rows(db_path, bid)
    assert [r[1] for r in rows] == ["新增", "状态", "状态", "状态", "金额", "状态", "更正"]
    assert rows[4] == ("王丽", "金额", "500.00元", "600.00元", "领导小组研究提高")
    assert rows[5][2:4] == ("已审批", "已发放")
    assert rows[6][3:] == ("应为 550.00 元", "计算错误，差额另行退回")


def test_refusal_needs_a_reason_and_ends_the_row(db_path: Path) -> None:
    audit.set_clerk("王丽")
    bid = person(campaign())
    with pytest.raises(UserError, match="原因"):
        set_status(bid, "不予发放", " ")
    set_status(bid, "不予发放", "收入超标")
    with pytest.raises(UserError, match="不能再改状态"):
        set_status(bid, "已核实")


def test_an_open_objection_stops_approval(db_path: Path) -> None:
    audit.set_clerk("王丽")
    bid = person(campaign())
    set_status(bid, "已核实")
    set_status(bid, "已公示")
    oid = add_objection(bid, "有经营收入")
    with pytest.raises(UserError, match="异议尚未处理"):
        set_status(bid, "已审批")
    decide_objection(oid, "经核实不成立")
    set_status(bid, "已审批")
    assert [r[1] for r in log_rows(db_path, bid)][-3:] == ["异议", "异议处理", "状态"]


def test_checks_with_reasons(db_path: Path) -> None:
    from models.residents.records import ResidentRecord
    from models.residents.service import delete_residents, save_resident

    audit.set_clerk("王丽")
    last_year = campaign(date(2025, 12, 1), "2026年春节送温暖")
    old = person(last_year, "赵五", "301室")
    flag_false_report(old, "隐瞒经营收入")
    earlier = campaign(date(2026, 3, 1), "2026年困难群众慰问")
    got = person(earlier, "钱六", "401室")
    set_posting(earlier, date(2026, 3, 2))
    to_approved(got)
    set_status(got, "已发放", "", date(2026, 3, 20))
    cid = campaign()
    a = person(cid, "张三", "101室")
    b = person(cid, "张四", "101室", cat=1)
    rid = save_resident(ResidentRecord(name="孙七", building="2幢", unit="1单元",
                                       room="201室")).resident_id
    assert rid is not None
    gone = add_beneficiary(cid, NewBeneficiary(get_campaign(cid).categories[0].id,
                                               resident_id=rid)).id
    delete_residents([rid])
    c = person(cid, "赵五", "301室")
    d = person(cid, "钱六", "401室")
    found = {(f.beneficiary_id, f.kind): f.reason for f in check_campaign(cid)}
    assert set(found) == {(a, "重复"), (b, "重复"), (gone, "已迁出"), (c, "上年虚报"),
                          (d, "本年已受助")}
    assert "张四（困难党员）" in found[(a, "重复")] and "1幢/1单元/101室" in found[(a, "重复")]
    assert "2026年春节送温暖" in found[(c, "上年虚报")]
    assert "2026年困难群众慰问" in found[(d, "本年已受助")]


def test_totals_and_timeline(db_path: Path) -> None:
    audit.set_clerk("王丽")
    cid = campaign()
    person(cid, size=3)
    person(cid, "李四", "102室", cat=1, size=2)
    person(cid, "王五", "103室", cat=1, size=1)
    set_status(person(cid, "撤回", "104室"), "已撤回", "本人申请")
    lines, overall = totals(cid)
    assert [(x.category, x.households, x.people, x.amount_fen) for x in lines] == [
        ("低保户", 1, 3, 50000), ("困难党员", 2, 3, 90000)]
    assert (overall.households, overall.people, overall.amount_fen) == (3, 6, 140000)
    steps = timeline(cid, TODAY)
    assert [step_text(s) for s in steps] == ["已逾期 10 天", "已逾期 2 天", "还剩 31 天"]
    assert [s.late for s in steps] == [True, True, False]


def test_categories_and_phases_typed_one_a_line() -> None:
    from models.relief.forms import parse_categories, parse_phases

    cats = parse_categories("低保户 每户 500 大米10公斤=60 食用油=70.5\n\n困难党员 每人 ¥300\n"
                            "临时救助 800")
    assert [(c.name, c.basis, c.amount_fen, c.goods) for c in cats] == [
        ("低保户", "每户", 50000, [("大米10公斤", 6000), ("食用油", 7050)]),
        ("困难党员", "每人", 30000, []), ("临时救助", "每户", 80000, [])]
    for bad, why in (("低保户", "请写明慰问金额或慰问品"), ("低保户 每户 五百", "第 1 行"),
                     ("低保户 每户 500 大米", "物品=单价")):
        with pytest.raises(UserError, match=why):
            parse_categories(bad)
    assert [(p.name, p.due, p.who) for p in parse_phases("2026-12-10 审核 民政 专干")] == [
        ("审核", date(2026, 12, 10), "民政 专干")]
    with pytest.raises(UserError, match="截止日期开头"):
        parse_phases("审核 2026-12-10")


def test_survey_list_from_excel(db_path: Path, tmp_path: Path) -> None:
    import openpyxl

    from models.common.id_number import check_digit
    from models.relief.survey import import_survey
    from models.residents.records import ResidentRecord
    from models.residents.service import save_resident

    audit.set_clerk("王丽")
    cid = campaign()
    id_number = "11010119491001001" + check_digit("11010119491001001")
    rid = save_resident(ResidentRecord(name="钱大海", id_number=id_number,
                                       building="9幢", unit="1单元", room="101室")).resident_id
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2027年春节送温暖摸底表"])
    ws.append(["序号", "姓名", "身份证号", "楼栋", "单元", "房号", "慰问类别", "家庭人口",
               "困难原因", "慰问金额"])
    ws.append([1, "孙小梅", None, "3幢", "2单元", "501室", "低保户", 3, "长期患病", None])
    ws.append([2, "钱某", id_number, None, None, None, "困难党员", 2, "独居", "650"])
    ws.append([3, "赵错", None, "1幢", None, "1室", "五保户", 1, "", None])
    ws.append([4, "周错", None, "1幢", None, "2室", "低保户", 1, "", "30-50"])
    ws.append([5, "吴错", None, "1幢", None, "3室", "低保户", "三", "", None])
    ws.append([None] * 10)
    path = tmp_path / "摸底表.xlsx"
    wb.save(path)
    result = import_survey(cid, path)
    assert result.added == 2
    assert [(row, name) for _s, row, name, _why in result.refused] == [
        (5, "赵错"), (6, "周错"), (7, "吴错")]
    assert "五保户" in result.refused[0][3] and "两个数" in result.refused[1][3]
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT name, resident_id, household, household_size, amount_fen, reason "
                       "FROM relief_beneficiary ORDER BY id").fetchall()
    whys = {w for (w,) in con.execute("SELECT why FROM relief_log WHERE what = '新增'")}
    con.close()
    assert rows == [("孙小梅", None, "3幢/2单元/501室", 3, 50000, "长期患病"),
                    ("钱大海", rid, "9幢/1单元/101室", 2, 65000, "独居")]
    assert whys == {"摸底表导入：摸底表.xlsx"}
    ws.delete_cols(7)  # no 慰问类别 column: refused as a whole
    wb.save(path)
    with pytest.raises(UserError, match="慰问类别"):
        import_survey(cid, path)
