"""帮助 → 关于, opened as a clerk does (a click on 帮助, Down, Enter): the version from setup.cfg,
the data file, the schema version, the fonts, the log and backup folders; Escape closes it."""
from __future__ import annotations

import configparser
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from exporters.pdf.fonts import font_set
from models.datafile.backup import backups_dir
from models.datafile.schema import SCHEMA_VERSION
from ui.about_dialog import AboutDialog
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub

ROOT = Path(__file__).resolve().parent.parent


def _version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    return parser.get("metadata", "version")


def test_help_about_by_keyboard(qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CAA_DATA_DIR", str(tmp_path / "用户数据"))
    win = MainWindow(AppContext(DataHub(), db_path), remember_geometry=False,
                     build_when_idle=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)

    seen: list[str] = []
    closed: list[bool] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):
            QTimer.singleShot(50, read_and_close)  # not up yet
            return
        seen.append(dialog.text.text())
        dialog.grab().save(str(tmp_path / "about.png"))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        closed.append(not dialog.isVisible())

    bar = win.menuBar()
    help_action = next(a for a in bar.actions() if a.text() == "帮助(&H)")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(help_action).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is not None and menu.activeAction().text() == "关于"
    QTimer.singleShot(0, read_and_close)
    QTest.keyClick(menu, Qt.Key.Key_Return)  # returns once the dialog is closed
    qtbot.waitUntil(lambda: bool(closed))

    assert closed == [True]
    text = seen[0]
    assert f"版本：</b></td><td>{_version()}<" in text
    assert str(db_path) in text
    assert f"数据格式版本：</b></td><td>{SCHEMA_VERSION}<" in text
    body = font_set().choices["body"]
    assert f"正文：{body.path.name}（{'程序自带' if body.bundled else '本机字体'}）<br>" in text
    assert str(tmp_path / "用户数据" / "logs") in text
    assert str(backups_dir(db_path)) in text
