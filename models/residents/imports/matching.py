"""A roster row against the person already registered: what changed, field by field.

Pure (no database). A quarterly update is the same roster three months later: a row that matches
a registered person (by ID; without an ID by name and birth date, confirmed by the clerk) updates
the fields whose value changed and reports each change as old -> new. A blank cell never
overwrites a value; the notes are only filled when they were empty; tags are replaced when the
row gives some and they differ.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.residents.records import ResidentRecord, field_label

# Fields a row may change on a registered person, in the order the report lists them.
COMPARED = ("name", "gender", "birth", "phone", "building", "unit", "room", "address",
            "household", "tags", "notes", "relation")


@dataclass
class FieldChange:
    field: str  # a ResidentRecord field, or "household_id" / "status"
    label: str  # Chinese, as the report shows it
    old: str
    new: str
    apply: bool = True  # the clerk may untick a change before it is written

    def __str__(self) -> str:
        return f"{self.label}：{self.old or '（空）'} -> {self.new or '（空）'}"


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def changes_between(old: ResidentRecord, new: ResidentRecord) -> list[FieldChange]:
    """The changes a row brings to a registered person (blank cells change nothing)."""
    out: list[FieldChange] = []
    for name in COMPARED:
        before, after = getattr(old, name), getattr(new, name)
        if after in (None, "", []):
            continue
        if name == "tags" and sorted(before) == sorted(after):
            continue
        if name == "notes" and before:
            continue  # the register's own notes are kept; the row's go nowhere
        if before != after:
            out.append(FieldChange(name, field_label(name), shown(before), shown(after)))
    return out


def apply_changes(old: ResidentRecord, changes: list[FieldChange]) -> ResidentRecord:
    """A copy of old with the ticked changes of its own fields made (household and status are
    written apart)."""
    from dataclasses import replace


    rec = replace(old, tags=list(old.tags))
    for ch in changes:
        if not ch.apply or ch.field in ("household_id", "status", "relation"):
            continue
        if ch.field == "tags":
            rec.tags = [t for t in ch.new.split("、") if t]
        elif ch.field == "birth":
            from datetime import date

            rec.birth = date.fromisoformat(ch.new)
        else:
            setattr(rec, ch.field, ch.new)
    return rec
