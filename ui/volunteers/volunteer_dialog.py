"""Registering or editing a volunteer: the form's boxes, a link to a resident picked from the
register (ui.widgets.resident_picker: then the resident's name, phone, sex and ID show through and
are not typed here), and for a saved volunteer the year's figures, the check against the
minimum, stars, honours (from the contests and honours area) and the assessment, read only (the
assessment is set in ui.volunteers.assessment_dialog)."""
from __future__ import annotations

from collections.abc import Callable
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

from models.residents.records import ResidentRow
from models.volunteers.records import NewVolunteer, TeamRecord, VolunteerRecord
from models.volunteers.rules import POLITICAL
from ui.widgets.enter_keys import keep_enter_in_fields
from ui.widgets.resident_picker import ResidentPicker


class VolunteerDialog(QDialog):
    def __init__(self, teams: list[TeamRecord], save: Callable[[NewVolunteer], bool],
                 parent: QWidget | None = None, *, current: VolunteerRecord | None = None,
                 figures: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑志愿者") if current else self.tr("登记志愿者"))
        self.setMinimumWidth(520)
        self.save = save
        form = QFormLayout(self)
        self.resident = ResidentPicker(self, unlink_text=self.tr("不关联居民"))
        self.resident.picked.connect(self._picked)
        self.resident.cleared.connect(lambda: self._linked(False))
        self.name = QLineEdit()
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.id_number = QLineEdit()
        self.phone = QLineEdit()
        self.political = QComboBox()
        self.political.addItems(["", *POLITICAL])
        self.unit = QLineEdit()
        self.skills = QLineEdit()
        self.wanted = QLineEdit()
        self.available = QLineEdit()
        self.available.setPlaceholderText(self.tr("例如：周末、工作日晚上"))
        self.team = QComboBox()
        self.team.addItem(self.tr("（未分队）"), None)
        for t in teams:
            self.team.addItem(t.name, t.id)
        self.joined = QDateEdit()
        self.joined.setDisplayFormat("yyyy-MM-dd")
        self.joined.setCalendarPopup(True)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("留空则自动编号"))
        self.notes = QLineEdit()
        for label, widget in ((self.tr("关联居民"), self.resident),
                              (self.tr("姓名"), self.name),
                              (self.tr("性别"), self.gender), (self.tr("身份证号"), self.id_number),
                              (self.tr("联系电话"), self.phone),
                              (self.tr("政治面貌"), self.political),
                              (self.tr("单位或所在党支部"), self.unit),
                              (self.tr("特长"), self.skills),
                              (self.tr("意向服务类别"), self.wanted),
                              (self.tr("可服务时间"), self.available),
                              (self.tr("服务队"), self.team), (self.tr("入队日期"), self.joined),
                              (self.tr("志愿者编号"), self.number), (self.tr("备注"), self.notes)):
            form.addRow(label, widget)
        self.figures = QLabel(figures)
        self.figures.setWordWrap(True)
        if figures:
            form.addRow(self.tr("本年情况"), self.figures)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)
        today = date.today()
        self.joined.setDate(QDate(today.year, today.month, today.day))
        if current is not None:
            self._show(current)

    def _show(self, v: VolunteerRecord) -> None:
        if v.resident_id is not None:
            self.resident.set_resident(v.resident_id, v.name)
            self._linked(True)
        self.name.setText(v.name)
        self.gender.setCurrentText(v.gender)
        self.id_number.setText(v.id_number)
        self.phone.setText(v.phone)
        self.political.setCurrentText(v.political)
        self.unit.setText(v.unit)
        self.skills.setText(v.skills)
        self.wanted.setText(v.wanted)
        self.available.setText(v.available)
        self.team.setCurrentIndex(max(0, self.team.findData(v.team_id)))
        self.joined.setDate(QDate(v.joined.year, v.joined.month, v.joined.day))
        self.number.setText(v.number)
        self.notes.setText(v.notes)

    def _picked(self, r: ResidentRow) -> None:
        self.name.setText(r.name)
        self.phone.setText(r.phone)
        self.gender.setCurrentText(r.gender)
        self.id_number.setText(r.id_number or "")
        self._linked(True)
        self.political.setFocus()

    def _linked(self, linked: bool) -> None:
        # A linked volunteer's name, phone, sex and ID are the resident's: not typed here.
        for w in (self.name, self.phone, self.gender, self.id_number):
            w.setEnabled(not linked)

    def values(self) -> NewVolunteer:
        return NewVolunteer(
            name=self.name.text(), resident_id=self.resident.resident_id,
            team_id=self.team.currentData(), number=self.number.text(), phone=self.phone.text(),
            gender=self.gender.currentText(), id_number=self.id_number.text(),
            political=self.political.currentText(), unit=self.unit.text(),
            skills=self.skills.text(), wanted=self.wanted.text(),
            available=self.available.text(), joined=self.joined.date().toPython(),
            notes=self.notes.text())

    def _accept(self) -> None:
        if self.save(self.values()):
            self.accept()
