"""The 活动反馈 area offscreen, driven by clicks and key presses, read back from the data file:
the form started from a ready set and saved; forms keyed in by keyboard alone (Enter moves on, the
last Enter saves and starts the next form, a wrong key refused at once and never typed, a blank
form refused); the tally's charts; photos added, captioned and moved in the summary's page; the
outline reordered and saved."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTabBar

from models.feedback.photos import write_jpeg
from tests.signup_factory import make_activity
from ui.context import AppContext
from ui.feedback.area import FeedbackArea
from ui.operations import DataHub


@pytest.fixture()
def area(qtbot, db_path: Path) -> FeedbackArea:
    plan = make_activity("重阳登山")
    widget = FeedbackArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.select_activity(plan)
    return widget


def _rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _click_tab(qtbot, area: FeedbackArea, title: str) -> None:
    bar = area.pages.findChild(QTabBar)
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert area.pages.currentIndex() == index


def _start_from_ready_set(qtbot, area: FeedbackArea) -> None:
    ed = area.editor
    ed.ready.setCurrentIndex(ed.ready.findData("老年人反馈"))
    qtbot.mouseClick(ed.ready_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)


def test_form_from_ready_set_edited_and_saved(qtbot, area: FeedbackArea, db_path: Path) -> None:
    _start_from_ready_set(qtbot, area)
    saved = _rows(db_path, "SELECT text, kind FROM feedback_question ORDER BY position")
    assert len(saved) == 6 and saved[0] == ("您对本次活动的总体满意度", "rating")
    ed = area.editor
    qtbot.mouseClick(ed.add_button, Qt.MouseButton.LeftButton)
    ed.text.setText("是否需要接送")
    ed.options.setPlainText("需要\n不需要")
    qtbot.mouseClick(ed.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    saved = _rows(db_path, "SELECT text, kind, options FROM feedback_question ORDER BY position")
    assert saved[5] == ("是否需要接送", "single", "需要\n不需要")
    assert saved[6][0] == "您还有什么想对社区说的"
    assert ed.ready_button.isEnabled() is False


def test_forms_keyed_in_by_keyboard_alone(qtbot, area: FeedbackArea, db_path: Path) -> None:
    _start_from_ready_set(qtbot, area)
    _click_tab(qtbot, area, "录入")
    entry = area.entry
    first = entry.edits[0]
    assert first.hasFocus()
    QTest.keyClick(first, Qt.Key.Key_7)  # satisfaction is 1-5: refused at once
    assert first.text() == "" and "不能填" in entry.status.text()
    QTest.keyClick(first, Qt.Key.Key_4)
    QTest.keyClick(first, Qt.Key.Key_5)  # one digit: the new one replaces the old
    assert first.text() == "5"
    QTest.keyClick(first, Qt.Key.Key_Return)
    multi = entry.edits[1]
    assert multi.hasFocus()
    for key in (Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_A):
        QTest.keyClick(multi, key)
    assert multi.text() == "31"
    QTest.keyClick(multi, Qt.Key.Key_Return)
    QTest.keyClick(entry.edits[2], Qt.Key.Key_Return)  # left blank on the paper
    QTest.keyClick(entry.edits[3], Qt.Key.Key_2)
    QTest.keyClick(entry.edits[3], Qt.Key.Key_Return)
    QTest.keyClick(entry.edits[4], Qt.Key.Key_1)
    QTest.keyClick(entry.edits[4], Qt.Key.Key_Return)
    words = entry.edits[5]
    assert words.hasFocus()
    QTest.keyClicks(words, "ok =1+1")
    QTest.keyClick(words, Qt.Key.Key_Return)  # the last Enter saves and starts the next form
    got = _rows(db_path, "SELECT r.number, q.position, a.value FROM feedback_answer a JOIN "
                         "feedback_response r ON r.id = a.response_id JOIN feedback_question q "
                         "ON q.id = a.question_id ORDER BY q.position")
    assert got == [(1, 0, "5"), (1, 1, "1,3"), (1, 3, "2"), (1, 4, "1"), (1, 5, "ok =1+1")]
    assert all(e.text() == "" for e in entry.edits) and first.hasFocus()
    assert "已录入 1 份" in entry.counter.text()
    for _ in entry.edits:  # a form with nothing on it is refused, nothing written
        QTest.keyClick(entry.focusWidget(), Qt.Key.Key_Return)
    assert "一题也没有填" in entry.status.text()
    assert _rows(db_path, "SELECT COUNT(*) FROM feedback_response") == [(1,)]
    QTest.keyClick(first, Qt.Key.Key_3)
    for _ in entry.edits:
        QTest.keyClick(entry.focusWidget(), Qt.Key.Key_Return)
    assert _rows(db_path, "SELECT COUNT(*) FROM feedback_response") == [(2,)]
    qtbot.mouseClick(entry.undo_button, Qt.MouseButton.LeftButton)
    assert _rows(db_path, "SELECT number FROM feedback_response") == [(1,)]

    _click_tab(qtbot, area, "统计")
    charts = area.tally.charts
    assert len(charts) == 5 and all(not c.pixmap().isNull() for c in charts)
    assert charts[0].pixmap().width() > 400
    assert "很满意：1" in charts[0].toolTip()
    assert area.tally.answer_lists[0].item(0).text() == "ok =1+1"


def test_summary_photos_and_outline(qtbot, area: FeedbackArea, db_path: Path, tmp_path: Path,
                                    monkeypatch) -> None:
    photo = tmp_path / "登山.jpg"
    photo.write_bytes(write_jpeg(48, 64, lambda x, y: (200, 40, 40), orientation=6))
    bad = tmp_path / "note.jpg"
    bad.write_bytes(b"not a photo")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(photo), str(bad)], ""))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: errors.append(text) or 0)
    _click_tab(qtbot, area, "活动总结")
    panel = area.summary
    qtbot.mouseClick(panel.add_photo_button, Qt.MouseButton.LeftButton)
    assert errors and "不是 JPEG" in errors[0]
    assert _rows(db_path, "SELECT COUNT(*) FROM summary_photo") == [(1,)]
    icon = panel.photos.item(0).icon().pixmap(160, 160)
    assert icon.width() > icon.height()  # stored 48 x 64, seen 64 x 48: shown upright
    panel.caption.setText("志愿者搀扶老人登山")
    QTest.keyClick(panel.caption, Qt.Key.Key_Return)
    assert _rows(db_path, "SELECT caption FROM summary_photo") == [("志愿者搀扶老人登山",)]

    panel.outline.setCurrentRow(3)  # 反馈意见 moves above 经费使用
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.heading.setText("群众评价")
    panel.prose.setPlainText("大家说好。")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    saved = _rows(db_path, "SELECT key, heading, text FROM summary_section ORDER BY position")
    assert [r[1] for r in saved[:5]] == ["活动概况", "参加情况", "反馈意见", "群众评价", "经费使用"]
    assert saved[3] == ("", "群众评价", "大家说好。")


def test_export_buttons_write_the_pdfs(qtbot, area: FeedbackArea, tmp_path: Path,
                                       monkeypatch) -> None:
    _start_from_ready_set(qtbot, area)
    for kind in ("form", "tally", "summary"):
        out = tmp_path / f"{kind}.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
        qtbot.mouseClick(area.export_buttons[kind], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: area.last_export.result is not None, timeout=30000)
        assert area.last_export.result.ok and out.read_bytes()[:5] == b"%PDF-"


def test_ctrl_p_previews_the_page_on_screen(qtbot, db_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from models.feedback.service import add_response, use_ready_set
    from ui.app import make_app
    from ui.main_window import MainWindow
    from ui.widgets.printing import PdfPreviewDialog

    plan = make_activity("重阳登山")
    qs = use_ready_set(plan, "老年人反馈")
    add_response(plan, {qs[0].id or 0: "5"})
    make_app()
    window = MainWindow(AppContext(DataHub(), db_path),
                        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.select_area("活动反馈")
    area = window.area("活动反馈")
    assert isinstance(area, FeedbackArea) and area.select_activity(plan)
    _click_tab(qtbot, area, "统计")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PdfPreviewDialog))
    dialog = QApplication.activeModalWidget()
    assert "重阳登山反馈表统计" in dialog.windowTitle()
    assert dialog.findChild(QPrintPreviewWidget).pageCount() >= 1
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
