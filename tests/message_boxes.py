"""Answering the message boxes a screen opens, with real key presses: each box that comes up is
read (its text kept), optionally photographed, and answered with the next key of a list."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


class BoxAnswerer:
    """While alive, presses keys[i] in the i-th message box that opens (Enter: its default)."""

    def __init__(self, keys: list[Qt.Key], shots: list[Path] | None = None) -> None:
        self.keys = list(keys)
        self.shots = list(shots or [])
        self.texts: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.property("answered") or not box.isVisible():
            return
        box.setProperty("answered", True)  # (a Python id may be reused by the next box)
        self.texts.append(box.text())
        if self.shots:
            box.grab().save(str(self.shots.pop(0)))
        key = self.keys.pop(0) if self.keys else Qt.Key.Key_Escape
        QTest.keyClick(box, key)

    def stop(self) -> None:
        self._timer.stop()
