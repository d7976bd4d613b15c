"""Four levels (一、（一）1.（1）): content items as lines with levels (models.plans.content_lines)
and the indented grids of the 活动内容 and 提纲 pages, driven with real keys (Ctrl+→/←, Ctrl+↑/↓,
Insert, F2), read back from the data file and printed."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from models.plans.content_lines import ContentLine, content_lines, content_tree
from models.plans.records import ContentRow, PlanRecord, RequirementRow
from models.plans.service import load_plan, save_plan
from tests.test_plan_outline import headings
from ui.plans.editor import PlanEditor
from ui.plans.level_grid import tree_text

CTRL = Qt.KeyboardModifier.ControlModifier


def test_lines_and_tree_round_trip_four_levels() -> None:
    tree = [ContentRow("三年级", "", [
        ContentRow("", "写一封家书。"),
        ContentRow("活动安排", "", [  # 篇1: a sub-heading between an item and its sub-items
            ContentRow("第一步", "", [ContentRow("", "（自带信封）")])])]),
        ContentRow("五年级", "办手抄报。")]
    lines = content_lines(tree)
    assert [(line.level, line.title) for line in lines] == [
        (1, "三年级"), (2, ""), (2, "活动安排"), (3, "第一步"), (4, ""), (1, "五年级")]
    assert content_tree(lines) == tree


def test_levels_out_of_step_are_read_as_one_deeper_at_most() -> None:
    tree = content_tree([ContentLine(3, "甲"), ContentLine(4, "乙"), ContentLine(9, "丙"),
                         ContentLine(0, "丁")])
    assert tree == [ContentRow("甲", "", [ContentRow("乙", "", [ContentRow("丙")])]),
                    ContentRow("丁")]


def _trees(depth: int = 4) -> st.SearchStrategy[list[ContentRow]]:
    text = st.sampled_from(["", "讲座", "一、二年级", "3.5公里"])
    if depth == 1:
        return st.lists(st.builds(ContentRow, text, text), max_size=3)
    return st.lists(st.builds(ContentRow, text, text, _trees(depth - 1)), max_size=3)


@given(_trees())
def test_any_tree_four_levels_deep_round_trips(tree: list[ContentRow]) -> None:
    assert content_tree(content_lines(tree)) == tree


def test_tree_text_shows_the_level() -> None:
    assert tree_text(1, "活动背景") == "一、活动背景"
    assert tree_text(4, "报名") == "\u3000" * 6 + "（1）报名"
    assert tree_text(9, "") == "\u3000" * 6 + "（1）（无标题）"
    assert tree_text(1, "三年级", offset=1) == "（一）三年级"  # under 一、活动内容
    assert tree_text(3, "第一步", offset=1) == "\u3000" * 4 + "（1）第一步"


@pytest.fixture()
def editor(qtbot: QtBot, db_path: Path) -> PlanEditor:
    plan_id = save_plan(PlanRecord(
        title="书信节活动方案", background="书信是传统。",
        content=[ContentRow("三年级", "写一封家书。")],
        requirements=[RequirementRow("按时上交。")]))
    widget = PlanEditor(plan_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def _shot(widget: PlanEditor, tmp_path: Path, name: str) -> None:
    out = os.environ.get("CAA_SCREENSHOT_DIR")
    assert widget.grab().save(str((Path(out) if out else tmp_path) / name))


def _rename(qtbot: QtBot, grid, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    grid.select_row(row, column)
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    cell = grid.view.indexWidget(grid.model.index(row, column))
    assert isinstance(cell, QLineEdit)
    cell.setText(text)  # Chinese: set, then Enter like the clerk
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(grid.model.row_at(row), grid.model.spec(column).name) == text)


def test_content_four_levels_deep_with_keys(qtbot: QtBot, editor: PlanEditor,
                                            tmp_path: Path) -> None:
    editor.show_section("活动内容")
    grid = editor.grid("content")
    title = grid.model.column_of("title")
    grid.select_row(0, title)
    grid.view.setFocus()
    for depth, name in ((2, "活动安排"), (3, "第一步"), (4, "准备信封")):
        qtbot.keyClick(grid.view, Qt.Key.Key_Insert)  # after the current line, at its level
        row = grid.current_row()
        qtbot.keyClick(grid.view, Qt.Key.Key_Right, CTRL)  # one level deeper
        assert grid.model.row_at(row).level == depth
        _rename(qtbot, grid, row, title, name)
    qtbot.keyClick(grid.view, Qt.Key.Key_Right, CTRL)
    assert grid.model.row_at(3).level == 4  # four is the deepest
    qtbot.keyClick(grid.view, Qt.Key.Key_Insert)
    _rename(qtbot, grid, 4, title, "五年级")
    for _ in range(3):
        qtbot.keyClick(grid.view, Qt.Key.Key_Left, CTRL)  # back to the first level
    assert grid.model.row_at(4).level == 1
    assert grid.model.index(3, title).data() == "准备信封"
    _shot(editor, tmp_path, "plan_content_levels.png")
    assert editor.save()

    stored = load_plan(editor.plan_id())
    assert stored.content == [
        ContentRow("三年级", "写一封家书。", [
            ContentRow("活动安排", "", [ContentRow("第一步", "", [ContentRow("准备信封")])])]),
        ContentRow("五年级")]
    heads = headings(stored)
    assert heads[:5] == [
        "一、活动背景", "二、活动内容", "（一）三年级", "1.活动安排", "（1）第一步"]
    # under a headed section the fourth content level is the fifth on paper: GB/T 9704 has four
    # heading levels, so it prints as a paragraph led by ①, not as a second （1） beside （1）第一步
    assert heads[5] == "（二）五年级"
    from exporters.plans.document import plan_document

    shown = plan_document(stored).strings()
    assert "①准备信封" in shown and "（2）准备信封" not in shown


def test_outline_rename_move_level_add_with_keys(qtbot: QtBot, editor: PlanEditor,
                                                 tmp_path: Path) -> None:
    editor.show_section("提纲")
    grid = editor.grid("outline")
    heading = grid.model.column_of("heading")
    keys = [r.key for r in grid.model.rows()]
    background, content = keys.index("活动背景"), keys.index("活动内容")
    _rename(qtbot, grid, background, heading, "写信的由来")  # rename
    grid.select_row(content, heading)
    grid.view.setFocus()
    for _ in range(content - background):
        qtbot.keyClick(grid.view, Qt.Key.Key_Up, CTRL)  # move above the background
    assert grid.current_row() == background
    grid.select_row(background + 1, heading)  # the background, now below the content
    qtbot.keyClick(grid.view, Qt.Key.Key_Right, CTRL)  # 一、 -> （一）
    assert grid.model.row_at(background + 1).level == 2
    qtbot.keyClick(grid.view, Qt.Key.Key_Insert)  # a section of her own, at level 2
    added = grid.current_row()
    assert added == background + 2 and grid.model.row_at(added).level == 2
    _rename(qtbot, grid, added, heading, "资金保障")
    grid.model.setData(grid.model.index(added, grid.model.column_of("text")), "街道列支。")
    assert grid.model.index(background + 1, heading).data() == "写信的由来"
    _shot(editor, tmp_path, "plan_outline_levels.png")
    assert editor.save()

    stored = load_plan(editor.plan_id())
    rows = [(r.key, r.heading, r.level) for r in stored.outline]
    assert rows[background:added + 1] == [("活动内容", "活动内容", 1),
                                          ("活动背景", "写信的由来", 2), ("", "资金保障", 2)]
    assert headings(stored)[:4] == [
        "一、活动内容", "（一）三年级", "（二）写信的由来", "（三）资金保障"]
