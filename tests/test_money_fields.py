"""The plan's fee field and the budget grid's money cells, typed into as a clerk does (Chinese by
setText or an input-method commit, keys through QTest), saved with Ctrl+S, read back from the data
file through a connection of its own, and printed: "30元5" is thirty yuan five jiao everywhere."""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox

from models.plans.records import BudgetRow, PlanRecord
from models.plans.service import save_plan
from tests.pdf_reading import all_text, read_pages
from ui.plans.editor import PlanEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_plan() -> int:
    return save_plan(PlanRecord(
        title="重阳节敬老登高活动方案", start=datetime(2026, 10, 18, 8, 30),
        end=datetime(2026, 10, 18, 11, 30), fee_fen=1000,
        budget=[BudgetRow("矿泉水", 60, "瓶", 150, "社区提供")]))


def stored(db: Path, sql: str, *args: object) -> object:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def type_chinese(widget: QLineEdit, text: str) -> None:
    """What an input method does: commit the text at the cursor (emits textEdited)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture()
def editor(qtbot, db_path: Path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *a, **k: warnings.append(text))
    widget = PlanEditor(make_plan())
    widget.warnings = warnings
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.isActiveWindow())  # Ctrl+S needs its window active
    return widget


def ctrl_s(qtbot, editor, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_fee_30yuan5_is_30_50_read_back_and_printed(qtbot, editor, db_path: Path,
                                                    tmp_path: Path) -> None:
    plan_id = editor.plan_id()
    box = editor.field_widget("fee_fen")
    fee = box.findChild(QLineEdit)
    read_back = box.findChild(QLabel, "readBack")
    fee.setFocus()
    fee.selectAll()
    fee.setText("30元5")
    assert read_back.text() == "＝ 30.50 元"
    QTest.keyClick(fee, Qt.Key.Key_Tab)
    with qtbot.waitSignal(editor.saved, timeout=3000):
        ctrl_s(qtbot, editor, editor.field_widget("title"))
    assert stored(db_path, "SELECT fee_fen FROM plan WHERE id = ?", plan_id) == 3050

    # Typed with keys: the value read follows each key.
    fee.setFocus()
    fee.selectAll()
    QTest.keyClicks(fee, "45.5")
    assert read_back.text() == "＝ 45.50 元"
    fee.setText("叁拾元伍角")
    assert read_back.text() == "＝ 30.50 元"

    # A negative fee is refused on the field itself and never saved.
    fee.selectAll()
    QTest.keyClicks(fee, "-5")
    assert "负数" in read_back.text() and fee.styleSheet()
    assert "负数" in fee.toolTip()
    ctrl_s(qtbot, editor, fee)
    assert editor.warnings and "负数" in editor.warnings[-1]
    assert stored(db_path, "SELECT fee_fen FROM plan WHERE id = ?", plan_id) == 3050
    fee.setText("30元5角")
    assert read_back.text() == "＝ 30.50 元" and not fee.styleSheet()
    with qtbot.waitSignal(editor.saved, timeout=3000):
        ctrl_s(qtbot, editor, fee)

    from exporters.plans.pdf import export_plan_pdf
    from models.plans.service import load_plan

    out = tmp_path / "方案.pdf"
    export_plan_pdf(load_plan(plan_id), out)
    text = all_text(read_pages(out.read_bytes()))
    assert "每人30.50元" in text and "305.00" not in text


def test_budget_cell_30yuan5_with_keys_and_an_input_method(qtbot, editor, db_path: Path) -> None:
    plan_id = editor.plan_id()
    grid = editor.grid("budget")
    editor.show_section("费用预算")
    column = grid.model.column_of("unit_price_fen")
    index = grid.model.index(0, column)
    grid.view.setFocus()
    grid.view.setCurrentIndex(index)
    QTest.keyClick(grid.view, Qt.Key.Key_3)  # any key opens the cell's editor with it
    cell = grid.view.indexWidget(index)
    assert isinstance(cell, QLineEdit)
    QTest.keyClicks(cell, "0")
    type_chinese(cell, "元")
    QTest.keyClicks(cell, "5")
    assert cell.text() == "30元5"
    assert grid.hint.text() == "＝ 30.50 元"
    QTest.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.view.indexWidget(index) is None)  # Qt closes it queued
    assert index.data() == "30.50"
    with qtbot.waitSignal(editor.saved, timeout=3000):
        ctrl_s(qtbot, editor, grid.view)
    sql = "SELECT unit_price_fen FROM budget_line WHERE plan_id = ?"
    assert stored(db_path, sql, plan_id) == 3050

    # A negative amount: refused with the reason on the cell and under the grid; never saved.
    grid.view.setCurrentIndex(index)
    QTest.keyClick(grid.view, Qt.Key.Key_Minus)
    cell = grid.view.indexWidget(index)
    assert cell.text() == "-"
    QTest.keyClicks(cell, "5")
    assert "负数" in grid.hint.text() and "负数" in cell.toolTip() and cell.styleSheet()
    QTest.keyClick(cell, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: grid.view.indexWidget(index) is None)
    assert index.data() == "30.50"
    ctrl_s(qtbot, editor, grid.view)
    assert stored(db_path, sql, plan_id) == 3050
    # More than two decimals the same.
    grid.view.setCurrentIndex(index)
    QTest.keyClick(grid.view, Qt.Key.Key_1)
    QTest.keyClicks(grid.view.indexWidget(index), ".005")
    assert "两位小数" in grid.hint.text()
    QTest.keyClick(grid.view.indexWidget(index), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.view.indexWidget(index) is None)
    assert index.data() == "30.50"
    assert stored(db_path, sql, plan_id) == 3050


def test_no_negative_money_is_stored_whatever_the_way_in(db_path: Path) -> None:
    from models.plans.service import PlanError, load_plan

    plan_id = make_plan()
    for change in ({"fee_fen": -500}, {"budget": [BudgetRow("水", 1, "瓶", -150)]},
                   {"budget": [BudgetRow("水", 1, "瓶", 150, actual_fen=-1)]}):
        rec = load_plan(plan_id)
        for key, value in change.items():
            setattr(rec, key, value)
        with pytest.raises(PlanError, match="负数"):
            save_plan(rec)
    assert stored(db_path, "SELECT fee_fen FROM plan WHERE id = ?", plan_id) == 1000
    sql = "SELECT unit_price_fen FROM budget_line WHERE plan_id = ?"
    assert stored(db_path, sql, plan_id) == 150
