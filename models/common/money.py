"""Money as a clerk types it, read into fen (分, an int) or refused with a plain Chinese reason.

Read exactly: 30, 30.5, 30.50, 1,200.00, 30元, 30.50元, 30元5 (thirty yuan five jiao: 30.50),
30元5角, 30元5角2分, 30元零5分, 5角, ¥30 / ￥30, full-width digits, 30元整, 块/毛 for 元/角, and
the capital numerals of receipts (叁拾元, 叁拾元伍角, 壹佰贰拾元整, 壹万零伍拾元).
Refused: two numbers (30 50, 30-50, 30元50), a negative amount, more than two decimals, lower-case
numerals (一百二 is 120 to some and 102 to others) and anything else. No exception but MoneyError
escapes for any text.
"""
from __future__ import annotations

import re

from models.common.errors import UserError
from models.common.text import remove_spaces, to_halfwidth

MAX_FEN = 100_000_000 * 100  # one hundred million yuan: more is a typing slip

EXAMPLES = "如 30、30.50 或 30元5角"


class MoneyError(UserError, ValueError):
    """A typed amount that is not read; str() says why, in Chinese."""


_YUAN, _JIAO, _FEN = "[元圆块]", "[角毛]", "分"
_INT = r"(\d{1,3}(?:,\d{3})+|\d+)"  # 1200 or 1,200
_DECIMAL = re.compile(rf"{_INT}(?:\.(\d*))?{_YUAN}?")
# Yuan, then jiao and fen written with their units (the last unit may be left off: 30元5, 5角2).
_UNITS = re.compile(rf"(?:{_INT}{_YUAN})?(?:(零)?(\d){_JIAO})?(?:(零)?(\d){_FEN})?")
_YUAN_JIAO = re.compile(rf"{_INT}{_YUAN}(\d)")  # 30元5: five jiao
_JIAO_FEN = re.compile(rf"(?:{_INT}{_YUAN})?(\d){_JIAO}(\d)")  # 30元5角2: two fen
_NEGATIVE = ("-", "负", "\u2212")

_DIGIT = {"零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_CAPITAL = set(_DIGIT) | set(_SMALL) | set(_BIG) | set("元圆角分整")
_LOWER = set("〇一二三四五六七八九十百千两")


def yuan_text(fen: int) -> str:
    """12345 -> "123.45" (what the field and the printed plan show)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def parse_money(text: str) -> int:
    """The amount typed, in fen; nothing typed is 0. Raises MoneyError with the reason."""
    raw = text
    s = to_halfwidth(text).strip()
    if re.search(r"\d\s+\d", s):
        raise MoneyError(f"“{raw.strip()}”像是两个数，请只填一个金额，{EXAMPLES}。")
    s = remove_spaces(s).replace("\uffe5", "").replace("\u00a5", "")
    s = s.removeprefix("RMB").removeprefix("人民币")
    if not s:
        return 0
    if s.startswith(_NEGATIVE):
        try:
            _read(s[1:], raw)
        except MoneyError:
            pass
        else:
            raise MoneyError("金额不能是负数。")
    return _read(s, raw)


def _read(s: str, raw: str) -> int:
    too_big = MoneyError("金额过大（超过一亿元），请检查是否多打了数字。")
    if re.search(r"\d{10,}", s.replace(",", "")):
        raise too_big  # and int() is never handed thousands of digits
    if s.endswith("整") and len(s) > 1:
        s = s[:-1]
    fen = _capital(s, raw) if s and set(s) <= _CAPITAL else _arabic(s, raw)
    if fen > MAX_FEN:
        raise too_big
    return fen


def _whole(digits: str) -> int:
    return int(digits.replace(",", ""))


def _arabic(s: str, raw: str) -> int:
    m = _DECIMAL.fullmatch(s)
    if m:
        frac = m.group(2) or ""
        if len(frac) > 2:
            raise MoneyError(f"“{raw.strip()}”有{len(frac)}位小数，金额最多两位小数（到分）。")
        return _whole(m.group(1)) * 100 + int((frac + "00")[:2])
    m = _YUAN_JIAO.fullmatch(s)
    if m:
        return _whole(m.group(1)) * 100 + int(m.group(2)) * 10
    m = _JIAO_FEN.fullmatch(s)
    if m:
        return _whole(m.group(1) or "0") * 100 + int(m.group(2)) * 10 + int(m.group(3))
    m = _UNITS.fullmatch(s)
    if m and any(m.group(i) for i in (1, 3, 5)):
        yuan, zero_jiao, jiao, zero_fen, fen = m.groups()
        if zero_jiao or (zero_fen and (jiao or not yuan)):  # 零 only stands for a missing 角
            raise MoneyError(f"“{raw.strip()}”不是有效的金额，请填写{EXAMPLES}。")
        return _whole(yuan or "0") * 100 + int(jiao or 0) * 10 + int(fen or 0)
    if re.fullmatch(rf"{_INT}{_YUAN}\d{{2,}}", s):
        raise MoneyError(f"“{raw.strip()}”：“元”后面的数请写明是角还是分，如 30元5角 或 30.50。")
    if set(s) & _LOWER:
        raise MoneyError(f"“{raw.strip()}”不是有效的金额：请用数字（{EXAMPLES}）或大写金额"
                         "（如 叁拾元伍角）。")
    numbers = len(re.findall(r"\d+(?:\.\d+)?", s))
    if numbers > 1 and (len(re.findall("[元圆块]", s)) > 1 or not re.search("[元圆块角毛分零]", s)):
        raise MoneyError(f"“{raw.strip()}”像是两个数，请只填一个金额，{EXAMPLES}。")
    raise MoneyError(f"“{raw.strip()}”不是有效的金额，请填写{EXAMPLES}。")


def _capital(s: str, raw: str) -> int:
    """叁拾元伍角 -> 3050. Strict: units in falling order, no digit without its unit except the
    ones (after 拾 or 零), 角 and 分 after 元."""
    bad = MoneyError(f"“{raw.strip()}”这个大写金额看不懂，请写成如 叁拾元伍角 或填数字 30.50。")
    whole, sep, rest = s.partition("元") if "元" in s else s.partition("圆")
    if not sep:
        whole, rest = "", s
        if not rest or rest[-1] not in "角分":
            raise bad
    fen = _capital_whole(whole, bad) * 100 if whole else 0
    if sep and not whole:
        raise bad
    m = re.fullmatch(r"(零)?(?:([壹贰叁肆伍陆柒捌玖])角)?(零)?(?:([壹贰叁肆伍陆柒捌玖])分)?", rest)
    if not m:
        raise bad
    zero1, jiao, zero2, fen_digit = m.groups()
    if (zero1 and (jiao or not fen_digit)) or (zero2 and (jiao or zero1 or not fen_digit)):
        raise bad
    return fen + (_DIGIT[jiao] * 10 if jiao else 0) + (_DIGIT[fen_digit] if fen_digit else 0)


def _capital_whole(s: str, bad: MoneyError) -> int:
    if s == "零":
        return 0
    done = 0  # what 亿 and 万 have closed
    section = 0  # below 万
    digit: int | None = None
    zero = False  # a 零 since the last unit: the ones may follow it (壹佰零伍)
    last_small = 10_000  # units within a section fall: 仟 佰 拾
    last_big = 10**12

    def ones() -> int:
        # A digit with no unit is the ones only after 拾, after 零, or alone (伍, 伍万): 壹佰伍
        # is 150 to some and 105 to others.
        if digit is None:
            if zero:
                raise bad  # 壹佰零 ends on nothing
            return 0
        if last_small == 10 or zero or (last_small == 10_000 and not section and not done):
            return digit
        raise bad

    for ch in s:
        if ch == "零":
            if digit is not None or (not section and not done):
                raise bad
            zero = True
        elif ch in _DIGIT:
            if digit is not None:
                raise bad  # 壹贰: two digits with no unit between
            digit = _DIGIT[ch]
        elif ch in _SMALL:
            unit = _SMALL[ch]
            if unit >= last_small:
                raise bad
            if digit is None:
                if ch != "拾" or section or done or zero:
                    raise bad  # only a leading 拾 stands for 壹拾
                digit = 1
            section += digit * unit
            last_small, digit, zero = unit, None, False
        elif ch in _BIG:
            unit = _BIG[ch]
            section += ones()
            if unit >= last_big or not section:
                raise bad
            done = (done + section) * unit if unit > 10_000 else done + section * unit
            section, digit, zero, last_small, last_big = 0, None, False, 10_000, unit
        else:
            raise bad
    return done + section + ones()


_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _capital_section(n: int) -> str:
    """0 < n < 10000 in capitals: 1005 -> 壹仟零伍."""
    out, zero = "", False
    for value, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        d = n // value % 10
        if not d:
            zero = zero or bool(out)
            continue
        out += ("零" if zero else "") + _CAPITAL_DIGITS[d] + unit
        zero = False
    return out


def capital_text(fen: int) -> str:
    """An amount in the capital numerals of receipts and sign-for sheets: 120000 ->
    壹仟贰佰元整, 10005 -> 壹佰元零伍分, 50 -> 伍角. parse_money reads it back to the same fen."""
    if fen < 0:
        return "负" + capital_text(-fen)
    whole, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    out, gap = "", False
    for value, big in ((whole // 10**8, "亿"), (whole // 10**4 % 10**4, "万"),
                       (whole % 10**4, "")):
        if not value:
            gap = gap or bool(out)
            continue
        if out and (gap or value < 1000):
            out += "零"
        out += _capital_section(value) + big
        gap = False
    if out:
        out += "元"
    if not jiao and not cents:
        return (out or "零元") + "整"
    if jiao:
        out += _CAPITAL_DIGITS[jiao] + "角"
    if cents:
        out += ("零" if out and not jiao else "") + _CAPITAL_DIGITS[cents] + "分"
    return out
