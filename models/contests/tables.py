"""Tables of contests and honours (schema steps models/datafile/migrations/v6.py and v8.py).

A contest belongs to an activity (a plan) or stands alone. Entries are handed in per category;
the entrant is a resident or someone given by name only (resident NULL), and the name is kept on
the entry so results print the way it was handed in. Judges see only an entry's code.
Scores are stored as text of the number the judge wrote (e.g. "8.5") so the results are computed
exactly from what was typed; results themselves are never stored.

An honour list (十佳“社区文明健康老人” ...) holds nominations; an approved nomination is an
honour of that person in that year.
"""
from __future__ import annotations

import peewee as pw

from models.datafile.base import BaseModel, DateField
from models.plans.tables import Plan
from models.residents.tables import Resident


class Contest(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int | None
    plan = pw.ForeignKeyField(Plan, null=True, on_delete="SET NULL", backref="contests")
    title = pw.CharField()
    who_may_enter = pw.TextField(default="")
    hand_in_place = pw.CharField(default="")
    deadline = DateField(null=True)  # entries received after it are flagged late, not refused
    method = pw.CharField(default="平均分")  # models.contests.scoring.METHODS
    tie_rule = pw.CharField(default="并列")  # models.contests.scoring.TIE_RULES
    issuer = pw.CharField(default="")  # who signs results and certificates
    notes = pw.TextField(default="")
    # The highest score a judge may give (10, 100); NULL: any score of 0 or more (files before
    # schema step 7). Last, as ALTER TABLE added it.
    full_marks = pw.IntegerField(null=True)


class ContestCategory(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    contest_id: int
    contest = pw.ForeignKeyField(Contest, on_delete="CASCADE", backref="categories")
    position = pw.IntegerField(default=0)
    name = pw.CharField()  # 摄影 / 书画 / 诗词 ...


class PrizeLevel(BaseModel):
    """One level of prizes in one category, best first; places NULL means "the rest"."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    category_id: int
    category = pw.ForeignKeyField(ContestCategory, on_delete="CASCADE", backref="levels")
    position = pw.IntegerField(default=0)
    name = pw.CharField()  # 一等奖 / 二等奖 / 三等奖 / 优秀奖
    places = pw.IntegerField(null=True)


class ContestEntry(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    contest_id: int
    category_id: int
    resident_id: int | None
    contest = pw.ForeignKeyField(Contest, on_delete="CASCADE", backref="entries")
    category = pw.ForeignKeyField(ContestCategory, on_delete="CASCADE", backref="entries")
    code = pw.CharField()  # what the judges see instead of the name
    resident = pw.ForeignKeyField(Resident, null=True, on_delete="SET NULL", backref="entries")
    name = pw.CharField()
    phone = pw.CharField(default="")
    title = pw.CharField(default="")
    received = DateField()
    received_by = pw.CharField(default="")
    late = pw.BooleanField(default=False)
    notes = pw.TextField(default="")

    class Meta:
        indexes = ((("contest", "code"), True),)


class Judge(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    contest_id: int
    contest = pw.ForeignKeyField(Contest, on_delete="CASCADE", backref="judges")
    position = pw.IntegerField(default=0)
    name = pw.CharField()
    unit = pw.CharField(default="")


class Score(BaseModel):
    entry_id: int
    judge_id: int
    entry = pw.ForeignKeyField(ContestEntry, on_delete="CASCADE", backref="scores")
    judge = pw.ForeignKeyField(Judge, on_delete="CASCADE", backref="scores")
    value = pw.CharField()  # the number as the judge wrote it, read exactly (Fraction)

    class Meta:
        primary_key = pw.CompositeKey("entry", "judge")


class HonourList(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int | None
    plan = pw.ForeignKeyField(Plan, null=True, on_delete="SET NULL", backref="honour_lists")
    title = pw.CharField()  # 十佳“社区文明健康老人”
    year = pw.IntegerField()
    places = pw.IntegerField(null=True)  # how many may be approved (十佳: 10)
    issuer = pw.CharField(default="")
    notes = pw.TextField(default="")


class Nomination(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    honour_list_id: int
    resident_id: int | None
    honour_list = pw.ForeignKeyField(HonourList, on_delete="CASCADE", backref="nominations")
    resident = pw.ForeignKeyField(Resident, null=True, on_delete="SET NULL",
                                  backref="nominations")
    name = pw.CharField()
    nominated_by = pw.CharField(default="")  # the grid, team or unit that put the name forward
    deeds = pw.TextField(default="")  # 事迹
    status = pw.CharField(default="待审核", index=True)  # 待审核 / 已通过 / 未通过
    review_note = pw.TextField(default="")
    reviewed = DateField(null=True)
    position = pw.IntegerField(default=0)


class Certificate(BaseModel):
    """The register of certificates issued (schema step 7): one row per certificate printed,
    its number kept when it is printed again. The entry or nomination it was printed for is
    linked while it exists; the name and what it says are kept as printed."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    entry_id: int | None
    nomination_id: int | None
    number = pw.CharField(unique=True)  # 证书编号
    kind = pw.CharField()  # 获奖证书 / 荣誉证书
    entry = pw.ForeignKeyField(ContestEntry, null=True, unique=True, on_delete="SET NULL",
                               backref="certificates")
    nomination = pw.ForeignKeyField(Nomination, null=True, unique=True, on_delete="SET NULL",
                                    backref="certificates")
    name = pw.CharField()
    body = pw.TextField()  # the text as last printed
    issuer = pw.CharField(default="")
    issued = DateField()  # the date on the certificate
    issued_by = pw.CharField(default="")  # the clerk who printed it
    printed = pw.IntegerField(default=1)  # how many times printed


CONTEST_MODELS: list[type[pw.Model]] = [
    Contest, ContestCategory, PrizeLevel, ContestEntry, Judge, Score, HonourList, Nomination,
    Certificate,
]
