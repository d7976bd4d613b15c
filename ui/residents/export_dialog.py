"""Export residents to .xlsx (a printable roster), .pdf (the roster laid out for print) or
.csv: all of them or as filtered, in 姓氏笔画 or pinyin order, masked by default. Runs in the
background with progress and 取消."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from exporters.residents.roster import export_residents
from models.residents.service import ResidentQuery, count_residents
from ui.operations import BackgroundTask, DataHub, Progress, run_task


def tr(text: str) -> str:
    return QCoreApplication.translate("ResidentsExport", text)


def export_work(progress: Progress, target: Path, query: ResidentQuery, masked: bool,
                order: str) -> int:
    """Off the UI thread, through the exporter (atomic: a cancel or a failure leaves no file)."""
    text = tr("正在导出居民名册…")

    def report(done: int, total: int) -> None:
        progress.check()  # raises when the clerk pressed 取消
        progress.report(done, total, text)

    title = tr("居民名册（{0}）").format(date.today().isoformat())
    if masked:
        title += tr("（隐去部分信息）")
    return export_residents(target, query, masked=masked, order=order, title=title,
                            progress=report)


class ResidentsExportDialog(QDialog):
    def __init__(self, hub: DataHub | None, query: ResidentQuery, filtered_count: int,
                 data_file: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.query = query
        self.data_file = data_file
        self.task: BackgroundTask | None = None
        self.written: int | None = None
        self.setWindowTitle(self.tr("导出居民名册"))
        self.setMinimumWidth(560)

        everyone = self.everyone = count_residents()
        self.filtered_count = filtered_count
        self.all_button = QRadioButton(self.tr("全部居民（{0} 人）").format(everyone))
        self.filtered_button = QRadioButton(
            self.tr("当前筛选出的居民（{0} 人）").format(filtered_count))
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.all_button)
        self.scope.addButton(self.filtered_button)
        narrowed = filtered_count != everyone
        (self.filtered_button if narrowed else self.all_button).setChecked(True)
        self.filtered_button.setEnabled(narrowed)

        self.order = QComboBox()
        self.order.addItem(self.tr("按姓氏笔画"), "strokes")
        self.order.addItem(self.tr("按姓名拼音"), "pinyin")
        self.format = QComboBox()
        self.format.addItem(self.tr("Excel 工作簿（.xlsx，可直接打印）"), ".xlsx")
        self.format.addItem(self.tr("PDF 文件（.pdf，排好版，可直接打印）"), ".pdf")
        self.format.addItem(self.tr("CSV 文本（.csv，供其他系统读取）"), ".csv")

        self.masked = QCheckBox(self.tr("隐去部分个人信息（推荐）"))
        self.masked.setChecked(True)
        why = QLabel(self.tr(
            "勾选后，姓名只留首尾字（张*明），身份证号只留前6位和后4位，电话中间4位用*代替。\n"
            "凡是要离开居委会的名册——上报街道、交给合作单位、张贴公示、发到微信群——都应勾选。"
            "只有本办公室内部留存、需要完整号码核对时才取消勾选，并妥善保管文件。"))
        why.setWordWrap(True)
        why.setStyleSheet("color: #555;")
        self.masked.toggled.connect(self._masked_toggled)
        self.unmasked_note = QLabel(self.tr("注意：导出的文件将包含完整的身份证号和电话。"))
        self.unmasked_note.setStyleSheet("color: #c0392b;")
        self.unmasked_note.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("导出范围"), self.all_button)
        form.addRow("", self.filtered_button)
        form.addRow(self.tr("排列顺序"), self.order)
        form.addRow(self.tr("文件格式"), self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("导出…"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.choose_and_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.masked)
        layout.addWidget(why)
        layout.addWidget(self.unmasked_note)
        # A PDF's page count, said before it is made (all residents may run to thousands).
        self.pdf_note = QLabel()
        self.pdf_note.setWordWrap(True)
        layout.addWidget(self.pdf_note)
        self.format.currentIndexChanged.connect(lambda _i: self._show_pdf_pages())
        self.scope.buttonToggled.connect(lambda _b, _on: self._show_pdf_pages())
        self._show_pdf_pages()
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _show_pdf_pages(self) -> None:
        from exporters.residents.roster_pdf import estimate_pages
        from ui.residents.print_dialog import MAX_PRINT_PAGES

        if self.format.currentData() != ".pdf":
            self.pdf_note.setVisible(False)
            return
        count = self.filtered_count if self.filtered_button.isChecked() else self.everyone
        pages = estimate_pages(count)
        text = self.tr("PDF 约 {0} 页。").format(pages)
        if pages > MAX_PRINT_PAGES:
            text += self.tr("页数很多，生成需要一些时间；适合存档或交打印店，不宜在本机直接打印。")
        self.pdf_note.setText(text)
        self.pdf_note.setVisible(True)

    def _masked_toggled(self, on: bool) -> None:
        self.unmasked_note.setVisible(not on)

    def chosen_query(self) -> ResidentQuery:
        return self.query if self.filtered_button.isChecked() else ResidentQuery()

    def default_target(self) -> Path:
        folder = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        stem = self.tr("居民名册_{0}").format(date.today().strftime("%Y%m%d"))
        if self.masked.isChecked():
            stem += self.tr("_隐去信息")
        return folder / (stem + self.format.currentData())

    def choose_and_export(self) -> None:
        suffix = self.format.currentData()
        pattern = {".xlsx": self.tr("Excel 工作簿 (*.xlsx)"), ".pdf": self.tr("PDF 文件 (*.pdf)"),
                   ".csv": self.tr("CSV 文件 (*.csv)")}[suffix]
        target, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("导出居民名册"), str(self.default_target()), pattern)
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.export_to(path)

    def export_to(self, target: Path) -> BackgroundTask:
        self.export_button.setEnabled(False)
        self.task = run_task(self, self.tr("导出居民名册"), export_work, target,
                             self.chosen_query(), self.masked.isChecked(),
                             self.order.currentData(), on_success=lambda n: self._done(target, n))
        self.task.finished.connect(lambda _r: self.export_button.setEnabled(True))
        return self.task

    def _done(self, target: Path, n: int) -> None:
        self.written = n
        if self.hub is not None:
            self.hub.message.emit(self.tr("已导出 {0} 人：{1}").format(n, target))
        QMessageBox.information(self, self.tr("导出完成"),
                                self.tr("已导出 {0} 人到：\n{1}").format(n, target))
        self.accept()
