"""Before printing: template placeholders left in, and a festival day that is not that year's."""
from __future__ import annotations

from datetime import date, datetime

from exporters.plans.pdf import build_plan_pdf_bytes
from models.plans.checks import print_warnings
from models.plans.records import OrganiserRow, PlanRecord
from tests import pdf_reading as R


def test_placeholders_left_from_a_template_are_named() -> None:
    rec = PlanRecord(title="重阳节活动方案", issuer="××街道办事处", issue_date=date(2027, 9, 20),
                     organisers=[OrganiserRow("主办", "××社区居民委员会")])
    warnings = print_warnings(rec)
    assert len(warnings) == 1
    assert "××" in warnings[0] and "落款单位" in warnings[0] and "组织单位" in warnings[0]


def test_a_festival_on_the_wrong_day_is_named_and_not_printed_as_that_festival() -> None:
    # 2027's 重阳 is 10月8日: a plan moved by a year kept 10月9日
    rec = PlanRecord(title="重阳活动", festival="double_ninth",
                     start=datetime(2027, 10, 9, 9, 0), end=datetime(2027, 10, 9, 11, 0))
    warnings = print_warnings(rec)
    assert warnings == ["活动日期2027年10月9日不是2027年的重阳节（2027年10月8日），请核对。"]
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "（重阳节）" not in text and "2027年10月9日9:00-11:00" in text


def test_a_plan_on_its_festival_and_without_placeholders_has_no_warnings() -> None:
    rec = PlanRecord(title="重阳活动", festival="double_ninth", issuer="青桐社区",
                     issue_date=date(2027, 9, 20),
                     start=datetime(2027, 10, 8, 9, 0), end=datetime(2027, 10, 8, 11, 0))
    assert print_warnings(rec) == []
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "2027年10月8日9:00-11:00（重阳节）" in text


def test_a_span_that_covers_the_festival_keeps_its_name() -> None:
    rec = PlanRecord(title="人口日宣传", festival="population_day",
                     start=datetime(2026, 7, 1), end=datetime(2026, 7, 31))
    assert print_warnings(rec) == []
    assert "（世界人口日）" in R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))


def test_an_issuer_without_a_date_prints_a_blank_date_and_is_named() -> None:
    # the 落款 needs a date: with none yet, a blank to date and seal by hand, flagged as unfinished
    rec = PlanRecord(title="重阳活动", issuer="青桐社区居民委员会")
    assert print_warnings(rec) == [
        "成文日期中还有待填写的空白（尚未完成），打印后请手工填写，或补全后再打印。"]
    text = "".join(R.all_text(R.read_pages(build_plan_pdf_bytes(rec))).split())
    assert text.endswith("青桐社区居民委员会年月日"), text[-30:]  # the blank's spaces left out
    assert print_warnings(PlanRecord(title="重阳活动", issuer="青桐社区居民委员会",
                                     issue_date=date(2027, 9, 20))) == []
