"""Checked rows against the register (reads only; the caller holds the transaction).

A row with an ID matching a registered person updates that person (or changes nothing); without
an ID, a row whose every value agrees with a registered person changes nothing, and one whose name
and birth date match exactly one registered person is an update only when the clerk confirms
(apply_name_matches; otherwise it is refused with that reason, so nothing is guessed). A row
repeating an earlier row of the same file is a duplicate. The households of the file are set
against the ones registered: a household whose head (or else a member) is registered keeps its
registered household; a member who was elsewhere moves, reported as a change.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from models.datafile.db import database
from models.residents import store
from models.residents.imports.matching import FieldChange, changes_between
from models.residents.imports.report import (
    DUPLICATE,
    IMPORTED,
    REJECTED,
    UNCHANGED,
    UPDATED,
    MissingPerson,
    RowOutcome,
)
from models.residents.imports.rows import CandidateRow
from models.residents.records import ResidentRecord
from models.residents.rules import DECEASED, HEAD, PRESENT


def no_id_key(rec: ResidentRecord) -> tuple:
    """Who a resident without an ID number is: every value the sheet gave must agree."""
    return (rec.name, rec.gender, rec.birth.isoformat() if rec.birth else None, rec.phone,
            rec.building, rec.unit, rec.room)


@dataclass
class Register:
    """What resolving needs of the register, read once."""

    by_id: dict[str, tuple[int, bool]] = field(default_factory=dict)  # -> (id, in bin)
    by_key: dict[tuple, int] = field(default_factory=dict)  # no_id_key -> id
    by_name_birth: dict[tuple[str, str], list[int]] = field(default_factory=dict)


def read_register() -> Register:
    db = database.obj
    reg = Register()
    for idn, rid, deleted in db.execute_sql(
            "SELECT id_number, id, deleted FROM resident WHERE id_number IS NOT NULL"):
        reg.by_id[idn] = (rid, bool(deleted))
    for r in db.execute_sql("SELECT id, name, gender, birth, phone, building, unit, room, "
                            "id_number IS NULL FROM resident WHERE deleted = 0"):
        if r[8]:
            reg.by_key.setdefault(tuple(r[1:8]), r[0])
        if r[3]:
            reg.by_name_birth.setdefault((r[1], r[3]), []).append(r[0])
    return reg


@dataclass
class Resolved:
    outcomes: list[RowOutcome]
    registered: dict[int, ResidentRecord]  # the registered people rows matched
    targets: dict[int, int | None]  # file household -> registered household (None: new)


def resolve(cands: Sequence[CandidateRow], check: Callable[[int], None], *,
            apply_name_matches: bool = False) -> Resolved:
    reg = read_register()
    seen_id: dict[str, str] = {}
    seen_key: dict[tuple, str] = {}
    out: list[RowOutcome] = []
    matched: dict[int, int] = {}  # outcome index -> resident id
    for n, c in enumerate(cands):
        if n % 1000 == 0:
            check(n)
        if c.record is None:
            out.append(RowOutcome(c.sheet, c.row, REJECTED, c.raw_name, c.reason, c.code,
                                  group=c.group, relation=c.relation))
            continue
        rec = c.record
        res = RowOutcome(c.sheet, c.row, IMPORTED, rec.name, notes="；".join(c.notes),
                         record=rec, group=c.group, relation=rec.relation)
        out.append(res)
        if rec.id_number:
            if rec.id_number in seen_id:
                res.outcome, res.duplicate_of = DUPLICATE, seen_id[rec.id_number]
                continue
            seen_id[rec.id_number] = c.where
            if rec.id_number in reg.by_id:
                rid, in_bin = reg.by_id[rec.id_number]
                if in_bin:
                    _refuse(res, "in_bin", f"身份证号与回收站中的居民（编号 {rid}）相同；"
                                           "如是同一人，请先从回收站恢复再导入")
                else:
                    matched[len(out) - 1] = rid
                    res.matched_by = "id"
            continue
        key = no_id_key(rec)
        if key in seen_key:
            res.outcome, res.duplicate_of = DUPLICATE, seen_key[key]
            continue
        seen_key[key] = c.where
        if key in reg.by_key:
            matched[len(out) - 1] = reg.by_key[key]
            res.matched_by = "all"
            continue
        same = reg.by_name_birth.get((rec.name, rec.birth.isoformat()), []) if rec.birth else []
        if len(same) == 1:
            if apply_name_matches:
                matched[len(out) - 1] = same[0]
                res.matched_by = "name"
            else:
                _refuse(res, "name_match", f"与已登记的居民“{rec.name}”（编号 {same[0]}）姓名、"
                        "出生日期相同，没有身份证号，未确认是否同一人（确认后可选择按姓名和出生日期更新）")
                res.duplicate_of_resident = same[0]
    registered = {r.id: r for r in _fetch(sorted(set(matched.values()))) if r.id is not None}
    for i, rid in matched.items():
        _compare(out[i], registered[rid])
    targets = _targets(out, registered)
    _household_changes(out, registered, targets)
    for res in out:
        if res.outcome == IMPORTED and res.resident_id is not None:
            res.outcome = UPDATED if res.changes else UNCHANGED
    return Resolved(out, registered, targets)


def _refuse(res: RowOutcome, code: str, reason: str) -> None:
    res.outcome, res.code, res.reason = REJECTED, code, reason


def _fetch(ids: list[int]) -> list[ResidentRecord]:
    out: list[ResidentRecord] = []
    for at in range(0, len(ids), 5000):
        out += store.fetch_records(ids[at:at + 5000])
    return out


def _compare(res: RowOutcome, old: ResidentRecord) -> None:
    assert res.record is not None and old.id is not None
    if old.status == DECEASED:
        day = old.left_on.isoformat() if old.left_on else "日期未填"
        _refuse(res, "deceased", f"已登记的居民“{old.name}”（编号 {old.id}）登记为死亡（{day}），"
                                 "未更新；如登记有误，请先在居民名册中改正状态")
        return
    res.resident_id = res.duplicate_of_resident = old.id
    res.changes = changes_between(old, res.record)
    if old.status != PRESENT:
        res.changes.append(FieldChange("status", "状态", old.status, PRESENT))


def _targets(out: list[RowOutcome], registered: dict[int, ResidentRecord],
             ) -> dict[int, int | None]:
    """Each household of the file -> the registered household it is (its head's, else the first
    registered member's), or None for a new one."""
    targets: dict[int, int | None] = {}
    for res in out:
        if res.group is None:
            continue
        targets.setdefault(res.group, None)
        if res.resident_id is None:
            continue
        hid = registered[res.resident_id].household_id
        if hid is not None and (targets[res.group] is None or res.relation == HEAD):
            targets[res.group] = hid
    return targets


def _household_changes(out: list[RowOutcome], registered: dict[int, ResidentRecord],
                       targets: dict[int, int | None]) -> None:
    labels = _household_labels({h for h in targets.values() if h is not None}
                               | {r.household_id for r in registered.values()
                                  if r.household_id is not None})
    heads: dict[int, str] = {}
    for res in out:
        if res.group is not None and res.relation == HEAD and res.record is not None:
            heads[res.group] = f"{res.record.full_address()} {res.record.name}户".strip()
    for res in out:
        if res.resident_id is None or res.group is None:
            continue
        old = registered[res.resident_id]
        target = targets[res.group]
        if old.household_id != target or target is None:
            res.changes.append(FieldChange(
                "household_id", "户", labels.get(old.household_id, "") if old.household_id
                else "", labels.get(target, "") if target else
                f"新的一户（{heads.get(res.group, '本表中的一户')}）"))


def _household_labels(ids: set[int]) -> dict[int | None, str]:
    from models.residents.households import _read

    return {h.id: h.label for h in _read(sorted(ids), False)}


def missing_people(out: list[RowOutcome]) -> list[MissingPerson]:
    """Registered people still here, of the buildings the file covers, whom no row names."""
    buildings = {r.record.building for r in out if r.record is not None and r.record.building}
    named = {r.resident_id for r in out if r.resident_id is not None}
    named |= {r.duplicate_of_resident for r in out if r.duplicate_of_resident is not None}
    if not buildings:
        return []
    marks = ", ".join("?" * len(buildings))
    rows = database.obj.execute_sql(
        "SELECT id, name, building, unit, room, address FROM resident WHERE deleted = 0 AND "
        f"status = ? AND building IN ({marks}) ORDER BY building, unit, room, id",
        (PRESENT, *sorted(buildings))).fetchall()
    return [MissingPerson(r[0], r[1], (r[2] + r[3] + r[4]) or r[5]) for r in rows
            if r[0] not in named]
