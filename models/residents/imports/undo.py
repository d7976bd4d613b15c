"""Undoing the last roster import.

Each import that changed something logs (table import_log, in its own transaction) the residents
it added, the households it made, the addresses of registered households it changed and, for
every registered person it updated, their values before. Undoing the last import not yet undone
removes the residents it added, puts every changed value back, moves people back to their
households and deletes the households it made, in one transaction. It is refused when a resident
it added has been signed up for an activity since (the sign-up would lose its person).
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from models.common.errors import UserError
from models.datafile.db import database
from models.residents import store
from models.residents.records import ResidentRecord
from models.residents.search import chunks

# The fields of a registered person an import may change, saved before it does.
SAVED = ("name", "gender", "birth", "phone", "building", "unit", "room", "address",
         "household", "notes", "tags", "household_id", "relation", "status", "left_on")


def before_values(rec: ResidentRecord) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in SAVED:
        value = getattr(rec, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def log_import(source: str, summary: str, inserted: list[int], households: list[int],
               updated: dict[int, dict[str, Any]], addresses: dict[int, list[str]]) -> None:
    """Record what an import did (the caller holds its transaction)."""
    undo = {"inserted": inserted, "households": households,
            "updated": {str(k): v for k, v in updated.items()},
            "addresses": {str(k): v for k, v in addresses.items()}}
    database.obj.execute_sql(
        "INSERT INTO import_log (source, made, summary, undo) VALUES (?, ?, ?, ?)",
        (source, _now(), summary, json.dumps(undo, ensure_ascii=False)))


def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")


class NothingToUndo(UserError):
    def __init__(self) -> None:
        super().__init__("没有可以撤销的导入（还没有导入过名册，或上一次导入已经撤销）。")


def last_import() -> tuple[int, str, str, str] | None:
    """(id, file, when, summary) of the last import not undone."""
    row = database.obj.execute_sql(
        "SELECT id, source, made, summary FROM import_log WHERE undone IS NULL "
        "ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1], str(row[2]), row[3]) if row else None


def undo_last_import() -> str:
    """Undo the last import not yet undone; returns what was done, in Chinese."""
    with database.atomic():
        found = last_import()
        if found is None:
            raise NothingToUndo()
        log_id, source, made, _summary = found
        undo = json.loads(database.obj.execute_sql(
            "SELECT undo FROM import_log WHERE id = ?", (log_id,)).fetchone()[0])
        inserted: list[int] = undo["inserted"]
        _refuse_if_signed_up(inserted)
        store.purge(inserted)
        now = datetime.now().replace(microsecond=0)
        for rid, old in undo["updated"].items():
            _put_back(int(rid), old, now)
        for hid, (building, unit, room, address) in undo["addresses"].items():
            database.obj.execute_sql(
                "UPDATE household SET building = ?, unit = ?, room = ?, address = ? "
                "WHERE id = ?", (building, unit, room, address, int(hid)))
        from models.residents.households import delete_empty_households

        delete_empty_households(undo["households"])
        database.obj.execute_sql("UPDATE import_log SET undone = ? WHERE id = ?",
                                 (_now(), log_id))
    return (f"已撤销 {made} 导入的“{source}”：删除新增居民 {len(inserted)} 人，"
            f"恢复 {len(undo['updated'])} 位居民的原有信息。")


def _refuse_if_signed_up(ids: list[int]) -> None:
    for part in chunks(ids):
        marks = ", ".join("?" * len(part))
        row = database.obj.execute_sql(
            f"SELECT count(*) FROM signup WHERE resident_id IN ({marks})", tuple(part)
        ).fetchone()
        if row[0]:
            raise UserError(f"这次导入新增的居民中已有人报名了活动（{row[0]} 条报名），"
                            "撤销会使这些报名失去对应的居民，因此没有撤销。")


def _put_back(rid: int, old: dict[str, Any], now: datetime) -> None:
    found = store.fetch_records([rid])
    if not found:
        return  # deleted for good since: nothing to put back
    rec = found[0]
    for name in ("name", "gender", "phone", "building", "unit", "room", "address",
                 "household", "notes"):
        setattr(rec, name, old[name])
    rec.birth = date.fromisoformat(old["birth"]) if old["birth"] else None
    rec.tags = list(old["tags"])
    store.write(rec, now)
    database.obj.execute_sql(
        "UPDATE resident SET household_id = ?, relation = ?, status = ?, left_on = ? "
        "WHERE id = ?", (old["household_id"], old["relation"], old["status"], old["left_on"],
                         rid))
