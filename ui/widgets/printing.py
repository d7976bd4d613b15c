"""Print and preview the app's own PDFs: what the clerk prints is the very PDF the app exports.

Each PDF page is rendered by pypdfium2 (PDFium) into an image at the printer's resolution and
drawn on Qt's printer (QPrinter) or print preview (QPrintPreviewDialog) at its true size: a PDF
point is 1/72 inch on paper, the page is never scaled to fit, so an A4 document stays A4 with its
margins as exported. Qt's own print dialog gives the printer, page range and copies.

Why pypdfium2 and not QtPdf: QtPdf (QPdfDocument) ships only in the PySide6-Addons wheel (about
40 MB on Windows, with every other add-on module) while the app depends on PySide6-Essentials;
pypdfium2 is one 4 MB wheel with its own PDFium binary, no other dependency, works offline, and
renders straight into a buffer that becomes a QImage (no Pillow, no numpy).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QActionGroup, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

POINTS_PER_INCH = 72.0
MAX_DPI = 600  # a 1200 dpi A4 page is a 550 MB image; 600 dpi is a laser printer's full detail
PREVIEW_DPI = 150  # the preview keeps every page's image: enough for the screen, not more
# ... and a long document's preview draws coarser, so that its images stay within this (a
# 57-page roster at 150 dpi took 480 MB; 200 pages would take 1.7 GB).
PREVIEW_BYTES = 300_000_000
MIN_PREVIEW_DPI = 50

PdfSource = bytes | Path | str


@contextmanager
def _opened(pdf: PdfSource) -> Iterator[Any]:  # pypdfium2 ships no type information
    import pypdfium2  # a 4 MB binary: loaded when something is printed, not at start-up

    doc = pypdfium2.PdfDocument(str(pdf) if isinstance(pdf, Path) else pdf)
    try:
        yield doc
    finally:
        doc.close()


def exported_bytes(export: Callable[[Path], object], name: str = "document.pdf") -> bytes:
    """What an exporter writes, as bytes for the print preview: the exporters write files (beside
    the target, then renamed), so export(path) writes into a folder of its own that goes after."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        export(path)
        return path.read_bytes()


def page_sizes(pdf: PdfSource) -> list[tuple[float, float]]:
    """Every page's (width, height) in points."""
    with _opened(pdf) as doc:
        return [(doc[i].get_size()[0], doc[i].get_size()[1]) for i in range(len(doc))]


def preview_dpi(sizes: list[tuple[float, float]]) -> int:
    """The preview's resolution for pages of these sizes (points): PREVIEW_DPI, or less when
    their images (4 bytes a pixel) would pass PREVIEW_BYTES."""
    square_inches = sum(w * h for w, h in sizes) / POINTS_PER_INCH ** 2
    if not square_inches:
        return PREVIEW_DPI
    fits = int((PREVIEW_BYTES / (4 * square_inches)) ** 0.5)
    return max(MIN_PREVIEW_DPI, min(PREVIEW_DPI, fits))


def setup_printer(printer: QPrinter, pdf: PdfSource) -> None:
    """Paper and orientation of the PDF's first page, no margins of Qt's own: the PDF carries its
    margins, and the painter's origin is the paper's corner (full page)."""
    sizes = page_sizes(pdf)
    if not sizes:
        return
    width, height = sizes[0]
    landscape = width > height
    portrait_size = QSizeF(min(width, height), max(width, height))
    layout = QPageLayout(
        QPageSize(portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setFullPage(True)
    printer.setPageLayout(layout)


def _wanted_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based page numbers in the order to print: the dialog's page range, its page order."""
    ranges = printer.pageRanges()
    pages = [i for i in range(count) if ranges.isEmpty() or ranges.contains(i + 1)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def _copies(printer: QPrinter, pages: list[int]) -> list[int]:
    """The driver makes the copies when it can; otherwise repeat the pages here, collated
    (1 2 3 1 2 3) or not (1 1 2 2 3 3) as the dialog asked."""
    n = printer.copyCount()
    if n <= 1 or printer.supportsMultipleCopies():
        return pages
    if printer.collateCopies():
        return pages * n
    return [p for p in pages for _ in range(n)]


def _page_image(doc: Any, index: int, dpi: float) -> QImage:
    page = doc[index]
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True)
    # BGRx bytes are Qt's RGB32 on little-endian machines (Windows, x86 Linux); copy() owns them
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB32).copy()
    bitmap.close()
    page.close()
    return image


def page_image(pdf: PdfSource, index: int = 0, dpi: float = 96) -> QImage:
    """One page as an image (the feedback tally shows its charts so, drawn once for paper)."""
    with _opened(pdf) as doc:
        return _page_image(doc, index, dpi)


def paint_pdf(printer: QPrinter, pdf: PdfSource, *, max_dpi: int = MAX_DPI) -> int:
    """Draw the PDF's pages on printer (a real one, a PDF file or the preview), each at its true
    size from the paper's top-left corner. Returns how many pages were drawn."""
    dpi = min(printer.resolution(), max_dpi)
    scale = printer.resolution() / POINTS_PER_INCH  # points -> printer pixels, 1:1 in size
    painter = QPainter()
    with _opened(pdf) as doc:
        pages = _copies(printer, _wanted_pages(printer, len(doc)))
        if not pages or not painter.begin(printer):
            return 0
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                width, height = doc[index].get_size()
                target = QRectF(0, 0, width * scale, height * scale)
                painter.drawImage(target, _page_image(doc, index, dpi))
        finally:
            painter.end()
    return len(pages)


class PdfPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of one PDF; its 打印 button opens the printer dialog and prints it."""

    def __init__(self, pdf: PdfSource, title: str, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_printer(printer, pdf)
        printer.setDocName(title)
        super().__init__(printer, parent)
        self._printer = printer  # the dialog does not own it: kept alive with the dialog
        self.pdf = pdf
        self.setWindowTitle(self.tr("打印预览 — {0}").format(title))
        self.resize(900, 1000)
        self.paintRequested.connect(self._paint)
        self._hide_orientation()

    def _hide_orientation(self) -> None:
        """No 纵向/横向 buttons: the pages are drawn at their true size, so turning the paper
        would cut them off. Qt names neither action: they are its group of two checkable ones
        (fit width/page have object names; zoom and paging are not checkable)."""
        for group in self.findChildren(QActionGroup):
            actions = group.actions()
            if len(actions) == 2 and all(a.isCheckable() and not a.objectName()
                                         for a in actions):
                for action in actions:
                    action.setVisible(False)

    def _paint(self, printer: QPrinter) -> None:
        # The preview records every page: a screen's detail is enough there; the printer that
        # the 打印 button chose gets its own resolution (about a second a page at 600 dpi).
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paint_pdf(printer, self.pdf, max_dpi=preview_dpi(page_sizes(self.pdf))
                      if is_preview(printer) else MAX_DPI)
        finally:
            QApplication.restoreOverrideCursor()


def is_preview(printer: QPrinter) -> bool:
    """True while Qt's preview records the pages (its engine is a picture recorder)."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def open_preview(pdf: PdfSource, title: str, parent: QWidget | None) -> PdfPreviewDialog:
    """Show the preview window-modal and return it (it deletes itself when closed)."""
    dialog = PdfPreviewDialog(pdf, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
