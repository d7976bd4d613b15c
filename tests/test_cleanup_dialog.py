"""清理旧个人信息 dialog: previews for the years chosen, refuses nothing silently, clears after
asking, tells the views, and is in the main window's 文件 menu."""
from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from models.common.changes import Changes
from models.signups.records import NewSignup
from models.signups.retention import CLEARED_NAME
from models.signups.service import list_signups, sign_up
from tests.signup_factory import make_activity
from ui.operations import DataHub
from ui.signups.cleanup_dialog import CleanupDialog


def _old_and_new() -> tuple[int, int]:
    today = date.today()
    old = make_activity("往年重阳节登山", start=datetime(today.year - 4, 10, 1, 9))
    new = make_activity("今年活动", start=datetime(today.year, today.month, 1, 9))
    for plan in (old, new):
        for name in ("张三", "李四", "王五"):
            assert sign_up(plan, NewSignup(name=name, phone="13912345678"),
                           now=datetime(today.year - 4, 9, 1)).saved
    return old, new


def test_preview_confirm_clean(qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    old, new = _old_and_new()
    hub = DataHub()
    changed: list[Changes] = []
    hub.changed.connect(changed.append)
    d = CleanupDialog(hub)
    qtbot.addWidget(d)
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(d, "inform", told.append)

    assert d.years.value() == 3 and d.years.minimum() == 1
    assert "1 个活动" in d.summary.text() and "3 条报名" in d.summary.text()
    assert d.clean_button.isEnabled()
    d.years.setValue(10)
    assert "没有" in d.summary.text() and not d.clean_button.isEnabled()
    d.years.setValue(3)

    d.resize(560, 300)
    d.show()
    qtbot.waitExposed(d)
    out = os.environ.get("CAA_SCREENSHOT_DIR")
    assert d.grab().save(str(Path(out) / "cleanup_dialog.png" if out else
                             tmp_path / "cleanup_dialog.png"))

    monkeypatch.setattr(d, "confirm", lambda text: asked.append(text) or False)
    d.clean_button.click()
    assert asked and [r.name for r in list_signups(old)] == ["张三", "李四", "王五"]

    monkeypatch.setattr(d, "confirm", lambda text: True)
    d.clean_button.click()
    assert [r.name for r in list_signups(old)] == [CLEARED_NAME] * 3
    assert [r.name for r in list_signups(new)] == ["张三", "李四", "王五"]
    assert changed == [Changes(signups=True)]
    assert told and "已清除 1 个活动中 3 条报名" in told[0] and "before-cleanup" in told[0]
    assert "没有" in d.summary.text() and not d.clean_button.isEnabled()


def test_file_menu_has_the_entry(qtbot, db_path: Path, monkeypatch) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow

    win = MainWindow(AppContext(DataHub(), db_path), remember_geometry=False)
    qtbot.addWidget(win)
    file_menu = win.menuBar().actions()[0].menu()
    entry = next(a for a in file_menu.actions() if a.text() == "清理旧个人信息…")
    opened: list[CleanupDialog] = []
    monkeypatch.setattr(CleanupDialog, "exec", lambda self: opened.append(self) or 0)
    entry.trigger()
    assert len(opened) == 1 and opened[0].hub is win.ctx.hub
