"""Opening for the window: lock, location, daily backup; a bad or missing file gets the offer of
the newest backup."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from models.common.errors import UserError
from models.datafile import backup as bk
from models.datafile import db as dbmod
from models.datafile.db import close_database, open_database
from models.datafile.lock import AlreadyOpenError
from models.datafile.opening import MissingDataFileError, can_offer_backup, open_for_app
from models.plans.records import PlanRecord
from models.plans.service import list_plans, save_plan
from tests.test_backup import DATA, _damaged, _empty_sqlite, _foreign, _newer, _text, digest
from tests.test_instance_lock import other_copy
from ui.datafile.backups_dialog import offer_newest_backup


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "activities.db"
    open_database(path)
    save_plan(PlanRecord(title="元宵灯谜会"))
    close_database()
    return path


def test_open_for_app_locks_and_backs_up_once_a_day(saved: Path) -> None:
    opened = open_for_app(saved)
    try:
        assert opened.lock.held and opened.warning is None
        assert opened.backup is not None and opened.backup.reason == "daily"
        assert [p.title for p in list_plans()] == ["元宵灯谜会"]
    finally:
        close_database()
        opened.lock.release()
    again = open_for_app(saved)
    try:
        assert again.backup is None  # today's is already there
    finally:
        close_database()
        again.lock.release()


def test_second_copy_refused_before_touching_the_file(saved: Path) -> None:
    with other_copy(saved):
        before = digest(saved)
        with pytest.raises(AlreadyOpenError, match="另一个社区活动助手窗口"):
            open_for_app(saved)
        assert digest(saved) == before
        assert bk.list_backups(saved) == []


def test_missing_file_with_backups_is_not_started_empty(saved: Path, qtbot) -> None:
    opened = open_for_app(saved)
    close_database()
    opened.lock.release()
    saved.unlink()
    with pytest.raises(MissingDataFileError) as err:
        open_for_app(saved)
    assert not saved.exists()
    assert can_offer_backup(err.value)
    asked: list[str] = []
    assert offer_newest_backup(None, saved, err.value, ask=lambda t: asked.append(t) or True)
    assert "每日自动备份" in asked[0]
    opened = open_for_app(saved)
    try:
        assert [p.title for p in list_plans()] == ["元宵灯谜会"]
    finally:
        close_database()
        opened.lock.release()


def test_damaged_file_offer_restores_newest_and_keeps_damaged(tmp_path: Path, qtbot) -> None:
    good = tmp_path / "good.db"
    open_database(good)
    save_plan(PlanRecord(title="备份中的方案"))
    close_database()
    path = _damaged(tmp_path)
    backups = tmp_path / "backups"
    backups.mkdir()
    shutil.copy(good, backups / "damaged_2026-11-27_080000_daily.db")
    damaged_digest = digest(path)
    with pytest.raises(dbmod.DataFileError) as err:
        open_for_app(path)
    assert digest(path) == damaged_digest
    assert isinstance(err.value, dbmod.DamagedFileError) and can_offer_backup(err.value)
    # Saying no changes nothing.
    assert not offer_newest_backup(None, path, err.value, ask=lambda t: False)
    assert digest(path) == damaged_digest
    assert offer_newest_backup(None, path, err.value, ask=lambda t: True)
    kept = [b for b in bk.list_backups(path) if b.reason == "damaged"]
    assert len(kept) == 1 and digest(kept[0].path) == damaged_digest
    opened = open_for_app(path)
    try:
        assert [p.title for p in list_plans()] == ["备份中的方案"]
    finally:
        close_database()
        opened.lock.release()


def test_no_offer_for_newer_or_foreign_files(tmp_path: Path) -> None:
    assert not can_offer_backup(dbmod.NewerVersionError("x"))
    assert not can_offer_backup(dbmod.NotADataFileError("x"))
    path = tmp_path / "a.db"
    bk_dir = tmp_path / "backups"
    bk_dir.mkdir()
    (bk_dir / f"a_{datetime(2026, 1, 1):%Y-%m-%d_%H%M%S}_daily.db").write_bytes(b"")
    assert not offer_newest_backup(None, path, dbmod.NewerVersionError("新"), ask=lambda t: True)


def test_refused_file_leaves_its_folder_as_it_was(tmp_path: Path) -> None:
    from tests.test_backup import _text

    bad = _text(tmp_path)
    before = digest(bad)
    with pytest.raises(dbmod.NotADataFileError):
        open_for_app(bad)
    assert digest(bad) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [bad.name]


def test_first_start_makes_the_data_folder(tmp_path: Path) -> None:
    path = tmp_path / "新文件夹" / "activities.db"
    opened = open_for_app(path)
    try:
        assert path.exists() and opened.lock.held
    finally:
        close_database()
        opened.lock.release()


@pytest.mark.parametrize("make", [_newer, _damaged, _foreign, _text])
def test_bad_files_refused_untouched_and_never_backed_up(tmp_path: Path, make) -> None:
    path = make(tmp_path)
    before = digest(path)
    with pytest.raises(UserError):
        open_for_app(path)
    assert digest(path) == before
    assert bk.list_backups(path) == []
    assert dbmod.database.obj is None or dbmod.database.obj.is_closed()


def test_old_file_is_backed_up_and_migrated_before_the_window_reads_it(tmp_path: Path) -> None:
    old = tmp_path / "schema_v1.db"
    shutil.copy(DATA / "schema_v1.db", old)
    opened = open_for_app(old)
    try:
        version = dbmod.database.obj.execute_sql("PRAGMA user_version").fetchone()[0]
        assert version == dbmod.SCHEMA_VERSION
        assert list_plans()
        assert "before-migration" in {b.reason for b in bk.list_backups(old)}
    finally:
        close_database()
        opened.lock.release()


@pytest.mark.parametrize("make", [None, _empty_sqlite])
def test_new_or_empty_file_is_made_ready(tmp_path: Path, make) -> None:
    path = make(tmp_path) if make else tmp_path / "new.db"
    opened = open_for_app(path)
    try:
        assert list_plans() == []
        version = dbmod.database.obj.execute_sql("PRAGMA user_version").fetchone()[0]
        assert version == dbmod.SCHEMA_VERSION
    finally:
        close_database()
        opened.lock.release()


def test_every_page_is_read_once_a_day(saved: Path, monkeypatch) -> None:
    checks: list[bool] = []
    real = dbmod.inspect_file
    monkeypatch.setattr(dbmod, "inspect_file", lambda p, full_check=True: (
        checks.append(full_check) or real(p, full_check=full_check)))
    for _ in range(2):
        opened = open_for_app(saved)
        close_database()
        opened.lock.release()
    assert checks == [True, False]  # the full check with the day's backup, then the cheap one
