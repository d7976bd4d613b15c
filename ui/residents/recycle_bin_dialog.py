"""The residents' recycle bin: list who was deleted, restore them, or delete for good."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import RESIDENTS
from models.residents.service import ResidentQuery, empty_recycle_bin, restore_residents
from ui.operations import DataHub, run_op
from ui.residents.model import ResidentsModel
from ui.widgets.enter_keys import keep_enter_in_fields
from ui.widgets.selection import set_model


class RecycleBinDialog(QDialog):
    def __init__(self, hub: DataHub | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.setWindowTitle(self.tr("居民回收站"))
        self.resize(1200, 600)
        self.model = ResidentsModel(self, recycle_bin=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("在回收站中搜索姓名、拼音、电话、身份证号"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.selection = set_model(self.table, self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate(self.model.column_widths(self.fontMetrics().height())):
            self.table.setColumnWidth(col, width)
        self.table.setWordWrap(False)
        self.count_label = QLabel()
        hint = QLabel(self.tr("删除的居民先放在这里，可以恢复；"
                              "“彻底删除”和“清空回收站”后无法恢复。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")

        self.restore_button = QPushButton(self.tr("恢复选中"))
        self.purge_button = QPushButton(self.tr("彻底删除选中…"))
        self.empty_button = QPushButton(self.tr("清空回收站…"))
        close = QPushButton(self.tr("关闭"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty_bin)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.restore_button, self.purge_button, self.empty_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._apply_search)  # Enter searches at once
        keep_enter_in_fields(self)  # ...and never restores whoever is selected
        self.selection.selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _apply_search(self) -> None:
        self.model.set_query(ResidentQuery(text=self.search.text().strip()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.count_label.setText(self.tr("回收站中共 {0} 人").format(self.model.total))
        n = len(self.selection.selectedRows())
        self.restore_button.setEnabled(n > 0)
        self.purge_button.setEnabled(n > 0)
        self.empty_button.setEnabled(self.model.total > 0)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selection.selectedRows())
        return [rid for rid in (self.model.id_at(r) for r in rows) if rid]

    def _after_change(self) -> None:
        self.model.reload()
        self._update_buttons()

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        result = run_op(self, self.hub, restore_residents, ids, changes=RESIDENTS)
        if result.ok and self.hub is not None:
            self.hub.message.emit(self.tr("已恢复 {0} 人。").format(result.value))
        self._after_change()

    def purge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not self._confirm(
                self.tr("彻底删除选中的 {0} 人？删除后无法恢复。").format(len(ids))):
            return
        run_op(self, self.hub, empty_recycle_bin, ids, changes=RESIDENTS)
        self._after_change()

    def empty_bin(self) -> None:
        if not self._confirm(self.tr("清空回收站，彻底删除其中的 {0} 人？删除后无法恢复。")
                             .format(self.model.total)):
            return
        result = run_op(self, self.hub, empty_recycle_bin, changes=RESIDENTS)
        if result.ok and self.hub is not None:
            self.hub.message.emit(self.tr("回收站已清空（{0} 人）。").format(result.value))
        self._after_change()

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("彻底删除"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
