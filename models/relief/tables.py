"""Tables of the relief wing (schema step models/datafile/migrations/v9.py).

Money is integer fen. A beneficiary keeps the values it was proposed with (name, ID, address,
copied from the register when it came from there), so lists print what was decided even if the
register changes later. The log (relief_log) is written by models/relief/audit.py for every
change and never updated or deleted: its campaign is not a foreign key with ON DELETE CASCADE
(a campaign with a log cannot be deleted at all) and the retention clean-up never touches it.
"""
from __future__ import annotations

import peewee as pw

from models.datafile.base import BaseModel, DateField, DateTimeField
from models.plans.tables import Plan
from models.residents.tables import Resident


class ReliefCampaign(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int | None
    plan = pw.ForeignKeyField(Plan, null=True, on_delete="SET NULL", backref="relief_campaigns")
    title = pw.CharField()
    start = DateField()
    end = DateField()
    funds_fen = pw.IntegerField(default=0)
    funds_source = pw.CharField(default="")  # 上级拨款 / 社区自筹 / 爱心企业捐赠
    issuer = pw.CharField(default="")  # who signs the notice
    posting_start = DateField(null=True)
    posting_days = pw.IntegerField(default=7)
    objection_contact = pw.TextField(default="")  # where and how to object
    early_handover_reason = pw.TextField(default="")  # why hand-over began inside the posting
    notes = pw.TextField(default="")


class ReliefCategory(BaseModel):
    """One category of beneficiary with its aid standard: money per household or per person,
    and/or goods (goods: one item a line, "大米10公斤|6000" = item and its value in fen)."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    campaign_id: int
    campaign = pw.ForeignKeyField(ReliefCampaign, on_delete="CASCADE", backref="categories")
    position = pw.IntegerField(default=0)
    name = pw.CharField()  # the programme as notices show it: 低保户, 困难党员 ...
    basis = pw.CharField(default="每户")  # 每户 / 每人
    amount_fen = pw.IntegerField(default=0)
    goods = pw.TextField(default="")


class ReliefPhase(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    campaign_id: int
    campaign = pw.ForeignKeyField(ReliefCampaign, on_delete="CASCADE", backref="phases")
    position = pw.IntegerField(default=0)
    name = pw.CharField()  # 摸底 / 审核 / 公示 / 发放 / 上报
    due = DateField()
    who = pw.CharField(default="")
    done = DateField(null=True)


class ReliefBeneficiary(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    campaign_id: int
    category_id: int
    resident_id: int | None
    campaign = pw.ForeignKeyField(ReliefCampaign, on_delete="CASCADE", backref="beneficiaries")
    category = pw.ForeignKeyField(ReliefCategory, on_delete="RESTRICT", backref="beneficiaries")
    resident = pw.ForeignKeyField(Resident, null=True, on_delete="SET NULL",
                                  backref="relief_rows")
    name = pw.CharField()
    id_number = pw.CharField(default="")
    phone = pw.CharField(default="")
    building = pw.CharField(default="")
    unit = pw.CharField(default="")
    room = pw.CharField(default="")
    address = pw.TextField(default="")
    household = pw.CharField(default="", index=True)  # models/relief/household.py
    household_size = pw.IntegerField(default=1)
    reason = pw.TextField(default="")  # why in need: never printed on a public notice
    amount_fen = pw.IntegerField(default=0)
    status = pw.CharField(default="拟定", index=True)
    status_date = DateField(null=True)
    false_report = pw.BooleanField(default=False)  # found to have reported falsely
    locked = pw.BooleanField(default=False)  # handed over: changes only as logged corrections
    created = DateTimeField()


class ReliefObjection(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    beneficiary_id: int
    beneficiary = pw.ForeignKeyField(ReliefBeneficiary, on_delete="CASCADE",
                                     backref="objections")
    received = DateField()
    content = pw.TextField()
    outcome = pw.TextField(default="")  # empty while it is being looked into
    decided = DateField(null=True)


class ReliefLog(BaseModel):
    """One change: when, which clerk, what, old -> new, why. Written once, never changed."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    campaign_id = pw.IntegerField(null=True, index=True)  # not a FK: the log outlives nothing
    beneficiary_id = pw.IntegerField(null=True, index=True)
    at = DateTimeField()
    clerk = pw.CharField()
    subject = pw.CharField(default="")  # whose row, as it was named then
    what = pw.CharField()  # 新增 / 金额 / 状态 / 类别 / 更正 ...
    old = pw.TextField(default="")
    new = pw.TextField(default="")
    why = pw.TextField(default="")


class ReliefSetting(BaseModel):
    """Settings of the wing kept in the data file (the clerk's name), so that the window and
    the command line agree."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField(default="")


RELIEF_MODELS: list[type[pw.Model]] = [
    ReliefCampaign, ReliefCategory, ReliefPhase, ReliefBeneficiary, ReliefObjection, ReliefLog,
    ReliefSetting,
]
