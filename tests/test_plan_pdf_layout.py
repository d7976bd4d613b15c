"""Layout on paper (issue 12 part 5), read back from the PDF: titles balanced over two lines at a
sensible point, numbers kept with their units and dates whole, no paragraph ending on a line of
one character, a heading kept with the first two lines of its body (not the whole of it)."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from exporters.pdf import official as o
from exporters.pdf.cjk import line_texts
from exporters.plans.pdf import build_plan_pdf_bytes
from models.plans.demo import DEMO_PLANS, demo_plan
from models.plans.records import PlanRecord, SectionRow
from tests import pdf_reading as R
from tests.seed_plans import SEED_PLANS, population_notice

PLANS: list[Callable[[], PlanRecord]] = [*SEED_PLANS, *((lambda d=d: demo_plan(d))
                                                       for d in DEMO_PLANS)]


def pdf_lines(data: bytes) -> list[list[tuple[float, str]]]:
    """Per page, each printed line of the text area as (top, text), top to bottom."""
    out = []
    for page in R.read_pages(data):
        rows: dict[float, list[dict]] = {}
        for c in page.chars:
            key = next((k for k in rows if abs(k - c["top"]) < 3), c["top"])
            rows.setdefault(key, []).append(c)
        out.append([(top, "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])))
                    for top, cs in sorted(rows.items())])
    return out


def _title_lines(data: bytes, title: str) -> list[str]:
    lines = pdf_lines(data)[0]
    got, flat = [], R.flat(title)
    for _top, text in lines:
        if "".join(got) + R.flat(text) and flat.startswith("".join(got) + R.flat(text)):
            got.append(R.flat(text))
        if "".join(got) == flat:
            return got
    raise AssertionError(f"title not found: {lines[:3]}")


def test_the_population_notice_title_splits_after_its_quote() -> None:
    rec = demo_plan(DEMO_PLANS[7])
    assert _title_lines(build_plan_pdf_bytes(rec), rec.title) == [
        "关于开展2026年“7·11”", "世界人口日宣传活动的通知"]


def test_the_contest_notice_title_splits_after_its_quote() -> None:
    s = o.make_styles()
    title = "2026年重阳节“登高望远·古城变迁”摄影书画诗词作品评比评选结果公示"
    # before: ['…古城变迁”摄影书', '画诗词作品评比评选结果公示']
    assert line_texts(o.title_block(s, title)[0], o.TEXT_W) == [
        "2026年重阳节“登高望远·古城变迁”", "摄影书画诗词作品评比评选结果公示"]


@pytest.mark.parametrize("make", PLANS, ids=[f"plan{i}" for i in range(len(PLANS))])
def test_no_title_line_holds_one_or_two_characters(make: Callable[[], PlanRecord]) -> None:
    rec = make()
    lines = _title_lines(build_plan_pdf_bytes(rec), rec.title)
    assert all(len(line) >= 3 for line in lines), lines
    if len(lines) == 2:  # balanced: the lines differ by at most about eight characters
        assert abs(len(lines[0]) - len(lines[1])) <= 9, lines


def _prose_plan(*paragraphs: str, heading: str = "活动背景") -> PlanRecord:
    return PlanRecord(title="排版", outline=[
        SectionRow(heading=heading, level=1, form="段落", text="\n".join(paragraphs))])


@pytest.mark.parametrize(("lead", "whole"), ids=["date", "km", "yuan", "long-date", "age"],
                         argvalues=[
    ("甲" * 22, "2026年3月4日"), ("乙" * 23, "3.5公里"), ("丙" * 24, "30元"),
    ("丁" * 21, "2026年10月18日"), ("戊" * 24, "60周岁")])
def test_numbers_keep_their_units_and_dates_stay_whole(lead: str, whole: str) -> None:
    # the first line holds 26 characters after the indent: what follows lead straddles its end
    data = build_plan_pdf_bytes(_prose_plan(lead + whole + "后面的文字。"))
    lines = [t for page in pdf_lines(data) for _top, t in page]
    assert any(whole in R.flat(t) for t in lines), lines


def test_a_paragraph_never_ends_on_one_character() -> None:
    text = "近" * 26 + "远" * 28 + "尾。"  # lines of 26 and 28: "尾。" would be alone
    lines = [R.flat(t) for page in pdf_lines(build_plan_pdf_bytes(_prose_plan(text)))
             for _top, t in page]
    body = [t for t in lines if set(t) & set("近远尾")]
    assert body[-1].endswith("尾。") and len(body[-1]) >= 3, body
    assert len(body) == 3  # the break moved back, no line was added


def test_a_heading_keeps_two_lines_of_its_body_not_all_of_it() -> None:
    filler = [f"第{i}行短句。" for i in range(1, 19)]  # 18 lines under the first heading
    long = "长段落" * 100  # about eleven lines
    rec = PlanRecord(title="", outline=[
        SectionRow(heading="前面", level=1, form="段落", text="\n".join(filler)),
        SectionRow(heading="后面", level=1, form="段落", text=long)])
    pages = pdf_lines(build_plan_pdf_bytes(rec))
    first = [R.flat(t) for _top, t in pages[0]]
    at = next(i for i, t in enumerate(first) if t == "二、后面")
    # the heading stays on page 1 with two lines of its paragraph; the rest goes over
    assert len(first) - at - 1 >= 2 and first[at + 1].startswith("长段落")
    assert len(first) >= 21  # before, the heading and all 11 lines went over, 3 lines empty


def test_a_heading_at_a_page_foot_goes_over_with_its_lines() -> None:
    filler = [f"第{i}行短句。" for i in range(1, 21)]  # 20 lines + heading 1: 21 of 22
    rec = PlanRecord(title="", outline=[
        SectionRow(heading="前面", level=1, form="段落", text="\n".join(filler)),
        SectionRow(heading="后面", level=1, form="段落", text="长段落" * 30)])
    pages = pdf_lines(build_plan_pdf_bytes(rec))
    assert R.flat(pages[1][0][1]) == "二、后面"  # not left alone on page 1
    assert not any(R.flat(t) == "二、后面" for _top, t in pages[0])


def test_population_seed_notice_still_prints() -> None:
    assert build_plan_pdf_bytes(population_notice()).startswith(b"%PDF")


def test_table_columns_are_sized_from_their_content() -> None:
    import io
    import re

    import pdfplumber

    rec = demo_plan(DEMO_PLANS[1])  # the free clinic: a publicity table with deadlines
    dates = 0
    with pdfplumber.open(io.BytesIO(build_plan_pdf_bytes(rec))) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    for cell in row:
                        flat = (cell or "").replace("\n", "")
                        for date in re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", flat):
                            dates += 1
                            assert date in (cell or ""), cell  # never split over two lines
    assert dates >= 4
    # before: the deadline column was a fixed share of the line and split every date
    s = o.make_styles()
    widths = o.fit_widths(s, ["阶段", "内容", "截止日期"],
                          [["活动前", "长" * 80, "2026年5月13日"]], [1, 1, 1])
    assert abs(sum(widths) - o.TEXT_W) < 0.01
    assert widths[1] > widths[2] > widths[0]


def test_heading_levels_read_top_down_with_the_bundled_font_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from exporters.pdf.fonts import BUNDLED_FONT, FAUX_BOLD, font_set

    bundled = o.make_styles(font_set(tmp_path))  # an empty folder: the bundled font only
    assert bundled.fonts.all_bundled
    # before: 一、 regular and 1. bold, the hierarchy upside down
    assert bundled.h1.fontName in FAUX_BOLD and bundled.h3.fontName not in FAUX_BOLD
    windows = tmp_path / "win"
    windows.mkdir()
    shutil.copy(BUNDLED_FONT, windows / "simhei.ttf")  # a 黑体 of its own
    office = o.make_styles(font_set(windows))
    assert office.h1.fontName == office.fonts.heading1 and office.h3.fontName in FAUX_BOLD
