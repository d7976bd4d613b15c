"""Every text a dialog shows (labels, buttons and their tips, combo items, group titles, tab names,
column titles), for the tests that check no English reaches a clerk's screen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)


def visible_texts(dialog: QWidget) -> list[str]:
    texts: list[str] = []
    for w in dialog.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts += [w.text(), w.toolTip()]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
            model = w.model()
            texts += [str(model.headerData(i, Qt.Orientation.Horizontal))
                      for i in range(model.columnCount())]
    return [t for t in texts if t]
