"""Schema step 8 -> 9: the relief wing (models/relief/tables.py): campaigns, categories with their
aid standards, phases, beneficiaries, objections, the audit log and the wing's settings (the
clerk's name).

Self-contained: create_relief_tables makes every table of the wing from literal SQL frozen at this
version, exactly what create_tables makes from those models (tests/test_db.py compares tables,
columns and indexes of a migrated file with a fresh one). If the ladder is renumbered, only the
MIGRATIONS key in models/datafile/db.py and the name migrate_8_to_9 move.
"""
from __future__ import annotations

import peewee as pw

RELIEF_SQL: tuple[str, ...] = (
    'CREATE TABLE "relief_beneficiary" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" '
    'INTEGER NOT NULL, "category_id" INTEGER NOT NULL, "resident_id" INTEGER, "name" '
    'VARCHAR(255) NOT NULL, "id_number" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL,'
    ' "building" VARCHAR(255) NOT NULL, "unit" VARCHAR(255) NOT NULL, "room" VARCHAR(255) NOT'
    ' NULL, "address" TEXT NOT NULL, "household" VARCHAR(255) NOT NULL, "household_size" '
    'INTEGER NOT NULL, "reason" TEXT NOT NULL, "amount_fen" INTEGER NOT NULL, "status" '
    'VARCHAR(255) NOT NULL, "status_date" DATE, "false_report" INTEGER NOT NULL, "locked" '
    'INTEGER NOT NULL, "created" DATETIME NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES '
    '"relief_campaign" ("id") ON DELETE CASCADE, FOREIGN KEY ("category_id") REFERENCES '
    '"relief_category" ("id") ON DELETE RESTRICT, FOREIGN KEY ("resident_id") REFERENCES '
    '"resident" ("id") ON DELETE SET NULL)',
    'CREATE TABLE "relief_campaign" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER, '
    '"title" VARCHAR(255) NOT NULL, "start" DATE NOT NULL, "end" DATE NOT NULL, "funds_fen" '
    'INTEGER NOT NULL, "funds_source" VARCHAR(255) NOT NULL, "issuer" VARCHAR(255) NOT NULL, '
    '"posting_start" DATE, "posting_days" INTEGER NOT NULL, "objection_contact" TEXT NOT '
    'NULL, "early_handover_reason" TEXT NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY '
    '("plan_id") REFERENCES "plan" ("id") ON DELETE SET NULL)',
    'CREATE TABLE "relief_category" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER'
    ' NOT NULL, "position" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "basis" '
    'VARCHAR(255) NOT NULL, "amount_fen" INTEGER NOT NULL, "goods" TEXT NOT NULL, FOREIGN KEY'
    ' ("campaign_id") REFERENCES "relief_campaign" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "relief_log" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER, '
    '"beneficiary_id" INTEGER, "at" DATETIME NOT NULL, "clerk" VARCHAR(255) NOT NULL, '
    '"subject" VARCHAR(255) NOT NULL, "what" VARCHAR(255) NOT NULL, "old" TEXT NOT NULL, '
    '"new" TEXT NOT NULL, "why" TEXT NOT NULL)',
    'CREATE TABLE "relief_objection" ("id" INTEGER NOT NULL PRIMARY KEY, "beneficiary_id" '
    'INTEGER NOT NULL, "received" DATE NOT NULL, "content" TEXT NOT NULL, "outcome" TEXT NOT '
    'NULL, "decided" DATE, FOREIGN KEY ("beneficiary_id") REFERENCES "relief_beneficiary" '
    '("id") ON DELETE CASCADE)',
    'CREATE TABLE "relief_phase" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER '
    'NOT NULL, "position" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "due" DATE NOT '
    'NULL, "who" VARCHAR(255) NOT NULL, "done" DATE, FOREIGN KEY ("campaign_id") REFERENCES '
    '"relief_campaign" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "relief_setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT'
    ' NULL)',
    'CREATE INDEX "relief_beneficiary_campaign_id" ON "relief_beneficiary" ("campaign_id")',
    'CREATE INDEX "relief_beneficiary_category_id" ON "relief_beneficiary" ("category_id")',
    'CREATE INDEX "relief_beneficiary_household" ON "relief_beneficiary" ("household")',
    'CREATE INDEX "relief_beneficiary_resident_id" ON "relief_beneficiary" ("resident_id")',
    'CREATE INDEX "relief_beneficiary_status" ON "relief_beneficiary" ("status")',
    'CREATE INDEX "relief_campaign_plan_id" ON "relief_campaign" ("plan_id")',
    'CREATE INDEX "relief_category_campaign_id" ON "relief_category" ("campaign_id")',
    'CREATE INDEX "relief_log_beneficiary_id" ON "relief_log" ("beneficiary_id")',
    'CREATE INDEX "relief_log_campaign_id" ON "relief_log" ("campaign_id")',
    'CREATE INDEX "relief_objection_beneficiary_id" ON "relief_objection" ("beneficiary_id")',
    'CREATE INDEX "relief_phase_campaign_id" ON "relief_phase" ("campaign_id")',
)


def create_relief_tables(db: pw.SqliteDatabase) -> None:
    for sql in RELIEF_SQL:
        db.execute_sql(sql)


migrate_8_to_9 = create_relief_tables
