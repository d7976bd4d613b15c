"""Pick the year a plan is copied to (复制到年份): the copy keeps the plan's content with dates
moved to that year."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.dialogs import run_dialog


class CopyDialog(QDialog):
    def __init__(self, title: str, from_year: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("复制方案到其他年份"))
        self.setMinimumWidth(420)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        # Usually last year's plan is reused for the next one.
        self.year.setValue(from_year + 1 if from_year else date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.year.setMinimumWidth(110)
        info = QLabel(
            self.tr("把“{0}”复制一份，日期移到所选年份。原方案不变。").format(title)
        )
        info.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("复制"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("复制到：")))
        form.addWidget(self.year)
        form.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_year(self) -> int:
        return self.year.value()


def choose_year(parent: QWidget | None, title: str, from_year: int | None) -> int | None:
    dialog = CopyDialog(title, from_year, parent)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen_year()
