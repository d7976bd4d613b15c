"""The residents tab's 户与状态 dialog, driven with real clicks and keys and read back from the
data file: a person's household and its members, moving a person to another household found by
address, a new household with the person as head, the head picked, a status set (and the person
leaving the grid until 含已迁出、去世 is ticked)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.residents.imports.importer import import_residents
from models.residents.service import find_by_id_number
from tests.household_factory import HouseholdSheet
from tests.roster_factory import RosterSpec, make_roster
from ui.context import AppContext
from ui.operations import DataHub
from ui.residents.area import ResidentsArea
from ui.residents.household_dialog import HouseholdDialog


@pytest.fixture()
def register(db_path: Path, tmp_path: Path) -> dict:
    path = tmp_path / "register.xlsx"
    truth = make_roster(path, RosterSpec(seed=4, sheets=[HouseholdSheet("9幢", "9幢", 12)],
                                         check_quirks=False))
    import_residents(path)
    return truth


def _row(db: Path, sql: str, *args: object) -> tuple:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchone()
    finally:
        con.close()


def test_household_dialog_moves_a_person_and_sets_the_head_and_status(
        qtbot, db_path: Path, register: dict, tmp_path: Path) -> None:
    rows = [t["expect"] for t in register["rows"]]
    first, second = rows[0], next(r for r in rows if r["household"] != rows[0]["household"])
    person = find_by_id_number(first["id"])
    other = find_by_id_number(second["id"])
    hub = DataHub()
    dialog = HouseholdDialog(hub, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.members.topLevelItem(0).text(0) == first["name"]
    assert dialog.members.topLevelItem(0).text(1) == "户主"
    assert first["building"] + first["unit"] + first["room"] in dialog.address.text()
    dialog.grab().save(str(tmp_path / "household.png"))
    # Move to the other household, found by its head's name (Enter in the search field).
    dialog.find.setText(second["name"])
    QTest.keyClick(dialog.find, Qt.Key.Key_Return)
    assert dialog.found.count() >= 1 and dialog.isVisible()
    dialog.relation.setCurrentIndex(dialog.relation.findData("子"))
    QTest.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert _row(db_path, "SELECT household_id, relation FROM resident WHERE id = ?",
                person.id) == (other.household_id, "子")
    # Pick this person as the head: the former head's relationship is left to fill.
    QTest.mouseClick(dialog.make_head_button, Qt.MouseButton.LeftButton)
    assert _row(db_path, "SELECT relation FROM resident WHERE id = ?", person.id) == ("户主",)
    assert _row(db_path, "SELECT relation FROM resident WHERE id = ?", other.id) == ("",)
    # A new household with this person as head, at the person's address.
    QTest.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    hid, relation = _row(db_path, "SELECT household_id, relation FROM resident WHERE id = ?",
                         person.id)
    assert hid not in (None, other.household_id) and relation == "户主"
    assert _row(db_path, "SELECT building, room FROM household WHERE id = ?", hid) == (
        first["building"], first["room"])
    # 迁出 on a day: stored, and the person leaves the grid until asked for.
    dialog.status.setCurrentIndex(dialog.status.findData("迁出"))
    dialog.left_on.setDate(dialog.left_on.date().addDays(-3))
    day = dialog.left_on.date().toPython().isoformat()
    QTest.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    assert _row(db_path, "SELECT status, left_on FROM resident WHERE id = ?", person.id) == (
        "迁出", day)
    dialog.grab().save(str(tmp_path / "household_left.png"))
    area = ResidentsArea(AppContext(hub, db_path))
    qtbot.addWidget(area)
    area.show()
    area.search.setText(first["name"])
    QTest.keyClick(area.search, Qt.Key.Key_Return)
    assert area.model.total == 0
    QTest.mouseClick(area.include_left, Qt.MouseButton.LeftButton)
    assert area.include_left.isChecked() and area.model.total == 1
    # Listed again, but marked: the status after the name, every cell grey, and the tooltip
    # gives the day and says the record is kept; someone still here is shown as before.
    name = area.model.index(0, 0)
    assert name.data() == f"{first['name']}（迁出）"
    assert f"已迁出 {day}，保留记录" in name.data(Qt.ItemDataRole.ToolTipRole)
    assert area.model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "保留记录" in area.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    area.search.setText(second["name"])
    QTest.keyClick(area.search, Qt.Key.Key_Return)
    assert area.model.total == 1 and area.model.index(0, 0).data() == second["name"]
    assert area.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_area_opens_the_household_of_the_selected_person(qtbot, db_path: Path,
                                                             register: dict,
                                                             monkeypatch) -> None:
    area = ResidentsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    area.show()
    opened: list[HouseholdDialog] = []
    monkeypatch.setattr(HouseholdDialog, "exec", lambda self: opened.append(self) or 0)
    assert not area.act_household.isEnabled()
    area.table.setFocus()
    QTest.keyClick(area.table.viewport(), Qt.Key.Key_Down)
    area.table.selectRow(0)
    assert area.act_household.isEnabled()
    area.act_household.trigger()
    assert opened and opened[0].resident_id == area.selected_ids()[0]
    assert opened[0].members.topLevelItemCount() >= 1


def test_figures_count_households(qtbot, db_path: Path, register: dict, tmp_path: Path) -> None:
    from ui.residents.figures_dialog import FiguresDialog

    dialog = FiguresDialog(None, DataHub())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.figures is not None, timeout=10000)
    people = len(register["rows"])
    assert "12 户" in dialog.total_label.text()
    assert f"{people / 12:.2f}" in dialog.total_label.text()
    table = dialog.tables["household"]
    sizes = {}
    for t in register["rows"]:
        sizes[t["expect"]["household"]] = sizes.get(t["expect"]["household"], 0) + 1
    want = {f"{n}人户": sum(1 for v in sizes.values() if v == n) for n in set(sizes.values())}
    got = {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in range(table.rowCount())}
    assert got == want
    assert "（12户）" in dialog.text.toPlainText()
    dialog.grab().save(str(tmp_path / "figures.png"))


def test_undo_last_import_from_the_toolbar(qtbot, db_path: Path, register: dict,
                                           monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QToolBar

    area = ResidentsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    area.show()
    assert area.model.total == len(register["rows"])
    asked: list[str] = []

    def yes(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    bar = area.findChild(QToolBar)
    QTest.mouseClick(bar.widgetForAction(area.act_undo_import), Qt.MouseButton.LeftButton)
    assert asked and "register.xlsx" in asked[0]
    assert _row(db_path, "SELECT count(*) FROM resident") == (0,)
    assert _row(db_path, "SELECT count(*) FROM household") == (0,)
    assert area.model.total == 0  # the grid re-read after the announced change
