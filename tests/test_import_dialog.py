"""The import dialog offscreen on a messy roster (tests/roster_factory.py; the shared sample too
where it is kept): mapping, preview, import in the background, the report with the truth's
counts; a cancel halfway changes nothing."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models.datafile.db import database
from models.residents.service import count_residents
from tests.roster_factory import Roster
from ui.operations import DataHub
from ui.residents.import_dialog import PAGE_MAPPING, PAGE_PREVIEW, PAGE_REPORT, ImportDialog
from ui.residents.import_pages import COL_EXPLANATION


def _dump_digest() -> str:
    """Every row of every table, so "unchanged" means unchanged."""
    conn = database.obj.connection()
    return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def _to_preview(qtbot, dialog: ImportDialog, roster: Roster) -> None:
    dialog.path_edit.setText(str(roster.xlsx))
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=10000)
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=10000)


@pytest.fixture()
def dialog(qtbot, db_path: Path) -> ImportDialog:
    widget = ImportDialog(DataHub())
    qtbot.addWidget(widget)
    return widget


def test_mapping_page_shows_detected_headers(qtbot, dialog: ImportDialog,
                                             roster: Roster) -> None:
    dialog.path_edit.setText(str(roster.xlsx))
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=10000)
    names = [e.info.name for e in dialog.editors]
    for sheet in {r["sheet"] for r in roster.truth["rows"]}:
        assert sheet in names
        editor = dialog.editors[names.index(sheet)]
        assert editor.header_row.value() > 0 and "name" in editor.columns().values()
        want = {c: f for f, c in roster.columns(sheet).items()}
        assert not want or editor.columns() == want, sheet
    # The clerk unmaps the name column of a data sheet: the dialog refuses to go on, and says why.
    editor = next(e for e in dialog.editors if e.header_row.value())
    name_col = next(c for c, f in editor.columns().items() if f == "name")
    editor.combos[name_col].setCurrentIndex(0)
    assert not dialog.next_button.isEnabled() and "姓名" in editor.note.text()
    editor.combos[name_col].setCurrentIndex(editor.combos[name_col].findData("name"))
    assert dialog.next_button.isEnabled()


def test_roster_imports_to_the_truth_counts(qtbot, dialog: ImportDialog, tmp_path: Path,
                                            monkeypatch, roster: Roster) -> None:
    counts = roster.truth["counts"]
    _to_preview(qtbot, dialog, roster)
    assert dialog.preview_model.rowCount() > 0
    assert sum(dialog.preview.data_rows.values()) == counts["total"]
    assert count_residents() == 0  # the preview writes nothing
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=30000)
    report = dialog.report
    assert (report.imported, report.rejected, report.duplicates) == (
        counts["import"], counts["reject"], counts["duplicate"])
    assert count_residents() == counts["import"]
    assert dialog.report_model.rowCount() == counts["reject"] + counts["duplicate"]
    assert f"导入 <b>{counts['import']}</b> 人" in dialog.report_label.text()
    reasons = {dialog.report_model.index(r, COL_EXPLANATION).data()
               for r in range(dialog.report_model.rowCount())}
    assert any("身份证号" in r for r in reasons) and any(r.startswith("与") for r in reasons)

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    target = tmp_path / "报告.xlsx"
    task = dialog.save_report_to(target)
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10000)
    assert task.result.ok and target.exists()


def test_cancel_halfway_leaves_the_data_file_unchanged(qtbot, dialog: ImportDialog,
                                                       monkeypatch, made_roster: Roster) -> None:
    from models.residents.imports import importer

    _to_preview(qtbot, dialog, made_roster)
    before = _dump_digest()
    written: list[int] = []
    original = importer._write

    def write_then_cancel(rows, *args, **kwargs):
        original(rows, *args, **kwargs)
        written.append(len(rows))
        dialog.task.worker.progress.cancel()  # the clerk presses 取消 with the rows written

    monkeypatch.setattr(importer, "_write", write_then_cancel)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    dialog.go_next()
    qtbot.waitUntil(lambda: not dialog.task.is_running(), timeout=30000)
    assert written and written[0] > 0  # the rows had really been written when it was cancelled
    assert dialog.task.result.cancelled
    assert told and "没有任何改动" in told[0]
    assert dialog.pages.currentIndex() == PAGE_PREVIEW
    assert count_residents() == 0
    assert _dump_digest() == before


def test_header_row_can_be_moved_and_mapping_follows(qtbot, dialog: ImportDialog,
                                                     made_roster: Roster) -> None:
    dialog.path_edit.setText(str(made_roster.xlsx))
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=10000)
    editor = next(e for e in dialog.editors if e.header_row.value())
    row = editor.header_row.value()
    editor.header_row.setValue(1)  # the title line: no name column there
    assert "name" not in editor.columns().values()
    assert not dialog.next_button.isEnabled()
    editor.header_row.setValue(row)
    assert "name" in editor.columns().values() and dialog.next_button.isEnabled()
    editor.header_row.setValue(0)  # 不导入此工作表
    assert editor.mapping().header_row is None and dialog.next_button.isEnabled()


def test_gbk_csv_with_a_title_line_and_a_corrected_column(qtbot, tmp_path: Path,
                                                          db_path: Path) -> None:
    csv_path = tmp_path / "名单.csv"
    csv_path.write_bytes(("幸福社区居民名单\n"
                          "名字,手机号,身份证号,住处\n"
                          "张三,138-1234-5678,11010519491231002X,5幢101\n"
                          "李四,13900001111,,6幢202\n").encode("gbk"))
    dialog = ImportDialog(DataHub())
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(csv_path))
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=10000)
    (editor,) = dialog.editors
    assert editor.header_row.value() == 2
    assert editor.columns().get(3) is None  # "住处" is not a known wording
    editor.combos[3].setCurrentIndex(editor.combos[3].findData("address"))  # the clerk says so
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=10000)
    dialog.go_next()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=10000)
    assert (dialog.report.imported, dialog.report.rejected, dialog.report.duplicates) == (2, 0, 0)
    from models.residents.service import ResidentQuery, search_residents

    rows = search_residents(ResidentQuery(text="张三")).rows
    assert rows[0].phone == "13812345678" and rows[0].address == "5幢101"
