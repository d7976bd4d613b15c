"""The honours half of the 评比表彰 tab: honour lists (十佳“社区文明健康老人” ...) with their
nominations (by grid, team or unit, with 事迹), review (通过 / 不通过 / 待审核, within the list's
places), and a person's honours across the years (approved honours and contest prizes)."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.contests.records import HonourListRecord, NominationRecord
from models.contests.service import (
    APPROVED,
    PENDING,
    REJECTED,
    create_honour_list,
    list_honour_lists,
    nominate,
    person_honours,
    review_nomination,
)
from ui.contests.nomination_dialog import NominationDialog
from ui.operations import DataHub, run_op

CONTESTS = Changes(contests=True)
COLUMNS = ("姓名", "推荐单位", "事迹", "审核", "审核意见")


class HonoursPage(QWidget):
    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.honour: HonourListRecord | None = None
        self.picker = QComboBox()
        self.picker.setMinimumWidth(360)
        self.picker.activated.connect(lambda _i: self._show(self.picker.currentData()))
        self.new_button = QPushButton(self.tr("新建表彰…"))
        self.new_button.clicked.connect(self.new_list)
        self.counts = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda *_a: self._show_person())
        self.nominate_button = QPushButton(self.tr("推荐…"))
        self.nominate_button.clicked.connect(self.add_nomination)
        self.approve_button = QPushButton(self.tr("通过"))
        self.approve_button.clicked.connect(lambda: self.review(APPROVED))
        self.reject_button = QPushButton(self.tr("不通过…"))
        self.reject_button.clicked.connect(lambda: self.review(REJECTED))
        self.pending_button = QPushButton(self.tr("改回待审核"))
        self.pending_button.clicked.connect(lambda: self.review(PENDING))
        self.person_title = QLabel()
        self.person = QListWidget()
        self.person.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("表彰")))
        top.addWidget(self.picker, 1)
        top.addWidget(self.new_button)
        buttons = QHBoxLayout()
        for b in (self.nominate_button, self.approve_button, self.reject_button,
                  self.pending_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(buttons)
        ll.addWidget(self.table, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.person_title)
        rl.addWidget(self.person, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.counts)
        lay.addWidget(split, 1)
        hub.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.contests or changes.residents or changes.datafile:
            self.reload()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.honour.id if self.honour else None)
        self.picker.clear()
        for h in list_honour_lists():
            self.picker.addItem(f"{h.year}年 {h.title}", h.id)
        found = self.picker.findData(keep) if keep is not None else -1
        self.picker.setCurrentIndex(found if found >= 0 else 0)
        self._show(self.picker.currentData())

    def _show(self, list_id: int | None) -> None:
        row = self.table.currentRow()
        lists = {h.id: h for h in list_honour_lists()}
        self.honour = lists.get(list_id) if list_id is not None else None
        h = self.honour
        noms = h.nominations if h else []
        for b in (self.nominate_button, self.approve_button, self.reject_button,
                  self.pending_button):
            b.setEnabled(h is not None)
        cap = "" if h is None or h.places is None else f"，名额 {h.places} 名"
        self.counts.setText(
            self.tr("还没有表彰名单。点“新建表彰…”开始。") if h is None else
            f"推荐 {len(noms)} 人，已通过 {len(h.approved)} 人{cap}。")
        self.table.setRowCount(len(noms))
        for r, n in enumerate(noms):
            for c, value in enumerate((n.name, n.nominated_by, n.deeds, n.status,
                                       n.review_note)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 360))
        if noms:
            self.table.setCurrentCell(min(max(row, 0), len(noms) - 1), 0)
        self._show_person()

    def selected(self) -> NominationRecord | None:
        row = self.table.currentRow()
        noms = self.honour.nominations if self.honour else []
        return noms[row] if 0 <= row < len(noms) else None

    def _show_person(self) -> None:
        n = self.selected()
        self.person.clear()
        if n is None:
            self.person_title.setText("")
            return
        self.person_title.setText(self.tr("{0} 历年荣誉").format(n.name))
        found = person_honours(n.resident_id, n.name)
        for h in found:
            self.person.addItem(f"{h.year}年　{h.title}：{h.level}" if h.level != h.title
                                else f"{h.year}年　{h.title}")
        if not found:
            self.person.addItem(self.tr("（暂无）"))

    def new_list(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("新建表彰"), self.tr("表彰名称"),
                                         text="十佳“社区文明健康老人”")
        if not ok:
            return
        places, ok = QInputDialog.getInt(self, self.tr("新建表彰"),
                                         self.tr("名额（0 表示不限）"), 10, 0, 1000)
        if not ok:
            return
        result = run_op(self, self.hub, create_honour_list, title, date.today().year,
                        places or None, "社区居委会", changes=CONTESTS)
        if result.ok:
            self.reload(result.value.id)

    def add_nomination(self) -> None:
        if self.honour is None:
            return
        dialog = NominationDialog(self.honour.title, self)
        try:
            while dialog.exec() == NominationDialog.DialogCode.Accepted:
                if run_op(self, self.hub, nominate, self.honour.id, dialog.name.text(),
                          dialog.nominated_by.text(), dialog.deeds.toPlainText(),
                          changes=CONTESTS).ok:
                    break
        finally:
            dialog.deleteLater()

    def review(self, status: str) -> None:
        n = self.selected()
        if n is None:
            return
        note = ""
        if status == REJECTED:
            note, ok = QInputDialog.getText(self, self.tr("不通过"), self.tr("审核意见（可空）"))
            if not ok:
                return
        run_op(self, self.hub, review_nomination, n.id, status, note, changes=CONTESTS)
