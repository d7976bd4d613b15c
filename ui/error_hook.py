"""Errors never vanish: an exception nobody caught is written with its traceback to a rotated log
in the data folder, and the clerk sees a short Chinese message; the app keeps running.

    install_error_hook(app)   # once, after the QApplication exists

The log file (and logging.handlers, and the log folder) is only made when the first error is
logged: installing the hook is on every start-up's path, an error is not.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from models.common.errors import UserError
from models.datafile.paths import log_dir as default_log_dir

LOG_NAME = "errors.log"
LOG_BYTES = 1_000_000
LOG_COUNT = 5
# Errors that follow one another (a slot failing on every repaint) are logged, not stacked up as
# dialogs: one dialog at a time.
_LOGGER = "caa.errors"


def tr(text: str) -> str:
    return QCoreApplication.translate("ErrorHook", text)


def _file_handler(folder: Path) -> logging.Handler | None:
    import logging.handlers  # only once an error is logged (start-up time)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_COUNT, encoding="utf-8")
    except OSError:
        return None  # a read-only data folder: the dialog still shows the details
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    return handler


class ErrorHook(QObject):
    """Receives uncaught exceptions from any thread and reports them on the GUI thread."""

    # A signal, so an exception raised in a worker thread is shown by the GUI thread (queued).
    reported = Signal(str, str, bool)  # message, traceback text, is it a UserError

    def __init__(self, app: QApplication, folder: Path | None = None) -> None:
        super().__init__(app)
        self.folder = folder or default_log_dir()
        self.log_path = self.folder / LOG_NAME
        self.logger = logging.getLogger(_LOGGER)
        self.logger.setLevel(logging.INFO)
        self.logger.propagate = False
        self._file: logging.Handler | None = None
        self._file_tried = False  # made on first use; a failure is not retried
        self._file_lock = threading.Lock()  # errors may come from two threads at once
        self.box: QWidget | None = None  # the QMessageBox on screen
        self.suppressed = 0
        self._prev_sys = sys.excepthook
        self._prev_thread = threading.excepthook
        self.reported.connect(self._show)

    @property
    def _handler(self) -> logging.Handler | None:
        """The rotating log file, opened on first use (None when the folder cannot be written)."""
        with self._file_lock:
            if not self._file_tried:
                self._file_tried = True
                self._file = _file_handler(self.folder)
                if self._file is not None:
                    self.logger.addHandler(self._file)
        return self._file

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._prev_sys
        threading.excepthook = self._prev_thread
        if self._file is not None:
            self.logger.removeHandler(self._file)
            self._file.close()
            self._file = None

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, exc_type: type[BaseException], exc: BaseException | None,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._prev_sys(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if exc is not None and not isinstance(exc, UserError):
            from models.datafile.faults import as_user_error  # read-only, disk full, in use

            exc = as_user_error(exc) or exc
        user_error = isinstance(exc, UserError)
        try:
            self._handler  # noqa: B018 - opens the log file the first time
            if user_error:
                self.logger.info("未处理的提示：%s\n%s", exc, details)
            else:
                self.logger.error("未处理的异常\n%s", details)
        except Exception:  # noqa: BLE001 - logging must never be the second failure
            pass
        message = str(exc) if user_error else ""
        self.reported.emit(message, details, user_error)

    @Slot(str, str, bool)
    def _show(self, message: str, details: str, user_error: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox  # only once an error comes

        if self.box is not None:
            self.suppressed += 1
            return
        if user_error:
            box = QMessageBox(QMessageBox.Icon.Warning, tr("提示"), message)
        else:
            text = tr("程序遇到了一个意外问题，刚才的操作可能没有完成。\n"
                      "已保存的数据不受影响，您可以继续使用。")
            box = QMessageBox(QMessageBox.Icon.Critical, tr("出错了"), text)
            if self._handler is not None:
                box.setInformativeText(
                    tr("如果问题反复出现，请把日志文件交给技术支持：\n{0}").format(self.log_path))
            else:
                box.setInformativeText(tr("日志文件无法写入，请点“显示详细信息”后复制内容交给技术支持。"))
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(tr("确定"))
        # Modal without a nested event loop: the hook returns at once and the app keeps running.
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self.box = box
        box.show()

    @Slot()
    def _closed(self) -> None:
        self.box = None


def install_error_hook(app: QApplication, folder: Path | None = None) -> ErrorHook:
    """Route uncaught exceptions (GUI thread and worker threads) to the log and a dialog."""
    hook = ErrorHook(app, folder)
    hook.install()
    return hook
