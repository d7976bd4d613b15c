"""Schema step 1 -> 2: the residents' register (residents, tags, their links, the search index).

Literal SQL frozen at version 2, exactly what create_tables makes from the models of that version
(tests/test_db.py compares tables, columns and indexes of a migrated file with a fresh one).
"""
from __future__ import annotations

import peewee as pw

V2_SQL: tuple[str, ...] = (
    'CREATE TABLE "resident" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
    '"gender" VARCHAR(255) NOT NULL, "birth" DATE, "id_number" VARCHAR(255), '
    '"phone" VARCHAR(255) NOT NULL, "building" VARCHAR(255) NOT NULL, '
    '"unit" VARCHAR(255) NOT NULL, '
    '"room" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, "household" VARCHAR(255) NOT NULL, '
    '"notes" TEXT NOT NULL, "deleted" INTEGER NOT NULL, "deleted_at" DATETIME, '
    '"created" DATETIME NOT NULL, "updated" DATETIME NOT NULL, '
    '"name_pinyin" VARCHAR(255) NOT NULL, '
    '"name_initials" VARCHAR(255) NOT NULL, "phone_digits" VARCHAR(255) NOT NULL, '
    '"stroke_key" VARCHAR(255) NOT NULL)',
    'CREATE INDEX "resident_name" ON "resident" ("name")',
    'CREATE INDEX "resident_birth" ON "resident" ("birth")',
    'CREATE UNIQUE INDEX "resident_id_number" ON "resident" ("id_number")',
    'CREATE INDEX "resident_building" ON "resident" ("building")',
    'CREATE INDEX "resident_name_pinyin" ON "resident" ("name_pinyin")',
    'CREATE INDEX "resident_name_initials" ON "resident" ("name_initials")',
    'CREATE INDEX "resident_stroke_key" ON "resident" ("stroke_key")',
    'CREATE TABLE "tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
    '"position" INTEGER NOT NULL, "builtin" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "tag_name" ON "tag" ("name")',
    'CREATE TABLE "resident_tag" ("resident_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, '
    'PRIMARY KEY ("resident_id", "tag_id"), '
    'FOREIGN KEY ("resident_id") REFERENCES "resident" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "resident_tag_tag_id" ON "resident_tag" ("tag_id")',
    'CREATE VIRTUAL TABLE "resident_fts" USING fts5 '
    '("search_text", detail=none, tokenize="trigram")',
)


def migrate_1_to_2(db: pw.SqliteDatabase) -> None:
    for sql in V2_SQL:
        db.execute_sql(sql)
