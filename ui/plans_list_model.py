"""The plans list as a table model: rows come from models.plan_list.list_plans (filtered in the query);
sorting by a header click reorders the fetched rows in the model, never through a proxy."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from models.plan_list import list_plans
from models.plan_summary import STATUSES, PlanSummary

COL_TITLE, COL_CATEGORY, COL_STATUS, COL_START, COL_UPDATED = range(5)
HEADERS = (
    QT_TRANSLATE_NOOP("PlansListModel", "标题"),
    QT_TRANSLATE_NOOP("PlansListModel", "类别"),
    QT_TRANSLATE_NOOP("PlansListModel", "状态"),
    QT_TRANSLATE_NOOP("PlansListModel", "开始时间"),
    QT_TRANSLATE_NOOP("PlansListModel", "修改时间"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
# The roles data() answers, as ints: the role arrives as an int.
_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                    ID_ROLE, SORT_ROLE))


@lru_cache(maxsize=4096)
def _pinyin_key(text: str) -> str:
    # A clerk expects 敬老 before 亲子 (pinyin order), not Unicode order.
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class PlansListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanSummary] = []
        self._filters: dict[str, Any] = {"text": "", "status": None, "category": None, "year": None}
        self._sort: tuple[int, Qt.SortOrder] | None = None  # None: the query's order

    # --- data -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return QCoreApplication.translate("PlansListModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles a cell (font, colours, alignment...): answer the ones
        # not handled here before anything else; painting 9 rows makes over 2,000 calls.
        if role not in _ROLES:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return p.title
            if col == COL_CATEGORY:
                return p.category
            if col == COL_STATUS:
                return p.status
            if col == COL_START:
                return _when(p.start) or QCoreApplication.translate("PlansListModel", "未定")
            if col == COL_UPDATED:  # the day is enough in the list; the tooltip has the time
                return p.updated.strftime("%Y-%m-%d") if p.updated else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TITLE:
                return p.title
            if col == COL_UPDATED:
                return _when(p.updated)
        elif role == ID_ROLE:
            return p.id
        elif role == SORT_ROLE:
            return self._sort_key(p, col)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- queries --------------------------------------------------------------------------
    def plan_at(self, row: int) -> PlanSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, plan_id: int) -> int:
        for i, p in enumerate(self._rows):
            if p.id == plan_id:
                return i
        return -1

    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    def set_filters(self, text: str = "", status: str | None = None, category: str | None = None,
                    year: int | None = None) -> None:
        self._filters = {"text": text, "status": status or None,
                         "category": category or None, "year": year or None}
        self.refresh()

    def refresh(self) -> None:
        """Re-read the rows with the current filters (after any change to the data file)."""
        rows = list_plans(**self._filters)
        if self._sort is not None:
            rows = self._sorted(rows, *self._sort)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    # --- sorting --------------------------------------------------------------------------
    @staticmethod
    def _sort_key(p: PlanSummary, col: int) -> Any:
        if col == COL_TITLE:
            return _pinyin_key(p.title)
        if col == COL_CATEGORY:
            return _pinyin_key(p.category)
        if col == COL_STATUS:
            return STATUSES.index(p.status) if p.status in STATUSES else len(STATUSES)
        if col == COL_START:
            return p.start or datetime.min
        if col == COL_UPDATED:
            return p.updated or datetime.min
        return p.id

    def _sorted(self, rows: list[PlanSummary], col: int, order: Qt.SortOrder) -> list[PlanSummary]:
        desc = order == Qt.SortOrder.DescendingOrder
        # Ties keep the query's order (newest start first), so equal keys never shuffle.
        return sorted(rows, key=lambda p: self._sort_key(p, col), reverse=desc)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            self._sort = None
            self.refresh()
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        self._rows = self._sorted(self._rows, column, order)
        new_pos = {p.id: i for i, p in enumerate(self._rows)}
        for old, pid in zip(persistent, ids):
            self.changePersistentIndex(old, self.index(new_pos[pid], old.column()))
        self.layoutChanged.emit()
