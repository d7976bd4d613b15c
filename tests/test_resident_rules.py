"""Pure rules: ID numbers (GB 11643), phones, dates, names, ages, pinyin and stroke keys."""
from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from models.common.id_number import NUMBER_CELL_REASON, check_digit, parse_id_number, upgrade_15
from models.common.name_keys import pinyin_keys, stroke_key, stroke_sequence
from models.common.parsers import clean_name, parse_date, parse_gender, parse_phone, parse_tags
from models.residents.rules import age_on

TODAY = date(2026, 11, 28)


def test_id_valid_gives_birth_and_sex() -> None:
    r = parse_id_number("11010519491231002x", today=TODAY)
    assert r.ok and r.value == "11010519491231002X"
    assert r.birth == date(1949, 12, 31) and r.gender == "女"
    r = parse_id_number(" 330105 19431024 971X ", today=TODAY)
    assert r.ok and r.gender == "男"


def test_id_refusals_carry_reasons() -> None:
    bad = parse_id_number("110105194912310021", today=TODAY)
    assert bad.code == "bad_check_digit" and "校验位" in bad.reason
    assert parse_id_number("110105194913310027", today=TODAY).code == "bad_birth"
    assert parse_id_number("12345", today=TODAY).code == "length"
    future = "1101052030010100" + "1"
    assert parse_id_number(future + check_digit(future), today=TODAY).code == "bad_birth"


def test_id_in_number_cell_is_refused() -> None:
    r = parse_id_number(3.30105194410092e17, today=TODAY)
    assert r.code == "number_cell" and r.reason == NUMBER_CELL_REASON
    assert "文本" in r.reason
    assert parse_id_number("3.30105194410092E+17").code == "number_cell"
    assert parse_id_number(330105194410092000).code == "number_cell"


def test_old_15_digit_id_converted() -> None:
    assert upgrade_15("330105441024971") == "330105194410249717"
    r = parse_id_number("330105441024971", today=TODAY)
    assert r.ok and r.converted_from_15 and r.birth == date(1944, 10, 24)
    assert parse_id_number(330105441024971.0, today=TODAY).ok  # 15 digits survive a number cell


def test_phones_in_every_spelling() -> None:
    for raw in ("138-1234-5678", "+86 13812345678", "0086 138 1234 5678", "１３８１２３４５６７８",
                13812345678.0, "8613812345678", "138 1234 5678"):
        assert parse_phone(raw).value == "13812345678", raw
    assert parse_phone("(0571)88123456").value == "0571-88123456"
    assert parse_phone("010-12345678").value == "010-12345678"
    assert parse_phone("").value is None and parse_phone("").ok
    assert parse_phone("88123456").code == "no_area_code"
    assert parse_phone("1381234567").code == "length"
    assert not parse_phone("无").ok


def test_dates_in_every_spelling() -> None:
    want = date(1950, 1, 1)
    for raw in ("1950.1.1", "1950年1月1日", "19500101", "1950-01-01", "1950/1/1", 18264.0,
                19500101.0, datetime(1950, 1, 1, 0, 0), want, "1950-01-01 00:00:00",
                "１９５０.１.１"):
        assert parse_date(raw).value == want, raw
    partial = parse_date("1950年1月")
    assert partial.value == want and partial.partial
    assert parse_date("1950.1").partial
    assert parse_date("1950.2.30").code == "not_a_date"
    assert not parse_date("去年").ok


def test_names_sex_tags() -> None:
    assert clean_name(" 雷\u3000怡 ").value == "雷怡"
    assert clean_name("").code == "no_name"
    assert clean_name("合计：60人").code == "bad_name"
    assert parse_gender("F").value == "女" and parse_gender("男 ").value == "男"
    assert parse_tags("孕妇、志愿者") == ["孕妇", "志愿者"]


def test_age_counts_the_birthday() -> None:
    assert age_on(date(1950, 6, 15), date(2020, 6, 14)) == 69
    assert age_on(date(1950, 6, 15), date(2020, 6, 15)) == 70
    assert age_on(date(2000, 2, 29), date(2021, 2, 28)) == 20
    assert age_on(date(2000, 2, 29), date(2021, 3, 1)) == 21


def test_pinyin_surnames_and_initials() -> None:
    assert pinyin_keys("张三") == ("zhangsan", "zs")
    assert pinyin_keys("赵四")[1] == "zs"
    for name, full in (("单丽", "shanli"), ("解放", "xiefang"), ("区明", "ouming"),
                       ("仇英", "qiuying"), ("朴勇", "piaoyong"), ("乐平", "yueping"),
                       ("曾国", "zengguo"), ("尉迟恭", "yuchigong")):
        assert pinyin_keys(name)[0] == full, name


def test_stroke_order_of_surnames() -> None:
    assert stroke_sequence("张") == "5153154"
    names = ["王五", "李四", "张三", "赵六", "王一", "丁一", "于丹", "万里", "上官云", "马力"]
    got = sorted(names, key=stroke_key)
    # 丁 2 strokes; 于 万 上 3 strokes starting 横 横 / 横 折 / 竖; 马 3 starting 折; 王 4; 李 7 ...
    assert got == ["丁一", "于丹", "万里", "上官云", "马力", "王一", "王五", "李四", "张三", "赵六"]


_cells = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(allow_nan=True),
                   st.dates(), st.datetimes(), st.booleans())


@given(_cells)
def test_id_parser_never_raises_and_explains(raw: object) -> None:
    r = parse_id_number(raw, today=TODAY)
    assert r.ok == (r.value is not None)
    if not r.ok:
        assert r.reason and r.code
    else:
        assert len(r.value) == 18 and check_digit(r.value[:17]) == r.value[17]


@given(_cells)
def test_phone_parser_never_raises_and_explains(raw: object) -> None:
    r = parse_phone(raw)
    if not r.ok:
        assert r.reason and r.code and r.value is None
    elif r.value is not None:
        assert len(r.value.replace("-", "")) in (11, 12, 10) and r.value.replace("-", "").isdigit()


@given(_cells)
def test_date_parser_never_raises_and_explains(raw: object) -> None:
    r = parse_date(raw)
    if not r.ok:
        assert r.reason and r.code and r.value is None
    elif r.value is not None:
        assert isinstance(r.value, date)


@given(st.text(alphabet="张王单解区曾尉迟三四五abc 　1", max_size=8))
def test_name_keys_never_raise(name: str) -> None:
    full, initials = pinyin_keys(name)
    assert len(initials) <= len(name)
    assert isinstance(stroke_key(name), str)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_is_iso_7064_mod_11_2(first17: str) -> None:
    # Weights 2^(17-i) mod 11, the standard's definition, against the written-out sum.
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    assert check_digit(first17) == "10X98765432"[total % 11]
