"""Date and date-time editors that can say "not set", shared by the forms and the grids.

An unset value sits at UNSET_DATE and shows the special value text 未设置; the calendar popup then
opens on a useful month (the suggested date) instead of January 1900.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from ui.plans.fields import DATE_FORMAT, DATETIME_FORMAT, UNSET_DATE, UNSET_DATETIME


def make_date_edit(
    kind: str, parent: QWidget | None = None, suggest: Callable[[], QDateTime] | None = None
) -> QDateTimeEdit:
    """A QDateEdit (kind "date") or QDateTimeEdit ("datetime") with a calendar popup."""
    edit: QDateTimeEdit
    if kind == "date":
        edit = QDateEdit(parent)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMinimumDate(UNSET_DATE)
    else:
        edit = QDateTimeEdit(parent)
        edit.setDisplayFormat(DATETIME_FORMAT)
        edit.setMinimumDateTime(UNSET_DATETIME)
    edit.setCalendarPopup(True)
    edit.setSpecialValueText(QCoreApplication.translate("DateEdit", "未设置"))
    edit.setMaximumDate(QDate(2199, 12, 31))
    edit.setDateTime(UNSET_DATETIME)
    _PopupPage(edit, suggest)
    return edit


def is_unset(edit: QDateTimeEdit) -> bool:
    return edit.date() <= UNSET_DATE


def set_value(edit: QDateTimeEdit, value: QDateTime | QDate) -> None:
    """Show a value; an invalid one (None converted) shows 未设置."""
    if isinstance(value, QDate):
        value = QDateTime(value, QTime(0, 0)) if value.isValid() else QDateTime()
    edit.setDateTime(value if value.isValid() else UNSET_DATETIME)


class _PopupPage(QObject):
    """Turns an unset editor's calendar to the suggested month when it pops up."""

    def __init__(self, edit: QDateTimeEdit, suggest: Callable[[], QDateTime] | None) -> None:
        super().__init__(edit)
        self._edit = edit
        self._suggest = suggest
        calendar = edit.calendarWidget()
        calendar.installEventFilter(self)
        # Picking a day while unset would keep 00:00 of 1900's time; start from the suggestion.
        calendar.clicked.connect(self._picked)

    def _suggestion(self) -> QDateTime:
        if self._suggest is not None:
            value = self._suggest()
            if value.isValid() and value.date() > UNSET_DATE:
                return value
        return QDateTime(QDate.currentDate(), QTime(9, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and is_unset(self._edit):
            day = self._suggestion().date()
            calendar = self._edit.calendarWidget()
            calendar.setCurrentPage(day.year(), day.month())
            calendar.setSelectedDate(day)
        return False

    def _picked(self, day: QDate) -> None:
        if self._edit.time() == QTime(0, 0) and self._edit.displayFormat() == DATETIME_FORMAT:
            self._edit.setDateTime(QDateTime(day, self._suggestion().time()))
