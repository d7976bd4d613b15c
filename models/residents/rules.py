"""Pure rules about residents' values (no database): ages, and re-exports of the parsers."""
from __future__ import annotations

from datetime import date


def age_on(birth: date, day: date) -> int:
    """Full years on day: the birthday itself counts; 29 Feb birthdays turn on 1 Mar in other
    years."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
