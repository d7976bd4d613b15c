"""PySide6 6.12.0 on Python 3.11 kills the interpreter after a few thousand calls that return
None ("Fatal Python error: none_dealloc"). The app needs 3.12+; this catches a broken pairing."""
from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(20000):
    label.setText(str(i))
print("survived")
"""


def test_interpreter_is_supported() -> None:
    assert sys.version_info >= (3, 12), "社区活动助手 needs Python 3.12 or newer"


def test_many_void_qt_calls_do_not_kill_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived" in proc.stdout
