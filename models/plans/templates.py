"""Built-in plan templates (resources/templates/*.json) and moving a plan to another year.

A template file is {"description": "...", "plan": {...}} where "plan" is what
models.plans.json_form.record_to_dict writes; the file name (without .json) is the template's key.

Moving a plan to a year: when the plan is tied to a festival, the festival day nearest its start
is its anchor; the anchor goes to the festival's day in the new year and every other date keeps
its distance in days from it (publicity a week before stays a week before). Otherwise every date
moves by whole years (29 February becomes 28 February). Times of day are kept.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from models.common.errors import UserError
from models.datafile.db import database
from models.plans.festivals import FESTIVALS, FestivalError, festival_date
from models.plans.json_form import PlanFormatError, record_from_dict
from models.plans.outline import default_outline
from models.plans.records import CATEGORIES, PlanRecord
from models.plans.service import clone_record, load_plan, save_plan
from resources import resource_path

TEMPLATE_DIR = resource_path("templates")


class TemplateError(UserError, LookupError):
    pass


@dataclass
class TemplateInfo:
    key: str
    title: str
    category: str
    kind: str
    description: str
    festival: str = ""  # the festival key the activity is tied to ("" none)


def _read(path: Path) -> tuple[str, PlanRecord]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"模板文件“{path.name}”无法读取：{exc}") from exc
    if not isinstance(data, dict) or set(data) != {"description", "plan"}:
        raise TemplateError(f"模板文件“{path.name}”格式有误：应只含 description 和 plan 两项。")
    try:
        rec = record_from_dict(data["plan"])
    except PlanFormatError as exc:
        raise TemplateError(f"模板文件“{path.name}”有误：{exc}") from exc
    return str(data["description"]), rec


def _order(info: TemplateInfo) -> tuple[int, str]:
    rank = CATEGORIES.index(info.category) if info.category in CATEGORIES else len(CATEGORIES)
    return (rank, info.key)


def list_templates() -> list[TemplateInfo]:
    """Every built-in template, in the order of the activity categories."""
    infos = []
    for path in TEMPLATE_DIR.glob("*.json"):
        description, rec = _read(path)
        infos.append(TemplateInfo(path.stem, rec.title, rec.category, rec.kind, description,
                                  rec.festival))
    return sorted(infos, key=_order)


def load_template(key: str) -> PlanRecord:
    """The template as stored, dates in its own reference year."""
    path = TEMPLATE_DIR / f"{key}.json"
    if not re.fullmatch(r"[a-z0-9_]+", key) or not path.is_file():
        raise TemplateError(f"找不到模板“{key}”。")
    return _read(path)[1]


def plan_from_template(key: str, year: int) -> PlanRecord:
    """A new, unsaved draft from template `key` with every date moved to `year`."""
    rec = move_to_year(load_template(key), year)
    rec.id = None
    rec.status = "草稿"
    # a template without its own outline starts from its kind's default one
    rec.outline = rec.outline or default_outline(rec.kind)
    return rec


# ---- moving dates ------------------------------------------------------------------------

def _shift_years[D: (date, datetime)](value: D, years: int) -> D:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February into a common year
        return value.replace(year=value.year + years, day=28)


def _map_dates(obj: Any, fn: Callable[[Any], Any]) -> Any:
    """A copy of a record (or row) with fn applied to every date and datetime in it."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return type(obj)(**{f.name: _map_dates(getattr(obj, f.name), fn)
                            for f in dataclasses.fields(obj)})
    if isinstance(obj, list):
        return [_map_dates(x, fn) for x in obj]
    if isinstance(obj, date):  # datetime is a date too
        return fn(obj)
    return obj


def _all_dates(obj: Any) -> list[date]:
    found: list[date] = []

    def collect(d: date) -> date:
        found.append(d)
        return d

    _map_dates(obj, collect)
    return found


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def reference_date(rec: PlanRecord) -> date | None:
    """The day that says which year a plan belongs to: its start, else its earliest date."""
    if rec.start is not None:
        return rec.start.date()
    days = [_day(d) for d in _all_dates(rec)]
    return min(days) if days else None


def plan_year(rec: PlanRecord) -> int | None:
    """The year a plan belongs to: the year of its festival day when it has one (a Spring
    Festival campaign that starts in December belongs to the next year), else of its start."""
    ref = reference_date(rec)
    if ref is None:
        return None
    anchor = _festival_anchor(rec.festival, ref)
    return anchor.year if anchor else ref.year


def _festival_anchor(key: str, ref: date) -> date | None:
    """The festival day nearest to ref, or None when the plan has no (known) festival."""
    if key not in FESTIVALS:
        return None
    try:
        days = [festival_date(key, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    except FestivalError:
        return None
    return min(days, key=lambda d: (abs((d - ref).days), d))


_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*(?:年|[-—–~～至]\s*(?:19|20)\d\d\s*年))")


def _shift_title_years(title: str, years: int) -> str:
    """"2025年春节送温暖" -> "2026年..."; "2025—2026年度" moves both years; other numbers stay."""
    if not years:
        return title
    return _TITLE_YEAR.sub(lambda m: str(int(m.group(1)) + years), title)


def move_to_year(rec: PlanRecord, year: int) -> PlanRecord:
    """A copy of rec with every date moved to `year` (see the module note); rec is untouched."""
    if not 1901 <= year <= 2099:
        raise TemplateError(f"年份 {year} 无效，请填写 1901—2099 之间的年份。")
    ref = reference_date(rec)
    if ref is None:
        return _map_dates(rec, lambda d: d)  # nothing to move; still a copy
    anchor = _festival_anchor(rec.festival, ref)
    if anchor is not None:
        try:
            target = festival_date(rec.festival, year)
        except FestivalError as exc:
            raise TemplateError(str(exc)) from exc
        delta = target - anchor
        moved: PlanRecord = _map_dates(rec, lambda d: d + delta)
        from_year = anchor.year
    else:
        years = year - ref.year
        moved = _map_dates(rec, lambda d: _shift_years(d, years))
        from_year = ref.year
    moved.title = _shift_title_years(moved.title, year - from_year)
    for attachment in moved.attachments:  # "2026年慰问对象花名册" follows the plan
        attachment.title = _shift_title_years(attachment.title, year - from_year)
    return moved


def copy_plan_to_year(plan_id: int, year: int) -> int:
    """Save a copy of plan `plan_id` moved to `year` as a new draft; returns the new id.

    Last year's results stay behind: the copy has no summary, no actual spend and no material
    ticked as ready, since none of that is true of the new activity yet.
    """
    with database.atomic():
        rec = clone_record(move_to_year(load_plan(plan_id), year))
        rec.status = "草稿"
        rec.summary = ""
        for line in rec.budget:
            line.actual_fen = None
        for item in rec.materials:
            item.ready = False
        return save_plan(rec)
