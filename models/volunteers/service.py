"""The volunteers wing's API: teams, volunteers, services and training, rules, assessments.

Every call runs in one transaction and returns plain records (records.py). A volunteer linked to
a resident shows the resident's name and phone (read through the link on every call).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

import peewee as pw

from models.common.errors import UserError
from models.common.id_number import parse_id_number
from models.common.parsers import clean_name, parse_phone
from models.datafile.db import database
from models.residents.tables import Resident
from models.volunteers.records import (
    NewService,
    NewVolunteer,
    Rule,
    Served,
    ServiceRecord,
    TeamRecord,
    VolunteerRecord,
)
from models.volunteers.roster import ALL, ONE, TEAM, read_volunteers, roster_order
from models.volunteers.rules import (
    ACTIVE,
    LEFT,
    MAX_MINUTES,
    PAUSED,
    POLITICAL,
    SERVICE,
    STATUSES,
    TIMES,
    TRAINING,
)
from models.volunteers.tables import (
    Assessment,
    Service,
    ServiceHours,
    Volunteer,
    VolunteerPause,
    VolunteerRule,
    VolunteerTeam,
)


class NotFound(UserError, LookupError):
    pass


def _text(value: str, what: str, limit: int = 200) -> str:
    value = " ".join(value.split())
    if len(value) > limit:
        raise UserError(f"{what}太长（最多 {limit} 个字）。")
    return value


# --- teams -------------------------------------------------------------------------------------

def _team_record(t: VolunteerTeam, members: int = 0) -> TeamRecord:
    return TeamRecord(t.id, t.name, t.kind, t.leader, t.office, t.eligible, t.founded, members)


def create_team(name: str, kind: str = "", leader: str = "", office: str = "",
                eligible: str = "", founded: date | None = None) -> TeamRecord:
    name = _text(name, "服务队名称", 60)
    if not name:
        raise UserError("请填写服务队名称。")
    with database.atomic():
        if VolunteerTeam.select().where(VolunteerTeam.name == name).exists():
            raise UserError(f"已有名为“{name}”的服务队。")
        position = VolunteerTeam.select().count()
        t = VolunteerTeam.create(name=name, kind=_text(kind, "服务类别"),
                                 leader=_text(leader, "负责人"), office=_text(office, "办公地点"),
                                 eligible=_text(eligible, "入队条件"), founded=founded,
                                 position=position)
        return _team_record(t)


def list_teams() -> list[TeamRecord]:
    """Every team in the clerk's order, each with its members still in the register. Through
    the bare cursor: the minimums view reads it on every change of year or team."""
    rows = database.obj.execute_sql(
        'SELECT t."id", t."name", t."kind", t."leader", t."office", t."eligible", t."founded", '
        '(SELECT COUNT(*) FROM "volunteer" v WHERE v."team_id" = t."id" AND v."left" IS NULL) '
        'FROM "volunteer_team" t ORDER BY t."position", t."id"')
    return [TeamRecord(tid, name, kind, leader, office, eligible,
                       date.fromisoformat(founded) if founded else None, members)
            for tid, name, kind, leader, office, eligible, founded, members in rows]


def get_team(team_id: int) -> TeamRecord:
    t = VolunteerTeam.get_or_none(VolunteerTeam.id == team_id)
    if t is None:
        raise NotFound(f"找不到编号为 {team_id} 的服务队。")
    return _team_record(t, Volunteer.select().where(
        (Volunteer.team == team_id) & Volunteer.left.is_null()).count())


def find_team(name_or_id: str) -> TeamRecord:
    """A team by its 编号 or its exact name (the command line's --team)."""
    text = name_or_id.strip()
    if text.isdigit():
        return get_team(int(text))
    t = VolunteerTeam.get_or_none(VolunteerTeam.name == text)
    if t is None:
        raise NotFound(f"找不到名为“{text}”的服务队。")
    return get_team(t.id)


# --- volunteers --------------------------------------------------------------------------------

def _next_number(year: int) -> str:
    prefix = f"ZY{year}"
    last = (Volunteer.select(pw.fn.MAX(Volunteer.number))
            .where(Volunteer.number.startswith(prefix)).scalar())
    n = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{n:04d}"


def _clean(new: NewVolunteer) -> dict[str, object]:
    """The row's values, checked; refusals in plain words."""
    joined = new.joined or date.today()
    values: dict[str, object] = {
        "team": new.team_id, "resident": new.resident_id, "joined": joined,
        "political": new.political.strip(), "unit": _text(new.unit, "单位或党支部"),
        "skills": _text(new.skills, "特长"), "wanted": _text(new.wanted, "意向服务类别"),
        "available": _text(new.available, "可服务时间"), "notes": new.notes.strip(),
        "name": "", "phone": "", "gender": "", "birth": None, "id_number": None,
    }
    if values["political"] and values["political"] not in POLITICAL:
        raise UserError(f"政治面貌“{new.political}”不在可选范围内：{'、'.join(POLITICAL)}。")
    if new.team_id is not None:
        get_team(new.team_id)
    if new.resident_id is not None:
        if Resident.get_or_none(Resident.id == new.resident_id) is None:
            raise NotFound(f"找不到编号为 {new.resident_id} 的居民。")
        return values  # name, phone, sex, birth and ID show through from the resident
    name = clean_name(new.name)
    if not name.ok or not name.value:
        raise UserError(f"姓名“{new.name}”无效：{name.reason or '请填写姓名'}。")
    values["name"] = name.value
    if new.phone.strip():
        phone = parse_phone(new.phone)
        if not phone.ok:
            raise UserError(f"电话“{new.phone}”无效：{phone.reason}。")
        values["phone"] = phone.value
    if new.id_number.strip():
        idc = parse_id_number(new.id_number)
        if not idc.ok:
            raise UserError(f"身份证号“{new.id_number}”无效：{idc.reason}。")
        values["id_number"] = idc.value
        values["birth"] = new.birth or idc.birth
        values["gender"] = new.gender or idc.gender
    else:
        values["birth"], values["gender"] = new.birth, new.gender
    if values["gender"] not in ("", "男", "女"):
        raise UserError(f"性别“{values['gender']}”无效：请填“男”或“女”。")
    return values


def add_volunteer(new: NewVolunteer) -> VolunteerRecord:
    with database.atomic():
        values = _clean(new)
        joined = values["joined"]
        assert isinstance(joined, date)
        number = _text(new.number, "志愿者编号", 30) or _next_number(joined.year)
        if Volunteer.select().where(Volunteer.number == number).exists():
            raise UserError(f"志愿者编号“{number}”已被使用。")
        if new.resident_id is not None and Volunteer.select().where(
                Volunteer.resident == new.resident_id).exists():
            raise UserError("这位居民已登记为志愿者。")
        v = Volunteer.create(number=number, **values)
        return get_volunteer(v.id)


def update_volunteer(volunteer_id: int, new: NewVolunteer) -> VolunteerRecord:
    with database.atomic():
        old = get_volunteer(volunteer_id)
        values = _clean(new)
        number = _text(new.number, "志愿者编号", 30) or old.number
        if Volunteer.select().where((Volunteer.number == number)
                                    & (Volunteer.id != volunteer_id)).exists():
            raise UserError(f"志愿者编号“{number}”已被使用。")
        Volunteer.update(number=number, **values).where(Volunteer.id == volunteer_id).execute()
        return get_volunteer(volunteer_id)


def get_volunteer(volunteer_id: int) -> VolunteerRecord:
    found = read_volunteers(ONE, volunteer_id)
    if not found:
        raise NotFound(f"找不到编号为 {volunteer_id} 的志愿者。")
    return found[0]


def list_volunteers(team_id: int | None = None, *, today: date | None = None,
                    ) -> list[VolunteerRecord]:
    with database.atomic():
        found = read_volunteers(ALL, None, today) if team_id is None \
            else read_volunteers(TEAM, team_id, today)
    return sorted(found, key=roster_order)


def set_status(volunteer_id: int, status: str, day: date) -> VolunteerRecord:
    """在册 ends a pause (or undoes leaving); 暂停 starts a pause; 退出 leaves on that day."""
    if status not in STATUSES:
        raise UserError(f"状态“{status}”无效：可选 {'、'.join(STATUSES)}。")
    with database.atomic():
        rec = get_volunteer(volunteer_id)
        if day < rec.joined:
            raise UserError(f"{day:%Y-%m-%d} 早于入队日期 {rec.joined:%Y-%m-%d}。")
        is_open = VolunteerPause.volunteer == volunteer_id, VolunteerPause.end.is_null()
        if status == PAUSED:
            if not VolunteerPause.select().where(*is_open).exists():
                VolunteerPause.create(volunteer=volunteer_id, start=day)
        else:
            VolunteerPause.update(end=day).where(*is_open).execute()
        Volunteer.update(left=day if status == LEFT else None).where(
            Volunteer.id == volunteer_id).execute()
        return get_volunteer(volunteer_id)


def find_volunteer(number_or_id: str) -> VolunteerRecord:
    """By 志愿者编号, or by the record's 编号 (digits)."""
    text = number_or_id.strip()
    v = Volunteer.get_or_none(Volunteer.number == text)
    if v is None and text.isdigit():
        v = Volunteer.get_or_none(Volunteer.id == int(text))
    if v is None:
        raise NotFound(f"找不到志愿者“{text}”（请写志愿者编号或记录编号）。")
    return get_volunteer(v.id)


# --- services ----------------------------------------------------------------------------------

def record_service(new: NewService) -> ServiceRecord:
    """Save a service (or training) with everyone who took part; refused whole on a bad line."""
    if new.kind not in (SERVICE, TRAINING):
        raise UserError(f"类别“{new.kind}”无效：应为“服务”或“培训”。")
    if not new.people:
        raise UserError("请至少填写一位参加的志愿者。")
    seen: set[int] = set()
    for p in new.people:
        if p.volunteer_id in seen:
            raise UserError(f"志愿者（编号 {p.volunteer_id}）填了两次，请合并为一行。")
        seen.add(p.volunteer_id)
        if not 0 < p.minutes <= MAX_MINUTES:
            raise UserError("每人时长应在 1 分钟到 24 小时之间。")
    with database.atomic():
        if new.team_id is not None:
            get_team(new.team_id)
        known = {v.id: v for v in Volunteer.select().where(Volunteer.id.in_(list(seen)))}
        for vid in seen:
            v = known.get(vid)
            if v is None:
                raise NotFound(f"找不到编号为 {vid} 的志愿者。")
            if v.joined > new.day or (v.left is not None and v.left <= new.day):
                who = get_volunteer(vid).name
                raise UserError(f"{who} 在 {new.day:%Y-%m-%d} 不在册（入队 {v.joined:%Y-%m-%d}），"
                                "不能记入这次服务。")
        s = Service.create(team=new.team_id, plan=new.plan_id, day=new.day, kind=new.kind,
                           place=_text(new.place, "地点"), content=new.content.strip(),
                           notes=new.notes.strip())
        ServiceHours.insert_many([
            {"service": s.id, "volunteer": p.volunteer_id, "minutes": p.minutes,
             "role": _text(p.role, "角色", 30)} for p in new.people]).execute()
        return get_service(s.id)


def get_service(service_id: int) -> ServiceRecord:
    found = list_services(ids=[service_id])
    if not found:
        raise NotFound(f"找不到编号为 {service_id} 的服务记录。")
    return found[0]


def list_services(year: int | None = None, team_id: int | None = None, *,
                  ids: Iterable[int] | None = None, volunteer_id: int | None = None,
                  ) -> list[ServiceRecord]:
    q = Service.select(Service, VolunteerTeam).join(
        VolunteerTeam, pw.JOIN.LEFT_OUTER, on=(Service.team == VolunteerTeam.id))
    if year is not None:
        q = q.where((Service.day >= date(year, 1, 1)) & (Service.day <= date(year, 12, 31)))
    if team_id is not None:
        q = q.where(Service.team == team_id)
    if ids is not None:
        q = q.where(Service.id.in_(list(ids)))
    if volunteer_id is not None:
        q = q.where(Service.id.in_(ServiceHours.select(ServiceHours.service).where(
            ServiceHours.volunteer == volunteer_id)))
    with database.atomic():
        # Plain tuples, not model objects: a year's services were most of the ledger's time.
        services = cast("list[tuple[int, date, int | None, str | None, str, str, str, int | None]]",
                        list(q.select(Service.id, Service.day, Service.team, VolunteerTeam.name,
                                      Service.kind, Service.place, Service.content, Service.plan)
                             .order_by(Service.day, Service.id).tuples()))
        names = {vid: r_name if r_name is not None else name for vid, name, r_name in cast(
            "Iterable[tuple[int, str, str | None]]", Volunteer.select(
                Volunteer.id, Volunteer.name, Resident.name)
            .join(Resident, pw.JOIN.LEFT_OUTER, on=(Volunteer.resident == Resident.id))
            .tuples())}
        people: dict[int, list[Served]] = {}
        if services:
            # Every row of the services chosen above, through the bare cursor: whole numbers and
            # text need no conversion, and a sub-select needs no list of ids.
            sql, params = ServiceHours.select(
                ServiceHours.service, ServiceHours.volunteer, ServiceHours.minutes,
                ServiceHours.role).where(ServiceHours.service.in_(q.select(Service.id))).sql()
            for sid, vid, minutes, role in database.obj.execute_sql(sql, params):
                people.setdefault(sid, []).append(Served(vid, minutes, role, names.get(vid, "")))
    return [ServiceRecord(sid, day, team_id, team or "", kind, place, content, plan_id,
                          sorted(people.get(sid, []), key=lambda p: p.volunteer_id))
            for sid, day, team_id, team, kind, place, content, plan_id in services]


def delete_service(service_id: int) -> None:
    with database.atomic():
        get_service(service_id)
        Service.delete().where(Service.id == service_id).execute()


def team_people(team_id: int, day: date, minutes: int, role: str = "") -> list[Served]:
    """Everyone of the team in the register on that day, each with the same time: the start of
    "a whole team at once", to be edited before saving."""
    return [Served(v.id, minutes, role, v.name) for v in list_volunteers(team_id, today=day)
            if v.status == ACTIVE and v.joined <= day]


# --- rules and assessments ----------------------------------------------------------------------

def rule_for(team_id: int | None) -> Rule:
    row = VolunteerRule.get_or_none(VolunteerRule.team == team_id) if team_id is not None \
        else None
    row = row or VolunteerRule.get_or_none(VolunteerRule.team.is_null())
    if row is None:
        return Rule()
    return Rule(row.team_per_month, row.member_per_year, row.measure, row.training_counts)


def rules_for(team_ids: Iterable[int | None]) -> dict[int | None, Rule]:
    """rule_for of each team, read in one query."""
    rows = {tid: Rule(per_month, per_year, measure, bool(training))
            for tid, per_month, per_year, measure, training in database.obj.execute_sql(
                'SELECT "team_id", "team_per_month", "member_per_year", "measure", '
                '"training_counts" FROM "volunteer_rule"')}
    default = rows.get(None, Rule())
    return {t: rows.get(t, default) if t is not None else default for t in team_ids}


def set_rule(team_id: int | None, rule: Rule) -> Rule:
    if rule.measure not in (TIMES, "小时"):
        raise UserError("最低要求的单位应为“次”或“小时”。")
    if not (0 <= rule.team_per_month <= 100 and 0 <= rule.member_per_year <= 10000):
        raise UserError("最低要求的数目不合理。")
    with database.atomic():
        where = (VolunteerRule.team == team_id) if team_id is not None \
            else VolunteerRule.team.is_null()
        VolunteerRule.delete().where(where).execute()
        VolunteerRule.create(team=team_id, team_per_month=rule.team_per_month,
                             member_per_year=rule.member_per_year, measure=rule.measure,
                             training_counts=rule.training_counts)
    return rule


def set_assessment(volunteer_id: int, year: int, grade: str, note: str = "") -> None:
    grade = _text(grade, "考核等次", 20)
    if not grade:
        raise UserError("请填写考核等次（如 优秀、合格、不合格）。")
    with database.atomic():
        get_volunteer(volunteer_id)
        Assessment.insert(volunteer=volunteer_id, year=year, grade=grade,
                          note=note.strip()).on_conflict_replace().execute()


def assessments(year: int) -> dict[int, tuple[str, str]]:
    rows = database.obj.execute_sql(
        'SELECT "volunteer_id", "grade", "note" FROM "assessment" WHERE "year" = ?', (year,))
    return {vid: (grade, note) for vid, grade, note in rows}
