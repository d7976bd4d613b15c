"""导入摸底表: pick a survey list (Excel or CSV) and add it to the campaign on screen
(models/relief/survey.py); the rows refused are listed with their sheet, row and reason."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from models.common.changes import Changes
from ui.operations import DataHub, run_op

MAX_LISTED = 20


def _tr(text: str) -> str:
    return QCoreApplication.translate("SurveyImport", text)


def import_survey_file(parent: QWidget, hub: DataHub, campaign_id: int,
                       path: Path | None = None) -> bool:
    from models.relief.survey import import_survey

    if path is None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _f = QFileDialog.getOpenFileName(
            parent, _tr("导入摸底表"), folder, _tr("表格文件 (*.xlsx *.xls *.csv)"))
        if not name:
            return False
        path = Path(name)
    done = run_op(parent, hub, import_survey, campaign_id, path, changes=Changes(relief=True))
    if not done.ok:
        return False
    result = done.value
    text = _tr("已导入 {0} 户（人）。").format(result.added)
    if result.refused:
        lines = [_tr("{0} 第 {1} 行 {2}：{3}").format(*r) for r in result.refused[:MAX_LISTED]]
        more = len(result.refused) - MAX_LISTED
        text += _tr("\n未导入 {0} 行：\n").format(len(result.refused)) + "\n".join(lines)
        if more > 0:
            text += _tr("\n……另有 {0} 行").format(more)
    QMessageBox.information(parent, _tr("导入摸底表"), text)
    return True
