"""Asked when a sign-up breaks a rule of the activity: the reasons, and a note that says why the
clerk accepts it anyway (kept on the sign-up). Accepting needs a note."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.signups.rules import RuleWarning


class OverrideDialog(QDialog):
    def __init__(self, name: str, warnings: Sequence[RuleWarning],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("不符合报名条件"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        lines = "".join(f"<li>{w.message}</li>" for w in warnings)
        text = QLabel(self.tr("<p><b>{0}</b> 不符合本活动的报名条件：</p><ul>{1}</ul>"
                              "<p>如确需报名，请写明原因（将随报名记录保存）：</p>")
                      .format(name, lines))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如：经社区主任同意；家属已电话确认陪同"))
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("仍然报名"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("不报名"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok.setEnabled(False)
        self.note.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))

    def note_text(self) -> str:
        return self.note.text().strip()
