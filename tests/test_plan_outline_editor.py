"""The outline in the plan editor: rename, move, hide and add sections, set levels, with real key
presses and clicks, read back from the data file and printed."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox
from pytestqt.qtbot import QtBot

from models.plans.outline import default_outline
from models.plans.records import ContentRow, PlanRecord, RequirementRow
from models.plans.service import load_plan, save_plan
from tests.test_plan_editor import open_cell_editor
from tests.test_plan_outline import headings
from ui.plans.editor import PlanEditor


@pytest.fixture()
def editor(qtbot: QtBot, db_path):  # type: ignore[no-untyped-def]
    plan_id = save_plan(PlanRecord(
        title="春节慰问方案", background="春节将至。", content=[ContentRow("摸底", "入户核实。")],
        requirements=[RequirementRow("按时上报。")]))
    widget = PlanEditor(plan_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show_section("提纲")
    return widget


def _type_in_cell(qtbot: QtBot, grid, row: int, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    cell = open_cell_editor(grid, row, name)
    if isinstance(cell, QSpinBox):
        cell.lineEdit().selectAll()
        qtbot.keyClicks(cell, text)  # ASCII digits only
    elif isinstance(cell, QPlainTextEdit):
        cell.setPlainText(text)
        grid.view.commitData(cell)
        grid.view.closeEditor(cell, grid.delegate.EndEditHint.NoHint)
        return
    else:
        assert isinstance(cell, QLineEdit)
        cell.setText(text)  # Chinese text: set, then press Enter like the clerk
    qtbot.keyClick(cell, Qt.Key.Key_Return)


def test_the_clerk_reshapes_the_outline_and_it_prints_so(qtbot: QtBot, editor) -> None:  # type: ignore[no-untyped-def]
    grid = editor.grid("outline")
    plan_id = editor.plan_id()
    # an older plan shows its whole default outline
    assert grid.model.rowCount() == len(default_outline("plan"))
    keys = [r.key for r in editor.record().outline]
    background, content, requirements = (
        keys.index(k) for k in ("活动背景", "活动内容", "相关要求"))

    _type_in_cell(qtbot, grid, background, "heading", "工作背景")  # rename
    grid.select_row(requirements, grid.model.column_of("hidden"))
    qtbot.keyClick(grid.view, Qt.Key.Key_Space)  # hide
    grid.select_row(content)
    for _ in range(content - background):
        qtbot.mouseClick(grid.up_button, Qt.MouseButton.LeftButton)  # move above the background
    top = background  # content now sits where the background was
    grid.select_row(top + 1)
    qtbot.mouseClick(grid.add_button, Qt.MouseButton.LeftButton)  # a section of her own
    added = top + 2
    _type_in_cell(qtbot, grid, added, "heading", "资金保障")
    _type_in_cell(qtbot, grid, added, "level", "2")
    _type_in_cell(qtbot, grid, added, "text", "由街道民政经费列支。")
    assert editor.save() is True

    stored = load_plan(plan_id)
    rows = [(r.key, r.heading, r.level, r.hidden) for r in stored.outline]
    assert rows[top:added + 1] == [("活动内容", "活动内容", 1, False),
                                   ("活动背景", "工作背景", 1, False),
                                   ("", "资金保障", 2, False)]
    assert ("相关要求", "相关要求", 1, True) in rows
    assert headings(stored) == ["一、活动内容", "（一）摸底", "二、工作背景", "（一）资金保障"]
