"""The 居民 area: one search field, filters (tag, age on a chosen date, building), the lazy grid of
residents, and the buttons to add, edit, delete, import and export. Every write goes through
ui.operations; the grid re-reads when the hub says residents changed."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import RESIDENTS, Changes
from models.common.errors import UserError
from models.residents.records import ResidentQuery
from ui.context import AppContext
from ui.operations import run_op, show_error
from ui.residents.model import COL_NAME, ResidentsModel
from ui.widgets.actions import make_action
from ui.widgets.dialogs import run_dialog
from ui.widgets.selection import set_model

SEARCH_DELAY_MS = 150  # debounce: one query once the clerk pauses typing
NO_AGE = -1  # the age spin boxes' "不限"


# The tag and building filters read their choices when first opened (ChoiceCombo).
def _tag_names() -> list[str]:
    from models.residents.service import list_tags

    return [t.name for t in list_tags()]


def _buildings() -> list[str]:
    from models.residents.service import list_buildings

    return list_buildings()


class ChoiceCombo(QComboBox):
    """A filter box: "all" (data None) and the values load() gives, read when the list is first
    opened after mark_stale(), keeping the current choice."""

    def __init__(self, everything: str, load: Callable[[], list[str]]) -> None:
        super().__init__()
        self._load = load
        self._stale = True
        self.addItem(everything, None)

    def mark_stale(self) -> None:
        self._stale = True

    def ensure_loaded(self) -> None:
        if not self._stale:
            return
        self._stale = False
        chosen = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for value in self._load():
            self.addItem(value, value)
        at = self.findData(chosen) if chosen is not None else 0
        if at < 0:  # the chosen value is gone (e.g. its last resident deleted): keep showing it
            self.addItem(chosen, chosen)
            at = self.count() - 1
        self.setCurrentIndex(at)
        self.blockSignals(False)

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()


class ResidentsArea(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.hub = ctx, ctx.hub
        self._everyone: int | None = None  # residents not in the bin, for the count label

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("搜索：姓名、拼音或首字母（如 zs）、电话、身份证号片段、住址"))
        self.search.setClearButtonEnabled(True)
        self.tag_filter = ChoiceCombo(self.tr("全部标签"), _tag_names)
        self.building_filter = ChoiceCombo(self.tr("全部楼栋"), _buildings)
        self.building_filter.setMinimumContentsLength(6)
        self.min_age = self._age_spin()
        self.max_age = self._age_spin()
        self.age_date = QDateEdit(QDate.currentDate())
        self.age_date.setCalendarPopup(True)
        self.age_date.setDisplayFormat("yyyy-MM-dd")
        self.age_date.setToolTip(self.tr("按这一天计算年龄（例如活动当天）"))
        self.count_label = QLabel()
        self.include_left = QCheckBox(self.tr("含已迁出、去世"))
        self.include_left.setToolTip(self.tr("迁出或去世的居民保留记录，平时不列出；勾选后一并列出"))

        self.model = ResidentsModel(self, load=False)  # apply_filters() below loads it
        self.table = QTableView()
        self.selection = set_model(self.table, self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Fixed row heights: the view never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate(self.model.column_widths(self.fontMetrics().height())):
            header.resizeSection(col, width)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_toolbar())
        body = QVBoxLayout()
        body.setContentsMargins(6, 6, 6, 6)
        body.addWidget(self.search)
        body.addLayout(self._build_filters())
        body.addWidget(self.table, 1)
        body.addWidget(self.count_label)
        layout.addLayout(body, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.tag_filter, self.building_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        for spin in (self.min_age, self.max_age):
            spin.valueChanged.connect(self._search_timer.start)
        self.age_date.dateChanged.connect(self._search_timer.start)
        self.include_left.toggled.connect(self.apply_filters)
        self.table.doubleClicked.connect(lambda index: self.edit_resident(index.row()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.selection.selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.hub.changed.connect(self._on_data_changed)

        self._fill_filter_choices()
        if getattr(ctx, "initial_search", ""):
            self.search.setText(ctx.initial_search)
        self.apply_filters()

    # --- building -------------------------------------------------------------------------
    def _age_spin(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(NO_AGE, 130)
        spin.setSpecialValueText(self.tr("不限"))
        spin.setSuffix(self.tr(" 岁"))
        spin.setValue(NO_AGE)
        return spin

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "",
                tip: str = "") -> QAction:
        # Shortcuts here (e.g. Del in the grid) act only while the focus is in this area.
        return make_action(self, text, slot, shortcut, tip, area_only=True)

    def _build_toolbar(self) -> QToolBar:
        # No Ctrl+N here: the plans area's 新建方案 holds it window-wide (in the 文件 menu).
        self.act_add = self._action(self.tr("新增"), self.add_resident, "",
                                    self.tr("登记一位新居民"))
        self.act_edit = self._action(self.tr("编辑"), self.edit_current, "",
                                     self.tr("修改选中的居民（也可双击）"))
        self.act_delete = self._action(self.tr("删除"), self.delete_selected, "Del",
                                       self.tr("把选中的居民移到回收站，可以恢复"))
        self.act_bin = self._action(self.tr("回收站…"), self.open_recycle_bin)
        self.act_import = self._action(self.tr("导入居民名册…"), self.import_file, "",
                                       self.tr("从 Excel 或 CSV 名册导入居民"))
        self.act_export = self._action(self.tr("导出居民名册…"), self.export_file, "",
                                       self.tr("把全部或筛选出的居民导出为 Excel 或 CSV"))
        # Ctrl+P is the window's 文件 > 打印…, which calls print_document on this tab.
        self.act_print = self._action(self.tr("打印…"), self.print_document, "",
                                      self.tr("预览并打印居民名册（全部或筛选出的居民）"))
        self.act_undo_import = self._action(self.tr("撤销上次导入…"), self.undo_import, "",
                                            self.tr("删除上一次导入新增的居民，恢复它改动的信息"))
        self.act_household = self._action(self.tr("户与状态…"), self.open_household, "",
                                          self.tr("查看选中居民所在的户，移到另一户，设置迁出或去世"))
        self.act_figures = self._action(self.tr("人群统计…"), self.open_figures, "",
                                        self.tr("按性别、年龄段、标签、楼栋统计，查看目标人群"))
        # The toolbar shows the short text, the 文件 menu the full one.
        self.act_import.setIconText(self.tr("导入…"))
        self.act_bin.setIconText(self.tr("回收站…"))
        self.act_figures.setIconText(self.tr("人群统计…"))
        self.act_export.setIconText(self.tr("导出…"))
        bar = QToolBar(self.tr("居民工具栏"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_add, self.act_edit, self.act_household, self.act_delete, None,
                       self.act_bin, None, self.act_import, self.act_undo_import, self.act_export,
                       self.act_print, None, self.act_figures):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        return bar

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("标签")))
        row.addWidget(self.tag_filter, 1)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("年龄")))
        row.addWidget(self.min_age)
        row.addWidget(QLabel(self.tr("至")))
        row.addWidget(self.max_age)
        row.addWidget(QLabel(self.tr("按日期")))
        row.addWidget(self.age_date)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("楼栋")))
        row.addWidget(self.building_filter, 1)
        row.addSpacing(12)
        row.addWidget(self.include_left)
        return row

    def file_menu_actions(self) -> list[QAction | None]:
        return [self.act_import, self.act_undo_import, self.act_export]

    # --- filters --------------------------------------------------------------------------
    def _fill_filter_choices(self) -> None:
        """The tag and building lists are read when a box is next opened (counting tags and
        buildings over 100,000 residents takes ~0.25 s: not after every save)."""
        self.tag_filter.mark_stale()
        self.building_filter.mark_stale()

    def current_query(self) -> ResidentQuery:
        tag = self.tag_filter.currentData()
        min_age, max_age = self.min_age.value(), self.max_age.value()
        return ResidentQuery(
            text=self.search.text().strip(),
            tags=(tag,) if tag else (),
            min_age=None if min_age == NO_AGE else min_age,
            max_age=None if max_age == NO_AGE else max_age,
            age_date=self.age_date.date().toPython(),
            building=self.building_filter.currentData(),
            include_left=self.include_left.isChecked(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        # A new search starts at the top (and the deep page the view was on is never read).
        self.table.scrollToTop()
        self.model.set_query(self.current_query())
        self._update_count()

    def _update_count(self) -> None:
        found = self.model.total
        if self.current_query() == ResidentQuery(age_date=self.age_date.date().toPython()):
            self._everyone = found
            self.count_label.setText(self.tr("共 {0} 人").format(found))
        else:
            if self._everyone is None:
                from models.residents.service import count_residents  # see _tag_names

                self._everyone = count_residents()
            self.count_label.setText(
                self.tr("共 {0} 人（全部居民 {1} 人）").format(found, self._everyone))

    def refresh(self) -> None:
        self._everyone = None
        self._fill_filter_choices()
        self.model.reload()
        self._update_count()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.residents:
            self.refresh()

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.sortable(column):
            # 标签 has no order: put the indicator back where the rows really are.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self._sorted_column(), self._sorted_order())
            header.blockSignals(False)
            return
        self.table.scrollToTop()
        self.model.sort(column, order)

    def _sorted_column(self) -> int:
        key = self.model.query.order
        return next((i for i, c in enumerate(self.model.columns) if c[2] == key), COL_NAME)

    def _sorted_order(self) -> Qt.SortOrder:
        return (Qt.SortOrder.DescendingOrder if self.model.query.descending
                else Qt.SortOrder.AscendingOrder)

    # --- selection ------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.selection.selectedRows())

    def selected_ids(self) -> list[int]:
        return [rid for rid in (self.model.id_at(r) for r in self.selected_rows()) if rid]

    def _update_actions(self) -> None:
        n = len(self.selection.selectedRows()) if hasattr(self, "selection") else 0
        self.act_edit.setEnabled(n == 1)
        self.act_household.setEnabled(n == 1)
        self.act_delete.setEnabled(n > 0)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.act_edit, self.act_household, self.act_delete, None, self.act_add):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- actions --------------------------------------------------------------------------
    def add_resident(self) -> None:
        from ui.residents.edit_dialog import ResidentDialog

        run_dialog(ResidentDialog(self.hub, None, self))

    def edit_current(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.edit_resident(rows[0])

    def edit_resident(self, row: int) -> None:
        from ui.residents.edit_dialog import ResidentDialog

        resident_id = self.model.id_at(row)
        if resident_id is None:
            return
        try:
            dialog = ResidentDialog(self.hub, resident_id, self)
        except UserError as exc:  # deleted for good meanwhile (e.g. from the recycle bin)
            show_error(self, str(exc))
            self.refresh()
            return
        run_dialog(dialog)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        rows = [self.model.row_at(r) for r in self.selected_rows()[:3]]
        names = [row.name for row in rows if row is not None]
        who = "、".join(names) + (self.tr(" 等 {0} 人").format(len(ids)) if len(ids) > 3 else "")
        from PySide6.QtWidgets import QMessageBox  # its type costs ~4 ms to make

        answer = QMessageBox.question(
            self, self.tr("删除居民"),
            self.tr("把 {0} 移到回收站？\n\n之后可以在“回收站”中恢复。").format(who))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from models.residents.service import delete_residents  # see _tag_names

        result = run_op(self, self.hub, delete_residents, ids, changes=RESIDENTS)
        if result.ok:
            self.hub.message.emit(self.tr("已将 {0} 人移到回收站。").format(result.value))

    def open_household(self) -> None:
        from ui.residents.household_dialog import HouseholdDialog

        ids = self.selected_ids()
        if len(ids) != 1:
            return
        try:
            dialog = HouseholdDialog(self.hub, ids[0], self)
        except UserError as exc:  # deleted for good meanwhile
            show_error(self, str(exc))
            self.refresh()
            return
        run_dialog(dialog)

    def open_recycle_bin(self) -> None:
        from ui.residents.recycle_bin_dialog import RecycleBinDialog

        run_dialog(RecycleBinDialog(self.hub, self))

    def open_figures(self) -> None:
        from ui.residents.figures_dialog import FiguresDialog

        run_dialog(FiguresDialog(self, self.hub))

    def import_file(self) -> None:
        from ui.residents.import_dialog import ImportDialog

        run_dialog(ImportDialog(self.hub, self))

    def print_document(self) -> None:
        """文件 > 打印… (Ctrl+P) on this tab: the residents roster (ui/residents/print_dialog)."""
        from ui.residents.print_dialog import open_print_dialog

        self.print_dialog = open_print_dialog(self.current_query(), self.model.total, self)

    def undo_import(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from models.residents.imports.undo import last_import, undo_last_import

        last = last_import()
        if last is None:
            QMessageBox.information(self, self.tr("撤销上次导入"),
                                    self.tr("没有可以撤销的导入。"))
            return
        _id, source, made, summary = last
        answer = QMessageBox.question(self, self.tr("撤销上次导入"), self.tr(
            "撤销 {0} 导入的“{1}”？\n（{2}）\n\n"
            "这次导入新增的居民会被删除，它改动的信息会恢复原样；"
            "之后对这些居民所做的修改也会一并撤销。").format(made, source, summary))
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = run_op(self, self.hub, undo_last_import, changes=RESIDENTS)
        if result.ok:
            self.hub.message.emit(result.value)

    def export_file(self) -> None:
        from ui.residents.export_dialog import ResidentsExportDialog

        run_dialog(ResidentsExportDialog(self.hub, self.current_query(), self.model.total,
                                         self.ctx.data_file, self))
