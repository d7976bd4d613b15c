"""A table model over a list of row records of one type (agenda slots, budget lines, ...).

The model edits the list it is given in place, so a nested list (a phase's tasks) edited in a
detail grid is already part of the plan record. Columns come from the records' field metadata.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from models.plans.rules import parse_yuan, yuan
from ui.plans.fields import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FieldSpec,
    format_number,
    from_qdate,
    from_qdatetime,
    specs_of,
    to_qdate,
    to_qdatetime,
    tr_label,
)

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # the column's kind, for the delegate
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2
OPTIONAL_ROLE = Qt.ItemDataRole.UserRole + 3
PROBLEM_BRUSH = QBrush(QColor("#fbe3e1"))
COMPUTED_BRUSH = QBrush(QColor("#f1f4f7"))
NUMERIC_KINDS = {"int", "float", "money"}


class RowsModel(QAbstractTableModel):
    """Rows of one record type; `changed` fires after every edit, insert, removal or move."""

    changed = Signal()
    invalidInput = Signal(str)  # a message for the clerk when a typed value is refused

    def __init__(
        self,
        row_type: type,
        rows: list[Any] | None = None,
        computed: list[tuple[str, FieldSpec]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._row_type = row_type
        self._rows: list[Any] = rows if rows is not None else []
        # Nested rows (sub-items) get their own grid; computed columns are read-only properties,
        # each placed after the named column (a budget line's amount after its unit price).
        self._specs = specs_of(row_type)
        for after, spec in computed or []:
            names = [s.name for s in self._specs]
            at = names.index(after) + 1 if after in names else len(names)
            self._specs.insert(at, spec)
        self._flagged: set[int] = set()
        self.new_row: Callable[[], Any] = row_type

    # --- the list -----------------------------------------------------------------------
    def row_type(self) -> type:
        return self._row_type

    def rows(self) -> list[Any]:
        return self._rows

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._flagged = set()
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def spec(self, column: int) -> FieldSpec:
        return self._specs[column]

    def specs(self) -> list[FieldSpec]:
        return list(self._specs)

    def column_of(self, name: str) -> int:
        for i, spec in enumerate(self._specs):
            if spec.name == name:
                return i
        raise KeyError(name)

    def set_flagged(self, rows: set[int]) -> None:
        """Rows shown with a warning background (e.g. agenda slots with a problem)."""
        if rows == self._flagged:
            return
        self._flagged = set(rows)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self._specs) - 1),
                [Qt.ItemDataRole.BackgroundRole],
            )

    def flagged(self) -> set[int]:
        return set(self._flagged)

    # --- read ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._specs)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                if 0 <= section < len(self._specs):
                    return tr_label(self._specs[section].label)
                return None
            return str(section + 1)
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        spec = self._specs[index.column()]
        if spec.read_only:
            return base
        if spec.kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, self.CheckIndexOption.IndexIsValid):
            return None
        spec = self._specs[index.column()]
        value = getattr(self._rows[index.row()], spec.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(spec, value)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(spec, value)
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and spec.kind in {"text", "long"} and value:
            return str(value)  # the whole text, when the column cuts it short
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if spec.kind in NUMERIC_KINDS:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if spec.kind in {"date", "datetime", "bool"}:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if index.row() in self._flagged:
                return PROBLEM_BRUSH
            if spec.read_only:
                return COMPUTED_BRUSH  # worked out, not typed: looks set apart
            return None
        if role == KIND_ROLE:
            return spec.kind
        if role == CHOICES_ROLE:
            return list(spec.choices)
        if role == OPTIONAL_ROLE:
            return spec.optional
        return None

    @staticmethod
    def _display(spec: FieldSpec, value: Any) -> str | None:
        if spec.kind == "bool":
            return None  # the check box says it
        if value is None:
            return ""
        if spec.kind == "money":
            return yuan(value)
        if spec.kind == "date" and isinstance(value, date):
            return value.strftime("%Y-%m-%d")
        if spec.kind == "datetime" and isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if spec.kind in {"int", "float"}:
            return format_number(value)
        if spec.kind == "long":
            return str(value).replace("\n", " ")
        return str(value)

    @staticmethod
    def _edit_value(spec: FieldSpec, value: Any) -> Any:
        if spec.kind == "money":
            return yuan(value)
        if spec.kind == "date":
            return to_qdate(value)
        if spec.kind == "datetime":
            return to_qdatetime(value)
        if spec.kind == "bool":
            return bool(value)
        if spec.kind in {"int", "float"}:
            return value
        return "" if value is None else str(value)

    # --- write --------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.checkIndex(index, self.CheckIndexOption.IndexIsValid):
            return False
        spec = self._specs[index.column()]
        if spec.read_only:
            return False
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind == "bool":
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            try:
                new = self._convert(spec, value)
            except ValueError as exc:
                self.invalidInput.emit(str(exc))
                return False
        else:
            return False
        row = self._rows[index.row()]
        if getattr(row, spec.name) == new:
            return True
        setattr(row, spec.name, new)
        # A change may move computed columns (a budget line's amount): refresh the whole row.
        last = len(self._specs) - 1
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), last))
        self.changed.emit()
        return True

    def clear_cell(self, index: Index) -> bool:
        """Empty a cell (the Delete key): None where the field allows it, else the blank value."""
        spec = self._specs[index.column()]
        if spec.read_only or spec.kind == "bool":
            return False
        return self.setData(index, None if spec.optional else "")

    @staticmethod
    def _convert(spec: FieldSpec, value: Any) -> Any:
        kind = spec.kind
        if kind == "money":
            text = "" if value is None else str(value).strip()
            if not text and spec.optional:
                return None
            if isinstance(value, int):
                return value
            return parse_yuan(text)
        if kind == "date":
            if isinstance(value, QDate):
                return from_qdate(value)
            if isinstance(value, date) and not isinstance(value, datetime):
                return value
            return _empty_or_error(value, spec)
        if kind == "datetime":
            if isinstance(value, QDateTime):
                return from_qdatetime(value)
            if isinstance(value, datetime):
                return value.replace(second=0, microsecond=0)
            return _empty_or_error(value, spec)
        if kind in {"int", "float"}:
            cast = int if kind == "int" else float
            if value is None or (isinstance(value, str) and not value.strip()):
                return None if spec.optional else cast(0)
            try:
                return cast(str(value).strip()) if isinstance(value, str) else cast(value)
            except ValueError:
                message = _tr("“%1”不是有效的数字。").replace("%1", str(value))
                raise ValueError(message) from None
        if kind == "bool":
            return bool(value)
        return "" if value is None else str(value)

    # --- rows ---------------------------------------------------------------------------
    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for i in range(count):
            self._rows.insert(row + i, self.new_row())
        self.endInsertRows()
        self.changed.emit()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        kept = (r for r in self._flagged if not row <= r < row + count)
        self._flagged = {r if r < row else r - count for r in kept}
        self.endRemoveRows()
        self.changed.emit()
        return True

    def moveRows(
        self, source_parent: Index, source_row: int, count: int, dest_parent: Index, dest_child: int
    ) -> bool:
        n = len(self._rows)
        if source_parent.isValid() or dest_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > n or not 0 <= dest_child <= n:
            return False
        if source_row <= dest_child <= source_row + count:
            return False  # onto itself: nothing to do, and Qt refuses it too
        last = source_row + count - 1
        if not self.beginMoveRows(QModelIndex(), source_row, last, QModelIndex(), dest_child):
            return False
        block = self._rows[source_row : source_row + count]
        del self._rows[source_row : source_row + count]
        at = dest_child if dest_child < source_row else dest_child - count
        self._rows[at:at] = block
        self.endMoveRows()
        self.changed.emit()
        return True

    def insert_row_object(self, row: int, obj: Any) -> None:
        """Put a given row record (e.g. one removed a moment ago) at `row`."""
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, obj)
        self.endInsertRows()
        self.changed.emit()

    def sort_rows(self, key: Callable[[Any], Any]) -> None:
        """Reorder the rows by `key` (stable), keeping selections on the same rows."""
        order = sorted(range(len(self._rows)), key=lambda i: key(self._rows[i]))
        if order == list(range(len(self._rows))):
            return
        self.layoutAboutToBeChanged.emit()
        new_position = {old: new for new, old in enumerate(order)}
        for index in self.persistentIndexList():
            moved = self.index(new_position[index.row()], index.column())
            self.changePersistentIndex(index, moved)
        self._rows[:] = [self._rows[i] for i in order]
        self._flagged = {new_position[r] for r in self._flagged}
        self.layoutChanged.emit()
        self.changed.emit()

    def add_row(self, at: int | None = None) -> int:
        """Insert a blank row (at the end unless told) and return its number."""
        at = len(self._rows) if at is None else at
        self.insertRows(at, 1)
        return at

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.removeRows(row, 1)

    def move_row(self, row: int, delta: int) -> int:
        """Move one row up (-1) or down (+1); returns where it ends up."""
        target = row + delta
        if not 0 <= row < len(self._rows) or not 0 <= target < len(self._rows):
            return row
        dest = target if delta < 0 else target + 1
        return target if self.moveRows(QModelIndex(), row, 1, QModelIndex(), dest) else row


def _empty_or_error(value: Any, spec: FieldSpec) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    fmt = DATE_FORMAT if spec.kind == "date" else DATETIME_FORMAT
    raise ValueError(_tr("“%1”不是有效的日期，请按 %2 填写。")
                     .replace("%1", str(value)).replace("%2", fmt))


def _tr(text: str) -> str:
    return QCoreApplication.translate("RowsModel", text)
