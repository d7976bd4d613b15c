"""A new contest: title, categories (摄影、书画、诗词 ...), the activity it belongs to (or none),
who may enter, where and by when entries are handed in, full marks, issuer. Method and tie rule
are chosen on the results page, where the warning about judges is."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from models.contests.records import NewContest
from ui.widgets.enter_keys import keep_enter_in_fields


class ContestDialog(QDialog):
    def __init__(self, plans: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建评比"))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.categories = QLineEdit()
        self.categories.setPlaceholderText(self.tr("用顿号或逗号分开，如：摄影、书画、诗词"))
        self.plan = QComboBox()
        self.plan.addItem(self.tr("（不属于活动，单独评比）"), None)
        for pid, title in plans:
            self.plan.addItem(title, pid)
        self.who = QLineEdit()
        self.place = QLineEdit()
        self.has_deadline = QCheckBox(self.tr("有截止日期"))
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.deadline.setDate(QDate(today.year, today.month, today.day))
        self.has_deadline.setChecked(True)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.full_marks = QSpinBox()
        self.full_marks.setRange(1, 1000)
        self.full_marks.setValue(10)
        self.issuer = QLineEdit(self.tr("社区居委会"))
        form.addRow(self.tr("评比名称"), self.title)
        form.addRow(self.tr("作品类别"), self.categories)
        form.addRow(self.tr("所属活动"), self.plan)
        form.addRow(self.tr("参赛对象"), self.who)
        form.addRow(self.tr("收件地点"), self.place)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow(self.tr("满分"), self.full_marks)
        form.addRow(self.tr("颁发单位"), self.issuer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)

    def value(self) -> NewContest:
        text = self.categories.text()
        for sep in "，,;；/ ":
            text = text.replace(sep, "、")
        d = self.deadline.date()
        return NewContest(
            title=self.title.text(), categories=[c for c in text.split("、") if c.strip()],
            plan_id=self.plan.currentData(), who_may_enter=self.who.text().strip(),
            hand_in_place=self.place.text().strip(),
            deadline=date(d.year(), d.month(), d.day()) if self.has_deadline.isChecked() else None,
            issuer=self.issuer.text().strip(), full_marks=self.full_marks.value())
