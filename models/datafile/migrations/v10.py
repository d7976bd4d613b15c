"""Schema step 9 -> 10: households (户) and who is still here (models/residents/tables.py).

A household table (address, 户号, notes) with its tags (household_tag), and on each resident: the
household it belongs to, the relationship to the head (户主 for the head), the status (在册, 迁出,
死亡) and the day of leaving. Every resident of an older file is 在册 and in no household. An
import_log keeps what each roster import did, so the last one can be undone.

Self-contained: literal SQL frozen at this version, exactly what create_tables makes from the
models (tests/test_db.py compares tables, columns and indexes of a migrated file with a fresh
one). ALTER TABLE ADD COLUMN needs a default for a NOT NULL column; the comparison looks at names,
types and NOT NULL only. If the ladder is renumbered, only the MIGRATIONS key in
models/datafile/db.py and the name migrate_9_to_10 move.
"""
from __future__ import annotations

import peewee as pw

HOUSEHOLDS_SQL: tuple[str, ...] = (
    'CREATE TABLE "household" ("id" INTEGER NOT NULL PRIMARY KEY, "building" VARCHAR(255) NOT '
    'NULL, "unit" VARCHAR(255) NOT NULL, "room" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, '
    '"number" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, "created" DATETIME NOT NULL)',
    'CREATE INDEX "household_building" ON "household" ("building")',
    'CREATE TABLE "household_tag" ("household_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, '
    'PRIMARY KEY ("household_id", "tag_id"), FOREIGN KEY ("household_id") REFERENCES '
    '"household" ("id") ON DELETE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON '
    'DELETE CASCADE)',
    'CREATE INDEX "household_tag_tag_id" ON "household_tag" ("tag_id")',
    'ALTER TABLE "resident" ADD COLUMN "household_id" INTEGER',
    'ALTER TABLE "resident" ADD COLUMN "relation" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "resident" ADD COLUMN "status" VARCHAR(255) NOT NULL DEFAULT \'在册\'',
    'ALTER TABLE "resident" ADD COLUMN "left_on" DATE',
    'CREATE INDEX "resident_household_id" ON "resident" ("household_id")',
    'CREATE INDEX "resident_status" ON "resident" ("status")',
    'CREATE TABLE "import_log" ("id" INTEGER NOT NULL PRIMARY KEY, "source" TEXT NOT NULL, '
    '"made" DATETIME NOT NULL, "summary" TEXT NOT NULL, "undo" TEXT NOT NULL, "undone" DATETIME)',
)


def create_household_tables(db: pw.SqliteDatabase) -> None:
    for sql in HOUSEHOLDS_SQL:
        db.execute_sql(sql)


migrate_9_to_10 = create_household_tables
