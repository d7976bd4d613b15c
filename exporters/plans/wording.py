"""The words a plan prints that are built from its fields: dates and spans written out, festival
names, a list's own numbering noticed, phrases joined without doubling a mark."""
from __future__ import annotations

import re
from datetime import date, datetime

from exporters.pdf.official import cn_date
from models.plans.rules import yuan

# Festival keys the PDF can name; models.plans.festivals (where present) knows more.
_FESTIVALS = {
    "new_year": "元旦", "spring_festival": "春节", "lantern": "元宵节", "lei_feng": "学雷锋纪念日",
    "womens_day": "三八妇女节", "labour_day": "劳动节", "youth_day": "五四青年节",
    "childrens_day": "六一儿童节", "dragon_boat": "端午节", "party_day": "七一建党节",
    "population_day": "世界人口日", "army_day": "八一建军节", "qixi": "七夕节",
    "teachers_day": "教师节", "mid_autumn": "中秋节", "national_day": "国庆节",
    "double_ninth": "重阳节", "volunteer_day": "国际志愿者日",
}


def festival_label(key: str) -> str:
    """The Chinese name of a festival key; a key nobody can name gives nothing."""
    if not key:
        return ""
    try:
        from models.plans.festivals import FESTIVALS
    except ImportError:
        FESTIVALS = _FESTIVALS  # noqa: N806 - the imported name's stand-in
    return FESTIVALS.get(key, "") or _FESTIVALS.get(key, "")


# The clerk's words are printed exactly as typed: nothing is stripped from a line. A list whose
# first line she numbered herself ("1.", "（1）", "一、", "①") is printed as typed rather than
# numbered a second time. "三、四、五年级", "一、二年级", "3.5公里", "1、2号楼", "(1)班" open no
# list: they are words, and a miss only costs a number, never a word.
_FIRST_NUMBER = re.compile(
    r"^\s*(?:1\s*[.．、](?!\d)|[（(]\s*[1一]\s*[）)](?!班)|一、(?![二三四五六七八九十])|①)")
_END_MARKS = "。；;，,：:！？!?、"


def lines_of(value: str) -> list[str]:
    """The non-empty lines of a text, each exactly as typed (surrounding spaces aside)."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def self_numbered(values: list[str]) -> bool:
    return bool(values) and _FIRST_NUMBER.match(values[0]) is not None


def join(parts: list[str], sep: str) -> str:
    """Parts run together with sep, except after a part that already ends with a mark."""
    out = ""
    for i, part in enumerate(parts):
        out += part
        if i < len(parts) - 1 and not part.endswith(tuple(_END_MARKS)):
            out += sep
    return out


def sentence(value: str) -> str:
    """value ended with 。 unless it already ends with a mark."""
    return value if not value or value.endswith(tuple(_END_MARKS)) else value + "。"


def _hm(t: datetime) -> str:
    return f"{t.hour}:{t.minute:02d}"


def time_range(start: datetime | None, end: datetime | None, *, with_date: bool = True) -> str:
    """2026年10月18日 9:00-11:00; over several days 2026年10月18日 9:00至10月19日 17:00."""
    if not start and not end:
        return ""
    if all(t is None or (t.hour, t.minute, t.second) == (0, 0, 0) for t in (start, end)):
        # a span typed as dates only: no "0:00" (a day, not a midnight)
        first = start or end
        assert first is not None
        last = end if start and end and end.date() != start.date() else None
        first_text = cn_date(first.date()) if with_date else f"{first.month}月{first.day}日"
        if last is None:
            return first_text
        if last.year == first.year:
            return f"{first_text}至{last.month}月{last.day}日"
        return f"{first_text}至{cn_date(last.date())}"
    if start and end:
        if start.date() == end.date():
            head = f"{cn_date(start.date())} " if with_date else ""
            return f"{head}{_hm(start)}-{_hm(end)}"
        if not with_date:
            return f"{start.month}月{start.day}日 {_hm(start)}至{end.month}月{end.day}日 {_hm(end)}"
        tail = f"{end.month}月{end.day}日" if end.year == start.year else cn_date(end.date())
        return f"{cn_date(start.date())} {_hm(start)}至{tail} {_hm(end)}"
    t = start or end
    assert t is not None
    return (f"{cn_date(t.date())} " if with_date else "") + _hm(t) + ("起" if start else "止")


def date_range(start: date | None, end: date | None) -> str:
    if start and end:
        if start.year == end.year:
            return f"{cn_date(start)}至{end.month}月{end.day}日"
        return f"{cn_date(start)}至{cn_date(end)}"
    if start:
        return f"{cn_date(start)}起"
    if end:
        return f"{cn_date(end)}前"
    return ""


def qty(value: float) -> str:
    return f"{value:g}"


def money(fen: int) -> str:
    """An amount; none entered (0) is a blank cell, not 0.00."""
    return yuan(fen) if fen else ""
