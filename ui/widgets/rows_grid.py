"""A grid of rows with 添加 / 删除 / 上移 / 下移, and a master-detail pair for nested rows."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.plans.fields import FieldSpec, specs_of
from ui.widgets.rows_delegate import RowsDelegate
from ui.widgets.rows_model import RowsModel
from ui.widgets.selection import set_model

READ_STYLE = "color: #555555;"  # a money cell's value as read, beside the grid
# Starting column widths in pixels by kind; long text takes what is left.
WIDTH_BY_KIND = {
    "text": 130,
    "choice": 96,
    "int": 70,
    "float": 70,
    "money": 90,
    "date": 110,
    "datetime": 150,
    "bool": 70,
    "long": 240,
}
# How the spare width is shared out: text columns grow, long text grows three times as fast.
SHARE_BY_KIND = {"text": 1, "long": 3}
MIN_TEXT_WIDTH = 72
# Text fields that hold a word or two ("瓶", "3人") keep a small width.
NARROW_FIELDS = {"unit": 56, "headcount": 72, "quantity": 72, "role": 96}


class _Table(QTableView):
    """Delete clears the selected cells (when not editing), as in a spreadsheet; an empty
    table says how to start; columns share the width by kind (long text gets the most)."""

    selection: QItemSelectionModel  # set by RowsGrid (see ui.widgets.selection)

    def fit_columns(self) -> None:
        model = self.model()
        if not isinstance(model, RowsModel):
            return
        header = self.horizontalHeader()
        specs = model.specs()
        base = [
            max(
                NARROW_FIELDS.get(s.name) or WIDTH_BY_KIND.get(s.kind, 120),
                self.fontMetrics().horizontalAdvance(s.label) + 18,
            )
            for s in specs
        ]
        weights = [0 if s.name in NARROW_FIELDS else SHARE_BY_KIND.get(s.kind, 0) for s in specs]
        spare = self.viewport().width() - sum(base)
        total = sum(weights)
        widths = list(base)
        if spare >= 0:
            for column, weight in enumerate(weights):
                widths[column] += spare * weight // total if total else 0
        else:
            # Short of room, text columns from the right give width back (down to a floor)
            # before the table scrolls sideways; the first one says what the row is and keeps.
            growing = [c for c, weight in enumerate(weights) if weight]
            for column in reversed(growing[1:]):
                give = min(-spare, widths[column] - MIN_TEXT_WIDTH)
                if give > 0:
                    widths[column] -= give
                    spare += give
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.isEnabled():
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#8a96a3"))
            painter.drawText(
                self.viewport().rect().adjusted(0, 24, 0, 0),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.tr("还没有内容。点“添加”新增一行。"),
            )
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        deleting = (event.matches(QKeySequence.StandardKey.Delete)
                    or event.key() == Qt.Key.Key_Backspace)
        if deleting and self.state() != QAbstractItemView.State.EditingState:
            model = self.model()
            if isinstance(model, RowsModel):
                for index in self.selection.selectedIndexes():
                    model.clear_cell(index)
                return
        super().keyPressEvent(event)


class RowsGrid(QWidget):
    """One list of rows (agenda slots, budget lines, ...) in an editable table."""

    changed = Signal()
    currentRowChanged = Signal(int)  # -1 when nothing is selected
    invalidInput = Signal(str)

    def __init__(
        self,
        row_type: type,
        rows: list[Any] | None = None,
        computed: list[tuple[str, FieldSpec]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RowsModel(row_type, rows, computed, self)
        self.delegate = RowsDelegate(self)
        self.view = _Table(self)
        self.view.selection = set_model(self.view, self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setHighlightSections(False)
        self._size_columns()

        self.add_button = QPushButton(self.tr("添加"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.up_button = QPushButton(self.tr("上移"), self)
        self.down_button = QPushButton(self.tr("下移"), self)
        self.add_button.setToolTip(self.tr("在所选行之后添加一行"))
        self.remove_button.setToolTip(self.tr("删除所选的行"))
        buttons = self._buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint = QLabel(self)
        self.hint.setObjectName("gridHint")
        buttons.addWidget(self.hint)
        self.undo_button = QPushButton(self)
        self.undo_button.setAutoDefault(False)
        self.undo_button.hide()
        self._removed: list[tuple[int, Any]] = []
        buttons.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

        self.undo_button.clicked.connect(self.undo_remove)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.model.changed.connect(self._on_changed)
        self.model.invalidInput.connect(self._on_invalid)
        self.delegate.moneyNote.connect(self._on_money_note)
        self.model.modelReset.connect(self._update_buttons)
        self.view.selection.currentRowChanged.connect(self._on_current)
        self._update_buttons()

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(56)
        header.setStretchLastSection(False)
        self.view.fit_columns()

    # --- actions ------------------------------------------------------------------------
    def set_rows(self, rows: list[Any] | None) -> None:
        """Show another list (None: nothing, and the grid is disabled)."""
        self.model.set_rows(rows if rows is not None else [])
        self.setEnabled(rows is not None)
        self.hint.clear()
        self._removed = []
        self.undo_button.hide()

    def add_button_after_moves(self, text: str) -> QPushButton:
        """An extra button in the toolbar (e.g. 按时间排序 for the agenda)."""
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        self._buttons.insertWidget(4, button)
        return button

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, column)
            self.view.setCurrentIndex(index)
            self.view.selection.select(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def add_row(self) -> int:
        current = self.current_row()
        row = self.model.add_row(None if current < 0 else current + 1)
        self.select_row(row)
        self.view.setFocus()
        return row

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.view.selection.selectedIndexes()}
        if not rows and self.current_row() >= 0:
            rows = {self.current_row()}
        if not rows:
            return
        # Kept so the clerk can take the removal back (autosave may follow within seconds).
        removed = [(row, self.model.row_at(row)) for row in sorted(rows)]
        self.model.remove_rows(sorted(rows))
        self._removed = removed
        self.undo_button.setText(self.tr("撤销删除（%1 行）").replace("%1", str(len(removed))))
        self.undo_button.show()
        self.select_row(min(min(rows), self.model.rowCount() - 1))

    def undo_remove(self) -> None:
        """Put the rows removed last back where they were."""
        removed, self._removed = self._removed, []
        self.undo_button.hide()
        for row, obj in removed:  # ascending, so each goes back to its old number
            self.model.insert_row_object(min(row, self.model.rowCount()), obj)
        if removed:
            self.select_row(removed[0][0])

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        column = self.view.currentIndex().column()
        self.select_row(self.model.move_row(row, delta), column)

    def _on_changed(self) -> None:
        self.hint.clear()
        self._update_buttons()
        self.changed.emit()

    def _on_money_note(self, text: str) -> None:
        # "＝ 30.50 元" (what was read) in grey; a refusal in the hint's own red.
        self.hint.setStyleSheet(READ_STYLE if text.startswith("＝") else "")
        self.hint.setText(text)

    def _on_invalid(self, message: str) -> None:
        self.hint.setStyleSheet("")
        self.hint.setText(message)
        self.invalidInput.emit(message)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.currentRowChanged.emit(current.row() if current.isValid() else -1)

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)


class MasterDetailGrid(QWidget):
    """Rows that carry rows: a master grid above, the selected row's nested rows below
    (content items and their sub-items; phases and their tasks)."""

    changed = Signal()

    def __init__(
        self,
        row_type: type,
        child_type: type,
        child_attr: str,
        rows: list[Any],
        detail_title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._child_attr = child_attr
        self._name_attr = specs_of(row_type)[0].name  # what the detail's caption calls the row
        self._detail_title = detail_title
        self.master = RowsGrid(row_type, rows, parent=self)
        self.detail = RowsGrid(child_type, None, parent=self)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("detailTitle")
        detail_box = QWidget(self)
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 8, 0, 0)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.master)
        splitter.addWidget(detail_box)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.master.currentRowChanged.connect(self._bind_detail)
        self.master.changed.connect(self._master_changed)
        self.detail.changed.connect(self.changed)
        self._bind_detail(-1)

    def set_rows(self, rows: list[Any]) -> None:
        self.master.set_rows(rows)
        self._bind_detail(self.master.current_row())

    def _master_changed(self) -> None:
        # Rows removed or moved: the detail must follow the row now under the cursor.
        self._bind_detail(self.master.current_row())
        self.changed.emit()

    def _bind_detail(self, row: int) -> None:
        rows = self.master.model.rows()
        if 0 <= row < len(rows):
            children = getattr(rows[row], self._child_attr)
            if self.detail.model.rows() is not children:
                self.detail.set_rows(children)
            name = str(getattr(rows[row], self._name_attr, "") or "").strip()
            label = f"“{name}”" if name else self.tr("第 %1 项").replace("%1", str(row + 1))
            self.detail_label.setText(
                self.tr("%1的%2").replace("%1", label).replace("%2", self._detail_title)
            )
        else:
            self.detail.set_rows(None)
            self.detail_label.setText(
                self.tr("选中上面的一项，在这里编辑它的%1").replace("%1", self._detail_title)
            )
