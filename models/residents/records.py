"""Plain records the residents' service API takes and returns (no peewee objects leave models/).

Field labels (metadata "label") are the Chinese column names the GUI and the exports show.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from models.residents.rules import PRESENT
from models.residents.rules import age_on as _age_on

# Orders search_residents understands (ResidentQuery.order); each is an index-backed SQL order.
SORT_ORDERS: dict[str, str] = {
    "name": "姓名（拼音）",
    "strokes": "姓氏笔画",
    "gender": "性别",
    "birth": "出生日期",
    "age": "年龄",
    "id_number": "身份证号",
    "phone": "联系电话",
    "building": "楼栋",
    "created": "录入时间",
}


def _f(label: str, default: object = "", **kw: object) -> object:
    return field(default=default, metadata={"label": label}, **kw)  # type: ignore[call-overload]


@dataclass
class ResidentRecord:
    """One resident as the clerk sees it. id is None for a resident not yet saved."""

    id: int | None = None
    name: str = _f("姓名")  # type: ignore[assignment]
    gender: str = _f("性别")  # type: ignore[assignment]  # 男 / 女 / ""
    birth: date | None = _f("出生日期", None)  # type: ignore[assignment]
    id_number: str | None = _f("身份证号", None)  # type: ignore[assignment]
    phone: str = _f("联系电话")  # type: ignore[assignment]
    building: str = _f("楼栋")  # type: ignore[assignment]
    unit: str = _f("单元")  # type: ignore[assignment]
    room: str = _f("房号")  # type: ignore[assignment]
    address: str = _f("住址")  # type: ignore[assignment]
    household: str = _f("户号")  # type: ignore[assignment]
    notes: str = _f("备注")  # type: ignore[assignment]
    tags: list[str] = field(default_factory=list, metadata={"label": "标签"})
    # Household and status (schema 7): written on insert; afterwards only through
    # models.residents.households, so the form's save leaves them as they are.
    relation: str = _f("与户主关系")  # type: ignore[assignment]
    status: str = _f("状态", "在册")  # type: ignore[assignment]
    left_on: date | None = _f("离开日期", None)  # type: ignore[assignment]
    household_id: int | None = None
    deleted: bool = False
    deleted_at: datetime | None = None
    created: datetime | None = None
    updated: datetime | None = None

    def age_on(self, day: date) -> int | None:
        """Full years on day (the birthday itself counts), None without a birth date."""
        return _age_on(self.birth, day) if self.birth else None

    def full_address(self) -> str:
        """楼栋 + 单元 + 房号, or the free-text address when those are empty."""
        parts = self.building + self.unit + self.room
        return parts or self.address


def field_label(name: str) -> str:
    """The Chinese label of a ResidentRecord field ("name" -> "姓名")."""
    return str(ResidentRecord.__dataclass_fields__[name].metadata.get("label", name))


@dataclass
class FieldProblem:
    """A problem with one field, shown beside it. severity "error" blocks saving; "warning"
    (e.g. birth date disagreeing with the ID number) is saved only when the clerk confirms."""

    field: str  # a ResidentRecord attribute name
    message: str  # Chinese, complete
    severity: str = "error"


@dataclass
class SaveResult:
    saved: bool
    resident_id: int | None = None
    record: ResidentRecord | None = None  # the cleaned values (as stored when saved)
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def needs_confirmation(self) -> bool:
        """Only warnings stand in the way: save again with allow_warnings=True."""
        return not self.saved and bool(self.problems) and all(
            p.severity == "warning" for p in self.problems)

    def for_field(self, name: str) -> list[FieldProblem]:
        return [p for p in self.problems if p.field == name]


@dataclass
class ResidentRow:
    """One row of the residents grid (cheap: no notes, tags already joined by 、)."""

    id: int
    name: str
    gender: str
    birth: date | None
    id_number: str | None
    phone: str
    building: str
    unit: str
    room: str
    address: str
    tags: str
    deleted_at: datetime | None = None
    status: str = PRESENT  # or 迁出 / 死亡 (models.residents.rules.STATUSES)
    left_on: date | None = None

    def age_on(self, day: date) -> int | None:
        return _age_on(self.birth, day) if self.birth else None


@dataclass
class ResidentQuery:
    """What the grid shows. text finds by name, full pinyin, initials, phone digits, ID fragment
    or address. tags: residents carrying every one of them. Age bounds are inclusive, on
    age_date (today when None). deleted=True lists the recycle bin instead."""

    text: str = ""
    tags: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    age_date: date | None = None
    building: str | None = None
    gender: str | None = None
    deleted: bool = False
    include_left: bool = False  # also people who moved away or died (left out otherwise)
    order: str = "name"  # a key of SORT_ORDERS
    descending: bool = False


@dataclass
class SearchResult:
    rows: list[ResidentRow]
    total: int  # all matches, not only this page


@dataclass
class TagInfo:
    name: str
    builtin: bool
    count: int  # residents (not in the recycle bin) carrying it
