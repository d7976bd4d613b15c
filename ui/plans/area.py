"""The 活动方案 area: the plans list with search and filters on the left, one editor tab per open
plan on the right. Every write goes through ui.operations; open editors are asked before closing."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import PLANS, RESIDENTS, SIGNUPS, Changes
from models.plans.listing import count_plans, plan_years
from models.plans.summary import CATEGORIES, STATUSES
from ui.context import AppContext
from ui.operations import run_op, run_task
from ui.plans.area_exports import PlanExports
from ui.plans.empty_page import build_empty_page
from ui.plans.list_model import COL_START, COL_TITLE, PlansListModel
from ui.plans.plan_files import PlanFileActions
from ui.plans.tabs import EditorFactory, PlanTabs
from ui.widgets.actions import make_action
from ui.widgets.dialogs import run_dialog
from ui.widgets.selection import set_model

if TYPE_CHECKING:
    from models.plans.records import PlanRecord

# Saving, loading and deleting plans (models.plans.service, with every record class) are imported
# by the actions that do them: the first paint shows only the list (models.plans.listing).

SEARCH_DELAY_MS = 250  # debounce: query once the clerk pauses typing



class PlansArea(PlanExports, PlanFileActions, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 editor_factory: EditorFactory | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.hub = ctx, ctx.hub
        self._make_actions()

        self.model = PlansListModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索标题、主题、地点、落款单位"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = self._combo(STATUSES)
        self.category_filter = self._combo(CATEGORIES)
        self.year_filter = QComboBox()
        self.year_filter.addItem(self.tr("全部年份"), None)
        self.table = QTableView()
        self.selection = set_model(self.table, self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.addAction(self.act_delete)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for c in range(1, self.model.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_START, Qt.SortOrder.DescendingOrder)  # the query's order
        header.sortIndicatorChanged.connect(self.model.sort)
        self.count_label = QLabel()

        self.plan_tabs = PlanTabs(editor_factory, self, self.hub)
        self.tabs = self.plan_tabs.tabs

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_main_page())
        self.pages.addWidget(build_empty_page(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.pages, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.status_filter, self.category_filter, self.year_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.table.activated.connect(lambda index: self.open_plan(self._id_at(index.row())))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.selection.selectionChanged.connect(self._update_actions)
        self.hub.changed.connect(self._on_data_changed)
        # The list now (the first paint shows it); the year filter's choices, shown only when
        # it is opened, right after (a query and a date parse per plan off the start-up path).
        self._refresh_list(None)
        QTimer.singleShot(0, self, self._refresh_years)

    # --- building -------------------------------------------------------------------------
    def _combo(self, values: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("全部"), None)
        for v in values:
            combo.addItem(v, v)
        return combo

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "",
                tip: str = "") -> QAction:
        return make_action(self, text, slot, shortcut, tip)

    def _make_actions(self) -> None:
        self.act_new = self._action(self.tr("新建方案…"), self.new_plan, "Ctrl+N",
                                    self.tr("新建一个空白活动方案"))
        self.act_template = self._action(self.tr("从模板新建…"), self.new_from_template, "",
                                         self.tr("从常用活动模板新建方案"))
        self.act_open = self._action(self.tr("打开"), lambda: self.open_plan(self.current_id()))
        self.act_copy = self._action(self.tr("复制方案到其他年份…"), self.copy_to_year)
        self.act_pdf = self._action(self.tr("导出 PDF…"), self.export_pdf, "Ctrl+E")
        from ui.plans.word_export import word_action

        self.act_word = word_action(self, lambda: self._saved_current(self.tr("导出")),
                                    self.hub.message.emit)
        # Ctrl+P is the window's 文件 > 打印…, which calls print_document on this tab.
        self.act_print = self._action(self.tr("打印…"), self.print_document, "",
                                      self.tr("预览并打印选中的方案"))
        self.act_delete = self._action(self.tr("删除"), self.delete_current)
        self.act_delete.setShortcut(QKeySequence.StandardKey.Delete)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list only
        self.act_find = self._action(self.tr("查找"), self._focus_search, "Ctrl+F")
        self.act_close_tab = self._action(
            self.tr("关闭方案"), lambda: self.plan_tabs.close_current(), "Ctrl+W")
        self.addAction(self.act_find)
        self.addAction(self.act_close_tab)
        self._make_file_actions()
        self.act_demo = self._action(self.tr("生成演示数据"), self.make_demo, "",
                                     self.tr("填入几个示例方案，便于熟悉软件"))
        self.status_menu = QMenu(self.tr("修改状态"), self)
        group = QActionGroup(self)  # one status at a time: shown as radio marks
        for status in STATUSES:
            action = self.status_menu.addAction(status)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=status: self.change_status(s))
        self.status_menu.aboutToShow.connect(self._mark_current_status)

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self.tr("方案工具栏"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action, text in ((self.act_new, self.tr("新建")),
                             (self.act_template, self.tr("从模板新建")),
                             (self.act_open, None), (self.act_copy, self.tr("复制到年份")),
                             (None, None), (self.act_pdf, self.tr("导出PDF")),
                             (self.act_print, self.tr("打印")),
                             (self.act_delete, None)):
            if action is None:  # the status button sits here
                button = QToolButton()
                button.setText(self.tr("修改状态"))
                button.setMenu(self.status_menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                self.status_button = button
                bar.addWidget(button)
                continue
            if text:  # the toolbar shows the short iconText, the menu the full text
                action.setIconText(text)
            bar.addAction(action)
        return bar

    def _build_main_page(self) -> QWidget:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.search)
        filters = QHBoxLayout()
        for label, combo in ((self.tr("状态"), self.status_filter),
                             (self.tr("类别"), self.category_filter),
                             (self.tr("年份"), self.year_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo, 1)
        box.addLayout(filters)
        box.addWidget(self.table, 1)
        box.addWidget(self.count_label)
        splitter = QSplitter()  # horizontal
        splitter.addWidget(left)
        splitter.addWidget(self.plan_tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([600, 800])
        self.splitter = splitter
        return splitter

    def file_menu_actions(self) -> list[QAction | None]:
        """Actions the main window lists in its 文件 menu (None: a separator)."""
        return [self.act_new, self.act_template, self.act_copy, None, self.act_import_file,
                self.act_export_file, None, self.act_pdf, self.act_word, None, self.act_demo]

    def _mark_current_status(self) -> None:
        p = self.model.plan_at(self.model.row_of(self.current_id() or -1))
        for action in self.status_menu.actions():
            action.setChecked(p is not None and action.text() == p.status)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- list -----------------------------------------------------------------------------
    def apply_filters(self) -> None:
        self._search_timer.stop()
        keep = self.current_id()
        self.model.set_filters(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            category=self.category_filter.currentData(),
            year=self.year_filter.currentData(),
        )
        self._after_reload(keep)

    def refresh(self) -> None:
        """Re-read everything the area shows from the data file."""
        keep = self.current_id()
        self._refresh_years()
        self._refresh_list(keep)

    def _refresh_list(self, keep: int | None) -> None:
        self.model.refresh()
        unfiltered = not any(self.model.filters().values())
        total = self.model.rowCount() if unfiltered else count_plans()  # one query fewer
        self.pages.setCurrentIndex(1 if total == 0 else 0)
        self._after_reload(keep)

    def _refresh_years(self) -> None:
        current = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("全部年份"), None)
        for y in plan_years():
            self.year_filter.addItem(self.tr("{0} 年").format(y), y)
        i = self.year_filter.findData(current)
        self.year_filter.setCurrentIndex(max(i, 0))
        self.year_filter.blockSignals(False)
        if current is not None and i < 0:  # the year is gone: the filter widened
            self.model.set_filters(**{**self.model.filters(), "year": None})

    def _after_reload(self, keep: int | None) -> None:
        n = self.model.rowCount()
        self.count_label.setText(
            self.tr("共 {0} 个方案").format(n) if n else self.tr("没有符合条件的方案")
        )
        if keep is not None:
            self.select_plan(keep)
        if self.current_id() is None and self.model.rowCount():
            self.table.selectRow(0)  # so 打开/导出 work at once
        self._update_actions()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.plans:
            self.refresh()

    def _id_at(self, row: int) -> int | None:
        p = self.model.plan_at(row)
        return p.id if p else None

    def current_id(self) -> int | None:
        rows = self.selection.selectedRows() if hasattr(self, "selection") else []
        return self._id_at(rows[0].row()) if rows else None

    def select_plan(self, plan_id: int) -> bool:
        row = self.model.row_of(plan_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_actions(self, *_args: object) -> None:
        has = self.current_id() is not None
        for a in (self.act_open, self.act_copy, self.act_pdf, self.act_word, self.act_print,
                  self.act_delete, self.act_export_file):
            a.setEnabled(has)
        self.status_menu.setEnabled(has)
        if hasattr(self, "status_button"):
            self.status_button.setEnabled(has)

    def _context_menu(self, pos: object) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            self.table.selectRow(index.row())
            for a in (self.act_open, self.act_copy, self.act_pdf, self.act_word, self.act_print):
                menu.addAction(a)
            menu.addMenu(self.status_menu)
            menu.addSeparator()
            menu.addAction(self.act_delete)
            menu.addSeparator()
        menu.addAction(self.act_new)
        menu.addAction(self.act_template)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- editors --------------------------------------------------------------------------
    def open_plan(self, plan_id: int | None) -> QWidget | None:
        """Open plan_id in an editor tab, or bring its open tab to the front."""
        if plan_id is None:
            return None
        editor = self.plan_tabs.open(plan_id)
        if editor is not None:
            self.select_plan(plan_id)
        return editor

    @property
    def editors(self) -> dict[int, QWidget]:
        return self.plan_tabs.editors

    def data_replaced(self) -> None:
        """The data file was restored from a backup: open editors hold old content, drop them."""
        for editor in list(self.editors.values()):
            self.plan_tabs.drop(editor)

    def maybe_close(self) -> bool:
        """Asked by the main window before it closes: False keeps it open."""
        return self.plan_tabs.maybe_close()

    # --- commands -------------------------------------------------------------------------
    def new_plan(self) -> int | None:
        from PySide6.QtWidgets import QInputDialog  # off the start-up path

        title, ok = QInputDialog.getText(self, self.tr("新建方案"), self.tr("方案标题："),
                                         QLineEdit.EchoMode.Normal, self.tr("新活动方案"))
        if not ok:
            return None
        from models.plans.records import PlanRecord  # see the imports

        return self._create(PlanRecord(title=title.strip()))

    def _create(self, rec: PlanRecord, done: str = "") -> int | None:
        """Save rec as a new plan and open it; done: the message (with {0} for its title)."""
        from models.plans.service import save_plan  # see the imports

        done = done or self.tr("已新建方案“{0}”。")
        result = run_op(self, self.hub, save_plan, rec, changes=PLANS,
                        success_message=done.format(rec.title))
        if result.ok:
            self.open_plan(result.value)
            return int(result.value)
        return None

    def new_from_template(self) -> int | None:
        from ui.plans.template_dialog import choose_template

        choice = choose_template(self)
        if choice is None:
            return None
        from models.plans.templates import plan_from_template

        made = run_op(self, None, plan_from_template, *choice)
        return self._create(made.value) if made.ok else None

    def copy_to_year(self) -> int | None:
        plan_id = self.current_id()
        if plan_id is None or not self.plan_tabs.ensure_saved(plan_id, self.tr("复制")):
            return None
        p = self.model.plan_at(self.model.row_of(plan_id))
        from ui.plans.copy_dialog import choose_year

        year = choose_year(self, p.title if p else "", p.start.year if p and p.start else None)
        if year is None:
            return None
        from models.plans.templates import copy_plan_to_year

        result = run_op(self, self.hub, copy_plan_to_year, plan_id, year, changes=PLANS,
                        success_message=self.tr("已复制到 {0} 年。").format(year))
        if result.ok:
            self.open_plan(result.value)
            return int(result.value)
        return None

    def change_status(self, status: str) -> None:
        plan_id = self.current_id()
        if plan_id is None or not self.plan_tabs.ensure_saved(plan_id, self.tr("修改状态")):
            return
        from models.plans.service import set_status  # see the imports

        result = run_op(self, self.hub, set_status, plan_id, status, changes=PLANS,
                        success_message=self.tr("状态已改为“{0}”。").format(status))
        if result.ok:
            self.plan_tabs.reload(plan_id)

    def delete_current(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # off the start-up path

        plan_id = self.current_id()
        p = self.model.plan_at(self.model.row_of(plan_id)) if plan_id is not None else None
        if p is None:
            return
        extra = (self.tr("\n\n它正在编辑，未保存的修改也会一并丢弃。")
                 if plan_id in self.editors else "")
        question = self.tr("确定要删除方案“{0}”吗？删除后无法恢复。").format(p.title) + extra
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("删除方案"), question,
                          QMessageBox.StandardButton.Cancel, self)
        delete_button = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        run_dialog(box)
        if box.clickedButton() is not delete_button:
            return
        if plan_id in self.editors:
            self.plan_tabs.drop(self.editors[plan_id])
        from models.plans.service import delete_plan  # see the imports

        run_op(self, self.hub, delete_plan, plan_id, changes=PLANS,
               success_message=self.tr("已删除方案“{0}”。").format(p.title))

    def make_demo(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # off the start-up path

        n = count_plans()
        if n:
            answer = QMessageBox.question(
                self, self.tr("生成演示数据"),
                self.tr("数据文件中已有 {0} 个方案。仍要再添加一组演示数据吗？").format(n),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        run_task(self, self.tr("正在生成演示数据…"), _demo_task, hub=self.hub,
                 changes=PLANS | RESIDENTS | SIGNUPS,
                 on_success=lambda ids: self.hub.message.emit(
                     self.tr("已生成演示数据：{0} 个方案。").format(len(ids))))



def _demo_task(_progress: object) -> list[int]:
    from models.plans.demo import make_demo
    from models.signups.demo import make_demo_people_and_signups

    ids = make_demo()
    make_demo_people_and_signups()  # residents and sign-ups, so every tab has something to show
    return ids
