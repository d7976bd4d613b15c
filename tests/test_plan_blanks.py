"""Blanks to fill by hand (models.plans.blanks): a date, time or name left open prints as a blank,
is flagged as unfinished before printing (window and command line), and is put in the editor
with real keys (Ctrl+Shift+D/T/B) or the 活动时间待定 button, then read back from the data file."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

import main
from exporters.plans.pdf import build_plan_pdf_bytes
from models.datafile.db import close_database, open_database
from models.plans.blanks import BLANK_DATE, BLANK_NAME, BLANK_TIME, blank_places, has_blank
from models.plans.checks import print_warnings
from models.plans.records import OrganiserRow, PlanRecord, SectionRow
from models.plans.service import load_plan, save_plan
from tests import pdf_reading as R
from tests.test_plan_editor import open_cell_editor
from ui.plans.editor import PlanEditor

OFFSCREEN_WINDOW_NOTES = pytest.mark.qt_log_ignore("This plugin does not support")


def test_what_counts_as_a_blank() -> None:
    for text in (BLANK_DATE, BLANK_TIME, BLANK_NAME, "时间：\u3000\u3000月\u3000\u3000日",
                 "投放时间：___月___日", "待定", "待联系"):
        assert has_blank(text), text
    for text in ("2026年10月8日", "一、二年级", "\u3000\u3000社区成立于1984年。", "3.5公里",
                 "a_b", "具体时间另行通知", "2026 年 10 月 8 日", "九 月", "10 时 30 分",
                 "协办单位待定后公布", ""):
        assert not has_blank(text), text


def media_plan() -> PlanRecord:
    """篇2 and 篇5's shapes: a time to fill, a media plan inside with its own blank time, an
    organiser and a media partner still to be found."""
    return PlanRecord(
        title="孕妇口腔保健宣传活动方案", theme="孕妇口腔保健", time_note=BLANK_DATE,
        organisers=[OrganiserRow("主办", "天桥社区卫生服务站"), OrganiserRow("协办", BLANK_NAME),
                    OrganiserRow("媒体支持", BLANK_NAME)],
        outline=[SectionRow("活动主题", "活动主题"), SectionRow("活动时间和地点", "活动时间和地点"),
                 SectionRow("组织单位", "组织单位"),
                 SectionRow("", "媒体执行方案", 1, False, "段落",
                            f"广告投放时间：{BLANK_DATE}起投放\n电台通告：{BLANK_TIME}播出")],
    )


def test_blanks_are_named_as_unfinished_and_print_as_blanks() -> None:
    rec = media_plan()
    assert blank_places(rec) == ["时间说明", "组织单位", "提纲“媒体执行方案”"]
    warnings = print_warnings(rec)
    assert len(warnings) == 1
    assert "时间说明、组织单位、提纲“媒体执行方案”中还有待填写的空白（尚未完成）" in warnings[0]
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    squeezed = text.replace(" ", "").replace("\u3000", "")
    assert "活动时间：年月日" in squeezed  # the date prints as a blank line, no digits
    assert "协办单位：" + BLANK_NAME in squeezed and "媒体支持：" + BLANK_NAME in squeezed
    assert "广告投放时间：年月日起投放" in squeezed and "电台通告：时分播出" in squeezed
    finished = media_plan()
    finished.time_note = "10月8日上午"
    finished.organisers = finished.organisers[:1]
    finished.outline = finished.outline[:3]
    assert print_warnings(finished) == []


def test_the_command_line_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    open_database(db)
    plan_id = save_plan(media_plan())
    close_database()
    out = tmp_path / "p.pdf"
    assert main.main(["export", "plan", "--db", str(db), "--id", str(plan_id), "--out",
                      str(out)]) == 0
    said = capsys.readouterr().err
    assert "注意：时间说明、组织单位、提纲“媒体执行方案”中还有待填写的空白" in said
    assert out.is_file()


@pytest.fixture()
def editor(qtbot: QtBot, db_path: Path) -> PlanEditor:
    plan_id = save_plan(PlanRecord(
        title="口腔保健宣传", start=datetime(2026, 6, 22, 9), end=datetime(2026, 6, 22, 11),
        organisers=[OrganiserRow("主办", "天桥社区卫生服务站"), OrganiserRow("协办", "")]))
    widget = PlanEditor(plan_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.isActiveWindow())  # shortcuts need their window active
    return widget


@OFFSCREEN_WINDOW_NOTES
def test_blanks_typed_with_keys_are_saved_and_flagged(
        qtbot: QtBot, editor: PlanEditor, tmp_path: Path) -> None:
    assert editor.blanks_label.isHidden()
    editor.show_section("组织单位")
    grid = editor.grid("organisers")
    cell = open_cell_editor(grid, 1, "name")
    assert isinstance(cell, QLineEdit)
    qtbot.keyClick(cell, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert cell.text() == BLANK_NAME
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.blanks_label.isHidden())  # Enter commits the cell
    assert not editor.blanks_label.isHidden()
    assert editor.blanks_label.text() == "未完成：1 处待填"
    assert "组织单位" in editor.blanks_label.toolTip()

    editor.show_section("基本信息")
    theme = editor.field_widget("theme")
    assert isinstance(theme, QLineEdit)
    theme.setFocus()
    theme.setText("宣传时间：")
    theme.end(False)
    qtbot.keyClick(theme, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert theme.text() == "宣传时间：" + BLANK_TIME
    qtbot.waitUntil(lambda: editor.blanks_label.text() == "未完成：2 处待填")  # once typing pauses

    editor.show_section("时间与地点")
    button = next(b for b in editor.findChildren(QPushButton)
                  if b.text() == "活动时间待定（打印为空白）")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    out = os.environ.get("CAA_SCREENSHOT_DIR")
    editor.grab().save(str((Path(out) if out else tmp_path) / "plan_blanks_editor.png"))
    assert editor.save()
    rec = load_plan(editor.plan_id())
    assert rec.organisers[1].name == BLANK_NAME
    assert rec.theme == "宣传时间：" + BLANK_TIME
    assert rec.start is None and rec.end is None and rec.time_note == BLANK_DATE
    assert blank_places(rec) == ["活动主题", "时间说明", "组织单位"]
    qtbot.waitUntil(lambda: editor.blanks_label.text() == "未完成：3 处待填")


def test_a_blank_date_keeps_room_to_write_in() -> None:
    """Each ideographic space of a blank takes a character's width on paper, after a lead phrase's
    colon and under the issuer alike (reportlab folded them into one narrow space, so there was no
    room to write the year, the month or the day)."""
    import io

    import pdfplumber

    rec = PlanRecord(title="重阳活动", issuer="青桐社区居民委员会",
                     background=f"活动时间：{BLANK_DATE}上午")
    with pdfplumber.open(io.BytesIO(build_plan_pdf_bytes(rec))) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "：年月日"]
    size = max(c["size"] for c in chars)
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    lines = [sorted(row, key=lambda c: c["x0"]) for row in rows.values()]
    body = next(line for line in lines if line[0]["text"] == "：")
    sign = next(line for line in lines if line[0]["text"] == "年")
    for line in (body, sign):
        xs = {c["text"]: c["x0"] for c in line}
        assert xs["月"] - xs["年"] >= 2.8 * size and xs["日"] - xs["月"] >= 2.8 * size
    assert body[1]["x0"] - body[0]["x0"] >= 2.8 * size  # 　　 between the colon and 年
