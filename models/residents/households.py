"""Households (户) and residents' status: the typed API other areas (relief, visits) pick
households through.

A household has an address (楼栋, 单元, 房号, or a free-text 住址), a 户号, notes and
tags (household facts: 低保户, 特困, 独居); its members are the residents whose household_id
is its id, each with a relationship to the head (户主 for the head; RELATIONS). A resident
belongs to at most one household and has a status: 在册, 迁出 or 死亡 (with the day). People
who left stay for history: members lists, household lists and figures leave them out unless
include_left is asked for, and a household whose members have all left is left out of lists
the same way.

Reads: household_of(resident_id), household_id_of(resident_id), get_household(id),
members(id), list_households(HouseholdQuery), household_figures().
Writes (each one transaction): create_household, update_household, set_household_tags,
move_to_household, set_relation, set_head, set_status, delete_empty_households.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from models.common.errors import UserError
from models.datafile.db import database
from models.residents import store
from models.residents.rules import HEAD, PRESENT, RELATIONS, STATUSES
from models.residents.search import as_date, chunks

__all__ = [
    "HouseholdFigures", "HouseholdMember", "HouseholdQuery", "HouseholdRecord",
    "create_household", "delete_empty_households", "get_household", "household_figures",
    "household_id_of", "household_of", "list_households", "members", "move_to_household",
    "set_head", "set_household_tags", "set_relation", "set_status", "update_household",
    "HEAD", "RELATIONS", "STATUSES",
]


@dataclass
class HouseholdMember:
    resident_id: int
    name: str
    gender: str
    birth: date | None
    relation: str  # RELATIONS, "" when unknown
    status: str  # STATUSES
    left_on: date | None = None
    phone: str = ""


@dataclass
class HouseholdRecord:
    id: int
    building: str = ""
    unit: str = ""
    room: str = ""
    address: str = ""
    number: str = ""  # 户号
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    members: list[HouseholdMember] = field(default_factory=list)  # head first

    @property
    def head(self) -> HouseholdMember | None:
        return next((m for m in self.members if m.relation == HEAD), None)

    def full_address(self) -> str:
        """楼栋 + 单元 + 房号, or the free-text address when those are empty."""
        return self.building + self.unit + self.room or self.address

    @property
    def label(self) -> str:
        """"3幢1单元502室 张三户" as a clerk names a household."""
        head = self.head
        who = f"{head.name}户" if head else f"第{self.id}户"
        return f"{self.full_address()} {who}".strip()


@dataclass(frozen=True)
class HouseholdQuery:
    """Which households list_households gives. text: a fragment of the address or a member's
    name; tags: households carrying every one of them (the household's own tags)."""

    text: str = ""
    building: str | None = None
    tags: tuple[str, ...] = ()
    include_left: bool = False  # also households whose members have all left, and those members


@dataclass
class HouseholdFigures:
    households: int  # with at least one member still here
    people: int  # members still here
    by_size: list[tuple[int, int]]  # (members, households)
    by_tag: list[tuple[str, int]]  # (household tag, households)

    @property
    def per_household(self) -> float:
        return self.people / self.households if self.households else 0.0


class HouseholdNotFound(UserError, LookupError):
    def __init__(self, household_id: int) -> None:
        super().__init__(f"找不到编号为 {household_id} 的户，可能已被删除。")


_MEMBER_SQL = ("SELECT id, name, gender, birth, relation, status, left_on, phone, household_id "
               "FROM resident WHERE deleted = 0 AND household_id IN ({marks})")


def _head_first(m: HouseholdMember) -> tuple:
    rank = RELATIONS.index(m.relation) if m.relation in RELATIONS else len(RELATIONS)
    return (m.status != PRESENT, rank, m.birth or date.max, m.resident_id)


def _read(ids: Sequence[int], include_left: bool) -> list[HouseholdRecord]:
    """Households by id in the order given, with members and tags (unknown ids left out)."""
    db = database.obj
    found: dict[int, HouseholdRecord] = {}
    for part in chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for r in db.execute_sql(
                "SELECT id, building, unit, room, address, number, notes FROM household "
                f"WHERE id IN ({marks})", tuple(part)):
            found[r[0]] = HouseholdRecord(*r)
        for hid, name in db.execute_sql(
                "SELECT ht.household_id, t.name FROM household_tag ht JOIN tag t "
                f"ON t.id = ht.tag_id WHERE ht.household_id IN ({marks}) "
                "ORDER BY t.position, t.id", tuple(part)):
            found[hid].tags.append(name)
        for r in db.execute_sql(_MEMBER_SQL.format(marks=marks), tuple(part)):
            if include_left or r[5] == PRESENT:
                found[r[8]].members.append(HouseholdMember(
                    r[0], r[1], r[2], as_date(r[3]), r[4], r[5], as_date(r[6]), r[7]))
    for h in found.values():
        h.members.sort(key=_head_first)
    return [found[i] for i in ids if i in found]


def get_household(household_id: int, *, include_left: bool = False) -> HouseholdRecord:
    with database.atomic():
        got = _read([household_id], include_left)
    if not got:
        raise HouseholdNotFound(household_id)
    return got[0]


def household_id_of(resident_id: int) -> int | None:
    row = database.obj.execute_sql("SELECT household_id FROM resident WHERE id = ?",
                                   (resident_id,)).fetchone()
    return row[0] if row else None


def household_of(resident_id: int, *, include_left: bool = False) -> HouseholdRecord | None:
    """The household the resident belongs to (None: none)."""
    with database.atomic():
        hid = household_id_of(resident_id)
        got = _read([hid], include_left) if hid is not None else []
    return got[0] if got else None


def members(household_id: int, *, include_left: bool = False) -> list[HouseholdMember]:
    """The household's members, head first (then by RELATIONS order and age)."""
    return get_household(household_id, include_left=include_left).members


def list_households(query: HouseholdQuery | None = None) -> list[HouseholdRecord]:
    """Households matching the query, in address order, with their members."""
    from models.residents.service import natural_key

    query = query or HouseholdQuery()
    conds, params = ["1"], []
    if not query.include_left:
        conds.append("EXISTS (SELECT 1 FROM resident r WHERE r.household_id = h.id "
                     "AND r.deleted = 0 AND r.status = ?)")
        params.append(PRESENT)
    if query.building:
        conds.append("h.building = ?")
        params.append(query.building)
    for tag in query.tags:
        conds.append("h.id IN (SELECT ht.household_id FROM household_tag ht JOIN tag t "
                     "ON t.id = ht.tag_id WHERE t.name = ?)")
        params.append(tag)
    text = query.text.strip()
    if text:
        like = f"%{text}%"
        conds.append("(h.building || h.unit || h.room || h.address || h.number LIKE ? OR "
                     "EXISTS (SELECT 1 FROM resident r WHERE r.household_id = h.id "
                     "AND r.deleted = 0 AND r.name LIKE ?))")
        params += [like, like]
    with database.atomic():
        rows = database.obj.execute_sql(
            f"SELECT h.id, h.building, h.unit, h.room FROM household h "
            f"WHERE {' AND '.join(conds)}", params).fetchall()
        rows.sort(key=lambda r: (natural_key(r[1]), natural_key(r[2]), natural_key(r[3]), r[0]))
        return _read([r[0] for r in rows], query.include_left)


def household_figures() -> HouseholdFigures:
    """户数, people in households, households by size and by household tag (people still here,
    not in the recycle bin)."""
    with database.atomic():
        sizes = database.obj.execute_sql(
            "SELECT household_id, count(*) FROM resident WHERE household_id IS NOT NULL "
            "AND deleted = 0 AND status = ? GROUP BY household_id", (PRESENT,)).fetchall()
        live = {hid for hid, _n in sizes}
        tagged = database.obj.execute_sql(
            "SELECT t.name, ht.household_id FROM household_tag ht JOIN tag t "
            "ON t.id = ht.tag_id ORDER BY t.position, t.id").fetchall()
    by_size: dict[int, int] = {}
    for _hid, n in sizes:
        by_size[n] = by_size.get(n, 0) + 1
    by_tag: dict[str, int] = {}
    for name, hid in tagged:
        if hid in live:
            by_tag[name] = by_tag.get(name, 0) + 1
    return HouseholdFigures(len(sizes), sum(n for _h, n in sizes), sorted(by_size.items()),
                            list(by_tag.items()))


# -- writes ---------------------------------------------------------------------------------

def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")


def _check_relation(relation: str) -> str:
    relation = relation.strip()
    if relation and relation not in RELATIONS:
        raise UserError(f"与户主关系“{relation}”不在可选之列（{'、'.join(RELATIONS)}）。")
    return relation


def _require(household_id: int) -> None:
    if database.obj.execute_sql("SELECT 1 FROM household WHERE id = ?",
                                (household_id,)).fetchone() is None:
        raise HouseholdNotFound(household_id)


def _require_resident(resident_id: int) -> None:
    if database.obj.execute_sql("SELECT 1 FROM resident WHERE id = ?",
                                (resident_id,)).fetchone() is None:
        from models.residents.service import ResidentNotFound

        raise ResidentNotFound(resident_id)


def create_household(*, building: str = "", unit: str = "", room: str = "", address: str = "",
                     number: str = "", notes: str = "", tags: Iterable[str] = (),
                     head_id: int | None = None) -> int:
    """A new household (with its head moved into it when given); returns its id."""
    with database.atomic():
        hid = insert_household(building, unit, room, address, number, notes)
        set_household_tags(hid, tags)
        if head_id is not None:
            move_to_household(head_id, hid, HEAD)
        return hid


def insert_household(building: str, unit: str, room: str, address: str, number: str = "",
                     notes: str = "") -> int:
    """One household row (the caller holds the transaction; the importer uses it too)."""
    return int(database.obj.execute_sql(
        "INSERT INTO household (building, unit, room, address, number, notes, created) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (building.strip(), unit.strip(), room.strip(), address.strip(), number.strip(),
         notes.strip(), _now())).lastrowid)


def update_household(household_id: int, *, building: str, unit: str, room: str, address: str,
                     number: str = "", notes: str = "") -> None:
    with database.atomic():
        _require(household_id)
        database.obj.execute_sql(
            "UPDATE household SET building = ?, unit = ?, room = ?, address = ?, number = ?, "
            "notes = ? WHERE id = ?", (building.strip(), unit.strip(), room.strip(),
                                       address.strip(), number.strip(), notes.strip(),
                                       household_id))


def set_household_tags(household_id: int, tags: Iterable[str]) -> None:
    names = [t.strip() for t in tags if t.strip()]
    with database.atomic():
        _require(household_id)
        db = database.obj
        db.execute_sql("DELETE FROM household_tag WHERE household_id = ?", (household_id,))
        ids = store.tag_ids(names)
        if ids:
            db.cursor().executemany(
                "INSERT OR IGNORE INTO household_tag (household_id, tag_id) VALUES (?, ?)",
                [(household_id, t) for t in ids])


def move_to_household(resident_id: int, household_id: int | None, relation: str = "") -> None:
    """Put the resident in this household (None: in none) with this relationship. Moving the
    head out leaves the household without a head until set_head; a household nobody belongs
    to any more is deleted."""
    relation = _check_relation(relation)
    with database.atomic():
        _require_resident(resident_id)
        old = household_id_of(resident_id)
        if household_id is not None:
            _require(household_id)
            if relation == HEAD:
                _demote_head(household_id, resident_id)
        database.obj.execute_sql(
            "UPDATE resident SET household_id = ?, relation = ? WHERE id = ?",
            (household_id, relation if household_id is not None else "", resident_id))
        if old is not None and old != household_id:
            delete_empty_households([old])


def _demote_head(household_id: int, new_head: int) -> None:
    """The household's present head, other than new_head, loses 户主 (left 未填 for the clerk)."""
    database.obj.execute_sql(
        "UPDATE resident SET relation = '' WHERE household_id = ? AND relation = ? AND id != ?",
        (household_id, HEAD, new_head))


def set_relation(resident_id: int, relation: str) -> None:
    relation = _check_relation(relation)
    with database.atomic():
        hid = household_id_of(resident_id)
        if hid is None:
            raise UserError("这位居民还不属于任何一户，请先把他（她）加入一户。")
        if relation == HEAD:
            _demote_head(hid, resident_id)
        database.obj.execute_sql("UPDATE resident SET relation = ? WHERE id = ?",
                                 (relation, resident_id))


def set_head(household_id: int, resident_id: int) -> None:
    """Make this member the head (户主); the former head's relationship is left 未填."""
    with database.atomic():
        if household_id_of(resident_id) != household_id:
            raise UserError("只能从本户成员中选户主。")
        set_relation(resident_id, HEAD)


def set_status(resident_ids: Iterable[int], status: str, on: date | None = None) -> int:
    """Set the status of these residents: 在册 (clears the day), or 迁出 / 死亡 on that day
    (required). Returns how many residents were changed."""
    if status not in STATUSES:
        raise UserError(f"状态“{status}”不在可选之列（{'、'.join(STATUSES)}）。")
    if status != PRESENT and on is None:
        raise UserError(f"请填写{status}的日期。")
    if on is not None and on > date.today():
        raise UserError(f"{status}日期不能晚于今天。")
    day = on.isoformat() if on is not None and status != PRESENT else None
    ids = list(resident_ids)
    n = 0
    with database.atomic():
        for part in chunks(ids):
            marks = ", ".join("?" * len(part))
            n += database.obj.execute_sql(
                f"UPDATE resident SET status = ?, left_on = ? WHERE id IN ({marks}) "
                "AND (status != ? OR left_on IS NOT ?)", (status, day, *part, status, day)
            ).rowcount
    return n


def delete_empty_households(ids: Iterable[int] | None = None) -> int:
    """Delete households nobody belongs to (of these ids, or all); returns how many."""
    cond = "NOT EXISTS (SELECT 1 FROM resident r WHERE r.household_id = household.id)"
    with database.atomic():
        if ids is None:
            return database.obj.execute_sql(f"DELETE FROM household WHERE {cond}").rowcount
        n = 0
        for part in chunks(list(ids)):
            marks = ", ".join("?" * len(part))
            n += database.obj.execute_sql(
                f"DELETE FROM household WHERE id IN ({marks}) AND {cond}", tuple(part)).rowcount
        return n
