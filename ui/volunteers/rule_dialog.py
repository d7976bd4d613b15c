"""The minimums as data (最低要求): for every team by default or for one team, the services a
team owes each month, what each member owes a year (times, or hours where the office prefers),
and whether training counts as service."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from models.volunteers.records import Rule
from models.volunteers.rules import HOURS, TIMES
from ui.widgets.enter_keys import keep_enter_in_fields


class RuleDialog(QDialog):
    def __init__(self, team_name: str, rule: Rule, save: Callable[[Rule], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("最低要求：{0}").format(team_name))
        self.save = save
        form = QFormLayout(self)
        self.per_month = QSpinBox()
        self.per_month.setRange(0, 100)
        self.per_month.setValue(rule.team_per_month)
        self.per_month.setSuffix(self.tr(" 次"))
        self.per_year = QSpinBox()
        self.per_year.setRange(0, 10000)
        self.per_year.setValue(rule.member_per_year)
        self.measure = QComboBox()
        self.measure.addItems([TIMES, HOURS])
        self.measure.setCurrentText(rule.measure)
        self.training = QCheckBox(self.tr("参加培训也算作服务"))
        self.training.setChecked(rule.training_counts)
        form.addRow(self.tr("服务队每月至少服务"), self.per_month)
        form.addRow(self.tr("每名志愿者每年至少"), self.per_year)
        form.addRow(self.tr("单位"), self.measure)
        form.addRow(self.training)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)

    def _accept(self) -> None:
        rule = Rule(self.per_month.value(), self.per_year.value(), self.measure.currentText(),
                    self.training.isChecked())
        if self.save(rule):
            self.accept()
