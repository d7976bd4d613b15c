"""The bulk writer's values are the ones a single write stores (it is written out separately for
speed, so this keeps the two in step)."""
from __future__ import annotations

from datetime import date, datetime

from models.residents import store
from models.residents.records import ResidentRecord
from tests.resident_factory import resident_rows


def _records() -> list[ResidentRecord]:
    out = [ResidentRecord(name=r[0], id_number=r[1], phone=r[2], building=r[3], unit=r[4],
                          room=r[5], birth=date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                          gender="男" if i % 2 else "女", tags=["党员"] if i % 3 else [])
           for i, r in enumerate(resident_rows(200, seed=5))]
    out += [
        ResidentRecord(name="欧阳小Ａ", phone="0571-88123456", address="Ｘ路 ABC 小区",
                       household="户1", notes="备注"),
        ResidentRecord(name="李四", id_number="11010519491231002X", phone="",
                       deleted=True, deleted_at=datetime(2026, 1, 2, 3, 4, 5),
                       created=datetime(2025, 5, 6, 7, 8, 9)),
        ResidentRecord(name="王五", phone="１３８ 1234 5678"),
    ]
    return out


def test_bulk_values_equal_row_values() -> None:
    now = datetime(2026, 11, 28, 10, 0, 0)
    stamp = "2026-11-28 10:00:00"
    recs = _records()
    rows = store._bulk_rows(recs, stamp, 7)
    assert [(r[1:], line) for r, line in zip(rows, store.search_lines(recs), strict=True)] == [
        store.row_values(r, now, stamp) for r in recs]
    assert [r[0] for r in rows] == list(range(7, 7 + len(recs)))
    # and the stamp given is the one row_values formats itself
    assert store.row_values(recs[0], now) == store.row_values(recs[0], now, stamp)


def test_bulk_insert_with_a_taken_id_writes_nothing(db_path, monkeypatch) -> None:
    """Above REINDEX_ABOVE the unique ID index is dropped and rebuilt: an ID given twice (which
    the importer never passes) still fails the whole transaction, as a row-by-row insert would."""
    import sqlite3

    import peewee
    import pytest

    from models.datafile.db import database

    monkeypatch.setattr(store, "REINDEX_ABOVE", 5)
    recs = _records()[:20]
    recs.append(ResidentRecord(name="重复", id_number=recs[0].id_number))
    indexes = sorted(database.obj.execute_sql("SELECT name, sql FROM sqlite_master "
                                              "WHERE type = 'index'"))
    with pytest.raises((sqlite3.IntegrityError, peewee.IntegrityError)), database.atomic():
        store.bulk_insert(recs, datetime(2026, 11, 28, 10, 0, 0))
    assert database.obj.execute_sql("SELECT count(*) FROM resident").fetchone()[0] == 0
    assert sorted(database.obj.execute_sql("SELECT name, sql FROM sqlite_master "
                                           "WHERE type = 'index'")) == indexes


def test_bulk_search_lines_arrive_as_written(db_path) -> None:
    """The search lines go to SQLite as one JSON array (json_each): every character arrives as
    it is, quotes, backslashes, line ends, tabs, U+2028, characters beyond the BMP and all."""
    from models.datafile.db import database

    odd = ['他说"你好"', "C:\\路\\1号", "一行\n二行\r\n", "\t制表", "\u2028\u2029", "𠀀𪚥😀",
           "[1, 2]", "{\"a\": null}", "\\u0041", "''", "Ｘ路 ABC"]
    recs = [ResidentRecord(name=f"张{i}", phone="13812345678" if i % 2 else "",
                           address=text, room=text[:2], id_number=None)
            for i, text in enumerate(odd)]
    with database.atomic():
        ids = store.bulk_insert(recs, datetime(2026, 11, 28, 10, 0, 0))
    got = dict(database.obj.execute_sql("SELECT rowid, search_text FROM resident_fts"))
    assert got == {rid: line for rid, line in zip(ids, store.search_lines(recs), strict=True)}
    assert [got[rid] for rid in ids] == [
        store.search_line(r.name, r.phone, None, "", "", r.room,
                          r.address.lower()) for r in recs]
    assert all(type(v) is str for v in got.values())
