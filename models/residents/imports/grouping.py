"""Households in a register: which rows live together, and the address cells left to the row
above (blank, 同上, 同左, 〃).

Pure (no database). A 与户主关系 column groups the rows: a 户主 row starts a household and the rows
under it join it until the next 户主 (a member's row before any head belongs to none, and says so).
Without that column, a 户号 column groups rows with the same 户号, and otherwise rows are grouped by
identical address only when the clerk asks for it. Within a household a member's blank or 同上
unit, room or address takes the value of the row above; outside households only 同上 does
(a blank room is a blank room). A 同上 with no row above is left empty and the row says so.
"""
from __future__ import annotations

from collections.abc import Sequence

from models.residents.imports.rows import SAME_MARKS, CandidateRow
from models.residents.records import ResidentRecord
from models.residents.rules import HEAD

ADDRESS_FIELDS = ("unit", "room", "address")
_NO_HEAD = "这一行前面没有户主行，未归入任何一户"


def group_rows(cands: Sequence[CandidateRow], *, by_relation: bool, by_number: bool = False,
               by_address: bool = False) -> int:
    """Fill each candidate's group (per file; None: no household) and the address cells left to
    the row above; returns how many households were found."""
    groups = 0
    current: int | None = None
    above: ResidentRecord | None = None  # the previous accepted row (of the household)
    sheet = None
    by_key: dict[tuple, int] = {}
    for c in cands:
        if c.sheet != sheet:  # a household never runs across sheets
            sheet, current, above = c.sheet, None, None
        rec = c.record
        if by_relation:
            if c.relation == HEAD:
                groups += 1
                current, above = groups, None
            elif rec is not None and current is None and _NO_HEAD not in c.notes:
                c.notes.append(_NO_HEAD)
            c.group = current
        if rec is not None:
            _fill_from_above(c, rec, above, within=by_relation and c.group is not None)
            above = rec
        if not by_relation and rec is not None and (by_number or by_address):
            key = ((rec.household,) if by_number else
                   (rec.building, rec.unit, rec.room, rec.address))
            if any(key):
                if key not in by_key:
                    groups += 1
                    by_key[key] = groups
                c.group = by_key[key]
    return groups


def _fill_from_above(c: CandidateRow, rec: ResidentRecord, above: ResidentRecord | None, *,
                     within: bool) -> None:
    for name in ("building", *ADDRESS_FIELDS):
        value = getattr(rec, name)
        same = value in SAME_MARKS
        if not same and not (within and value == "" and name != "building"):
            continue
        if above is not None:
            setattr(rec, name, getattr(above, name))
        else:
            setattr(rec, name, "")
            if same:
                c.notes.append(f"“{value}”上面没有可以沿用的{_LABELS[name]}，已留空")


_LABELS = {"building": "楼栋", "unit": "单元", "room": "房号", "address": "住址"}
