"""One way to make a toolbar/menu action, shared by the work areas."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(owner: QWidget, text: str, slot: Callable[[], object], shortcut: str = "",
                tip: str = "", *, area_only: bool = False) -> QAction:
    """An action calling slot() (the checked flag dropped). A shortcut works window-wide, or with
    area_only only while the focus is inside owner (e.g. Del in a grid, nowhere else)."""
    action = QAction(text, owner)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        if area_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            owner.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action
