"""文件 → 导入方案文件… and 导出方案文件… (ui.plans.area): the plan file of
models.plans.file_format, as offices pass plans around. A mixin of PlansArea.

An import reads and checks the whole file before the data file is touched: a broken file (cut
short, not JSON, another version, too big, wrong types) gets one Chinese message and changes
nothing. An export writes beside the target and renames (exporters.atomic)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.operations import run_op
from ui.plans.area_exports import safe_file_name
from ui.widgets.actions import make_action

if TYPE_CHECKING:
    from models.plans.records import PlanRecord

FILE_FILTER = "方案文件 (*.json);;所有文件 (*)"


def _documents() -> str:
    from PySide6.QtCore import QStandardPaths  # off the start-up path

    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _write_plan_file(rec: PlanRecord, out: Path) -> Path:
    from exporters.atomic import atomic_output
    from models.plans.file_format import plan_file_text

    text = plan_file_text(rec)
    with atomic_output(out) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return out


class PlanFileActions:
    """The two plan-file actions (mixed into PlansArea, a QWidget)."""

    def _make_file_actions(self) -> None:
        self.act_import_file: QAction = make_action(
            self, self.tr("导入方案文件…"), self.import_plan_file, "",
            self.tr("把其他社区发来的方案文件（.json）导入为新方案"))
        self.act_export_file: QAction = make_action(
            self, self.tr("导出方案文件…"), self.export_plan_file, "",
            self.tr("把选中的方案存为方案文件（.json），可发给其他社区导入"))

    def import_plan_file(self) -> int | None:
        """Ask for a plan file and save its plan as a new draft (opened); the new id or None."""
        from PySide6.QtWidgets import QFileDialog

        from models.plans.file_format import read_plan_file

        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("导入方案文件"), _documents(), self.tr(FILE_FILTER))
        if not name:
            return None
        read = run_op(self, None, read_plan_file, Path(name), error_title=self.tr("无法导入"))
        if not read.ok:
            return None
        return self._create(read.value, self.tr("已导入方案“{0}”。"))

    def export_plan_file(self) -> Path | None:
        """Write the selected plan (its open editor asked to save first) to a plan file."""
        from PySide6.QtWidgets import QFileDialog

        rec = self._saved_current(self.tr("导出"))
        if rec is None:
            return None
        suggested = str(Path(_documents()) / f"{safe_file_name(rec.title)}.json")
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出方案文件"), suggested, self.tr(FILE_FILTER))
        if not name:
            return None
        out = Path(name if name.lower().endswith(".json") else name + ".json")
        written = run_op(self, None, _write_plan_file, rec, out, error_title=self.tr("无法导出"))
        if not written.ok:
            return None
        self.hub.message.emit(self.tr("已导出方案文件：{0}").format(out))
        return out
