"""A residents import into a data file that holds data leaves a "before-import" backup first
(so a wrong file imported is undone by restoring it); into an empty file it makes none."""
from __future__ import annotations

from pathlib import Path

from models.datafile import backup as bk
from models.datafile.restore import restore_from
from models.residents.imports.importer import import_residents
from models.residents.service import count_residents
from tests.resident_factory import write_residents_csv


def _before_import(db_path: Path) -> list[bk.BackupInfo]:
    return [b for b in bk.list_backups(db_path) if b.reason == "before-import"]


def test_import_backs_up_a_file_that_holds_data(db_path: Path, tmp_path: Path) -> None:
    first = import_residents(write_residents_csv(tmp_path / "一.csv", 120, seed=1))
    assert first.imported > 100
    assert _before_import(db_path) == [], "nothing to lose in an empty file"

    second = import_residents(write_residents_csv(tmp_path / "二.csv", 80, seed=7))
    assert second.imported > 50
    backups = _before_import(db_path)
    assert len(backups) == 1
    assert backups[0].reason_label == "导入前"
    total = count_residents()
    assert total == first.imported + second.imported

    # The backup holds the register as it was before the second import.
    restore_from(db_path, backups[0].path)
    assert count_residents() == first.imported


def test_a_file_without_a_single_row_makes_no_backup(db_path: Path, tmp_path: Path) -> None:
    import_residents(write_residents_csv(tmp_path / "一.csv", 30, seed=1))
    empty = tmp_path / "空.csv"
    empty.write_text("姓名,性别,身份证号\n", encoding="utf-8")
    report = import_residents(empty)
    assert report.imported == 0
    assert _before_import(db_path) == []
