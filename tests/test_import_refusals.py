"""What a clerk sees when a file imports nobody: the command line exits non-zero whenever
nothing was imported or updated (a re-import of the same roster, all unchanged: exit 1, the data
file untouched); the dialog, for a table whose header it cannot find, says so and lets the clerk map
the columns by hand (a file with no table at all is refused: tests/test_hostile_corpus.py)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import main


def test_reimport_of_the_same_roster_exits_non_zero(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,性别,身份证号\n张三,男,110101199003070011\n李四,女,\n",
                      encoding="utf-8")
    db = tmp_path / "activities.db"
    assert main.main(["residents", "import", str(roster), "--db", str(db)]) == 0
    assert "imported=2 rejected=0 duplicates=0" in capsys.readouterr().out
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert main.main(["residents", "import", str(roster), "--db", str(db)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[-1] == "imported=0 rejected=0 duplicates=0 updated=0 unchanged=2"
    assert "没有导入或更新任何居民" in out.err and "Traceback" not in out.out + out.err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_dialog_offers_mapping_by_hand_when_no_header_is_found(
        qtbot, monkeypatch: pytest.MonkeyPatch, db_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from ui.operations import DataHub
    from ui.residents.import_dialog import PAGE_MAPPING, ImportDialog

    shown: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: shown.append(a[2]))
    table = tmp_path / "名单.csv"
    table.write_text("甲,乙,丙\n张三,男,13812345678\n李四,女,\n", encoding="utf-8")
    dialog = ImportDialog(DataHub())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(table))
    dialog.path_edit.setFocus()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=15000)
    assert len(shown) == 1 and "没有自动找到" in shown[0], shown
    assert not dialog.next_button.isEnabled()  # until a header row and 姓名 are chosen
    editor = dialog.editors[0]
    editor.header_row.setFocus()
    qtbot.keyClick(editor.header_row, Qt.Key.Key_Up)  # 不导入此工作表 -> 第 1 行
    assert editor.header_row.value() == 1
    combo = editor.combos[0]
    combo.setCurrentIndex(combo.findData("name"))
    qtbot.waitUntil(dialog.next_button.isEnabled, timeout=5000)
