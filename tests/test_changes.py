"""One way to announce a change: every write goes through ui.operations and announces typed
flags (models.common.changes.Changes); each view refreshes only for the flags that concern it.

The main window on a real data file, driven with key presses and clicks; refreshes are counted on
the views' models (the plans list's refresh, the residents grid's and sign-ups list's resets).
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

import ui.operations as operations
import ui.plans.editor as plan_editor_module
from models.common.changes import Changes
from models.plans.listing import count_plans
from models.plans.records import PlanRecord
from models.plans.service import delete_plan, load_plan, save_plan
from models.residents.service import (
    ResidentQuery,
    ResidentRecord,
    count_residents,
    save_resident,
)
from models.signups.records import NewSignup
from models.signups.service import sign_up
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub

# Showing a window on the offscreen platform logs "This plugin does not support raise()...":
# a note about the test platform, not a fault.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PLAN_TITLES = ("社区义诊进万家", "重阳节敬老爱老活动方案")
PEOPLE = (("张三", "13812345678", "3幢", "101"), ("李四", "13900001111", "5幢", "202"),
          ("王五", "13700002222", "3幢", "301"))


@pytest.fixture()
def data(db_path: Path) -> dict[str, int]:
    ids = {t: save_plan(PlanRecord(title=t, start=datetime(2026, 10, 18 + i, 9)))
           for i, t in enumerate(PLAN_TITLES)}
    for name, phone, building, room in PEOPLE:
        outcome = save_resident(ResidentRecord(name=name, phone=phone, building=building,
                                               room=room), allow_warnings=True)
        assert outcome.saved
        ids[name] = outcome.resident_id
    # The sign-ups list shows the latest activity (first in its choice) with a resident on it.
    assert sign_up(ids["重阳节敬老爱老活动方案"], NewSignup(resident_id=ids["张三"])).saved
    return ids


class Views:
    """The three areas of a shown main window, with their refreshes counted."""

    def __init__(self, qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
        self.hub = DataHub()
        # Closing the window at the end asks about a plan left unsaved: answer 不保存.
        self.asked_on_close: list[str] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.asked_on_close.append(
            box.text()) or QMessageBox.StandardButton.Discard)
        settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(AppContext(self.hub, db_path), settings,
                                 remember_geometry=False, build_when_idle=False)
        qtbot.addWidget(self.window)
        self.plans = self.window.area("活动方案")
        self.residents = self.window.area("居民")
        self.signups = self.window.area("报名签到")
        self.announced: list[Changes] = []
        self.hub.changed.connect(self.announced.append)
        self.counts = {"plans list": 0, "residents grid": 0, "sign-ups list": 0}
        refresh = self.plans.model.refresh

        def counted_refresh() -> None:
            self.counts["plans list"] += 1
            refresh()

        monkeypatch.setattr(self.plans.model, "refresh", counted_refresh)
        self.residents.model.modelReset.connect(lambda: self._count("residents grid"))
        self.signups.model.modelReset.connect(lambda: self._count("sign-ups list"))
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        qtbot.waitUntil(lambda: self.window.isActiveWindow())  # shortcuts need it active

    def _count(self, view: str) -> None:
        self.counts[view] += 1

    def show(self, qtbot, area) -> None:
        self.window.tabs.setCurrentIndex(self.window.tabs.indexOf(area.parentWidget()))
        qtbot.waitUntil(area.isVisible)

    def reset(self) -> None:
        self.announced.clear()
        self.counts = dict.fromkeys(self.counts, 0)


@pytest.fixture()
def views(qtbot, data, db_path: Path, tmp_path: Path, monkeypatch) -> Iterator[Views]:
    yield Views(qtbot, db_path, tmp_path, monkeypatch)


@pytest.fixture()
def warnings(monkeypatch) -> list[tuple[str, str]]:
    """Every message box shown (title, text), instead of a modal box that would hang the test."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture()
def helper_calls(monkeypatch) -> list[object]:
    """The functions the plan editor hands to ui.operations.run_op (the helper still runs them)."""
    calls: list[object] = []
    run_op = operations.run_op

    def spied_run_op(parent, hub, fn, *args, **kwargs):
        calls.append(fn)
        return run_op(parent, hub, fn, *args, **kwargs)

    monkeypatch.setattr(plan_editor_module, "run_op", spied_run_op)
    return calls


def _open_in_editor(qtbot, views: Views, plan_id: int):
    area = views.plans
    views.show(qtbot, area)
    area.table.setFocus()
    area.table.selectRow(area.model.row_of(plan_id))
    qtbot.keyClick(area.table, Qt.Key.Key_Return)  # Enter on a row opens it
    editor = area.editors[plan_id]
    assert area.tabs.currentWidget() is editor
    return editor


def test_a_residents_write_refreshes_the_residents_views_but_not_the_plans_list(
        qtbot, views: Views, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    area = views.residents
    views.show(qtbot, area)
    views.reset()
    area.table.setFocus()
    area.table.selectRow(0)
    assert area.model.rowCount() == 3
    qtbot.keyClick(area.table, Qt.Key.Key_Delete)  # asks (answered 是), then to the recycle bin

    assert count_residents(ResidentQuery(deleted=True)) == 1
    assert views.announced == [Changes(residents=True, households=True)]
    assert views.counts == {"plans list": 0, "residents grid": 1, "sign-ups list": 1}
    assert area.model.rowCount() == 2  # the grid shows what the file now holds


def test_ctrl_s_in_the_editor_saves_through_the_helper_and_refreshes_only_the_plans_views(
        qtbot, views: Views, data, warnings, helper_calls) -> None:
    pid = data["社区义诊进万家"]
    editor = _open_in_editor(qtbot, views, pid)
    title = editor.field_widget("title")
    title.setFocus()
    title.setText("社区义诊进万家（秋季）")
    views.reset()
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert load_plan(pid).title == "社区义诊进万家（秋季）"
    assert helper_calls == [save_plan] and warnings == []
    assert views.announced == [Changes(plans=True)]
    # The plans list re-read once (the sign-ups' choice of activity too); the grid did not.
    assert views.counts == {"plans list": 1, "residents grid": 0, "sign-ups list": 1}
    shown = [views.plans.model.plan_at(r).title for r in range(views.plans.model.rowCount())]
    assert "社区义诊进万家（秋季）" in shown
    assert not editor.is_dirty() and editor.status_label.text().startswith("已保存")
    assert views.window.statusBar().currentMessage() == "方案已保存。"


def test_a_save_the_data_file_refuses_shows_one_message_from_the_helper(
        qtbot, views: Views, data, warnings, monkeypatch) -> None:
    helper_errors: list[str] = []
    show_error = operations.show_error

    def spied_show_error(parent, message, title=None):
        helper_errors.append(message)
        show_error(parent, message, title)

    monkeypatch.setattr(operations, "show_error", spied_show_error)
    pid = data["社区义诊进万家"]
    editor = _open_in_editor(qtbot, views, pid)
    editor.field_widget("theme").setText("健康进社区")
    delete_plan(pid)  # meanwhile, elsewhere (another window, the command line)
    views.reset()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    message = f"找不到编号为 {pid} 的活动方案。"
    assert warnings == [("无法保存", message)] and helper_errors == [message]
    assert editor.is_dirty() and editor.record().theme == "健康进社区"  # every edit kept
    assert editor.status_label.text() == "未保存：" + message
    assert views.announced == [] and views.counts["plans list"] == 0  # nothing was written


def test_autosave_goes_through_the_helper_and_refreshes_the_plans_list(
        qtbot, data, db_path: Path, tmp_path: Path, warnings, helper_calls, monkeypatch) -> None:
    monkeypatch.setattr(plan_editor_module, "AUTOSAVE_MS", 150)  # read when an editor is made
    views = Views(qtbot, db_path, tmp_path, monkeypatch)
    pid = data["重阳节敬老爱老活动方案"]
    editor = _open_in_editor(qtbot, views, pid)
    editor.field_widget("title").setText("重阳登高")
    views.reset()
    qtbot.waitUntil(lambda: load_plan(pid).title == "重阳登高", timeout=3000)
    assert editor.status_label.text().startswith("已自动保存") and not editor.is_dirty()
    assert helper_calls == [save_plan]
    assert views.announced == [Changes(plans=True)] and views.counts["plans list"] == 1
    assert views.counts["residents grid"] == 0
    assert views.plans.model.plan_at(views.plans.model.row_of(pid)).title == "重阳登高"

    # A refused autosave interrupts no one: a note in the status line, no box, no announcement.
    other = data["社区义诊进万家"]
    editor = _open_in_editor(qtbot, views, other)
    editor.field_widget("theme").setText("健康进社区")
    delete_plan(other)
    views.reset()
    message = f"找不到编号为 {other} 的活动方案。"
    qtbot.waitUntil(lambda: editor.status_label.text() == "未自动保存：" + message, timeout=3000)
    assert warnings == [] and views.announced == [] and editor.is_dirty()


def test_a_restored_data_file_is_announced_as_everything_and_every_view_rereads(
        qtbot, views: Views) -> None:
    views.reset()
    views.window.on_data_replaced()  # what the backups dialog triggers after a restore
    assert views.announced == [Changes.everything()] and views.announced[0].datafile
    assert views.counts == {"plans list": 1, "residents grid": 1, "sign-ups list": 1}


def test_flags_combine_and_a_write_to_the_hub_must_name_them(db_path: Path) -> None:
    both = Changes(plans=True) | Changes(residents=True)
    assert both == Changes(plans=True, residents=True) and not Changes()
    assert all(vars(Changes.everything()).values())
    with pytest.raises(AttributeError):
        both.plans = False  # type: ignore[misc]  # frozen: a listener cannot alter it
    hub = DataHub()
    with pytest.raises(TypeError):  # a forgotten flag would leave every view stale
        operations.run_op(None, hub, save_plan, PlanRecord(title="甲"))
    assert count_plans() == 0  # refused before writing anything
    assert operations.run_op(None, None, load_plan, 99999, show_errors=False).error
