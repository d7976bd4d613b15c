"""Demo volunteers after the party-member corps of the seed (篇4): four teams, about sixty
volunteers (some of them residents of the register, linked), services and training from the
start of last year to today, in which some members fall short of ten a year and one team misses
a month; assessments for last year.

Used by `main.py demo` (ui/cli/demo_cmd.py). Deterministic for a given today.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from models.datafile.db import database
from models.residents.demo import GIVEN, PREFIXES, SURNAMES
from models.volunteers.ledger import year_figures
from models.volunteers.records import NewService, NewVolunteer, Served
from models.volunteers.rules import ACTIVE, PAUSED, SERVICE, TRAINING, hours_text
from models.volunteers.service import (
    add_volunteer,
    create_team,
    list_teams,
    list_volunteers,
    record_service,
    set_assessment,
    set_status,
)

TEAMS = (
    ("政策宣传服务队", "政策宣传", "社区党员活动室", ("政策宣讲进楼道", "防诈骗知识宣传",
                                             "垃圾分类政策宣传", "医保政策咨询")),
    ("环境整治服务队", "环境整治", "社区服务中心一楼", ("小区楼道清理", "河道周边捡拾垃圾",
                                              "清理小广告", "绿地补种")),
    ("关爱帮扶服务队", "关爱帮扶", "社区日间照料中心", ("看望独居老人", "为困难家庭送米面油",
                                              "陪老人就医", "为老人理发")),
    ("平安巡逻服务队", "平安巡逻", "社区警务室", ("夜间平安巡逻", "消防安全检查",
                                          "节日治安巡逻", "电动车充电隐患排查")),
)
LEADERS = ("王建国", "李秀英", "张志红", "刘海平")
UNITS = ("社区第一党支部", "社区第二党支部", "在职党员（区教育局）", "在职党员（区卫健局）",
         "退休党员支部")
SKILLS = ("宣讲", "摄影", "理发", "电工", "医护", "书法", "法律咨询", "驾驶", "")
PLACES = ("社区广场", "社区党群服务中心", "各小区", "沿河步道", "社区日间照料中心")
# Eligibility as the seed states it: party members and mature activists.
ELIGIBLE = "中共党员、预备党员、入党积极分子"


@dataclass
class DemoVolunteersSummary:
    teams: int
    volunteers: int
    linked: int
    services: int
    trainings: int


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _residents(n: int) -> list[int]:
    """Residents to link: two honoured ones first (their honours then show in the ledger), then
    the register's first."""
    from models.contests.service import list_honour_lists
    from models.residents.service import ResidentQuery, resident_ids

    honoured = [n.resident_id for h in list_honour_lists() for n in h.approved
                if n.resident_id is not None][:2]
    rest = [r for r in resident_ids(ResidentQuery())[:n] if r not in honoured]
    return (honoured + rest)[:n]


def make_demo_volunteers(today: date | None = None, seed: int = 16) -> DemoVolunteersSummary | None:
    """Adds the corps; None when the file already has volunteer teams (nothing added)."""
    today = today or date.today()
    rng = random.Random(seed)
    if list_teams():
        return None
    start = date(today.year - 1, 1, 1)
    services = trainings = 0
    with database.atomic():
        teams = [create_team(name, kind, leader, office, ELIGIBLE, start)
                 for (name, kind, office, _), leader in zip(TEAMS, LEADERS, strict=True)]
        linked = _residents(15)
        count = 0
        for i in range(60):
            team = teams[i % 4]
            joined = start if i < 48 else start + timedelta(days=rng.randrange(200, 600))
            joined = min(joined, today)
            political = "中共党员" if i % 9 else rng.choice(("预备党员", "入党积极分子"))
            if i == 13:
                political = "群众"  # shown as not meeting the team's rule, never filtered out
            rid = linked[i] if i < len(linked) else None
            birth = date(rng.randint(1955, 1998), rng.randint(1, 12), rng.randint(1, 28))
            add_volunteer(NewVolunteer(
                name=_name(rng), resident_id=rid, team_id=team.id, gender=rng.choice("男女"),
                birth=None if rid else birth,
                phone="" if rid else rng.choice(PREFIXES) + f"{rng.randrange(10**8):08d}",
                political=political, unit=rng.choice(UNITS), skills=rng.choice(SKILLS),
                wanted=team.kind, available=rng.choice(("周末", "工作日晚上", "随时")),
                joined=joined))
            count += 1
        people = list_volunteers()
        paused = people[7]
        set_status(paused.id, PAUSED, date(today.year, 5, 1) if today.month > 5 else today)
        if today.month > 9:
            set_status(paused.id, ACTIVE, date(today.year, 9, 1))
        # How keen each member is: a few serve rarely and fall short of ten a year.
        keen = {v.id: (0.25 if n % 7 == 3 else rng.uniform(0.55, 0.95)) for n, v in
                enumerate(people)}
        day = start
        while day <= today:
            for t, (_, _, _, works) in zip(teams, TEAMS, strict=True):
                # The environment team misses one month in each year, to show the check.
                if t.name.startswith("环境") and day.month == 8:
                    continue
                for _ in range(rng.choice((1, 2, 2, 3))):
                    when = min(day + timedelta(days=rng.randrange(0, 27)), today)
                    members = [v for v in list_volunteers(t.id, today=when)
                               if v.status == ACTIVE and v.joined <= when]
                    served = [Served(v.id, rng.choice((60, 90, 120, 120, 150, 180, 100, 45)))
                              for v in members if rng.random() < keen[v.id]]
                    if not served:
                        continue
                    served[0].role = "带队"
                    record_service(NewService(when, t.id, served, SERVICE, rng.choice(PLACES),
                                              rng.choice(works)))
                    services += 1
            if day.month in (3, 9) and day + timedelta(days=10) <= today:
                members = [v for v in list_volunteers(today=day)
                           if v.status == ACTIVE and v.joined <= day]
                record_service(NewService(
                    day + timedelta(days=10), None,
                    [Served(v.id, 120) for v in members if rng.random() < 0.8], TRAINING,
                    "社区党群服务中心", "党员志愿者专题培训：服务技能与安全"))
                trainings += 1
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        # Last year's assessment, from its figures: the grade rests on them.
        for year_team in year_figures(start.year, with_honours=False).teams:
            for m in year_team.members:
                grade = "优秀" if m.check.done >= 2 * m.check.owed else \
                    "合格" if m.check.met else "不合格"
                set_assessment(m.volunteer.id, start.year, grade,
                               f"全年服务 {m.times} 次，{hours_text(m.minutes)}")
    return DemoVolunteersSummary(len(teams), count, len(linked), services, trainings)
