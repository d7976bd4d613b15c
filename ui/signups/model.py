"""The sign-ups grid of one activity: a QAbstractTableModel over SignupRecords (a few hundred
rows, read at once, ordered by the query). Promoted rows (moved up from the waitlist, to be
phoned) are highlighted; the waitlist is greyed; a sign-up that broke a rule is marked."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from models.signups.records import SignupRecord
from models.signups.rules import CANCELLED, WAITLIST

COLUMNS = ("报名序号", "姓名", "联系电话", "状态", "陪同人员", "报名时间", "签到时间", "提醒")
COL_NAME, COL_STATUS, COL_NOTE = 1, 3, 7
PROMOTED_BG = QColor("#fff3b0")
WAITLIST_FG = QColor("#7a7a7a")
CANCELLED_FG = QColor("#b0b0b0")

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignupsModel", text)


class SignupsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SignupRecord] = []

    def set_rows(self, rows: list[SignupRecord]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> SignupRecord | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, signup_id: int) -> int:
        for i, r in enumerate(self.rows):
            if r.id == signup_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def _note(self, r: SignupRecord) -> str:
        bits = []
        if r.waitlist_place is not None:  # from the live queue, as everywhere else
            bits.append(_tr("候补第 {0} 位").format(r.waitlist_place))
        if r.promoted:
            bits.append(_tr("候补递补，请电话通知"))
        if r.walk_in:
            bits.append(_tr("现场报名"))
        if r.resident_id is None:
            bits.append(_tr("未关联居民"))
        if r.override_note:
            bits.append(_tr("破例：{0}").format(r.override_note))
        if r.notes:
            bits.append(r.notes)
        return "；".join(bits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (r.position, r.name, r.phone, r.status, r.companions_text(),
                      r.signed_up.strftime("%Y-%m-%d %H:%M"),
                      r.checked_in.strftime("%H:%M") if r.checked_in else "", self._note(r))
            return values[col]
        if role == Qt.ItemDataRole.BackgroundRole and r.promoted:
            return QBrush(PROMOTED_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == WAITLIST:
                return QBrush(WAITLIST_FG)
            if r.status == CANCELLED:
                return QBrush(CANCELLED_FG)
        if role == Qt.ItemDataRole.ToolTipRole and (r.warnings or r.override_note):
            return _tr("报名时未符合：\n{0}\n破例说明：{1}").format(r.warnings, r.override_note)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 3, 5, 6):
            return Qt.AlignmentFlag.AlignCenter
        return None
