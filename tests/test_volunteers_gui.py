"""The 志愿服务 tab offscreen, driven with keys and clicks, the result read back from the data
file: a service typed from the keyboard (Enter walks 志愿者 -> 时长 -> 角色 -> the next line),
a wrong line refused with nothing written, a volunteer registered through the form, the minimums
view marking the short month, the ledger exported from the tab."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from models.volunteers.demo import make_demo_volunteers
from ui.context import AppContext
from ui.operations import DataHub
from ui.volunteers.area import VolunteersArea
from ui.volunteers.minimums import SHORT
from ui.volunteers.service_dialog import COL_NAME, COL_TIME, COL_WHO

TODAY = date.today()


@pytest.fixture()
def area(qtbot, db_path: Path) -> VolunteersArea:
    make_demo_volunteers(today=TODAY)
    widget = VolunteersArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _errors(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: seen.append(text) or 0)
    return seen


def _guarded(get_dialog, drive, failures: list[BaseException]):  # type: ignore[no-untyped-def]
    """Run drive() once the dialog is up; a failure inside is kept and the dialog closed, so a
    broken step fails the test instead of leaving a modal dialog waiting forever."""
    def run() -> None:
        dlg = get_dialog()
        if dlg is None or not dlg.isVisible():  # the click has not opened it yet: look again
            QTimer.singleShot(20, run)
            return
        try:
            dlg.activateWindow()
            QTest.qWaitForWindowActive(dlg, 3000)
            drive()
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            failures.append(exc)
        if dlg.isVisible():
            shown = dlg.error.text() if hasattr(dlg, "error") else ""
            failures.append(AssertionError(f"dialog left open: {shown!r}"))
            dlg.reject()
    return run


def _focus() -> QWidget:
    """The widget with the focus in the open dialog (offscreen, a modal dialog is not always
    made the active window, so QApplication.focusWidget() may still be the tab's button)."""
    dlg = QApplication.activeModalWidget()
    assert dlg is not None
    return dlg.focusWidget() or dlg


def _type(text: str) -> None:
    """ASCII keys into the focused box (a grid starts editing on the first key)."""
    for ch in text:
        QTest.keyClick(_focus(), ch)


def _enter() -> None:
    QTest.keyClick(_focus(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the grid commits a box on Enter through a queued call


def _sql(db: Path, sql: str, *params: object) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _members(db: Path, team: str) -> list[str]:
    return [r[0] for r in _sql(
        db, "SELECT v.number FROM volunteer v JOIN volunteer_team t ON t.id = v.team_id "
        "WHERE t.name = ? AND v.left IS NULL AND v.joined <= ? ORDER BY v.number", team,
        TODAY.isoformat())]


def test_service_typed_from_the_keyboard(qtbot, area: VolunteersArea, db_path: Path,
                                         monkeypatch) -> None:
    errors = _errors(monkeypatch)
    a, b = _members(db_path, "平安巡逻服务队")[:2]
    before = _sql(db_path, "SELECT COUNT(*) FROM service")[0][0]
    seen: dict[str, object] = {}

    def drive() -> None:
        dlg = area.service_dialog
        dlg.team.setCurrentIndex(dlg.team.findText("平安巡逻服务队"))
        dlg.content.setText("夜间平安巡逻")
        dlg.place.setText("各小区")
        grid = dlg.grid
        grid.setFocus()
        grid.setCurrentCell(0, COL_WHO)
        _type(a)
        _enter()  # -> 时长, prefilled with the default and selected
        seen["prefilled"] = grid.text(0, COL_TIME)
        seen["name"] = grid.text(0, COL_NAME)
        _type("1.5")
        _enter()  # -> 角色
        _enter()  # (no role) -> the next line, made for it
        seen["rows"] = grid.rowCount()
        _type(b)
        _enter()
        _type("1:20")
        _enter()
        _enter()
        seen["total"] = dlg.total.text()
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)

    failures: list[BaseException] = []
    QTimer.singleShot(0, _guarded(lambda: getattr(area, "service_dialog", None), drive, failures))
    QTest.mouseClick(area.buttons["service"], Qt.MouseButton.LeftButton)
    if failures:
        raise AssertionError(f"{failures[0]} (messages: {errors})")
    assert errors == []
    assert seen["prefilled"] == "2" and seen["rows"] == 2
    assert "平安巡逻服务队" in str(seen["name"])
    assert seen["total"] == "共 2 人，合计 2小时50分"
    assert _sql(db_path, "SELECT COUNT(*) FROM service")[0][0] == before + 1
    rows = _sql(db_path, "SELECT v.number, h.minutes, s.content, s.place, s.day, t.name "
                "FROM service_hours h JOIN volunteer v ON v.id = h.volunteer_id "
                "JOIN service s ON s.id = h.service_id JOIN volunteer_team t ON t.id = s.team_id "
                "WHERE s.id = (SELECT MAX(id) FROM service) ORDER BY v.number")
    assert rows == sorted([(a, 90, "夜间平安巡逻", "各小区", TODAY.isoformat(), "平安巡逻服务队"),
                           (b, 80, "夜间平安巡逻", "各小区", TODAY.isoformat(), "平安巡逻服务队")])


def test_a_wrong_line_is_named_and_nothing_is_written(qtbot, area: VolunteersArea,
                                                      db_path: Path, monkeypatch) -> None:
    _errors(monkeypatch)
    a = _members(db_path, "关爱帮扶服务队")[0]
    before = _sql(db_path, "SELECT COUNT(*), COUNT(DISTINCT service_id) FROM service_hours")
    seen: dict[str, object] = {}

    def drive() -> None:
        dlg = area.service_dialog
        dlg.content.setText("看望独居老人")
        dlg.grid.setFocus()
        dlg.grid.setCurrentCell(0, COL_WHO)
        _type(a)
        _enter()
        _type("99")  # 99 hours: not a service
        _enter()
        _enter()
        _type("ZY1")
        _enter()
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
        seen["error1"] = dlg.error.text()
        seen["open"] = dlg.isVisible()
        dlg.grid.item(0, COL_TIME).setText("3")
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
        seen["error2"] = dlg.error.text()
        dlg.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Cancel).click()

    failures: list[BaseException] = []
    QTimer.singleShot(0, _guarded(lambda: getattr(area, "service_dialog", None), drive, failures))
    QTest.mouseClick(area.buttons["service"], Qt.MouseButton.LeftButton)
    if failures:
        raise failures[0]
    assert seen["open"] is True
    assert "第 1 行" in str(seen["error1"]) and "24 小时" in str(seen["error1"])
    assert "第 2 行：找不到“ZY1”" in str(seen["error2"])
    assert _sql(db_path, "SELECT COUNT(*), COUNT(DISTINCT service_id) FROM service_hours") \
        == before


def test_register_a_volunteer_through_the_form(qtbot, area: VolunteersArea, db_path: Path,
                                               monkeypatch) -> None:
    errors = _errors(monkeypatch)

    def drive() -> None:
        dlg = area.volunteer_dialog
        dlg.name.setText("测试员")
        dlg.political.setCurrentText("入党积极分子")
        dlg.team.setCurrentIndex(dlg.team.findText("环境整治服务队"))
        dlg.phone.setFocus()
        _type("13912345678")
        _enter()  # stays in the field: the form is not saved half-filled
        assert dlg.isVisible()
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    failures: list[BaseException] = []
    QTimer.singleShot(0, _guarded(lambda: getattr(area, "volunteer_dialog", None), drive, failures))
    QTest.mouseClick(area.buttons["add"], Qt.MouseButton.LeftButton)
    if failures:
        raise failures[0]
    assert errors == []
    row = _sql(db_path, "SELECT v.name, v.phone, v.political, t.name, v.number FROM volunteer v "
               "JOIN volunteer_team t ON t.id = v.team_id WHERE v.name = '测试员'")
    assert len(row) == 1
    assert row[0][:4] == ("测试员", "13912345678", "入党积极分子", "环境整治服务队")
    assert area.select_number(row[0][4]), "the new volunteer shows in the tab"


def test_minimums_view_marks_the_short_month_and_members(area: VolunteersArea) -> None:
    if TODAY.month <= 8:
        area.year.setValue(TODAY.year - 1)  # the demo's missed August is last year's
    view = area.minimums
    teams = {view.teams.item(r, 0).text(): r for r in range(view.teams.rowCount())}
    row = teams["环境整治服务队"]
    august = view.teams.item(row, 8)
    assert august.text() == "0" and august.background().color() == SHORT
    assert "8月服务 0 次" in view.teams.item(row, 13).text()
    other = view.teams.item(teams["平安巡逻服务队"], 8)
    assert other.background().color() != SHORT
    assert view.members.rowCount() > 0
    reasons = [view.members.item(r, 6).text() for r in range(view.members.rowCount())]
    assert all("应至少" in r for r in reasons)


def test_ledger_exported_from_the_tab(qtbot, area: VolunteersArea, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    area.team.setCurrentIndex(area.team.findData(area.teams[0].id))
    out = tmp_path / "台帐.xlsx"
    area.export_ledger(out)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["年度汇总", area.teams[0].name]
    rows = list(wb["年度汇总"].iter_rows(min_row=3, values_only=True))
    assert len(rows) - 1 == area.people.rowCount()  # every member shown, plus the total line


def test_minimums_are_data_set_in_the_tab(qtbot, area: VolunteersArea, db_path: Path,
                                          monkeypatch) -> None:
    errors = _errors(monkeypatch)
    before = sum(1 for m in area.rows if m.check.reason)

    def drive() -> None:
        dlg = area.rule_dialog
        dlg.per_year.setFocus()
        QTest.keyClick(dlg.per_year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dlg.per_year, "40")
        QTest.keyClick(dlg.per_year, Qt.Key.Key_Return)  # stays: the dialog is not saved yet
        assert dlg.isVisible()
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    failures: list[BaseException] = []
    QTimer.singleShot(0, _guarded(lambda: getattr(area, "rule_dialog", None), drive, failures))
    QTest.mouseClick(area.buttons["rule"], Qt.MouseButton.LeftButton)
    if failures:
        raise AssertionError(f"{failures[0]} (messages: {errors})")
    assert _sql(db_path, "SELECT team_id, team_per_month, member_per_year, measure, "
                "training_counts FROM volunteer_rule") == [(None, 1, 40, "次", 0)]
    after = sum(1 for m in area.rows if m.check.reason)
    assert after > before, "the tab re-read the figures against the new rule"
