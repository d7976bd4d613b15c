"""The year's figures behind the ledger (台帐), the minimums view and `volunteers --json`: per
team its services month by month and the months short of the rule; per member the times and
minutes served, training attended, the check against the rule with its reason, honours (from
models/contests), the assessment and the star level. Sums are of whole minutes, so exact.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import cast

from models.common.errors import UserError
from models.datafile.db import database
from models.volunteers.records import Rule, ServiceRecord, TeamRecord, VolunteerRecord
from models.volunteers.roster import ALL, TEAM, read_volunteers, roster_order
from models.volunteers.rules import (
    HOURS,
    SERVICE,
    TRAINING,
    MemberCheck,
    active_days,
    active_months,
    eligibility_problem,
    member_check,
    stars,
    team_month_reasons,
)
from models.volunteers.service import (
    assessments,
    list_services,
    list_teams,
    rules_for,
)
from models.volunteers.tables import Service, ServiceHours


@dataclass
class MemberYear:
    volunteer: VolunteerRecord
    times: int  # services (not training)
    minutes: int
    training_times: int
    training_minutes: int
    check: MemberCheck
    total_minutes: int  # every service up to the year's end, for the star level
    honours: list[str] = field(default_factory=list)
    grade: str = ""
    grade_note: str = ""
    eligibility: str = ""  # why the member does not meet the team's rule, "" when they do

    @property
    def stars(self) -> int:
        return stars(self.total_minutes)


@dataclass
class TeamYear:
    team: TeamRecord | None  # None: services and people of no team
    rule: Rule
    month_counts: dict[int, int]
    months_held: list[int]
    month_reasons: list[str]
    services: list[ServiceRecord]
    members: list[MemberYear]

    @property
    def name(self) -> str:
        return self.team.name if self.team else "（未分队）"


@dataclass
class YearFigures:
    year: int
    as_of: date
    teams: list[TeamYear]

    def member(self, volunteer_id: int) -> MemberYear | None:
        for t in self.teams:
            for m in t.members:
                if m.volunteer.id == volunteer_id:
                    return m
        return None


def check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise UserError(f"年份 {year} 不合理（应在 2000 到 2100 之间）。")


def _sums(year: int) -> tuple[dict[tuple[int, str], tuple[int, int]], dict[int, int]]:
    """(volunteer, kind) -> (times, minutes) in the year, and volunteer -> minutes of service
    (not training) up to the year's end, for the star level: from service_tally, the sums the
    data file keeps by trigger (models/datafile/migrations/v12.py), so five years of records
    cost what one year's do. Read through the bare cursor: whole numbers and text need no
    conversion."""
    db = database.obj
    rows = cast("Iterable[tuple[int, str, int, int]]", db.execute_sql(
        'SELECT "volunteer_id", "kind", "times", "minutes" FROM "service_tally" '
        'WHERE "year" = ?', (year,)))
    totals = cast("Iterable[tuple[int, int]]", db.execute_sql(
        'SELECT "volunteer_id", SUM("minutes") FROM "service_tally" '
        'WHERE "year" <= ? AND "kind" = ? GROUP BY "volunteer_id"', (year, SERVICE)))
    return {(vid, kind): (n, m) for vid, kind, n, m in rows}, dict(totals)


def period_totals(volunteer_id: int, start: date, end: date) -> tuple[int, int, list[str]]:
    """A volunteer's services (not training) from start to end: times, minutes, and what was
    done (each distinct content once, in order of first service). The certificate's figures."""
    if end < start:
        raise UserError("结束日期早于开始日期。")
    with database.atomic():
        q = (ServiceHours.select(ServiceHours.minutes, Service.content).join(Service)
             .where((ServiceHours.volunteer == volunteer_id) & (Service.kind == SERVICE)
                    & (Service.day >= start) & (Service.day <= end))
             .order_by(Service.day, Service.id))
        times = minutes = 0
        contents: list[str] = []
        for m, content in cast("Iterable[tuple[int, str]]", q.tuples()):
            times += 1
            minutes += m
            if content and content not in contents:
                contents.append(content)
    return times, minutes, contents


def _honours(people: list[VolunteerRecord], year: int) -> dict[int, list[str]]:
    """Each volunteer's honours up to the year, read for everyone at once (one lookup a person
    was most of the ledger's time)."""
    from models.contests.service import people_honours

    keys = {v.id: (v.resident_id, v.name) for v in people
            if v.resident_id is not None or v.name.strip()}
    found = people_honours(list(keys.values()))
    return {vid: [f"{h.year}年 {h.title}" + (f"（{h.level}）" if h.level != h.title else "")
                  for h in found[(r, "" if r is not None else n.strip())] if h.year <= year]
            for vid, (r, n) in keys.items()}


def volunteer_honours(v: VolunteerRecord, year: int) -> list[str]:
    """One volunteer's honours up to the year, as the ledger shows them."""
    return _honours([v], year).get(v.id, [])


def _as_of(year: int, today: date | None) -> date:
    today = today or date.today()
    return min(max(today, date(year, 1, 1)), date(year, 12, 31))


def _month_counts(start: date, end: date) -> dict[tuple[int | None, int], int]:
    """(team, month) -> services (not training) in the period, one GROUP BY."""
    rows = cast("Iterable[tuple[int | None, str, int]]", database.obj.execute_sql(
        'SELECT "team_id", strftime(\'%m\', "day"), COUNT(*) FROM "service" '
        'WHERE "day" >= ? AND "day" <= ? AND "kind" = ? GROUP BY 1, 2',
        (start.isoformat(), end.isoformat(), SERVICE)))
    return {(t, int(m)): n for t, m, n in rows}


def year_figures(year: int, team_id: int | None = None, *, today: date | None = None,
                 with_honours: bool = True, with_services: bool = True) -> YearFigures:
    """with_services False leaves each team's services list empty (the minimums alone)."""
    check_year(year)
    as_of = _as_of(year, today)
    start, end = date(year, 1, 1), date(year, 12, 31)
    with database.atomic():
        teams = [t for t in list_teams() if team_id is None or t.id == team_id]
        if team_id is not None and not teams:
            raise UserError(f"找不到编号为 {team_id} 的服务队。")
        found = read_volunteers(ALL, None, as_of) if team_id is None \
            else read_volunteers(TEAM, team_id, as_of)
        people = sorted((v for v in found
                         if v.joined <= end and (v.left is None or v.left > start)),
                        key=roster_order)
        services = list_services(year, team_id) if with_services else []
        month_counts = _month_counts(start, end)
        sums, totals = _sums(year)
        grades = assessments(year)
        honours = _honours(people, year) if with_honours else {}
        rules = rules_for([*(t.id for t in teams), None])
        by_team: dict[int | None, list[VolunteerRecord]] = {}
        for v in people:
            by_team.setdefault(v.team_id, []).append(v)
        groups: list[TeamRecord | None] = [*teams]
        if team_id is None and None in by_team:
            groups.append(None)
        out = []
        for t in groups:
            tid = t.id if t else None
            rule = rules[tid]
            mine = [s for s in services if s.team_id == tid]
            counts = {m: n for (t_id, m), n in month_counts.items() if t_id == tid}
            held = [m for m in range(1, 13) if _month_end(year, m) <= as_of
                    and (t is None or t.founded is None or _month_end(year, m) >= t.founded)]
            reasons = team_month_reasons(counts, rule.team_per_month, held) if t else []
            members = [_member(v, year, as_of, rule, sums, totals, grades, honours)
                       for v in by_team.get(tid, [])]
            if t is not None and t.eligible.strip():
                for m in members:
                    m.eligibility = eligibility_problem(t.eligible, m.volunteer.political)
            out.append(TeamYear(t, rule, counts, held, reasons, mine, members))
    return YearFigures(year, as_of, out)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


NONE = (0, 0)  # times and minutes of a kind not served


def _member(v: VolunteerRecord, year: int, as_of: date, rule: Rule,
            sums: dict[tuple[int, str], tuple[int, int]], totals: dict[int, int],
            grades: dict[int, tuple[str, str]], honours: dict[int, list[str]]) -> MemberYear:
    times, minutes = sums.get((v.id, SERVICE), NONE)
    t_times, t_minutes = sums.get((v.id, TRAINING), NONE)
    months = len(active_months(year, v.joined, v.left, v.pauses))
    start, end = date(year, 1, 1), date(year, 12, 31)
    total = active_days(start, end, v.joined, v.left, v.pauses)
    elapsed = total if as_of >= end else active_days(start, as_of, v.joined, v.left, v.pauses)
    done_times = times + (t_times if rule.training_counts else 0)
    done_minutes = minutes + (t_minutes if rule.training_counts else 0)
    done = done_minutes if rule.measure == HOURS else done_times
    check = member_check(done, rule.member_per_year, rule.measure, months, elapsed, total)
    grade, note = grades.get(v.id, ("", ""))
    return MemberYear(v, times, minutes, t_times, t_minutes, check, totals.get(v.id, 0),
                      honours.get(v.id, []), grade, note)
