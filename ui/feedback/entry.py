"""Keying in the returned paper forms, by keyboard alone: one line per question, the option
numbers shown beside it. A key the question cannot take is refused at once (it never reaches the
field, the line says why); Enter moves to the next question, and on the last one saves the form
and starts the next one at the first question. A blank line is a question the form left blank.

Single choice and satisfaction take one digit (a second digit replaces the first); multiple choice
takes each digit once, in any order; free text takes anything. 撤销上一份 takes back the form just
saved (its number is not reused).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import FEEDBACK
from models.feedback.records import MULTIPLE, RATING, TEXT, Question, allowed_keys
from models.feedback.service import add_response, count_responses, delete_response
from ui.operations import DataHub, run_op

REFUSED_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20;"
PASS_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right,
             Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
             Qt.Key.Key_Up, Qt.Key.Key_Down}


class AnswerEdit(QLineEdit):
    """One question's answer line; refuses keys the question cannot take."""

    def __init__(self, question: Question, entry: ResponseEntry) -> None:
        super().__init__()
        self.question, self.entry = question, entry
        self.keys = allowed_keys(question)
        if question.kind == TEXT:
            self.setMaxLength(500)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entry.enter_pressed(self)
            return
        if key == Qt.Key.Key_Up:
            self.entry.step(self, -1)
            return
        if key == Qt.Key.Key_Down:
            self.entry.step(self, 1)
            return
        if self.question.kind == TEXT or key in PASS_KEYS or not event.text() or (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            super().keyPressEvent(event)
            return
        typed = event.text()
        if typed not in self.keys:
            QApplication.beep()
            self.entry.refuse(self.tr("“{0}”不能填：这一题只能按 {1}。").format(
                typed, "、".join(self.keys)))
            return
        self.entry.refuse("")
        if self.question.kind == MULTIPLE:
            if typed in self.text():
                self.entry.refuse(self.tr("选项 {0} 已经填过了。").format(typed))
                return
            super().keyPressEvent(event)
        else:  # single choice or satisfaction: one digit, a new one replaces the old
            self.setText(typed)


class ResponseEntry(QWidget):
    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.plan_id: int | None = None
        self.edits: list[AnswerEdit] = []
        self.last_saved: int | None = None
        big = QFont()
        big.setPointSize(13)
        big.setBold(True)
        self.counter = QLabel()
        self.counter.setFont(big)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(3, 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.save_button = QPushButton(self.tr("保存这一份（回车）"))
        self.save_button.clicked.connect(self.save_form)
        self.undo_button = QPushButton(self.tr("撤销上一份"))
        self.undo_button.clicked.connect(self.undo_last)
        self.clear_button = QPushButton(self.tr("清空重填"))
        self.clear_button.clicked.connect(self.clear_form)
        hint = QLabel(self.tr("按数字键填选项，回车到下一题；最后一题按回车保存并开始下一份。"
                              "空着表示这题没有填。"))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def load(self, plan_id: int | None, questions: list[Question]) -> None:
        self.plan_id = plan_id
        self.last_saved = None
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()  # deleteLater waits for the event loop: never show it meanwhile
                w.deleteLater()
        self.edits = []
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        for row, q in enumerate(questions):
            self.grid.addWidget(QLabel(f"{row + 1}."), row, 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(q.text)
            label.setWordWrap(True)
            self.grid.addWidget(label, row, 1, Qt.AlignmentFlag.AlignTop)
            edit = AnswerEdit(q, self)
            edit.setFixedWidth(90 if q.kind != TEXT else 360)
            self.grid.addWidget(edit, row, 2)
            choices = QLabel(self._choices_text(q))
            choices.setWordWrap(True)
            self.grid.addWidget(choices, row, 3)
            self.edits.append(edit)
        self.grid.setRowStretch(len(questions), 1)  # rows at the top, not spread down the page
        self.refuse("" if questions or plan_id is None else
                    self.tr("这个活动还没有反馈表题目，请先在“反馈表”里编好。"))
        for w in (self.save_button, self.clear_button):
            w.setEnabled(bool(questions))
        self._update_counter()

    def _choices_text(self, q: Question) -> str:
        if q.kind == TEXT:
            return self.tr("填空：照抄原文")
        if q.kind == RATING:
            return self.tr("1 很不满意 … 5 很满意")
        many = self.tr("（可多选）") if q.kind == MULTIPLE else ""
        return "  ".join(f"{i} {o}" for i, o in enumerate(q.options, 1)) + many

    def _update_counter(self) -> None:
        n = count_responses(self.plan_id) if self.plan_id is not None else 0
        self.counter.setText(self.tr("已录入 {0} 份，正在录入第 {1} 份").format(n, n + 1))
        self.undo_button.setEnabled(self.last_saved is not None)

    def start(self) -> None:
        """Focus the first question (the entry's page was shown)."""
        if self.edits:
            self.edits[0].setFocus()

    def refuse(self, message: str) -> None:
        self.status.setStyleSheet(REFUSED_STYLE)
        self.status.setText(message)

    def step(self, edit: AnswerEdit, by: int) -> None:
        i = self.edits.index(edit) + by
        if 0 <= i < len(self.edits):
            self.edits[i].setFocus()
            self.edits[i].selectAll()

    def enter_pressed(self, edit: AnswerEdit) -> None:
        if edit is self.edits[-1]:
            self.save_form()
        else:
            self.step(edit, 1)

    def save_form(self) -> None:
        if self.plan_id is None or not self.edits:
            return
        typed = {e.question.id or 0: e.text() for e in self.edits}
        result = run_op(self, self.hub, add_response, self.plan_id, typed, changes=FEEDBACK,
                        show_errors=False)
        if not result.ok:
            self.refuse(result.error)
            return
        self.last_saved = int(result.value)
        self.clear_form()
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(self.tr("第 {0} 份已保存。").format(result.value))
        self._update_counter()

    def clear_form(self) -> None:
        for e in self.edits:
            e.clear()
        self.refuse("")
        self.start()

    def undo_last(self) -> None:
        if self.plan_id is None or self.last_saved is None:
            return
        number = self.last_saved
        result = run_op(self, self.hub, delete_response, self.plan_id, number, changes=FEEDBACK)
        if result.ok:
            self.last_saved = None
            self.status.setStyleSheet(OK_STYLE)
            self.status.setText(self.tr("第 {0} 份已撤销。").format(number))
            self._update_counter()
            self.start()
