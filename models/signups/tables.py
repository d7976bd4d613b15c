"""Tables of sign-ups (schema version 3): who signed up for which activity, their companions, and a
log of every change of status.

The activity is a plan (models.plans.tables.Plan). A registrant is a resident, or a walk-in given by
name and phone (resident NULL) who can be linked to a resident later. name and phone are kept on
the sign-up too, so lists print the way the person gave them even if the resident is later deleted.
"""
from __future__ import annotations

import peewee as pw

from models.datafile.base import BaseModel
from models.plans.tables import Plan
from models.residents.tables import Resident


class Signup(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int  # the raw columns behind plan and resident (peewee's accessors)
    resident_id: int | None
    plan = pw.ForeignKeyField(Plan, on_delete="CASCADE", backref="signups")
    resident = pw.ForeignKeyField(Resident, null=True, on_delete="SET NULL", backref="signups")
    name = pw.CharField()
    phone = pw.CharField(default="")
    status = pw.CharField(index=True)  # 已报名 / 候补 / 已签到 / 未到 / 已取消
    position = pw.IntegerField()  # sign-up order within the activity (the waitlist's order)
    signed_up = pw.DateTimeField()
    checked_in = pw.DateTimeField(null=True)
    fee_paid_fen = pw.IntegerField(default=0)
    receipt_no = pw.CharField(default="")
    notes = pw.TextField(default="")
    override_note = pw.TextField(default="")  # why the clerk accepted a broken rule
    warnings = pw.TextField(default="")  # the rules broken at sign-up, one a line
    promoted = pw.BooleanField(default=False)  # moved up from the waitlist: phone them
    walk_in = pw.BooleanField(default=False)  # added at the door
    name_initials = pw.CharField(default="")  # for check-in by initials
    phone_digits = pw.CharField(default="")

    class Meta:
        indexes = ((("plan", "position"), False), (("plan", "resident"), False))


class Companion(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    signup = pw.ForeignKeyField(Signup, on_delete="CASCADE", backref="companions")
    position = pw.IntegerField(default=0)
    name = pw.CharField(default="")
    relation = pw.CharField(default="")  # 子女 / 配偶 / 子女（成年） / 其他
    age = pw.IntegerField(null=True)  # children's age for parent-child activities
    phone = pw.CharField(default="")


class SignupLog(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    signup_id: int  # the raw column behind signup (peewee's accessor)
    signup = pw.ForeignKeyField(Signup, on_delete="CASCADE", backref="log")
    from_status = pw.CharField(default="")  # "" when the sign-up was made
    to_status = pw.CharField()
    time = pw.DateTimeField()
    note = pw.TextField(default="")


class SignupKept(BaseModel):
    """What the clean-up of old personal data (models/signups/retention.py) keeps of a sign-up whose
    resident link it removed: coarse groups only, so the activity's figures by sex, age band and
    building stay what they were. A row here also marks the sign-up as cleaned (schema version
    4)."""

    signup = pw.ForeignKeyField(Signup, primary_key=True, on_delete="CASCADE", backref="kept")
    gender = pw.CharField(default="")
    age_band = pw.CharField(default="")  # models.signups.figures.age_band on the activity's day
    building = pw.CharField(default="")
    cleaned = pw.DateField()


SIGNUP_MODELS: list[type[pw.Model]] = [Signup, Companion, SignupLog, SignupKept]
