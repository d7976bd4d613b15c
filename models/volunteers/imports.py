"""Importing an office's existing volunteer list (Excel or CSV) with the residents' import
machinery (models/residents/imports): the same guard against hostile files, the same reader, the
same header finding and mapping (with the volunteers' own column wordings added), the same row
checks for name, ID number, sex, birth date and phone; then the volunteers' columns (political
status, unit, team, number, date joined ...).

A row whose ID number is a resident's is linked to that resident (their name and phone then show
through); the others are kept with their own values. Every row gets an outcome: imported,
refused (with the reason) or a duplicate; a preview (dry_run) writes nothing. A team named in the
list that does not exist yet is created, and the report says so.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from models.common.errors import UserError
from models.common.parsers import parse_date
from models.datafile.db import database
from models.residents.imports.mapping import find_header_row, header_with_next_row
from models.residents.imports.reader import read_file
from models.residents.imports.rows import evaluate_sheet
from models.volunteers.records import NewVolunteer
from models.volunteers.rules import POLITICAL
from models.volunteers.service import add_volunteer, create_team, list_teams
from models.volunteers.tables import Volunteer

# The volunteers' own columns: exact header wordings (spaces removed) -> field.
VOLUNTEER_WORDS: dict[str, str] = {}
for _field, _words in {
    "political": "政治面貌 政治身份",
    "unit": "工作单位 单位 所在党支部 党支部 单位或党支部 单位或所在党支部 所在单位",
    "skills": "特长 专长 技能 个人特长",
    "wanted": "服务类别 意向服务类别 服务意向 服务项目 志愿服务类别",
    "available": "服务时间 可服务时间 空闲时间",
    "team": "服务队 所在服务队 队别 分队",
    "number": "志愿者编号 编号 志愿者证号",
    "joined": "入队日期 加入日期 登记日期 入队时间 注册日期",
}.items():
    for _w in _words.split():
        VOLUNTEER_WORDS[_w] = _field

IMPORTED, REFUSED, DUPLICATE = "已导入", "未导入", "重复"


@dataclass
class ImportRow:
    where: str  # 工作表!行
    name: str
    outcome: str
    reason: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class VolunteerImport:
    rows: list[ImportRow]
    new_teams: list[str]

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _own_columns(columns: dict[int, str]) -> tuple[dict[int, str], dict[str, int]]:
    """Split the mapped columns: the residents' fields (checked by their row rules) and ours."""
    own = {f: c for c, f in columns.items() if f in set(VOLUNTEER_WORDS.values())}
    person = {c: f for c, f in columns.items() if f in ("name", "id_number", "gender", "birth",
                                                         "phone", "notes")}
    return person, own


def import_volunteers(path: Path | str, *, dry_run: bool = False,
                      today: date | None = None) -> VolunteerImport:
    """Read the list and add every acceptable row (nothing with dry_run); all or nothing."""
    from models.residents.service import find_by_id_number

    today = today or date.today()
    sheets = read_file(path)
    rows: list[ImportRow] = []
    found_table = False
    teams = {t.name: t.id for t in list_teams()}
    new_teams: list[str] = []
    with database.atomic() as txn:
        # .tuples() yields one tuple a row; peewee's stubs type it as a select of the model.
        numbers = {n for (n,) in cast("Iterable[tuple[str]]",
                                      Volunteer.select(Volunteer.number).tuples())}
        linked = {r for (r,) in cast("Iterable[tuple[int | None]]",
                                     Volunteer.select(Volunteer.resident).tuples()) if r}
        own_ids = {i for (i,) in cast("Iterable[tuple[str | None]]",
                                      Volunteer.select(Volunteer.id_number).tuples()) if i}
        for sheet in sheets:
            index = find_header_row(sheet.rows, extra=VOLUNTEER_WORDS)
            if index is None:
                continue
            last, columns = header_with_next_row(sheet.rows, index, VOLUNTEER_WORDS)
            person, own = _own_columns(columns)
            if "name" not in person.values():
                continue
            found_table = True
            for cand in evaluate_sheet(sheet, last, person, today):
                name = cand.record.name if cand.record else cand.raw_name
                if cand.record is None:
                    rows.append(ImportRow(cand.where, name, REFUSED, cand.reason))
                    continue
                raw = sheet.rows[cand.row - 1]
                values = {f: _text(raw[c]) if c < len(raw) else "" for f, c in own.items()}
                row = ImportRow(cand.where, name, IMPORTED, notes=list(cand.notes))
                rows.append(row)
                new = NewVolunteer(name=name, phone=cand.record.phone,
                                   gender=cand.record.gender, birth=cand.record.birth,
                                   id_number=cand.record.id_number or "",
                                   political=values.get("political", ""),
                                   unit=values.get("unit", ""), skills=values.get("skills", ""),
                                   wanted=values.get("wanted", ""),
                                   available=values.get("available", ""),
                                   number=values.get("number", ""), notes=cand.record.notes)
                why = _fill(new, values, raw, own, today)
                if why:
                    row.outcome, row.reason = REFUSED, why
                    continue
                resident = find_by_id_number(new.id_number) if new.id_number else None
                if new.number and new.number in numbers:
                    row.outcome, row.reason = DUPLICATE, f"志愿者编号“{new.number}”已有人使用"
                    continue
                if (resident and resident.id in linked) or (new.id_number in own_ids):
                    row.outcome, row.reason = DUPLICATE, "此人已登记为志愿者"
                    continue
                if resident is not None:
                    new.resident_id = resident.id
                    row.notes.append(f"与居民档案关联（居民编号 {resident.id}）")
                    if resident.name != name:
                        row.notes.append(f"档案中的姓名为“{resident.name}”，以档案为准")
                team = values.get("team", "")
                if team and team not in teams:
                    teams[team] = create_team(team).id
                    new_teams.append(team)
                new.team_id = teams.get(team) if team else None
                try:
                    rec = add_volunteer(new)
                except UserError as exc:
                    row.outcome, row.reason = REFUSED, str(exc)
                    continue
                numbers.add(rec.number)
                if rec.resident_id:
                    linked.add(rec.resident_id)
                elif new.id_number:
                    own_ids.add(new.id_number)
        if not found_table:
            raise UserError(f"在“{Path(path).name}”中没有找到志愿者名单的表头（写着“姓名”和"
                            "至少另一项的那一行），没有导入任何人。")
        if dry_run:
            txn.rollback()
    return VolunteerImport(rows, new_teams)


def _fill(new: NewVolunteer, values: dict[str, str], raw: list[Any], own: dict[str, int],
          today: date) -> str:
    """The checks of the volunteers' own columns; the refusal's words, or ""."""
    if new.political and new.political not in POLITICAL:
        simple = {"党员": "中共党员", "中共预备党员": "预备党员", "团员": "共青团员",
                  "积极分子": "入党积极分子"}
        if new.political not in simple:
            return f"政治面貌“{new.political}”不在可选范围内（{'、'.join(POLITICAL)}）"
        new.political = simple[new.political]
    joined = today
    if "joined" in own and own["joined"] < len(raw) and raw[own["joined"]] not in (None, ""):
        parsed = parse_date(raw[own["joined"]])
        if not parsed.ok or not isinstance(parsed.value, date):
            return f"入队日期“{values.get('joined', '')}”看不懂"
        joined = parsed.value
    new.joined = joined
    return ""
