"""How the plan PDF words dates, times, festivals and heading numbers."""
from __future__ import annotations

from datetime import date, datetime

from exporters.pdf.official import cn_date, cn_number
from exporters.plans.wording import date_range, festival_label, time_range


def test_heading_numbers_in_chinese() -> None:
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 23, 99)] == [
        "一", "九", "十", "十一", "二十", "二十三", "九十九"]


def test_dates_in_arabic_numerals_without_leading_zeros() -> None:
    assert cn_date(date(2026, 11, 8)) == "2026年11月8日"
    assert cn_date(None) == ""


def test_time_ranges() -> None:
    a, b = datetime(2026, 10, 18, 9, 0), datetime(2026, 10, 18, 11, 0)
    assert time_range(a, b) == "2026年10月18日 9:00-11:00"
    assert time_range(a, b, with_date=False) == "9:00-11:00"
    assert time_range(a, datetime(2026, 10, 19, 17, 30)) == "2026年10月18日 9:00至10月19日 17:30"
    assert time_range(a, None) == "2026年10月18日 9:00起"
    assert time_range(None, None) == ""


def test_date_ranges() -> None:
    assert date_range(date(2026, 12, 1), date(2026, 12, 20)) == "2026年12月1日至12月20日"
    assert date_range(date(2026, 12, 1), date(2027, 1, 10)) == "2026年12月1日至2027年1月10日"
    assert date_range(None, date(2027, 3, 5)) == "2027年3月5日前"


def test_festival_names_and_unknown_keys() -> None:
    assert festival_label("double_ninth") == "重阳节"
    assert festival_label("no_such_day") == ""
    assert festival_label("") == ""


def test_user_text_is_shown_as_typed_not_read_as_markup() -> None:
    from exporters.plans.pdf import build_plan_pdf_bytes
    from models.plans.records import PlanRecord
    from tests import pdf_reading as R

    rec = PlanRecord(title="<b>A&B</b> 活动", background="温度<5℃时改在室内 & 备热水")
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "<b>A&B</b>活动" in text
    assert "温度<5℃时改在室内&备热水" in text


def test_lines_are_kept_exactly_as_typed() -> None:
    # numbering comes from the outline, never from stripping the clerk's words
    from exporters.plans.wording import lines_of as _lines
    from exporters.plans.wording import self_numbered as _self_numbered

    typed = ["1.摸清底数；", "三、四、五年级", "3.5公里", "12、13号楼", "(1)班", "2026年计划"]
    assert _lines("\n".join(typed) + "\n\n") == typed
    assert _self_numbered(["1.摸清底数", "2.送到家中"])
    assert _self_numbered(["（一）宣传", "（二）走访"])
    assert _self_numbered(["一、宣传"])
    for words in ("三、四、五年级", "3.5公里", "12、13号楼", "一、二年级", "(1)班", "1.5小时内",
                  "1、2号楼"):
        assert not _self_numbered([words]), words
