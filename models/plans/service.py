"""Plans in the data file: save, load, list, delete. Each call is one transaction."""
from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from models.common.errors import UserError
from models.datafile.db import database
from models.plans import tables

# The list's queries live with the list (models.plans.listing); re-exported here.
from models.plans.listing import count_plans, list_plans, plan_years  # noqa: F401 - re-exported
from models.plans.records import (
    PART_ROWS,
    STATUSES,
    ContentRow,
    PhaseTaskRow,
    PlanRecord,
    scalar_fields,
)

PART_MODELS: dict[str, type[tables._Part]] = {
    "organisers": tables.Organiser,
    "content": tables.ContentItem,
    "agenda": tables.AgendaSlot,
    "groups": tables.Group,
    "staff": tables.StaffRole,
    "materials": tables.Material,
    "publicity": tables.PublicityItem,
    "highlights": tables.Highlight,
    "budget": tables.BudgetLine,
    "risks": tables.Risk,
    "phases": tables.Phase,
    "leaders": tables.LeaderMember,
    "requirements": tables.Requirement,
    "awards": tables.Award,
    "attachments": tables.Attachment,
    "outline": tables.Section,
}


class PlanNotFound(UserError, LookupError):
    def __init__(self, plan_id: int) -> None:
        super().__init__(f"找不到编号为 {plan_id} 的活动方案。")
        self.plan_id = plan_id


class PlanError(UserError, ValueError):
    """A plan that cannot be saved as given; str() is for the clerk."""


def _row_values(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in scalar_fields(type(row))}


def _clean_scalar(value: Any) -> Any:
    # peewee hands back naive datetimes; keep seconds off so the editor and the PDF agree.
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value


def _validate(rec: PlanRecord) -> None:
    if not rec.title.strip():
        raise PlanError("方案标题不能为空。")
    if rec.status not in STATUSES:
        raise PlanError(f"状态“{rec.status}”无效。")
    if rec.start and rec.end and rec.end < rec.start:
        raise PlanError("活动结束时间早于开始时间。")
    if rec.min_age is not None and rec.max_age is not None and rec.min_age > rec.max_age:
        raise PlanError("年龄范围有误：最小年龄大于最大年龄。")
    if rec.capacity is not None and rec.capacity < 0:
        raise PlanError("名额不能为负数。")
    if rec.reg_start and rec.reg_end and rec.reg_end < rec.reg_start:
        raise PlanError("报名截止日期早于报名开始日期。")
    # Whatever the way in (editor, plan file, command line), no negative money is stored.
    if rec.fee_fen < 0:
        raise PlanError("费用不能是负数。")
    for n, line in enumerate(rec.budget, start=1):
        if line.unit_price_fen < 0 or (line.actual_fen or 0) < 0:
            raise PlanError(f"费用预算第{n}行：金额不能是负数。")


def save_plan(rec: PlanRecord) -> int:
    """Insert or update a plan and replace its parts; returns the plan's id."""
    _validate(rec)
    now = datetime.now().replace(microsecond=0)
    values = {name: getattr(rec, name) for name in scalar_fields(PlanRecord)}
    with database.atomic():
        if rec.id is None:
            plan_id = tables.Plan.insert(created=now, updated=now, **values).execute()
        else:
            updated = (
                tables.Plan.update(updated=now, **values)
                .where(tables.Plan.id == rec.id)
                .execute()
            )
            if not updated:
                raise PlanNotFound(rec.id)
            plan_id = rec.id
            for model in PART_MODELS.values():
                model.delete().where(model.plan == plan_id).execute()
        _write_parts(plan_id, rec)
    rec.id = plan_id
    return plan_id


def _write_parts(plan_id: int, rec: PlanRecord) -> None:
    for attr, model in PART_MODELS.items():
        rows = getattr(rec, attr)
        if attr == "content":
            _write_content(plan_id, rows, None)
            continue
        for pos, row in enumerate(rows):
            obj_id = model.insert(plan=plan_id, position=pos, **_row_values(row)).execute()
            if attr == "phases":
                for tpos, task in enumerate(row.tasks):
                    tables.PhaseTask.insert(
                        phase=obj_id, position=tpos, **_row_values(task)).execute()


def _write_content(plan_id: int, rows: list[ContentRow], parent: int | None) -> None:
    for pos, row in enumerate(rows):
        obj_id = tables.ContentItem.insert(
            plan=plan_id, parent=parent, position=pos, **_row_values(row)
        ).execute()
        _write_content(plan_id, row.children, obj_id)


def load_plan(plan_id: int) -> PlanRecord:
    with database.atomic():
        plan = tables.Plan.get_or_none(tables.Plan.id == plan_id)
        if plan is None:
            raise PlanNotFound(plan_id)
        rec = PlanRecord(
            id=plan.id, **{n: _clean_scalar(getattr(plan, n)) for n in scalar_fields(PlanRecord)}
        )
        for attr, model in PART_MODELS.items():
            if attr == "content":
                rec.content = _read_content(plan_id)
                continue
            row_type = PART_ROWS[attr]
            query = model.select().where(model.plan == plan_id).order_by(model.position)
            rows = []
            for obj in query:
                row = row_type(**{n: _clean_scalar(getattr(obj, n))
                                  for n in scalar_fields(row_type)})
                if attr == "phases":
                    tasks = tables.PhaseTask.select().where(tables.PhaseTask.phase == obj.id)
                    row.tasks = [
                        PhaseTaskRow(**{n: getattr(t, n) for n in scalar_fields(PhaseTaskRow)})
                        for t in tasks.order_by(tables.PhaseTask.position)
                    ]
                rows.append(row)
            setattr(rec, attr, rows)
    return rec


def _read_content(plan_id: int) -> list[ContentRow]:
    C = tables.ContentItem
    items = list(C.select().where(C.plan == plan_id).order_by(C.position))
    by_id = {it.id: ContentRow(title=it.title, body=it.body) for it in items}
    top: list[ContentRow] = []
    for it in items:  # already in position order, so children keep theirs
        if it.parent_id is None:
            top.append(by_id[it.id])
        elif it.parent_id in by_id:
            by_id[it.parent_id].children.append(by_id[it.id])
    return top


def delete_plan(plan_id: int) -> None:
    with database.atomic():
        if not tables.Plan.delete().where(tables.Plan.id == plan_id).execute():
            raise PlanNotFound(plan_id)


def set_status(plan_id: int, status: str) -> None:
    if status not in STATUSES:
        raise PlanError(f"状态“{status}”无效。")
    with database.atomic():
        n = tables.Plan.update(status=status, updated=datetime.now().replace(microsecond=0)).where(
            tables.Plan.id == plan_id
        ).execute()
        if not n:
            raise PlanNotFound(plan_id)


def clone_record(rec: PlanRecord) -> PlanRecord:
    """A deep copy without an id: saving it makes a new plan."""
    copy: PlanRecord = _deepcopy(rec)
    copy.id = None
    return copy


def _deepcopy(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        kwargs = {f.name: _deepcopy(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return type(obj)(**kwargs)
    if isinstance(obj, list):
        return [_deepcopy(x) for x in obj]
    return obj

