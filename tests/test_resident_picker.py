"""The one resident picker (ui/widgets/resident_picker.py) where a clerk names a person: a contest
entrant and a volunteer's link, found by pinyin initials or the phone's tail with keys (Enter
searches, Down goes to the matches, Enter picks and goes no further), or typed in as a
non-resident; and the volunteers' yearly assessment from the 志愿服务 tab and from the command
line. Every result is read back from the data file."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

import main
from models.contests import service as contests
from models.contests.records import NewContest
from models.datafile.db import close_database
from models.residents.records import ResidentRecord
from models.residents.service import save_resident
from ui.context import AppContext
from ui.operations import DataHub

YEAR = date.today().year


def _sql(db: Path, query: str, *args: object) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def _residents() -> tuple[int, int]:
    """Two 张三丰-like names so a search has to be narrowed; returns (张三丰, 张思峰)."""
    a = save_resident(ResidentRecord(name="张三丰", phone="13912345678", gender="男",
                                     building="5幢", unit="1单元", room="302室")).resident_id
    b = save_resident(ResidentRecord(name="张思峰", phone="13800002345", gender="男",
                                     building="7幢", unit="2单元", room="101室")).resident_id
    assert a is not None and b is not None
    return a, b


def _answer(monkeypatch: pytest.MonkeyPatch, cls: type, fill) -> list[QDialog]:  # type: ignore[no-untyped-def]
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        fill(dialog)
        if dialog.isVisible():
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(cls, "exec", run)
    return seen


def _save(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = (box.button(QDialogButtonBox.StandardButton.Ok)
              or box.button(QDialogButtonBox.StandardButton.Save))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _search_and_pick(picker, keys: str, expect: int = 1) -> None:  # type: ignore[no-untyped-def]
    picker.search.setFocus()
    QTest.keyClicks(picker.search, keys)
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.results.count() == expect, [picker.results.item(i).text()
                                              for i in range(picker.results.count())]
    QTest.keyClick(picker.search, Qt.Key.Key_Down)
    QTest.keyClick(picker.results, Qt.Key.Key_Return)


# --- contests ----------------------------------------------------------------------------------

@pytest.fixture()
def contest_area(qtbot, db_path: Path):  # type: ignore[no-untyped-def]
    from ui.contests.area import ContestsArea

    contests.create_contest(NewContest("重阳书画评比", ["书画"], deadline=date(2026, 10, 22)))
    widget = ContestsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_an_entrant_picked_by_phone_tail_keeps_the_resident(contest_area, db_path: Path,
                                                            monkeypatch) -> None:
    from ui.contests.entry_dialog import EntryDialog

    rid, _other = _residents()
    page = contest_area.contests

    def fill(d: EntryDialog) -> None:
        QTest.keyClicks(d.picker.search, "234")  # both phones hold 234: two matches
        QTest.keyClick(d.picker.search, Qt.Key.Key_Return)
        assert d.picker.results.count() == 2
        d.picker.search.clear()
        _search_and_pick(d.picker, "5678")
        assert d.isVisible(), "Enter on a match picks it; it does not save the dialog"
        assert (d.name.text(), d.phone.text()) == ("张三丰", "13912345678")
        assert d.name.isReadOnly() and f"居民编号 {rid}" in d.picker.chosen.text()
        d.title.setText("松鹤延年")
        _save(d)

    _answer(monkeypatch, EntryDialog, fill)
    QTest.mouseClick(page.add_entry_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT name, phone, resident_id, title FROM contest_entry") == [
        ("张三丰", "13912345678", rid, "松鹤延年")]

    # Corrected: the dialog shows the link; dropping it makes the entrant a typed non-resident.
    page.entry_table.selectRow(0)

    def unlink(d: EntryDialog) -> None:
        assert "张三丰" in d.picker.chosen.text() and d.name.isReadOnly()
        QTest.mouseClick(d.picker.unlink, Qt.MouseButton.LeftButton)
        assert not d.name.isReadOnly() and d.picker.resident_id is None
        d.name.setText("张三峰")
        _save(d)

    _answer(monkeypatch, EntryDialog, unlink)
    QTest.mouseClick(page.edit_entry_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT name, resident_id, title FROM contest_entry") == [
        ("张三峰", None, "松鹤延年")]


def test_a_non_resident_entrant_is_typed(contest_area, db_path: Path, monkeypatch) -> None:
    from ui.contests.entry_dialog import EntryDialog

    _residents()

    def fill(d: EntryDialog) -> None:
        QTest.keyClicks(d.picker.search, "wxy")
        QTest.keyClick(d.picker.search, Qt.Key.Key_Return)
        assert d.picker.results.count() == 0 and "没有找到" in d.picker.note.text()
        d.name.setText("王晓燕")
        d.title.setText("秋山图")
        _save(d)

    _answer(monkeypatch, EntryDialog, fill)
    QTest.mouseClick(contest_area.contests.add_entry_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT name, resident_id, title FROM contest_entry") == [
        ("王晓燕", None, "秋山图")]


# --- volunteers ----------------------------------------------------------------------------------

@pytest.fixture()
def volunteer_area(qtbot, db_path: Path):  # type: ignore[no-untyped-def]
    from models.volunteers.demo import make_demo_volunteers
    from ui.volunteers.area import VolunteersArea

    make_demo_volunteers(today=date.today())
    widget = VolunteersArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


def _warnings(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: seen.append(text) or 0)
    return seen


def test_a_volunteer_linked_by_pinyin_initials(volunteer_area, db_path: Path,
                                               monkeypatch) -> None:
    from ui.volunteers.volunteer_dialog import VolunteerDialog

    rid, _other = _residents()
    warned = _warnings(monkeypatch)

    def fill(d: VolunteerDialog) -> None:
        _search_and_pick(d.resident, "zsf", expect=2)  # 张三丰 and 张思峰 both read zsf
        picked = d.resident.resident_id
        assert picked in (rid, _other)
        if picked != rid:  # pick 张三丰 by the phone's tail instead
            d.resident.search.clear()
            _search_and_pick(d.resident, "5678")
        assert d.resident.resident_id == rid and d.isVisible()
        assert d.name.text() == "张三丰" and not d.name.isEnabled() and not d.phone.isEnabled()
        d.political.setCurrentText("中共党员")
        _save(d)

    _answer(monkeypatch, VolunteerDialog, fill)
    QTest.mouseClick(volunteer_area.buttons["add"], Qt.MouseButton.LeftButton)
    assert warned == []
    got = _sql(db_path, "SELECT id, number, resident_id, political FROM volunteer "
               "WHERE resident_id IS NOT NULL AND political = '中共党员' AND resident_id = ?", rid)
    assert len(got) == 1
    vid, number = got[0][:2]
    # Shown through the link, and editing shows the link; dropping it frees the boxes.
    assert volunteer_area.select_number(number)
    row = [volunteer_area.people.item(r, 0).text()
           for r in range(volunteer_area.people.rowCount())].index(number)
    assert volunteer_area.people.item(row, 1).text() == "张三丰"

    def unlink(d: VolunteerDialog) -> None:
        assert "张三丰" in d.resident.chosen.text() and not d.name.isEnabled()
        QTest.mouseClick(d.resident.unlink, Qt.MouseButton.LeftButton)
        assert d.name.isEnabled() and d.phone.isEnabled()
        d.name.setText("张三丰")
        _save(d)

    _answer(monkeypatch, VolunteerDialog, unlink)
    QTest.mouseClick(volunteer_area.buttons["edit"], Qt.MouseButton.LeftButton)
    assert warned == []
    assert _sql(db_path, "SELECT resident_id, name FROM volunteer WHERE id = ?", vid) == [
        (None, "张三丰")]


def test_yearly_assessment_set_from_the_tab(volunteer_area, db_path: Path, monkeypatch) -> None:
    from ui.volunteers.area import PEOPLE_COLUMNS
    from ui.volunteers.assessment_dialog import AssessmentDialog

    warned = _warnings(monkeypatch)
    area = volunteer_area
    area.people.selectRow(0)
    number = area.people.item(0, 0).text()
    vid = _sql(db_path, "SELECT id FROM volunteer WHERE number = ?", number)[0][0]
    mine = ("SELECT volunteer_id, year, grade, note FROM assessment "
            "WHERE volunteer_id = ? AND year = ?")
    before = _sql(db_path, mine, vid, YEAR)

    def empty(d: AssessmentDialog) -> None:
        assert "服务" in d.figures.text()  # the figures it rests on
        d.grade.setCurrentText("")
        _save(d)
        assert d.isVisible() and "考核等次" in d.error.text()

    _answer(monkeypatch, AssessmentDialog, empty)
    QTest.mouseClick(area.buttons["assess"], Qt.MouseButton.LeftButton)
    assert _sql(db_path, mine, vid, YEAR) == before  # refused: nothing written

    def fill(d: AssessmentDialog) -> None:
        d.grade.setCurrentIndex(0)  # blank, as for a volunteer not yet assessed
        d.grade.setFocus()
        QTest.keyClick(d.grade, Qt.Key.Key_Down)  # 优秀, the first grade offered
        assert d.grade.currentText() == "优秀"
        d.note.setText("全年带头参加防汛值守")
        QTest.keyClick(d.note, Qt.Key.Key_Return)  # stays in the box, not saved half-done
        assert d.isVisible()
        _save(d)

    _answer(monkeypatch, AssessmentDialog, fill)
    QTest.mouseClick(area.buttons["assess"], Qt.MouseButton.LeftButton)
    assert warned == []
    assert _sql(db_path, mine, vid, YEAR) == [(vid, YEAR, "优秀", "全年带头参加防汛值守")]
    row = [area.people.item(r, 0).text() for r in range(area.people.rowCount())].index(number)
    grade_column = PEOPLE_COLUMNS.index("年度考核")
    assert area.people.horizontalHeaderItem(grade_column).text() == "年度考核"
    assert area.people.item(row, grade_column).text() == "优秀"

    # Opened again it shows what was saved; the office's own word replaces it.
    area.people.selectRow(row)

    def change(d: AssessmentDialog) -> None:
        assert (d.grade.currentText(), d.note.text()) == ("优秀", "全年带头参加防汛值守")
        d.grade.setCurrentText("基本合格")
        _save(d)

    _answer(monkeypatch, AssessmentDialog, change)
    QTest.mouseClick(area.buttons["assess"], Qt.MouseButton.LeftButton)
    assert _sql(db_path, mine, vid, YEAR) == [(vid, YEAR, "基本合格", "全年带头参加防汛值守")]


# --- command line --------------------------------------------------------------------------------

def test_volunteer_assess_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    db = tmp_path / "demo.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    close_database()
    number = _sql(db, "SELECT number FROM volunteer ORDER BY id LIMIT 1")[0][0]
    capsys.readouterr()
    assert main.main(["volunteer-assess", "--db", str(db), "--volunteer", number, "--year",
                      str(YEAR), "--grade", "优秀", "--note", "带头值守"]) == 0
    close_database()
    assert f"{YEAR} 年考核：优秀" in capsys.readouterr().out
    assert _sql(db, "SELECT v.number, a.year, a.grade, a.note FROM assessment a "
                "JOIN volunteer v ON v.id = a.volunteer_id WHERE v.number = ? AND a.year = ?",
                number, YEAR) == [
        (number, YEAR, "优秀", "带头值守")]
    assert main.main(["volunteers", "--db", str(db), "--year", str(YEAR), "--json"]) == 0
    close_database()
    people = json.loads(capsys.readouterr().out)
    assert next(p for p in people if p["number"] == number)["grade"] == "优秀"
    # Refused in Chinese, exit non-zero, nothing written: an unknown volunteer, a blank grade.
    before = _sql(db, "SELECT * FROM assessment")
    for args in (["--volunteer", "ZY00000000", "--grade", "合格"],
                 ["--volunteer", number, "--grade", "  "]):
        assert main.main(["volunteer-assess", "--db", str(db), "--year", str(YEAR), *args]) != 0
        close_database()
        out = capsys.readouterr()
        assert "Traceback" not in out.err and any("\u4e00" <= ch <= "\u9fff" for ch in out.err)
    assert _sql(db, "SELECT * FROM assessment") == before
