"""Running a modal dialog so that nothing of it is left behind once it is closed."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog


def run_dialog(dialog: QDialog) -> int:
    """exec() the dialog, then have Qt delete it. A closed dialog left as a child of its area
    used to stay until quit, and once Python had collected its wrapper (a lambda connected to
    one of its widgets kept a reference cycle until then), the window's teardown on quit
    deleted it under PySide's feet: "QObject: shared QObject was deleted directly", exit 139."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
