"""导出 Word…: the plan on screen (or selected) as a .docx for Word and WPS, written in the
background; the same document as its PDF (exporters.plans.docx)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from ui.operations import run_task
from ui.widgets.actions import make_action
from ui.widgets.dialogs import run_dialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from models.plans.records import PlanRecord


def tr(text: str) -> str:
    return QCoreApplication.translate("WordExport", text)


def word_action(parent: QWidget, current: Callable[[], PlanRecord | None],
                hub_message: Callable[[str], None]) -> QAction:
    """The action; current() gives the saved plan to export (None: nothing to do, already said),
    hub_message shows a line in the status bar."""
    return make_action(parent, tr("导出 Word…"), lambda: export_word(parent, current, hub_message),
                       "", tr("把方案导出为 Word 文档，可在 Word 或 WPS 中修改"))


def export_word(parent: QWidget, current: Callable[[], PlanRecord | None],
                hub_message: Callable[[str], None]) -> None:
    from PySide6.QtCore import QStandardPaths  # off the start-up path
    from PySide6.QtWidgets import QFileDialog

    from ui.plans.area_exports import checked_before, safe_file_name

    rec = current()
    if rec is None or not checked_before(parent, rec, "导出"):
        return
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / f"{safe_file_name(rec.title)}.docx")
    name, _filter = QFileDialog.getSaveFileName(
        parent, tr("导出 Word 文档"), suggested, tr("Word 文档 (*.docx)"))
    if not name:
        return
    out = Path(name if name.lower().endswith(".docx") else name + ".docx")
    run_task(parent, tr("正在导出 Word 文档…"), _task, rec, out,
             on_success=lambda path: _done(parent, path, hub_message))


def _task(_progress: object, rec: PlanRecord, out: Path) -> Path:
    from exporters.plans.docx import export_plan_docx

    return export_plan_docx(rec, out)


def _done(parent: QWidget, path: object, hub_message: Callable[[str], None]) -> None:
    from PySide6.QtCore import QUrl  # off the start-up path
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    hub_message(tr("已导出：{0}").format(path))
    box = QMessageBox(QMessageBox.Icon.Information, tr("导出完成"),
                      tr("Word 文档已保存到：\n{0}").format(path),
                      QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(tr("打开文件"), QMessageBox.ButtonRole.AcceptRole)
    run_dialog(box)
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
