"""Schema step 5 -> 6: the contests and honours wing (models/contests/tables.py): contests,
categories, prize levels, entries, judges, scores, honour lists and nominations.

Self-contained: create_contest_tables makes every table of the wing from literal SQL frozen at this
version, exactly what create_tables makes from those models (tests/test_db.py compares tables,
columns and indexes of a migrated file with a fresh one). If the ladder is renumbered, only the
MIGRATIONS key in models/datafile/db.py and the name migrate_5_to_6 move.
"""
from __future__ import annotations

import peewee as pw

CONTESTS_SQL: tuple[str, ...] = (
    'CREATE TABLE "contest" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER, "title" '
    'VARCHAR(255) NOT NULL, "who_may_enter" TEXT NOT NULL, "hand_in_place" VARCHAR(255) NOT '
    'NULL, "deadline" DATE, "method" VARCHAR(255) NOT NULL, "tie_rule" VARCHAR(255) NOT NULL, '
    '"issuer" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("plan_id") REFERENCES '
    '"plan" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "contest_plan_id" ON "contest" ("plan_id")',
    'CREATE TABLE "contest_category" ("id" INTEGER NOT NULL PRIMARY KEY, "contest_id" INTEGER '
    'NOT NULL, "position" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, FOREIGN KEY '
    '("contest_id") REFERENCES "contest" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "contest_category_contest_id" ON "contest_category" ("contest_id")',
    'CREATE TABLE "contest_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "contest_id" INTEGER NOT '
    'NULL, "category_id" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, "resident_id" INTEGER,'
    ' "name" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT '
    'NULL, "received" DATE NOT NULL, "received_by" VARCHAR(255) NOT NULL, "late" INTEGER NOT '
    'NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("contest_id") REFERENCES "contest" ("id") ON '
    'DELETE CASCADE, FOREIGN KEY ("category_id") REFERENCES "contest_category" ("id") ON DELETE'
    ' CASCADE, FOREIGN KEY ("resident_id") REFERENCES "resident" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "contest_entry_contest_id" ON "contest_entry" ("contest_id")',
    'CREATE INDEX "contest_entry_category_id" ON "contest_entry" ("category_id")',
    'CREATE INDEX "contest_entry_resident_id" ON "contest_entry" ("resident_id")',
    'CREATE UNIQUE INDEX "contest_entry_contest_id_code" ON "contest_entry" ("contest_id", '
    '"code")',
    'CREATE TABLE "honour_list" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER, "title" '
    'VARCHAR(255) NOT NULL, "year" INTEGER NOT NULL, "places" INTEGER, "issuer" VARCHAR(255) '
    'NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON '
    'DELETE SET NULL)',
    'CREATE INDEX "honour_list_plan_id" ON "honour_list" ("plan_id")',
    'CREATE TABLE "judge" ("id" INTEGER NOT NULL PRIMARY KEY, "contest_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "unit" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("contest_id") REFERENCES "contest" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "judge_contest_id" ON "judge" ("contest_id")',
    'CREATE TABLE "nomination" ("id" INTEGER NOT NULL PRIMARY KEY, "honour_list_id" INTEGER NOT'
    ' NULL, "resident_id" INTEGER, "name" VARCHAR(255) NOT NULL, "nominated_by" VARCHAR(255) '
    'NOT NULL, "deeds" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "review_note" TEXT NOT '
    'NULL, "reviewed" DATE, "position" INTEGER NOT NULL, FOREIGN KEY ("honour_list_id") '
    'REFERENCES "honour_list" ("id") ON DELETE CASCADE, FOREIGN KEY ("resident_id") REFERENCES '
    '"resident" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "nomination_honour_list_id" ON "nomination" ("honour_list_id")',
    'CREATE INDEX "nomination_resident_id" ON "nomination" ("resident_id")',
    'CREATE INDEX "nomination_status" ON "nomination" ("status")',
    'CREATE TABLE "prize_level" ("id" INTEGER NOT NULL PRIMARY KEY, "category_id" INTEGER NOT '
    'NULL, "position" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "places" INTEGER, FOREIGN'
    ' KEY ("category_id") REFERENCES "contest_category" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "prize_level_category_id" ON "prize_level" ("category_id")',
    'CREATE TABLE "score" ("entry_id" INTEGER NOT NULL, "judge_id" INTEGER NOT NULL, "value" '
    'VARCHAR(255) NOT NULL, PRIMARY KEY ("entry_id", "judge_id"), FOREIGN KEY ("entry_id") '
    'REFERENCES "contest_entry" ("id") ON DELETE CASCADE, FOREIGN KEY ("judge_id") REFERENCES '
    '"judge" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "score_entry_id" ON "score" ("entry_id")',
    'CREATE INDEX "score_judge_id" ON "score" ("judge_id")',
)


def create_contest_tables(db: pw.SqliteDatabase) -> None:
    for sql in CONTESTS_SQL:
        db.execute_sql(sql)


migrate_5_to_6 = create_contest_tables
