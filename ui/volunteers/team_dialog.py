"""A new service team (服务队): name, kind of service, leader, office, who may join (a rule of the
team, shown as a check on each member, never a filter), the date it was set up."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from models.volunteers.rules import POLITICAL
from ui.widgets.enter_keys import keep_enter_in_fields


class TeamDialog(QDialog):
    def __init__(self, save: Callable[[str, str, str, str, str, date], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建服务队"))
        self.setMinimumWidth(480)
        self.save = save
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.kind = QLineEdit()
        self.kind.setPlaceholderText(self.tr("例如：环境整治"))
        self.leader = QLineEdit()
        self.office = QLineEdit()
        self.allowed = {p: QCheckBox(p) for p in POLITICAL}
        row = QHBoxLayout()
        for p, box in self.allowed.items():
            box.setChecked(p in ("中共党员", "预备党员", "入党积极分子"))
            row.addWidget(box)
        self.founded = QDateEdit()
        self.founded.setDisplayFormat("yyyy-MM-dd")
        self.founded.setCalendarPopup(True)
        today = date.today()
        self.founded.setDate(QDate(today.year, 1, 1))
        form.addRow(self.tr("队名"), self.name)
        form.addRow(self.tr("服务类别"), self.kind)
        form.addRow(self.tr("负责人"), self.leader)
        form.addRow(self.tr("办公地点"), self.office)
        form.addRow(self.tr("入队条件（政治面貌）"), row)
        form.addRow(self.tr("成立日期"), self.founded)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)

    def _accept(self) -> None:
        checked = [p for p, box in self.allowed.items() if box.isChecked()]
        eligible = "" if len(checked) == len(POLITICAL) else "、".join(checked)
        if self.save(self.name.text(), self.kind.text(), self.leader.text(), self.office.text(),
                     eligible, self.founded.date().toPython()):
            self.accept()
