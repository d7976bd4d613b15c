"""Changes to a contest after the fact: full marks, an entry corrected or deleted, a category
added, the prize levels of every category at once. Split from service.py (the everyday calls),
whose helpers it shares; every call runs in one transaction."""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from fractions import Fraction

from models.common.errors import UserError
from models.contests.records import ContestRecord, EntryRecord, NewEntry
from models.contests.scoring import DEFAULT_LEVELS, check_full_marks
from models.contests.service import (
    _CODE_LETTERS,
    NotFound,
    _contest,
    _entry_record,
    _new_code,
    _record,
    _set_levels,
    _text,
    set_levels,
)
from models.contests.tables import ContestCategory, ContestEntry, PrizeLevel, Score
from models.datafile.db import database


def set_full_marks(contest_id: int, full: int | None) -> ContestRecord:
    """Change full marks; refused while a score already given is above the new full marks."""
    check_full_marks(full)
    with database.atomic():
        c = _contest(contest_id)
        if full is not None:
            over = [s.value for s in Score.select().join(ContestEntry).where(
                ContestEntry.contest == c.id) if Fraction(s.value) > full]
            if over:
                raise UserError(f"已有 {len(over)} 个分数超过 {full} 分（如 {over[0]}），"
                                "不能把满分改小。")
        c.full_marks = full
        c.save()
        return _record(c)



def update_entry(entry_id: int, new: NewEntry) -> EntryRecord:
    """Correct an entry as handed in (name, title, category, when, by whom). Its code stays,
    unless it moves to another category: then it gets a new code of that category's letter
    (the old one would place it in the wrong pile). Lateness follows the new date."""
    name = _text(new.name, "参赛人姓名")
    with database.atomic():
        e = ContestEntry.get_or_none(ContestEntry.id == entry_id)
        if e is None:
            raise NotFound(f"找不到编号为 {entry_id} 的作品。")
        c = e.contest
        cats = list(ContestCategory.select().where(ContestCategory.contest == c.id).order_by(
            ContestCategory.position, ContestCategory.id))
        index = next((i for i, cat in enumerate(cats) if cat.id == new.category_id), None)
        if index is None:
            raise NotFound(f"这项评比没有编号为 {new.category_id} 的作品类别。")
        if new.category_id != e.category_id:
            e.code = _new_code(c.id, _CODE_LETTERS[index % len(_CODE_LETTERS)],
                               random.SystemRandom())
            e.category_id = new.category_id
        e.name, e.title, e.phone = name, new.title.strip(), new.phone.strip()
        e.resident_id = new.resident_id
        e.received, e.received_by = new.received, new.received_by.strip()
        e.late = c.deadline is not None and new.received > c.deadline
        e.save()
        return _entry_record(e, cats[index].name)



def delete_entry(entry_id: int) -> None:
    """Remove an entry with every score it was given."""
    with database.atomic():
        e = ContestEntry.get_or_none(ContestEntry.id == entry_id)
        if e is None:
            raise NotFound(f"找不到编号为 {entry_id} 的作品。")
        Score.delete().where(Score.entry == e.id).execute()
        e.delete_instance()



def add_category(contest_id: int, name: str) -> ContestRecord:
    """A category added later (entries of a kind not foreseen): last in order, with the prize
    levels of the first category (or the usual ones)."""
    cleaned = _text(name, "作品类别名称")
    with database.atomic():
        c = _contest(contest_id)
        cats = list(ContestCategory.select().where(ContestCategory.contest == c.id).order_by(
            ContestCategory.position, ContestCategory.id))
        if any(cat.name == cleaned for cat in cats):
            raise UserError(f"已有作品类别“{cleaned}”。")
        levels = [(lv.name, lv.places) for lv in PrizeLevel.select().where(
            PrizeLevel.category == cats[0].id).order_by(PrizeLevel.position)] if cats else \
            list(DEFAULT_LEVELS)
        cat = ContestCategory.create(contest=c.id, position=len(cats), name=cleaned)
        _set_levels(cat.id, levels)
        return _record(c)



def set_all_levels(levels: Mapping[int, Sequence[tuple[str, int | None]]]) -> None:
    """Prize levels of several categories at once ({category id: levels}), all or nothing."""
    with database.atomic():
        for category_id, given in levels.items():
            set_levels(category_id, given)
