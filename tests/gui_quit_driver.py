"""Driven by tests/test_quit_after_dialogs.py: the real program (main.main, so the real window on
the given data file), offscreen; one dialog of the residents area is opened the way a clerk does
(its action), used a little, closed with Escape through QTest, then the window is closed and the
program quits. The test reads what it prints, the exit code and stderr: a dialog left behind used
to take the process down on quit, now and then ("QObject: shared QObject was deleted directly",
exit 139), so the driver also lists the dialogs still there just before the window closes.

    python tests/gui_quit_driver.py DATA_FILE SCENARIO [FILE]

Scenarios: import, import_read (FILE read to the mapping step first), import_done (FILE imported
to the report), export, figures, figures_export, bin, add, edit.
"""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QPushButton, QWidget  # noqa: E402

STEP_MS = 50
GIVE_UP_MS = 30000


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
