"""Parsers for values as offices type them: phones, dates, names, sex, tags.

Pure functions: each returns a Parsed (value, or a Chinese reason and a short code). No exception
escapes for any input (the tests throw random text, numbers and dates at them).
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from models.common.text import has_controls, remove_spaces, strip_controls, to_halfwidth


class Parsed(NamedTuple):
    """A named tuple, not a frozen dataclass: an import makes three for every row, and a frozen
    dataclass costs three times as much to make (0.75 against 0.25 µs)."""

    value: Any = None  # None with no reason: the cell was empty
    code: str = ""
    reason: str = ""
    partial: bool = False  # a date given without its day (出生年月)

    @property
    def ok(self) -> bool:
        return not self.reason


EMPTY = Parsed()


def _fail(code: str, reason: str) -> Parsed:
    return Parsed(code=code, reason=reason)


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not remove_spaces(raw))


# ---- phones -------------------------------------------------------------------------------------

_PHONE_JUNK = re.compile(r"[\s\-－—–()（）.．·/]+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
# A label before the number, with its colon: 手机：, 电话:, 联系电话：, Tel, TEL:, Mobile
_PHONE_LABEL = re.compile(r"^\s*(?:联系电话|联系方式|手机号码|手机号|手机|电话号码|电话|固话|座机|"
                          r"tel|phone|mobile|mob)\s*[:：.．]?\s*", re.IGNORECASE)
# Area codes: 010 and 02x have three digits, the rest four (0571, 0755...).
_LANDLINE = re.compile(r"^(010|02\d|0[3-9]\d{2})(\d{7,8})$")


# For the quick path only: full-width digits as ASCII, spaces and dashes dropped (what the full
# path below would do to such a number too).
_QUICK_PHONE = {**{0xFF10 + d: 0x30 + d for d in range(10)},
                **{ord(c): None for c in " -\u3000－"}}


def parse_phone(raw: object) -> Parsed:
    """Mobile -> "13812345678"; landline -> "0571-88123456". Accepts spaces, dashes, full-width
    digits, brackets round the area code, +86 / 0086 / 86 in front, and number cells."""
    if type(raw) is str:  # the usual cases first: 13812345678, 138 1234 5678, full-width, +86
        quick = raw.translate(_QUICK_PHONE)
        if len(quick) == 11 and _MOBILE.match(quick):
            return Parsed(quick)
        if len(quick) == 14 and quick.startswith("+86") and _MOBILE.match(quick[3:]):
            return Parsed(quick[3:])
    if _blank(raw):
        return EMPTY
    if type(raw) is str and _PHONE_LABEL.match(raw):
        # "手机：13812345678", "Tel: 0571-…": the label a clerk typed before the number.
        raw = _PHONE_LABEL.sub("", raw, count=1)
        if _blank(raw):
            return EMPTY
    if isinstance(raw, bool):
        return _fail("invalid", "电话号码格式不对")
    if isinstance(raw, float):
        if not math.isfinite(raw) or raw != int(raw) or abs(raw) > 1e15:
            return _fail("invalid", "电话号码格式不对")
        raw = int(raw)
    text = _PHONE_JUNK.sub("", to_halfwidth(str(raw)))
    if text.startswith("+"):
        text = text[1:]
    if not text.isdigit() or not text.isascii():
        return _fail("invalid", "电话号码只能包含数字（可带空格、横线或+86）")
    for prefix in ("0086", "86"):
        if text.startswith(prefix) and len(text) - len(prefix) in (11, 12) and (
                _MOBILE.match(text[len(prefix):]) or text[len(prefix)] == "0"):
            text = text[len(prefix):]
            break
    if _MOBILE.match(text):
        return Parsed(text)
    m = _LANDLINE.match(text)
    if m:
        return Parsed(f"{m.group(1)}-{m.group(2)}")
    if text.startswith("1") and len(text) != 11:
        return _fail("length", f"手机号应为11位，这里是{len(text)}位")
    if len(text) in (7, 8) and text[0] != "0":
        return _fail("no_area_code", "固定电话请在前面加上区号，如 0571-88123456")
    return _fail("invalid", "电话号码既不是11位手机号，也不是带区号的固定电话")


def phone_digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


# ---- dates --------------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
_YMD = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_YM = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
_COMPACT8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COMPACT6 = re.compile(r"^(\d{4})(\d{2})$")
_QUICK_YMD = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?", re.ASCII)  # a subset of _YMD
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _make(y: int, m: int, d: int, partial: bool = False) -> Parsed:
    try:
        day = date(y, m, d)
    except ValueError:
        return _fail("not_a_date", f"日期“{y}年{m}月{d}日”不存在")
    if not 1890 <= y <= 2100:
        return _fail("out_of_range", f"年份{y}不在合理范围内")
    return Parsed(day, partial=partial)


def parse_date(raw: object) -> Parsed:
    """1950.1.1, 1950年1月1日, 19500101, 1950-01-01, 1950/1/1, a date or datetime cell, an Excel
    serial number; 出生年月 without the day (1950.1, 1950年1月, 195001) gives the 1st of the month
    with partial=True, so that an ID number can supply the day."""
    if type(raw) is str:  # the usual case first: 1950-01-01, 1950.1.1, 1950年1月1日
        m = _QUICK_YMD.fullmatch(raw)
        if m:
            return _make(int(m[1]), int(m[2]), int(m[3]))
    if _blank(raw):
        return EMPTY
    if isinstance(raw, datetime):
        return _make(raw.year, raw.month, raw.day)
    if isinstance(raw, date):
        return _make(raw.year, raw.month, raw.day)
    if isinstance(raw, bool):
        return _fail("invalid", "出生日期格式不对")
    if isinstance(raw, int | float):
        if not math.isfinite(raw) or raw != int(raw):
            return _fail("invalid", "出生日期格式不对")
        n = int(raw)
        if 19000101 <= n <= 21001231:  # 19500101 typed into a number cell
            return parse_date(str(n))
        if 1 <= n <= 80000:
            d = _EXCEL_EPOCH + timedelta(days=n)
            return _make(d.year, d.month, d.day)
        return _fail("invalid", "出生日期格式不对")
    text = to_halfwidth(str(raw)).strip()
    text = _TIME_TAIL.sub("", text).strip()
    for pattern, partial in ((_YMD, False), (_COMPACT8, False)):
        m = pattern.match(text)
        if m:
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), partial)
    for pattern in (_YM, _COMPACT6):
        m = pattern.match(text)
        if m:
            return _make(int(m.group(1)), int(m.group(2)), 1, True)
    if re.fullmatch(r"\d+(\.0)?", text) and len(text.split(".")[0]) <= 5:
        return parse_date(float(text))
    return _fail("invalid", f"看不懂的日期“{str(raw)[:20]}”，请写成 1950-01-01 或 1950年1月1日")


# ---- names, sex, tags ---------------------------------------------------------------------------

# Lookalikes of the middle dot in minority names: • ● ． ・ ･ ‧ ∙ ⋅
_DOT_LOOKALIKES = re.compile("[\u2022\u25cf\uff0e\u30fb\uff65\u2027\u2219\u22c5]")
_NAME_BAD = re.compile(r"[0-9０-９@#$%^&*=+<>{}\[\]|\\/:;\"?!，。：；？！]")


def clean_name(raw: object) -> Parsed:
    """Spaces (ASCII, ideographic, invisible) removed; a name must have no digits or symbols."""
    if _blank(raw):
        return _fail("no_name", "没有姓名")
    if not isinstance(raw, str):
        return _fail("bad_name", "姓名不应是数字或日期")
    name = remove_spaces(raw)
    if _DOT_LOOKALIKES.search(name):
        # 阿依古丽•买买提: ID cards write the middle dot (U+00B7); a lookalike would keep the
        # same person typed correctly from matching.
        name = _DOT_LOOKALIKES.sub("\u00b7", name)
    if has_controls(name):
        return _fail("bad_name", f"姓名“{strip_controls(name)[:20]}”中有看不见的控制字符"
                                 "（如 NUL），请核对原表")
    if _NAME_BAD.search(name):
        return _fail("bad_name", f"姓名“{name[:20]}”中有数字或符号")
    if len(name) > 30:
        return _fail("bad_name", "姓名过长（超过30个字）")
    return Parsed(name)


_MALE = {"男", "男性", "M", "MALE", "1"}
_FEMALE = {"女", "女性", "F", "FEMALE", "2", "0"}


def parse_gender(raw: object) -> Parsed:
    if _blank(raw):
        return EMPTY
    if isinstance(raw, float) and math.isfinite(raw) and raw == int(raw):
        raw = int(raw)
    text = remove_spaces(to_halfwidth(str(raw))).upper()
    if text in _MALE:
        return Parsed("男")
    if text in _FEMALE:
        return Parsed("女")
    return _fail("invalid", f"性别“{str(raw)[:10]}”看不懂，请填“男”或“女”")


_TAG_SPLIT = re.compile(r"[、,，;；/\s]+")


def parse_tags(raw: object) -> list[str]:
    """"孕妇、志愿者" -> ["孕妇", "志愿者"]; also split on commas, semicolons, slashes, spaces."""
    if _blank(raw):
        return []
    out: list[str] = []
    for part in _TAG_SPLIT.split(to_halfwidth(strip_controls(str(raw))).strip()):
        if part and part not in out:
            out.append(part)
    return out


def clean_text(raw: object) -> str:
    """A free-text cell as text: numbers without ".0", dates as ISO, spaces trimmed."""
    if raw is None:
        return ""
    if isinstance(raw, float) and math.isfinite(raw) and raw == int(raw):
        return str(int(raw))
    if isinstance(raw, datetime | date):
        return raw.isoformat()[:10]
    return strip_controls(str(raw)).strip().replace("\u3000", " ").strip()
