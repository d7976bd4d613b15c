"""The residents export dialog: as filtered or all, masked by default, in the background."""
from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from models.residents.service import ResidentQuery, ResidentRecord, count_residents, save_resident
from ui.operations import DataHub
from ui.residents.export_dialog import ResidentsExportDialog

PEOPLE = [("张三明", "3幢", "13812345678", "11010519491231002X"),
          ("李四", "3幢", "13900001111", None),
          ("王五", "5幢", "", None)]


@pytest.fixture()
def people(db_path: Path, monkeypatch) -> Path:
    for name, building, phone, idn in PEOPLE:
        assert save_resident(ResidentRecord(name=name, building=building, phone=phone,
                                            id_number=idn)).saved
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    return db_path


def _run(qtbot, dialog: ResidentsExportDialog, target: Path) -> None:
    task = dialog.export_to(target)
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10000)
    assert task.result.ok, task.result.error


def test_filtered_export_is_masked_by_default(qtbot, people: Path, tmp_path: Path) -> None:
    query = ResidentQuery(building="3幢")
    dialog = ResidentsExportDialog(DataHub(), query, count_residents(query))
    qtbot.addWidget(dialog)
    assert dialog.masked.isChecked() and dialog.filtered_button.isChecked()
    target = tmp_path / "名册.xlsx"
    _run(qtbot, dialog, target)
    assert dialog.written == 2
    ws = load_workbook(target).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    text = repr(values)
    assert "张*明" in text and "110105********002X" in text and "138****5678" in text
    assert "张三明" not in text and "13812345678" not in text and "王五" not in text


def test_all_unmasked_csv_in_pinyin_order(qtbot, people: Path, tmp_path: Path) -> None:
    query = ResidentQuery(building="3幢")
    dialog = ResidentsExportDialog(DataHub(), query, count_residents(query))
    qtbot.addWidget(dialog)
    dialog.all_button.setChecked(True)
    dialog.masked.setChecked(False)
    assert not dialog.unmasked_note.isHidden()
    dialog.order.setCurrentIndex(dialog.order.findData("pinyin"))
    target = tmp_path / "名册.csv"
    _run(qtbot, dialog, target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["姓名", "性别", "出生日期"]
    assert [r[0] for r in rows[1:]] == ["李四", "王五", "张三明"]  # li, wang, zhang
    assert rows[3][3] == "11010519491231002X"


def _task_of(dialog: ResidentsExportDialog):
    """The running task, from the worker thread: the worker can reach its first row before the
    UI thread has stored the task it was started from (a race of the test, not of the app)."""
    deadline = time.monotonic() + 10
    while dialog.task is None and time.monotonic() < deadline:
        time.sleep(0.001)
    return dialog.task


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cancelled_export_leaves_no_file(qtbot, people: Path, tmp_path: Path, monkeypatch,
                                         suffix: str) -> None:
    dialog = ResidentsExportDialog(DataHub(), ResidentQuery(), count_residents())
    qtbot.addWidget(dialog)
    folder = tmp_path / "out"
    folder.mkdir()
    import exporters.residents.roster as xlsx

    original = xlsx.resident_values

    def cancel_on_second_row(rec, masked):
        if rec.name == "王五":
            _task_of(dialog).worker.progress.cancel()  # the clerk presses 取消 halfway
        return original(rec, masked)

    monkeypatch.setattr(xlsx, "resident_values", cancel_on_second_row)
    task = dialog.export_to(folder / ("名册" + suffix))
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10000)
    assert task.result.cancelled
    assert list(folder.iterdir()) == []  # neither the file nor a half-written temporary


def test_cancel_while_writing_the_workbook_leaves_no_file(qtbot, people: Path, tmp_path: Path,
                                                          monkeypatch) -> None:
    import exporters.residents.roster as xlsx

    dialog = ResidentsExportDialog(DataHub(), ResidentQuery(), count_residents())
    qtbot.addWidget(dialog)
    folder = tmp_path / "out"
    folder.mkdir()
    original = xlsx.FastRows.add
    written: list[int] = []

    def cancel_after_first_row(self, values, height=None):
        written.append(1)
        _task_of(dialog).worker.progress.cancel()  # every row was read; the file is being written
        return original(self, values, height)

    monkeypatch.setattr(xlsx.FastRows, "add", cancel_after_first_row)
    task = dialog.export_to(folder / "名册.xlsx")
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10000)
    assert written and task.result.cancelled
    assert list(folder.iterdir()) == []
