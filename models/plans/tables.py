"""The plans' tables. A plan keeps its repeating parts in child tables (PLAN_PART_MODELS).

Money is kept in fen (integers) so totals never drift; dates are ISO text as peewee stores them.
"""
from __future__ import annotations

import peewee as pw

from models.datafile.base import BaseModel, DateField, DateTimeField


class Plan(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    kind = pw.CharField(default="plan")  # "plan" (活动方案) or "notice" (通知)
    title = pw.CharField(default="")
    category = pw.CharField(default="", index=True)
    status = pw.CharField(default="草稿", index=True)
    theme = pw.TextField(default="")
    slogan = pw.TextField(default="")
    recipients = pw.TextField(default="")  # 主送, notices only
    background = pw.TextField(default="")
    guiding_ideology = pw.TextField(default="")
    purpose = pw.TextField(default="")
    principles = pw.TextField(default="")
    target_analysis = pw.TextField(default="")
    start = DateTimeField(null=True, index=True)
    end = DateTimeField(null=True)
    festival = pw.CharField(default="")  # key of a festival the date follows, e.g. "double_ninth"
    places = pw.TextField(default="")  # one place a line
    time_note = pw.TextField(default="")
    participants = pw.TextField(default="")
    # Rules that sign-ups obey.
    min_age = pw.IntegerField(null=True)
    max_age = pw.IntegerField(null=True)
    required_tags = pw.TextField(default="")  # tags joined by 、
    companion_age = pw.IntegerField(null=True)  # from this age on only with a companion
    capacity = pw.IntegerField(null=True)
    capacity_counts_companions = pw.BooleanField(default=False)
    fee_fen = pw.IntegerField(default=0)
    reg_place = pw.TextField(default="")
    reg_start = DateField(null=True)
    reg_end = DateField(null=True)
    leadership_note = pw.TextField(default="")
    first_responsible = pw.CharField(default="")
    feedback = pw.TextField(default="")
    feedback_due = DateField(null=True)
    summary = pw.TextField(default="")
    issuer = pw.CharField(default="")
    issue_date = DateField(null=True)
    created = DateTimeField()
    updated = DateTimeField()


class _Part(BaseModel):
    """A row of a plan's repeating part, kept in the order the clerk gave it."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan = pw.ForeignKeyField(Plan, on_delete="CASCADE")
    position = pw.IntegerField(default=0)


class Organiser(_Part):
    role = pw.CharField(default="主办")  # 主办 / 承办 / 协办 / 媒体支持
    name = pw.CharField(default="")


class ContentItem(_Part):
    parent_id: int | None  # the raw column behind parent (peewee's accessor)
    parent = pw.ForeignKeyField("self", null=True, on_delete="CASCADE", backref="children")
    title = pw.TextField(default="")
    body = pw.TextField(default="")


class AgendaSlot(_Part):
    start = DateTimeField(null=True)
    end = DateTimeField(null=True)
    what = pw.TextField(default="")
    place = pw.TextField(default="")
    who = pw.TextField(default="")


class Group(_Part):
    name = pw.CharField(default="")
    leader = pw.CharField(default="")
    members = pw.TextField(default="")
    task = pw.TextField(default="")
    target = pw.TextField(default="")


class StaffRole(_Part):
    role = pw.CharField(default="")
    headcount = pw.CharField(default="")  # "1-2", "7"
    source = pw.CharField(default="")
    duty = pw.TextField(default="")


class Material(_Part):
    item = pw.CharField(default="")
    quantity = pw.CharField(default="")
    provider = pw.CharField(default="")
    note = pw.TextField(default="")
    ready = pw.BooleanField(default=False)


class PublicityItem(_Part):
    channel = pw.CharField(default="")
    content = pw.TextField(default="")
    stage = pw.CharField(default="活动前")  # 活动前 / 活动中 / 活动后
    when = pw.CharField(default="")
    who = pw.CharField(default="")
    deadline = DateField(null=True)


class Highlight(_Part):
    title = pw.TextField(default="")
    when = pw.CharField(default="")
    place = pw.CharField(default="")
    note = pw.TextField(default="")


class BudgetLine(_Part):
    item = pw.CharField(default="")
    quantity = pw.FloatField(default=1)
    unit = pw.CharField(default="")
    unit_price_fen = pw.IntegerField(default=0)
    payer = pw.CharField(default="社区提供")  # 社区提供 / 自筹 / 赞助 / 上级拨款
    actual_fen = pw.IntegerField(null=True)
    note = pw.TextField(default="")


class Risk(_Part):
    risk = pw.TextField(default="")
    measure = pw.TextField(default="")
    owner = pw.CharField(default="")


class Phase(_Part):
    name = pw.CharField(default="")
    start = DateField(null=True)
    end = DateField(null=True)
    deliverable = pw.TextField(default="")
    report_due = DateField(null=True)


class PhaseTask(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    phase = pw.ForeignKeyField(Phase, on_delete="CASCADE", backref="tasks")
    position = pw.IntegerField(default=0)
    task = pw.TextField(default="")
    deadline = DateField(null=True)
    owner = pw.CharField(default="")


class LeaderMember(_Part):
    role = pw.CharField(default="成员")  # 组长 / 副组长 / 成员
    name = pw.CharField(default="")
    post = pw.CharField(default="")  # 职务
    duty = pw.TextField(default="")


class Requirement(_Part):
    text = pw.TextField(default="")


class Award(_Part):
    name = pw.CharField(default="")
    levels = pw.TextField(default="")
    judges = pw.TextField(default="")
    honourees = pw.TextField(default="")


class Attachment(_Part):
    title = pw.CharField(default="")
    note = pw.TextField(default="")


class Section(_Part):
    """A section of the document's outline (models.plans.outline), since schema version 5."""

    key = pw.CharField(default="")  # a part of the plan, or "" for the clerk's own text
    heading = pw.TextField(default="")
    level = pw.IntegerField(default=1)
    hidden = pw.BooleanField(default=False)
    form = pw.CharField(default="段落")  # 段落 / 列表, for the clerk's own text
    text = pw.TextField(default="")


PLAN_PART_MODELS: list[type[_Part]] = [
    Organiser,
    ContentItem,
    AgendaSlot,
    Group,
    StaffRole,
    Material,
    PublicityItem,
    Highlight,
    BudgetLine,
    Risk,
    Phase,
    LeaderMember,
    Requirement,
    Award,
    Attachment,
    Section,
]

