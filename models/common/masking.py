"""Masking of personal data on anything public (docs/printing.md): how each kind of value is masked,
and which columns a masked output may show at all, so that no masked value can be rebuilt from
the other columns of the same output. Every public export goes through here.

The rule: no masked value may be narrowed to fewer than MIN_CANDIDATES from what else the output
shows. The hidden eight digits of a 6+4 ID are the birth date: a birth date beside it gives the ID
back exactly, a birth year or an age leaves about 33 dates (the check digit rules out ten in
eleven), a 20-year age band about 660. So a masked output with IDs shows no birth date, year, age
or age band; without IDs it shows the birth year, never the full date.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

MIN_CANDIDATES = 1000

# What a column of a personal list holds; exporters tag their columns with these.
NAME = "name"
ID_NUMBER = "id_number"
PHONE = "phone"
BIRTH_DATE = "birth_date"
BIRTH_YEAR = "birth_year"
AGE = "age"
AGE_BAND = "age_band"  # a breakdown by age band anywhere in the same file counts too
ROOM = "room"  # unit and room, or the street address
FREE_TEXT = "free_text"  # notes, reasons: may hold a relative's phone or an illness
TAGS = "tags"  # the register's tags, joined with 、
OTHER = ""  # sex, building, status, figures: shown as they are

_MOBILE = re.compile(r"^1\d{10}$")
# Tags that state a person's health stay off what leaves the office (docs/printing.md: illness and
# similar details stay off posted lists; an aid programme's name such as 低保户 is shown). 孕妇
# also says the age within a few decades.
HEALTH_TAGS = frozenset({"孕妇", "残疾人"})


def withheld(kinds: Collection[str]) -> frozenset[str]:
    """The kinds of column a masked output leaves out, given every kind the full output has.

    - A birth date: always (it rebuilds a 6+4 ID exactly; without an ID the year is shown).
    - Beside a 6+4 ID: the birth year, the age and any age band.
    - The room or street address: with the building, sex and a masked name it names the
      person to any neighbour, and the masked name with it.
    - Free text (notes, a reason for an exception): it may hold a phone, an illness or a name.
    """
    out = {ROOM, FREE_TEXT}
    if ID_NUMBER in kinds:
        out |= {BIRTH_DATE, BIRTH_YEAR, AGE, AGE_BAND}
    return frozenset(k for k in out if k in kinds)


def shown_columns(kinds: Sequence[str]) -> list[int]:
    """Indexes of the columns (given by kind, in order) that a masked output keeps."""
    hidden = withheld(kinds)
    return [i for i, k in enumerate(kinds) if k not in hidden]


def mask_value(kind: str, value: str) -> str:
    """A value as a masked output shows it (the column being one shown_columns keeps)."""
    if not value:
        return value
    if kind == NAME:
        return mask_name(value)
    if kind == ID_NUMBER:
        return mask_id(value)
    if kind == PHONE:
        return mask_phone(value)
    if kind == BIRTH_DATE:
        return value[:4]  # only the year, and only where no ID is beside it
    if kind == TAGS:
        return "、".join(t for t in value.split("、") if t not in HEALTH_TAGS)
    return value


def visible_sort_key(masked_name: str, order: str = "strokes") -> str:
    """Sort key of a masked name from what it shows, in 姓氏笔画 ("strokes") or pinyin order:
    a list sorted on the hidden characters too tells by its row order whose hidden character
    has more strokes (or comes later in pinyin). Ties go by the row's other visible values."""
    from models.common.name_keys import pinyin_keys, stroke_key

    shown = masked_name.replace("*", "")
    return stroke_key(shown) if order == "strokes" else pinyin_keys(shown)[0]


def mask_name(name: str) -> str:
    """张三明 -> 张*明, 张三 -> 张*, 欧阳娜娜 -> 欧**娜."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(id_number: str) -> str:
    """330102199001011234 -> 330102********1234 (first six, last four)."""
    s = id_number.strip()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; a landline keeps its area code and last four digits. At least
    three digits are always hidden (10 ** 3 = MIN_CANDIDATES completions): a short local number
    keeps less of its head and tail."""
    s = phone.strip()
    if _MOBILE.match(s):
        return s[:3] + "****" + s[-4:]
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    hide = 3
    tail = max(0, min(4, len(digits) - hide))
    head_end = s.index("-") + 1 if "-" in s else 3
    head = [i for i in digits if i < head_end][:max(0, len(digits) - tail - hide)]
    keep = set(head) | set(digits[len(digits) - tail:])
    return "".join("*" if (ch.isdigit() and i not in keep) else ch for i, ch in enumerate(s))
