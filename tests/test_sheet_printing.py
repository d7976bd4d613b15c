"""打印… for the Excel-only sheets (issue 13 part 3): the roster, blank form and attendance sheet
from the 报名签到 tab's 导出与打印 menu, the residents roster from Ctrl+P on the 居民 tab. What
the preview shows and what prints to a file is the app's own PDF, page for page, A4 (landscape
where the sheet is); the dialogs speak Chinese; real keys open and close them."""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from models.signups.records import NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity, make_resident
from tests.visible_texts import visible_texts
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub, Progress
from ui.residents import print_dialog
from ui.residents.print_dialog import ResidentsPrintDialog, residents_pdf_bytes
from ui.signups.sheet_printing import sheet_pdf_bytes
from ui.widgets.printing import PdfPreviewDialog, paint_pdf, setup_printer

A4 = (595.3, 841.9)


def _sizes(data: bytes | Path) -> list[tuple[float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    out = []
    for p in reader.pages:
        w, h = float(p.mediabox.width), float(p.mediabox.height)
        out.append((h, w) if (p.get("/Rotate") or 0) % 180 else (w, h))
    return out


def _a4(size: tuple[float, float], landscape: bool) -> bool:
    want = (A4[1], A4[0]) if landscape else A4
    return abs(size[0] - want[0]) < 1.5 and abs(size[1] - want[1]) < 1.5


def _window(qtbot, db_path: Path, tmp_path: Path) -> MainWindow:
    from ui.app import make_app

    make_app()
    window = MainWindow(AppContext(DataHub(), db_path),
                        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _modal(qtbot, kind: type) -> object:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=20000)
    return QApplication.activeModalWidget()


def _escape(qtbot, dialog) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def _english(texts: list[str]) -> list[str]:
    return [t for t in texts if re.search("[A-Za-z]", re.sub(r"\(&[A-Z]\)|PDF|A4", "", t))]


class _Quiet(Progress):
    def __init__(self) -> None:
        super().__init__(lambda *_a: None)


def _activity(n: int) -> int:
    plan = make_activity("重阳节敬老活动", capacity=None, companion_age=70)
    for i in range(n):
        sign_up(plan, NewSignup(name=f"居民{'一二三四五六七八九十'[i % 10]}{'甲乙丙丁戊'[i // 10]}",
                                phone=f"139{i:08d}"), now=datetime(2026, 10, 1, 9, 0))
    return plan


@pytest.mark.parametrize("kind,item,landscape", [
    ("roster", "打印报名名册…", True), ("form", "打印空白报名表…", True),
    ("attendance", "打印出勤统计…", False)])
def test_sign_up_sheets_preview_and_print_page_for_page(
        qtbot, db_path: Path, tmp_path: Path, kind: str, item: str, landscape: bool) -> None:
    plan = _activity(45)
    window = _window(qtbot, db_path, tmp_path)
    area = window.area("报名签到")
    assert window.select_area("报名签到") and area.select_activity(plan)
    app_pdf = sheet_pdf_bytes(_Quiet(), kind, plan, area.order.currentData())
    ours = _sizes(app_pdf)
    assert all(_a4(s, landscape) for s in ours), ours
    # 导出与打印 > 打印…, as the clerk picks it in the button's menu
    next(a for a in area.export_button.menu().actions() if a.text() == item).trigger()
    dialog = _modal(qtbot, PdfPreviewDialog)
    assert dialog.windowTitle().endswith({"roster": "报名名册", "form": "报名表",
                                          "attendance": "出勤统计"}[kind])
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == len(ours))
    _escape(qtbot, dialog)
    # Printed through Qt's PDF printer: as many pages, each A4 the same way round.
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    setup_printer(printer, app_pdf)
    assert paint_pdf(printer, app_pdf, max_dpi=36) == len(ours)
    printed = _sizes(out)
    assert len(printed) == len(ours) and all(_a4(s, landscape) for s in printed), printed
    if kind == "roster":
        assert len(ours) >= 2


def test_the_sheets_export_as_pdf_from_the_menu(qtbot, db_path: Path, tmp_path: Path) -> None:
    plan = _activity(12)
    window = _window(qtbot, db_path, tmp_path)
    area = window.area("报名签到")
    assert area.select_activity(plan)
    labels = [a.text() for a in area.export_button.menu().actions()]
    for text in ("报名名册（PDF）…", "空白报名表（PDF）…", "出勤统计（PDF）…"):
        assert text in labels
    for kind in ("roster_pdf", "form_pdf", "attendance_pdf"):
        out = tmp_path / f"{kind}.pdf"
        area.export(kind, out)
        qtbot.waitUntil(lambda o=out: o.exists(), timeout=20000)
        assert out.read_bytes()[:5] == b"%PDF-"


def _residents(n: int) -> None:
    for i in range(n):
        make_resident(f"居民{'一二三四五六七八九十'[i % 10]}{'甲乙丙丁戊己庚辛壬癸'[i // 10 % 10]}",
                      phone=f"138{i:08d}", seq=i, building=f"{1 + i % 3}幢")


def test_ctrl_p_on_the_residents_tab_prints_the_roster(qtbot, db_path: Path,
                                                       tmp_path: Path) -> None:
    _residents(70)
    window = _window(qtbot, db_path, tmp_path)
    assert window.select_area("居民")
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _modal(qtbot, ResidentsPrintDialog)
    texts = visible_texts(dialog)
    assert "全部居民（70 人）" in texts and _english(texts) == []
    assert dialog.masked.isChecked()  # masked unless the clerk unticks it
    assert any(t.startswith("约 2 页") for t in texts), texts
    QTest.keyClick(dialog.order, Qt.Key.Key_Return)  # 预览… is the default button
    preview = _modal(qtbot, PdfPreviewDialog)
    app_pdf = residents_pdf_bytes(_Quiet(), print_dialog.ResidentQuery(), True, "strokes")
    assert preview.findChild(QPrintPreviewWidget).pageCount() == len(_sizes(app_pdf)) == 2
    assert "居民名册" in preview.windowTitle() and "隐去部分信息" in preview.windowTitle()
    _escape(qtbot, preview)


def test_a_roster_too_long_to_print_is_refused_before_it_is_built(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    _residents(70)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(print_dialog, "MAX_PRINT_PAGES", 1)  # 70 residents make 2 pages
    built: list[object] = []
    monkeypatch.setattr(print_dialog, "residents_pdf_bytes", lambda *a: built.append(a) or b"")
    window = _window(qtbot, db_path, tmp_path)
    assert window.select_area("居民")
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _modal(qtbot, ResidentsPrintDialog)
    assert "太多，不宜直接打印" in dialog.pages.text()
    QTest.keyClick(dialog.order, Qt.Key.Key_Return)
    assert len(said) == 1 and "约有 2 页" in said[0] and "筛选" in said[0]
    assert built == [] and QApplication.activeModalWidget() is dialog  # still open to filter
    _escape(qtbot, dialog)


def test_residents_export_dialog_offers_pdf(qtbot, db_path: Path, tmp_path: Path,
                                            monkeypatch) -> None:
    from ui.residents.export_dialog import ResidentsExportDialog

    _residents(5)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = ResidentsExportDialog(DataHub(), print_dialog.ResidentQuery(), 5)
    qtbot.addWidget(dialog)
    assert not dialog.pdf_note.isVisibleTo(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
    assert dialog.default_target().suffix == ".pdf"
    assert dialog.pdf_note.isVisibleTo(dialog) and dialog.pdf_note.text() == "PDF 约 1 页。"
    out = tmp_path / "居民.pdf"
    task = dialog.export_to(out)
    qtbot.waitUntil(lambda: not task.is_running(), timeout=20000)
    assert task.result.ok and dialog.written == 5 and len(_sizes(out)) == 1


def test_a_long_preview_draws_coarser_within_its_memory_budget() -> None:
    from ui.widgets import printing

    one = [A4]
    assert printing.preview_dpi(one) == printing.PREVIEW_DPI
    many = [A4] * 200  # the most the residents tab prints
    dpi = printing.preview_dpi(many)
    square_inches = 200 * A4[0] * A4[1] / 72 ** 2
    assert printing.MIN_PREVIEW_DPI <= dpi < printing.PREVIEW_DPI
    assert 4 * square_inches * dpi ** 2 <= printing.PREVIEW_BYTES
