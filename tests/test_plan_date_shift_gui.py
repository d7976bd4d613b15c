"""Dates that move together, in the plan editor: the clerk types a new year into the start, the
editor offers that year's 重阳节 and to move every dated part by as many days; Enter accepts,
Ctrl+S saves, and the data file holds the moved dates."""
from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit
from pytestqt.qtbot import QtBot

from models.plans.records import AgendaRow, PhaseRow, PhaseTaskRow, PlanRecord, PublicityRow
from models.plans.service import load_plan, save_plan
from tests.message_boxes import BoxAnswerer
from ui.plans.editor import PlanEditor

OFFSCREEN_WINDOW_NOTES = pytest.mark.qt_log_ignore("This plugin does not support")


def festival_plan() -> int:
    start = datetime(2026, 10, 18, 8, 30)
    return save_plan(PlanRecord(
        title="重阳登高", festival="double_ninth", start=start, end=datetime(2026, 10, 18, 11, 30),
        reg_start=date(2026, 10, 8), reg_end=date(2026, 10, 15), feedback_due=date(2026, 10, 31),
        issue_date=date(2026, 9, 30),
        agenda=[AgendaRow(start, datetime(2026, 10, 18, 9, 0), "签到", "广场", "王丽")],
        publicity=[PublicityRow("海报", "张贴海报", deadline=date(2026, 10, 10))],
        phases=[PhaseRow("筹备", date(2026, 9, 20), date(2026, 10, 10),
                         tasks=[PhaseTaskRow("订车", date(2026, 10, 1))])],
    ))


def _shots(tmp_path: Path, *names: str) -> list[Path]:
    out = os.environ.get("CAA_SCREENSHOT_DIR")
    return [(Path(out) if out else tmp_path) / n for n in names]


def _next_year(qtbot: QtBot, editor: PlanEditor) -> QDateTimeEdit:
    editor.show_section("时间与地点")
    start = editor.field_widget("start")
    assert isinstance(start, QDateTimeEdit)
    start.setFocus()
    start.setCurrentSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClick(start, Qt.Key.Key_Up)  # the year section up by one, as the clerk does
    assert start.dateTime().date().year() == 2027
    return start


@OFFSCREEN_WINDOW_NOTES
def test_new_year_offers_the_festival_day_and_moves_every_date(
        qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    plan_id = festival_plan()
    editor = PlanEditor(plan_id)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    start = _next_year(qtbot, editor)
    answers = BoxAnswerer([Qt.Key.Key_Return, Qt.Key.Key_Return],
                          _shots(tmp_path, "date_shift_festival.png", "date_shift_question.png"))
    qtbot.keyClick(start, Qt.Key.Key_Return)  # editing finished
    qtbot.waitUntil(lambda: len(answers.texts) == 2)
    answers.stop()
    assert "2027年的重阳节是2027年10月8日" in answers.texts[0]
    assert "活动日期由2026年10月18日改为2027年10月8日（推后355天）" in answers.texts[1]
    for part in ("活动流程", "报名截止", "宣传安排", "阶段安排", "成文日期", "反馈截止"):
        assert part in answers.texts[1]
    assert start.dateTime().date().toPython() == date(2027, 10, 8)  # the form shows the move
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.isActiveWindow())  # a shortcut needs its window active
    with qtbot.waitSignal(editor.saved, timeout=2000):
        qtbot.keyClick(start, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.is_dirty()

    rec = load_plan(plan_id)
    assert rec.start == datetime(2027, 10, 8, 8, 30)
    assert rec.end == datetime(2027, 10, 8, 11, 30)
    assert (rec.reg_start, rec.reg_end) == (date(2027, 9, 28), date(2027, 10, 5))
    assert rec.feedback_due == date(2027, 10, 21)
    assert rec.issue_date == date(2027, 9, 20)
    assert rec.agenda[0].start == datetime(2027, 10, 8, 8, 30)
    assert rec.publicity[0].deadline == date(2027, 9, 30)
    assert (rec.phases[0].start, rec.phases[0].end) == (date(2027, 9, 10), date(2027, 9, 30))
    assert rec.phases[0].tasks[0].deadline == date(2027, 9, 21)
    # the grids show the moved rows too
    assert editor.grid("agenda").model.rows()[0].start == datetime(2027, 10, 8, 8, 30)


@OFFSCREEN_WINDOW_NOTES
def test_no_to_the_festival_then_no_to_the_move_keeps_the_other_dates(
        qtbot: QtBot, db_path: Path) -> None:
    plan_id = festival_plan()
    editor = PlanEditor(plan_id)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    start = _next_year(qtbot, editor)
    answers = BoxAnswerer([Qt.Key.Key_Escape, Qt.Key.Key_Escape])  # Esc: 否
    qtbot.keyClick(start, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(answers.texts) == 2)
    answers.stop()
    assert "推后365天" in answers.texts[1]  # the day she typed, a year on
    rec = editor.record()  # (not savable as it is: the end is now before the start)
    assert rec.start == datetime(2027, 10, 18, 8, 30)
    assert rec.end == datetime(2026, 10, 18, 11, 30)
    assert rec.reg_end == date(2026, 10, 15)
    assert rec.agenda[0].start == datetime(2026, 10, 18, 8, 30)
    assert load_plan(plan_id).start == datetime(2026, 10, 18, 8, 30)


@OFFSCREEN_WINDOW_NOTES
def test_a_day_earlier_in_the_same_year_asks_only_about_the_move(
        qtbot: QtBot, db_path: Path) -> None:
    plan_id = festival_plan()
    editor = PlanEditor(plan_id)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    editor.show_section("时间与地点")
    start = editor.field_widget("start")
    assert isinstance(start, QDateTimeEdit)
    start.setFocus()
    start.setCurrentSection(QDateTimeEdit.Section.DaySection)
    answers = BoxAnswerer([Qt.Key.Key_Return])
    qtbot.keyClick(start, Qt.Key.Key_Down)  # 18 -> 17
    qtbot.keyClick(start, Qt.Key.Key_Return)  # finishes the edit (as leaving the field does)
    qtbot.waitUntil(lambda: len(answers.texts) == 1)
    qtbot.wait(100)  # no second box comes
    answers.stop()
    assert len(answers.texts) == 1
    assert "提前1天" in answers.texts[0]
    assert editor.save()
    rec = load_plan(plan_id)
    assert rec.start == datetime(2026, 10, 17, 8, 30)
    assert rec.reg_end == date(2026, 10, 14)
    assert rec.phases[0].tasks[0].deadline == date(2026, 9, 30)
