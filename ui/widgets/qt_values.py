"""Qt's enum values as plain ints, for the widgets built before the first paint.

Naming any of Qt's own enums (Qt.AlignmentFlag, Qt.SortOrder...) builds PySide's whole Qt
namespace, some 20 ms of start-up: a bare window never pays it. So what the first paint builds sets
those values through Qt properties (set_enum, which takes an int) and the sort indicator through
the header's saved state; tests/test_qt_values.py checks every value against Qt's enum.
Code that runs later (dialogs, actions) names Qt's enums as usual.
"""
from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView

ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter
ALIGN_LEFT_VCENTER = 0x81  # Qt.AlignmentFlag.AlignLeft | AlignVCenter
CUSTOM_CONTEXT_MENU = 3  # Qt.ContextMenuPolicy.CustomContextMenu
TOOL_BUTTON_TEXT_ONLY = 1  # Qt.ToolButtonStyle.ToolButtonTextOnly
WIDGET_SHORTCUT = 0  # Qt.ShortcutContext.WidgetShortcut
WINDOW_SHORTCUT = 1  # Qt.ShortcutContext.WindowShortcut
WIDGET_WITH_CHILDREN_SHORTCUT = 3  # Qt.ShortcutContext.WidgetWithChildrenShortcut
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole
ASCENDING, DESCENDING = 0, 1  # Qt.SortOrder


def set_enum(obj: QObject, name: str, value: int) -> None:
    """obj.setProperty(name, value) for an enum property (e.g. "contextMenuPolicy")."""
    if not obj.setProperty(name, value):
        raise ValueError(f"{type(obj).__name__} has no writable property {name!r}")


# QHeaderView's saved state starts with a marker, a version, the orientation, then the sort
# order and the sort section (QDataStream ints, big-endian).
_STATE_MARKER, _STATE_VERSION, _ORDER_AT = 0xFF, 0, 12


def set_sort_indicator(header: QHeaderView, section: int, order: int) -> None:
    """header.setSortIndicator(section, Qt.SortOrder(order)), through restoreState."""
    data = bytearray(header.saveState().data())
    if len(data) >= _ORDER_AT + 8 and struct.unpack_from(">ii", data) == (_STATE_MARKER,
                                                                          _STATE_VERSION):
        struct.pack_into(">ii", data, _ORDER_AT, order, section)
        if header.restoreState(QByteArray(bytes(data))):
            return
    from PySide6.QtCore import Qt  # a Qt whose saved state differs

    header.setSortIndicator(section, Qt.SortOrder(order))


def set_shortcut(action: QAction, key: str | QKeySequence.StandardKey) -> None:
    """action.setShortcut(QKeySequence(key)): setShortcut itself names Qt's key enums while
    choosing among its overloads; setShortcuts with the same one sequence does not."""
    if isinstance(key, QKeySequence.StandardKey):
        action.setShortcuts(QKeySequence.keyBindings(key)[:1])  # as QKeySequence(key) takes
    else:
        action.setShortcuts([QKeySequence(key)])
