"""The main window: one tab per work area, the 文件 and 帮助 menus, and a status bar.

Another area joins with one line in AREAS: (title, factory), where factory(ctx, parent) builds
its widget from the AppContext (hub + data file). An area widget may offer:
  file_menu_actions() -> list[QAction | None]   listed in the 文件 menu (None: a separator)
  maybe_close() -> bool                         asked before the window closes (unsaved work)
  data_replaced()                               the whole file was restored from a backup:
                                                drop open editors (never save them over it)
Views refresh by listening to ctx.hub.changed; writes go through ui.operations.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from ui.context import AppContext

AreaFactory = Callable[[AppContext, QWidget], QWidget]


def _plans_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.plans_area import PlansArea

    return PlansArea(ctx, parent)


def _signups_area(ctx: AppContext, parent: QWidget) -> QWidget:
    from ui.signups_area import SignupsArea

    return SignupsArea(ctx, parent)


# (title, factory): the order is the order of the tabs. Titles are translated when shown;
# QT_TRANSLATE_NOOP marks them for lupdate.
AREAS: list[tuple[str, AreaFactory]] = [
    (QT_TRANSLATE_NOOP("MainWindow", "活动方案"), _plans_area),
    (QT_TRANSLATE_NOOP("MainWindow", "报名签到"), _signups_area),
]


def settings_file() -> Path:
    from models.paths import data_dir

    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only folder: the window simply forgets its size
    return folder / "window.ini"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings | None = None,
                 remember_geometry: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.remember_geometry = remember_geometry
        self.settings = settings or QSettings(str(settings_file()), QSettings.Format.IniFormat)
        self.setWindowTitle(self.tr("社区活动助手 — {0}").format(ctx.data_file.name))
        self.setMinimumSize(900, 600)
        self.resize(1400, 860)

        self.tabs = QTabWidget()
        self.areas: dict[str, QWidget] = {}
        for title, factory in AREAS:
            area = factory(ctx, self)
            shown = QCoreApplication.translate("MainWindow", title)
            self.areas[shown] = area
            self.tabs.addTab(area, shown)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self.file_label = QLabel(self.tr("数据文件：{0}").format(ctx.data_file))
        self.file_label.setToolTip(str(ctx.data_file))
        self.statusBar().addPermanentWidget(self.file_label)
        ctx.hub.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        if remember_geometry:
            self._restore_geometry()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        for area in self.areas.values():
            actions = getattr(area, "file_menu_actions", None)
            if actions is None:
                continue
            for action in actions():
                if action is None:
                    file_menu.addSeparator()
                else:
                    file_menu.addAction(action)
            file_menu.addSeparator()
        backups = QAction(self.tr("备份与恢复…"), self)
        backups.setStatusTip(self.tr("立即备份、备份到U盘、从备份恢复"))
        backups.triggered.connect(self.show_backups)
        file_menu.addAction(backups)
        cleanup = QAction(self.tr("清理旧个人信息…"), self)
        cleanup.setStatusTip(self.tr("清除多年前活动报名中的姓名、电话等，人数统计保留"))
        cleanup.triggered.connect(self.show_cleanup)
        file_menu.addAction(cleanup)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("关于社区活动助手"),
            self.tr("<h3>社区活动助手</h3><p>社区居委会、街道办的活动方案、居民名册、"
                    "报名签到与台账工具。</p><p>所有数据只保存在本机的数据文件中，不联网。</p>"
                    "<p>数据文件：{0}</p>").format(self.ctx.data_file),
        )

    def show_backups(self) -> None:
        from ui.backups_dialog import BackupsDialog

        # A restore replaces everything: unsaved edits are saved (asked) before, not lost after.
        for area in self.areas.values():
            ask = getattr(area, "maybe_close", None)
            if ask is not None and not ask():
                return
        dialog = BackupsDialog(self.ctx.data_file, self)
        dialog.data_replaced.connect(self.on_data_replaced)
        dialog.exec()
        dialog.deleteLater()

    def show_cleanup(self) -> None:
        from ui.cleanup_dialog import CleanupDialog

        dialog = CleanupDialog(self.ctx.hub, self)
        dialog.exec()
        dialog.deleteLater()

    def on_data_replaced(self) -> None:
        for area in self.areas.values():
            drop = getattr(area, "data_replaced", None)
            if drop is not None:
                drop()
        self.ctx.hub.changed.emit("")
        self.ctx.hub.message.emit(self.tr("已从备份恢复数据。"))

    # --- areas ----------------------------------------------------------------------------
    def area(self, title: str) -> QWidget | None:
        return self.areas.get(title)

    def select_area(self, title: str) -> bool:
        area = self.areas.get(title)
        if area is None:
            return False
        self.tabs.setCurrentWidget(area)
        return True

    def open_plan(self, plan_id: int) -> bool:
        plans = self.areas.get(QCoreApplication.translate("MainWindow", "活动方案"))
        if plans is None:
            return False
        self.tabs.setCurrentWidget(plans)
        return plans.open_plan(plan_id) is not None

    # --- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.operations import running_tasks

        if running_tasks():
            # Quitting now would cut an export or import off half-way.
            QMessageBox.information(
                self, self.tr("请稍候"),
                self.tr("还有操作正在进行（例如导出或导入）。请等它完成，或在进度窗口中点“取消”后再退出。"),
            )
            event.ignore()
            return
        for area in self.areas.values():
            ask = getattr(area, "maybe_close", None)
            if ask is not None and not ask():
                self.tabs.setCurrentWidget(area)
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
