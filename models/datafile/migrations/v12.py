"""Schema step 11 -> 12: service_tally, each volunteer's services a year and kind (times and
whole minutes), kept by triggers on service_hours and service, and filled here from the records
already in the file.

A year's minimums and the star levels (cumulative hours) read this small table instead of
joining every service ever recorded: with five years of records the all-years sum alone took
five times the year's own GROUP BY (bench/bench_volunteers.py). Triggers rather than code keep
it, so every write path (the app, an import, a restore of an old file, hand-made SQL) keeps it
right; tests/test_volunteer_tally.py checks it against the GROUP BY after every kind of write.

Self-contained: TALLY_SQL is frozen at this version. models/volunteers/tables.py makes the same
table and triggers in a new file from it (tests/test_db.py compares a migrated file with a fresh
one). The year is the first four characters of the ISO day the date field stores.
"""
from __future__ import annotations

import peewee as pw

TALLY_TABLE_SQL = (
    'CREATE TABLE "service_tally" ("year" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, '
    '"volunteer_id" INTEGER NOT NULL, "times" INTEGER NOT NULL, "minutes" INTEGER NOT NULL, '
    'PRIMARY KEY ("year", "kind", "volunteer_id")) WITHOUT ROWID')

# One person's time in a service is added to (or taken from) the tally row of the service's
# year and kind; a row that falls to zero times goes. Each statement is written once below and
# the triggers are made of them.
_LINE_ON = (  # the new line of service_hours counted
    'INSERT INTO "service_tally" ("year", "kind", "volunteer_id", "times", "minutes") '
    'SELECT CAST(substr("day", 1, 4) AS INTEGER), "kind", NEW."volunteer_id", 1, NEW."minutes" '
    'FROM "service" WHERE "id" = NEW."service_id" '
    'ON CONFLICT ("year", "kind", "volunteer_id") DO UPDATE '
    'SET "times" = "times" + 1, "minutes" = "minutes" + excluded."minutes"; ')
_LINE_OFF = (  # the old line taken off
    'UPDATE "service_tally" SET "times" = "times" - 1, "minutes" = "minutes" - OLD."minutes" '
    'WHERE "volunteer_id" = OLD."volunteer_id" AND ("year", "kind") IN '
    '(SELECT CAST(substr("day", 1, 4) AS INTEGER), "kind" FROM "service" '
    'WHERE "id" = OLD."service_id"); '
    'DELETE FROM "service_tally" WHERE "volunteer_id" = OLD."volunteer_id" AND "times" = 0; ')
_SERVICE_OFF = (  # every line of the old service taken off its year and kind
    'UPDATE "service_tally" SET "times" = "times" - 1, "minutes" = "minutes" - '
    '(SELECT "minutes" FROM "service_hours" WHERE "service_id" = OLD."id" '
    'AND "volunteer_id" = "service_tally"."volunteer_id") '
    'WHERE "year" = CAST(substr(OLD."day", 1, 4) AS INTEGER) AND "kind" = OLD."kind" '
    'AND "volunteer_id" IN (SELECT "volunteer_id" FROM "service_hours" '
    'WHERE "service_id" = OLD."id"); '
    'DELETE FROM "service_tally" WHERE "year" = CAST(substr(OLD."day", 1, 4) AS INTEGER) '
    'AND "kind" = OLD."kind" AND "times" = 0; ')
_SERVICE_ON = (  # every line of the service counted in its new year and kind
    'INSERT INTO "service_tally" ("year", "kind", "volunteer_id", "times", "minutes") '
    'SELECT CAST(substr(NEW."day", 1, 4) AS INTEGER), NEW."kind", "volunteer_id", 1, "minutes" '
    'FROM "service_hours" WHERE "service_id" = NEW."id" '
    'ON CONFLICT ("year", "kind", "volunteer_id") DO UPDATE '
    'SET "times" = "times" + 1, "minutes" = "minutes" + excluded."minutes"; ')

TALLY_TRIGGERS_SQL: tuple[str, ...] = (
    'CREATE TRIGGER "service_tally_hours_insert" AFTER INSERT ON "service_hours" BEGIN '
    + _LINE_ON + 'END',
    # When a service is deleted, its hours go by the foreign key's cascade after the service
    # row: the lookup in _LINE_OFF then finds nothing, and the service's trigger took them off.
    'CREATE TRIGGER "service_tally_hours_delete" AFTER DELETE ON "service_hours" BEGIN '
    + _LINE_OFF + 'END',
    'CREATE TRIGGER "service_tally_hours_update" AFTER UPDATE OF "service_id", "volunteer_id", '
    '"minutes" ON "service_hours" BEGIN ' + _LINE_OFF + _LINE_ON + 'END',
    # BEFORE: the service's hours are still there to be taken off.
    'CREATE TRIGGER "service_tally_service_delete" BEFORE DELETE ON "service" BEGIN '
    + _SERVICE_OFF + 'END',
    'CREATE TRIGGER "service_tally_service_update" AFTER UPDATE OF "day", "kind" ON "service" '
    'WHEN substr(OLD."day", 1, 4) IS NOT substr(NEW."day", 1, 4) OR OLD."kind" IS NOT NEW."kind" '
    'BEGIN ' + _SERVICE_OFF + _SERVICE_ON + 'END',
)

FILL_SQL = (
    'INSERT INTO "service_tally" ("year", "kind", "volunteer_id", "times", "minutes") '
    'SELECT CAST(substr(s."day", 1, 4) AS INTEGER), s."kind", h."volunteer_id", COUNT(*), '
    'SUM(h."minutes") FROM "service_hours" h JOIN "service" s ON s."id" = h."service_id" '
    'GROUP BY 1, 2, 3')


def create_tally(db: pw.SqliteDatabase) -> None:
    """The table and its triggers (a new file at this version, and the step below)."""
    db.execute_sql(TALLY_TABLE_SQL)
    for sql in TALLY_TRIGGERS_SQL:
        db.execute_sql(sql)


def migrate_11_to_12(db: pw.SqliteDatabase) -> None:
    create_tally(db)
    db.execute_sql(FILL_SQL)
