"""The main window builds an area when it is first needed: the tab on screen before the first
paint, the others after it (or sooner when asked for, or when the 文件 menu opens)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

import ui.main_window as mw
from ui.context import AppContext
from ui.operations import DataHub


class _Fake(QLabel):
    def __init__(self, name: str, parent: QWidget, built: list[str]) -> None:
        super().__init__(name, parent)
        built.append(name)
        self.action = QAction(f"{name}的动作", self)

    def file_menu_actions(self) -> list[QAction | None]:
        return [self.action]


@pytest.fixture()
def built(monkeypatch) -> list[str]:
    names: list[str] = []
    monkeypatch.setattr(mw, "AREAS", [
        (title, lambda ctx, parent, t=title: _Fake(t, parent, names))
        for title in ("甲", "乙", "丙")
    ])
    return names


def _window(qtbot, db_path: Path, tmp_path: Path, **kw: bool) -> mw.MainWindow:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = mw.MainWindow(AppContext(DataHub(), db_path), settings, **kw)
    qtbot.addWidget(window)
    return window


def _menu_texts(window: mw.MainWindow) -> list[str]:
    return [a.text() for a in window.file_menu.actions() if not a.isSeparator()]


def test_only_the_shown_tab_is_built_before_the_first_paint(qtbot, built, db_path, tmp_path):
    window = _window(qtbot, db_path, tmp_path)
    assert built == [] and window.area_titles == ["甲", "乙", "丙"]
    window.show()
    assert built[:1] == ["甲"]
    qtbot.waitUntil(lambda: built == ["甲", "乙", "丙"])  # the rest after the first paint
    assert _menu_texts(window)[:3] == ["甲的动作", "乙的动作", "丙的动作"]  # in tab order
    assert "退出" in _menu_texts(window)


def test_a_screenshot_run_builds_only_the_shown_tab(qtbot, built, db_path, tmp_path):
    window = _window(qtbot, db_path, tmp_path, build_when_idle=False)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert built == ["甲"]


def test_asking_for_an_area_builds_it_once(qtbot, built, db_path, tmp_path):
    window = _window(qtbot, db_path, tmp_path)
    assert window.select_area("丙") and built == ["丙"]
    assert window.tabs.currentIndex() == 2
    assert window.area("丙") is window.area("丙") and built == ["丙"]
    assert window.area("丁") is None and not window.select_area("丁")
    assert list(window.built_areas()) == [window.area("丙")]
    assert _menu_texts(window)[0] == "丙的动作"
    window.file_menu.aboutToShow.emit()  # opening the menu lists every area's actions
    assert sorted(built) == ["丙", "乙", "甲"]
    assert _menu_texts(window)[:3] == ["甲的动作", "乙的动作", "丙的动作"]
    assert len(window.file_menu.actions()) == len(set(window.file_menu.actions()))


def test_plans_area_lists_at_once_and_fills_the_year_filter_right_after(qtbot, db_path):
    from datetime import datetime

    from models.plans.records import PlanRecord
    from models.plans.service import save_plan
    from ui.plans.area import PlansArea

    save_plan(PlanRecord(title="重阳节敬老活动", start=datetime(2026, 10, 29, 9)))
    area = PlansArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    assert area.model.rowCount() == 1 and area.pages.currentIndex() == 0
    qtbot.waitUntil(lambda: area.year_filter.count() == 2)
    assert area.year_filter.itemData(1) == 2026
