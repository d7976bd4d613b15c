"""Schema step 2 -> 3: sign-ups (signup, companion, signup_log).

Literal SQL frozen at version 3, exactly what create_tables makes from the models of that version
(tests/test_db.py compares tables, columns and indexes of a migrated file with a fresh one).
"""
from __future__ import annotations

import peewee as pw

V3_SQL: tuple[str, ...] = (
    'CREATE TABLE "signup" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, '
    '"resident_id" INTEGER, "name" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "status"'
    ' VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, "signed_up" DATETIME NOT NULL, '
    '"checked_in" DATETIME, "fee_paid_fen" INTEGER NOT NULL, "receipt_no" VARCHAR(255) NOT NULL, '
    '"notes" TEXT NOT NULL, "override_note" TEXT NOT NULL, "warnings" TEXT NOT NULL, "promoted" '
    'INTEGER NOT NULL, "walk_in" INTEGER NOT NULL, "name_initials" VARCHAR(255) NOT NULL, '
    '"phone_digits" VARCHAR(255) NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON '
    'DELETE CASCADE, FOREIGN KEY ("resident_id") REFERENCES "resident" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "signup_plan_id" ON "signup" ("plan_id")',
    'CREATE INDEX "signup_resident_id" ON "signup" ("resident_id")',
    'CREATE INDEX "signup_status" ON "signup" ("status")',
    'CREATE INDEX "signup_plan_id_position" ON "signup" ("plan_id", "position")',
    'CREATE INDEX "signup_plan_id_resident_id" ON "signup" ("plan_id", "resident_id")',
    'CREATE TABLE "companion" ("id" INTEGER NOT NULL PRIMARY KEY, "signup_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "relation" VARCHAR(255) NOT NULL,'
    ' "age" INTEGER, "phone" VARCHAR(255) NOT NULL, FOREIGN KEY ("signup_id") REFERENCES "signup"'
    ' ("id") ON DELETE CASCADE)',
    'CREATE INDEX "companion_signup_id" ON "companion" ("signup_id")',
    'CREATE TABLE "signup_log" ("id" INTEGER NOT NULL PRIMARY KEY, "signup_id" INTEGER NOT NULL, '
    '"from_status" VARCHAR(255) NOT NULL, "to_status" VARCHAR(255) NOT NULL, "time" DATETIME NOT '
    'NULL, "note" TEXT NOT NULL, FOREIGN KEY ("signup_id") REFERENCES "signup" ("id") ON DELETE '
    'CASCADE)',
    'CREATE INDEX "signup_log_signup_id" ON "signup_log" ("signup_id")',
)


def migrate_2_to_3(db: pw.SqliteDatabase) -> None:
    for sql in V3_SQL:
        db.execute_sql(sql)
