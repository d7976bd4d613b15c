"""The 评比表彰 tab: 评比 (contests: entries, judges, keyboard score entry, results; in
contests_page.py) and 表彰 (honour lists: nominations and review; honours_page.py), with the
documents of each (导出 menu, and 文件 > 打印… for the one in view: documents.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.contests import documents
from ui.contests.contests_page import ContestsPage
from ui.contests.honours_page import HonoursPage
from ui.context import AppContext
from ui.operations import run_op

CONTEST_KINDS = ("score_pdf", "score_xlsx", "results_pdf", "results_xlsx",
                 "contest_certificates", "register")
HONOUR_KINDS = ("honour_roll", "honour_certificates", "register")
FORMAT = {".pdf": "PDF", ".xlsx": "Excel"}


class ContestsArea(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.hub = ctx, ctx.hub
        self.contests = ContestsPage(self.hub)
        self.honours = HonoursPage(self.hub)
        self.halves = QTabWidget()
        self.halves.addTab(self.contests, self.tr("评比"))
        self.halves.addTab(self.honours, self.tr("表彰"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("导出…"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button.setMenu(self.export_menu)
        self.print_button = QToolButton()
        self.print_button.setText(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_document)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.halves, 1)

    # The main window asks -----------------------------------------------------------------

    def maybe_close(self) -> bool:
        return self.contests.maybe_leave()

    def data_replaced(self) -> None:
        self.contests.grid.held.clear()  # never save typed scores over a restored file

    # Documents -----------------------------------------------------------------------------

    def _key(self, kind: str) -> Any:
        """The contest or honour list a document is of, or None when there is none."""
        contest = self.contests.contest
        honour = self.honours.honour
        if kind == "register":
            if self.halves.currentWidget() is self.honours:
                return (None, honour.id) if honour else None
            return (contest.id, None) if contest else None
        if kind in HONOUR_KINDS:
            return honour.id if honour else None
        return contest.id if contest else None

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        on_honours = self.halves.currentWidget() is self.honours
        for kind in HONOUR_KINDS if on_honours else CONTEST_KINDS:
            label, suffix, _w, _writes = documents.KINDS[kind]
            action = self.export_menu.addAction(f"{label}（{FORMAT[suffix]}）…")
            action.triggered.connect(lambda _c=False, k=kind: self.export(k))
        self.export_menu.addSeparator()
        kind = "honour_certificates" if on_honours else "contest_certificates"
        action = self.export_menu.addAction(self.tr("打印{0}…").format(documents.KINDS[kind][0]))
        action.triggered.connect(lambda _c=False, k=kind: self.print_kind(k))

    def _title(self) -> str:
        if self.halves.currentWidget() is self.honours:
            return self.honours.honour.title if self.honours.honour else ""
        return self.contests.contest.title if self.contests.contest else ""

    def export(self, kind: str, path: Path | None = None) -> bool:
        key = self._key(kind)
        if key is None:
            self.hub.message.emit(self.tr("请先选择评比或表彰。"))
            return False
        label, suffix, writer, writes = documents.KINDS[kind]
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("导出{0}").format(label),
                str(Path(folder) / f"{self._title()[:40]}{label}{suffix}"),
                self.tr("{0} 文件 (*{1})").format(FORMAT[suffix], suffix))
            if not name:
                return False
            path = Path(name if name.lower().endswith(suffix) else name + suffix)
        done = self.tr("已导出{0}：{1}").format(label, path)
        if writes:  # certificates: numbered in the register as they are made
            result = run_op(self, self.hub, writer, key, path, changes=documents.CONTESTS,
                            success_message=done)
        else:
            result = run_op(self, None, writer, key, path)
            if result.ok:
                self.hub.message.emit(done)
        return result.ok

    def print_document(self) -> None:
        """文件 > 打印… (Ctrl+P): the document of what is in view: the score sheets on 打分 and
        作品, the results notice on 结果, the honour roll on 表彰."""
        if self.halves.currentWidget() is self.honours:
            kind = "honour_roll"
        else:
            kind = "results_pdf" if self.contests.pages.currentWidget() is \
                self.contests.results else "score_pdf"
        self.print_kind(kind)

    def print_kind(self, kind: str) -> None:
        """Preview and print one document; certificates are numbered in the register as they
        are made for printing, like an export."""
        from ui.widgets.printing import open_preview

        key = self._key(kind)
        if key is None:
            self.hub.message.emit(self.tr("请先选择评比或表彰。"))
            return
        if documents.KINDS[kind][3]:
            built = run_op(self, self.hub, documents.pdf_bytes, kind, key,
                           changes=documents.CONTESTS)
        else:
            built = run_op(self, None, documents.pdf_bytes, kind, key)
        if built.ok:
            open_preview(built.value, f"{self._title()[:40]}{documents.KINDS[kind][0]}", self)
