"""Details of one sign-up: companions, fee paid and receipt, notes; its history (every change of
status with its time); the rules it broke and the note that let it through. Saved through
models.signups.service.update_signup (one transaction) by the caller."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from models.signups.records import CompanionRecord, LogEntry, SignupRecord, parse_companions


def companions_line(companions: list[CompanionRecord]) -> str:
    """The companions as the clerk types them: "王小明 子女 4岁、李芳 配偶"."""
    out = []
    for c in companions:
        bits = [c.name, c.relation, f"{c.age}岁" if c.age is not None else ""]
        out.append(" ".join(b for b in bits if b))
    return "、".join(out)


class SignupDetailsDialog(QDialog):
    def __init__(self, rec: SignupRecord, log: list[LogEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("报名详情 — {0}").format(rec.name))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(self.tr("姓名"), QLabel(rec.name))
        # The place in the queue as on every other screen; the fixed number only beside its label.
        status = rec.status
        if rec.waitlist_place is not None:
            status = self.tr("{0}（候补第 {1} 位）").format(rec.status, rec.waitlist_place)
        form.addRow(self.tr("状态"), QLabel(status))
        form.addRow(self.tr("报名序号"), QLabel(str(rec.position)))
        self.companions = QLineEdit(companions_line(rec.companions))
        self.companions.setPlaceholderText(self.tr("例如：王小明 子女 4岁、李芳 配偶"))
        self.fee = QDoubleSpinBox()
        self.fee.setRange(0, 100000)
        self.fee.setDecimals(2)
        self.fee.setSuffix(self.tr(" 元"))
        self.fee.setValue(rec.fee_paid_fen / 100)
        self.receipt = QLineEdit(rec.receipt_no)
        self.notes = QLineEdit(rec.notes)
        form.addRow(self.tr("陪同人员"), self.companions)
        form.addRow(self.tr("已缴费"), self.fee)
        form.addRow(self.tr("收据号"), self.receipt)
        form.addRow(self.tr("备注"), self.notes)
        if rec.warnings:
            warn = QLabel(self.tr("报名时未符合：{0}\n破例说明：{1}").format(
                rec.warnings.replace("\n", "；"), rec.override_note))
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #8a4b00")
            form.addRow(warn)
        history = QListWidget()
        for e in log:
            change = f"{e.from_status} → {e.to_status}" if e.from_status else e.to_status
            history.addItem(f"{e.time:%Y-%m-%d %H:%M:%S}　{change}" + (f"　{e.note}" if e.note
                                                                     else ""))
        history.setMaximumHeight(140)
        form.addRow(self.tr("经过"), history)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, object]:
        """Keyword arguments for models.signups.service.update_signup."""
        return {"companions": parse_companions(self.companions.text()),
                "fee_paid_fen": round(self.fee.value() * 100),
                "receipt_no": self.receipt.text(), "notes": self.notes.text()}
