"""Importing residents from the office's own spreadsheet, step by step:

1. choose the file (.xlsx, .xls, .csv);
2. per sheet, the detected header row and which column fills which field, correctable;
3. a preview of the first rows as they would come out, problems visible, the households found,
   the changes to registered people (each may be unticked) and who is missing;
4. the import itself, in the background with progress and 取消 (a cancel writes nothing);
5. the report: counts, every rejected and duplicate row with its reason, 保存报告为 Excel….

Reading, previewing and importing each run off the UI thread (ui.operations.run_task). The
file is read once (step 1 keeps it); the preview prepares the whole import (every row checked
and matched), and the import writes what the preview prepared.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import RESIDENTS
from models.residents.imports.importer import (
    ImportCancelled,
    ImportOptions,
    ImportPreview,
    ImportReport,
    LoadedFile,
    NoTableFound,
    PreparedImport,
    RowOutcome,
    load_file,
    prepare_import,
    preview_of,
    write_prepared,
)
from ui.operations import BackgroundTask, DataHub, Progress, TaskCancelled, run_task
from ui.residents.import_changes import ChangesPanel, HouseholdsPanel, MissingPanel
from ui.residents.import_pages import (
    LOOK_ROWS,
    OutcomeModel,
    SheetInfo,
    SheetMappingEditor,
    cell_text,
    not_imported,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_REPORT = range(4)


# --- work done off the UI thread ---------------------------------------------------------------
def read_sheets(progress: Progress, path: Path) -> tuple[LoadedFile, list[SheetInfo]]:
    """The file, read once and kept; each sheet's detected mapping and its first rows as text."""
    progress.report(0, 0, tr("正在读取表格…"))

    def sheet_read(done: int, count: int) -> bool:
        progress.report(done, count, tr("正在读取表格… 第 {0}/{1} 个工作表").format(done, count))
        return not progress.cancelled()

    try:
        loaded = load_file(path, reading=sheet_read)
    except ImportCancelled as exc:
        raise TaskCancelled from exc
    out = [SheetInfo(s.head.name, [[cell_text(c) for c in r] for r in s.head.rows[:LOOK_ROWS]],
                     s.rows, s.mapping) for s in loaded.sheets]
    return loaded, out


def make_preview(progress: Progress, loaded: LoadedFile, mappings: dict,
                 options: ImportOptions | None = None) -> ImportPreview:
    """Every row checked, grouped into households and matched against the register (nothing
    written); the preview shows the first rows of each sheet."""
    def step(done: int, total: int) -> bool:
        progress.report(done, total, tr("正在核对已登记的居民… {0}/{1} 行").format(done, total))
        return not progress.cancelled()

    def sheet_done(done: int, total: int) -> bool:
        progress.report(done, total, tr("正在检查每一行… 第 {0}/{1} 个工作表").format(done, total))
        return not progress.cancelled()

    progress.report(0, 0, tr("正在生成预览（检查每一行）…"))
    try:
        prepared = prepare_import(loaded, mappings, options=options, reading=sheet_done,
                                  progress=step)
    except ImportCancelled as exc:
        raise TaskCancelled from exc
    return preview_of(prepared)


@dataclass
class ImportOutcome:
    """The report with what the report page shows, worked out off the UI thread (the summary,
    the counts and the rows not imported each walk every row)."""

    report: ImportReport
    lines: list[str]
    counts: tuple[int, int, int, int, int]  # imported, rejected, duplicates, updated, unchanged
    problem_rows: list[RowOutcome]


def run_import(progress: Progress, prepared: PreparedImport,
               declined: frozenset[tuple[str, str]] = frozenset()) -> ImportOutcome:
    """Write what the preview prepared, less the changes the clerk unticked."""
    def step(done: int, total: int) -> bool:
        progress.report(done, total, tr("正在导入… {0}/{1} 行").format(done, total))
        return not progress.cancelled()

    for r in prepared.outcomes:
        for ch in r.changes:
            ch.apply = (r.where, ch.field) not in declined
    progress.report(0, 0, tr("正在导入…"))
    try:
        report = write_prepared(prepared, progress=step)
    except ImportCancelled as exc:
        raise TaskCancelled from exc
    # Per-sheet lines would fill the page for a 40-sheet file: counted instead. The last
    # summary line is for scripts.
    lines = [line for line in report.summary_lines()[:-1] if not line.startswith("工作表")]
    used = sum(1 for s in report.sheets if s.header_row)
    lines.insert(1, tr("读取工作表 {0} 个，跳过 {1} 个（没有名单）").format(
        used, len(report.sheets) - used))
    counts = (report.imported, report.rejected, report.duplicates, report.updated,
              report.unchanged)
    return ImportOutcome(report, lines, counts, not_imported(report.rows))


class ImportDialog(QDialog):
    def __init__(self, hub: DataHub | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.path: Path | None = None
        self.loaded: LoadedFile | None = None  # the file, read once
        self.sheets: list[SheetInfo] = []
        self.editors: list[SheetMappingEditor] = []
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("导入居民名册"))
        self.resize(1100, 700)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._report_page())

        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self.tr("取消"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show_page(PAGE_FILE)

    # --- pages ----------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("选择 Excel（.xlsx、.xls）或 CSV 名册文件"))
        # Bound methods, not lambdas holding self: see ResidentsArea.run_dialog.
        self.path_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        hint = QLabel(self.tr(
            "可以直接使用社区自己的名册：表格上方的标题行、合并的楼栋单元格、空行、合计行和"
            "“制表人”行都会自动识别并跳过；多个工作表会一起导入。\n"
            "下一步会显示识别出的表头和各列对应的项目，可以修改；导入前还会先预览。\n"
            "每一行都会在导入报告中列出：已导入、未导入（及原因）或重复。"))
        hint.setWordWrap(True)
        box = QVBoxLayout(page)
        box.addWidget(QLabel(self.tr("名册文件")))
        box.addLayout(row)
        box.addWidget(hint)
        box.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.sheet_tabs = QTabWidget()
        hint = QLabel(self.tr("请核对每个工作表的表头所在行，以及每一列导入为哪一项；"
                              "识别不对的地方可以直接修改。"))
        hint.setWordWrap(True)
        box = QVBoxLayout(page)
        box.addWidget(hint)
        box.addWidget(self.sheet_tabs, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_model = OutcomeModel(parent=self)
        self.preview_table = self._outcome_view(self.preview_model)
        self.changes_panel = ChangesPanel()
        self.households_panel = HouseholdsPanel()
        self.missing_panel = MissingPanel()
        self.preview_tabs = QTabWidget()
        self.preview_tabs.addTab(self.preview_table, self.tr("前几行"))
        self.preview_tabs.addTab(self.changes_panel, self.tr("变更"))
        self.preview_tabs.addTab(self.households_panel, self.tr("户"))
        self.preview_tabs.addTab(self.missing_panel, self.tr("表中没有的居民"))
        self.name_matches = QCheckBox(
            self.tr("没有身份证号的，按姓名和出生日期认定为已登记的同一人"))
        self.by_address = QCheckBox(self.tr("表中没有“与户主关系”列时，住址相同的人归为一户"))
        # Either choice prepares the preview again from the file already read.
        self.name_matches.toggled.connect(self.make_preview)
        self.by_address.toggled.connect(self.make_preview)
        options = QHBoxLayout()
        options.addWidget(self.name_matches)
        options.addWidget(self.by_address)
        options.addStretch(1)
        box = QVBoxLayout(page)
        box.addWidget(self.preview_label)
        box.addLayout(options)
        box.addWidget(self.preview_tabs, 1)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget()
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_model = OutcomeModel(parent=self)
        self.report_table = self._outcome_view(self.report_model)
        self.save_report_button = QPushButton(self.tr("保存报告为 Excel…"))
        self.save_report_button.clicked.connect(self.save_report)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("未导入和重复的行：")))
        row.addStretch(1)
        row.addWidget(self.save_report_button)
        box = QVBoxLayout(page)
        box.addWidget(self.report_label)
        box.addLayout(row)
        box.addWidget(self.report_table, 1)
        return page

    def _outcome_view(self, model: OutcomeModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.setWordWrap(False)
        view.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((70, 50, 60, 80, 440, 40, 95, 170, 115, 60, 110)):
            view.setColumnWidth(col, int(width * max(1.0, self.fontMetrics().height() / 17)))
        return view

    # --- navigation -----------------------------------------------------------------------
    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        steps = (self.tr("第 1 步，共 4 步：选择名册文件"),
                 self.tr("第 2 步，共 4 步：核对表头和各列"),
                 self.tr("第 3 步，共 4 步：预览"), self.tr("导入完成：导入报告"))
        self.step_label.setText(steps[page])
        self.next_button.setText(
            {PAGE_PREVIEW: self.tr("开始导入"), PAGE_REPORT: self.tr("完成")}.get(
                page, self.tr("下一步")))
        self.close_button.setText(self.tr("关闭") if page == PAGE_REPORT else self.tr("取消"))
        self._update_buttons()

    def _update_buttons(self, *_signal_args: object) -> None:
        page = self.pages.currentIndex()
        busy = self.task is not None and self.task.is_running()
        self.back_button.setEnabled(not busy and page in (PAGE_MAPPING, PAGE_PREVIEW))
        self.back_button.setVisible(page != PAGE_REPORT)
        self.close_button.setVisible(page != PAGE_REPORT)
        ok = not busy
        if page == PAGE_FILE:
            ok = ok and bool(self.path_edit.text().strip())
        elif page == PAGE_MAPPING:
            ok = ok and self._mapping_ok()
        self.next_button.setEnabled(ok)

    def go_back(self) -> None:
        page = self.pages.currentIndex()
        if page in (PAGE_MAPPING, PAGE_PREVIEW):
            self._show_page(page - 1)

    def go_next(self) -> None:
        page = self.pages.currentIndex()
        if page == PAGE_FILE:
            self.read_file()
        elif page == PAGE_MAPPING:
            self.make_preview()
        elif page == PAGE_PREVIEW:
            self.start_import()
        else:
            self.accept()

    def browse(self) -> None:
        start = self.path_edit.text() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("选择居民名册"), start,
            self.tr("表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)"))
        if path:
            self.path_edit.setText(path)

    def _start(self, title: str, fn, *args, on_success) -> None:
        self.task = run_task(self, title, fn, *args, on_success=on_success)
        self.task.finished.connect(self._update_buttons)
        self._update_buttons()

    # --- step 1 -> 2 ----------------------------------------------------------------------
    def read_file(self) -> None:
        path = Path(self.path_edit.text().strip().strip('"'))
        if not path.is_file():
            QMessageBox.warning(self, self.tr("找不到文件"),
                                self.tr("找不到文件“{0}”，请重新选择。").format(path))
            return
        self.path = path
        self.loaded = None
        self._start(self.tr("读取名册"), read_sheets, path, on_success=self._sheets_read)

    def _sheets_read(self, result: tuple[LoadedFile, list[SheetInfo]]) -> None:
        loaded, sheets = result
        if not any(s.mapping.header_row for s in sheets):
            # No header found. A file with no table at all (a note, an empty sheet) is refused
            # here; a table whose header has unusual wording can still be mapped by hand.
            assert self.path is not None
            if not any(sum(1 for c in row if c) >= 2 for s in sheets for row in s.rows):
                QMessageBox.warning(self, self.tr("不是名册表格"),
                                    str(NoTableFound(str(self.path), len(sheets))))
                return
            QMessageBox.information(self, self.tr("没有找到表头"), self.tr(
                "没有自动找到名单的表头（写着“姓名”等字样的那一行）。\n"
                "请在下一页为名单所在的工作表指定表头所在行，并为各列选择导入为哪一项。"))
        self.loaded = loaded
        self.sheets = sheets
        self.sheet_tabs.clear()
        self.editors = []
        for info in sheets:
            editor = SheetMappingEditor(info)
            editor.changed.connect(self._update_buttons)
            self.editors.append(editor)
            self.sheet_tabs.addTab(editor, info.name)
        first = next((i for i, s in enumerate(sheets) if s.mapping.header_row), 0)
        self.sheet_tabs.setCurrentIndex(first)
        self._show_page(PAGE_MAPPING)

    def mappings(self) -> dict:
        return {e.info.name: e.mapping() for e in self.editors}

    def _mapping_ok(self) -> bool:
        if not self.editors or any(e.problem() for e in self.editors):
            return False
        return any(e.mapping().header_row for e in self.editors)

    # --- step 2 -> 3 ----------------------------------------------------------------------
    def options(self) -> ImportOptions:
        return ImportOptions(apply_name_matches=self.name_matches.isChecked(),
                             households_by_address=self.by_address.isChecked())

    def make_preview(self, *_signal_args: object) -> None:
        assert self.loaded is not None
        if self.task is not None and self.task.is_running():
            return
        self._start(self.tr("生成预览"), make_preview, self.loaded, self.mappings(),
                    self.options(), on_success=self._preview_ready)

    def _preview_ready(self, preview: ImportPreview) -> None:
        self.preview = preview
        prepared = preview.prepared
        assert prepared is not None
        changed = self.changes_panel.show_changes(prepared)
        self.households_panel.show_households(prepared)
        self.missing_panel.show_missing(prepared)
        self.preview_tabs.setTabText(1, self.tr("变更（{0}）").format(changed))
        self.preview_tabs.setTabText(2, self.tr("户（{0}）").format(prepared.households))
        self.preview_tabs.setTabText(3, self.tr("表中没有的居民（{0}）").format(
            len(prepared.missing)))
        rows = [r for s in preview.sheets for r in preview.rows.get(s.sheet, [])]
        self.preview_model.set_rows(rows)
        used = sum(1 for s in preview.sheets if s.header_row)
        total = sum(preview.data_rows.values())
        bad = sum(1 for r in rows if r.outcome in ("rejected", "duplicate"))
        self.preview_label.setText(self.tr(
            "在 {1} 个工作表中共找到 {0} 行数据。下面是每个工作表的前几行导入后的样子"
            "（共 {3} 行，其中 {2} 行红色为不能导入、黄色为重复，原因见“说明”）。\n"
            "确认无误后点击“开始导入”；导入一次完成，中途取消不会留下任何改动。")
            .format(total, used, bad, len(rows))
            + self.tr("\n其中新居民 {0} 人，已登记且有变化 {1} 人，已登记无变化 {2} 人；"
                      "表中共 {3} 户。").format(
                sum(1 for r in prepared.outcomes if r.outcome == "imported"), changed,
                sum(1 for r in prepared.outcomes if r.outcome == "unchanged"),
                prepared.households))
        self._show_page(PAGE_PREVIEW)

    # --- step 3 -> report -----------------------------------------------------------------
    def start_import(self) -> None:
        assert self.preview is not None and self.preview.prepared is not None
        self.task = run_task(self, self.tr("导入居民"), run_import, self.preview.prepared,
                             self.changes_panel.declined(), hub=self.hub, changes=RESIDENTS,
                             on_success=self._imported)
        self.task.finished.connect(self._import_finished)
        self._update_buttons()

    def _import_finished(self, result: object) -> None:
        self._update_buttons()
        if getattr(result, "cancelled", False):
            QMessageBox.information(self, self.tr("导入已取消"),
                                    self.tr("导入已取消，数据文件没有任何改动。"))

    def _imported(self, outcome: ImportOutcome) -> None:
        self.report = outcome.report
        self.report_label.setText(self.tr(
            "<p style='font-size: 13pt'>导入 <b>{0}</b> 人，更新 <b>{3}</b> 人，"
            "无变化 <b>{4}</b> 人，未导入 <b>{1}</b> 行，重复 <b>{2}</b> 行。</p>")
            .format(*outcome.counts)
            + "<br>".join(line.replace(" ", "&nbsp;") for line in outcome.lines))
        self.report_model.set_rows(outcome.problem_rows)
        self._show_page(PAGE_REPORT)

    def save_report(self) -> None:
        if self.report is None:
            return
        folder = self.path.parent if self.path else Path.home()
        default = folder / self.tr("{0}_导入报告.xlsx").format(
            self.path.stem if self.path else self.tr("居民"))
        target, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("保存导入报告"), str(default), self.tr("Excel 工作簿 (*.xlsx)"))
        if not target:
            return
        if not target.lower().endswith(".xlsx"):
            target += ".xlsx"
        self.save_report_to(Path(target))

    def save_report_to(self, target: Path) -> BackgroundTask:
        from exporters.residents.import_report import write_import_report

        report, text = self.report, self.tr("正在保存导入报告…")

        def work(progress: Progress) -> Path:
            progress.report(0, 0, text)
            write_import_report(target, report)  # type: ignore[arg-type]
            return target

        def done(path: Path) -> None:
            if self.hub is not None:
                self.hub.message.emit(self.tr("导入报告已保存：{0}").format(path))
            QMessageBox.information(self, self.tr("已保存"),
                                    self.tr("导入报告已保存到：\n{0}").format(path))

        self.task = run_task(self, self.tr("保存导入报告"), work, on_success=done)
        return self.task

    # --- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()  # the dialog closes once the worker has rolled back
            return
        super().reject()
