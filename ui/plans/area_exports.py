"""The plans area's PDF commands (ui.plans.area): 导出 PDF… and 打印… (through the print
preview), each after the checks before printing. A mixin of PlansArea."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from ui.operations import run_op, run_task
from ui.widgets.dialogs import run_dialog

if TYPE_CHECKING:
    from models.plans.records import PlanRecord

# The service and the exporters are imported by the actions that use them (off the start-up path).

def safe_file_name(title: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\r\n\t]+', "_", title).strip(" ._") or "活动方案"
    return name[:80]


_CHECK_TEXTS = {  # (title, question) of the checks before printing, by what the clerk is doing
    "导出": (QT_TRANSLATE_NOOP("PlanExports", "导出前请核对"),
             QT_TRANSLATE_NOOP("PlanExports", "仍要导出吗？")),
    "打印": (QT_TRANSLATE_NOOP("PlanExports", "打印前请核对"),
             QT_TRANSLATE_NOOP("PlanExports", "仍要打印吗？")),
}


def checked_before(parent: QWidget, rec: PlanRecord, doing: str) -> bool:
    """The checks before printing (models.plans.checks.print_warnings), named before a PDF or
    Word file is written or the plan is printed: True when there is nothing to name or the clerk
    goes on anyway. doing: 导出 or 打印."""
    from PySide6.QtWidgets import QMessageBox

    from models.plans.checks import print_warnings  # off the start-up path

    warnings = print_warnings(rec)
    if not warnings:
        return True
    title, question = (QCoreApplication.translate("PlanExports", t) for t in _CHECK_TEXTS[doing])
    answer = QMessageBox.question(
        parent, title, "\n".join(warnings) + "\n\n" + question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class PlanExports:
    """Export and print the selected or edited plan (mixed into PlansArea, a QWidget)."""

    def _editing_id(self) -> int | None:
        """The plan whose editor holds the keyboard focus, if one does."""
        editor = self.tabs.currentWidget()
        focus = QApplication.focusWidget()
        if editor is None or focus is None or not editor.isAncestorOf(focus):
            return None
        return next((i for i, e in self.plan_tabs.editors.items() if e is editor), None)

    def _saved_current(self, doing: str, plan_id: int | None = None) -> PlanRecord | None:
        """The selected plan (or plan_id) as saved (its open editor asked to save first)."""
        plan_id = plan_id if plan_id is not None else self.current_id()
        if plan_id is None or not self.plan_tabs.ensure_saved(plan_id, doing):
            return None
        from models.plans.service import load_plan

        loaded = run_op(self, None, load_plan, plan_id)
        return loaded.value if loaded.ok else None

    def print_document(self) -> None:
        """Preview the PDF (the one 导出 PDF writes) of the plan being edited, else of the one
        selected in the list; print from the preview."""
        rec = self._saved_current(self.tr("打印"), self._editing_id())  # the plan on screen
        if rec is None or not checked_before(self, rec, "打印"):
            return
        from exporters.plans.pdf import build_plan_pdf_bytes
        from ui.widgets.printing import open_preview

        built = run_op(self, None, build_plan_pdf_bytes, rec)
        if built.ok:
            open_preview(built.value, rec.title, self)

    def export_pdf(self) -> None:
        from PySide6.QtCore import QStandardPaths  # off the start-up path

        rec = self._saved_current(self.tr("导出"))
        if rec is None or not checked_before(self, rec, "导出"):
            return
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{safe_file_name(rec.title)}.pdf")
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出 PDF"), suggested, self.tr("PDF 文件 (*.pdf)"))
        if not name:
            return
        out = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        run_task(self, self.tr("正在导出 PDF…"), _export_pdf_task, rec, out,
                 on_success=self._exported)

    def _exported(self, path: object) -> None:
        from PySide6.QtCore import QUrl  # off the start-up path
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        self.hub.message.emit(self.tr("已导出：{0}").format(path))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("导出完成"),
                          self.tr("PDF 已保存到：\n{0}").format(path),
                          QMessageBox.StandardButton.Close, self)
        open_button = box.addButton(self.tr("打开文件"), QMessageBox.ButtonRole.AcceptRole)
        run_dialog(box)
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))



def _export_pdf_task(_progress: object, rec: PlanRecord, out: Path) -> Path:
    from exporters.plans.pdf import export_plan_pdf

    return export_plan_pdf(rec, out)

