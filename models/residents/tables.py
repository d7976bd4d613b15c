"""Tables of the residents' register (schema version 2; households and status: version 7).

A resident keeps the values a clerk typed (cleaned) plus precomputed keys, so that searching and
ordering 100,000 people are index look-ups, not Python loops: full pinyin, initials, the digits of
the phone, and a stroke-order sort key. resident_fts is an FTS5 trigram index over one search line
per resident (name, phone digits, ID, address), kept in step by models/residents/store.py,
through which every write of residents goes.
"""
from __future__ import annotations

import peewee as pw
from playhouse.sqlite_ext import FTS5Model, SearchField

from models.datafile.base import BaseModel, database
from models.residents.rules import RELATIONS, STATUSES  # noqa: F401 - re-exported

GENDERS = ("男", "女")

# Tags every office uses; the office may add its own.
BUILTIN_TAGS: tuple[str, ...] = (
    "党员", "低保户", "独居老人", "空巢老人", "残疾人", "孕妇", "志愿者", "退役军人",
)


class Resident(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    name = pw.CharField(index=True)
    gender = pw.CharField(default="")  # 男 / 女 / "" (unknown)
    birth = pw.DateField(null=True, index=True)
    # 18 characters, upper-case X; None when absent
    id_number = pw.CharField(null=True, unique=True)
    phone = pw.CharField(default="")  # 11-digit mobile, or landline "0571-88123456"
    building = pw.CharField(default="", index=True)  # 楼栋, e.g. 3幢
    unit = pw.CharField(default="")  # 单元
    room = pw.CharField(default="")  # 房号 (may hold "1单元801室" as the sheet wrote it)
    address = pw.TextField(default="")  # free text when there is no building/room
    household = pw.CharField(default="")  # 户号 or head of household
    notes = pw.TextField(default="")
    deleted = pw.BooleanField(default=False)  # in the recycle bin
    deleted_at = pw.DateTimeField(null=True)
    created = pw.DateTimeField()
    updated = pw.DateTimeField()
    # Search and sort keys, derived from the fields above on every write.
    name_pinyin = pw.CharField(default="", index=True)  # "zhangsan"
    name_initials = pw.CharField(default="", index=True)  # "zs"
    phone_digits = pw.CharField(default="")  # "13812345678", "057188123456"
    stroke_key = pw.CharField(default="", index=True)  # 姓氏笔画 order
    # Schema 7: the household (户) a resident belongs to, at most one, with the relationship
    # to its head (户主 for the head), and whether the person is still here: 在册, or 迁出 /
    # 死亡 with the day. People who left stay for history; lists leave them out.
    household_id = pw.IntegerField(null=True, index=True)  # household.id (the API keeps it valid)
    relation = pw.CharField(default="")  # RELATIONS, "" when unknown
    status = pw.CharField(default="在册", index=True)  # STATUSES
    left_on = pw.DateField(null=True)  # the day of 迁出 / 死亡


class Household(BaseModel):
    """A household (户): its address; its members are the residents whose household_id is its
    id (the head is the member whose relation is 户主)."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    building = pw.CharField(default="", index=True)
    unit = pw.CharField(default="")
    room = pw.CharField(default="")
    address = pw.TextField(default="")
    number = pw.CharField(default="")  # 户号 as the office writes it
    notes = pw.TextField(default="")
    created = pw.DateTimeField()


class Tag(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    name = pw.CharField(unique=True)
    position = pw.IntegerField(default=0)
    builtin = pw.BooleanField(default=False)


class ResidentTag(BaseModel):
    # The composite primary key (resident, tag) already indexes resident first.
    resident = pw.ForeignKeyField(Resident, on_delete="CASCADE", backref="tag_links", index=False)
    tag = pw.ForeignKeyField(Tag, on_delete="CASCADE", backref="resident_links")

    class Meta:
        primary_key = pw.CompositeKey("resident", "tag")


class HouseholdTag(BaseModel):
    """Household facts (低保户, 特困, 独居): tags of the household, from the same tag list."""

    household = pw.ForeignKeyField(Household, on_delete="CASCADE", index=False)
    tag = pw.ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        primary_key = pw.CompositeKey("household", "tag")
        table_name = "household_tag"


class ImportLog(BaseModel):
    """What each roster import did, to undo the last one: the residents it added, the
    households it made, and every value it changed as it was before (JSON)."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    source = pw.TextField()  # the file's name
    made = pw.DateTimeField()
    summary = pw.TextField(default="")  # "imported=… updated=…"
    undo = pw.TextField()  # JSON, see models.residents.imports.undo
    undone = pw.DateTimeField(null=True)

    class Meta:
        table_name = "import_log"


class ResidentFts(FTS5Model):
    """rowid = resident.id; search_text = one lower-case line of every searchable key."""

    search_text = SearchField()

    class Meta:
        database = database
        table_name = "resident_fts"
        options = {"tokenize": "trigram", "detail": "none"}


RESIDENT_MODELS: list[type[pw.Model]] = [Resident, Tag, ResidentTag, ResidentFts, Household,
                                         HouseholdTag, ImportLog]
