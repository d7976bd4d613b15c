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


# Which fields of the plan each part prints (what a hidden section keeps off the paper).
PART_FIELDS: dict[str, tuple[str, ...]] = {
    "活动主题": ("theme", "slogan"),
    "活动背景": ("background",),
    "指导思想": ("guiding_ideology",),
    "活动目的和意义": ("purpose",),
    "活动原则": ("principles",),
    "目标社区分析": ("target_analysis",),
    "活动时间和地点": ("start", "end", "festival", "places", "time_note"),
    "组织单位": ("organisers",),
    "参加对象": ("participants", "min_age", "max_age", "required_tags", "companion_age",
                 "capacity", "capacity_counts_companions", "fee_fen", "reg_place", "reg_start",
                 "reg_end"),
    "活动内容": ("content",),
    "活动流程": ("agenda",),
    "分组与任务": ("groups",),
    "人员安排": ("staff",),
    "物资与现场布置": ("materials",),
    "宣传安排": ("publicity",),
    "活动亮点": ("highlights",),
    "费用预算": ("budget",),
    "风险及应急预案": ("risks",),
    "阶段安排": ("phases",),
    "组织领导": ("leaders", "leadership_note", "first_responsible"),
    "相关要求": ("requirements",),
    "评比表彰": ("awards",),
    "活动反馈": ("feedback", "feedback_due"),
    "活动总结": ("summary",),
}


def hidden_fields(rec: PlanRecord) -> set[str]:
    """Fields the printed document leaves out: those of parts that are hidden or not in the
    outline at all."""
    shown = {r.key for r in outline_of(rec) if r.key and not r.hidden}
    return {f for part, names in PART_FIELDS.items() if part not in shown for f in names}
