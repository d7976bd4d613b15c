"""Quick entry of someone not (yet) in the residents' register: name, phone, companions. Used by
the sign-ups tab (a walk-in registration) and the check-in mode (someone at the door)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.signups.records import CompanionRecord, parse_companions


class WalkInDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("手机号或座机"))
        self.companions = QLineEdit()
        self.companions.setPlaceholderText(self.tr("例如：王小明 子女 4岁、李芳 配偶"))
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("陪同人员"), self.companions)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("请填写姓名。"))
            self.name.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str, list[CompanionRecord]]:
        return (self.name.text().strip(), self.phone.text().strip(),
                parse_companions(self.companions.text()))
