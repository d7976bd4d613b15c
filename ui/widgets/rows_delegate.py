"""Cell editors for a RowsModel, chosen by the column's kind."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from models.common.money import MoneyError, parse_money, yuan_text
from ui.widgets.date_edits import make_date_edit, set_value
from ui.widgets.rows_model import CHOICES_ROLE, KIND_ROLE, OPTIONAL_ROLE

LONG_EDITOR_HEIGHT = 96
REFUSED_STYLE = "border: 1px solid #c0392b; background: #fdf0ef;"


class RowsDelegate(QStyledItemDelegate):
    """Date pickers with a calendar, editable combo boxes for choices, a multi-line editor for
    long text, a yuan field for money and spin boxes for numbers."""

    moneyNote = Signal(str)  # what a money cell's text was read as ("＝ 30.50 元"), or why not

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # What an unset date editor proposes (e.g. the previous agenda slot's end).
        self.suggest_datetime: Callable[[QModelIndex], QDateTime] | None = None
        self._live: QWidget | None = None  # the editor whose typing is being handed over

    def _commit_live(self, editor: QWidget) -> None:
        # The view answers a commit by refreshing open editors from the model; the editor being
        # typed in must keep its text ("2" must not turn into "2.00" under the cursor).
        self._live = editor
        try:
            self.commitData.emit(editor)
        finally:
            self._live = None

    def _money_typed(self, editor: QLineEdit, text: str, cell: QPersistentModelIndex,
                     start: str) -> None:
        # The grid shows what was read ("30元5" -> "＝ 30.50 元"), or why not; a refused text
        # also marks the cell, and the model goes back to the amount the cell had before this
        # edit, so that nothing on the way ("1" of "1.005") is kept either.
        try:
            fen = parse_money(text)
        except MoneyError as exc:
            model = cell.model()
            if cell.isValid() and model is not None:
                self._live = editor
                try:
                    model.setData(model.index(cell.row(), cell.column()), start)
                finally:
                    self._live = None
            editor.setStyleSheet(REFUSED_STYLE)
            editor.setToolTip(str(exc))
            self.moneyNote.emit(str(exc))
            return
        self._commit_live(editor)
        editor.setStyleSheet("")
        editor.setToolTip("")
        note = self.tr("＝ %1 元").replace("%1", yuan_text(fen)) if text.strip() else ""
        self.moneyNote.emit(note)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        kind = index.data(KIND_ROLE)
        if kind in {"date", "datetime"}:
            suggest = None
            if self.suggest_datetime is not None:
                hook = self.suggest_datetime
                suggest = lambda: hook(index)  # noqa: E731 - bound to this cell
            return make_date_edit(kind, parent, suggest)
        if kind == "choice":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.addItems(index.data(CHOICES_ROLE) or [])
            return combo
        if kind == "long":
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            edit.installEventFilter(self)
            return edit
        if kind == "int":
            spin = QSpinBox(parent)
            spin.setRange(-1 if index.data(OPTIONAL_ROLE) else 0, 1_000_000)
            spin.setSpecialValueText(self.tr("未填") if index.data(OPTIONAL_ROLE) else "")
            spin.valueChanged.connect(lambda _v: self._commit_live(spin))
            return spin
        if kind == "float":
            dspin = QDoubleSpinBox(parent)
            dspin.setRange(0, 1_000_000)
            dspin.setDecimals(2)
            dspin.valueChanged.connect(lambda _v: self._commit_live(dspin))
            return dspin
        if kind == "money":
            money = QLineEdit(parent)
            money.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            money.setPlaceholderText(self.tr("元"))
            # Numbers reach the model as they are typed, so totals follow every keystroke.
            start = index.data(Qt.ItemDataRole.EditRole) or ""
            cell = QPersistentModelIndex(index)
            money.textEdited.connect(lambda t: self._money_typed(money, t, cell, start))
            return money
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if editor is self._live:
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateTimeEdit):
            set_value(editor, value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(value or "")
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QSpinBox):
            editor.setValue(editor.minimum() if value is None else int(value))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value or 0))
        elif isinstance(editor, QLineEdit) and index.data(KIND_ROLE) == "money":
            editor.setText(value or "")
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        value: Any
        if isinstance(editor, QDateTimeEdit):
            value = editor.dateTime()
        elif isinstance(editor, QComboBox):
            value = editor.currentText().strip()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText().strip()
        elif isinstance(editor, QSpinBox):
            optional = index.data(OPTIONAL_ROLE)
            value = None if optional and editor.value() == editor.minimum() else editor.value()
        elif isinstance(editor, QDoubleSpinBox):
            value = editor.value()
        elif isinstance(editor, QLineEdit) and index.data(KIND_ROLE) == "money":
            value = editor.text()
        else:
            super().setModelData(editor, model, index)
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, QPlainTextEdit):
            # Long text needs room: grow the editor downwards over the rows below.
            rect.setHeight(max(rect.height(), LONG_EDITOR_HEIGHT))
            rect.setWidth(max(rect.width(), 320))
        elif isinstance(editor, QDateTimeEdit):
            rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # In the long-text editor Enter commits (as in the other cells); Shift+Enter breaks a line.
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)
