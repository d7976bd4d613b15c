"""What the plans area shows when the data file holds no plan yet: a title, a line of help and
three buttons (from a template, demo data, a blank plan)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.plans.area import PlansArea


def build_empty_page(area: PlansArea) -> QWidget:
    page = QWidget()
    box = QVBoxLayout(page)
    box.addStretch(1)
    title = QLabel(area.tr("这个数据文件里还没有活动方案"))
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    title.setFont(font)
    text = QLabel(area.tr("可以从常用模板（重阳敬老、义诊、亲子早教等）新建方案，"
                          "也可以先生成演示数据看看软件怎么用。"))
    text.setWordWrap(True)
    for label in (title, text):
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(label)
    row = QHBoxLayout()
    row.addStretch(1)
    area.empty_template_button = QPushButton(area.tr("从模板新建"))
    area.empty_demo_button = QPushButton(area.tr("生成演示数据"))
    area.empty_new_button = QPushButton(area.tr("新建空白方案"))
    area.empty_template_button.clicked.connect(area.new_from_template)
    area.empty_demo_button.clicked.connect(area.make_demo)
    area.empty_new_button.clicked.connect(area.new_plan)
    for b in (area.empty_template_button, area.empty_demo_button, area.empty_new_button):
        b.setMinimumHeight(40)
        b.setMinimumWidth(150)
        row.addWidget(b)
    row.addStretch(1)
    box.addSpacing(16)
    box.addLayout(row)
    box.addStretch(2)
    return page

