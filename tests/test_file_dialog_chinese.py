"""Qt's own file dialog speaks Chinese (issue 10, defect 17): qtbase_zh_CN lacks "Look in:",
"Files of type:" and the file types ("Folder"), so the app installs a small catalogue of its own
(resources/translations). The dialog Qt draws itself (not the platform's) is opened as the app
opens it, and every visible text is read back."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
)

from tests.visible_texts import visible_texts
from ui.app import make_app

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"

ASCII_LETTER = re.compile(r"[A-Za-z]")


def _type_and_date_cells(dialog: QFileDialog) -> list[str]:
    """The 类型 and 修改日期 columns of the file list (names and sizes are the files' own)."""
    view = next(v for v in dialog.findChildren(QAbstractItemView)
                if v.isVisible() and not isinstance(v, QHeaderView)
                and v.model().columnCount(v.rootIndex()) >= 4)
    model, root = view.model(), view.rootIndex()
    return [str(model.index(row, col, root).data())
            for row in range(model.rowCount(root)) for col in (2, 3)]


def _english(text: str) -> bool:
    # A file name or pattern may keep its letters: "Excel 表格 (*.xlsx)", "名册.xlsx".
    text = re.sub(r"\(\*\.[^)]*\)|\S*\.(xlsx|csv|db|pdf)\b|/\S*", "", text)
    text = text.replace("Excel", "").replace("CSV", "")
    text = re.sub(r"\(&[A-Z]\)", "", text)  # a mnemonic: 查找范围(&L)
    return ASCII_LETTER.search(text) is not None


def test_qt_file_dialog_shows_no_english(qtbot, tmp_path: Path) -> None:
    make_app()
    (tmp_path / "备份").mkdir()
    (tmp_path / "名册.xlsx").write_bytes(b"x")
    dialog = QFileDialog(None, "导出居民名册", str(tmp_path),
                         "Excel 表格 (*.xlsx);;CSV 文件 (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: len(_type_and_date_cells(dialog)) >= 4, timeout=5000)
    dialog.grab().save(str(tmp_path / "file_dialog.png"))

    texts = visible_texts(dialog)
    assert any("查找范围" in t for t in texts), texts
    assert any("文件类型" in t for t in texts), texts
    cells = _type_and_date_cells(dialog)
    assert "文件夹" in cells, cells
    english = [t for t in texts + cells if _english(t)]
    assert not english, english
    dialog.reject()


def test_the_catalogue_is_committed_with_its_source() -> None:
    from ui.app import QT_EXTRA

    qm, ts = TRANSLATIONS / f"{QT_EXTRA}.qm", TRANSLATIONS / f"{QT_EXTRA}.ts"
    assert qm.is_file() and ts.is_file()
    assert "查找范围" in ts.read_text(encoding="utf-8")
