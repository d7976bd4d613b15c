"""The window's fast start: a sound data file at SCHEMA_VERSION is checked, locked, backed up and
shown with the standard library, and bound to peewee after the first paint (or on first use)."""
from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from models.datafile import backup as bk
from models.datafile import precheck as db_file
from models.datafile.db import SCHEMA_VERSION, close_database, database, open_database
from models.datafile.first_read import first_plan_years, first_plans, first_residents_page
from models.datafile.opening import open_for_app
from models.plans.records import PlanRecord
from models.plans.service import list_plans, plan_years, save_plan
from models.residents.records import ResidentQuery, ResidentRecord
from models.residents.service import delete_residents, save_resident, search_residents
from tests.test_backup import DATA, _damaged, _empty_sqlite, _foreign, _newer, _text, digest

PLANS = [
    ("重阳节敬老爱老活动方案", datetime(2025, 10, 29, 9)),
    ("社区义诊进万家", datetime(2026, 4, 8, 9, 30)),
    ("三八妇女节联谊会", datetime(2025, 3, 8, 14)),
    ("亲子早教绘本课堂", None),
    ("同一天的另一个", datetime(2026, 4, 8, 9, 30)),
]
PEOPLE = [("张三", "男", date(1950, 3, 1), "1号楼"), ("李四", "女", date(1980, 7, 9), "2号楼"),
          ("王五", "男", None, "1号楼"), ("赵六", "女", date(2015, 1, 2), ""),
          ("钱七", "男", date(1949, 12, 31), "3号楼")]


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "activities.db"
    open_database(path)
    for title, start in PLANS:
        save_plan(PlanRecord(title=title, start=start))
    ids = [save_resident(ResidentRecord(name=n, gender=g, birth=b, building=bl),
                         allow_warnings=True).resident_id for n, g, b, bl in PEOPLE]
    delete_residents(ids[-1:])  # one in the recycle bin: the bin filter must hold
    close_database()
    return path


@pytest.fixture(autouse=True)
def _nothing_pending():
    yield
    db_file.close_data_file()


def _open_deferred(path: Path):
    opened = open_for_app(path, defer_bind=True)
    assert not opened.bound and db_file.pending_path() == path and _unbound()
    return opened


def _unbound() -> bool:
    return database.obj is None or database.obj.is_closed()


def test_current_file_is_left_pending_then_bound_on_first_use(saved: Path) -> None:
    opened = _open_deferred(saved)
    try:
        assert opened.backup is not None and opened.backup.reason == "daily"  # before any write
        shown = list_plans()  # unfiltered while pending: read with the standard library
        assert _unbound() and db_file.pending_path() == saved
        save_plan(PlanRecord(title="新方案"))  # a write binds the file on the spot
        assert not _unbound() and db_file.pending_path() is None
        assert Path(database.obj.database) == saved
        undated_last = [p.title for p in shown[:-1]] + ["新方案", "亲子早教绘本课堂"]
        assert [p.title for p in list_plans()] == undated_last
    finally:
        close_database()
        opened.lock.release()


def test_threads_using_a_pending_file_at_once_all_find_it_bound(saved: Path,
                                                                monkeypatch) -> None:
    import threading
    import time

    from models.datafile import db as dbmod
    from models.plans.service import count_plans

    opened = _open_deferred(saved)
    database.initialize(None)  # as at a real start: nothing was ever bound in this process
    real_open, binds = dbmod.open_database, []

    def slow_open(*args, **kwargs):  # a bind that takes a while, so the others arrive meanwhile
        binds.append(threading.get_ident())
        time.sleep(0.2)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(dbmod, "open_database", slow_open)
    counts, errors = [], []

    def use() -> None:
        try:
            counts.append(count_plans())
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=use) for _ in range(4)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and counts == [len(PLANS)] * 4
        assert len(binds) == 1 and db_file.pending_path() is None
    finally:
        close_database()
        opened.lock.release()


def test_first_reads_match_peewee(saved: Path) -> None:
    expected_plans, expected_years = None, None
    queries = [ResidentQuery(), ResidentQuery(order="birth", descending=True),
               ResidentQuery(text="张"), ResidentQuery(building="1号楼"),
               ResidentQuery(min_age=60, age_date=date(2026, 1, 1)), ResidentQuery(deleted=True)]
    open_database(saved)
    try:
        expected_plans, expected_years = list_plans(), plan_years()
        expected_pages = [search_residents(q, 0, 3) for q in queries]
        expected_pages += [search_residents(queries[0], 2, 10)]
    finally:
        close_database()
    assert first_plans(saved) == expected_plans
    assert [p.title for p in expected_plans][-1] == "亲子早教绘本课堂"  # undated last
    assert first_plan_years(saved) == expected_years == [2026, 2025]
    pages = [first_residents_page(saved, q, 0, 3) for q in queries]
    pages += [first_residents_page(saved, queries[0], 2, 10)]
    assert pages == expected_pages
    assert pages[0].total == 4 and pages[-1].rows


def test_first_reads_change_nothing(saved: Path) -> None:
    before = digest(saved)
    first_plans(saved)
    first_residents_page(saved, ResidentQuery(), 0, 200)
    assert digest(saved) == before


@pytest.mark.parametrize("make", [_newer, _damaged, _foreign, _text])
def test_bad_files_refused_alike_and_untouched(tmp_path: Path, make) -> None:
    path = make(tmp_path)
    before = digest(path)
    with pytest.raises(Exception) as slow:
        open_for_app(path)
    with pytest.raises(Exception) as fast:
        open_for_app(path, defer_bind=True)
    assert type(fast.value) is type(slow.value) and str(fast.value) == str(slow.value)
    assert digest(path) == before
    assert db_file.pending_path() is None and bk.list_backups(path) == []


def test_old_file_is_migrated_at_once(tmp_path: Path) -> None:
    old = tmp_path / "schema_v1.db"
    shutil.copy(DATA / "schema_v1.db", old)
    opened = open_for_app(old, defer_bind=True)
    try:
        assert opened.bound and db_file.pending_path() is None
        assert database.obj.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert list_plans()
    finally:
        close_database()
        opened.lock.release()


@pytest.mark.parametrize("make", [None, _empty_sqlite])
def test_new_file_is_made_at_once(tmp_path: Path, make) -> None:
    path = make(tmp_path) if make else tmp_path / "new.db"
    opened = open_for_app(path, defer_bind=True)
    try:
        assert opened.bound and db_file.pending_path() is None and list_plans() == []
    finally:
        close_database()
        opened.lock.release()


def test_the_days_first_open_checks_every_page_before_deferring(saved: Path,
                                                                monkeypatch) -> None:
    checks: list[bool] = []
    real = db_file.inspect_file
    def inspect(p: Path, full_check: bool = True) -> object:
        checks.append(full_check)
        return real(p, full_check=full_check)

    monkeypatch.setattr(db_file, "inspect_file", inspect)
    for _ in range(2):
        opened = _open_deferred(saved)
        db_file.close_data_file()
        opened.lock.release()
    assert checks == [True, False]  # the full check once a day, with the daily backup


def test_closing_a_pending_file_forgets_it(saved: Path) -> None:
    opened = _open_deferred(saved)
    db_file.close_data_file()
    opened.lock.release()
    assert db_file.pending_path() is None and _unbound()
