"""The main window: one tab per work area, the 文件 and 帮助 menus, and a status bar.

Another area joins with one line in AREAS: (title, factory), where factory(ctx, parent) builds
its widget from the AppContext (hub + data file). An area widget may offer:
  file_menu_actions() -> list[QAction | None]   listed in the 文件 menu (None: a separator)
  print_document()                              文件 > 打印… (Ctrl+P) on its tab: preview and
                                                print its current document (ui.widgets.printing)
  maybe_close() -> bool                         asked before the window closes (unsaved work)
  data_replaced()                               the whole file was restored from a backup:
                                                drop open editors (never save them over it)
Views refresh by listening to ctx.hub.changed, which carries the flags of what a write changed
(models.common.changes.Changes: test the ones you show); writes go through ui.operations.

Areas are built lazily, so start-up pays only for the tab on screen. Each tab holds an empty page
(_AreaPage) and the factory runs when the area is first needed:
  - the tab is shown (the current tab when the window shows; another when the clerk picks it);
  - area(title) / select_area(title) / open_plan(...) ask for it;
  - the 文件 menu is opened (it lists every area's actions, so every area is built first);
  - after the first paint, the areas not built yet are built one per event-loop turn, so their
    文件 menu actions and shortcuts are there soon after start without delaying the first paint
    (not in a screenshot run, which exits after that paint: build_when_idle=False).
An area is therefore never built twice, may be built before or after the window shows, and must
read what it shows in its constructor (or on hub.changed), never assume it saw earlier changes.
Code that walks the areas uses built_areas() (maybe_close, data_replaced: an area not built yet
has nothing unsaved and will read the restored file when built). Keep factories cheap at import
time: import the area's module inside the factory, as _plans_area does. A build after the first
paint still holds the window while it runs: keep an area's imports and constructor light (heavy
modules such as pypinyin, ~0.2 s, inside the functions that need them).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from ui.context import AppContext
from ui.widgets.dialogs import run_dialog

AreaFactory = Callable[[AppContext, QWidget], QWidget]


def _plans_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.plans.area import PlansArea

    return PlansArea(ctx, parent)


def _residents_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.residents.area import ResidentsArea

    return ResidentsArea(ctx, parent)


def _signups_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.signups.area import SignupsArea

    return SignupsArea(ctx, parent)


def _volunteers_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.volunteers.area import VolunteersArea

    return VolunteersArea(ctx, parent)


def _contests_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.contests.area import ContestsArea

    return ContestsArea(ctx, parent)


def _feedback_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.feedback.area import FeedbackArea

    return FeedbackArea(ctx, parent)


def _relief_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.relief.area import ReliefArea

    return ReliefArea(ctx, parent)


# (title, factory): the order is the order of the tabs. Titles are translated when shown;
# QT_TRANSLATE_NOOP marks them for lupdate.
AREAS: list[tuple[str, AreaFactory]] = [
    (QT_TRANSLATE_NOOP("MainWindow", "活动方案"), _plans_area),
    (QT_TRANSLATE_NOOP("MainWindow", "居民"), _residents_area),
    (QT_TRANSLATE_NOOP("MainWindow", "报名签到"), _signups_area),
    (QT_TRANSLATE_NOOP("MainWindow", "志愿服务"), _volunteers_area),
    (QT_TRANSLATE_NOOP("MainWindow", "评比表彰"), _contests_area),
    (QT_TRANSLATE_NOOP("MainWindow", "活动反馈"), _feedback_area),
    (QT_TRANSLATE_NOOP("MainWindow", "慰问"), _relief_area),
]


def settings_file() -> Path:
    from models.datafile.paths import data_dir

    folder = data_dir()
    with suppress(OSError):  # a read-only folder: the window simply forgets its size
        folder.mkdir(parents=True, exist_ok=True)
    return folder / "window.ini"


class _AreaPage(QWidget):
    """A tab's page: empty until its area is needed, then holding the area's widget."""

    def __init__(self, title: str, factory: AreaFactory, ctx: AppContext,
                 on_built: Callable[[], None]) -> None:
        super().__init__()
        self.title, self.factory, self.ctx, self.on_built = title, factory, ctx, on_built
        self.area: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.area is None:
            self.area = self.factory(self.ctx, self)
            self.layout().addWidget(self.area)
            self.on_built()
        return self.area


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings | None = None,
                 remember_geometry: bool = True, build_when_idle: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.remember_geometry = remember_geometry
        self.build_when_idle = build_when_idle  # off for a screenshot run: it exits at once
        self.settings = settings or QSettings(str(settings_file()), QSettings.Format.IniFormat)
        self.setWindowTitle(self.tr("社区活动助手 — {0}").format(ctx.data_file.name))
        self.setMinimumSize(900, 600)
        self.resize(1400, 860)

        self.tabs = QTabWidget()
        self._pages: dict[str, _AreaPage] = {}
        for title, factory in AREAS:
            shown = QCoreApplication.translate("MainWindow", title)
            page = _AreaPage(shown, factory, ctx, self._fill_file_menu)
            self._pages[shown] = page
            self.tabs.addTab(page, shown)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self.tabs.currentChanged.connect(self._build_current)
        self.file_label = QLabel(self.tr("数据文件：{0}").format(ctx.data_file))
        self.file_label.setToolTip(str(ctx.data_file))
        self.statusBar().addPermanentWidget(self.file_label)
        ctx.hub.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        if remember_geometry:
            self._restore_geometry()
        self._painted = False  # the first paint starts building the other areas

    # --- lazy areas -----------------------------------------------------------------------
    @property
    def area_titles(self) -> list[str]:
        """Every tab's (translated) title, in tab order; builds nothing."""
        return list(self._pages)

    @property
    def areas(self) -> dict[str, QWidget]:
        """Every area by title, building those not built yet (prefer area() or built_areas())."""
        return {title: page.build() for title, page in self._pages.items()}

    def built_areas(self) -> Iterator[QWidget]:
        return (page.area for page in self._pages.values() if page.area is not None)

    def _build_current(self, _index: int = -1) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, _AreaPage):
            page.build()

    def showEvent(self, event: QShowEvent) -> None:
        self._build_current()  # before the first paint: the tab on screen is never empty
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self.build_when_idle:
                QTimer.singleShot(0, self, self._build_one_idle)

    def _build_all(self) -> None:
        for page in self._pages.values():
            page.build()

    def _build_one_idle(self) -> None:
        for page in self._pages.values():
            if page.area is None:
                page.build()
                QTimer.singleShot(0, self, self._build_one_idle)  # one a turn: input is handled
                return

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self._area_actions: list[QAction] = []  # what _fill_file_menu put in, for refilling
        self.file_menu.aboutToShow.connect(self._build_all)  # so the menu lists every area's
        # One Ctrl+P for the window (two areas' shortcuts would be ambiguous and neither would
        # fire): it prints what the tab on screen shows. The areas' actions go above it.
        self.print_action = QAction(self.tr("打印…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setStatusTip(self.tr("预览并打印当前页的文件：方案、签到表、名册等"))
        self.print_action.triggered.connect(self.print_current)
        self.file_menu.addAction(self.print_action)
        self.file_menu.addSeparator()
        backups = QAction(self.tr("备份与恢复…"), self)
        backups.setStatusTip(self.tr("立即备份、备份到U盘、从备份恢复"))
        backups.triggered.connect(self.show_backups)
        self.file_menu.addAction(backups)
        cleanup = QAction(self.tr("清理旧个人信息…"), self)
        cleanup.setStatusTip(self.tr("清除多年前活动报名中的姓名、电话等，人数统计保留"))
        cleanup.triggered.connect(self.show_cleanup)
        self.file_menu.addAction(cleanup)
        self.file_menu.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _fill_file_menu(self) -> None:
        """The built areas' actions above 打印…, in tab order (again after each build)."""
        for action in self._area_actions:
            self.file_menu.removeAction(action)
            if action.parent() is self:  # a separator made here; the areas own the others
                action.deleteLater()
        self._area_actions = []
        for area in self.built_areas():
            actions = getattr(area, "file_menu_actions", None)
            if actions is None:
                continue
            for action in [*actions(), None]:
                if action is None:
                    action = QAction(self)
                    action.setSeparator(True)
                self.file_menu.insertAction(self.print_action, action)
                self._area_actions.append(action)

    def print_current(self) -> None:
        page = self.tabs.currentWidget()
        area = page.build() if isinstance(page, _AreaPage) else None
        print_document = getattr(area, "print_document", None)
        if print_document is None:
            self.statusBar().showMessage(self.tr("这一页没有可打印的文件。"), 8000)
            return
        print_document()

    def show_about(self) -> None:
        from ui.about_dialog import AboutDialog  # off the start-up path

        dialog = AboutDialog(self.ctx.data_file, self)
        run_dialog(dialog)

    def show_backups(self) -> None:
        from ui.datafile.backups_dialog import BackupsDialog

        # A restore replaces everything: unsaved edits are saved (asked) before, not lost after.
        for area in self.built_areas():
            ask = getattr(area, "maybe_close", None)
            if ask is not None and not ask():
                return
        dialog = BackupsDialog(self.ctx.data_file, self)
        dialog.data_replaced.connect(self.on_data_replaced)
        run_dialog(dialog)

    def show_cleanup(self) -> None:
        from ui.signups.cleanup_dialog import CleanupDialog

        dialog = CleanupDialog(self.ctx.hub, self)
        run_dialog(dialog)

    def on_data_replaced(self) -> None:
        for area in self.built_areas():
            drop = getattr(area, "data_replaced", None)
            if drop is not None:
                drop()
        self.ctx.hub.announce(Changes.everything(), self.tr("已从备份恢复数据。"))

    # --- areas ----------------------------------------------------------------------------
    def area(self, title: str) -> QWidget | None:
        """The area under this tab title (built now if it was not), or None."""
        page = self._pages.get(title)
        return page.build() if page is not None else None

    def select_area(self, title: str) -> bool:
        page = self._pages.get(title)
        if page is None:
            return False
        self.tabs.setCurrentWidget(page)  # builds it (currentChanged)
        page.build()  # already current: build it anyway, the caller wants it ready
        return True

    def open_plan(self, plan_id: int) -> bool:
        title = QCoreApplication.translate("MainWindow", "活动方案")
        if not self.select_area(title):
            return False
        return self._pages[title].build().open_plan(plan_id) is not None

    # --- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.operations import running_tasks

        if running_tasks():
            from PySide6.QtWidgets import QMessageBox  # rarely needed

            # Quitting now would cut an export or import off half-way.
            QMessageBox.information(
                self, self.tr("请稍候"),
                self.tr("还有操作正在进行（例如导出或导入）。请等它完成，或在进度窗口中点“取消”后再退出。"),
            )
            event.ignore()
            return
        for page in self._pages.values():
            area = page.area
            ask = getattr(area, "maybe_close", None) if area is not None else None
            if ask is not None and not ask():
                self.tabs.setCurrentWidget(page)
                event.ignore()
                return
        if self.remember_geometry:
            self.settings.setValue("main/geometry", self.saveGeometry())
            self.settings.setValue("main/state", self.saveState())
            self.settings.sync()
        event.accept()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main/state")
        if state is not None:
            self.restoreState(state)
