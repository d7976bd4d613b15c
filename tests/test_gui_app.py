"""Starting the window (run_gui), the screenshot mode, and the write/background helpers."""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from models.common.changes import PLANS, Changes
from models.common.errors import UserError
from models.plans.records import PlanRecord
from models.plans.service import list_plans, save_plan
from ui.operations import DataHub, Progress, run_op, run_task, run_task_blocking

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CAA_DATA_DIR": str(tmp_path / "data")}


def test_screenshot_writes_a_png_of_the_window(tmp_path: Path, db_path: Path) -> None:
    pid = save_plan(PlanRecord(title="重阳节敬老活动", category="重阳敬老",
                               start=datetime(2026, 10, 29, 9)))
    from models.datafile.db import close_database

    close_database()
    out = tmp_path / "shot.png"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "--screenshot", str(out),
         "--open-plan", str(pid), "--tab", "活动方案"],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    from ui.app import SCREENSHOT_SIZE

    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    # Painted, not blank: many distinct colours.
    colours = {image.pixel(x, y)
               for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    assert not list(tmp_path.glob(".shot*"))  # written atomically: no temporary left


def test_screenshot_of_an_unknown_plan_fails_plainly(tmp_path: Path, db_path: Path) -> None:
    out = tmp_path / "shot.png"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "--screenshot", str(out),
         "--open-plan", "777"],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2 and "找不到编号为 777 的活动方案" in proc.stderr
    assert not out.exists()


def test_unopenable_file_gives_a_message_and_is_left_alone(
    qapp, tmp_path: Path, monkeypatch
) -> None:
    from ui.app import run_gui

    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据文件，是一份会议记录。\n" * 50, encoding="utf-8")
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: shown.append((title, text)))
    rc = run_gui(argparse.Namespace(db=str(bad), screenshot=None, open_plan=None, tab=None))
    assert rc != 0
    assert shown and shown[0][0] == "无法打开数据文件" and "不是本软件的数据文件" in shown[0][1]
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    # Nothing beside it either, except the released one-copy lock (models.datafile.lock).
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left in (["notes.db"], ["notes.db", "notes.db.lock"])


def test_qt_standard_buttons_are_chinese(qapp) -> None:
    from ui.app import make_app

    make_app()
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    from PySide6.QtGui import QFontDatabase

    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(
        qapp.font().family())
    assert qapp.font().pointSizeF() >= 10.5


# --- operations ---------------------------------------------------------------------------

def test_run_op_success_announces_the_change(qtbot, db_path: Path) -> None:
    hub = DataHub()
    with qtbot.waitSignal(hub.changed) as blocker:
        result = run_op(None, hub, save_plan, PlanRecord(title="甲"), changes=PLANS)
    assert result.ok and blocker.args == [Changes(plans=True)] and result.changes == PLANS
    assert [p.title for p in list_plans()] == ["甲"]


def test_run_op_user_error_shows_one_dialog_and_no_change(qtbot, db_path, monkeypatch) -> None:
    hub = DataHub()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    changes: list[Changes] = []
    hub.changed.connect(changes.append)
    result = run_op(None, hub, save_plan, PlanRecord(title="  "), changes=PLANS)
    assert not result.ok and shown == ["方案标题不能为空。"] and changes == []
    assert list_plans() == []


def test_background_task_reports_progress_and_writes_from_its_thread(qtbot, db_path) -> None:
    hub = DataHub()
    seen: list[int] = []
    threads: list[int] = []

    def work(progress: Progress, n: int) -> int:
        threads.append(threading.get_ident())
        progress.set_total(n)
        for i in range(n):
            progress.check()
            save_plan(PlanRecord(title=f"方案{i}"))
            progress.advance()
        return n

    result = run_task_blocking(None, "测试", work, 5, hub=hub, changes=PLANS)
    assert result.ok and result.value == 5
    assert threads and threads[0] != threading.get_ident()
    assert len(list_plans()) == 5  # the window's connection sees the worker's commits
    task = run_task(None, "测试", work, 2, hub=hub, changes=PLANS, on_success=seen.append)
    qtbot.waitUntil(lambda: not task.is_running(), timeout=5000)
    assert seen == [2]


def test_background_task_can_be_cancelled(qtbot, db_path) -> None:
    started = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> str:
        started.set()
        release.wait(5)
        progress.check()  # raises: the clerk pressed 取消 meanwhile
        return "不应到达"

    hub = DataHub()
    messages: list[str] = []
    hub.message.connect(messages.append)
    task = run_task(None, "测试", work, hub=hub, changes=PLANS)
    assert started.wait(5)
    from PySide6.QtWidgets import QPushButton

    button = task.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()
    release.set()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=5000)
    assert task.result.cancelled and not task.result.ok and messages == ["已取消。"]


def test_background_user_error_is_one_message(qtbot, db_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))

    def work(progress: Progress) -> None:
        raise UserError("文件“名单.xlsx”第 3 行：身份证号有误。")

    result = run_task_blocking(None, "测试", work)
    assert not result.ok and shown == ["文件“名单.xlsx”第 3 行：身份证号有误。"]


def test_progress_is_throttled() -> None:
    sent: list[tuple[int, int, str]] = []
    progress = Progress(lambda *a: sent.append(a))
    progress.set_total(100000)
    for _ in range(100000):
        progress.advance()
    assert progress._done == 100000
    assert len(sent) < 50  # a handful of updates, not one per row


@pytest.mark.parametrize("name", ["main.py"])
def test_main_py_without_arguments_uses_the_default_data_file(tmp_path: Path, name: str) -> None:
    # No --db: the file goes to CAA_DATA_DIR (the user's data folder in real use).
    out = tmp_path / "s.png"
    proc = subprocess.run([sys.executable, name, "--screenshot", str(out)], cwd=ROOT,
                          env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "data" / "activities.db").exists() and out.stat().st_size > 0


def test_unknown_tab_is_refused_plainly(tmp_path: Path, db_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "--screenshot", str(tmp_path / "s.png"),
         "--tab", "不存在的页"],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2 and "没有名为“不存在的页”的标签页" in proc.stderr
    assert "活动方案" in proc.stderr  # the names that do exist


def test_background_bug_goes_to_the_error_hook_once(qtbot, db_path, monkeypatch) -> None:
    reported: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: reported.append(str(exc)))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))

    def work(progress: Progress) -> None:
        raise ZeroDivisionError("除数为零")

    result = run_task_blocking(None, "测试", work)
    assert not result.ok and "除数为零" in result.error
    assert reported == ["除数为零"] and shown == []


def test_a_second_copy_on_the_same_file_is_refused(tmp_path: Path, db_path: Path) -> None:
    from models.datafile.lock import acquire_lock

    lock = acquire_lock(db_path)  # this process stands for the first copy
    try:
        proc = subprocess.run(
            [sys.executable, "main.py", "--db", str(db_path), "--screenshot",
             str(tmp_path / "s.png")],
            cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60,
        )
    finally:
        lock.release()
    assert proc.returncode == 2 and proc.stderr.startswith("错误：")
    assert not (tmp_path / "s.png").exists()
