"""Start the window: the Qt application (Chinese translations, a CJK font), the data file, the main
window; and, for checks and the README, --screenshot / --open-plan / --tab."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from resources import resource_path

FONT_FILE = resource_path("fonts", "wqy-microhei.ttc")
TRANSLATIONS = resource_path("translations")
QT_EXTRA = "caa_qt_zh_CN"  # .qm built from the .ts beside it with pyside6-lrelease
WINDOWS_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei")
# Installed Chinese fonts that read well on screen, preferred over registering the bundled copy
# (a 5 MB file parsed at every start) when the default font cannot show Chinese.
SYSTEM_CJK_FONTS = (*WINDOWS_FONTS, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
                    "WenQuanYi Micro Hei")
SCREENSHOT_SIZE = (1400, 860)
SCREENSHOT_TIMEOUT_MS = 15000


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def make_app() -> QApplication:
    """The QApplication, set up once: names, Qt's own Chinese strings, a readable CJK font."""
    if QApplication.instance() is None:
        chinese_dates_on_linux()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if app.property("caa_ready"):
        return app
    from models.datafile.paths import APP_NAME

    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(tr("社区活动助手"))
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_qt_translation(app)
    setup_font(app)
    app.setProperty("caa_ready", True)
    return app


def install_qt_translation(app: QApplication) -> bool:
    # Standard buttons (OK, Cancel, Save...) and Qt's own dialogs speak Chinese too.
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = translator.load("qtbase_zh_CN", folder)
    if loaded:
        app.installTranslator(translator)
    # What qtbase_zh_CN lacks (the file dialog's "Look in:", "Files of type:", "Folder"): our
    # own small catalogue, installed last so it is asked first.
    extra = QTranslator(app)
    if extra.load(QT_EXTRA, str(TRANSLATIONS)):
        app.installTranslator(extra)
    return loaded


def chinese_dates_on_linux() -> None:
    """Qt's file dialog writes dates in the system's format: a Linux session in English or C shows
    "2 12 2026". Ask for the Chinese one (dates only) before the QApplication exists; LC_ALL,
    when set, is the user's explicit choice and wins. Windows and macOS need nothing."""
    if not sys.platform.startswith("linux") or os.environ.get("LC_ALL"):
        return
    if not (os.environ.get("LC_TIME") or os.environ.get("LANG") or "").startswith("zh"):
        os.environ["LC_TIME"] = "zh_CN.UTF-8"


def _has_cjk(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def setup_font(app: QApplication) -> str:
    """Keep the system font when it can show Chinese (Microsoft YaHei on Windows), else a known
    installed Chinese font, else the bundled WenQuanYi Micro Hei; a little larger than default
    for older eyes."""
    font = QFont(app.font())
    candidates = [font.family()]
    if sys.platform == "win32":
        candidates += list(WINDOWS_FONTS)
    family = next((f for f in candidates if _has_cjk(f)), None)
    if family is None:
        installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
        family = next((f for f in SYSTEM_CJK_FONTS if f in installed), None)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = families[0] if families else font.family()
    font.setFamily(family)
    size = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(max(size + 1.0, 10.5))
    app.setFont(font)
    return family


class _FirstPaint(QObject):
    """Calls back once the watched window has really been painted."""

    def __init__(self, widget: QWidget, callback: object) -> None:
        super().__init__(widget)
        self.callback = callback
        self.fired = False
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.fired:
            self.fired = True
            obj.removeEventFilter(self)
            # Let this paint finish (and the children paint in the same pass) before grabbing.
            QTimer.singleShot(0, self.callback)
        return False


def save_screenshot(widget: QWidget, target: Path) -> Path:
    from exporters.atomic import ExportError, atomic_output

    pixmap = widget.grab()
    with atomic_output(target) as tmp:
        if not pixmap.save(str(tmp), "PNG"):
            raise ExportError(f"无法保存截图“{target.name}”。")
    return target


def run_gui(args: argparse.Namespace) -> int:
    from models.datafile.db import close_database
    from models.datafile.paths import default_data_file
    from ui.datafile.open_data import open_data_file
    from ui.error_hook import install_error_hook

    screenshot = getattr(args, "screenshot", None)
    app = make_app()
    if getattr(args, "db", None):
        path = Path(args.db)
    else:
        path = default_data_file()
        # The first start: the user's data folder is not there yet. If it cannot be made,
        # open_data_file explains what is wrong with the place.
        with suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
    # Uncaught errors go to the log in the data folder and a non-blocking Chinese message.
    hook = install_error_hook(app)

    def refuse(parent: QWidget | None, text: str) -> None:
        print(f"错误：{text}", file=sys.stderr)
        if not screenshot:  # a screenshot run has nobody to click a box away
            from PySide6.QtWidgets import QMessageBox  # only on a refusal

            QMessageBox.critical(parent, tr("无法打开数据文件"), text)

    def warn(parent: QWidget | None, text: str) -> None:
        print(f"注意：{text}", file=sys.stderr)
        if not screenshot:
            from PySide6.QtWidgets import QMessageBox  # only on a warning

            QMessageBox.warning(parent, tr("备份未完成"), text)

    try:
        # Location, the one-copy lock, the checks, the daily backup, then the file is opened
        # (migrated if old) before the window shows: refusals change nothing.
        opened = open_data_file(path, refuse=refuse, warn=warn,
                                ask=(lambda _text: False) if screenshot else None)
        if opened is None:
            return 2
        try:
            return _run_window(app, args, path, screenshot)
        finally:
            close_database()
            opened.lock.release()
    finally:
        hook.uninstall()


def _run_window(app: QApplication, args: argparse.Namespace, path: Path,
                screenshot: str | None) -> int:
    from models.common.errors import UserError
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.operations import DataHub

    hub = DataHub()
    window = MainWindow(AppContext(hub=hub, data_file=path.resolve(),
                                   initial_search=getattr(args, "search", None) or ""),
                        remember_geometry=not screenshot, build_when_idle=not screenshot)
    if screenshot:
        window.resize(*SCREENSHOT_SIZE)
    tab = getattr(args, "tab", None)
    if tab and not window.select_area(tab):
        print(f"错误：没有名为“{tab}”的标签页（可用：{'、'.join(window.area_titles)}）。",
              file=sys.stderr)
        if screenshot:
            return 2
    plan_id = getattr(args, "open_plan", None)
    if plan_id is not None and screenshot:
        from models.plans.service import load_plan  # only for this check

        try:
            load_plan(plan_id)  # refuse here, so a screenshot run never blocks on a dialog
        except UserError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        window.open_plan(plan_id)
    elif plan_id is not None:
        # After the window shows, so a wrong number is a message over the window, not an exit.
        QTimer.singleShot(0, lambda: window.open_plan(plan_id))

    # main.main switched the garbage collector off for start-up; on again once the window shows.
    _FirstPaint(window, gc.enable)
    QTimer.singleShot(3000, gc.enable)  # and surely soon, even if no paint comes (minimised)
    outcome = {"rc": 0}
    if screenshot:
        def grab() -> None:
            if outcome.get("done"):
                return
            outcome["done"] = 1
            try:
                saved = save_screenshot(window, Path(screenshot))
                print(f"截图已保存：{saved}")
            except UserError as exc:
                print(f"错误：{exc}", file=sys.stderr)
                outcome["rc"] = 2
            finally:  # quit whatever happened (stdout closed, say), never hang
                window.remember_geometry = False
                app.quit()

        _FirstPaint(window, grab)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, grab)  # never hang if no paint arrives
    window.show()
    rc = app.exec()
    if screenshot:
        window.close()
        return outcome["rc"]
    return int(rc)
