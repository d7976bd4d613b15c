"""The content items of a plan as lines with a level, the way the editor shows them: a tree of
ContentRow (an item, its sub-items, theirs: 一、（一）1.（1）, four levels) read top to bottom.

An item with a title and sub-items but no text of its own is a sub-heading between its parent's
text and the sub-items (篇1). Lines turn back into the same tree: a line may go at most one level
deeper than the line above it (deeper is read as one level deeper), and never past level 4.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.plans.records import ContentRow, col

MAX_LEVEL = 4


@dataclass
class ContentLine:
    level: int = col("层级", 1, "int")  # 1 一、 2 （一） 3 1. 4 （1）
    title: str = col("内容")
    body: str = col("说明", kind="long")


def content_lines(items: list[ContentRow], level: int = 1) -> list[ContentLine]:
    """The tree, top to bottom, each item with its depth (a tree deeper than four levels keeps
    its deeper items at level 4)."""
    out: list[ContentLine] = []
    for item in items:
        out.append(ContentLine(min(level, MAX_LEVEL), item.title, item.body))
        out.extend(content_lines(item.children, level + 1))
    return out


def content_tree(lines: list[ContentLine]) -> list[ContentRow]:
    """The tree the lines describe (see the module note for levels out of step)."""
    top: list[ContentRow] = []
    path: list[ContentRow] = []  # the last item seen at each level
    for line in lines:
        level = max(1, min(line.level, MAX_LEVEL, len(path) + 1))
        item = ContentRow(line.title, line.body)
        del path[level - 1:]
        (path[-1].children if path else top).append(item)
        path.append(item)
    return top
