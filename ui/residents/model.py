"""The residents grid: a lazy table model over any number of residents.

Only the count is known up front (the query's total); rows are fetched a page at a time through
models.residents.pages.search_page(offset, limit) when the view asks for them, and a few pages are
kept. Sorting re-queries with the database's ORDER BY (a proxy sort over 100,000 rows takes ~20 s).
"""
from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from contextlib import suppress
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from models.residents.pages import ordered_ids_in_background, resident_ids, rows_by_ids, search_page
from models.residents.records import ResidentQuery, ResidentRow
from models.residents.rules import DECEASED, MOVED_AWAY, PRESENT

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_PAGES = 12  # ~2,400 rows kept: a few screens either side of where the clerk looks
# Pages below this are read with OFFSET (cheap near the top); deeper ones by id, from the
# query's ordered ids read once (OFFSET 99,800 takes ~0.3 s, a page by id ~2 ms).
OFFSET_PAGES = 3
# With more matches than this, the ordered ids (~0.2 s for 100,000) are read off the UI thread
# right after each query, so the first drag of the scroll bar does not stall the window.
PREFETCH_MIN = 20_000
PREFETCH_DELAY_MS = 250

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ROLES = frozenset((_DISPLAY, _TOOLTIP, ID_ROLE, _ALIGNMENT, _FOREGROUND))
# People who moved away or died, listed when 含已迁出、去世 is ticked: grey, and the status after
# the name, so they are not mistaken for people still living here.
_LEFT_COLOUR = QColor(128, 128, 128)
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# (attribute, header, order key of ResidentQuery or None when the column cannot be sorted).
COLUMNS: list[tuple[str, str, str | None]] = [
    ("name", QT_TRANSLATE_NOOP("ResidentsModel", "姓名"), "name"),
    ("gender", QT_TRANSLATE_NOOP("ResidentsModel", "性别"), "gender"),
    ("birth", QT_TRANSLATE_NOOP("ResidentsModel", "出生日期"), "birth"),
    ("age", QT_TRANSLATE_NOOP("ResidentsModel", "年龄"), "age"),
    ("id_number", QT_TRANSLATE_NOOP("ResidentsModel", "身份证号"), "id_number"),
    ("phone", QT_TRANSLATE_NOOP("ResidentsModel", "联系电话"), "phone"),
    ("building", QT_TRANSLATE_NOOP("ResidentsModel", "楼栋"), "building"),
    # Unit and room sort with their building.
    ("address", QT_TRANSLATE_NOOP("ResidentsModel", "住址"), "building"),
    ("tags", QT_TRANSLATE_NOOP("ResidentsModel", "标签"), None),
]
BIN_COLUMN = ("deleted_at", QT_TRANSLATE_NOOP("ResidentsModel", "删除时间"), None)
# Column widths in pixels at a 17-pixel font height (scaled up with the font).
WIDTHS = {"name": 120, "gender": 50, "birth": 100, "age": 50, "id_number": 180, "phone": 120,
          "building": 70, "address": 110, "tags": 200, "deleted_at": 140}
COL_NAME, COL_GENDER, COL_BIRTH, COL_AGE, COL_ID = 0, 1, 2, 3, 4
_CENTERED = {"gender", "birth", "age", "building", "deleted_at"}


def address_text(row: ResidentRow) -> str:
    """单元 + 房号 (the building has its own column), else the free-text address."""
    return row.unit + row.room if (row.unit or row.room) else row.address


def left_text(row: ResidentRow) -> str:
    """"已迁出 2026-05-01", "已去世 2026-05-01" (the date when known)."""
    word = "已迁出" if row.status == MOVED_AWAY else "已去世" if row.status == DECEASED \
        else row.status
    return f"{word} {row.left_on.isoformat()}" if row.left_on else word


class ResidentsModel(QAbstractTableModel):
    _ids_ready = Signal(int, object)  # (generation, ids) from the prefetch thread

    def __init__(self, parent: Any = None, *, page_size: int = PAGE_SIZE,
                 recycle_bin: bool = False, load: bool = True) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.columns = COLUMNS + ([BIN_COLUMN] if recycle_bin else [])
        self._query = ResidentQuery(deleted=recycle_bin)
        self._total = 0
        self._pages: OrderedDict[int, list[ResidentRow]] = OrderedDict()
        self._ids: array | None = None  # every matching id in order, read on the first deep page
        self.fetches = 0  # pages read from the database (tests check the model stays lazy)
        self.prefetch_min = PREFETCH_MIN
        self._generation = 0  # bumped by every reload, so a late prefetch is thrown away
        self._ids_ready.connect(self._take_ids)
        if load:  # else empty until set_query (one first-page query, not two, at start-up)
            self.reload()

    # --- the query ------------------------------------------------------------------------
    @property
    def query(self) -> ResidentQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: ResidentQuery) -> None:
        """Show what this query finds, keeping the current sort order."""
        self._query = replace(query, order=self._query.order, descending=self._query.descending,
                              deleted=self._query.deleted)
        self.reload()

    def reload(self) -> None:
        """Re-read from the database (after a change): the count and the first page."""
        self.beginResetModel()
        self._pages.clear()
        self._ids = None
        result = search_page(self._query, 0, self.page_size)
        self.fetches += 1
        self._total = result.total
        self._pages[0] = result.rows
        self._generation += 1
        self.endResetModel()
        if self._total > max(self.prefetch_min, OFFSET_PAGES * self.page_size):
            # After the view has painted the first page (the thread would compete for the GIL),
            # and only if the clerk has not typed on meanwhile.
            generation = self._generation
            QTimer.singleShot(PREFETCH_DELAY_MS, self, lambda: self._start_prefetch(generation))

    def _start_prefetch(self, generation: int) -> None:
        if generation != self._generation or self._ids is not None:
            return
        query = self._query

        def work() -> None:
            try:
                ids = array("q", ordered_ids_in_background(query))
            except Exception:  # noqa: BLE001 - the grid then reads the ids itself when needed
                return
            with suppress(RuntimeError):  # the model was destroyed meanwhile (its dialog closed)
                self._ids_ready.emit(generation, ids)

        threading.Thread(target=work, name="residents-ids", daemon=True).start()

    def _take_ids(self, generation: int, ids: array) -> None:
        if generation == self._generation and self._ids is None and len(ids) == self._total:
            self._ids = ids

    @property
    def ids_loaded(self) -> bool:
        return self._ids is not None

    def _age_day(self) -> date:
        return self._query.age_date or date.today()

    # --- rows -----------------------------------------------------------------------------
    def row_at(self, row: int) -> ResidentRow | None:
        if not 0 <= row < self._total:
            return None
        page_no, at = divmod(row, self.page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[at] if at < len(page) else None

    def _fetch(self, page_no: int) -> list[ResidentRow]:
        start = page_no * self.page_size
        if page_no < OFFSET_PAGES and self._ids is None:
            rows = search_page(self._query, start, self.page_size).rows
        else:
            if self._ids is None:
                self._ids = array("q", resident_ids(self._query))
            rows = rows_by_ids(self._ids[start:start + self.page_size])
        self.fetches += 1
        self._pages[page_no] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found else None

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if (role == _DISPLAY and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return QCoreApplication.translate("ResidentsModel", self.columns[section][1])
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # The view asks for a dozen roles a cell: the ones not answered here return at once.
        if role not in _ROLES or not index.isValid() or index.column() >= len(self.columns):
            return None
        if role == _ALIGNMENT:
            return _CENTER if self.columns[index.column()][0] in _CENTERED else _LEFT
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ID_ROLE:
            return row.id
        if role == _FOREGROUND:
            return _LEFT_COLOUR if row.status != PRESENT else None
        text = self._text(row, self.columns[index.column()][0])
        if role == _TOOLTIP:
            if row.status != PRESENT:
                note = f"{left_text(row)}，保留记录"
                return f"{text}\n{note}" if text else note
            return text or None
        return text

    def _text(self, row: ResidentRow, attr: str) -> str:
        if attr == "name" and row.status != PRESENT:
            # Short, to fit the column; the tooltip has the day.
            return f"{row.name}（{'去世' if row.status == DECEASED else row.status}）"
        if attr == "birth":
            return row.birth.isoformat() if row.birth else ""
        if attr == "age":
            age = row.age_on(self._age_day())
            return "" if age is None else str(age)
        if attr == "address":
            return address_text(row)
        if attr == "deleted_at":
            return row.deleted_at.strftime("%Y-%m-%d %H:%M") if row.deleted_at else ""
        return getattr(row, attr) or ""

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Re-query in the database's order; a column without an order keeps the current one.
        (order None: ascending.)"""
        if not 0 <= column < len(self.columns) or self.columns[column][2] is None:
            return
        key = self.columns[column][2]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.order, self._query.descending):
            return
        self._query = replace(self._query, order=key, descending=descending)
        self.reload()

    def column_widths(self, font_height: int) -> list[int]:
        scale = max(1.0, font_height / 17)
        return [int(WIDTHS[attr] * scale) for attr, _title, _order in self.columns]

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column][2] is not None
