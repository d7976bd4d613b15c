"""The window's way into the data file: every check of models.datafile.opening, each refusal
explained in a dialog, and the newest backup offered when the file is damaged or gone.

    opened = open_data_file(path)   # in run_gui, after the QApplication and the error hook
    if opened is None:
        return 2                    # the clerk has been told why; nothing was changed
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from models.common.errors import UserError
from models.datafile.opening import OpenedFile, can_offer_backup, open_for_app


def tr(text: str) -> str:
    return QCoreApplication.translate("OpenData", text)


def _critical(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # only on a refusal

    QMessageBox.critical(parent, tr("无法打开数据文件"), text)


def _warning(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # only on a warning

    QMessageBox.warning(parent, tr("备份未完成"), text)


def open_data_file(path: Path, parent: QWidget | None = None, *,
                   ask: Callable[[str], bool] | None = None,
                   refuse: Callable[[QWidget | None, str], None] = _critical,
                   warn: Callable[[QWidget | None, str], None] = _warning) -> OpenedFile | None:
    """The opened file, or None after telling the clerk why it cannot be opened."""
    try:
        opened = open_for_app(path)
    except UserError as exc:
        # Only on a refusal: the backups dialog is not on the way to an ordinary start.
        from models.datafile.backup import newest_backup_for
        from ui.datafile.backups_dialog import offer_newest_backup

        if not (can_offer_backup(exc) and newest_backup_for(path) is not None):
            refuse(parent, str(exc))
            return None
        if not offer_newest_backup(parent, path, exc, ask=ask):
            return None  # the clerk chose 退出 in the offer, which said what was wrong
        try:
            opened = open_for_app(path)
        except UserError as again:
            refuse(parent, str(again))
            return None
    if opened.warning:
        warn(parent, opened.warning)
    return opened
