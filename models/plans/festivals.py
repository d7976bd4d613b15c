"""Festival days that community activities are tied to, and their date in a given year.

Lunar festivals come from the maintained `lunardate` library (its tables cover 1900-2099), never
from a hand-made table. 腊八 and 除夕 belong to the Spring Festival of the year asked for: 除夕 is
the day before it, and 腊八 (lunar 12/8 of the year before) usually falls in January of that year,
now and then on the last days of the December before (2023's was 2022-12-30).

清明 is a solar term, which lunardate does not compute, so it is left out rather than typed in.
"""
from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from lunardate import LunarDate

from models.common.errors import UserError


class FestivalError(UserError, ValueError):
    pass


def _lunar(month: int, day: int, year_offset: int = 0) -> Callable[[int], date]:
    def rule(year: int) -> date:
        lunar = LunarDate(year + year_offset, month, day)
        # lunardate 0.3 renamed toSolarDate (now deprecated) to to_solar_date.
        to_solar = getattr(lunar, "to_solar_date", None) or lunar.toSolarDate
        return to_solar()

    return rule


def _solar(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], date]:
    """The n-th given weekday (Monday 0) of a month, e.g. Mother's Day, the 2nd Sunday of May."""

    def rule(year: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))

    return rule


def _new_years_eve(year: int) -> date:
    return _lunar(1, 1)(year) - timedelta(days=1)


# key -> (Chinese name, rule); in calendar order of a usual year.
_TABLE: dict[str, tuple[str, Callable[[int], date]]] = {
    "new_year": ("元旦", _solar(1, 1)),
    "laba": ("腊八节", _lunar(12, 8, year_offset=-1)),
    "new_years_eve": ("除夕", _new_years_eve),
    "spring_festival": ("春节", _lunar(1, 1)),
    "lantern": ("元宵节", _lunar(1, 15)),
    "lei_feng": ("学雷锋纪念日", _solar(3, 5)),
    "womens_day": ("三八妇女节", _solar(3, 8)),
    "tree_planting": ("植树节", _solar(3, 12)),
    "consumer_day": ("消费者权益日", _solar(3, 15)),
    "world_health_day": ("世界卫生日", _solar(4, 7)),
    "security_education_day": ("全民国家安全教育日", _solar(4, 15)),
    "world_book_day": ("世界读书日", _solar(4, 23)),
    "labour_day": ("劳动节", _solar(5, 1)),
    "youth_day": ("五四青年节", _solar(5, 4)),
    "mothers_day": ("母亲节", _nth_weekday(5, calendar.SUNDAY, 2)),
    "family_day": ("国际家庭日", _solar(5, 15)),
    "disability_day": ("全国助残日", _nth_weekday(5, calendar.SUNDAY, 3)),
    "no_tobacco_day": ("世界无烟日", _solar(5, 31)),
    "childrens_day": ("六一儿童节", _solar(6, 1)),
    "dragon_boat": ("端午节", _lunar(5, 5)),
    "fathers_day": ("父亲节", _nth_weekday(6, calendar.SUNDAY, 3)),
    "anti_drug_day": ("国际禁毒日", _solar(6, 26)),
    "party_day": ("七一建党节", _solar(7, 1)),
    "population_day": ("世界人口日", _solar(7, 11)),
    "army_day": ("八一建军节", _solar(8, 1)),
    "qixi": ("七夕节", _lunar(7, 7)),
    "teachers_day": ("教师节", _solar(9, 10)),
    "mid_autumn": ("中秋节", _lunar(8, 15)),
    "national_day": ("国庆节", _solar(10, 1)),
    "double_ninth": ("重阳节", _lunar(9, 9)),
    "disabled_persons_day": ("国际残疾人日", _solar(12, 3)),
    "constitution_day": ("国家宪法日", _solar(12, 4)),
    "volunteer_day": ("国际志愿者日", _solar(12, 5)),
}

FESTIVALS: dict[str, str] = {key: name for key, (name, _rule) in _TABLE.items()}

# lunardate's tables end with lunar 2099; 腊八 reaches back one lunar year.
MIN_YEAR, MAX_YEAR = 1901, 2099


def festival_date(key: str, year: int) -> date:
    """The day of festival `key` in `year` (see the module note for 腊八 and 除夕)."""
    if key not in _TABLE:
        raise FestivalError(f"未知的节日“{key}”。")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FestivalError(f"年份 {year} 超出范围，只能计算 {MIN_YEAR}—{MAX_YEAR} 年的节日。")
    return _TABLE[key][1](year)


def festival_name(key: str) -> str:
    """The Chinese name of a festival key; an unknown key is returned as it is."""
    return FESTIVALS.get(key, key)
