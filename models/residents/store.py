"""Low-level reads and writes of resident rows, their tags and their search line (used by
models/residents/service.py and the importer; callers hold the transaction)."""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from models.common.name_keys import pinyin_keys, stroke_key
from models.common.parsers import phone_digits
from models.datafile.db import database
from models.residents import search as resident_search
from models.residents.records import ResidentRecord, ResidentRow
from models.residents.tables import BUILTIN_TAGS

COLUMNS = ("name", "gender", "birth", "id_number", "phone", "building", "unit", "room", "address",
           "household", "notes", "deleted", "deleted_at", "created", "updated", "name_pinyin",
           "name_initials", "phone_digits", "stroke_key", "household_id", "relation", "status",
           "left_on")
INSERT_SQL = (f"INSERT INTO resident ({', '.join(COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(COLUMNS))})")


def search_line(name: str, digits: str, id_number: str | None, building: str, unit: str,
                room: str, address: str) -> str:
    """The one line resident_fts indexes (trigram, so any 3+ character fragment finds it).
    Pinyin and initials are searched through their own indexes instead (from the start)."""
    return " ".join(filter(None, (name, digits, (id_number or "").lower(),
                                  f"{building}{unit}{room}", address.lower())))


def row_values(rec: ResidentRecord, now: datetime, stamp: str | None = None,
               ) -> tuple[tuple, str]:
    """(values for INSERT_SQL, search line) of a cleaned record; stamp: now as stored text
    (given by bulk callers so it is formatted once)."""
    pinyin, initials = pinyin_keys(rec.name)
    phone = rec.phone
    digits = phone.replace("-", "") if phone.isascii() else phone_digits(phone)
    stamp = stamp or _dt(now)
    values = (rec.name, rec.gender, rec.birth.isoformat() if rec.birth else None, rec.id_number,
              phone, rec.building, rec.unit, rec.room, rec.address, rec.household, rec.notes,
              int(rec.deleted), _dt(rec.deleted_at), _dt(rec.created) if rec.created else stamp,
              stamp, pinyin, initials, digits, stroke_key(rec.name), rec.household_id,
              rec.relation, rec.status, rec.left_on.isoformat() if rec.left_on else None)
    line = search_line(rec.name, digits, rec.id_number, rec.building, rec.unit, rec.room,
                       rec.address)
    return values, line


def _dt(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value else None


def secondary_indexes(unique: bool = False) -> list[tuple[str, str]]:
    """(name, SQL) of the resident table's plain indexes, and with unique the unique ID index
    too."""
    return [(n, sql) for n, sql in database.obj.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'resident' "
        "AND sql IS NOT NULL AND (? OR sql NOT LIKE 'CREATE UNIQUE%')", (int(unique),))]


_chunks = resident_search.chunks


def write(rec: ResidentRecord, now: datetime) -> int:
    """Insert (rec.id None) or update one cleaned record with its tags and search line."""
    db = database.obj
    values, line = row_values(rec, now)
    if rec.id is None:
        rid = db.execute_sql(INSERT_SQL, values).lastrowid
    else:
        rid = rec.id
        keep = ("name", "gender", "birth", "id_number", "phone", "building", "unit", "room",
                "address", "household", "notes", "updated", "name_pinyin", "name_initials",
                "phone_digits", "stroke_key")
        pairs = {c: v for c, v in zip(COLUMNS, values, strict=True) if c in keep}
        db.execute_sql(f"UPDATE resident SET {', '.join(f'{c} = ?' for c in pairs)} WHERE id = ?",
                       (*pairs.values(), rid))
        db.execute_sql("DELETE FROM resident_fts WHERE rowid = ?", (rid,))
        db.execute_sql("DELETE FROM resident_tag WHERE resident_id = ?", (rid,))
    db.execute_sql("INSERT INTO resident_fts (rowid, search_text) VALUES (?, ?)", (rid, line))
    ids = tag_ids(rec.tags)
    if ids:
        db.cursor().executemany("INSERT OR IGNORE INTO resident_tag (resident_id, tag_id) "
                                "VALUES (?, ?)", [(rid, t) for t in ids])
    return rid


# A bulk insert larger than this (and than the register) drops the indexes of the resident
# table and builds them again afterwards, in the same transaction: building an index once is
# cheaper than updating it row by row (measured in bench/bench_residents.py; for the unique ID
# index ~0.1 s of 100,000 rows). The IDs are known to be free, so the unique index builds; were
# one not, building it fails and the transaction rolls back as a failed insert would.
REINDEX_ABOVE = 20_000


def bulk_insert(records: Sequence[ResidentRecord], now: datetime,
                check: Callable[[int], None] | None = None, chunk: int = 5000) -> list[int]:
    """Insert cleaned records (IDs already known to be free) with their search lines and tags;
    sets each record's id and returns the ids. check(done) is called after the search lines and
    after every chunk of rows, and may raise to abandon (the caller's transaction then rolls
    everything back, the dropped indexes included)."""
    if not records:
        return []
    cur = database.obj.cursor()
    stamp = now.isoformat(sep=" ", timespec="seconds")  # as _dt(now)
    # One writer in one transaction: the new rows take the ids after the largest one, given
    # explicitly (the same ids SQLite would choose).
    first = (cur.execute("SELECT max(id) FROM resident").fetchone()[0] or 0) + 1
    existing = cur.execute("SELECT count(*) FROM resident").fetchone()[0]
    dropped: list[tuple[str, str]] = []
    if len(records) > REINDEX_ABOVE and len(records) > existing:
        dropped = secondary_indexes(unique=True)
        for name, _sql in dropped:
            cur.execute(f'DROP INDEX "{name}"')
    # The search lines go in first, all in one statement: SQLite indexes them (the largest part
    # of its work here) without holding Python's lock, while a thread works out the rows' values
    # (pinyin and stroke keys: the largest part of the Python work). 0.3 s of 100,000 rows.
    rows: list[tuple] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            rows.extend(_bulk_rows(records, stamp, first))
        except BaseException as exc:  # raised again in the caller's thread
            failed.append(exc)

    worker = threading.Thread(target=work, name="resident-values", daemon=True)
    worker.start()
    try:
        cur.execute(FTS_FROM_JSON, (first, json.dumps(search_lines(records), ensure_ascii=False)))
    finally:
        worker.join()
    if failed:
        raise failed[0]
    if check is not None:
        check(0)
    tag_cache: dict[str, int] = {}
    ids = [r[0] for r in rows]
    for at in range(0, len(records), chunk):
        cur.executemany(INSERT_WITH_ID, rows[at:at + chunk])
        links = []
        for rid, rec in zip(ids[at:at + chunk], records[at:at + chunk], strict=True):
            rec.id = rid
            if rec.tags:
                links += [(rid, t) for t in tag_ids(rec.tags, tag_cache)]
        if links:
            cur.executemany("INSERT OR IGNORE INTO resident_tag (resident_id, tag_id) "
                            "VALUES (?, ?)", links)
        if check is not None:
            check(min(at + chunk, len(records)))
    for _name, sql in dropped:
        cur.execute(sql)
    return ids


INSERT_WITH_ID = (f"INSERT INTO resident (id, {', '.join(COLUMNS)}) "
                  f"VALUES ({', '.join('?' * (len(COLUMNS) + 1))})")
# Row i of the JSON array of lines is the resident first + i (json_each: key is the index,
# value the string as text).
FTS_FROM_JSON = ("INSERT INTO resident_fts (rowid, search_text) "
                 "SELECT ? + key, value FROM json_each(?)")


def search_lines(records: Sequence[ResidentRecord]) -> list[str]:
    """search_line of each record (as row_values gives it)."""
    out = []
    for rec in records:
        phone = rec.phone
        digits = phone.replace("-", "") if phone.isascii() else phone_digits(phone)
        out.append(search_line(rec.name, digits, rec.id_number, rec.building, rec.unit,
                               rec.room, rec.address))
    return out


def _bulk_rows(records: Sequence[ResidentRecord], stamp: str, first: int) -> list[tuple]:
    """(id, *values for INSERT_SQL) of many records, ids from first on: row_values written out
    in one loop (it runs 100,000 times for a large import); tests/test_resident_store_bulk.py
    checks it gives what row_values gives."""
    out = []
    for rid, rec in enumerate(records, start=first):
        name, phone, birth = rec.name, rec.phone, rec.birth
        pinyin, initials = pinyin_keys(name)
        digits = phone.replace("-", "") if phone.isascii() else phone_digits(phone)
        out.append((rid, name, rec.gender, birth.isoformat() if birth else None, rec.id_number,
                    phone, rec.building, rec.unit, rec.room, rec.address, rec.household,
                    rec.notes, int(rec.deleted), _dt(rec.deleted_at),
                    _dt(rec.created) if rec.created else stamp, stamp, pinyin, initials, digits,
                    stroke_key(name), rec.household_id, rec.relation, rec.status,
                    rec.left_on.isoformat() if rec.left_on else None))
    return out


def tag_ids(names: Iterable[str], cache: dict[str, int] | None = None) -> list[int]:
    """Ids of these tags, creating the missing ones (built-in tags keep their order first)."""
    db = database.obj
    out: list[int] = []
    for name in names:
        if cache is not None and name in cache:
            out.append(cache[name])
            continue
        row = db.execute_sql("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
        if row:
            tid = row[0]
        else:
            builtin = name in BUILTIN_TAGS
            position = BUILTIN_TAGS.index(name) if builtin else 1000
            tid = db.execute_sql("INSERT INTO tag (name, position, builtin) VALUES (?, ?, ?)",
                                 (name, position, int(builtin))).lastrowid
        if cache is not None:
            cache[name] = tid
        out.append(tid)
    return out


def id_owner(id_number: str) -> tuple[int, str, bool] | None:
    """(id, name, in recycle bin) of the resident holding this 18-character ID."""
    row = database.obj.execute_sql(
        "SELECT id, name, deleted FROM resident WHERE id_number = ?", (id_number,)).fetchone()
    return (row[0], row[1], bool(row[2])) if row else None


def purge(ids: Sequence[int]) -> None:
    db = database.obj
    households: list[int] = []
    for part in _chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        households += [r[0] for r in db.execute_sql(
            f"SELECT DISTINCT household_id FROM resident WHERE id IN ({marks}) "
            "AND household_id IS NOT NULL", tuple(part))]
        db.execute_sql(f"DELETE FROM resident_fts WHERE rowid IN ({marks})", tuple(part))
        db.execute_sql(f"DELETE FROM resident_tag WHERE resident_id IN ({marks})", tuple(part))
        db.execute_sql(f"DELETE FROM resident WHERE id IN ({marks})", tuple(part))
    # A household its last member left (for good) goes with them.
    for part in _chunks(sorted(set(households))):
        marks = ", ".join("?" * len(part))
        db.execute_sql(f"DELETE FROM household WHERE id IN ({marks}) AND NOT EXISTS "
                       "(SELECT 1 FROM resident r WHERE r.household_id = household.id)",
                       tuple(part))


def _execute(sql: str, params: Sequence[object]) -> Iterable[tuple]:
    return database.obj.execute_sql(sql, params)


def _tags_of(ids: Sequence[int]) -> dict[int, list[str]]:
    return resident_search.tags_of(_execute, ids)


_date = resident_search.as_date
_datetime = resident_search.as_datetime


def fetch_rows(ids: Sequence[int]) -> list[ResidentRow]:
    """Grid rows for these ids, in the order given."""
    return resident_search.fetch_rows(_execute, ids)


def fetch_records(ids: Sequence[int]) -> list[ResidentRecord]:
    tags = _tags_of(ids)
    out: list[ResidentRecord] = []
    for part in _chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for r in database.obj.execute_sql(
                "SELECT id, name, gender, birth, id_number, phone, building, unit, room, address, "
                "household, notes, deleted, deleted_at, created, updated, household_id, "
                f"relation, status, left_on FROM resident WHERE id IN ({marks})", tuple(part)):
            out.append(ResidentRecord(
                id=r[0], name=r[1], gender=r[2], birth=_date(r[3]), id_number=r[4], phone=r[5],
                building=r[6], unit=r[7], room=r[8], address=r[9], household=r[10], notes=r[11],
                tags=tags.get(r[0], []), deleted=bool(r[12]), deleted_at=_datetime(r[13]),
                created=_datetime(r[14]), updated=_datetime(r[15]), household_id=r[16],
                relation=r[17], status=r[18], left_on=_date(r[19])))
    return out
