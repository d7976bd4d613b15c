"""Reading volunteers into plain records: one select with the resident (for the name, phone, sex,
birth and ID that show through a link) and the team, and every pause.

The year's figures read all volunteers on every change of year or team in the minimums view, so
the select is compiled once per shape (all, one team, one volunteer) and its rows converted by
hand: building the query each time, and the dates through the model field, were most of the cost
(bench/bench_volunteers.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

import peewee as pw

from models.datafile.db import database
from models.residents.tables import Resident
from models.volunteers.records import VolunteerRecord
from models.volunteers.rules import ACTIVE, LEFT, PAUSED
from models.volunteers.tables import Volunteer, VolunteerPause, VolunteerTeam

_COLUMNS = (Volunteer.id, Volunteer.number, Volunteer.name, Volunteer.phone, Volunteer.resident,
            Volunteer.team, Volunteer.gender, Volunteer.birth, Volunteer.id_number,
            Volunteer.political, Volunteer.unit, Volunteer.skills, Volunteer.wanted,
            Volunteer.available, Volunteer.joined, Volunteer.left, Volunteer.notes,
            VolunteerTeam.name, Resident.id, Resident.name, Resident.phone, Resident.gender,
            Resident.birth, Resident.id_number)

ALL, TEAM, ONE = "all", "team", "one"


@cache
def _select_sql(shape: str) -> str:
    """The select for every volunteer (ALL), a team's (TEAM: one parameter, the team's id) or
    one (ONE: the volunteer's id)."""
    q = (Volunteer.select(*_COLUMNS)
         .join(Resident, pw.JOIN.LEFT_OUTER, on=(Volunteer.resident == Resident.id))
         .switch(Volunteer)
         .join(VolunteerTeam, pw.JOIN.LEFT_OUTER, on=(Volunteer.team == VolunteerTeam.id)))
    if shape == TEAM:
        q = q.where(Volunteer.team == 0)  # 0 stands for the parameter given when run
    elif shape == ONE:
        q = q.where(Volunteer.id == 0)
    sql: str = q.sql()[0]
    return sql


def _day(value: str | None) -> date | None:
    """A date column as the model's date field stores it (ISO text)."""
    return date.fromisoformat(value) if value else None


def status_on(left: date | None, pauses: Sequence[tuple[date, date | None]], today: date,
              ) -> str:
    if left is not None and left <= today:
        return LEFT
    if any(s <= today and (e is None or today < e) for s, e in pauses):
        return PAUSED
    return ACTIVE


def roster_order(v: VolunteerRecord) -> tuple[int, str]:
    """The order volunteers are listed in: by team, then by volunteer number."""
    return v.team_id or 0, v.number


def read_volunteers(shape: str = ALL, key: int | None = None, today: date | None = None,
                    ) -> list[VolunteerRecord]:
    """Volunteers as records, in no particular order (key: the team's or the volunteer's id)."""
    today = today or date.today()
    db = database.obj
    rows = db.execute_sql(_select_sql(shape), () if shape == ALL else (key,)).fetchall()
    # Pauses are few: all of them when reading everyone, else those of the volunteers read.
    if shape == ALL:
        found = db.execute_sql('SELECT "volunteer_id", "start", "end" FROM "volunteer_pause" '
                               'ORDER BY "start"')
    else:
        sql, params = (VolunteerPause.select(VolunteerPause.volunteer, VolunteerPause.start,
                                             VolunteerPause.end)
                       .where(VolunteerPause.volunteer.in_([r[0] for r in rows]))
                       .order_by(VolunteerPause.start).sql())
        found = db.execute_sql(sql, params)
    pauses: dict[int, list[tuple[date, date | None]]] = {}
    for vid, start, end in found:
        pauses.setdefault(vid, []).append((date.fromisoformat(start), _day(end)))
    out = []
    for (vid, number, name, phone, resident_id, team_id, gender, birth, id_number, political,
         unit, skills, wanted, available, joined, left, notes, team, r_id, r_name, r_phone,
         r_gender, r_birth, r_id_number) in rows:
        linked = resident_id is not None and r_id is not None
        mine = pauses.get(vid, [])
        left_on = _day(left)
        out.append(VolunteerRecord(
            id=vid, number=number, name=r_name if linked else name,
            phone=r_phone if linked else phone, resident_id=resident_id, team_id=team_id,
            team=team or "", gender=r_gender if linked else gender,
            birth=_day(r_birth if linked else birth),
            id_number=(r_id_number or "") if linked else (id_number or ""),
            political=political, unit=unit, skills=skills, wanted=wanted,
            available=available, joined=date.fromisoformat(joined), left=left_on,
            status=status_on(left_on, mine, today), pauses=mine, notes=notes))
    return out
