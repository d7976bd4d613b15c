"""Check-in at the door driven by real key presses on a shown dialog, the status read back from
the data file through a connection of its own: Enter checks a person in and they stay checked in
(the dialog's buttons must not take the Enter too); Enter on the match list the same; 撤销 still
works when clicked."""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from models.signups.records import NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity
from ui.operations import DataHub
from ui.signups.checkin_mode import CheckInMode

NOW = datetime(2026, 10, 10, 9, 0)
# Showing a window offscreen logs notes about the platform, not faults.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def stored_status(db: Path, name: str) -> str:
    """The sign-up's status as the data file holds it (a separate, read-only connection)."""
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT status FROM signup WHERE name = ?", (name,)).fetchall()
    finally:
        con.close()
    assert len(rows) == 1, rows
    return str(rows[0][0])


def shown_mode(qtbot, plan: int) -> CheckInMode:
    mode = CheckInMode(plan, "测试活动", DataHub())
    qtbot.addWidget(mode)
    mode.show()
    qtbot.waitExposed(mode)
    mode.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is mode)  # focus follows the active one
    mode.search.setFocus()
    return mode


def people(plan: int, *names: str) -> None:
    for i, name in enumerate(names):
        sign_up(plan, NewSignup(name=name, phone=f"1390000{i:04d}"), now=NOW)


def test_enter_after_a_chinese_name_checks_in_and_it_stays(qtbot, db_path: Path) -> None:
    plan = make_activity(capacity=None)
    people(plan, "李明", "王五")
    mode = shown_mode(qtbot, plan)
    mode.search.setText("李明")  # Chinese as an input method would give it
    QTest.keyClick(mode.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert "李明 签到成功" in mode.message.text(), mode.message.text()
    assert mode.counter.text() == "已签到 1 / 应到 2"
    assert stored_status(db_path, "李明") == "已签到"
    # The keypad's Enter too.
    mode.search.setText("王五")
    QTest.keyClick(mode.search, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.wait(50)
    assert stored_status(db_path, "王五") == "已签到"
    assert mode.counter.text() == "已签到 2 / 应到 2"


def test_enter_after_typed_initials_checks_in(qtbot, db_path: Path) -> None:
    plan = make_activity(capacity=None)
    people(plan, "张三丰", "王五")
    mode = shown_mode(qtbot, plan)
    QTest.keyClicks(mode.search, "zsf")  # ASCII only: keyClicks with Chinese aborts
    QTest.keyClick(mode.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert "张三丰 签到成功" in mode.message.text(), mode.message.text()
    assert stored_status(db_path, "张三丰") == "已签到"
    assert stored_status(db_path, "王五") == "已报名"
    assert mode.search.text() == "" and mode.search.hasFocus()  # ready for the next person


def test_enter_on_the_match_list_checks_in_the_chosen_one(qtbot, db_path: Path) -> None:
    plan = make_activity(capacity=None)
    people(plan, "李明", "李敏")
    mode = shown_mode(qtbot, plan)
    QTest.keyClicks(mode.search, "lm")
    QTest.keyClick(mode.search, Qt.Key.Key_Return)
    assert mode.matches.isVisible() and mode.matches.count() == 2
    assert mode.matches.hasFocus()
    QTest.keyClick(mode.matches, Qt.Key.Key_Down)
    QTest.keyClick(mode.matches, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert "李敏 签到成功" in mode.message.text(), mode.message.text()
    assert stored_status(db_path, "李敏") == "已签到"
    assert stored_status(db_path, "李明") == "已报名"
    assert mode.counter.text() == "已签到 1 / 应到 2"
    assert mode.search.hasFocus()  # back to the field for the next person


def test_undo_still_works_when_clicked_and_no_button_is_default(qtbot, db_path: Path) -> None:
    plan = make_activity(capacity=None)
    people(plan, "李明")
    mode = shown_mode(qtbot, plan)
    assert not any(b.isDefault() or b.autoDefault() for b in mode.findChildren(QPushButton))
    mode.search.setText("李明")
    QTest.keyClick(mode.search, Qt.Key.Key_Return)
    assert stored_status(db_path, "李明") == "已签到"
    qtbot.mouseClick(mode.undo_button, Qt.MouseButton.LeftButton)
    assert "已撤销 李明" in mode.message.text()
    assert stored_status(db_path, "李明") == "已报名"
    assert mode.counter.text() == "已签到 0 / 应到 1"
    # Enter in an empty field does nothing (no button takes it).
    mode.search.setFocus()
    QTest.keyClick(mode.search, Qt.Key.Key_Return)
    assert stored_status(db_path, "李明") == "已报名" and mode.isVisible()


def test_masked_and_full_sign_in_pdf_are_offered_different_names(qtbot, db_path: Path,
                                                                  monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.context import AppContext
    from ui.signups.area import SignupsArea

    plan = make_activity("重阳节登山活动", capacity=None)
    people(plan, "李明")
    area = SignupsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    assert area.select_activity(plan)
    offered: list[str] = []

    def ask(_parent, _title, suggested, _filter="", *a, **k):
        offered.append(Path(suggested).name)
        return "", ""  # the clerk cancels: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    actions = {a.text(): a for a in area.export_button.menu().actions()}
    actions["签到表（PDF）…"].trigger()
    actions["签到表（PDF，姓名也隐去）…"].trigger()
    full, masked = offered
    assert full == "重阳节登山活动签到表.pdf"
    assert masked == "重阳节登山活动签到表（隐去姓名）.pdf"
