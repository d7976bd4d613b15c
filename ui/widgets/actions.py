"""One way to make a toolbar/menu action, shared by the work areas."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.widgets.qt_values import (
    WIDGET_WITH_CHILDREN_SHORTCUT,
    WINDOW_SHORTCUT,
    set_enum,
    set_shortcut,
)


def make_action(owner: QWidget, text: str, slot: Callable[[], object], shortcut: str = "",
                tip: str = "", *, area_only: bool = False) -> QAction:
    """An action calling slot() (the checked flag dropped). A shortcut works window-wide, or with
    area_only only while the focus is inside owner (e.g. Del in a grid, nowhere else)."""
    action = QAction(text, owner)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        set_shortcut(action, shortcut)
        if area_only:
            set_enum(action, "shortcutContext", WIDGET_WITH_CHILDREN_SHORTCUT)
            owner.addAction(action)
        else:
            set_enum(action, "shortcutContext", WINDOW_SHORTCUT)  # by value: ui.widgets.qt_values
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action
