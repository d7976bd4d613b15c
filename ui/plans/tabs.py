"""The open plans on the right of the 活动方案 area: one editor tab per plan, a hint when none is
open. Opening an open plan focuses its tab; closing a tab, or the window, asks the editor first."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QWidget

from ui.operations import DataHub, run_op

# (plan id, parent, hub): an editor saves through ui.operations and announces to the hub.
EditorFactory = Callable[[int, QWidget, DataHub | None], QWidget]


def default_editor_factory(plan_id: int, parent: QWidget, hub: DataHub | None) -> QWidget:
    from ui.plans.editor import PlanEditor

    return PlanEditor(plan_id, parent, hub=hub)


class PlanTabs(QStackedWidget):
    def __init__(self, editor_factory: EditorFactory | None = None,
                 parent: QWidget | None = None, hub: DataHub | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.editor_factory = editor_factory or default_editor_factory
        self.editors: dict[int, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_at)
        hint = QLabel(self.tr("双击左侧列表中的方案进行编辑，\n"
                              "或点击“新建”“从模板新建”开始一个新方案。"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #666;")
        self.addWidget(hint)
        self.addWidget(self.tabs)

    def open(self, plan_id: int) -> QWidget | None:
        """The plan's editor, brought to the front (made first if needed); None if it failed."""
        editor = self.editors.get(plan_id)
        if editor is None:
            result = run_op(self, None, self.editor_factory, plan_id, self, self.hub)
            if not result.ok:
                return None
            editor = result.value
            self.editors[plan_id] = editor
            self.tabs.addTab(editor, "")
            self._label(editor)
            editor.titleChanged.connect(lambda _t, e=editor: self._label(e))
            editor.dirtyChanged.connect(lambda _d, e=editor: self._label(e))
        self.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(editor)
        return editor

    def _label(self, editor: QWidget) -> None:
        i = self.tabs.indexOf(editor)
        if i < 0:
            return
        title = editor.record().title or self.tr("（无标题）")
        short = title if len(title) <= 18 else title[:17] + "…"
        self.tabs.setTabText(i, short + (" *" if editor.is_dirty() else ""))
        self.tabs.setTabToolTip(i, title)

    def close_at(self, index: int) -> bool:
        editor = self.tabs.widget(index) if index >= 0 else None
        if editor is None or not editor.maybe_close():
            return False
        self.drop(editor)
        return True

    def close_current(self) -> bool:
        return self.close_at(self.tabs.currentIndex())

    def close_plan(self, plan_id: int) -> bool:
        editor = self.editors.get(plan_id)
        return True if editor is None else self.close_at(self.tabs.indexOf(editor))

    def drop(self, editor: QWidget) -> None:
        """Remove a tab without asking (the plan is gone or being reloaded)."""
        self.tabs.removeTab(self.tabs.indexOf(editor))
        for key in [k for k, v in self.editors.items() if v is editor]:
            del self.editors[key]
        editor.deleteLater()
        if self.tabs.count() == 0:
            self.setCurrentIndex(0)

    def maybe_close(self) -> bool:
        """Ask every editor with unsaved changes; False when the clerk cancels (keep open)."""
        for editor in list(self.editors.values()):
            if editor.is_dirty():
                self.tabs.setCurrentWidget(editor)
                if not editor.maybe_close():
                    return False
        return True

    def ensure_saved(self, plan_id: int, doing: str) -> bool:
        """Before copying, exporting or changing status from the list, unsaved edits are saved
        (asked), so the data file holds what the clerk sees."""
        editor = self.editors.get(plan_id)
        if editor is None or not editor.is_dirty():
            return True
        from PySide6.QtWidgets import QMessageBox  # off the start-up path

        self.tabs.setCurrentWidget(editor)
        answer = QMessageBox.question(
            self, self.tr("有未保存的修改"),
            self.tr("这个方案有未保存的修改。先保存，再{0}吗？").format(doing),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save and bool(editor.save())

    def reload(self, plan_id: int) -> None:
        """After a write from the list, an open (saved) editor is replaced by a fresh one, so a
        later save cannot undo that write."""
        editor = self.editors.get(plan_id)
        if editor is None or editor.is_dirty():
            return
        index = self.tabs.indexOf(editor)
        previous = self.tabs.currentWidget()
        self.drop(editor)
        fresh = self.open(plan_id)
        if fresh is None:
            return
        self.tabs.tabBar().moveTab(self.tabs.indexOf(fresh), min(index, self.tabs.count() - 1))
        if previous is not editor and self.tabs.indexOf(previous) >= 0:
            self.tabs.setCurrentWidget(previous)
