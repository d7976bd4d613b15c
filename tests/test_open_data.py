"""run_gui's way into the data file: refusals explained, the newest backup offered."""
from __future__ import annotations

from pathlib import Path

import pytest

from models.datafile import backup as bk
from models.datafile.db import close_database, open_database
from models.plans.records import PlanRecord
from models.plans.service import list_plans, save_plan
from tests.test_backup import _damaged, _newer, digest
from tests.test_instance_lock import other_copy
from ui.datafile.open_data import open_data_file


@pytest.fixture()
def told() -> list[str]:
    return []


def run(path: Path, told: list[str], answer: bool = True):
    return open_data_file(path, ask=lambda text: told.append("ask: " + text) or answer,
                          refuse=lambda parent, text: told.append("refuse: " + text),
                          warn=lambda parent, text: told.append("warn: " + text))


def test_opens_and_backs_up(tmp_path: Path, told: list[str], qtbot) -> None:
    opened = run(tmp_path / "activities.db", told)
    try:
        assert opened is not None and told == []
    finally:
        close_database()
        opened.lock.release()


def test_second_copy_told_who_has_it(tmp_path: Path, told: list[str], qtbot) -> None:
    path = tmp_path / "activities.db"
    with other_copy(path):
        assert run(path, told) is None
    assert len(told) == 1 and told[0].startswith("refuse: ") and "另一个" in told[0]


def test_newer_file_refused_without_offer(tmp_path: Path, told: list[str], qtbot) -> None:
    path = _newer(tmp_path)
    before = digest(path)
    assert run(path, told) is None
    assert [t[:7] for t in told] == ["refuse:"] and "更新版本" in told[0]
    assert digest(path) == before


def test_damaged_file_restored_from_newest_backup(tmp_path: Path, told: list[str], qtbot) -> None:
    path = tmp_path / "activities.db"
    open_database(path)
    save_plan(PlanRecord(title="春节联欢"))
    close_database()
    bk.backup_now(path)
    path.unlink()
    damaged = _damaged(tmp_path)
    damaged.rename(path)
    opened = run(path, told)
    try:
        assert opened is not None
        assert told[0].startswith("ask: ") and "已损坏" in told[0] and "手动备份" in told[0]
        assert [p.title for p in list_plans()] == ["春节联欢"]
    finally:
        close_database()
        opened.lock.release()


def test_damaged_file_offer_declined(tmp_path: Path, told: list[str], qtbot) -> None:
    path = tmp_path / "activities.db"
    open_database(path)
    close_database()
    bk.backup_now(path)
    path.unlink()
    _damaged(tmp_path).rename(path)
    before = digest(path)
    assert run(path, told, answer=False) is None
    assert [t[:5] for t in told] == ["ask: "]  # the offer said what was wrong: no second box
    assert digest(path) == before
