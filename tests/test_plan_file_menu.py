"""文件 → 导入方案文件… and 导出方案文件… in the window: a plan goes out to a file and comes back
as a new plan; every broken file gets one Chinese message and leaves the data file as it was."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.plans.demo import DEMO_PLANS, demo_plan
from models.plans.file_format import MAX_BYTES, plan_file_text
from models.plans.json_form import record_to_dict
from models.plans.service import list_plans, load_plan, save_plan
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub
from ui.plans.area import PlansArea

OFFSCREEN_WINDOW_NOTES = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture()
def area(qtbot, db_path: Path) -> PlansArea:  # type: ignore[no-untyped-def]
    save_plan(demo_plan(DEMO_PLANS[0]))
    widget = PlansArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    return widget


def _good_text() -> str:
    return plan_file_text(demo_plan(DEMO_PLANS[8]))


def _wrong(**plan_changes: object) -> bytes:
    data = json.loads(_good_text())
    data["plan"].update(plan_changes)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _data_file_state(db_path: Path) -> tuple[list[tuple[int | None, str]], str]:
    plans = [(p.id, p.title) for p in list_plans()]
    return plans, hashlib.sha256(db_path.read_bytes()).hexdigest()


BROKEN: list[tuple[str, bytes, str]] = [
    ("truncated", _good_text().encode("utf-8")[:300], "不是方案文件"),
    ("not JSON", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是方案文件"),
    ("empty", b"", "不是方案文件"),
    ("a list", b"[1, 2, 3]", "应为一个对象"),
    ("newer version", _good_text().replace('"version": 1', '"version": 99').encode("utf-8"),
     "更新版本"),
    ("version as text", _good_text().replace('"version": 1', '"version": "1"').encode("utf-8"),
     "版本号无效"),
    ("another program's", json.dumps({"format": "别的软件", "version": 1, "plan": {}},
                                     ensure_ascii=False).encode("utf-8"), "不是社区活动助手"),
    ("title a number", _wrong(title=5), ""),
    ("agenda a string", _wrong(agenda="全天"), ""),
    ("start not a date", _wrong(start="十月十八日"), ""),
    ("capacity as words", _wrong(capacity="很多"), ""),
    ("content items not objects", _wrong(content=[1, 2]), ""),
    ("huge", b" " * (MAX_BYTES + 1), "太大"),
]


@OFFSCREEN_WINDOW_NOTES
@pytest.mark.parametrize(("what", "content", "says"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_refused_in_chinese_and_nothing_changes(
        qtbot, area: PlansArea, db_path: Path, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
        what: str, content: bytes, says: str) -> None:
    path = tmp_path / "来自别的社区.json"
    path.write_bytes(content)
    before = _data_file_state(db_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, title, text, *a, **k: told.append((title, text)))
    area.act_import_file.trigger()
    assert len(told) == 1, what
    title, text = told[0]
    assert title == "无法导入"
    assert says in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # a Chinese sentence
    assert "Traceback" not in text and "Error" not in text and "{" not in text
    assert _data_file_state(db_path) == before
    assert not area.editors  # nothing opened


@OFFSCREEN_WINDOW_NOTES
def test_export_then_import_gives_an_identical_plan(
        qtbot, area: PlansArea, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    original = list_plans()[0].id
    area.select_plan(original)
    out = tmp_path / "方案"  # no extension typed: .json is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    area.act_export_file.trigger()
    written = tmp_path / "方案.json"
    assert written.is_file()
    assert written.read_text(encoding="utf-8") == plan_file_text(load_plan(original))

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(written), ""))
    area.act_import_file.trigger()
    ids = [p.id for p in list_plans()]
    assert len(ids) == 2
    new_id = max(i for i in ids if i is not None)
    assert new_id in area.editors  # opened for the clerk
    mine, theirs = record_to_dict(load_plan(original)), record_to_dict(load_plan(new_id))
    mine.pop("id"), theirs.pop("id")
    assert theirs == mine


@OFFSCREEN_WINDOW_NOTES
def test_the_file_menu_imports_a_plan_file(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppContext(DataHub(), db_path))
    qtbot.addWidget(window)
    window.file_menu.aboutToShow.emit()  # as opening it does: the areas' actions are listed
    actions = {a.text(): a for a in window.file_menu.actions()}
    assert "导出方案文件…" in actions
    path = tmp_path / "plan.json"
    path.write_text(_good_text(), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    actions["导入方案文件…"].trigger()
    assert [p.title for p in list_plans()] == [demo_plan(DEMO_PLANS[8]).title]
