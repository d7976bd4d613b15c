"""A button under 目标社区分析 that inserts the register's figures (population by sex and age band,
elders, children, pregnant women) as of the activity's day, so the clerk does not retype them."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QWidget


def insert_figures(edit: QPlainTextEdit, on: date | None) -> str:
    """Append the figures paragraph to the text (on a new line if there is text); returns it."""
    from models.residents.figures import target_analysis_text  # only when asked

    text = target_analysis_text(on)
    current = edit.toPlainText().rstrip()
    edit.setPlainText(f"{current}\n{text}" if current else text)
    return text


def make_insert_button(edit: QPlainTextEdit, activity_day: Callable[[], date | None],
                       parent: QWidget) -> QPushButton:
    def tr(text: str) -> str:
        return QCoreApplication.translate("PlanEditor", text)

    button = QPushButton(tr("插入居民名册中的人口数据"), parent)
    button.setObjectName("insertFigures")
    button.setToolTip(tr("按活动日期统计居民名册：性别、年龄段、60岁以上老人、儿童、孕妇等，"
                         "加在本栏末尾，可再修改。"))
    button.clicked.connect(lambda: insert_figures(edit, activity_day()))
    return button
