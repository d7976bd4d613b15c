"""Schema step 6 -> 7: the feedback wing (models/feedback/tables.py): feedback questions,
responses and answers, and the summary's photos and outline.

Self-contained: create_feedback_tables makes every table of the wing from literal SQL frozen at
this version, exactly what create_tables makes from those models (tests/test_db.py compares tables,
columns and indexes of a migrated file with a fresh one). If the ladder is renumbered, only the
MIGRATIONS key in models/datafile/db.py and the name migrate_6_to_7 move.
"""
from __future__ import annotations

import peewee as pw

FEEDBACK_SQL: tuple[str, ...] = (
    'CREATE TABLE "feedback_question" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT '
    'NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, "kind" VARCHAR(255) NOT NULL, '
    '"options" TEXT NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE '
    'CASCADE)',
    'CREATE INDEX "feedback_question_plan_id" ON "feedback_question" ("plan_id")',
    'CREATE TABLE "feedback_response" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT '
    'NULL, "number" INTEGER NOT NULL, "entered" DATETIME NOT NULL, FOREIGN KEY ("plan_id") '
    'REFERENCES "plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "feedback_response_plan_id" ON "feedback_response" ("plan_id")',
    'CREATE UNIQUE INDEX "feedback_response_plan_id_number" ON "feedback_response" ("plan_id", '
    '"number")',
    'CREATE TABLE "feedback_answer" ("response_id" INTEGER NOT NULL, "question_id" INTEGER NOT '
    'NULL, "value" TEXT NOT NULL, PRIMARY KEY ("response_id", "question_id"), FOREIGN KEY '
    '("response_id") REFERENCES "feedback_response" ("id") ON DELETE CASCADE, FOREIGN KEY '
    '("question_id") REFERENCES "feedback_question" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "feedback_answer_question_id" ON "feedback_answer" ("question_id")',
    'CREATE INDEX "feedback_answer_response_id" ON "feedback_answer" ("response_id")',
    'CREATE TABLE "summary_photo" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL,'
    ' "position" INTEGER NOT NULL, "caption" TEXT NOT NULL, "data" BLOB NOT NULL, FOREIGN KEY '
    '("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "summary_photo_plan_id" ON "summary_photo" ("plan_id")',
    'CREATE TABLE "summary_section" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT '
    'NULL, "position" INTEGER NOT NULL, "key" VARCHAR(255) NOT NULL, "heading" TEXT NOT NULL, '
    '"level" INTEGER NOT NULL, "hidden" INTEGER NOT NULL, "form" VARCHAR(255) NOT NULL, "text" '
    'TEXT NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "summary_section_plan_id" ON "summary_section" ("plan_id")',
)


def create_feedback_tables(db: pw.SqliteDatabase) -> None:
    for sql in FEEDBACK_SQL:
        db.execute_sql(sql)


migrate_6_to_7 = create_feedback_tables
