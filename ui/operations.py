"""The one path for every write from the window (after Anki's CollectionOp).

Quick writes:

    result = run_op(self, self.hub, save_plan, rec, changes=PLANS)
    if result.ok:
        new_id = result.value

run_op calls a models function (which runs in one transaction), shows one Chinese error dialog if
it raises a UserError, and on success announces ``hub.changed(changes)``: a
models.common.changes.Changes whose flags say what the write touched, so each open view refreshes
only for what concerns it (the plans list on ``changes.plans``, the residents grid on
``changes.residents``...). A write made without run_op (one that needs its own dialogs on the
way) announces through ``hub.announce(changes)``; a view never refreshes another view itself.

Slow work (an import, a large export) runs off the UI thread:

    def work(progress: Progress, path: Path) -> int:
        progress.set_total(len(rows))
        for row in rows:
            progress.check()            # raises TaskCancelled when the clerk pressed 取消
            ...
            progress.advance(text="正在导入…")
        return count

    run_task(self, self.tr("导入居民"), work, path, hub=self.hub, changes=RESIDENTS,
             on_success=lambda n: ...)

The function gets a Progress as its first argument and runs in a QThread with its own database
connection (peewee connections are per thread; the file is in WAL mode, so the window keeps
reading). A QProgressDialog shows after a short delay and can be cancelled. The outcome comes back
on the UI thread: on_success(value), one error dialog for a UserError, nothing for a cancel; any
other exception (a bug) goes to sys.excepthook, i.e. the error hook's log and message.
run_task_blocking does the same but waits (keeping the window painted) and returns an OpResult.
"""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from models.common.changes import Changes
from models.common.errors import UserError


class DataHub(QObject):
    """Passed to every view through its constructor: views listen, operations announce.

    changed(Changes): what a write changed (models.common.changes); test the flags you show.
    message(str): a short note for the status bar.
    """

    changed = Signal(object)
    message = Signal(str)

    def announce(self, changes: Changes, message: str = "") -> None:
        """Tell every view what changed (nothing is sent when no flag is set)."""
        if changes:
            self.changed.emit(changes)
        if message:
            self.message.emit(message)


@dataclass
class OpResult:
    ok: bool
    value: Any = None
    error: str = ""
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)  # what was announced (nothing on failure)


def _checked(hub: DataHub | None, changes: Changes | None) -> Changes:
    # A write announced to a hub must say what it changed: a forgotten flag would leave the
    # views stale without a sound, so it fails at once instead.
    if hub is not None and not changes:
        raise TypeError("a write announced to the hub needs changes=Changes(...)")
    return changes or Changes()


def show_error(parent: QWidget | None, message: str, title: str | None = None) -> None:
    from PySide6.QtWidgets import QMessageBox  # off the start-up path

    QMessageBox.warning(
        parent, title or QCoreApplication.translate("operations", "无法完成操作"), message
    )


def run_op(
    parent: QWidget | None,
    hub: DataHub | None,
    fn: Callable[..., Any],
    *args: Any,
    changes: Changes | None = None,
    success_message: str = "",
    error_title: str | None = None,
    show_errors: bool = True,
    **kwargs: Any,
) -> OpResult:
    """Run one quick write on the UI thread; see the module docstring. With a hub, changes says
    what the write touches. show_errors=False leaves a refusal to the caller (e.g. an autosave
    that notes it in a status line rather than interrupting the clerk)."""
    changes = _checked(hub, changes)
    try:
        value = fn(*args, **kwargs)
    except UserError as exc:
        if show_errors:
            show_error(parent, str(exc), error_title)
        return OpResult(False, error=str(exc))
    if hub is not None:
        hub.announce(changes, success_message)
    return OpResult(True, value, changes=changes)


class TaskCancelled(Exception):
    """Raised by Progress.check() in the worker when the clerk cancelled."""


class Progress:
    """Handed to a background function; thread-safe, and cheap to call for every row."""

    _INTERVAL = 0.05  # seconds between updates sent to the dialog, so 100,000 rows cost nothing

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        self._done = 0
        self._total = 0
        self._text = ""
        self._last = 0.0

    def set_total(self, total: int) -> None:
        self._total = max(0, int(total))
        self._send(force=True)

    def advance(self, n: int = 1, text: str | None = None) -> None:
        self._done += n
        if text is not None:
            self._text = text
        self._send()

    def report(self, done: int, total: int | None = None, text: str | None = None) -> None:
        self._done = done
        if total is not None:
            self._total = total
        if text is not None:
            self._text = text
        self._send(force=text is not None)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled

    def _send(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= self._INTERVAL:
            self._last = now
            self._emit(self._done, self._total, self._text)


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str, bool)  # message, is_user_error
    was_cancelled = Signal()

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, parent: QObject) -> None:
        super().__init__(parent)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.progress = Progress(self.progressed.emit)

    def run(self) -> None:
        try:
            value = self.fn(self.progress, *self.args, **self.kwargs)
        except TaskCancelled:
            self.was_cancelled.emit()
        except UserError as exc:
            self.failed.emit(str(exc), True)
        except Exception as exc:  # a bug: logged and shown once by the error hook (ui.error_hook)
            sys.excepthook(type(exc), exc, exc.__traceback__)
            self.failed.emit(f"{type(exc).__name__}: {exc}", False)
        else:
            if self.progress.cancelled():
                self.was_cancelled.emit()
            else:
                self.succeeded.emit(value)
        finally:
            _close_thread_connection()


def _close_thread_connection() -> None:
    # peewee keeps one connection per thread: close the worker's, never the window's.
    from models.datafile.db import database

    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


_RUNNING: set[BackgroundTask] = set()


class BackgroundTask(QObject):
    """One running task with its progress dialog; finished(OpResult) fires on the UI thread."""

    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[..., Any],
        args: tuple = (),
        kwargs: dict | None = None,
        *,
        hub: DataHub | None = None,
        changes: Changes | None = None,
        on_success: Callable[[Any], None] | None = None,
        show_errors: bool = True,
        delay_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self.hub, self.changes = hub, _checked(hub, changes)
        self.on_success, self.show_errors = on_success, show_errors
        self.parent_widget = parent
        self.result: OpResult | None = None
        self.worker = _Worker(fn, args, kwargs or {}, self)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        self.dialog = QProgressDialog(
            title, QCoreApplication.translate("operations", "取消"), 0, 0, parent
        )
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(delay_ms)  # quick tasks never flash a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(360)
        self.dialog.canceled.connect(self.cancel)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failed)
        self.worker.was_cancelled.connect(self._on_cancelled)

    def start(self) -> BackgroundTask:
        _RUNNING.add(self)  # a task without a parent widget must outlive the caller's frame
        self.dialog.setValue(0)
        self.worker.start()
        return self

    def cancel(self) -> None:
        self.worker.progress.cancel()
        self.dialog.setLabelText(QCoreApplication.translate("operations", "正在取消…"))

    def is_running(self) -> bool:
        return self.result is None

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.worker.progress.cancelled():
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if text:
            self.dialog.setLabelText(text)

    def _finish(self, result: OpResult) -> None:
        self.result = result
        _RUNNING.discard(self)
        # The worker has sent its outcome and is only closing its connection: let it end, so
        # quitting right after never destroys a running thread.
        self.worker.wait(5000)
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.finished.emit(result)

    def _on_success(self, value: Any) -> None:
        self._finish(OpResult(True, value, changes=self.changes))
        if self.hub is not None:
            self.hub.announce(self.changes)
        if self.on_success is not None:
            self.on_success(value)

    def _on_failed(self, message: str, is_user_error: bool) -> None:
        self._finish(OpResult(False, error=message))
        # A bug was already reported by sys.excepthook in the worker: one message, not two.
        if self.show_errors and is_user_error:
            show_error(self.parent_widget, message)

    def _on_cancelled(self) -> None:
        self._finish(OpResult(False, cancelled=True, changes=self.changes))
        if self.hub is not None:
            # Work done before the cancel may have been committed: let views re-read.
            self.hub.announce(self.changes, QCoreApplication.translate("operations", "已取消。"))


def running_tasks() -> list[BackgroundTask]:
    """Tasks still working; the main window will not close while there are any."""
    return [t for t in _RUNNING if t.is_running()]


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    hub: DataHub | None = None,
    changes: Changes | None = None,
    on_success: Callable[[Any], None] | None = None,
    **kwargs: Any,
) -> BackgroundTask:
    """Start fn(progress, *args, **kwargs) off the UI thread; see the module docstring."""
    return BackgroundTask(
        parent, title, fn, args, kwargs, hub=hub, changes=changes, on_success=on_success
    ).start()


def run_task_blocking(
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    hub: DataHub | None = None,
    changes: Changes | None = None,
    **kwargs: Any,
) -> OpResult:
    """Like run_task, but wait for the outcome; the window keeps painting meanwhile."""
    task = BackgroundTask(parent, title, fn, args, kwargs, hub=hub, changes=changes)
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    task.start()
    if task.result is None:
        loop.exec()
    assert task.result is not None
    return task.result
