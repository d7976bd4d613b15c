"""Tables of the volunteers wing (schema step models/datafile/migrations/v11.py).

A volunteer linked to a resident keeps no copy of the resident's name or phone: those show
through the link (name and phone stay "" here), so a roster update reaches the volunteer.
Service time is stored as whole minutes per person per service, so every sum is exact.
"""
from __future__ import annotations

from typing import Any

import peewee as pw

from models.datafile.base import BaseModel, DateField
from models.plans.tables import Plan
from models.residents.tables import Resident


class VolunteerTeam(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    name = pw.CharField(unique=True)
    kind = pw.CharField(default="")  # 服务类别: 政策宣传 / 环境整治 ...
    leader = pw.CharField(default="")
    office = pw.CharField(default="")  # 办公地点
    eligible = pw.CharField(default="")  # political statuses allowed, joined with 、; "" any
    founded = DateField(null=True)  # months before it are not held to the monthly minimum
    position = pw.IntegerField(default=0)
    notes = pw.TextField(default="")


class Volunteer(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    resident_id: int | None
    team_id: int | None
    resident = pw.ForeignKeyField(Resident, null=True, on_delete="SET NULL",
                                  backref="volunteer_links")
    team = pw.ForeignKeyField(VolunteerTeam, null=True, on_delete="SET NULL",
                              backref="members")
    number = pw.CharField(unique=True)  # 志愿者编号
    name = pw.CharField(default="")  # "" when linked: the resident's shows through
    phone = pw.CharField(default="")  # likewise
    gender = pw.CharField(default="")
    birth = DateField(null=True)
    id_number = pw.CharField(null=True)
    political = pw.CharField(default="")  # 中共党员 / 预备党员 / 入党积极分子 / 共青团员 / 群众
    unit = pw.CharField(default="")  # 单位或所在党支部
    skills = pw.CharField(default="")  # 特长
    wanted = pw.CharField(default="")  # 意向服务类别
    available = pw.CharField(default="")  # 可服务时间
    joined = DateField()
    left = DateField(null=True)  # 退出 on this day
    notes = pw.TextField(default="")


class VolunteerPause(BaseModel):
    """A time the volunteer was paused (暂停); end NULL while it lasts."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    volunteer_id: int
    volunteer = pw.ForeignKeyField(Volunteer, on_delete="CASCADE", backref="pauses")
    start = DateField()
    end = DateField(null=True)


class Service(BaseModel):
    """One service (服务) or training session (培训) of a team, on one day."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    team_id: int | None
    plan_id: int | None
    team = pw.ForeignKeyField(VolunteerTeam, null=True, on_delete="SET NULL",
                              backref="services")
    plan = pw.ForeignKeyField(Plan, null=True, on_delete="SET NULL", backref="services")
    day = DateField(index=True)
    kind = pw.CharField(default="服务")  # 服务 / 培训
    place = pw.CharField(default="")
    content = pw.TextField(default="")  # what was done
    notes = pw.TextField(default="")


class ServiceHours(BaseModel):
    """Who served in a service, for how long (whole minutes, travel excluded), in what role."""

    service_id: int
    volunteer_id: int
    service = pw.ForeignKeyField(Service, on_delete="CASCADE", backref="hours")
    volunteer = pw.ForeignKeyField(Volunteer, on_delete="CASCADE", backref="hours")
    minutes = pw.IntegerField()
    role = pw.CharField(default="")

    class Meta:
        primary_key = pw.CompositeKey("service", "volunteer")


class ServiceTally(BaseModel):
    """Each volunteer's services (times, whole minutes) a year and kind: service_hours summed,
    kept by the triggers of schema step 12 on every write (models/datafile/migrations/v12.py);
    never written by code. The year's figures and the star levels read it."""

    year = pw.IntegerField()
    kind = pw.CharField()
    volunteer_id = pw.IntegerField()
    times = pw.IntegerField()
    minutes = pw.IntegerField()

    class Meta:
        primary_key = pw.CompositeKey("year", "kind", "volunteer_id")
        without_rowid = True

    @classmethod
    def create_table(cls, safe: bool = True, **options: Any) -> None:
        # The table as peewee makes it, then its triggers, which peewee cannot declare.
        super().create_table(safe, **options)
        from models.datafile.migrations.v12 import TALLY_TRIGGERS_SQL

        for sql in TALLY_TRIGGERS_SQL:
            cls._meta.database.execute_sql(sql)


class VolunteerRule(BaseModel):
    """The minimums for one team (team NULL: the default for every team without its own)."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    team_id: int | None
    team = pw.ForeignKeyField(VolunteerTeam, null=True, unique=True, on_delete="CASCADE",
                              backref="rules")
    team_per_month = pw.IntegerField(default=1)  # services a month
    member_per_year = pw.IntegerField(default=10)  # times, or hours when measure is 小时
    measure = pw.CharField(default="次")  # 次 / 小时
    training_counts = pw.BooleanField(default=False)


class Assessment(BaseModel):
    volunteer_id: int
    volunteer = pw.ForeignKeyField(Volunteer, on_delete="CASCADE", backref="assessments")
    year = pw.IntegerField()
    grade = pw.CharField()  # 优秀 / 合格 / 不合格, or the office's own words
    note = pw.TextField(default="")

    class Meta:
        primary_key = pw.CompositeKey("volunteer", "year")


class ServiceCertificate(BaseModel):
    """The register of issued service record certificates (志愿服务记录证明)."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    volunteer_id: int
    volunteer = pw.ForeignKeyField(Volunteer, on_delete="CASCADE", backref="certificates")
    number = pw.CharField(unique=True)
    start = DateField()
    end = DateField()
    minutes = pw.IntegerField()  # as certified, equal to the ledger's for the period
    services = pw.IntegerField()
    content = pw.TextField(default="")
    issuer = pw.CharField(default="")
    person_in_charge = pw.CharField(default="")
    handler = pw.CharField(default="")
    contact = pw.CharField(default="")
    issued = DateField()
    notes = pw.TextField(default="")


VOLUNTEER_MODELS: list[type[pw.Model]] = [
    VolunteerTeam, Volunteer, VolunteerPause, Service, ServiceHours, ServiceTally, VolunteerRule,
    Assessment, ServiceCertificate,
]
