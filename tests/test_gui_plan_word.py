"""导出 Word… in the plans area: from the 文件 menu and the list's right-click menu, the chosen
plan written as a .docx in the background; a file held open elsewhere refused in Chinese."""
from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.plans.service import save_plan
from tests.seed_plans import elders_outing
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub


@pytest.fixture()
def window(qtbot, db_path: Path, tmp_path: Path) -> MainWindow:
    save_plan(elders_outing())
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    w = MainWindow(AppContext(DataHub(), db_path), settings)
    qtbot.addWidget(w)
    w.show()
    return w


def _word_action(window: MainWindow):  # type: ignore[no-untyped-def]
    menu = window.menuBar().actions()[0].menu()
    menu.aboutToShow.emit()  # as opening it does
    return next(a for a in menu.actions() if a.text() == "导出 Word…")


def _select_first_plan(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.plans.area import PlansArea

    area = window.findChild(PlansArea)
    table = area.table
    rect = table.visualRect(table.model().index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: area.current_id() is not None)


def test_export_word_from_the_file_menu_writes_the_docx(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "重阳"  # no suffix typed: .docx is added
    asked: list[str] = []

    def save_as(parent, caption, proposed, filters):  # type: ignore[no-untyped-def]
        asked.append(proposed)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    done: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: done.append(box.text()) or 0)
    action = _word_action(window)
    _select_first_plan(qtbot, window)
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    target = out.with_suffix(".docx")
    assert asked[0].endswith("青桐社区重阳登高及戏曲欣赏活动方案.docx")
    assert "Word 文档已保存到" in done[0] and str(target) in done[0]
    d = docx.Document(io.BytesIO(target.read_bytes()))
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert heads[:3] == ["一、活动时间和地点", "二、参加对象", "三、活动内容"]


def test_a_locked_target_is_refused_in_chinese_and_left_alone(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "方案.docx"
    target.write_bytes(b"open in Word")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    real_replace = os.replace

    def locked(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) == target:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    _select_first_plan(qtbot, window)
    _word_action(window).trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "Word 或 WPS 中打开" in shown[0] and "Traceback" not in shown[0]
    assert target.read_bytes() == b"open in Word"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".docx"] == ["方案.docx"]
