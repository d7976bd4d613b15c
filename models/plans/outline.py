"""The document's outline: its sections in order, each with a heading the clerk can rename, a
level (一、（一）1.（1）), hidden or shown, and a body that is one part of the plan (a block,
named by PART_NAMES) or text of the clerk's own (no part: prose or a list).

A plan whose outline is empty prints with the default outline of its kind, the skeleton every
plan had before outlines existed (schema version 5 writes that outline into older files).
"""
from __future__ import annotations

from models.plans.records import PART_NAMES, PlanRecord, SectionRow

# A notice opens with its reasons and theme as plain paragraphs, and its content items are its
# own first-level points: these sections have no heading in a notice.
NOTICE_OPENING: tuple[str, ...] = ("活动背景", "指导思想", "活动目的和意义", "活动主题")


def default_outline(kind: str) -> list[SectionRow]:
    """The outline a plan of this kind starts with; a part's default heading is its name."""
    if kind != "notice":
        return [SectionRow(name, name) for name in PART_NAMES]
    rows = [SectionRow(name, "") for name in NOTICE_OPENING]
    for name in PART_NAMES:
        if name not in NOTICE_OPENING:
            rows.append(SectionRow(name, "" if name == "活动内容" else name))
    return rows


def outline_of(rec: PlanRecord) -> list[SectionRow]:
    """The outline the document prints with: its own, or its kind's default."""
    return rec.outline or default_outline(rec.kind)
