"""备份与恢复 dialog: lists backups, backs up, backs up to a chosen file, restores after asking."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from models.datafile import backup as bk
from models.plans.records import PlanRecord
from models.plans.service import list_plans, save_plan
from tests.test_backup import _damaged, digest
from ui.datafile.backups_dialog import BackupsDialog


@pytest.fixture()
def dialog(qtbot, db_path: Path, monkeypatch):
    d = BackupsDialog(db_path)
    qtbot.addWidget(d)
    d.asked: list[str] = []
    d.warned: list[str] = []
    d.told: list[str] = []
    monkeypatch.setattr(d, "warn", d.warned.append)
    monkeypatch.setattr(d, "inform", d.told.append)
    return d


def texts(d: BackupsDialog) -> list[list[str]]:
    return [[d.table.item(r, c).text() for c in range(3)] for r in range(d.table.rowCount())]


def test_lists_newest_first_with_date_reason_size(dialog, db_path: Path) -> None:
    assert dialog.table.rowCount() == 0 and not dialog.empty_label.isHidden()
    bk._make_backup(db_path, "daily", now=datetime(2026, 11, 26, 8, 30))
    bk._make_backup(db_path, "before-restore", now=datetime(2026, 11, 27, 9, 5))
    dialog.refresh()
    rows = texts(dialog)
    assert [r[:2] for r in rows] == [["2026-11-27 09:05", "恢复备份前"],
                                     ["2026-11-26 08:30", "每日自动备份"]]
    assert all(r[2].endswith("KB") for r in rows)
    assert dialog.empty_label.isHidden()


def test_backup_now_adds_a_row(dialog, db_path: Path) -> None:
    dialog.backup_button.click()
    assert dialog.table.rowCount() == 1
    assert texts(dialog)[0][1] == "手动备份"
    assert dialog.selected() == bk.list_backups(db_path)[0]


def test_backup_to_chosen_file(dialog, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "U盘备份.db"
    monkeypatch.setattr(dialog, "choose_save_path", lambda suggested: str(target))
    dialog.backup_to_button.click()
    assert target.exists()
    assert dialog.told and "已备份到" in dialog.told[0]


def test_backup_to_cancelled_writes_nothing(dialog, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(dialog, "choose_save_path", lambda suggested: "")
    before = sorted(tmp_path.iterdir())
    dialog.backup_to_button.click()
    assert sorted(tmp_path.iterdir()) == before


def test_restore_selected_after_confirmation(dialog, db_path: Path, qtbot, monkeypatch) -> None:
    save_plan(PlanRecord(title="备份里的方案"))
    dialog.backup_button.click()
    save_plan(PlanRecord(title="备份之后的方案"))
    dialog.table.selectRow(0)
    replaced: list[int] = []
    dialog.data_replaced.connect(lambda: replaced.append(1))

    monkeypatch.setattr(dialog, "confirm", lambda text: dialog.asked.append(text) or False)
    dialog.restore_button.click()
    assert len(list_plans()) == 2 and replaced == []  # said no: nothing changed

    monkeypatch.setattr(dialog, "confirm", lambda text: dialog.asked.append(text) or True)
    dialog.restore_button.click()
    assert "替换当前的全部数据" in dialog.asked[-1] and "手动备份" in dialog.asked[-1]
    assert [p.title for p in list_plans()] == ["备份里的方案"]
    assert replaced == [1]
    assert [b.reason for b in bk.list_backups(db_path)] == ["before-restore", "manual"]
    assert dialog.table.rowCount() == 2


def test_restore_refused_file_shows_message(dialog, db_path: Path, tmp_path: Path,
                                            monkeypatch) -> None:
    bad = _damaged(tmp_path)
    before = digest(bad)
    monkeypatch.setattr(dialog, "choose_open_path", lambda folder: str(bad))
    monkeypatch.setattr(dialog, "confirm", lambda text: True)
    dialog.table.clearSelection()
    dialog.restore_button.click()
    assert dialog.warned and "损坏" in dialog.warned[0]
    assert digest(bad) == before


def test_open_folder(dialog, db_path: Path, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr("ui.datafile.backups_dialog.QDesktopServices.openUrl", opened.append)
    dialog.folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(db_path.parent / "backups"))]


def test_screenshot(dialog, db_path: Path, qtbot, tmp_path: Path) -> None:
    save_plan(PlanRecord(title="重阳节敬老活动"))
    for when, reason in [
        (datetime(2026, 9, 30, 8, 2), "daily"),
        (datetime(2026, 10, 31, 8, 15), "daily"),
        (datetime(2026, 11, 20, 16, 40), "before-migration"),
        (datetime(2026, 11, 27, 8, 1), "daily"),
        (datetime(2026, 11, 28, 10, 30), "manual"),
        (datetime(2026, 11, 28, 14, 12), "before-restore"),
    ]:
        bk._make_backup(db_path, reason, now=when)
    dialog.refresh()
    dialog.table.selectRow(1)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = os.environ.get("CAA_SCREENSHOT_DIR")
    png = Path(out) / "backups_dialog.png" if out else tmp_path / "backups_dialog.png"
    assert dialog.grab().save(str(png))


def test_backup_to_can_be_cancelled_leaving_nothing(dialog, db_path: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    from models.plans.records import AgendaRow

    for i in range(40):  # a file of several 1 MB steps
        save_plan(PlanRecord(title=f"方案{i}", background="很长的背景" * 8000,
                             agenda=[AgendaRow(what="x")]))
    target = tmp_path / "usb" / "备份.db"
    target.parent.mkdir()
    monkeypatch.setattr(dialog, "choose_save_path", lambda suggested: str(target))
    seen: list[int] = []
    real = dialog._progress

    def cancelling(label: str):
        progress, step = real(label)

        def step_then_cancel(done: int, total: int) -> None:
            seen.append(done)
            progress.cancel()
            step(done, total)

        return progress, step_then_cancel

    monkeypatch.setattr(dialog, "_progress", cancelling)
    dialog.backup_to_button.click()
    assert seen, "the copy reported progress"
    assert dialog.warned == ["已取消，未保存备份。"]
    assert list(target.parent.iterdir()) == []  # no half-written file
