"""The results of a contest, recomputed from the scores each time they change: place within the
category, prize, a shared place said in words, the notices (a level over its count, entries not
yet scored by every judge). The method and the tie rule are chosen here: 去掉最高最低 with fewer
than five judges is refused with the reason, and the choice goes back for the clerk to choose
again."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.contests.records import ContestResults
from models.contests.scoring import METHODS, TIE_RULES, show_score
from models.contests.service import set_rules
from ui.operations import DataHub, run_op

COLUMNS = ("类别", "名次", "奖项", "编号", "参赛人", "作品名称", "得分", "说明")


def place_text(rank: int | None, shared: bool) -> str:
    if rank is None:
        return "未评完"
    return f"并列第{rank}名" if shared else f"第{rank}名"


class ResultsPanel(QWidget):
    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.contest_id: int | None = None
        self.saved_rules = ("", "")
        self.method = QComboBox()
        self.method.addItems(list(METHODS))
        self.tie_rule = QComboBox()
        self.tie_rule.addItems(list(TIE_RULES))
        self.method.activated.connect(lambda _i: self._choose())
        self.tie_rule.activated.connect(lambda _i: self._choose())
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("计分方法")))
        top.addWidget(self.method)
        top.addWidget(QLabel(self.tr("同分时")))
        top.addWidget(self.tie_rule)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.warning)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notices)

    def load(self, res: ContestResults | None, error: str = "", contest_id: int | None = None,
             rules: tuple[str, str] = ("", ""), *, pending: int = 0) -> None:
        """Show results; error: why there are none (e.g. too few judges for the method), with
        the contest and its rules so the clerk can choose again."""
        self.table.setRowCount(0)
        self.warning.setText(error)
        if res is None:
            self.contest_id = contest_id
            if rules[0]:
                self.saved_rules = rules
                self.method.setCurrentText(rules[0])
                self.tie_rule.setCurrentText(rules[1])
            self.notices.setText("")
            return
        c = res.contest
        self.contest_id = c.id
        self.saved_rules = (c.method, c.tie_rule)
        self.method.setCurrentText(c.method)
        self.tie_rule.setCurrentText(c.tie_rule)
        self.table.setRowCount(len(res.entries))
        same: dict[tuple[int, object], int] = {}
        for e in res.entries:
            key = (e.entry.category_id, e.total)
            same[key] = same.get(key, 0) + 1
        for r, e in enumerate(res.entries):
            # Nothing decided silently: a tie the rule broke says which rule broke it.
            notes = []
            if e.total is not None and same[(e.entry.category_id, e.total)] > 1 and not e.shared:
                notes.append(f"同分，按“{c.tie_rule}”排定")
            if e.entry.late:
                notes.append("逾期收件")
            note = "；".join(notes)
            values = (e.entry.category, place_text(e.rank, e.shared), e.prize, e.entry.code,
                      e.entry.name, e.entry.title, show_score(e.total), note)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col in (1, 2, 3, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        lines = [f"说明：{n}" for n in res.notices]
        if pending:
            lines.insert(0, f"以上名次含 {pending} 个尚未保存的分数（在“打分”页按 Ctrl+S 保存）。")
        self.notices.setText("\n".join(lines))

    def _choose(self) -> None:
        if self.contest_id is None:
            return
        method, rule = self.method.currentText(), self.tie_rule.currentText()
        result = run_op(self, self.hub, set_rules, self.contest_id, method, rule,
                        changes=Changes(contests=True), show_errors=False)
        if not result.ok:
            # Say why and put the choice back: the clerk chooses again.
            self.method.setCurrentText(self.saved_rules[0])
            self.tie_rule.setCurrentText(self.saved_rules[1])
            self.warning.setText(result.error + self.tr("已恢复原来的选择，请重新选择。"))
