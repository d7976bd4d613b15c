"""Schema step 7 -> 8: the register of certificates issued (models/contests/tables.Certificate:
number, kind, the entry or nomination it was printed for, name, text, issuer, date, who printed
it) and a contest's full marks (contest.full_marks, NULL in files from before: any score of 0 or
more is taken, as before).

Self-contained literal SQL frozen at this version. If the ladder is renumbered, only the
MIGRATIONS key in models/datafile/db.py and the name migrate_7_to_8 move.
"""
from __future__ import annotations

import peewee as pw

REGISTER_SQL: tuple[str, ...] = (
    'ALTER TABLE "contest" ADD COLUMN "full_marks" INTEGER',
    'CREATE TABLE "certificate" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(255) NOT '
    'NULL, "kind" VARCHAR(255) NOT NULL, "entry_id" INTEGER, "nomination_id" INTEGER, "name" '
    'VARCHAR(255) NOT NULL, "body" TEXT NOT NULL, "issuer" VARCHAR(255) NOT NULL, "issued" DATE '
    'NOT NULL, "issued_by" VARCHAR(255) NOT NULL, "printed" INTEGER NOT NULL, FOREIGN KEY '
    '("entry_id") REFERENCES "contest_entry" ("id") ON DELETE SET NULL, FOREIGN KEY '
    '("nomination_id") REFERENCES "nomination" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "certificate_number" ON "certificate" ("number")',
    'CREATE UNIQUE INDEX "certificate_entry_id" ON "certificate" ("entry_id")',
    'CREATE UNIQUE INDEX "certificate_nomination_id" ON "certificate" ("nomination_id")',
)


def migrate_7_to_8(db: pw.SqliteDatabase) -> None:
    for sql in REGISTER_SQL:
        db.execute_sql(sql)
