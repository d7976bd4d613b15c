"""The template dialog proposes the year of the template festival's next day from today, shown
beside the year; a year the clerk chose stays. Driven with real keys."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.plans.templates import list_templates
from ui.plans.template_dialog import TemplateDialog


def _row_of(dialog: TemplateDialog, key: str) -> int:
    infos = list_templates()
    return [i.key for i in infos].index(key)


def _go_to(qtbot: QtBot, dialog: TemplateDialog, row: int) -> None:
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
    for _ in range(row):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.list.currentRow() == row


def test_the_year_follows_the_next_festival_day(qtbot: QtBot) -> None:
    dialog = TemplateDialog(list_templates(), today=date(2026, 12, 2))
    qtbot.addWidget(dialog)
    _go_to(qtbot, dialog, _row_of(dialog, "double_ninth"))
    assert dialog.year.value() == 2027  # 2026's 重阳 (18 October) is past
    assert dialog.next_day.text() == "下一个重阳节：2027年10月8日"
    _go_to(qtbot, dialog, _row_of(dialog, "party_volunteer"))  # 国际志愿者日, 5 December
    assert dialog.year.value() == 2026
    assert "2026年12月5日" in dialog.next_day.text()
    _go_to(qtbot, dialog, _row_of(dialog, "free_clinic"))  # no festival: this year, no line
    assert dialog.year.value() == 2026 and dialog.next_day.text() == ""
    _go_to(qtbot, dialog, _row_of(dialog, "spring_relief"))
    assert dialog.year.value() == 2027 and "2027年2月6日" in dialog.next_day.text()
    assert dialog.choice() == ("spring_relief", 2027)


def test_a_year_the_clerk_chose_stays(qtbot: QtBot) -> None:
    dialog = TemplateDialog(list_templates(), today=date(2026, 12, 2))
    qtbot.addWidget(dialog)
    _go_to(qtbot, dialog, _row_of(dialog, "double_ninth"))
    dialog.year.setFocus()
    qtbot.keyClick(dialog.year, Qt.Key.Key_Up)
    assert dialog.year.value() == 2028
    _go_to(qtbot, dialog, _row_of(dialog, "party_volunteer"))
    assert dialog.year.value() == 2028
    assert "2026年12月5日" in dialog.next_day.text()  # still told when the festival comes


def test_the_buttons_speak_chinese(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = TemplateDialog(list_templates(), today=date(2026, 12, 2))
    qtbot.addWidget(dialog)
    texts = [b.text() for b in dialog.buttons.buttons()]
    assert sorted(texts) == sorted(["新建方案", "取消"])  # was "Cancel"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
