"""One waitlisted person has one place in the queue, the same on every screen and on the command
line (候补第 N 位, from the live queue: it moves up when someone ahead cancels); the fixed sign-up
number is shown only where it is labelled 报名序号."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

import main
from models.datafile.db import close_database
from models.signups.records import NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity, make_resident
from ui.context import AppContext
from ui.operations import DataHub
from ui.signups.area import SignupsArea
from ui.signups.checkin_mode import CheckInMode
from ui.signups.model import COL_NAME, COL_NOTE

NOW = datetime(2026, 10, 10, 9, 0)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def grid_note(area: SignupsArea, name: str) -> str:
    model = area.model
    for row in range(model.rowCount()):
        if model.data(model.index(row, COL_NAME)) == name:
            return str(model.data(model.index(row, COL_NOTE))).split("；")[0]  # the first remark
    raise AssertionError(f"{name} not in the grid")


def check_in_message(qtbot, plan: int, name: str) -> str:
    mode = CheckInMode(plan, "测试活动", DataHub())
    qtbot.addWidget(mode)
    mode.search.setText(name)
    QTest.keyClick(mode.search, Qt.Key.Key_Return)
    return mode.message.text()


def test_a_waitlisted_person_has_one_place_everywhere(qtbot, db_path: Path, monkeypatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    plan = make_activity(capacity=2)
    for name in ("甲一", "乙二", "丙三", "丁四", "戊五"):  # 甲 乙 seated; 丙 丁 戊 waiting
        sign_up(plan, NewSignup(name=name, phone="13800001111"), now=NOW)
    make_resident("己六", phone="13900006666")
    hub = DataHub()
    said: list[str] = []
    hub.message.connect(said.append)  # what the main window's status bar shows
    area = SignupsArea(AppContext(hub, db_path))
    qtbot.addWidget(area)
    assert area.select_activity(plan)
    assert area.model.headerData(0, Qt.Orientation.Horizontal) == "报名序号"

    area.search.setText("己六")
    QTest.keyClick(area.search, Qt.Key.Key_Return)
    assert area.results.count() == 1
    qtbot.mouseClick(area.add_button, Qt.MouseButton.LeftButton)
    # 报名序号 6, but fourth in the queue: the status bar, the grid and the door say 4.
    assert "候补第 4 位" in said[-1] and "6" not in said[-1], said
    assert grid_note(area, "己六") == "候补第 4 位"
    at_door = check_in_message(qtbot, plan, "己六")
    assert "候补第 4 位" in at_door and "6" not in at_door, at_door

    # 丙三, ahead in the queue, cancels: everyone behind moves up.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("不来了", True))
    area.select_signup(next(r.id for r in area.model.rows if r.name == "丙三"))
    qtbot.mouseClick(area.cancel_button, Qt.MouseButton.LeftButton)
    assert grid_note(area, "丁四") == "候补第 1 位"
    assert grid_note(area, "己六") == "候补第 3 位"
    at_door = check_in_message(qtbot, plan, "己六")
    assert "候补第 3 位" in at_door, at_door

    assert main.main(["signups", "--db", str(db_path), "--activity", str(plan), "--json"]) == 0
    items = {i["name"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["己六"]["waitlist_place"] == 3 and items["己六"]["position"] == 6
    assert items["丁四"]["waitlist_place"] == 1
    assert items["甲一"]["waitlist_place"] is None
    assert main.main(["signups", "--db", str(db_path), "--activity", str(plan)]) == 0
    text = capsys.readouterr().out
    line = next(ln for ln in text.splitlines() if "己六" in ln)
    assert "候补第 3 位" in line
    assert "报名序号" in text  # the number on each line is labelled
    close_database()


def test_the_roster_shows_the_place_in_the_queue(db_path: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from exporters.signups.sheets import export_roster

    plan = make_activity(capacity=1)
    for name in ("甲一", "乙二", "丙三"):
        sign_up(plan, NewSignup(name=name), now=NOW)
    out = tmp_path / "名册.xlsx"
    export_roster(plan, out)
    ws = load_workbook(out)["报名名册"]
    header = [c.value for c in ws[2]]
    at = header.index("状态")
    status = {row[1]: row[at] for row in ws.iter_rows(min_row=3, values_only=True)}
    assert status == {"甲一": "已报名", "乙二": "候补第 1 位", "丙三": "候补第 2 位"}


def test_the_details_dialog_shows_the_place_and_labels_the_number(qtbot, db_path: Path) -> None:
    """详情… on a waitlisted row: 候补第 N 位 as everywhere else; the fixed number only beside its
    label 报名序号 (it used to say "候补（第 4 号报名）", a third number for one person)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from ui.signups.details_dialog import SignupDetailsDialog

    plan = make_activity(capacity=2)
    for name in ("甲一", "乙二", "丙三", "丁四"):  # 丙 丁 waiting: 丁四 is 报名序号 4, place 2
        sign_up(plan, NewSignup(name=name, phone="13800001111"), now=NOW)
    area = SignupsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    assert area.select_activity(plan)
    area.select_signup(next(r.id for r in area.model.rows if r.name == "丁四"))
    seen: list[list[str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignupDetailsDialog)
        seen.append([w.text() for w in dialog.findChildren(QLabel)])
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(200, read_and_close)
    qtbot.mouseClick(area.details_button, Qt.MouseButton.LeftButton)
    assert seen, "the dialog did not open"
    texts = seen[0]
    assert any("候补第 2 位" in t for t in texts), texts
    assert not any("号报名" in t for t in texts), texts
    assert texts[texts.index("报名序号") + 1] == "4", texts
