"""The printed plan is the clerk's document: every word she typed reaches the PDF as typed, and the
PDF adds only headings, labels and numbers, never a sentence of its own.

Nine plans in the nine shapes of the seed (tests.seed_plans) and the nine demo plans.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from exporters.plans.pdf import build_plan_pdf_bytes
from exporters.plans.wording import time_range
from models.plans.outline import hidden_fields
from models.plans.records import PlanRecord
from tests import pdf_reading as R
from tests.seed_plans import SEED_PLANS

# Fields whose value is a key or a choice the PDF words itself (or does not print: status).
# The outline's headings print only over a section with something in it: tests/test_plan_outline.
_NOT_TEXT = {"kind", "category", "status", "festival", "outline"}


def typed_strings(obj: Any) -> Iterator[str]:
    """Every line of text the clerk typed into the plan, in any part and any depth, except in
    the parts her outline hides."""
    skip = set(_NOT_TEXT)
    if isinstance(obj, PlanRecord):
        skip |= hidden_fields(obj)
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in skip:
            continue
        if isinstance(value, list):
            for row in value:
                yield from typed_strings(row)
        elif isinstance(value, str):
            for line in value.splitlines():
                if line.strip():
                    yield line.strip()


def _demo_plans() -> list[Callable[[], PlanRecord]]:
    from models.plans.demo import DEMO_PLANS, demo_plan

    return [lambda item=item: demo_plan(item) for item in DEMO_PLANS]  # type: ignore[misc]


PLANS = [pytest.param(p, id=p.__name__) for p in SEED_PLANS] + [
    pytest.param(p, id=f"demo{i}") for i, p in enumerate(_demo_plans(), 1)]


@pytest.fixture(scope="module")
def printed() -> dict[str, tuple[PlanRecord, str, set[str]]]:
    return {}


def _print(make: Callable[[], PlanRecord], cache: dict[str, tuple[PlanRecord, str, set[str]]]
           ) -> tuple[PlanRecord, str, set[str]]:
    rec = make()
    key = rec.title
    if key not in cache:
        pages = R.read_pages(build_plan_pdf_bytes(rec))
        cache[key] = (rec, R.all_text(pages), R.all_cells(pages))
    return cache[key]


@pytest.mark.parametrize("make", PLANS)
def test_every_typed_string_is_in_the_pdf(make: Callable[[], PlanRecord],
                                          printed: dict[str, Any]) -> None:
    rec, text, cells = _print(make, printed)
    typed = list(typed_strings(rec))
    assert typed, "a plan with no text tests nothing"
    missing = [s for s in typed
               if R.flat(s) not in text and not any(R.flat(s) in c for c in cells)]
    assert missing == []


@pytest.mark.parametrize("make", PLANS)
def test_no_garbled_or_invented_sentences(make: Callable[[], PlanRecord],
                                          printed: dict[str, Any]) -> None:
    rec, text, cells = _print(make, printed)
    typed = R.flat("".join(typed_strings(rec)))
    for garbled in ("报名报名", "额满为止", "到由"):
        # only where the clerk typed it herself (a template's rule may say 额满为止)
        assert text.count(garbled) <= typed.count(garbled), garbled
    # a date with no time of day never prints a midnight ("10:00" is a real time)
    assert re.search(r"(?<![0-9])0:00", text) is None


def test_words_that_look_like_numbers_print_as_typed() -> None:
    # the lines start with words that a numbering pattern could take for a number
    for make in SEED_PLANS:
        rec = make()
        text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
        for start in ("三、四、五年级", "3.5公里", "12、13号楼", "一、二年级", "(1)班"):
            for line in typed_strings(rec):
                if line.startswith(start):
                    assert R.flat(line) in text, line


def test_clerks_own_numbered_list_is_not_numbered_again() -> None:
    rec = PlanRecord(title="要求", principles="1.就近方便\n2.安全第一",
                     requirements=[dataclasses.replace(r, text=t) for r, t in zip(
                         [_req()] * 2, ["（1）按时到场", "（2）佩戴胸牌"], strict=True)])
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "1.就近方便2.安全第一" in text
    assert "1.1." not in text and "1.（1）" not in text
    assert "（1）按时到场（2）佩戴胸牌" in text


def _req() -> Any:
    from models.plans.records import RequirementRow

    return RequirementRow()


def test_prose_is_not_turned_into_a_numbered_list() -> None:
    rec = PlanRecord(title="背景", background="第一段话。\n第二段话。")
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "第一段话。第二段话。" in text
    assert "1.第一段话" not in text


def test_a_date_only_span_prints_dates_only() -> None:
    from datetime import datetime

    assert time_range(datetime(2026, 3, 4), datetime(2026, 3, 8)) == "2026年3月4日至3月8日"
    assert time_range(datetime(2026, 3, 4), datetime(2026, 3, 4)) == "2026年3月4日"
    assert time_range(datetime(2026, 3, 4), None) == "2026年3月4日"
    assert time_range(datetime(2026, 12, 30), datetime(2027, 1, 3)) == \
        "2026年12月30日至2027年1月3日"


def test_leadership_posts_without_names_print() -> None:
    from tests.seed_plans import elders_outing

    text = R.all_text(R.read_pages(build_plan_pdf_bytes(elders_outing())))
    assert "组长：社区党委书记" in text
    assert "副组长：社区居委会主任，负责现场安全" in text


def test_budget_notes_print_and_no_amounts_print_blank() -> None:
    from tests.seed_plans import free_clinic, matchmaking

    cells = R.all_cells(R.read_pages(build_plan_pdf_bytes(free_clinic())))
    assert {"备注", "彩色打印", "由医院提供"} <= cells
    pages = R.read_pages(build_plan_pdf_bytes(matchmaking()))
    cells = R.all_cells(pages)
    assert "费用待核" in cells
    assert not [c for c in cells if re.fullmatch(r"0\.00", c)]
    assert "预算合计" not in R.all_text(pages)


def test_a_plan_keeps_its_recipients_line() -> None:
    rec = PlanRecord(kind="plan", title="某方案", recipients="各居民小组", background="正文。")
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "各居民小组：" in text


def test_registration_text_prints_as_written_with_its_window() -> None:
    from tests.seed_plans import elders_outing

    text = R.all_text(R.read_pages(build_plan_pdf_bytes(elders_outing())))
    assert "报名时间：2026年10月8日至10月14日" in text
    assert "报名方式：社区党群服务中心一楼" in text
    assert "名额：60人，陪同人员占用名额" in text


def _level1_titles(rec: PlanRecord) -> list[str]:
    from exporters.pdf import official as o
    from exporters.plans.pdf import plan_story

    styles = o.make_styles()
    return [f.getPlainText() for f in plan_story(rec, styles)
            if getattr(f, "style", None) is styles.h1]


def test_a_notice_keeps_its_own_points_at_the_first_level() -> None:
    from models.plans.records import ContentRow

    rec = PlanRecord(kind="notice", title="关于开展宣传的通知", recipients="各居民小组",
                     theme="关注家庭健康", background="为做好宣传，通知如下：",
                     content=[ContentRow("集中宣传", "7月11日在广场设点。"),
                              ContentRow("入户宣传", "网格员上门发放资料。")])
    # its own 一、二、 stay 一、二、: no 活动内容 heading over them, no 活动主题 heading invented
    assert _level1_titles(rec) == ["一、集中宣传", "二、入户宣传"]
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "活动主题：关注家庭健康" in text
    assert "（一）" not in text


def test_a_plan_still_groups_its_content_under_one_heading() -> None:
    from models.plans.records import ContentRow

    rec = PlanRecord(title="方案", content=[ContentRow("讲座", "讲育儿。")])
    assert _level1_titles(rec) == ["一、活动内容"]


def test_a_date_only_agenda_slot_names_its_day_once() -> None:
    from datetime import datetime

    from models.plans.records import AgendaRow

    rec = PlanRecord(title="周活动", agenda=[
        AgendaRow(datetime(2026, 3, 4), None, "写信", "", ""),
        AgendaRow(datetime(2026, 3, 6, 15, 0), datetime(2026, 3, 6, 16, 0), "做家务", "", "")])
    cells = R.all_cells(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "3月4日" in cells and "3月6日15:00-16:00" in cells


def test_a_column_empty_in_every_row_is_left_out() -> None:
    from tests.seed_plans import volunteers

    pages = R.read_pages(build_plan_pdf_bytes(volunteers()))
    header = [row for p in pages for t in p.tables for row in t[:1]]
    # the teams have no leaders or members yet: those columns are not printed empty
    assert [R.flat(c) for c in header[0]] == ["小组", "任务", "目标"]


_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")


@pytest.mark.parametrize("make", PLANS)
def test_no_heading_is_invented(make: Callable[[], PlanRecord]) -> None:
    """Every heading is one of the outline's (as the editor shows them) or a title the clerk
    typed into a part (a content item, a phase with its dates, an award, a highlight)."""
    from exporters.pdf import official as o
    from exporters.plans.pdf import plan_story
    from exporters.plans.wording import date_range
    from models.plans.outline import outline_of

    rec = make()
    styles = o.make_styles()
    heads = [f.getPlainText() for f in plan_story(rec, styles)
             if getattr(f, "style", None) in (styles.h1, styles.h2, styles.h3, styles.h4)]
    assert heads, "a plan with no headings tests nothing"
    allowed = {r.heading.strip() for r in outline_of(rec) if not r.hidden}

    def titles(items: list[Any]) -> Iterator[str]:
        for item in items:
            yield item.title.strip()
            yield from titles(item.children)

    allowed |= set(titles(rec.content))
    allowed |= {a.name.strip() for a in rec.awards} | {h.title.strip() for h in rec.highlights}
    for ph in rec.phases:
        span = date_range(ph.start, ph.end)
        allowed.add(f"{ph.name.strip()}（{span}）" if span else ph.name.strip())
    # compared without spaces: reportlab lays a typed full-width space out as a plain one
    allowed = {R.flat(a) for a in allowed}
    for head in heads:
        number = _NUMBER.match(head)
        assert number, head
        assert R.flat(head[number.end():]) in allowed, head
