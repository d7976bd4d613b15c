"""Keyboard score entry: a grid of entry codes (rows) by judges (columns), or one judge at a time.

Type a score and press Enter: the score is checked at once (a number, not above full marks) and
the cursor moves down to the next code (after the last code, to the top of the next judge). A key
that cannot be part of a score is refused as it is typed, and a wrong score stays in its cell with
the reason shown, so nothing wrong is ever taken. What was typed is held (cells marked) until the
clerk presses 保存打分 (Ctrl+S): then every held score is saved at once, all or nothing, and the
results are recomputed. 放弃修改 drops what is held.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.common.errors import UserError
from models.contests.records import ContestRecord, ContestResults
from models.contests.scoring import check_score, show_score
from models.contests.service import save_score_sheet
from ui.operations import DataHub, run_op

CONTESTS = Changes(contests=True)
HELD_BG = QColor("#fff3b0")  # typed, not saved yet
FIXED = 3  # 编号, 类别, 作品名称; the judges' columns follow
SCORE_KEYS = set("0123456789.")
PASS_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right,
             Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
             Qt.Key.Key_Backtab, Qt.Key.Key_Up, Qt.Key.Key_Down}


class _ScoreEditor(QLineEdit):
    """The cell's editor: refuses a key that cannot be part of a score, and an Enter on a score
    that is not acceptable (the reason goes to the grid's message line)."""

    def __init__(self, grid: ScoreGrid, delegate: _Delegate, parent: QWidget) -> None:
        super().__init__(parent)
        self.grid, self.delegate = grid, delegate

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.grid.accept_typed(self.text()):
                self.delegate.closeEditor.emit(self, QAbstractItemDelegate.EndEditHint.NoHint)
                # The closed editor loses the focus next: no commit from it (it is done).
                self.delegate.blockSignals(True)
                try:
                    self.grid.next_after_enter()
                finally:
                    self.delegate.blockSignals(False)
            return
        text = event.text()
        if key in PASS_KEYS or event.modifiers() & Qt.KeyboardModifier.ControlModifier or (
                text and all(ch in SCORE_KEYS for ch in text)):
            super().keyPressEvent(event)
            return
        if text:
            self.grid.say(f"“{text}”不能作分数：只能输入数字和小数点（如 8.5）。", error=True)


class _Delegate(QStyledItemDelegate):
    def __init__(self, grid: ScoreGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        return _ScoreEditor(self.grid, self, parent)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        # Only an Enter on an accepted score writes (ScoreGrid.accept_typed); leaving a cell
        # otherwise (Tab, a click elsewhere) keeps what was there.
        return


class ScoreGrid(QWidget):
    typed = Signal()  # a score was taken into the held ones: the results may be shown again

    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.contest: ContestRecord | None = None
        self.entry_ids: list[int] = []
        self.held: dict[tuple[int, int], str] = {}  # (judge id, entry id) -> typed
        self.judge = QComboBox()
        self.judge.currentIndexChanged.connect(lambda _i: self._show_judges())
        self.table = QTableWidget()
        self.table.setItemDelegate(_Delegate(self))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.installEventFilter(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存打分 (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.drop_button = QPushButton(self.tr("放弃修改"))
        self.drop_button.clicked.connect(self.drop)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        top = QHBoxLayout()
        label = QLabel(self.tr("录入(&J)："))
        label.setBuddy(self.judge)  # Alt+J: choose the judge without the mouse
        top.addWidget(label)
        top.addWidget(self.judge)
        top.addStretch(1)
        top.addWidget(self.drop_button)
        top.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(QLabel(self.tr("输入分数后按回车到下一件作品；只用键盘即可。"
                                     "黄色为已输入未保存的分数，按 Ctrl+S 保存。")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)

    # Loading -----------------------------------------------------------------------------

    def load(self, results: ContestResults) -> None:
        """Show a contest's entries and scores; what is held is dropped (ask first: held())."""
        self.contest = results.contest
        self.held.clear()
        judges = results.contest.judges
        rows = sorted(results.entries, key=lambda r: (
            [c.id for c in results.contest.categories].index(r.entry.category_id), r.entry.code))
        self.entry_ids = [r.entry.id for r in rows]
        t = self.table
        t.clear()
        t.setColumnCount(FIXED + len(judges))
        t.setHorizontalHeaderLabels([self.tr("编号"), self.tr("类别"), self.tr("作品名称"),
                                     *[j.name for j in judges]])
        t.setRowCount(len(rows))
        for r, res in enumerate(rows):
            for c, text in enumerate((res.entry.code, res.entry.category, res.entry.title)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                t.setItem(r, c, item)
            for k, value in enumerate(res.scores):
                item = QTableWidgetItem(show_score(value, 4))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                t.setItem(r, FIXED + k, item)
        t.resizeColumnsToContents()
        for k in range(len(judges)):  # room for a typed score beside a short name
            t.setColumnWidth(FIXED + k, max(t.columnWidth(FIXED + k), 72))
        current = self.judge.currentData()
        self.judge.blockSignals(True)
        self.judge.clear()
        self.judge.addItem(self.tr("全部评委"), None)
        for j in judges:
            self.judge.addItem(f"{j.name}（{j.unit}）" if j.unit else j.name, j.id)
        found = self.judge.findData(current)
        self.judge.setCurrentIndex(max(found, 0))
        self.judge.blockSignals(False)
        self._show_judges()
        full = results.contest.full_marks
        self.say(self.tr("满分 {0} 分。").format(full) if full else "")
        self._update_buttons()

    def _judge_columns(self) -> list[int]:
        return list(range(FIXED, self.table.columnCount()))

    def _show_judges(self) -> None:
        if self.contest is None:
            return
        chosen = self.judge.currentData()
        for k, j in enumerate(self.contest.judges):
            self.table.setColumnHidden(FIXED + k, chosen is not None and j.id != chosen)
        cols = [c for c in self._judge_columns() if not self.table.isColumnHidden(c)]
        if cols and self.entry_ids:
            self.table.setCurrentCell(0, cols[0])

    # Typing ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A wrong key on a cell not being edited: say so rather than start an editor with it.
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(
                event, QKeyEvent) and self.table.state() != QAbstractItemView.State.EditingState:
            text = event.text()
            if (text and text.isprintable() and not all(ch in SCORE_KEYS for ch in text)
                    and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.say(f"“{text}”不能作分数：只能输入数字和小数点（如 8.5）。", error=True)
                return True
        return super().eventFilter(watched, event)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def accept_typed(self, text: str) -> bool:
        """Enter pressed in a cell: hold the score if it is one, else say why and keep it."""
        assert self.contest is not None
        row, col = self.table.currentRow(), self.table.currentColumn()
        if col < FIXED or row < 0:
            return False
        cleaned = text.strip()
        if cleaned:
            try:
                check_score(cleaned, self.contest.full_marks)
            except UserError as exc:
                self.say(str(exc), error=True)
                return False
        judge = self.contest.judges[col - FIXED]
        self.held[(judge.id, self.entry_ids[row])] = cleaned
        item = self.table.item(row, col)
        item.setText(cleaned)
        item.setBackground(QBrush(HELD_BG))
        self.say(self.tr("已输入 {0} 个分数，尚未保存。").format(len(self.held)))
        self._update_buttons()
        self.typed.emit()
        return True

    def next_after_enter(self) -> None:
        """Down the judge's column; after the last code, the top of the next judge shown."""
        t = self.table
        row, col = t.currentRow(), t.currentColumn()
        t.setFocus()
        if row + 1 < t.rowCount():
            t.setCurrentCell(row + 1, col)
            return
        later = [c for c in self._judge_columns() if c > col and not t.isColumnHidden(c)]
        t.setCurrentCell(0, later[0] if later else col)

    # Saving ------------------------------------------------------------------------------

    def has_held(self) -> bool:
        return bool(self.held)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(bool(self.held))
        self.drop_button.setEnabled(bool(self.held))

    def save(self) -> bool:
        if not self.held:
            return True
        sheet: dict[int, dict[int, str]] = {}
        for (judge_id, entry_id), text in self.held.items():
            sheet.setdefault(judge_id, {})[entry_id] = text
        count = len(self.held)
        result = run_op(self, self.hub, save_score_sheet, sheet, changes=CONTESTS,
                        success_message=self.tr("已保存 {0} 个分数。").format(count))
        if result.ok:
            self.held.clear()  # the hub's news reloads the grid and the results
            self.say(self.tr("已保存 {0} 个分数，名次已重算。").format(count))
            self._update_buttons()
        return result.ok

    def drop(self) -> None:
        self.held.clear()
        self.hub.announce(CONTESTS)  # reload what is saved
