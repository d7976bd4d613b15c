"""打印居民名册: which residents (all or as filtered), in what order, masked or not; the dialog
says how many pages that makes before anything is built, refuses a list too long to print
sensibly (every resident of a large community runs to thousands of pages) and asks before a long
one. Then the roster's PDF (exporters/residents/roster_pdf.py) is built in the background with
progress and shown in the print preview (ui/widgets/printing.py), from which it prints."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.residents.records import ResidentQuery
from ui.operations import BackgroundTask, Progress, run_task

# More pages than this are not printed from the app: at 600 dpi a page takes about a second to
# send and the preview keeps every page in memory; the clerk is told to filter first.
MAX_PRINT_PAGES = 200
ASK_PAGES = 30  # above this, the clerk confirms the page count first


def tr(text: str) -> str:
    return QCoreApplication.translate("ResidentsPrint", text)


def roster_title(masked: bool) -> str:
    title = tr("居民名册（{0}）").format(date.today().isoformat())
    return title + tr("（隐去部分信息）") if masked else title


def residents_pdf_bytes(progress: Progress, query: ResidentQuery, masked: bool,
                        order: str) -> bytes:
    """Off the UI thread: the roster's PDF, as 导出 writes it."""
    from exporters.residents.roster import export_residents

    def report(done: int, total: int) -> None:
        progress.check()  # 取消
        progress.report(done, total, tr("正在准备居民名册…"))

    from ui.widgets.printing import exported_bytes  # off the start-up path

    return exported_bytes(
        lambda path: export_residents(path, query, masked=masked, order=order,
                                      title=roster_title(masked), progress=report),
        "residents.pdf")


class ResidentsPrintDialog(QDialog):
    def __init__(self, query: ResidentQuery, filtered_count: int,
                 parent: QWidget | None = None) -> None:
        from models.residents.service import count_residents

        super().__init__(parent)
        self.query = query
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("打印居民名册"))
        self.setMinimumWidth(520)
        self.everyone = count_residents()
        self.filtered_count = filtered_count
        self.all_button = QRadioButton(self.tr("全部居民（{0} 人）").format(self.everyone))
        self.filtered_button = QRadioButton(
            self.tr("当前筛选出的居民（{0} 人）").format(filtered_count))
        scope = QButtonGroup(self)
        scope.addButton(self.all_button)
        scope.addButton(self.filtered_button)
        narrowed = filtered_count != self.everyone
        (self.filtered_button if narrowed else self.all_button).setChecked(True)
        self.filtered_button.setEnabled(narrowed)
        self.order = QComboBox()
        self.order.addItem(self.tr("按姓氏笔画"), "strokes")
        self.order.addItem(self.tr("按姓名拼音"), "pinyin")
        self.masked = QCheckBox(self.tr("隐去部分个人信息（张贴、外送时须勾选）"))
        self.masked.setChecked(True)
        self.pages = QLabel()
        self.pages.setWordWrap(True)
        for button in (self.all_button, self.filtered_button):
            button.toggled.connect(lambda _on: self._show_pages())
        form = QFormLayout()
        form.addRow(self.tr("打印范围"), self.all_button)
        form.addRow("", self.filtered_button)
        form.addRow(self.tr("排列顺序"), self.order)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton(self.tr("预览…"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.preview)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.masked)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
        self._show_pages()

    def count(self) -> int:
        return self.filtered_count if self.filtered_button.isChecked() else self.everyone

    def page_estimate(self) -> int:
        from exporters.residents.roster_pdf import estimate_pages

        return estimate_pages(self.count())

    def _show_pages(self) -> None:
        pages = self.page_estimate()
        text = self.tr("约 {0} 页 A4 纸。").format(pages)
        if pages > MAX_PRINT_PAGES:
            text += self.tr("太多，不宜直接打印：请先按楼栋、标签或年龄筛选，"
                            "或用“导出居民名册”存为 PDF 文件。")
        self.pages.setText(text)
        self.pages.setStyleSheet("color: #c0392b;" if pages > MAX_PRINT_PAGES else "")

    def preview(self) -> None:
        """Said before anything is built: too many pages are refused, many are confirmed."""
        pages = self.page_estimate()
        if pages > MAX_PRINT_PAGES:
            QMessageBox.information(self, self.tr("打印居民名册"), self.tr(
                "{0} 位居民约有 {1} 页，太多，不宜直接打印（每页约需 1 秒送往打印机，"
                "还要用掉约 {2} 包 A4 纸）。\n\n请先在居民页按楼栋、标签或年龄筛选，"
                "选“当前筛选出的居民”后再打印；需要全部名单时，请用“导出居民名册”"
                "存为 PDF 文件。").format(self.count(), pages, max(1, round(pages / 500))))
            return
        if pages > ASK_PAGES and QMessageBox.question(
                self, self.tr("打印居民名册"),
                self.tr("将生成约 {0} 页，确定要预览并打印吗？").format(pages)
                ) != QMessageBox.StandardButton.Yes:
            return
        query = self.query if self.filtered_button.isChecked() else ResidentQuery()
        masked = self.masked.isChecked()
        parent = self.parentWidget()
        title = roster_title(masked)

        def show(pdf: bytes) -> None:  # the dialog is gone by then: nothing of it is used
            from ui.widgets.printing import open_preview

            open_preview(pdf, title, parent)

        self.task = run_task(parent, self.tr("正在准备居民名册…"), residents_pdf_bytes, query,
                             masked, self.order.currentData(), on_success=show)
        self.accept()


def open_print_dialog(query: ResidentQuery, filtered_count: int,
                      parent: QWidget) -> ResidentsPrintDialog:
    """Window-modal, deleted once closed; 预览… goes on in the background with parent."""
    dialog = ResidentsPrintDialog(query, filtered_count, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
