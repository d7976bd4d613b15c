"""Pure rules about residents' values (no database): ages, and re-exports of the parsers."""
from __future__ import annotations

from datetime import date

# Relationships to the head of household, as registers write them (户主: the head).
HEAD = "户主"
RELATIONS: tuple[str, ...] = (
    HEAD, "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿", "其他",
)
# A resident's status: still here, or left (with the day) and kept for history.
PRESENT, MOVED_AWAY, DECEASED = "在册", "迁出", "死亡"
STATUSES: tuple[str, ...] = (PRESENT, MOVED_AWAY, DECEASED)


def age_on(birth: date, day: date) -> int:
    """Full years on day: the birthday itself counts; 29 Feb birthdays turn on 1 Mar in other
    years."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
