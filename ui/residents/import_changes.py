"""The preview's other tabs: the changes an import would make to registered people (each one
ticked, the clerk may untick it), the households the file holds, and the registered people of
the file's buildings the file does not list."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from models.residents.imports.importer import UPDATED, PreparedImport

# Shown at most (a 100,000-row file where everybody changed stays usable; the report has all).
MOST = 5000


class ChangesPanel(QWidget):
    """One line per updated person, one ticked line per change under it (old -> new)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("居民 / 项目"), self.tr("原来"), self.tr("改为")])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 240)
        self.note = QLabel()
        self.note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.note)
        box.addWidget(self.tree, 1)

    def show_changes(self, prepared: PreparedImport) -> int:
        self.tree.clear()
        rows = [r for r in prepared.outcomes if r.outcome == UPDATED]
        for r in rows[:MOST]:
            how = self.tr("（按姓名和出生日期匹配）") if r.matched_by == "name" else ""
            top = QTreeWidgetItem([f"{r.name}（{r.where}）{how}", "", ""])
            for ch in r.changes:
                item = QTreeWidgetItem([ch.label, ch.old, ch.new])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if ch.apply
                                   else Qt.CheckState.Unchecked)
                item.setData(0, Qt.ItemDataRole.UserRole, (r.where, ch.field))
                top.addChild(item)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        more = len(rows) - MOST
        self.note.setText(self.tr(
            "表中 {0} 位已登记的居民有变化。勾选的变更会在导入时写入；不想采用的请取消勾选。"
            "空白的单元格不会覆盖已有的内容。").format(len(rows))
            + (self.tr("（只列出前 {0} 位，其余见导入报告）").format(MOST) if more > 0 else ""))
        return len(rows)

    def declined(self) -> frozenset[tuple[str, str]]:
        """(sheet!row, field) of every unticked change."""
        out = set()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                item = top.child(j)
                if item.checkState(0) == Qt.CheckState.Unchecked:
                    out.add(tuple(item.data(0, Qt.ItemDataRole.UserRole)))
        return frozenset(out)  # type: ignore[arg-type]


class HouseholdsPanel(QWidget):
    """The households found in the file: address and head, members under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("户 / 成员"), self.tr("与户主关系"), self.tr("行号"),
                                   self.tr("说明")])
        self.tree.setColumnWidth(0, 300)
        self.note = QLabel()
        self.note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.note)
        box.addWidget(self.tree, 1)

    def show_households(self, prepared: PreparedImport) -> None:
        self.tree.clear()
        tops: dict[int, QTreeWidgetItem] = {}
        for r in prepared.outcomes:
            if r.group is None or len(tops) > MOST:
                continue
            top = tops.get(r.group)
            if top is None:
                address = r.record.full_address() if r.record else ""
                target = prepared.targets.get(r.group)
                state = self.tr("新建") if target is None else self.tr("已登记的户")
                top = QTreeWidgetItem([self.tr("{0} {1}户").format(address, r.name), "", "",
                                       state])
                tops[r.group] = top
                self.tree.addTopLevelItem(top)
            top.addChild(QTreeWidgetItem([r.name, r.relation or self.tr("未填"), str(r.row),
                                          r.explanation if r.outcome != "imported"
                                          else self.tr("新居民")]))
        self.tree.expandAll()
        self.note.setText(self.tr("表中共找到 {0} 户（按“与户主关系”列：户主一行开始一户；"
                                  "成员行空白或写“同上”的楼栋、单元、房号沿用上一行）。")
                          .format(prepared.households))


class MissingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("姓名"), self.tr("编号"), self.tr("住址")])
        self.tree.setRootIsDecorated(False)
        note = QLabel(self.tr("这些居民已登记在表中的楼栋，但本表里没有（迁出？去世？）。"
                              "导入不会改动他们；核实后请在居民名册中设置状态。"))
        note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(note)
        box.addWidget(self.tree, 1)

    def show_missing(self, prepared: PreparedImport) -> None:
        self.tree.clear()
        for m in prepared.missing[:MOST]:
            self.tree.addTopLevelItem(QTreeWidgetItem([m.name, str(m.resident_id), m.place]))
