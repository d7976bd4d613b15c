"""Schema step 3 -> 4: signup_kept, what the clean-up of old personal data keeps of a sign-up
(models/signups/retention.py).

Literal SQL frozen at version 4, exactly what create_tables makes from the models of that version
(tests/test_db.py compares tables, columns and indexes of a migrated file with a fresh one).
"""
from __future__ import annotations

import peewee as pw

V4_SQL: tuple[str, ...] = (
    'CREATE TABLE "signup_kept" ("signup_id" INTEGER NOT NULL PRIMARY KEY, "gender" VARCHAR(255) '
    'NOT NULL, "age_band" VARCHAR(255) NOT NULL, "building" VARCHAR(255) NOT NULL, "cleaned" DATE '
    'NOT NULL, FOREIGN KEY ("signup_id") REFERENCES "signup" ("id") ON DELETE CASCADE)',
)


def migrate_3_to_4(db: pw.SqliteDatabase) -> None:
    for sql in V4_SQL:
        db.execute_sql(sql)
