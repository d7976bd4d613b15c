"""The beneficiaries of one campaign as a lazy list: the first page is read when a campaign is
picked, the next as the clerk scrolls (fetchMore), like the residents grid. A row the checks flag
(models/relief/checks.py) shows the kind in 提醒 and the reasons as its tooltip; a locked row
(handed over) is greyed."""
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

from models.common.money import yuan_text
from models.relief.records import ENDED, BeneficiaryRecord

COLUMNS = ("编号", "姓名", "户（住址）", "类别", "家庭人口", "金额（元）", "状态", "提醒")
COL_NAME, COL_STATUS, COL_NOTE = 1, 6, 7
PAGE = 200
LOCKED_FG = QColor("#5f6b7a")
ENDED_FG = QColor("#b0b0b0")
FLAG_BG = QColor("#fde2e1")

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReliefModel", text)


class BeneficiariesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.campaign_id: int | None = None
        self.rows: list[BeneficiaryRecord] = []
        self.total = 0
        self.findings: dict[int, list[tuple[str, str]]] = {}  # id -> [(kind, reason)]
        # "added": a page at a time in the order entered; "building" (楼栋、单元、房号, the
        # visiting round) and "strokes" (姓氏笔画) read the whole list at once, sorted by
        # models.relief (a campaign's list is hundreds of rows, not 100,000).
        self.order = "added"

    def load(self, campaign_id: int | None) -> None:
        from models.relief.beneficiaries import first_page, list_beneficiaries

        self.beginResetModel()
        self.campaign_id = campaign_id
        self.rows, self.total, self.findings = [], 0, {}
        if campaign_id is not None and self.order == "added":
            self.total, self.rows = first_page(campaign_id, PAGE)
        elif campaign_id is not None:
            self.rows = list_beneficiaries(campaign_id, self.order)
            self.total = len(self.rows)
        self.endResetModel()

    def set_findings(self, findings: dict[int, list[tuple[str, str]]]) -> None:
        self.findings = findings
        if self.rows:
            self.dataChanged.emit(self.index(0, COL_NOTE), self.index(len(self.rows) - 1,
                                                                      COL_NOTE))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        from models.relief.beneficiaries import list_beneficiaries

        if self.campaign_id is None or parent.isValid():
            return
        more = list_beneficiaries(self.campaign_id, offset=len(self.rows), limit=PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows += more
        self.endInsertRows()

    def refresh_row(self, rec: BeneficiaryRecord) -> int:
        for i, r in enumerate(self.rows):
            if r.id == rec.id:
                self.rows[i] = rec
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return i
        return -1

    def record(self, row: int) -> BeneficiaryRecord | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, beneficiary_id: int) -> int:
        while True:
            for i, r in enumerate(self.rows):
                if r.id == beneficiary_id:
                    return i
            if not self.canFetchMore():
                return -1
            self.fetchMore()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        found = self.findings.get(r.id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            status = r.status + (_tr("（已锁定）") if r.locked else "")
            values = (r.id, r.name, r.household or _tr("（未填住址）"), r.category,
                      r.household_size, yuan_text(r.amount_fen), status,
                      "、".join(dict.fromkeys(k for k, _why in found)))
            return values[col]
        if role == Qt.ItemDataRole.ToolTipRole and found:
            return "\n".join(why for _k, why in found)
        if role == Qt.ItemDataRole.BackgroundRole and found and col == COL_NOTE:
            return QBrush(FLAG_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status in ENDED:
                return QBrush(ENDED_FG)
            if r.locked:
                return QBrush(LOCKED_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 4, 5, 6):
            return Qt.AlignmentFlag.AlignCenter
        return None
