"""An exception in a slot or a worker thread: logged with its traceback, shown in a Chinese
dialog, and the app keeps running."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from models.common.errors import UserError
from ui.error_hook import LOG_NAME, install_error_hook

pytestmark = pytest.mark.qt_no_exception_capture  # the hook under test does the capturing


@pytest.fixture()
def hook(qapp, tmp_path: Path):
    h = install_error_hook(qapp, tmp_path / "logs")
    yield h
    if h.box is not None:
        h.box.close()
    h.uninstall()


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
            and w.isVisible()]


def test_exception_in_slot_logged_and_shown(qtbot, hook, tmp_path: Path) -> None:
    button = QPushButton("保存")
    qtbot.addWidget(button)
    calls: list[int] = []

    def broken_slot() -> None:
        calls.append(1)
        raise ZeroDivisionError("算错了")

    button.clicked.connect(broken_slot)
    button.click()
    qtbot.waitUntil(lambda: hook.box is not None)
    box = hook.box
    assert box.isVisible() and box in boxes()
    assert box.windowTitle() == "出错了"
    assert "意外问题" in box.text() and "继续使用" in box.text()
    assert str(tmp_path / "logs" / LOG_NAME) in box.informativeText()
    assert "ZeroDivisionError: 算错了" in box.detailedText()
    assert "broken_slot" in box.detailedText()
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError: 算错了" in log and "broken_slot" in log

    # The app keeps running: the same button works again, and a second error while the first
    # dialog is open is logged without stacking a second dialog.
    button.click()
    assert calls == [1, 1]
    qtbot.wait(10)
    assert len(boxes()) == 1 and hook.suppressed == 1
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: 算错了") == 2
    box.close()
    qtbot.waitUntil(lambda: hook.box is None)


def test_exception_in_worker_thread_shown_on_gui_thread(qtbot, hook, tmp_path: Path) -> None:
    def work() -> None:
        raise RuntimeError("后台导入失败")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: hook.box is not None)
    assert "RuntimeError: 后台导入失败" in hook.box.detailedText()
    assert "后台导入失败" in (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")


def test_user_error_shows_its_own_words(qtbot, hook) -> None:
    hook.handle(UserError, UserError("名额已满，不能再报名。"), None)
    qtbot.waitUntil(lambda: hook.box is not None)
    assert hook.box.text() == "名额已满，不能再报名。"
    assert hook.box.windowTitle() == "提示"


def test_log_rotates(qtbot, hook, tmp_path: Path, monkeypatch) -> None:
    hook._handler.maxBytes = 2000
    for i in range(10):
        hook.handle(ValueError, ValueError("x" * 500 + str(i)), None)
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert LOG_NAME in files and f"{LOG_NAME}.1" in files
    assert all(os.path.getsize(tmp_path / "logs" / f) <= 2600 for f in files)


def test_screenshot_of_error_dialog(qtbot, hook, tmp_path: Path) -> None:
    # Qt's own buttons ("Show Details...") are Chinese once the app loads Qt's translation, as
    # ui/app.py does; load it here so the picture shows what a clerk sees.
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        QApplication.installTranslator(translator)
    try:
        raise KeyError("plan_id")
    except KeyError as exc:
        hook.handle(KeyError, exc, exc.__traceback__)
    qtbot.waitUntil(lambda: hook.box is not None)
    out = os.environ.get("CAA_SCREENSHOT_DIR")
    png = Path(out) / "error_dialog.png" if out else tmp_path / "error_dialog.png"
    qtbot.wait(50)
    assert hook.box.grab().save(str(png))
    assert png.stat().st_size > 1000
    QApplication.removeTranslator(translator)
