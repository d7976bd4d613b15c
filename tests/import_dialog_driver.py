"""Picking a file in the residents import dialog as a clerk does: the path typed, Enter pressed
(the default button, 下一步), and the one message the dialog shows caught (QMessageBox's
warning, information and critical replaced for the test)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pick_in_import_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                          path: Path) -> tuple[Any, list[str]]:
    """(the dialog, the messages it showed) once a message is shown and 下一步 is back."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from ui.operations import DataHub
    from ui.residents.import_dialog import ImportDialog

    shown: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: shown.append(a[2]))
    dialog = ImportDialog(DataHub())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(path))
    dialog.path_edit.setFocus()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    qtbot.waitUntil(dialog.next_button.isEnabled, timeout=5000)
    return dialog, shown
