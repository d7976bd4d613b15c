"""The plans list as a table model: rows come from models.plans.listing.list_plans (filtered in the
query); sorting by a header click reorders the rows in the model, never through a proxy.

A QStandardItemModel: a plans list holds some hundreds of plans at most, so keeping them as items
costs little, and Qt then does the headers, flags and sorting itself.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from models.plans.listing import list_plans
from models.plans.summary import STATUSES, PlanSummary

COL_TITLE, COL_CATEGORY, COL_STATUS, COL_START, COL_UPDATED = range(5)
HEADERS = (
    QT_TRANSLATE_NOOP("PlansListModel", "标题"),
    QT_TRANSLATE_NOOP("PlansListModel", "类别"),
    QT_TRANSLATE_NOOP("PlansListModel", "状态"),
    QT_TRANSLATE_NOOP("PlansListModel", "开始时间"),
    QT_TRANSLATE_NOOP("PlansListModel", "修改时间"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the plan's id, on every cell of its row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the key of the column sorted by (set when sorting)


@lru_cache(maxsize=4096)
def _pinyin_key(text: str) -> str:
    # A clerk expects 敬老 before 亲子 (pinyin order), not Unicode order.
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class PlansListModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate("PlansListModel", h) for h in HEADERS])
        self.setSortRole(SORT_ROLE)
        # Every cell is made from this: shown and selectable, never edited, dragged or dropped on.
        # Qt makes the cells itself (setItemData below): an item made in Python keeps its Python
        # wrapper as long as the model lives, even after a refresh deleted the item, and a later
        # Qt object made at the same address would be handed out as that stale item.
        prototype = QStandardItem()
        prototype.setEditable(False)
        prototype.setDragEnabled(False)
        prototype.setDropEnabled(False)
        self.setItemPrototype(prototype)
        self._rows: list[PlanSummary] = []
        self._filters: dict[str, Any] = {"text": "", "status": None, "category": None, "year": None}
        self._sort: tuple[int, Qt.SortOrder] | None = None  # None: the query's order

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
        self.removeRows(0, self.rowCount())
        self._rows = rows
        self.insertRows(0, len(rows))
        for r, p in enumerate(rows):
            self._fill(r, p)
        if self._sort is not None:
            self._apply_sort(*self._sort)

    def _fill(self, row: int, p: PlanSummary) -> None:
        untimed = QCoreApplication.translate("PlansListModel", "未定")
        # The day is enough in the list; the tooltip has the time.
        texts = (p.title, p.category, p.status, _when(p.start) or untimed,
                 p.updated.strftime("%Y-%m-%d") if p.updated else "")
        tips = {COL_TITLE: p.title, COL_UPDATED: _when(p.updated)}
        for column, text in enumerate(texts):
            roles: dict[int, Any] = {Qt.ItemDataRole.DisplayRole: text, ID_ROLE: p.id}
            if column in tips:
                roles[Qt.ItemDataRole.ToolTipRole] = tips[column]
            self.setItemData(self.index(row, column), roles)

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

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        if not 0 <= column < len(HEADERS):
            self._sort = None
            self.refresh()
            return
        if order is None:
            order = Qt.SortOrder.AscendingOrder
        self._sort = (column, order)
        self._apply_sort(column, order)

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        # The keys go into SORT_ROLE and Qt sorts the items (stable: ties keep the query's
        # order), moving the selection with them.
        for r, p in enumerate(self._rows):
            self.setData(self.index(r, column), self._sort_key(p, column), SORT_ROLE)
        super().sort(column, order)
        by_id = {p.id: p for p in self._rows}
        self._rows = [by_id[self.index(r, 0).data(ID_ROLE)] for r in range(self.rowCount())]
