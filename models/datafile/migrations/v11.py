"""Schema step 10 -> 11: the volunteers wing (models/volunteers/tables.py): teams, volunteers and
their pauses, services with each person's minutes, the minimum rules, assessments and the register
of service record certificates.

Self-contained: create_volunteer_tables makes every table of the wing from literal SQL frozen at
this version, exactly what create_tables makes from those models (tests/test_db.py compares a
migrated file with a fresh one). If the ladder is renumbered, only the MIGRATIONS key in
models/datafile/db.py and the name migrate_10_to_11 move.
"""
from __future__ import annotations

import peewee as pw

VOLUNTEERS_SQL: tuple[str, ...] = (
    'CREATE TABLE "volunteer_team" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NO'
    'T NULL, "kind" VARCHAR(255) NOT NULL, "leader" VARCHAR(255) NOT NULL, "office" VARCHAR(2'
    '55) NOT NULL, "eligible" VARCHAR(255) NOT NULL, "founded" DATE, "position" INTEGER NOT N'
    'ULL, "notes" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "volunteer_team_name" ON "volunteer_team" ("name")',
    'CREATE TABLE "volunteer" ("id" INTEGER NOT NULL PRIMARY KEY, "resident_id" INTEGER, "tea'
    'm_id" INTEGER, "number" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "phone" VAR'
    'CHAR(255) NOT NULL, "gender" VARCHAR(255) NOT NULL, "birth" DATE, "id_number" VARCHAR(25'
    '5), "political" VARCHAR(255) NOT NULL, "unit" VARCHAR(255) NOT NULL, "skills" VARCHAR(25'
    '5) NOT NULL, "wanted" VARCHAR(255) NOT NULL, "available" VARCHAR(255) NOT NULL, "joined"'
    ' DATE NOT NULL, "left" DATE, "notes" TEXT NOT NULL, FOREIGN KEY ("resident_id") REFERENC'
    'ES "resident" ("id") ON DELETE SET NULL, FOREIGN KEY ("team_id") REFERENCES "volunteer_t'
    'eam" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "volunteer_resident_id" ON "volunteer" ("resident_id")',
    'CREATE INDEX "volunteer_team_id" ON "volunteer" ("team_id")',
    'CREATE UNIQUE INDEX "volunteer_number" ON "volunteer" ("number")',
    'CREATE TABLE "assessment" ("volunteer_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "gr'
    'ade" VARCHAR(255) NOT NULL, "note" TEXT NOT NULL, PRIMARY KEY ("volunteer_id", "year"), '
    'FOREIGN KEY ("volunteer_id") REFERENCES "volunteer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "assessment_volunteer_id" ON "assessment" ("volunteer_id")',
    'CREATE TABLE "service" ("id" INTEGER NOT NULL PRIMARY KEY, "team_id" INTEGER, "plan_id" '
    'INTEGER, "day" DATE NOT NULL, "kind" VARCHAR(255) NOT NULL, "place" VARCHAR(255) NOT NUL'
    'L, "content" TEXT NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("team_id") REFERENCES "v'
    'olunteer_team" ("id") ON DELETE SET NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id'
    '") ON DELETE SET NULL)',
    'CREATE INDEX "service_team_id" ON "service" ("team_id")',
    'CREATE INDEX "service_plan_id" ON "service" ("plan_id")',
    'CREATE INDEX "service_day" ON "service" ("day")',
    'CREATE TABLE "service_certificate" ("id" INTEGER NOT NULL PRIMARY KEY, "volunteer_id" IN'
    'TEGER NOT NULL, "number" VARCHAR(255) NOT NULL, "start" DATE NOT NULL, "end" DATE NOT NU'
    'LL, "minutes" INTEGER NOT NULL, "services" INTEGER NOT NULL, "content" TEXT NOT NULL, "i'
    'ssuer" VARCHAR(255) NOT NULL, "person_in_charge" VARCHAR(255) NOT NULL, "handler" VARCHA'
    'R(255) NOT NULL, "contact" VARCHAR(255) NOT NULL, "issued" DATE NOT NULL, "notes" TEXT N'
    'OT NULL, FOREIGN KEY ("volunteer_id") REFERENCES "volunteer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "service_certificate_volunteer_id" ON "service_certificate" ("volunteer_id"'
    ')',
    'CREATE UNIQUE INDEX "service_certificate_number" ON "service_certificate" ("number")',
    'CREATE TABLE "service_hours" ("service_id" INTEGER NOT NULL, "volunteer_id" INTEGER NOT '
    'NULL, "minutes" INTEGER NOT NULL, "role" VARCHAR(255) NOT NULL, PRIMARY KEY ("service_id'
    '", "volunteer_id"), FOREIGN KEY ("service_id") REFERENCES "service" ("id") ON DELETE CAS'
    'CADE, FOREIGN KEY ("volunteer_id") REFERENCES "volunteer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "service_hours_service_id" ON "service_hours" ("service_id")',
    'CREATE INDEX "service_hours_volunteer_id" ON "service_hours" ("volunteer_id")',
    'CREATE TABLE "volunteer_pause" ("id" INTEGER NOT NULL PRIMARY KEY, "volunteer_id" INTEGE'
    'R NOT NULL, "start" DATE NOT NULL, "end" DATE, FOREIGN KEY ("volunteer_id") REFERENCES "'
    'volunteer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "volunteer_pause_volunteer_id" ON "volunteer_pause" ("volunteer_id")',
    'CREATE TABLE "volunteer_rule" ("id" INTEGER NOT NULL PRIMARY KEY, "team_id" INTEGER, "te'
    'am_per_month" INTEGER NOT NULL, "member_per_year" INTEGER NOT NULL, "measure" VARCHAR(25'
    '5) NOT NULL, "training_counts" INTEGER NOT NULL, FOREIGN KEY ("team_id") REFERENCES "vol'
    'unteer_team" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "volunteer_rule_team_id" ON "volunteer_rule" ("team_id")',
)


def create_volunteer_tables(db: pw.SqliteDatabase) -> None:
    for sql in VOLUNTEERS_SQL:
        db.execute_sql(sql)


migrate_10_to_11 = create_volunteer_tables
