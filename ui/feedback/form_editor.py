"""The feedback form editor: the questions in order on the left; the chosen one's wording, kind
and options (one a line) on the right; add, remove, move, start from a ready set, save.

Edits stay in the editor until 保存 (one write through ui.operations.run_op); once forms have been
keyed in, the model refuses a change to a question's kind or options in plain words.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import FEEDBACK
from models.feedback.records import CHOICES, KINDS, READY_SETS, SINGLE, Question, ready_set
from models.feedback.service import count_responses, list_questions, save_questions
from ui.operations import DataHub, run_op


class FormEditor(QWidget):
    saved = Signal()

    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.plan_id: int | None = None
        self.questions: list[Question] = []
        self.dirty = False
        self._loading = False

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("题目，如：您对本次活动的总体评价"))
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(self.tr(label), key)
        self.options = QPlainTextEdit()
        self.options.setPlaceholderText(self.tr("每行一个选项（单选、多选题），最多 9 个"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        for signal in (self.text.textChanged, self.options.textChanged):
            signal.connect(self._edited)
        self.kind.currentIndexChanged.connect(lambda _i: self._edited())

        self.ready = QComboBox()
        for name in READY_SETS:
            self.ready.addItem(self.tr(name), name)
        self.ready_button = QPushButton(self.tr("用现成题目开始"))
        self.ready_button.clicked.connect(self.use_ready_set)
        self.add_button = QPushButton(self.tr("新增题目"))
        self.add_button.clicked.connect(self.add_question)
        self.remove_button = QPushButton(self.tr("删除题目"))
        self.remove_button.clicked.connect(self.remove_question)
        self.up_button = QPushButton(self.tr("上移"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(self.tr("下移"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.save_button = QPushButton(self.tr("保存反馈表"))
        self.save_button.clicked.connect(self.save)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        left.addLayout(row)
        ready_row = QHBoxLayout()
        ready_row.addWidget(self.ready)
        ready_row.addWidget(self.ready_button)
        left.addLayout(ready_row)
        form = QFormLayout()
        form.addRow(self.tr("题目"), self.text)
        form.addRow(self.tr("题型"), self.kind)
        form.addRow(self.tr("选项"), self.options)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.note)
        right.addStretch(1)
        right.addWidget(self.save_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self._enable()

    # --- loading and showing ---------------------------------------------------------------

    def load(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.questions = list_questions(plan_id) if plan_id is not None else []
        self.dirty = False
        self._fill_list(0)
        answered = count_responses(plan_id) if plan_id is not None else 0
        self.note.setText(self.tr(
            "已录入 {0} 份反馈表：已有题目的题型和选项不能再改，可以改写题目文字或新增题目。"
        ).format(answered) if answered else "")

    def _fill_list(self, row: int) -> None:
        self._loading = True
        self.list.clear()
        for i, q in enumerate(self.questions, 1):
            self.list.addItem(f"{i}. {q.text or self.tr('（新题目）')}　[{KINDS[q.kind]}]")
        self._loading = False
        if self.questions:
            self.list.setCurrentRow(max(0, min(row, len(self.questions) - 1)))
        else:
            self._show(-1)
        self._enable()

    def _show(self, row: int) -> None:
        if self._loading:
            return
        self._loading = True
        q = self.questions[row] if 0 <= row < len(self.questions) else None
        self.text.setText(q.text if q else "")
        self.kind.setCurrentIndex(self.kind.findData(q.kind if q else SINGLE))
        self.options.setPlainText("\n".join(q.options) if q else "")
        self._loading = False
        self._enable()

    def _enable(self) -> None:
        has_plan = self.plan_id is not None
        has_q = 0 <= self.list.currentRow() < len(self.questions)
        for w in (self.text, self.kind, self.remove_button, self.up_button, self.down_button):
            w.setEnabled(has_q)
        self.options.setEnabled(has_q and self.kind.currentData() in CHOICES)
        for w in (self.add_button, self.save_button):
            w.setEnabled(has_plan)
        self.ready_button.setEnabled(has_plan and not self.questions)

    def _edited(self) -> None:
        if self._loading:
            return
        row = self.list.currentRow()
        if not 0 <= row < len(self.questions):
            return
        q = self.questions[row]
        q.text = self.text.text()
        q.kind = str(self.kind.currentData())
        q.options = [line for line in self.options.toPlainText().split("\n")]
        self.dirty = True
        item = self.list.item(row)
        if item is not None:
            item.setText(f"{row + 1}. {q.text or self.tr('（新题目）')}　[{KINDS[q.kind]}]")
        self._enable()

    # --- actions -----------------------------------------------------------------------------

    def add_question(self) -> None:
        self.questions.append(Question("", SINGLE, []))
        self.dirty = True
        self._fill_list(len(self.questions) - 1)
        self.text.setFocus()

    def remove_question(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.questions):
            del self.questions[row]
            self.dirty = True
            self._fill_list(row)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if 0 <= row < len(self.questions) and 0 <= to < len(self.questions):
            qs = self.questions
            qs[row], qs[to] = qs[to], qs[row]
            self.dirty = True
            self._fill_list(to)

    def use_ready_set(self) -> None:
        self.questions = ready_set(str(self.ready.currentData()))
        self.dirty = True
        self._fill_list(0)

    def save(self) -> bool:
        if self.plan_id is None:
            return False
        result = run_op(self, self.hub, save_questions, self.plan_id, self.questions,
                        changes=FEEDBACK, success_message=self.tr("反馈表已保存。"))
        if result.ok:
            self.questions = result.value
            self.dirty = False
            self._fill_list(self.list.currentRow())
            self.saved.emit()
        return bool(result.ok)

    def maybe_leave(self) -> bool:
        """Asked before another activity is shown: unsaved questions are saved, dropped or kept."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("反馈表未保存"), self.tr("反馈表的修改还没有保存，要保存吗？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard
