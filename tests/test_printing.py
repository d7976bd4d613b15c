"""打印… (issue 13): what is printed is the app's own PDF, page for page, A4 at its true size.

Printing goes through Qt's PDF printer output (QPrinter with a file name), then the file is read
back with pypdf; the preview is opened with Ctrl+P on the window and closed with Escape; Ctrl+E
still exports; Qt's print dialog speaks Chinese."""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QMessageBox,
    QToolBar,
)

from exporters.plans.pdf import build_plan_pdf_bytes
from models.plans.demo import DEMO_PLANS, demo_plan
from models.plans.records import PlanRecord
from models.plans.service import load_plan, save_plan
from models.signups.records import NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity
from tests.visible_texts import visible_texts
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub
from ui.signups.area import _signin_pdf_bytes
from ui.widgets.printing import PdfPreviewDialog, paint_pdf, setup_printer

A4 = (595.3, 841.9)  # points


def _pages(data: bytes | Path) -> list[tuple[float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def _print_to_file(pdf: bytes, out: Path, **kw: object) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    setup_printer(printer, pdf)
    for name, value in kw.items():
        getattr(printer, name)(value)
    return printer


def _ink_box(pdf: bytes | Path, index: int) -> tuple[int, int, int, int]:
    """Where the page's ink is, at 36 dpi: (left, top, right, bottom). Grey counts (a thin
    dash is grey at this size, and a little darker once printed as an image)."""
    doc = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    image = doc[index].render(scale=0.5, grayscale=True).to_pil()
    doc.close()
    return image.point(lambda v: 255 if v < 200 else 0).getbbox()


def _thumb(pdf: bytes | Path, index: int) -> list[int]:
    """The page as 60 x 84 grey pixels: tells pages apart, and a shrunk page from its original."""
    doc = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    image = doc[index].render(scale=0.5, grayscale=True).to_pil().convert("L").resize((60, 84))
    doc.close()
    return list(image.tobytes())


def _alike(a: list[int], b: list[int]) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a) < 3


def _same_place(ours: tuple[int, ...], theirs: tuple[int, ...]) -> bool:
    """Within 2 px at 36 dpi (1.4 mm); a fit to a printer's printable area moves the last line
    by 15 px and more."""
    return all(abs(a - b) <= 2 for a, b in zip(ours, theirs, strict=True))


def _is_a4(size: tuple[float, float]) -> bool:
    return abs(size[0] - A4[0]) < 1.5 and abs(size[1] - A4[1]) < 1.5


def test_a_plan_prints_page_for_page_on_a4_at_true_size(qtbot, db_path: Path,
                                                        tmp_path: Path) -> None:
    # Two pages: each costs about a second at 600 dpi (every demo plan prints below, coarser).
    rec = PlanRecord(title="社区义诊进万家活动方案", theme="健康进社区",
                     background="近年来社区老年人口逐年增加，慢性病管理需求突出。" * 20)
    pdf = build_plan_pdf_bytes(rec)
    out = tmp_path / "printed.pdf"
    printer = _print_to_file(pdf, out)
    assert printer.resolution() >= 600  # the high-resolution path, as a printer gets it
    drawn = paint_pdf(printer, pdf)
    printed = _pages(out)
    assert drawn == len(printed) == len(_pages(pdf)) >= 2
    assert all(_is_a4(size) for size in printed), printed
    # Not shrunk to fit nor moved: the ink sits where the app's PDF has it.
    for index in (0, len(printed) - 1):
        ours, theirs = _ink_box(pdf, index), _ink_box(out, index)
        assert _same_place(ours, theirs), (index, ours, theirs)
        assert _alike(_thumb(pdf, index), _thumb(out, index))


def test_every_demo_plan_and_a_sign_in_sheet_keep_their_page_count(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    plan = make_activity(capacity=None)
    for i in range(45):  # several pages
        sign_up(plan, NewSignup(name=f"居民{i:02d}", phone=f"139{i:08d}"),
                now=datetime(2026, 10, 1, 9, 0))
    documents = [build_plan_pdf_bytes(demo_plan(item)) for item in DEMO_PLANS]
    documents.append(_signin_pdf_bytes(plan, "position", False))
    assert len(documents) == 10
    for n, pdf in enumerate(documents):
        out = tmp_path / f"printed{n}.pdf"
        # A coarse image: the page count and size do not depend on it, and it is quick.
        paint_pdf(_print_to_file(pdf, out), pdf, max_dpi=36)
        ours, printed = _pages(pdf), _pages(out)
        assert len(printed) == len(ours) and all(_is_a4(s) for s in printed), (n, printed)
    assert len(_pages(documents[-1])) >= 2


def test_page_range_and_copies_as_the_dialog_sets_them(qtbot, db_path: Path,
                                                       tmp_path: Path) -> None:
    pdf = build_plan_pdf_bytes(demo_plan(DEMO_PLANS[0]))
    total = len(_pages(pdf))
    assert total >= 3
    out = tmp_path / "range.pdf"
    printer = _print_to_file(pdf, out)
    printer.setFromTo(2, 3)  # what 页数从 2 到 3 sets
    assert paint_pdf(printer, pdf, max_dpi=36) == 2 and len(_pages(out)) == 2
    assert _alike(_thumb(out, 0), _thumb(pdf, 1)) and _alike(_thumb(out, 1), _thumb(pdf, 2))
    assert not _alike(_thumb(pdf, 0), _thumb(pdf, 1))  # the pages tell apart

    out = tmp_path / "copies.pdf"
    printer = _print_to_file(pdf, out, setCopyCount=2, setCollateCopies=False)
    printer.setFromTo(1, 2)
    assert not printer.supportsMultipleCopies()  # a PDF file: the copies are made here
    assert paint_pdf(printer, pdf, max_dpi=36) == 4
    pages = [_thumb(out, i) for i in range(4)]
    first, second = _thumb(pdf, 0), _thumb(pdf, 1)
    assert [_alike(page, first) for page in pages] == [True, True, False, False]  # 1 1 2 2
    assert [_alike(page, second) for page in pages] == [False, False, True, True]


def _window(qtbot, db_path: Path, tmp_path: Path) -> MainWindow:
    from ui.app import make_app

    make_app()  # Qt's own dialogs in Chinese, as the app starts them
    window = MainWindow(AppContext(DataHub(), db_path),
                        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _ctrl(qtbot, window: MainWindow, key: Qt.Key) -> None:
    window.activateWindow()  # a closed dialog leaves no active window offscreen
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def _open_preview(qtbot) -> PdfPreviewDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PdfPreviewDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PdfPreviewDialog)
    return dialog


def _escape(qtbot, dialog: PdfPreviewDialog) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_ctrl_p_previews_the_plan_escape_closes_and_ctrl_e_still_exports(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    plan_id = save_plan(PlanRecord(title="重阳节敬老爱老活动方案", category="重阳敬老",
                                   theme="九九重阳 情暖夕阳", start=datetime(2026, 10, 29, 9)))
    window = _window(qtbot, db_path, tmp_path)
    area = window.area(window.area_titles[0])
    assert area.select_plan(plan_id)
    _ctrl(qtbot, window, Qt.Key.Key_P)
    dialog = _open_preview(qtbot)
    assert "重阳节敬老爱老活动方案" in dialog.windowTitle()
    preview = dialog.findChild(QPrintPreviewWidget)
    app_pdf = build_plan_pdf_bytes(load_plan(plan_id))
    assert preview.pageCount() == len(_pages(app_pdf)) >= 1
    toolbar_texts = [a.text() for a in dialog.findChild(QToolBar).actions() if a.isVisible()]
    assert "打印" in toolbar_texts and "纵向" not in toolbar_texts and "横向" not in toolbar_texts
    _escape(qtbot, dialog)

    out = tmp_path / "导出.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), a[-1]))
    done: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: done.append(box.text()) or 0)
    _ctrl(qtbot, window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert len(_pages(out)) == len(_pages(app_pdf))


def test_ctrl_p_on_the_sign_up_tab_previews_the_sign_in_sheet(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    plan = make_activity(capacity=None)
    for i in range(25):
        sign_up(plan, NewSignup(name=f"居民{i:02d}", phone=f"139{i:08d}"),
                now=datetime(2026, 10, 1, 9, 0))
    window = _window(qtbot, db_path, tmp_path)
    title = window.area_titles[2]
    assert title == "报名签到" and window.select_area(title)
    area = window.area(title)
    assert area.select_activity(plan)
    _ctrl(qtbot, window, Qt.Key.Key_P)
    dialog = _open_preview(qtbot)
    assert "签到表" in dialog.windowTitle()
    expected = len(_pages(_signin_pdf_bytes(plan, area.order.currentData(), False)))
    assert dialog.findChild(QPrintPreviewWidget).pageCount() == expected >= 2
    _escape(qtbot, dialog)
    # 导出与打印 > 打印签到表（姓名也隐去）…, as the clerk picks it in the button's menu
    item = next(a for a in area.export_button.menu().actions()
                if a.text() == "打印签到表（姓名也隐去）…")
    item.trigger()
    dialog = _open_preview(qtbot)
    assert "签到表（隐去姓名）" in dialog.windowTitle()
    _escape(qtbot, dialog)


def test_ctrl_p_on_a_tab_with_nothing_to_print_says_so(qtbot, db_path: Path,
                                                        tmp_path: Path, monkeypatch) -> None:
    from ui.residents.area import ResidentsArea

    # Every tab prints something now (the 居民 tab its roster): an area without print_document
    # stands for a tab added later with nothing to print.
    monkeypatch.setattr(ResidentsArea, "print_document", None)
    window = _window(qtbot, db_path, tmp_path)
    assert window.select_area("居民")
    _ctrl(qtbot, window, Qt.Key.Key_P)
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage() == "这一页没有可打印的文件。"


@pytest.mark.parametrize("expand", [False, True])
def test_qt_print_dialog_shows_no_english(qtbot, expand: bool) -> None:
    from ui.app import make_app

    make_app()
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    if expand:  # 选项 >>: page range, copies, page set
        button = next(b for b in dialog.findChildren(QAbstractButton)
                      if b.isVisible() and b.text().startswith("选项"))
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    texts = visible_texts(dialog)
    assert "打印范围" in texts or not expand
    english = [t for t in texts if re.search("[A-Za-z]", re.sub(r"\(&[A-Z]\)|PDF", "", t))]
    assert english == []


def test_the_preview_draws_coarse_and_its_print_draws_at_the_printer_resolution(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    from ui.widgets import printing

    seen: list[tuple[bool, int]] = []
    real = printing.paint_pdf

    def watch(printer: QPrinter, pdf: bytes, *, max_dpi: int) -> int:
        seen.append((printing.is_preview(printer), max_dpi))
        return real(printer, pdf, max_dpi=max_dpi)

    monkeypatch.setattr(printing, "paint_pdf", watch)
    pdf = build_plan_pdf_bytes(PlanRecord(title="社区义诊进万家活动方案", theme="健康进社区"))
    dialog = printing.open_preview(pdf, "社区义诊进万家活动方案", None)
    qtbot.addWidget(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == len(_pages(pdf)))
    assert seen == [(True, printing.PREVIEW_DPI)]
    # What 打印 does once the printer dialog is accepted: the same printer, painted again.
    out = tmp_path / "printed.pdf"
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    preview.print()
    assert seen[1:] == [(False, printing.MAX_DPI)]
    assert len(_pages(out)) == len(_pages(pdf)) and all(_is_a4(s) for s in _pages(out))


def test_ctrl_p_in_an_open_plan_prints_that_plan_not_the_list_selection(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLineEdit

    editing = save_plan(PlanRecord(title="三八妇女节联谊会", category="三八妇女节"))
    listed = save_plan(PlanRecord(title="社区义诊进万家", category="义诊与健康讲座"))
    window = _window(qtbot, db_path, tmp_path)
    area = window.area(window.area_titles[0])
    editor = area.open_plan(editing)
    assert area.select_plan(listed)
    title_edit = next(e for e in editor.findChildren(QLineEdit) if e.text() == "三八妇女节联谊会")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.mouseClick(title_edit, Qt.MouseButton.LeftButton)  # the clerk is in the editor
    assert editor.isAncestorOf(QApplication.focusWidget())
    QTest.keyClick(title_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_preview(qtbot)
    assert "三八妇女节联谊会" in dialog.windowTitle()
    _escape(qtbot, dialog)
    area.table.setFocus()  # back in the list: the selected plan
    _ctrl(qtbot, window, Qt.Key.Key_P)
    dialog = _open_preview(qtbot)
    assert "社区义诊进万家" in dialog.windowTitle()
    _escape(qtbot, dialog)


def test_ctrl_p_names_what_is_unfinished_first_and_prints_only_when_told(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    # 打印… runs the checks 导出 runs: an issuer without a 成文日期 is named, 否 prints nothing,
    # 是 opens the preview. The question is modal and Ctrl+P waits for it, so the answer is
    # clicked from a timer, as a clerk would click it.
    from PySide6.QtCore import QTimer

    plan_id = save_plan(PlanRecord(title="重阳活动", issuer="青桐社区居民委员会"))
    window = _window(qtbot, db_path, tmp_path)
    area = window.area(window.area_titles[0])
    assert area.select_plan(plan_id)
    seen: list[tuple[str, str, bool]] = []

    def click(answer: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, lambda: click(answer))
            return
        seen.append((box.windowTitle(), box.text(),
                     box.defaultButton() is box.button(QMessageBox.StandardButton.No)))
        QTest.mouseClick(box.button(answer), Qt.MouseButton.LeftButton)

    for answer in (QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes):
        seen.clear()
        QTimer.singleShot(50, lambda answer=answer: click(answer))
        _ctrl(qtbot, window, Qt.Key.Key_P)
        qtbot.waitUntil(lambda: bool(seen))
        title, text, no_by_default = seen[0]
        assert title == "打印前请核对" and no_by_default
        assert "成文日期中还有待填写的空白" in text and "仍要打印吗？" in text
        if answer == QMessageBox.StandardButton.No:
            QApplication.processEvents()
            assert QApplication.activeModalWidget() is None  # no preview
    dialog = _open_preview(qtbot)
    assert "重阳活动" in dialog.windowTitle()
    _escape(qtbot, dialog)
