"""The relief tab's small dialogs: a new beneficiary, and a change with its reason (next status,
refuse or withdraw, a new amount, a correction, an objection, the clerk's name). Each keeps its
own error line; nothing is written here (the area writes through ui.operations)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from models.common.money import MoneyError, parse_money
from models.relief.beneficiaries import MAX_HOUSEHOLD
from models.relief.records import CategoryRecord, NewBeneficiary
from models.residents.records import ResidentRow
from ui.widgets.resident_picker import ResidentPicker, where_of


def _buttons(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(dialog.tr("确定"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("取消"))
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return buttons


class NewBeneficiaryDialog(QDialog):
    """A person from the residents' register (found by name, pinyin, initials or phone: name,
    ID, phone and address then come from the register) or typed in."""

    def __init__(self, categories: list[CategoryRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增慰问对象"))
        self.setMinimumWidth(460)
        self.resident_id: int | None = None
        form = QFormLayout(self)
        self.picker = ResidentPicker(self, unlink_text=self.tr("不是居民（直接填写）"))
        self.picker.picked.connect(self._pick)
        self.picker.cleared.connect(self._unpick)
        self.search, self.results = self.picker.search, self.picker.results
        form.addRow(self.tr("查找居民"), self.picker)
        self.name = QLineEdit()
        self.category = QComboBox()
        for c in categories:
            self.category.addItem(f"{c.name}（{c.basis} {c.amount_fen // 100} 元）", c.id)
        self.size = QSpinBox()
        self.size.setRange(1, MAX_HOUSEHOLD)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("楼栋、单元、房号，如 3幢 2单元 501室"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("留空按类别标准"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("困难原因（不会出现在公示上）"))
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("慰问类别"), self.category)
        form.addRow(self.tr("家庭人口"), self.size)
        form.addRow(self.tr("住址"), self.address)
        form.addRow(self.tr("慰问金额"), self.amount)
        form.addRow(self.tr("困难原因"), self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        _buttons(self, form).accepted.connect(self._accept)

    def _pick(self, r: ResidentRow) -> None:
        self.resident_id = r.id
        self.name.setText(r.name)
        self.name.setReadOnly(True)
        self.address.setText(where_of(r))
        self.address.setEnabled(False)  # the register's address is used
        self.error.clear()
        self.category.setFocus()

    def _unpick(self) -> None:
        self.resident_id = None
        self.name.setReadOnly(False)
        self.address.setEnabled(True)
        self.name.setFocus()

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("请填写姓名。"))
            self.name.setFocus()
            return
        try:
            self._amount()
        except MoneyError as exc:
            self.error.setText(str(exc))
            self.amount.setFocus()
            return
        self.accept()

    def _amount(self) -> int | None:
        text = self.amount.text().strip()
        return parse_money(text) if text else None

    def value(self) -> NewBeneficiary:
        if self.resident_id is not None:
            return NewBeneficiary(int(self.category.currentData()), resident_id=self.resident_id,
                                  household_size=self.size.value(),
                                  reason=self.reason.text().strip(), amount_fen=self._amount())
        parts = self.address.text().split()
        building = next((p for p in parts if p.endswith(("幢", "栋", "号楼"))), "")
        unit = next((p for p in parts if p.endswith("单元")), "")
        room = next((p for p in parts if p.endswith("室")), "")
        address = "" if room else self.address.text().strip()
        return NewBeneficiary(int(self.category.currentData()), name=self.name.text().strip(),
                              resident_id=self.resident_id, building=building, unit=unit,
                              room=room, address=address, household_size=self.size.value(),
                              reason=self.reason.text().strip(), amount_fen=self._amount())


class ChangeDialog(QDialog):
    """One change with its reason. choices: the values to pick from (a status), or None;
    value_label: a typed value (an amount, the corrected text), or ""; money: read it as money."""

    def __init__(self, title: str, *, choices: list[str] | None = None, value_label: str = "",
                 value: str = "", money: bool = False, reason_label: str = "原因",
                 reason_required: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.money, self.reason_required = money, reason_required
        form = QFormLayout(self)
        self.choice = QComboBox()
        if choices:
            self.choice.addItems(choices)
            form.addRow(self.tr("改为"), self.choice)
        self.value = QLineEdit(value)
        if value_label:
            form.addRow(value_label, self.value)
        self.reason = QLineEdit()
        if reason_label:
            form.addRow(reason_label, self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.value_label, self.reason_label = value_label, reason_label
        _buttons(self, form).accepted.connect(self._accept)

    def _accept(self) -> None:
        if self.value_label and not self.value.text().strip():
            self.error.setText(self.tr("请填写{0}。").format(self.value_label))
            return
        if self.money:
            try:
                parse_money(self.value.text())
            except MoneyError as exc:
                self.error.setText(str(exc))
                return
        if self.reason_label and self.reason_required and not self.reason.text().strip():
            self.error.setText(self.tr("请填写{0}。").format(self.reason_label))
            self.reason.setFocus()
            return
        self.accept()

    def fen(self) -> int:
        return parse_money(self.value.text())
