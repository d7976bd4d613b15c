"""Festival days: lunar ones agree with lunardate, solar and weekday ones with the calendar."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from lunardate import LunarDate

from models.plans.festivals import FESTIVALS, FestivalError, festival_date


def test_double_ninth_known_days() -> None:
    assert festival_date("double_ninth", 2026) == date(2026, 10, 18)
    assert festival_date("double_ninth", 2027) == date(2027, 10, 8)


def test_spring_festival_2027_and_eve() -> None:
    assert festival_date("spring_festival", 2027) == date(2027, 2, 6)
    assert festival_date("new_years_eve", 2027) == date(2027, 2, 5)


@pytest.mark.parametrize("year", [1950, 2023, 2025, 2026, 2027, 2033, 2099])
@pytest.mark.parametrize(
    ("key", "month", "day"),
    [("spring_festival", 1, 1), ("lantern", 1, 15), ("dragon_boat", 5, 5), ("qixi", 7, 7),
     ("mid_autumn", 8, 15), ("double_ninth", 9, 9)],
)
def test_lunar_festivals_match_lunardate(key: str, month: int, day: int, year: int) -> None:
    got = festival_date(key, year)
    assert got.year == year
    back = LunarDate.from_solar_date(got.year, got.month, got.day)
    assert (back.year, back.month, back.day, back.is_leap_month) == (year, month, day, False)


@pytest.mark.parametrize("year", [2023, 2026, 2027])
def test_laba_and_eve_belong_to_that_years_spring_festival(year: int) -> None:
    spring = festival_date("spring_festival", year)
    laba = festival_date("laba", year)
    back = LunarDate.from_solar_date(laba.year, laba.month, laba.day)
    assert (back.year, back.month, back.day) == (year - 1, 12, 8)
    assert timedelta(days=20) < spring - laba < timedelta(days=25)
    assert festival_date("new_years_eve", year) == spring - timedelta(days=1)


def test_solar_and_weekday_festivals() -> None:
    assert festival_date("womens_day", 2026) == date(2026, 3, 8)
    assert festival_date("lei_feng", 2026) == date(2026, 3, 5)
    assert festival_date("population_day", 2031) == date(2031, 7, 11)
    assert festival_date("volunteer_day", 2026) == date(2026, 12, 5)
    mothers = festival_date("mothers_day", 2026)
    assert mothers.month == 5 and mothers.weekday() == 6 and 8 <= mothers.day <= 14


def test_every_festival_has_a_name_and_a_day() -> None:
    for key, name in FESTIVALS.items():
        assert name and festival_date(key, 2026).year in (2025, 2026)


def test_unknown_key_and_year_out_of_range_are_refused() -> None:
    with pytest.raises(FestivalError, match="未知的节日"):
        festival_date("halloween", 2026)
    with pytest.raises(FestivalError, match="超出范围"):
        festival_date("double_ninth", 2100)
