"""A volunteer's yearly assessment: the grade (优秀, 合格, 不合格, or the office's own words) and a
note, with the year's figures it rests on shown above. Saving the same volunteer and year again
replaces the earlier grade (models.volunteers.service.set_assessment); nothing is written here."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.widgets.enter_keys import keep_enter_in_fields

GRADES = ("优秀", "合格", "不合格")


class AssessmentDialog(QDialog):
    def __init__(self, name: str, year: int, save: Callable[[str, str], bool],
                 parent: QWidget | None = None, *, grade: str = "", note: str = "",
                 figures: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("年度考核"))
        self.setMinimumWidth(460)
        self.save = save
        form = QFormLayout(self)
        form.addRow(self.tr("志愿者"), QLabel(name))
        form.addRow(self.tr("年度"), QLabel(self.tr("{0} 年").format(year)))
        self.figures = QLabel(figures or self.tr("本年尚无服务记录。"))
        self.figures.setWordWrap(True)
        form.addRow(self.tr("考核依据"), self.figures)
        self.grade = QComboBox()
        self.grade.setEditable(True)  # the office may use its own words
        self.grade.addItems(["", *GRADES])
        self.grade.setCurrentText(grade)
        self.grade.lineEdit().setPlaceholderText(self.tr("优秀、合格、不合格，或本单位的等次"))
        self.note = QLineEdit(note)
        self.note.setPlaceholderText(self.tr("如：全年服务 24 次，带头参加防汛值守"))
        form.addRow(self.tr("考核等次"), self.grade)
        form.addRow(self.tr("评语"), self.note)
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
        self.grade.setFocus()

    def _accept(self) -> None:
        if not self.grade.currentText().strip():
            self.error.setText(self.tr("请填写考核等次（如 优秀、合格、不合格）。"))
            self.grade.setFocus()
            return
        if self.save(self.grade.currentText(), self.note.text()):
            self.accept()
