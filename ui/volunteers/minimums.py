"""The minimums view of a year: every team's months against the rule (a short month in red, a
month not yet over in grey) and every member short of the rule or on course to miss it, with how
far and why (models/volunteers/rules.py words it)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.volunteers.ledger import YearFigures
from models.volunteers.rules import HOURS, hours_text

SHORT = QColor("#f8d7da")
NOT_YET = QColor("#9e9e9e")


def _item(text: str, center: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def _amount(value: int, measure: str) -> str:
    return hours_text(value) if measure == HOURS else f"{value} 次"


class MinimumsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.teams_label = QLabel(self.tr(
            "各服务队每月服务次数（红色：未达到每月最低次数；灰色：该月尚未过完）"))
        layout.addWidget(self.teams_label)
        self.teams = QTableWidget(0, 14)
        self.teams.setHorizontalHeaderLabels(
            [self.tr("服务队")] + [self.tr("{0}月").format(m) for m in range(1, 13)]
            + [self.tr("说明")])
        self.teams.horizontalHeader().setStretchLastSection(True)
        self.teams.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for m in range(1, 13):
            self.teams.setColumnWidth(m, 44)
        layout.addWidget(self.teams, 1)
        self.members_label = QLabel()
        layout.addWidget(self.members_label)
        self.members = QTableWidget(0, 7)
        self.members.setHorizontalHeaderLabels(
            [self.tr("志愿者编号"), self.tr("姓名"), self.tr("服务队"), self.tr("已完成"),
             self.tr("应达到"), self.tr("照进度到年底"), self.tr("说明")])
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.members, 2)

    def show_figures(self, fig: YearFigures) -> None:
        self.teams.setRowCount(0)
        for t in fig.teams:
            if t.team is None:
                continue
            row = self.teams.rowCount()
            self.teams.insertRow(row)
            self.teams.setItem(row, 0, _item(t.name))
            for m in range(1, 13):
                item = _item(str(t.month_counts.get(m, 0)), center=True)
                if m not in t.months_held:
                    item.setForeground(QBrush(NOT_YET))
                elif t.month_counts.get(m, 0) < t.rule.team_per_month:
                    item.setBackground(QBrush(SHORT))
                self.teams.setItem(row, m, item)
            self.teams.setItem(row, 13, _item("；".join(t.month_reasons) or self.tr("均已达到")))
        short = [(t, m) for t in fig.teams for m in t.members if not m.check.met
                 and (m.check.reason or m.check.projected is None)]
        self.members_label.setText(self.tr(
            "未达到或照目前进度可能达不到最低要求的志愿者：{0} 人（截至 {1}）").format(
                len(short), f"{fig.as_of:%Y-%m-%d}"))
        self.members.setRowCount(0)
        for t, m in short:
            row = self.members.rowCount()
            self.members.insertRow(row)
            c = m.check
            projected = _amount(c.projected, c.measure) if c.projected is not None else "—"
            for col, text in enumerate((m.volunteer.number, m.volunteer.name, t.name,
                                        _amount(c.done, c.measure), _amount(c.owed, c.measure),
                                        projected, c.reason)):
                item = _item(text, center=col in (3, 4, 5))
                if col == 6:
                    item.setBackground(QBrush(SHORT))
                self.members.setItem(row, col, item)
        self.members.resizeColumnsToContents()
