"""service_tally (schema 12) is kept by triggers: after every kind of write to service_hours and
service (through the wing's API, by hand-made SQL, cascades from deleting a service or a
volunteer, a rolled-back transaction, an upgrade from schema 11) it holds exactly what the GROUP
BY over the records gives, and the year's figures read from it equal the records'."""
from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from models.datafile.db import close_database, database, open_database
from models.volunteers.ledger import period_totals, year_figures
from models.volunteers.records import NewService, NewVolunteer, Served
from models.volunteers.rules import SERVICE, TRAINING
from models.volunteers.service import (
    add_volunteer,
    create_team,
    delete_service,
    record_service,
)

DATA = Path(__file__).parent / "data"

GROUP_BY = (
    "SELECT CAST(substr(s.day, 1, 4) AS INTEGER), s.kind, h.volunteer_id, COUNT(*), "
    "SUM(h.minutes) FROM service_hours h JOIN service s ON s.id = h.service_id "
    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
TALLY = ("SELECT year, kind, volunteer_id, times, minutes FROM service_tally "
         "ORDER BY 1, 2, 3")


def _tally(con: sqlite3.Connection | None = None) -> list[tuple]:
    if con is not None:
        return con.execute(TALLY).fetchall()
    return list(database.obj.execute_sql(TALLY).fetchall())


def _truth(con: sqlite3.Connection | None = None) -> list[tuple]:
    if con is not None:
        return con.execute(GROUP_BY).fetchall()
    return list(database.obj.execute_sql(GROUP_BY).fetchall())


def _corps(n: int = 6) -> tuple[list[int], list[int]]:
    teams = [create_team("巡逻队").id, create_team("宣讲队").id]
    people = [add_volunteer(NewVolunteer(name=f"志愿者{'甲乙丙丁戊己庚辛'[i]}",
                                         team_id=teams[i % 2], joined=date(2020, 1, 1))).id
              for i in range(n)]
    return teams, people


def test_tally_follows_every_kind_of_write(db_path: Path) -> None:
    teams, people = _corps()
    rng = random.Random(12)
    services: list[int] = []
    db = database.obj
    for step in range(160):
        action = rng.random()
        if action < 0.45 or not services:  # a service or training through the API
            day = date(2022, 1, 1) + timedelta(days=rng.randrange(5 * 365))
            who = rng.sample(people, rng.randint(1, len(people)))
            services.append(record_service(NewService(
                day=day, team_id=rng.choice([*teams, None]),
                people=[Served(v, rng.choice((30, 60, 95, 120))) for v in who],
                kind=rng.choice((SERVICE, SERVICE, TRAINING)), content="巡逻")).id)
        elif action < 0.55:  # deleted through the API (the hours go by the cascade)
            delete_service(services.pop(rng.randrange(len(services))))
        elif action < 0.65:  # moved to another year, or made training, by hand
            sid = rng.choice(services)
            db.execute_sql("UPDATE service SET day = ?, kind = ? WHERE id = ?", (
                (date(2022, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat(),
                rng.choice((SERVICE, TRAINING)), sid))
        elif action < 0.75:  # one person's minutes corrected
            row = db.execute_sql("SELECT service_id, volunteer_id FROM service_hours "
                                 "ORDER BY random() LIMIT 1").fetchone()
            if row:
                db.execute_sql("UPDATE service_hours SET minutes = ? WHERE service_id = ? "
                               "AND volunteer_id = ?", (rng.randint(1, 600), *row))
        elif action < 0.85:  # a line given to someone else, or to another service
            row = db.execute_sql("SELECT service_id, volunteer_id FROM service_hours "
                                 "ORDER BY random() LIMIT 1").fetchone()
            if row:
                db.execute_sql(
                    "UPDATE OR IGNORE service_hours SET volunteer_id = ?, service_id = ? "
                    "WHERE service_id = ? AND volunteer_id = ?",
                    (rng.choice(people), rng.choice(services), *row))
        elif action < 0.95:  # one line removed by hand
            db.execute_sql("DELETE FROM service_hours WHERE rowid IN "
                           "(SELECT rowid FROM service_hours ORDER BY random() LIMIT 1)")
        else:  # the service's own id unchanged, other columns edited: no effect on the sums
            db.execute_sql("UPDATE service SET place = '新地点', content = '改过' WHERE id = ?",
                           (rng.choice(services),))
        assert _tally() == _truth(), f"after step {step}"
    assert _truth(), "the test wrote something"
    assert all(times > 0 and minutes > 0 for *_k, times, minutes in _tally())


def test_deleting_a_volunteer_or_a_team_keeps_the_tally(db_path: Path) -> None:
    teams, people = _corps(4)
    for year in (2024, 2025):
        record_service(NewService(day=date(year, 5, 1), team_id=teams[0],
                                  people=[Served(v, 60) for v in people]))
    database.obj.execute_sql("DELETE FROM volunteer WHERE id = ?", (people[0],))
    database.obj.execute_sql("DELETE FROM volunteer_team WHERE id = ?", (teams[0],))
    assert _tally() == _truth()
    assert people[0] not in {vid for _y, _k, vid, *_ in _tally()}
    assert len(_tally()) == 2 * 3


def test_a_rolled_back_service_leaves_no_trace(db_path: Path) -> None:
    _teams, people = _corps(2)
    record_service(NewService(day=date(2026, 3, 1), team_id=None,
                              people=[Served(people[0], 60)]))
    before = _tally()
    with pytest.raises(RuntimeError), database.atomic():
        record_service(NewService(day=date(2026, 4, 1), team_id=None,
                                  people=[Served(v, 45) for v in people]))
        assert _tally() != before  # counted inside the transaction ...
        raise RuntimeError("断电")
    assert _tally() == before == _truth()  # ... and gone with it


def test_upgrade_from_schema_11_fills_the_tally(tmp_path: Path) -> None:
    old = tmp_path / "v11.db"
    shutil.copy(DATA / "schema_v11.db", old)
    con = sqlite3.connect(old)
    # More records than the saved file holds, across years and both kinds, written at schema 11.
    vid = [r[0] for r in con.execute("SELECT id FROM volunteer")]
    for n in range(30):
        sid = con.execute("INSERT INTO service (team_id, plan_id, day, kind, place, content, "
                          "notes) VALUES (NULL, NULL, ?, ?, '', '', '')",
                          (f"{2023 + n % 4}-0{1 + n % 9}-1{n % 10}",
                           TRAINING if n % 3 == 0 else SERVICE)).lastrowid
        con.executemany("INSERT INTO service_hours VALUES (?, ?, ?, '')",
                        [(sid, v, 30 + n) for v in vid[: 1 + n % len(vid)]])
    con.commit()
    truth = con.execute(GROUP_BY).fetchall()
    con.close()
    open_database(old)
    try:
        assert _tally() == truth
        assert len(truth) > 8
    finally:
        close_database()


def test_year_figures_from_the_tally_equal_the_records(db_path: Path) -> None:
    teams, people = _corps(5)
    rng = random.Random(7)
    for _ in range(60):
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        record_service(NewService(
            day=day, team_id=rng.choice(teams), kind=rng.choice((SERVICE, TRAINING)),
            people=[Served(v, rng.randint(10, 300)) for v in rng.sample(people, 3)]))
    db = database.obj
    for year in (2023, 2024, 2025, 2026):
        fig = year_figures(year, today=date(year, 12, 31), with_honours=False)
        for t in fig.teams:
            for m in t.members:
                vid = m.volunteer.id
                times, minutes, _ = period_totals(vid, date(year, 1, 1), date(year, 12, 31))
                assert (m.times, m.minutes) == (times, minutes)
                t_times, t_minutes = db.execute_sql(
                    "SELECT COUNT(*), COALESCE(SUM(h.minutes), 0) FROM service_hours h "
                    "JOIN service s ON s.id = h.service_id WHERE h.volunteer_id = ? "
                    "AND s.kind = ? AND s.day BETWEEN ? AND ?",
                    (vid, TRAINING, f"{year}-01-01", f"{year}-12-31")).fetchone()
                assert (m.training_times, m.training_minutes) == (t_times, t_minutes)
                all_years = period_totals(vid, date(2000, 1, 1), date(year, 12, 31))[1]
                assert m.total_minutes == all_years
