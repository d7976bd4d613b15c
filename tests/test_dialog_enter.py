"""Enter in a dialog's field presses no button it was not meant for (the QDialog default-button
trap): typed into the recycle bin's search, the figures' date and the clean-up's years, with real
key presses on shown dialogs, the data file read back; the buttons still work when clicked."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from models.residents.service import delete_residents
from models.signups.records import NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity, make_resident
from ui.operations import DataHub

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def in_bin(db: Path) -> int:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM resident WHERE deleted = 1").fetchone()[0]
    finally:
        con.close()


def test_enter_in_the_recycle_bin_search_restores_nobody(qtbot, db_path: Path) -> None:
    from ui.residents.recycle_bin_dialog import RecycleBinDialog

    ids = [make_resident(name, seq=i) for i, name in enumerate(("张三", "李四"))]
    delete_residents(ids)
    assert in_bin(db_path) == 2
    d = shown(qtbot, RecycleBinDialog(DataHub()))
    d.table.selectRow(0)
    d.search.setFocus()
    d.search.setText("张三")
    QTest.keyClick(d.search, Qt.Key.Key_Return)  # searches at once
    qtbot.wait(50)
    assert in_bin(db_path) == 2 and d.isVisible()
    assert d.model.total == 1
    d.table.selectRow(0)
    qtbot.mouseClick(d.restore_button, Qt.MouseButton.LeftButton)
    assert in_bin(db_path) == 1
    # A button with the focus still answers Enter itself.
    d.search.clear()
    QTest.keyClick(d.search, Qt.Key.Key_Return)
    d.table.selectRow(0)
    d.restore_button.setFocus()
    QTest.keyClick(d.restore_button, Qt.Key.Key_Return)
    assert in_bin(db_path) == 0


def test_enter_in_the_figures_date_opens_no_export(qtbot, db_path: Path, monkeypatch) -> None:
    from ui.residents.export_dialog import ResidentsExportDialog
    from ui.residents.figures_dialog import FiguresDialog

    make_resident("张三", date(1940, 1, 1))
    opened: list[str] = []
    monkeypatch.setattr(ResidentsExportDialog, "exec", lambda self: opened.append("export") or 0)
    d = shown(qtbot, FiguresDialog(None, DataHub()))
    d.on.setFocus()
    QTest.keyClick(d.on, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert opened == [] and d.isVisible()


def test_enter_in_the_cleanup_years_asks_nothing(qtbot, db_path: Path, monkeypatch) -> None:
    from ui.signups.cleanup_dialog import CleanupDialog

    today = date.today()
    old = make_activity("往年活动", start=datetime(today.year - 5, 10, 1, 9))
    sign_up(old, NewSignup(name="张三", phone="13912345678"), now=datetime(today.year - 5, 9, 1))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    d = shown(qtbot, CleanupDialog(DataHub()))
    assert d.clean_button.isEnabled()
    d.years.setFocus()
    d.years.selectAll()
    QTest.keyClicks(d.years, "4")
    QTest.keyClick(d.years, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert asked == [] and d.isVisible() and d.years.value() == 4
    qtbot.mouseClick(d.clean_button, Qt.MouseButton.LeftButton)
    assert asked and "确定清理" in asked[0]  # the button still asks when clicked
