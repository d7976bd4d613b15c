"""Enter typed in a dialog's field stays in that field. A QDialog hands an Enter that a line edit,
spin box, date edit or list passes on to its default button: in the recycle bin that restored the
selected people, in the figures it opened an export, in the clean-up it asked to clear personal
data. After keep_enter_in_fields(dialog) such an Enter goes no further; a button that has the
focus still answers Enter itself (it never passes it on), and clicks work as before."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog


class _EnterStops(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An Enter that reaches the dialog was passed on by a field: no default button takes it.
        return (watched is self.parent() and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter))


def keep_enter_in_fields(dialog: QDialog) -> None:
    dialog.installEventFilter(_EnterStops(dialog))
