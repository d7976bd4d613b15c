"""Driven by tests/test_quit_after_dialogs.py: the real program (main.main, so the real window on
the given data file), offscreen; one dialog of the residents area is opened the way a clerk does
(its action), used a little, closed with Escape through QTest, then the window is closed and the
program quits. The test reads what it prints, the exit code and stderr: a dialog left behind used
to take the process down on quit, now and then ("QObject: shared QObject was deleted directly",
exit 139), so the driver also lists the dialogs still there just before the window closes.

    python tests/gui_quit_driver.py DATA_FILE SCENARIO [FILE]

Scenarios: import, import_read (FILE read to the mapping step first), import_done (FILE imported
to the report), export, figures, figures_export, bin, add, edit; and those of OTHER_AREAS (the
plans and sign-ups areas, the main window's menus).
"""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QPushButton, QWidget  # noqa: E402

STEP_MS = 50
GIVE_UP_MS = 30000
# scenario: (area title, the class of the dialog it opens)
OTHER_AREAS = {
    "template": ("活动方案", "TemplateDialog"), "copy": ("活动方案", "CopyDialog"),
    "delete": ("活动方案", "QMessageBox"),
    "walkin": ("报名签到", "WalkInDialog"), "override": ("报名签到", "OverrideDialog"),
    "details": ("报名签到", "SignupDetailsDialog"),
    "figures_signups": ("报名签到", "QMessageBox"),
    "checkin": ("报名签到", "CheckInMode"), "checkin_walkin": ("报名签到", "CheckInMode"),
    "backups": ("", "BackupsDialog"), "cleanup": ("", "CleanupDialog"),
    "about": ("", "AboutDialog"),
}


def later(fn: Callable[[], None], ms: int = STEP_MS) -> None:
    QTimer.singleShot(ms, fn)


def wait_for(test: Callable[[], object], then: Callable[[], None]) -> None:
    """Call then() once test() is true, looking every STEP_MS (the event loop keeps running)."""
    def look() -> None:
        if test():
            then()
        else:
            later(look)
    later(look)


def modal() -> QWidget | None:
    return QApplication.activeModalWidget()


def main() -> int:
    db, scenario = sys.argv[1], sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else ""
    app = QApplication(sys.argv[:1])  # ui.app.make_app takes this one and sets it up

    def give_up() -> None:
        print("driver: gave up waiting", flush=True)
        os._exit(3)

    QTimer.singleShot(GIVE_UP_MS, give_up)

    def window() -> QMainWindow:
        return next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow))

    def close_window() -> None:
        # A clerk goes on working for a while: Python's collector runs meanwhile and drops what
        # nothing refers to any more (the wrapper of a dialog that has been closed).
        gc.collect()
        # A closed dialog still there (hidden, a child of its area) is what PySide deleted
        # twice on quit: the crash came or not depending on the order it visited objects in.
        left = [type(w).__name__ for w in app.topLevelWidgets() if isinstance(w, QDialog)]
        print(f"driver: dialogs left {left}", flush=True)
        window().close()

    def escape_then_quit(kind: str, before: Callable[[QWidget], None] | None = None,
                         ) -> Callable[[], None]:
        def shown() -> None:
            dialog = modal()
            assert dialog is not None
            print(f"driver: shown {type(dialog).__name__}", flush=True)
            if type(dialog).__name__ != kind:
                os._exit(4)
            if before is not None:
                before(dialog)
            else:
                press_escape()

        def press_escape() -> None:
            dialog = modal()
            assert dialog is not None
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            wait_for(lambda: modal() is None, quit_window)

        def quit_window() -> None:
            print("driver: dialog closed", flush=True)
            later(close_window, 300)  # once the dialog's exec() has returned

        wait_for(lambda: modal() is not None, shown)
        return press_escape

    def start() -> None:
        if scenario in OTHER_AREAS:
            other_area(scenario)
            return
        win = window()
        win.select_area("居民")
        area = win.area("居民")  # type: ignore[assignment]
        if scenario == "import":
            escape_then_quit("ImportDialog")
            area.act_import.trigger()  # type: ignore[attr-defined]
        elif scenario in ("import_read", "import_done"):
            finish = escape_then_quit("ImportDialog", lambda d: read(d))

            def read(dialog: QWidget) -> None:
                dialog.path_edit.setText(source)  # type: ignore[attr-defined]
                dialog.path_edit.setFocus()  # type: ignore[attr-defined]
                QTest.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
                page = 1 if scenario == "import_read" else 3
                wait_for(lambda: on_page(dialog, 1), lambda: step(dialog, page))

            def step(dialog: QWidget, page: int) -> None:
                if dialog.pages.currentIndex() >= page:  # type: ignore[attr-defined]
                    if page == 3:  # the report: 完成 closes it
                        QTest.mouseClick(dialog.next_button,  # type: ignore[attr-defined]
                                         Qt.MouseButton.LeftButton)
                        wait_for(lambda: modal() is None, close_window)
                    else:
                        finish()
                    return
                want = dialog.pages.currentIndex() + 1  # type: ignore[attr-defined]
                QTest.mouseClick(dialog.next_button,  # type: ignore[attr-defined]
                                 Qt.MouseButton.LeftButton)
                wait_for(lambda: on_page(dialog, want), lambda: step(dialog, page))

            def on_page(dialog: QWidget, page: int) -> bool:
                return (modal() is dialog and dialog.pages.currentIndex() == page  # type: ignore
                        and dialog.next_button.isEnabled())  # type: ignore[attr-defined]

            area.act_import.trigger()  # type: ignore[attr-defined]
        elif scenario == "export":
            escape_then_quit("ResidentsExportDialog")
            area.act_export.trigger()  # type: ignore[attr-defined]
        elif scenario == "figures":
            escape_then_quit("FiguresDialog")
            area.act_figures.trigger()  # type: ignore[attr-defined]
        elif scenario == "figures_export":
            def export_from(dialog: QWidget) -> None:
                def inner_shown() -> None:
                    inner = modal()
                    print(f"driver: shown {type(inner).__name__}", flush=True)
                    QTest.keyClick(inner, Qt.Key.Key_Escape)
                    wait_for(lambda: modal() is dialog, outer_escape)

                def outer_escape() -> None:
                    QTest.keyClick(dialog, Qt.Key.Key_Escape)
                    wait_for(lambda: modal() is None, close_window)

                wait_for(lambda: modal() not in (None, dialog), inner_shown)
                button = next(b for b in dialog.findChildren(QPushButton)
                              if b.text().startswith("导出此名单"))
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)

            escape_then_quit("FiguresDialog", export_from)
            area.act_figures.trigger()  # type: ignore[attr-defined]
        elif scenario == "bin":
            escape_then_quit("RecycleBinDialog")
            area.act_bin.trigger()  # type: ignore[attr-defined]
        elif scenario == "add":
            escape_then_quit("ResidentDialog")
            area.act_add.trigger()  # type: ignore[attr-defined]
        elif scenario == "edit":
            escape_then_quit("ResidentDialog")
            table = area.table  # type: ignore[attr-defined]
            wait_for(lambda: table.model().rowCount() > 0, lambda: edit(table))
        else:
            print(f"driver: unknown scenario {scenario}", flush=True)
            os._exit(5)

    def click(button: QWidget) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def menu_action(text: str) -> QAction:
        return next(a for a in window().findChildren(QAction) if a.text() == text)

    def other_area(name: str) -> None:
        """Scenarios of the plans and sign-ups areas and of the main window's menus."""
        title, kind = OTHER_AREAS[name]
        win = window()
        if name in ("backups", "cleanup", "about"):
            escape_then_quit(kind)
            menu_action({"backups": "备份与恢复…", "cleanup": "清理旧个人信息…",
                         "about": "关于"}[name]).trigger()
            return
        win.select_area(title)
        area: Any = win.area(title)
        if name == "template":
            escape_then_quit(kind)
            area.act_template.trigger()
        elif name in ("copy", "delete"):
            def go() -> None:
                area.table.selectRow(0)
                escape_then_quit(kind)
                (area.act_copy if name == "copy" else area.act_delete).trigger()

            wait_for(lambda: area.model.rowCount() > 0, go)
        elif name == "walkin":
            escape_then_quit(kind)
            click(area.walk_in_button)
        elif name == "override":
            # A resident too young for the activity: signing them up asks for a note.
            def pick() -> None:
                area.results.setCurrentRow(0)
                escape_then_quit(kind)
                click(area.add_button)

            area.search.setText("钱二")
            wait_for(lambda: area.results.count() > 0, pick)
        elif name in ("details", "figures_signups"):
            def open_it() -> None:
                area.table.selectRow(0)
                escape_then_quit(kind)
                click(area.details_button if name == "details" else area.figures_button)

            wait_for(lambda: area.model.rowCount() > 0, open_it)
        elif name in ("checkin", "checkin_walkin"):
            # The door's window is not modal: it is found among the windows shown.
            def door() -> QWidget | None:
                return next((w for w in app.topLevelWidgets()
                             if type(w).__name__ == kind and w.isVisible()), None)

            def at_door() -> None:
                mode = door()
                assert mode is not None
                print(f"driver: shown {kind}", flush=True)
                if name == "checkin_walkin":
                    escape_then_quit("WalkInDialog", escape_inner)
                    click(mode.walk_in_button)  # type: ignore[attr-defined]
                else:
                    leave()

            def escape_inner(dialog: QWidget) -> None:
                QTest.keyClick(dialog, Qt.Key.Key_Escape)
                wait_for(lambda: modal() is None, leave)

            def leave() -> None:
                mode = door()
                assert mode is not None
                QTest.keyClick(mode, Qt.Key.Key_Escape)
                wait_for(lambda: door() is None, lambda: later(close_window, 300))

            wait_for(lambda: area.plan_id() is not None, lambda: click(area.checkin_button))
            wait_for(lambda: door() is not None, at_door)

    def edit(table: QWidget) -> None:
        # The edit action has no key: a double-click on the row, as a clerk does.
        rect = table.visualRect(table.model().index(0, 1))  # type: ignore[attr-defined]
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                         Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                          Qt.KeyboardModifier.NoModifier, rect.center())

    wait_for(lambda: any(isinstance(w, QMainWindow) and w.isVisible()
                         for w in app.topLevelWidgets()), start)
    import main as program

    return program.main(["--db", db])


if __name__ == "__main__":
    code = main()
    print(f"driver: main returned {code}", flush=True)
    sys.exit(code)
