"""The import's quick paths give exactly what the full parsers give: a plain name (only CJK
characters of the main block) is taken as it is because clean_name would return it unchanged."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from models.common.parsers import Parsed, clean_name, parse_date, parse_phone
from models.residents.imports import rows

# CJK around the block's edges, the middle dot and its lookalikes, spaces of every kind, digits,
# symbols, controls, Latin letters.
ALPHABET = st.sampled_from(list("张王李欣远一鿿\u4dff\ua000㐀𠀀·•．・ \u3000\u00a0\u200b\t\n"
                                "0１@#，。:\x00\x1fAbé"))


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=34))
def test_plain_name_is_what_clean_name_gives(text: str) -> None:
    if rows._PLAIN_NAME.fullmatch(text):
        assert clean_name(text) == Parsed(text)
    row = [text, None]
    cols = (0, *([-1] * (len(rows.ROW_FIELDS) - 1)))
    got = rows.evaluate_row("表", 2, row, cols, None, date(2026, 12, 1))
    parsed = clean_name(text)
    if parsed.reason:
        assert got.record is None and (got.code, got.reason) == (parsed.code, parsed.reason)
    else:
        assert got.record is not None and got.record.name == parsed.value == got.raw_name


def test_plain_names_of_the_usual_kind() -> None:
    for name in ("石欣远", "王", "欧阳娜娜", "鿿" * 30):
        assert rows._PLAIN_NAME.fullmatch(name) and clean_name(name) == Parsed(name)
    for name in ("鿿" * 31, "阿依古丽·买买提", "张 三", "张三1", "", "㐀"):
        assert not rows._PLAIN_NAME.fullmatch(name)


def test_parsed_values_compare_and_read_as_before() -> None:
    assert parse_date("1950年1月").partial and parse_date("1950年1月").value == date(1950, 1, 1)
    assert parse_phone("138 1234 5678") == Parsed("13812345678") and parse_phone("").ok
    assert parse_phone("12345").code == "length" and not parse_phone("12345").ok


def test_birth_in_an_id_read_as_year_month_day() -> None:
    """_birth_of reads the eight digits with date.fromisoformat: the same day as date(year,
    month, day) for every month and day 00-99 of years at and around the edges, and refused
    (None) exactly where date() refuses."""
    from models.common.id_number import _birth_of

    today = date(2026, 12, 2)
    for year in (0, 1, 1889, 1890, 1900, 1999, 2000, 2024, 2026, 2027, 2100, 9999):
        for month in range(100):
            for day in range(100):
                digits = f"110105{year:04d}{month:02d}{day:02d}0013"
                try:
                    born: date | None = date(year, month, day)
                except ValueError:
                    born = None
                if born is not None and (born.year < 1890 or born > today):
                    born = None
                assert _birth_of(digits, today) == born, digits
