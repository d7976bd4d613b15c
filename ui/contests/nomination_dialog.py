"""Put a person forward for an honour: name, the grid, team or unit that nominates them, and a
short account of their deeds (事迹)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.widgets.enter_keys import keep_enter_in_fields


class NominationDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("推荐：{0}").format(title))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.nominated_by = QLineEdit()
        self.nominated_by.setPlaceholderText(self.tr("网格、团队或单位，如：第一网格"))
        self.deeds = QPlainTextEdit()
        self.deeds.setPlaceholderText(self.tr("简要事迹（不公示）"))
        self.deeds.setTabChangesFocus(True)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("推荐单位"), self.nominated_by)
        form.addRow(self.tr("事迹"), self.deeds)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)
