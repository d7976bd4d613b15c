"""The contests half of the 评比表彰 tab: pick a contest (of an activity or standalone) or make
one; its entries (登记, 修改, 删除 with confirmation; late ones flagged), judges, the keyboard
score grid and the results, recomputed whenever a score, a judge or the rules change."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.common.errors import UserError
from models.contests.corrections import add_category as service_add_category
from models.contests.corrections import delete_entry, set_all_levels, update_entry
from models.contests.records import ContestRecord, EntryRecord
from models.contests.scoring import MEAN, METHODS, MIN_TRIMMED_JUDGES, TRIMMED, TooFewJudges
from models.contests.service import (
    add_entry,
    add_judge,
    contest_results,
    create_contest,
    delete_contest,
    get_contest,
    list_contests,
    list_entries,
    remove_judge,
)
from ui.contests.contest_dialog import ContestDialog
from ui.contests.entry_dialog import EntryDialog
from ui.contests.results_panel import ResultsPanel
from ui.contests.score_grid import ScoreGrid
from ui.operations import DataHub, run_op

CONTESTS = Changes(contests=True)
ENTRY_COLUMNS = ("编号", "类别", "参赛人", "作品名称", "收到日期", "经收人", "逾期")
LATE_FG = Qt.GlobalColor.darkRed


class ContestsPage(QWidget):
    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.contest: ContestRecord | None = None
        self.entries: list[EntryRecord] = []
        self.picker = QComboBox()
        self.picker.setMinimumWidth(420)
        self.picker.activated.connect(lambda _i: self._picked())
        self.new_button = QPushButton(self.tr("新建评比…"))
        self.new_button.clicked.connect(self.new_contest)
        self.delete_button = QPushButton(self.tr("删除评比"))
        self.delete_button.clicked.connect(self.delete_contest)
        self.levels_button = QPushButton(self.tr("奖项设置…"))
        self.levels_button.clicked.connect(self.edit_levels)
        self.category_button = QPushButton(self.tr("添加类别…"))
        self.category_button.clicked.connect(self.add_category)
        self.info = QLabel()
        self.info.setWordWrap(True)

        self.entry_table = QTableWidget(0, len(ENTRY_COLUMNS))
        self.entry_table.setHorizontalHeaderLabels([self.tr(c) for c in ENTRY_COLUMNS])
        self.entry_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entry_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entry_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entry_table.verticalHeader().hide()
        self.entry_table.horizontalHeader().setStretchLastSection(True)
        self.entry_table.doubleClicked.connect(lambda _i: self.edit_entry())
        self.add_entry_button = QPushButton(self.tr("登记作品…"))
        self.add_entry_button.clicked.connect(self.add_entry)
        self.edit_entry_button = QPushButton(self.tr("修改…"))
        self.edit_entry_button.clicked.connect(self.edit_entry)
        self.delete_entry_button = QPushButton(self.tr("删除"))
        self.delete_entry_button.clicked.connect(self.delete_entry)
        entries = QWidget()
        lay = QVBoxLayout(entries)
        row = QHBoxLayout()
        for b in (self.add_entry_button, self.edit_entry_button, self.delete_entry_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.entry_table, 1)

        self.judge_list = QListWidget()
        self.add_judge_button = QPushButton(self.tr("添加评委…"))
        self.add_judge_button.clicked.connect(self.add_judge)
        self.remove_judge_button = QPushButton(self.tr("移除评委"))
        self.remove_judge_button.clicked.connect(self.remove_judge)
        judges = QWidget()
        jl = QVBoxLayout(judges)
        jrow = QHBoxLayout()
        jrow.addWidget(self.add_judge_button)
        jrow.addWidget(self.remove_judge_button)
        jrow.addStretch(1)
        jl.addLayout(jrow)
        jl.addWidget(self.judge_list, 1)

        self.grid = ScoreGrid(hub)
        self.grid.typed.connect(self._preview_results)
        self.results = ResultsPanel(hub)
        self.pages = QTabWidget()
        self.pages.addTab(entries, self.tr("作品"))
        self.pages.addTab(judges, self.tr("评委"))
        self.pages.addTab(self.grid, self.tr("打分"))
        self.pages.addTab(self.results, self.tr("结果"))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("评比")))
        top.addWidget(self.picker, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.category_button)
        top.addWidget(self.levels_button)
        top.addWidget(self.delete_button)
        main = QVBoxLayout(self)
        main.addLayout(top)
        main.addWidget(self.info)
        main.addWidget(self.pages, 1)
        hub.changed.connect(self._on_changed)
        self.reload_contests()

    # Which contest -----------------------------------------------------------------------

    def reload_contests(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.contest.id if self.contest else None)
        self.picker.clear()
        for c in list_contests():
            self.picker.addItem(f"{c.title}（作品 {c.entry_count} 件，评委 {len(c.judges)} 位）",
                                c.id)
        found = self.picker.findData(keep) if keep is not None else -1
        self.picker.setCurrentIndex(found if found >= 0 else 0)
        self._show(self.picker.currentData())

    def _picked(self) -> None:
        wanted = self.picker.currentData()
        if self.contest is not None and wanted != self.contest.id and not self.maybe_leave():
            self.picker.setCurrentIndex(self.picker.findData(self.contest.id))
            return
        self._show(wanted)

    def select_contest(self, contest_id: int) -> None:
        self.picker.setCurrentIndex(self.picker.findData(contest_id))
        self._show(contest_id)

    def maybe_leave(self) -> bool:
        """Scores typed and not saved: save them, drop them, or stay."""
        if not self.grid.has_held():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("分数未保存"),
                          self.tr("已输入 {0} 个分数还没有保存。保存吗？").format(
                              len(self.grid.held)), parent=self)
        save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(self.tr("不保存"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is save:
            return self.grid.save()
        if box.clickedButton() is drop:
            self.grid.held.clear()
            return True
        return False

    def _on_changed(self, changes: Changes) -> None:
        if changes.contests or changes.plans or changes.datafile:
            self.reload_contests()

    def _show(self, contest_id: int | None) -> None:
        self.contest = get_contest(contest_id) if contest_id is not None else None
        c = self.contest
        for w in (self.delete_button, self.levels_button, self.category_button, self.pages):
            w.setEnabled(c is not None)
        if c is None:
            self.info.setText(self.tr("还没有评比。点“新建评比…”开始。"))
            self.entries = []
            self.entry_table.setRowCount(0)
            return
        cats = "；".join(f"{cat.name}：" + "、".join(
            f"{n}{p}名" if p is not None else f"{n}若干" for n, p in cat.levels)
            for cat in c.categories)
        deadline = c.deadline.isoformat() if c.deadline else "无"
        full = f"满分 {c.full_marks} 分" if c.full_marks else "不限满分"
        self.info.setText(f"截止 {deadline}，{full}。奖项 — {cats}")
        self.entries = list_entries(c.id)
        self._fill_entries()
        self.judge_list.clear()
        for j in c.judges:
            item = QListWidgetItem(f"{j.name}　{j.unit}")
            item.setData(Qt.ItemDataRole.UserRole, j.id)
            self.judge_list.addItem(item)
        try:
            res = contest_results(c.id)
        except UserError as exc:  # e.g. 去掉最高最低 with too few judges: choose again
            self.results.load(None, str(exc), c.id, (c.method, c.tie_rule))
            self.grid.setEnabled(False)
            return
        self.grid.setEnabled(True)
        self.results.load(res)
        self.grid.load(res)

    def _preview_results(self) -> None:
        """Results with the scores typed and not saved yet, recomputed at each Enter."""
        if self.contest is None:
            return
        try:
            res = contest_results(self.contest.id, self.grid.held)
        except UserError as exc:
            self.results.load(None, str(exc), self.contest.id,
                              (self.contest.method, self.contest.tie_rule))
            return
        self.results.load(res, pending=len(self.grid.held))

    def _fill_entries(self) -> None:
        t = self.entry_table
        t.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            values = (e.code, e.category, e.name, e.title, e.received.isoformat(),
                      e.received_by, "逾期" if e.late else "")
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if e.late:
                    item.setForeground(LATE_FG)
                t.setItem(r, col, item)
        t.resizeColumnsToContents()

    # Contests ------------------------------------------------------------------------------

    def new_contest(self) -> None:
        from models.plans.service import list_plans

        dialog = ContestDialog([(p.id, p.title) for p in list_plans()], self)
        while run_dialog_keep(dialog):
            result = run_op(self, self.hub, create_contest, dialog.value(), changes=CONTESTS)
            if result.ok:
                self.reload_contests(result.value.id)
                break
        dialog.deleteLater()

    def delete_contest(self) -> None:
        c = self.contest
        if c is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除评比"),
            self.tr("删除“{0}”及其 {1} 件作品和全部打分？此操作不能撤销。").format(
                c.title, c.entry_count))
        if answer == QMessageBox.StandardButton.Yes:
            self.grid.held.clear()
            self.contest = None
            run_op(self, self.hub, delete_contest, c.id, changes=CONTESTS)

    def add_category(self) -> None:
        if self.contest is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("添加类别"), self.tr("作品类别名称"))
        if ok:
            run_op(self, self.hub, service_add_category, self.contest.id, name,
                   changes=CONTESTS)

    def edit_levels(self) -> None:
        from ui.contests.levels_dialog import LevelsDialog

        if self.contest is None:
            return
        dialog = LevelsDialog(self.contest, self)
        while run_dialog_keep(dialog):
            if run_op(self, self.hub, lambda: set_all_levels(dialog.value()),
                      changes=CONTESTS).ok:
                break
        dialog.deleteLater()

    # Entries -------------------------------------------------------------------------------

    def selected_entry(self) -> EntryRecord | None:
        row = self.entry_table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def add_entry(self) -> None:
        if self.contest is None:
            return
        dialog = EntryDialog(self.contest, None, self)
        while run_dialog_keep(dialog):
            if run_op(self, self.hub, add_entry, self.contest.id, dialog.value(),
                      changes=CONTESTS).ok:
                break
        dialog.deleteLater()

    def edit_entry(self) -> None:
        entry = self.selected_entry()
        if self.contest is None or entry is None:
            return
        dialog = EntryDialog(self.contest, entry, self)
        while run_dialog_keep(dialog):
            if run_op(self, self.hub, update_entry, entry.id, dialog.value(),
                      changes=CONTESTS).ok:
                break
        dialog.deleteLater()

    def delete_entry(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除作品"),
            self.tr("删除作品 {0}《{1}》（{2}）及其全部打分？").format(
                entry.code, entry.title, entry.name))
        if answer == QMessageBox.StandardButton.Yes:
            run_op(self, self.hub, delete_entry, entry.id, changes=CONTESTS)

    # Judges --------------------------------------------------------------------------------

    def add_judge(self) -> None:
        if self.contest is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("添加评委"), self.tr("评委姓名"))
        if not ok:
            return
        unit, ok = QInputDialog.getText(self, self.tr("添加评委"), self.tr("所在单位"))
        if ok:
            run_op(self, self.hub, add_judge, self.contest.id, name, unit, changes=CONTESTS)

    def remove_judge(self) -> None:
        item = self.judge_list.currentItem()
        if self.contest is None or item is None:
            return
        judge_id = int(item.data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(self, self.tr("移除评委"), self.tr(
            "移除评委“{0}”及其全部打分？名次将按其余评委重算。").format(item.text().strip()))
        if answer != QMessageBox.StandardButton.Yes:
            return
        method = None
        if self.contest.method == TRIMMED and len(self.contest.judges) - 1 < MIN_TRIMMED_JUDGES:
            # Fewer than five judges would be left: the clerk chooses another method first.
            others = [m for m in METHODS if m != TRIMMED]
            warning = TooFewJudges(len(self.contest.judges) - 1)
            method, ok = QInputDialog.getItem(
                self, self.tr("请重新选择计分方法"),
                str(warning) + "\n" + self.tr("移除后改用哪种计分方法？"), others,
                others.index(MEAN), False)
            if not ok:
                return
        run_op(self, self.hub, remove_judge, judge_id, method, changes=CONTESTS)


def run_dialog_keep(dialog: QWidget) -> bool:
    """exec() a dialog that may be shown again after a refusal (deleted by the caller)."""
    from PySide6.QtWidgets import QDialog

    assert isinstance(dialog, QDialog)
    return dialog.exec() == QDialog.DialogCode.Accepted

