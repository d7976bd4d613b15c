"""The money parser (models/common/money.py): every way a clerk writes an amount reads back to the
same fen; two numbers, negatives, a third decimal and anything else are refused with a reason."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.common.errors import UserError
from models.common.money import MAX_FEN, MoneyError, parse_money, yuan_text

FEN = st.integers(min_value=0, max_value=MAX_FEN)
FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789."}
DIGITS = "零壹贰叁肆伍陆柒捌玖"


def capital(fen: int) -> str:
    """The amount as a receipt writes it (written here apart from the parser, the usual rules:
    壹万零伍拾元, 壹仟零伍元, 叁拾元伍角, 零 before 分 when there is no 角)."""
    yuan, jiao, fen_digit = fen // 100, fen // 10 % 10, fen % 10
    tail = (f"{DIGITS[jiao]}角" if jiao else "") + (
        ("零" if yuan and not jiao else "") + f"{DIGITS[fen_digit]}分" if fen_digit else "")
    if not yuan:
        return tail or "零元整"
    return capital_whole(yuan) + "元" + (tail or "整")


def capital_whole(n: int) -> str:
    groups = [(n // 100_000_000, "亿"), (n // 10_000 % 10_000, "万"), (n % 10_000, "")]
    out = ""
    gap = False
    for value, big in groups:
        if not value:
            gap = gap or bool(out)
            continue
        if out and (gap or value < 1000):
            out += "零"
        out += section(value) + big
        gap = False
    return out


def section(value: int) -> str:
    out = ""
    zero = False
    for unit, name in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        d = value // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
        out += DIGITS[d] + name
        zero = False
    return out


def styles(fen: int) -> list[str]:
    y, f = fen // 100, fen % 100
    jiao, fen_digit = f // 10, f % 10
    out = [f"{y}.{f:02d}", f"{y}.{f:02d}元", f"¥{y}.{f:02d}", f"￥{y}.{f:02d}",
           f"{y}.{f:02d}".translate(FULL), f"{y:,}.{f:02d}", f" {y}.{f:02d} 元 ", capital(fen)]
    if f == 0:
        out += [f"{y}", f"{y}元", f"{y}元整", f"{y}块", str(y).translate(FULL) + "元"]
    if fen_digit == 0:
        out.append(f"{y}.{jiao}")
        if jiao:
            out += [f"{y}元{jiao}", f"{y}元{jiao}角", f"{y}块{jiao}", f"{y}块{jiao}毛"]
    if f:
        units = (f"{jiao}角" if jiao else "") + (f"{fen_digit}分" if fen_digit else "")
        out.append(f"{y}元{units}")
        if jiao and fen_digit:
            out.append(f"{y}元{jiao}角{fen_digit}")
        if not jiao:
            out.append(f"{y}元零{fen_digit}分")
        if not y:
            out.append(units)
    return out


@given(FEN)
def test_every_accepted_style_reads_back_to_the_same_fen(fen: int) -> None:
    for text in styles(fen):
        assert parse_money(text) == fen, text


@given(FEN)
def test_what_the_field_shows_reads_back(fen: int) -> None:
    assert parse_money(yuan_text(fen)) == fen


@given(st.text(max_size=20))
def test_any_text_gives_an_amount_or_a_reason(text: str) -> None:
    try:
        fen = parse_money(text)
    except MoneyError as exc:
        assert str(exc) and isinstance(exc, UserError) and isinstance(exc, ValueError)
    else:
        assert 0 <= fen <= MAX_FEN


@pytest.mark.parametrize(("text", "fen"), [
    ("30", 3000), ("30.5", 3050), ("30元", 3000), ("30.50元", 3050), ("30元5", 3050),
    ("30元5角", 3050), ("30元5角2分", 3052), ("¥30", 3000), ("￥30", 3000), ("30.00", 3000),
    ("３０元５", 3050), ("叁拾元", 3000), ("叁拾元伍角", 3050), ("壹佰贰拾元整", 12000),
    ("壹万零伍拾元", 1005000), ("拾伍元", 1500), ("伍角", 50), ("30元零5分", 3005), ("", 0),
    ("1,200.50", 120050), ("30块5", 3050),
])
def test_known_amounts(text: str, fen: int) -> None:
    assert parse_money(text) == fen


@pytest.mark.parametrize(("text", "reason"), [
    ("-5", "负数"), ("负5", "负数"), ("-30元5", "负数"), ("－５", "负数"),
    ("30 50", "两个数"), ("30-50", "两个数"), ("30/50", "两个数"), ("30元50元", "两个数"),
    ("30.505", "两位小数"), ("0.001", "两位小数"),
    ("30元50", "角还是分"),
    ("五十", "不是有效的金额"), ("一百二", "不是有效的金额"), ("abc", "不是有效的金额"),
    ("30元5角2分3", "不是有效的金额"), ("+30", "不是有效的金额"), ("元", "看不懂"),
    ("壹佰伍元", "看不懂"), ("壹贰元", "看不懂"), ("1,2", "两个数"),
    ("1000000000", "过大"), ("1" * 5000, "过大"), ("1," * 3000 + "000", "过大"),
])
def test_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(MoneyError, match=reason):
        parse_money(text)
