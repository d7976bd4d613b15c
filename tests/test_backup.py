"""Backups: made with the online backup API while the file is open, named, listed, rotated,
restored to the same data; bad files refused untouched."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from models.datafile import backup as bk
from models.datafile import db as dbmod
from models.datafile.db import close_database, open_database
from models.datafile.restore import check_backup_file, restore_from
from models.plans.records import AgendaRow, PlanRecord
from models.plans.service import list_plans, load_plan, save_plan

DATA = Path(__file__).parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read-only."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def plan(title: str, n: int = 3) -> PlanRecord:
    return PlanRecord(title=title, agenda=[AgendaRow(what=f"{title} 环节{i}") for i in range(n)])


def test_backup_of_open_wal_file_holds_committed_data(db_path: Path) -> None:
    save_plan(plan("重阳节敬老活动"))
    # The write sits in the -wal file: a plain copy of activities.db would miss it.
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    info = bk.backup_now(db_path)
    assert info.path.parent == db_path.parent / "backups"
    assert info.reason == "manual" and info.reason_label == "手动备份"
    assert info.size == info.path.stat().st_size > 0
    assert not info.path.with_name(info.path.name + "-wal").exists()
    con = sqlite3.connect(info.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("SELECT title FROM plan").fetchall() == [("重阳节敬老活动",)]
    con.close()
    assert bk.list_backups(db_path) == [info]


def test_names_parse_and_same_second_does_not_overwrite(db_path: Path) -> None:
    now = datetime(2026, 11, 28, 15, 40, 0)
    a = bk._make_backup(db_path, "daily", now=now)
    b = bk._make_backup(db_path, "daily", now=now)
    assert a.path.name == "test_2026-11-28_154000_daily.db"
    assert b.path.name == "test_2026-11-28_154000_daily_2.db"
    assert bk.parse_backup_name("test", b.path.name) == (now, "daily")
    assert bk.parse_backup_name("test", "other_2026-11-28_154000_daily.db") is None
    assert bk.parse_backup_name("test", "test_2026-13-28_154000_daily.db") is None
    assert bk.parse_backup_name("my_data", "my_data_2026-01-02_030405_before-restore.db") == (
        datetime(2026, 1, 2, 3, 4, 5), "before-restore")


def test_daily_backup_once_a_day_then_rotates(db_path: Path) -> None:
    day = date(2026, 11, 28)
    first = bk.daily_backup(db_path, today=day)
    assert first is not None and first.reason == "daily" and first.created.date() == day
    assert bk.daily_backup(db_path, today=day) is None
    assert len(bk.list_backups(db_path)) == 1
    # 40 days of daily backups: rotation keeps a bounded set, always the newest.
    for k in range(1, 41):
        bk.daily_backup(db_path, today=day + timedelta(days=k))
    kept = bk.list_backups(db_path)
    assert kept[0].created.date() == day + timedelta(days=40)
    assert len(kept) == len(bk.backups_to_keep([b.created for b in kept], day + timedelta(40)))
    assert 7 <= len(kept) < 41


def test_daily_backup_skips_missing_file(tmp_path: Path) -> None:
    assert bk.daily_backup(tmp_path / "none.db") is None
    assert not (tmp_path / "backups").exists()


def _stamps(days: int, start: datetime) -> list[datetime]:
    return [start - timedelta(days=i) for i in range(days)]


def test_rotation_keeps_7_daily_8_weekly_12_monthly() -> None:
    today = date(2026, 11, 28)
    start = datetime(2026, 11, 28, 9, 0)
    stamps = _stamps(800, start)  # one a day for more than two years
    keep = bk.backups_to_keep(stamps, today)
    days = sorted({c.date() for c in keep}, reverse=True)
    # The last 7 days, all kept.
    assert days[:7] == [today - timedelta(days=i) for i in range(7)]
    weeks = {tuple(c.isocalendar())[:2] for c in keep}
    months = {(c.year, c.month) for c in keep}
    assert len(weeks) >= 8
    assert len(months) == 12
    oldest = min(keep)
    assert (oldest.year, oldest.month) >= (2025, 12)  # nothing older than 12 months back
    # Beyond the last week, a kept backup is the newest of its week or of its month.
    for c in keep:
        if (today - c.date()).days < bk.KEEP_ALL_DAYS:
            continue
        week = max(s for s in stamps if s.isocalendar()[:2] == c.isocalendar()[:2])
        month = max(s for s in stamps if (s.year, s.month) == (c.year, c.month))
        assert c in (week, month)
    assert len(keep) <= 7 + 8 + 12


def test_rotation_newest_of_each_day_and_recent_all() -> None:
    today = date(2026, 11, 28)
    # Three backups on each of 20 days.
    stamps = [datetime(2026, 11, 28, h) - timedelta(days=d) for d in range(20) for h in (8, 12, 18)]
    keep = bk.backups_to_keep(stamps, today)
    recent = {s for s in stamps if (today - s.date()).days < bk.KEEP_ALL_DAYS}
    assert recent <= keep  # everything from the last week, even several a day
    older = keep - recent
    assert all(c.hour == 18 for c in older)  # beyond that, only the newest of a day


def test_rotation_sparse_use_keeps_old_ones() -> None:
    # A laptop used once a month: the last 12 uses are all kept.
    today = date(2026, 11, 28)
    stamps = [datetime(2026 - (m // 12), 12 - (m % 12), 3) for m in range(1, 20)]
    keep = bk.backups_to_keep(stamps, today)
    assert keep == set(sorted(stamps, reverse=True)[:12])


def test_prune_deletes_files(db_path: Path) -> None:
    for k in range(12):
        bk._make_backup(db_path, "daily", now=datetime(2026, 1, 1, 8) + timedelta(days=k))
    gone = bk.prune_backups(db_path, today=date(2026, 1, 12))
    left = bk.list_backups(db_path)
    assert len(gone) + len(left) == 12
    assert all(not p.exists() for p in gone)
    assert {b.created.date() for b in left} >= {date(2026, 1, 12) - timedelta(i) for i in range(7)}


def test_restore_gives_the_same_data_and_keeps_replaced_aside(db_path: Path) -> None:
    for i in range(5):
        save_plan(plan(f"方案{i}", n=i + 1))
    snap = bk.backup_now(db_path)
    before = dump(snap.path)
    snap_digest = digest(snap.path)
    # Change the data after the backup.
    save_plan(plan("备份之后的方案"))
    p0 = load_plan(list_plans()[-1].id)
    p0.title = "改过的标题"
    save_plan(p0)
    changed = dump(db_path)
    assert changed != before

    aside = restore_from(db_path, snap.path)
    # The app had the file open: it is reopened on the restored data.
    assert sorted(p.title for p in list_plans()) == [f"方案{i}" for i in range(5)]
    close_database()
    assert dump(db_path) == before
    assert digest(snap.path) == snap_digest  # the backup itself only read
    assert aside is not None and aside.reason == "before-restore"
    assert dump(aside.path) == changed


def test_restore_into_closed_file_and_from_usb_copy(db_path: Path, tmp_path: Path) -> None:
    save_plan(plan("端午包粽子"))
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = bk.backup_to(db_path, usb / "社区活动助手备份.db")
    assert copy.path.exists()
    save_plan(plan("之后"))
    close_database()
    restore_from(db_path, copy.path)
    assert dump(db_path) == dump(copy.path)
    open_database(db_path)
    assert [p.title for p in list_plans()] == ["端午包粽子"]


def test_backup_to_refuses_itself_and_missing_folder(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(bk.BackupError, match="数据文件本身"):
        bk.backup_to(db_path, db_path)
    with pytest.raises(bk.BackupError, match="不存在"):
        bk.backup_to(db_path, tmp_path / "no" / "x.db")


def _newer(tmp_path: Path) -> Path:
    path = tmp_path / "newer.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {dbmod.SCHEMA_VERSION + 1}")
    con.execute("PRAGMA journal_mode = delete")
    con.close()
    return path


def _damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.db"
    shutil.copy(DATA / "schema_v1.db", path)
    raw = bytearray(path.read_bytes())
    for i in range(4096, len(raw) - 1024, 7):
        raw[i] = (raw[i] * 31 + 7) % 256
    path.write_bytes(bytes(raw))
    return path


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    return path


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database")
    return path


def _empty_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    return path


@pytest.mark.parametrize("make", [_newer, _damaged, _foreign, _text, _empty_sqlite])
def test_restore_refuses_bad_file_both_untouched(db_path: Path, tmp_path: Path, make) -> None:
    save_plan(plan("原有方案"))
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = make(bad_dir)
    bad_before = digest(bad)
    close_database()
    db_before = digest(db_path)
    open_database(db_path)
    with pytest.raises(dbmod.DataFileError):
        restore_from(db_path, bad)
    assert digest(bad) == bad_before
    assert sorted(p.name for p in bad_dir.iterdir()) == [bad.name]
    assert [p.title for p in list_plans()] == ["原有方案"]
    close_database()
    assert digest(db_path) == db_before
    assert bk.list_backups(db_path) == []  # nothing was even backed up


def test_restore_over_a_damaged_data_file_keeps_its_bytes(tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    open_database(good)
    save_plan(plan("好的备份"))
    close_database()
    target = _damaged(tmp_path)
    damaged_bytes = digest(target)
    with pytest.raises(dbmod.DataFileError):
        open_database(target)
    aside = restore_from(target, good)
    assert aside is not None and aside.reason == "damaged"
    assert digest(aside.path) == damaged_bytes
    assert bk.newest_backup_for(target) is None  # a damaged file is never offered
    open_database(target)
    assert [p.title for p in list_plans()] == ["好的备份"]
    close_database()


def test_newest_backup_for(db_path: Path) -> None:
    assert bk.newest_backup_for(db_path) is None
    bk._make_backup(db_path, "daily", now=datetime(2026, 1, 1, 8))
    newest = bk._make_backup(db_path, "manual", now=datetime(2026, 1, 2, 8))
    assert bk.newest_backup_for(db_path) == newest


def test_migration_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "schema_v1.db"
    shutil.copy(DATA / "schema_v1.db", old)
    v1 = dump(old)
    steps: list[int] = []
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(dbmod.MIGRATIONS, 1, lambda db: steps.append(1))
    open_database(old)
    close_database()
    assert steps == [1]
    backups = bk.list_backups(old)
    assert [b.reason for b in backups] == ["before-migration"]
    assert dump(backups[0].path) == v1
    con = sqlite3.connect(backups[0].path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()


def test_restore_from_wal_file_on_read_only_stick(db_path: Path, tmp_path: Path) -> None:
    from tests.test_instance_lock import read_only

    save_plan(plan("U盘上的方案"))
    close_database()
    stick = tmp_path / "stick"
    stick.mkdir()
    src = stick / "activities.db"
    shutil.copy(db_path, src)  # a data file copied as it is: still in WAL mode, no -shm
    con = sqlite3.connect(src)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    for extra in ("-wal", "-shm"):
        src.with_name(src.name + extra).unlink(missing_ok=True)
    target = tmp_path / "new" / "activities.db"
    target.parent.mkdir()
    before = digest(src)
    with read_only(stick):
        assert check_backup_file(src) == dbmod.SCHEMA_VERSION
        assert restore_from(target, src) is None  # there was no data file to keep aside
    assert digest(src) == before
    assert sorted(p.name for p in stick.iterdir()) == ["activities.db"]
    open_database(target)
    assert [p.title for p in list_plans()] == ["U盘上的方案"]
