"""Blanks left to fill by hand: a date or time not known yet (篇2's "时间：　月　日"), a name still
to be found (an organiser, a media partner). A blank is text, stored in the field it belongs to
(no column of its own): it prints exactly where the clerk put it, as a blank line of fitting
width, and the plan counts as unfinished until it is filled (models.plans.checks, the editor).

A blank is what the editor inserts (BLANK_DATE, BLANK_TIME, BLANK_NAME), or what a clerk types
the same way: full-width spaces before 年/月/日/时/分, or a run of underscores.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from models.plans.records import PlanRecord, label_of

BLANK_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"
BLANK_TIME = "\u3000\u3000时\u3000\u3000分"
BLANK_NAME = "_" * 16  # about eight characters wide: room for a unit's name written by hand
# An activity whose date is not known yet: its time note holds this (start and end unset).
DATE_TO_FILL = BLANK_DATE

# spaces before 年/月/日/时/分 that follow no number ("2026 年" is a date typed with a space)
_BLANK = re.compile(r"(?<![0-9０-９〇一二三四五六七八九十])[\u3000 ]+[年月日时分]|_{3,}|＿{2,}")
# A value that says, in words, that it is still to be found (篇5's organiser "待定").
_TO_BE_FOUND = {"待定", "待联系", "待填", "待确定", "另定"}


def has_blank(text: str) -> bool:
    """True when text holds a blank to fill (or is, in words, still to be found)."""
    return bool(_BLANK.search(text)) or text.strip() in _TO_BE_FOUND


def blank_places(rec: PlanRecord) -> list[str]:
    """Where rec still has blanks to fill, each place once, in the plan's order: a field's label
    ("时间说明"), a list's label ("组织单位"), or an outline section's heading."""
    found: list[str] = []
    for f in dataclasses.fields(rec):
        value = getattr(rec, f.name)
        if f.name == "outline":
            for row in value:
                if has_blank(row.text) or has_blank(row.heading):
                    _add(found, f"提纲“{row.heading.strip() or row.key or '正文'}”")
        elif isinstance(value, list):
            if any(_row_has_blank(row) for row in value):
                _add(found, label_of(PlanRecord, f.name))
        elif isinstance(value, str) and has_blank(value):
            _add(found, label_of(PlanRecord, f.name))
        elif f.name == "issue_date" and value is None and rec.issuer.strip():
            _add(found, label_of(PlanRecord, f.name))  # the 落款 prints a blank date
    return found


def _row_has_blank(row: Any) -> bool:
    for f in dataclasses.fields(row):
        value = getattr(row, f.name)
        if isinstance(value, str) and has_blank(value):
            return True
        if isinstance(value, list) and any(_row_has_blank(x) for x in value):
            return True
    return False


def _add(found: list[str], label: str) -> None:
    if label not in found:
        found.append(label)
