"""An entry handed in, added or corrected: category, entrant, title, when received and by whom.
The entrant is picked from the residents' register (the entry then keeps the resident's 编号,
so the person's honours find it) or typed in when not a resident. An entry after the deadline is
taken; the dialog says it will be flagged late."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.contests.records import ContestRecord, EntryRecord, NewEntry
from models.residents.records import ResidentRow
from ui.widgets.enter_keys import keep_enter_in_fields
from ui.widgets.resident_picker import ResidentPicker


class EntryDialog(QDialog):
    def __init__(self, contest: ContestRecord, entry: EntryRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contest = contest
        self.setWindowTitle(self.tr("修改作品") if entry else self.tr("登记作品"))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.picker = ResidentPicker(self, unlink_text=self.tr("不是居民（直接填写）"))
        self.picker.picked.connect(self._picked)
        self.picker.cleared.connect(self._cleared)
        self.category = QComboBox()
        for cat in contest.categories:
            self.category.addItem(cat.name, cat.id)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.title = QLineEdit()
        self.received = QDateEdit()
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.dateChanged.connect(lambda _d: self._late_note())
        self.received_by = QLineEdit()
        self.late = QLabel()
        self.late.setStyleSheet("color: #a05a00")
        if entry is not None:
            self.category.setCurrentIndex(max(self.category.findData(entry.category_id), 0))
            self.name.setText(entry.name)
            self.phone.setText(entry.phone)
            self.title.setText(entry.title)
            self.received.setDate(QDate(entry.received.year, entry.received.month,
                                        entry.received.day))
            self.received_by.setText(entry.received_by)
            if entry.resident_id is not None:
                self.picker.set_resident(entry.resident_id, entry.name)
                self._own_boxes(False)
        else:
            today = date.today()
            self.received.setDate(QDate(today.year, today.month, today.day))
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("查找居民"), self.picker)
        form.addRow(self.tr("参赛人"), self.name)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("作品名称"), self.title)
        form.addRow(self.tr("收到日期"), self.received)
        form.addRow(self.tr("经收人"), self.received_by)
        form.addRow(self.late)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)
        self._late_note()

    def _picked(self, r: ResidentRow) -> None:
        self.name.setText(r.name)
        self.phone.setText(r.phone)
        self._own_boxes(False)
        self.title.setFocus()

    def _cleared(self) -> None:
        self._own_boxes(True)
        self.name.setFocus()

    def _own_boxes(self, own: bool) -> None:
        # A resident's name and phone are the register's; a non-resident's are typed here.
        for box in (self.name, self.phone):
            box.setReadOnly(not own)

    def _day(self) -> date:
        d = self.received.date()
        return date(d.year(), d.month(), d.day())

    def _late_note(self) -> None:
        deadline = self.contest.deadline
        late = deadline is not None and self._day() > deadline
        self.late.setText(self.tr("晚于截止日期 {0}，将标为逾期（照收不拒）。").format(
            deadline.isoformat()) if late and deadline else "")

    def value(self) -> NewEntry:
        return NewEntry(category_id=int(self.category.currentData()), name=self.name.text(),
                        title=self.title.text(), received=self._day(),
                        received_by=self.received_by.text(), phone=self.phone.text(),
                        resident_id=self.picker.resident_id)
