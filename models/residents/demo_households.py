"""Households for the demo file: the made-up residents grouped into households of one to five,
the oldest adult the head, the others' relationship guessed from sex and age, each member moved to
the head's address (a register keeps a household at one door), children and grandchildren given
the head's family name. Done through the households API and
save_resident, so the search index and the register stay as the window would leave them."""
from __future__ import annotations

import random
from datetime import date

from models.datafile.db import database
from models.residents import households as hh
from models.residents.demo import COMPOUND
from models.residents.service import get_resident, save_resident

MOST = 2000  # residents grouped at most: a 100,000-resident demo keeps the rest on their own
SIZES = (1, 1, 2, 2, 2, 3, 3, 3, 4, 5)


def make_demo_households(seed: int = 2026, today: date | None = None) -> tuple[int, int]:
    """Group residents that belong to no household yet; returns (households, people grouped)."""
    today = today or date.today()
    rng = random.Random(seed)
    rows = database.obj.execute_sql(
        "SELECT id, gender, birth FROM resident WHERE household_id IS NULL AND deleted = 0 "
        "AND status = '在册' ORDER BY id LIMIT ?", (MOST,)).fetchall()
    people = [(rid, gender, date.fromisoformat(str(birth)[:10]) if birth else None)
              for rid, gender, birth in rows]
    made = grouped = 0
    with database.atomic():
        i = 0
        while i < len(people):
            group = people[i:i + rng.choice(SIZES)]
            i += len(group)
            group.sort(key=lambda p: p[2] or today)  # oldest first
            head = next((p for p in group if _age(p[2], today) >= 18), group[0])
            home = get_resident(head[0])
            hid = hh.create_household(building=home.building, unit=home.unit, room=home.room,
                                      address=home.address, head_id=head[0])
            for p in group:
                if p is head:
                    continue
                rec = get_resident(p[0])
                relation = _relation(head, p, today)
                rec.building, rec.unit, rec.room, rec.address = (
                    home.building, home.unit, home.room, home.address)
                if relation in {"子", "女", "孙子", "孙女"}:  # children carry the family name
                    rec.name = _surname(home.name) + rec.name[len(_surname(rec.name)):]
                save_resident(rec, allow_warnings=True, today=today)
                hh.move_to_household(p[0], hid, relation)
            made += 1
            grouped += len(group)
    return made, grouped


def _surname(name: str) -> str:
    return name[:2] if name[:2] in COMPOUND else name[:1]


def _age(birth: date | None, today: date) -> int:
    return (today - birth).days // 365 if birth else 0


def _relation(head: tuple[int, str, date | None], p: tuple[int, str, date | None],
              today: date) -> str:
    """A plausible relationship from sex and the age gap (made-up people: only plausible)."""
    gap = _age(head[2], today) - _age(p[2], today)
    male = p[1] == "男"
    if abs(gap) <= 12 and _age(p[2], today) >= 18 and p[1] != head[1]:
        return "配偶"
    if 18 <= gap <= 45:
        return "子" if male else "女"
    if gap > 45:
        return "孙子" if male else "孙女"
    if -45 <= gap <= -18:
        return "父亲" if male else "母亲"
    return "其他"
