"""The 活动反馈 area: an activity at the top, then four pages: 反馈表 (the form editor), 录入
(keying in the returned forms), 统计 (the tally with its charts) and 活动总结 (the summary's
outline, prose and photos). Exports (blank form, tally, summary) run in the background through
run_task; the summary also goes to Word (导出 Word…, beside its PDF export).

The tally is re-read when its page is shown after a change, not on every saved form.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.feedback.records import activity_name
from models.feedback.service import list_questions, tally
from models.plans.service import list_plans
from ui.context import AppContext
from ui.feedback.entry import ResponseEntry
from ui.feedback.form_editor import FormEditor
from ui.feedback.tally_view import TallyView
from ui.operations import Progress, run_op, run_task
from ui.widgets.combos import choose_id, chosen_id


def _export(progress: Progress | None, kind: str, plan_id: int, path: Path) -> Path:
    """Runs in the worker thread."""
    if kind == "form":
        from exporters.feedback.form_pdf import export_form_pdf

        export_form_pdf(plan_id, path)
    elif kind == "tally":
        from exporters.feedback.tally_pdf import export_tally_pdf

        export_tally_pdf(plan_id, path)
    elif kind == "summary-docx":
        from exporters.feedback.summary_docx import export_summary_docx

        export_summary_docx(plan_id, path)
    else:
        from exporters.feedback.summary_pdf import export_summary_pdf

        export_summary_pdf(plan_id, path)
    return path


def _pdf_bytes(kind: str, plan_id: int) -> bytes:
    """The export's PDF as bytes for print preview."""
    from ui.widgets.printing import exported_bytes  # off the start-up path

    return exported_bytes(lambda path: _export(None, kind, plan_id, path), f"{kind}.pdf")


class FeedbackArea(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.hub = ctx, ctx.hub
        self._plan: int | None = None
        self._tally_stale = True
        self.last_export: Any = None
        self.activity = QComboBox()
        # shown while the file holds no plan yet, so the empty tab says where to begin
        self.activity.setPlaceholderText(self.tr("还没有活动方案：请先在“活动方案”页新建或从模板新建"))
        self.activity.setMinimumWidth(420)
        self.activity.currentIndexChanged.connect(lambda _i: self._activity_chosen())
        self.editor = FormEditor(self.hub)
        self.editor.saved.connect(self._questions_saved)
        self.entry = ResponseEntry(self.hub)
        self.tally = TallyView()
        self.pages = QTabWidget()
        self.pages.addTab(self.editor, self.tr("反馈表"))
        self.pages.addTab(self.entry, self.tr("录入"))
        self.pages.addTab(self.tally, self.tr("统计"))
        self._add_summary_page()
        self.pages.currentChanged.connect(lambda _i: self._page_shown())
        buttons = {"form": self.tr("导出空白反馈表…"), "tally": self.tr("导出统计…"),
                   "summary": self.tr("导出活动总结…"), "summary-docx": self.tr("导出 Word…")}
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("活动")))
        top.addWidget(self.activity, 1)
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, label in buttons.items():
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, k=kind: self.export(k))
            top.addWidget(b)
            self.export_buttons[kind] = b
        self.export_buttons["summary"].setToolTip(self.tr("把活动总结导出为 PDF（公文格式）"))
        self.export_buttons["summary-docx"].setToolTip(
            self.tr("把活动总结导出为 Word 文件（.docx），可在 Word 或 WPS 中修改"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.hub.changed.connect(self._changed)
        self.load_activities()

    def _add_summary_page(self) -> None:
        from ui.feedback.summary_panel import SummaryPanel

        self.summary = SummaryPanel(self.hub)
        self.pages.addTab(self.summary, self.tr("活动总结"))

    # --- activity ------------------------------------------------------------------------------

    def load_activities(self) -> None:
        current = self.plan_id()
        self.activity.blockSignals(True)
        self.activity.clear()
        for p in list_plans():
            when = p.start.strftime("%Y-%m-%d") if p.start else self.tr("日期未定")
            self.activity.addItem(f"{when}　{p.title}", p.id)
        i = self.activity.findData(current) if current is not None else -1
        if i >= 0:
            self.activity.setCurrentIndex(i)
        self.activity.blockSignals(False)
        self._show_activity()

    def plan_id(self) -> int | None:
        return chosen_id(self.activity)

    def select_activity(self, plan_id: int) -> bool:
        return choose_id(self.activity, plan_id)

    def _activity_chosen(self) -> None:
        if self.plan_id() == self._plan:
            return
        if not self.editor.maybe_leave():
            self.activity.blockSignals(True)
            self.activity.setCurrentIndex(self.activity.findData(self._plan))
            self.activity.blockSignals(False)
            return
        self._show_activity()

    def _show_activity(self) -> None:
        self._plan = plan = self.plan_id()
        self.editor.load(plan)
        self._questions_saved()
        self.summary.load(plan)
        for b in self.export_buttons.values():
            b.setEnabled(plan is not None)

    def _questions_saved(self) -> None:
        plan = self._plan
        self.entry.load(plan, list_questions(plan) if plan is not None else [])
        self._tally_stale = True
        self._page_shown()

    def _page_shown(self) -> None:
        page = self.pages.currentWidget()
        if page is self.tally and self._tally_stale:
            self._tally_stale = False
            self.tally.show_tally(tally(self._plan) if self._plan is not None else None)
        elif page is self.entry:
            self.entry.start()

    def _changed(self, changes: Changes) -> None:
        if changes.plans:
            self.load_activities()
        elif changes.feedback or changes.signups or changes.contests:
            self._tally_stale = True
            self._page_shown()

    def maybe_close(self) -> bool:
        return self.editor.maybe_leave()

    def data_replaced(self) -> None:
        self.editor.dirty = False

    # --- printing and exports -----------------------------------------------------------------

    def current_kind(self) -> str:
        """The document of the page on screen: the blank form, the tally or the summary."""
        page = self.pages.currentWidget()
        return "tally" if page is self.tally else "summary" if page is self.summary else "form"

    def print_document(self) -> None:
        """文件 > 打印… (Ctrl+P) on this tab: preview the current page's document, print from
        the preview."""
        plan = self.plan_id()
        if plan is None:
            self.hub.message.emit(self.tr("请先选择活动。"))
            return
        from ui.widgets.printing import open_preview

        kind = self.current_kind()
        built = run_op(self, None, _pdf_bytes, kind, plan)
        if built.ok:
            label = {"form": self.tr("反馈表"), "tally": self.tr("反馈表统计"),
                     "summary": self.tr("活动总结")}[kind]
            title = activity_name(self.activity.currentText().split("　", 1)[-1])[:60]
            self.preview = open_preview(built.value, f"{title}{label}", self)

    def export(self, kind: str, path: Path | None = None) -> None:
        plan = self.plan_id()
        if plan is None:
            return
        label = {"form": self.tr("反馈表"), "tally": self.tr("反馈表统计"),
                 "summary": self.tr("活动总结"), "summary-docx": self.tr("活动总结")}[kind]
        suffix = ".docx" if kind == "summary-docx" else ".pdf"
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            title = activity_name(self.activity.currentText().split("　", 1)[-1])[:60]
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("导出{0}").format(label),
                str(Path(folder) / f"{title}{label}{suffix}"),
                self.tr("Word 文件 (*.docx)") if suffix == ".docx" else self.tr("PDF 文件 (*.pdf)"))
            if not name:
                return
            path = Path(name if name.lower().endswith(suffix) else name + suffix)
        self.last_export = run_task(
            self, self.tr("正在导出{0}…").format(label), _export, kind, plan, path,
            on_success=lambda p: self.hub.message.emit(self.tr("已导出：{0}").format(p)))
