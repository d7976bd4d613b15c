"""A grid of rows with a level (1 一、 2 （一） 3 1. 4 （1））shown as a tree: the title column is
indented by level and led by its level's numbering style. Used for the document's outline (提纲)
and the content items (活动内容, four levels deep).

Keys, while the grid has the focus (not while a cell is being typed in):
Ctrl+→ 降级 (one level deeper), Ctrl+← 升级, Ctrl+↑ / Ctrl+↓ move the row, Insert adds a row after
the current one at its level, F2 (or typing) renames. The buttons 升级 and 降级 do the same.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QStyleOptionViewItem, QWidget

from ui.widgets.rows_delegate import RowsDelegate
from ui.widgets.rows_grid import RowsGrid

MAX_LEVEL = 4
# How each level is numbered on paper; the grid shows the style, the PDF counts.
LEVEL_MARKS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
INDENT = "\u3000\u3000"  # two full-width spaces a level
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def _tr(text: str) -> str:
    return QCoreApplication.translate("LevelGrid", text)


def tree_text(level: Any, title: str, offset: int = 0) -> str:
    """The title as the tree shows it: indented by level, led by the numbering style it prints
    with (offset: how many levels above it on paper, e.g. 1 for items under 一、活动内容)."""
    lv = min(max(int(level or 1), 1), MAX_LEVEL)
    printed = min(lv + offset, MAX_LEVEL)
    return INDENT * (lv - 1) + LEVEL_MARKS[printed] + (title or _tr("（无标题）"))


class _TreeDelegate(RowsDelegate):
    """The title column drawn as a tree line; editing it still edits the plain title."""

    def __init__(self, level_column: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._level_column = level_column
        self.offset = 0

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        level = index.siblingAtColumn(self._level_column).data(Qt.ItemDataRole.EditRole)
        option.text = tree_text(level, str(index.data(Qt.ItemDataRole.EditRole) or ""),
                                self.offset)


class LevelGrid(RowsGrid):
    """A RowsGrid of rows with a `level` field, titled by `title_field`."""

    def __init__(self, row_type: type, rows: list[Any], title_field: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(row_type, rows, None, parent)
        self._level = self.model.column_of("level")
        self._title = self.model.column_of(title_field)
        self.tree_delegate = _TreeDelegate(self._level, self)
        self.view.setItemDelegateForColumn(self._title, self.tree_delegate)
        self.promote_button = QPushButton(_tr("升级"), self)
        self.demote_button = QPushButton(_tr("降级"), self)
        self.promote_button.setToolTip(_tr("升一级，如（一）变为一、（Ctrl+←）"))
        self.demote_button.setToolTip(_tr("降一级，如一、变为（一）（Ctrl+→）"))
        for at, button in enumerate((self.promote_button, self.demote_button)):
            button.setAutoDefault(False)
            self._buttons.insertWidget(4 + at, button)
        self.promote_button.clicked.connect(lambda: self.change_level(-1))
        self.demote_button.clicked.connect(lambda: self.change_level(1))
        self.up_button.setToolTip(_tr("上移一行（Ctrl+↑）"))
        self.down_button.setToolTip(_tr("下移一行（Ctrl+↓）"))
        self.add_button.setToolTip(_tr("在所选行之后添加一行，与它同级（Insert）"))
        # Read before the table moves its cursor with the same keys; the filter is on the table
        # itself, so in a cell's editor these keys move the text cursor by words, as elsewhere.
        self._keys = {
            (Qt.Key.Key_Right, CTRL): lambda: self.change_level(1),
            (Qt.Key.Key_Left, CTRL): lambda: self.change_level(-1),
            (Qt.Key.Key_Up, CTRL): lambda: self.move_current(-1),
            (Qt.Key.Key_Down, CTRL): lambda: self.move_current(1),
            (Qt.Key.Key_Insert, NONE): self.add_row,
        }
        self.view.installEventFilter(self)
        self.view.setColumnWidth(self._title, max(self.view.columnWidth(self._title), 260))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            slot = self._keys.get((Qt.Key(event.key()), mods))
            if slot is not None:
                slot()
                return True
        return super().eventFilter(watched, event)

    def set_level_offset(self, offset: int) -> None:
        """Levels above these rows on paper (content items under a headed section: its level)."""
        self.tree_delegate.offset = max(offset, 0)
        self.view.viewport().update()

    def change_level(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        index = self.model.index(row, self._level)
        level = int(index.data(Qt.ItemDataRole.EditRole) or 1)
        new = min(max(level + delta, 1), MAX_LEVEL)
        if new != level:
            self.model.setData(index, new)
        self.view.setFocus()

    def add_row(self) -> int:
        """A new row after the current one, at the current row's level."""
        current = self.current_row()
        level = self.model.index(current, self._level).data(Qt.ItemDataRole.EditRole) \
            if current >= 0 else 1
        row = super().add_row()
        if level and int(level) != 1:
            self.model.setData(self.model.index(row, self._level), int(level))
        self.select_row(row, self._title)
        return row
