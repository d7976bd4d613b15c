"""The 慰问 tab, offscreen, driven with clicks and keys: the timeline marks what is late; a typed-in
beneficiary added through the dialog; the next status, a refused amount and a new amount, the
clerk set; a handed-over row can only be corrected (the row unchanged); each change read back
from the SQLite file and shown in the row's log; the list is lazy (the first page, then more as
the clerk goes down)."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from models.relief import audit
from models.relief.beneficiaries import add_beneficiary, set_status
from models.relief.records import NewBeneficiary, NewCampaign, NewCategory, NewPhase
from models.relief.service import allow_early_handover, create_campaign, set_posting
from ui.context import AppContext
from ui.operations import DataHub
from ui.relief.area import LATE, ReliefArea
from ui.relief.dialogs import ChangeDialog, NewBeneficiaryDialog
from ui.relief.model import COL_NAME, PAGE

TODAY = date.today()


def _campaign(people: int = 3) -> tuple[int, list[int]]:
    audit.set_clerk("李敏")
    rec = create_campaign(NewCampaign(
        "春节送温暖", TODAY - timedelta(days=20), TODAY + timedelta(days=40),
        categories=[NewCategory("低保户", "每户", 50000), NewCategory("困难党员", "每人", 30000)],
        phases=[NewPhase("审核", TODAY - timedelta(days=3), "民政专干"),
                NewPhase("发放", TODAY + timedelta(days=9), "走访组")]))
    ids = [add_beneficiary(rec.id, NewBeneficiary(rec.categories[0].id, name=f"张{i}明",
                                                  building="1幢", room=f"{i + 1}01室")).id
           for i in range(people)]
    return rec.id, ids


@pytest.fixture()
def area(qtbot, db_path: Path) -> Callable[[], ReliefArea]:
    def make() -> ReliefArea:
        widget = ReliefArea(AppContext(DataHub(), db_path))
        qtbot.addWidget(widget)
        widget.resize(1300, 800)
        widget.show()
        return widget

    return make


def _click_row(area: ReliefArea, row: int) -> None:
    rect = area.table.visualRect(area.model.index(row, COL_NAME))
    QTest.mouseClick(area.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _answer(monkeypatch, cls: type, fill: Callable[[QDialog], None]) -> list[QDialog]:
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(cls, "exec", run)
    return seen


def _sql(db: Path, query: str, *args: object) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def test_timeline_marks_what_is_late(area, db_path: Path) -> None:
    _campaign()
    a = area()
    items = [a.timeline.item(i) for i in range(a.timeline.count())]
    assert "已逾期 3 天" in items[0].text() and items[0].foreground().color() == QColor(LATE)
    assert "还剩 9 天" in items[1].text() and items[1].foreground().color() != QColor(LATE)
    assert "3 户（人）" in a.figures.text() and "1500.00" in a.figures.text()


def test_add_a_typed_in_beneficiary(area, db_path: Path, monkeypatch) -> None:
    _campaign(0)
    a = area()

    def fill(d: QDialog) -> None:
        assert isinstance(d, NewBeneficiaryDialog)
        d.name.setText("王小二")
        d.address.setText("3幢 2单元 501室")
        d.reason.setText("独自抚养两个孩子")
        d.category.setCurrentIndex(1)  # 困难党员, per person
        QTest.keyClick(d.size, Qt.Key.Key_Up)  # 2 people
        QTest.keyClicks(d.amount, "30-50")
        _ok(d)
        assert d.result() != QDialog.DialogCode.Accepted and "两个数" in d.error.text()
        d.amount.clear()
        QTest.keyClicks(d.amount, "700")
        _ok(d)

    _answer(monkeypatch, NewBeneficiaryDialog, fill)
    QTest.mouseClick(a.add_button, Qt.MouseButton.LeftButton)
    rows = _sql(db_path, "SELECT name, household, household_size, amount_fen, reason, status "
                         "FROM relief_beneficiary")
    assert rows == [("王小二", "3幢/2单元/501室", 2, 70000, "独自抚养两个孩子", "拟定")]
    assert _sql(db_path, "SELECT clerk, what FROM relief_log WHERE beneficiary_id IS NOT NULL") \
        == [("李敏", "新增")]
    assert a.selected() is not None and a.selected().name == "王小二"
    assert a.log.rowCount() == 1 and a.log.item(0, 2).text() == "新增"


def test_next_status_amount_and_clerk(area, db_path: Path, monkeypatch) -> None:
    _cid, ids = _campaign()
    a = area()
    _click_row(a, 1)
    assert a.selected().id == ids[1]
    _answer(monkeypatch, ChangeDialog, _ok)
    QTest.mouseClick(a.next_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT status FROM relief_beneficiary WHERE id = ?", ids[1]) == [
        ("已核实",)]

    def amount(d: QDialog) -> None:
        d.value.clear()
        QTest.keyClicks(d.value, "650")
        _ok(d)
        assert "原因" in d.error.text()  # no reason, no change
        d.reason.setText("家中新增病人")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, amount)
    QTest.mouseClick(a.amount_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT amount_fen FROM relief_beneficiary WHERE id = ?", ids[1]) == [
        (65000,)]
    log = _sql(db_path, "SELECT clerk, what, old, new, why FROM relief_log WHERE "
                        "beneficiary_id = ? ORDER BY id", ids[1])
    assert log[1:] == [("李敏", "状态", "拟定", "已核实", ""),
                       ("李敏", "金额", "500.00元", "650.00元", "家中新增病人")]
    assert a.log.item(0, 2).text() == "金额" and a.log.item(0, 4).text() == "家中新增病人"

    def clerk(d: QDialog) -> None:
        d.value.setText("赵红")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, clerk)
    QTest.mouseClick(a.clerk_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT value FROM relief_setting") == [("赵红",)]
    assert "赵红" in a.clerk_label.text()


def test_a_refusal_is_shown_and_nothing_is_written(area, db_path: Path, monkeypatch) -> None:
    _cid, ids = _campaign()
    set_status(ids[0], "已核实")
    set_status(ids[0], "已公示")
    set_status(ids[0], "已审批")
    a = area()
    _click_row(a, 0)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *x: errors.append(text) or 0)
    _answer(monkeypatch, ChangeDialog, _ok)
    QTest.mouseClick(a.next_button, Qt.MouseButton.LeftButton)  # 已发放 before any posting
    assert errors and "还没有公示" in errors[0]
    assert _sql(db_path, "SELECT status, locked FROM relief_beneficiary WHERE id = ?",
                ids[0]) == [("已审批", 0)]


def test_a_handed_over_row_is_only_corrected(area, db_path: Path, monkeypatch) -> None:
    cid, ids = _campaign()
    set_posting(cid, TODAY - timedelta(days=3))
    allow_early_handover(cid, "春节提前")
    for s in ("已核实", "已公示", "已审批", "已发放"):
        set_status(ids[2], s)
    before = _sql(db_path, "SELECT * FROM relief_beneficiary WHERE id = ?", ids[2])
    a = area()
    _click_row(a, 2)
    assert not a.amount_button.isEnabled() and not a.next_button.isEnabled()
    assert a.correct_button.isEnabled() and "已锁定" in a.details.text()

    def fill(d: QDialog) -> None:
        d.choice.setCurrentIndex(0)  # 金额
        d.value.setText("应为 450 元")
        d.reason.setText("核对发现多发 50 元，已追回")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, fill)
    QTest.mouseClick(a.correct_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT * FROM relief_beneficiary WHERE id = ?", ids[2]) == before
    assert _sql(db_path, "SELECT what, old, new, why FROM relief_log WHERE beneficiary_id = ? "
                         "ORDER BY id DESC LIMIT 1", ids[2]) == [
        ("更正", "金额", "应为 450 元", "核对发现多发 50 元，已追回")]
    assert a.log.item(0, 2).text() == "更正"


def test_posting_early_hand_over_and_an_objection(area, db_path: Path, monkeypatch) -> None:
    cid, ids = _campaign()
    for s in ("已核实", "已公示"):
        set_status(ids[0], s)
    a = area()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *x: errors.append(text) or 0)

    def posting(d: QDialog) -> None:
        d.value.setText(str(TODAY - timedelta(days=2)))
        d.reason.setText("社区服务站，电话 0571-88123456")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, posting)
    QTest.mouseClick(a.posting_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT posting_start, posting_days, objection_contact FROM "
                         "relief_campaign") == [(str(TODAY - timedelta(days=2)), 7,
                                                 "社区服务站，电话 0571-88123456")]
    assert "公示期" in a.figures.text()
    _click_row(a, 0)

    def objection(d: QDialog) -> None:
        d.value.setText("该户有出租房收入")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, objection)
    QTest.mouseClick(a.objection_button, Qt.MouseButton.LeftButton)
    _answer(monkeypatch, ChangeDialog, _ok)
    QTest.mouseClick(a.next_button, Qt.MouseButton.LeftButton)  # 已审批: refused, open objection
    assert errors and "异议尚未处理完" in errors[-1]

    def outcome(d: QDialog) -> None:
        assert "出租房" in d.choice.currentText()
        d.value.setText("出租房已于去年出售，异议不成立")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, outcome)
    QTest.mouseClick(a.outcome_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT content, outcome FROM relief_objection") == [
        ("该户有出租房收入", "出租房已于去年出售，异议不成立")]
    _answer(monkeypatch, ChangeDialog, _ok)
    QTest.mouseClick(a.next_button, Qt.MouseButton.LeftButton)  # 已审批
    QTest.mouseClick(a.next_button, Qt.MouseButton.LeftButton)  # 已发放: inside the posting
    assert "公示期内不能发放" in errors[-1]

    def early(d: QDialog) -> None:
        d.reason.setText("除夕前须送到，街道同意")
        _ok(d)

    _answer(monkeypatch, ChangeDialog, early)
    QTest.mouseClick(a.early_button, Qt.MouseButton.LeftButton)
    _answer(monkeypatch, ChangeDialog, _ok)
    QTest.mouseClick(a.next_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT status, locked FROM relief_beneficiary WHERE id = ?",
                ids[0]) == [("已发放", 1)]
    whats = [w for (w,) in _sql(db_path, "SELECT what FROM relief_log ORDER BY id")]
    assert whats[-5:] == ["异议", "异议处理", "状态", "提前发放", "状态"]


def test_new_campaign_from_the_dialog(area, db_path: Path, monkeypatch) -> None:
    from ui.relief.campaign_dialog import CampaignDialog

    audit.set_clerk("李敏")
    a = area()

    def fill(d: QDialog) -> None:
        d.title.setText("2027年春节送温暖")
        d.funds.setText("60000")
        d.categories.setPlainText("低保户 每户 500 大米10公斤=60\n困难党员 每人 五百")
        d.phases.setPlainText("2027-01-10 审核 民政专干")
        _ok(d)
        assert d.result() != QDialog.DialogCode.Accepted
        assert "第 2 行" in d.error.text()  # the bad line named, nothing typed lost
        d.categories.setPlainText("低保户 每户 500 大米10公斤=60\n困难党员 每人 500")
        _ok(d)

    _answer(monkeypatch, CampaignDialog, fill)
    QTest.mouseClick(a.new_button, Qt.MouseButton.LeftButton)
    # No relief plan in the file: the campaign stands on its own.
    assert _sql(db_path, "SELECT title, funds_fen, plan_id FROM relief_campaign") == [
        ("2027年春节送温暖", 6_000_000, None)]
    assert _sql(db_path, "SELECT name, basis, amount_fen, goods FROM relief_category") == [
        ("低保户", "每户", 50000, "大米10公斤|6000"), ("困难党员", "每人", 50000, "")]
    assert _sql(db_path, "SELECT name, due, who FROM relief_phase") == [
        ("审核", "2027-01-10", "民政专干")]
    assert "2027年春节送温暖" in a.campaign.currentText() and a.timeline.count() == 1


def test_add_a_resident_from_the_register(area, db_path: Path, monkeypatch) -> None:
    from models.residents.records import ResidentRecord
    from models.residents.service import save_resident

    _campaign(0)
    rid = save_resident(ResidentRecord(name="张三丰", phone="13912345678", building="5幢",
                                       unit="1单元", room="302室")).resident_id
    a = area()

    def fill(d: QDialog) -> None:
        QTest.keyClicks(d.search, "zsf")
        QTest.keyClick(d.search, Qt.Key.Key_Return)
        assert d.results.count() == 1
        rect = d.results.visualItemRect(d.results.item(0))
        QTest.mouseClick(d.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert d.name.text() == "张三丰" and not d.address.isEnabled()
        _ok(d)

    _answer(monkeypatch, NewBeneficiaryDialog, fill)
    QTest.mouseClick(a.add_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT resident_id, name, phone, household FROM relief_beneficiary") \
        == [(rid, "张三丰", "13912345678", "5幢/1单元/302室")]


def test_the_list_is_lazy(area, db_path: Path) -> None:
    _campaign(PAGE + 60)
    a = area()
    assert a.model.rowCount() == PAGE and a.model.total == PAGE + 60
    _click_row(a, 0)
    QTest.keyClick(a.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        QTest.keyClick(a.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert a.model.rowCount() == PAGE + 60
    assert a.selected().name == f"张{PAGE + 59}明"


def test_the_tab_in_the_window_shows_the_campaign(qtbot, db_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui import main_window as mw

    _campaign()
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = mw.MainWindow(AppContext(DataHub(), db_path), settings)
    qtbot.addWidget(window)
    window.show()
    index = [window.tabs.tabText(i) for i in range(window.tabs.count())].index("慰问")
    bar = window.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    relief = window.area("慰问")
    assert isinstance(relief, ReliefArea) and relief.model.rowCount() == 3
    assert "春节送温暖" in relief.campaign.currentText()


def test_import_a_survey_list(area, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    _campaign(0)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "楼栋", "房号", "慰问类别", "家庭人口"])
    ws.append(["李新", "8幢", "808室", "低保户", 2])
    ws.append(["错行", "8幢", "809室", "不存在", 1])
    path = tmp_path / "摸底.xlsx"
    wb.save(path)
    a = area()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *x, **k: (str(path), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *x: shown.append(text) or 0)
    QTest.mouseClick(a.survey_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT name, household, household_size FROM relief_beneficiary") == [
        ("李新", "8幢/808室", 2)]
    assert "已导入 1 户（人）" in shown[0] and "第 3 行 错行" in shown[0]
    assert a.model.rowCount() == 1


def test_mark_a_phase_done(area, db_path: Path, monkeypatch) -> None:
    _campaign()
    a = area()
    assert "已逾期 3 天" in a.timeline.item(0).text()

    def fill(d: QDialog) -> None:
        assert d.choice.count() == 2 and "审核" in d.choice.currentText()
        d.value.setText("昨天")
        _ok(d)  # accepted: the date is read when written

    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *x: errors.append(text) or 0)
    _answer(monkeypatch, ChangeDialog, fill)
    QTest.mouseClick(a.phase_button, Qt.MouseButton.LeftButton)
    assert errors and "看不懂" in errors[0]
    assert _sql(db_path, "SELECT done FROM relief_phase WHERE name = '审核'") == [(None,)]

    def fill_day(d: QDialog) -> None:
        d.value.setText(str(TODAY - timedelta(days=1)))
        _ok(d)

    _answer(monkeypatch, ChangeDialog, fill_day)
    QTest.mouseClick(a.phase_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT done FROM relief_phase WHERE name = '审核'") == [
        (str(TODAY - timedelta(days=1)),)]
    assert "已完成" in a.timeline.item(0).text()
    assert _sql(db_path, "SELECT what, new FROM relief_log WHERE what = '阶段完成'") == [
        ("阶段完成", str(TODAY - timedelta(days=1)))]


def test_flag_a_false_report(area, db_path: Path, monkeypatch) -> None:
    # 认定虚报… with its grounds: stored and logged, shown in the details, the button then off;
    # next year's campaign would name the household (models/relief/checks.py).
    _cid, ids = _campaign()
    a = area()
    _click_row(a, 1)
    assert a.false_button.isEnabled()

    def fill(d: QDialog) -> None:
        d.reason.setText("入户核查发现家有出租房收入，未如实申报")
        _ok(d)

    def empty_enter(d: QDialog) -> None:  # Enter with no grounds: refused in the dialog
        d.show()
        d.reason.setFocus()
        QTest.keyClick(d.reason, Qt.Key.Key_Return)
        assert d.result() != QDialog.DialogCode.Accepted and d.error.text()

    _answer(monkeypatch, ChangeDialog, empty_enter)
    QTest.mouseClick(a.false_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT false_report FROM relief_beneficiary WHERE id = ?",
                ids[1]) == [(0,)]
    _answer(monkeypatch, ChangeDialog, fill)
    QTest.mouseClick(a.false_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT false_report FROM relief_beneficiary WHERE id = ?",
                ids[1]) == [(1,)]
    assert _sql(db_path, "SELECT what, why FROM relief_log WHERE beneficiary_id = ? "
                         "ORDER BY id DESC LIMIT 1", ids[1]) == [
        ("虚报", "入户核查发现家有出租房收入，未如实申报")]
    assert "已认定虚报" in a.details.text() and not a.false_button.isEnabled()
    assert _sql(db_path, "SELECT false_report FROM relief_beneficiary WHERE id = ?",
                ids[0]) == [(0,)]


def test_delete_a_campaign_made_by_mistake(area, db_path: Path, monkeypatch) -> None:
    # A campaign with beneficiaries is refused (nothing written); an empty one goes after 是,
    # and stays after 否.
    cid, _ids = _campaign()
    empty = create_campaign(NewCampaign("建错的活动", TODAY, TODAY + timedelta(days=30),
                                        categories=[NewCategory("低保户", "每户", 50000)],
                                        phases=[])).id
    a = area()
    answers = [QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *x: asked.append(x[2]) or answers.pop(0))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *x: errors.append(text) or 0)
    assert a.select_campaign(cid)
    QTest.mouseClick(a.delete_button, Qt.MouseButton.LeftButton)
    assert errors and "已有慰问对象，不能删除" in errors[0]
    assert _sql(db_path, "SELECT COUNT(*) FROM relief_campaign") == [(2,)]
    assert a.select_campaign(empty)
    answers[:] = [QMessageBox.StandardButton.No]
    QTest.mouseClick(a.delete_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT COUNT(*) FROM relief_campaign") == [(2,)]
    answers[:] = [QMessageBox.StandardButton.Yes]
    QTest.mouseClick(a.delete_button, Qt.MouseButton.LeftButton)
    assert _sql(db_path, "SELECT id FROM relief_campaign") == [(cid,)]
    assert asked[-1].startswith("删除“建错的活动”？")  # the title, not the list's "2　…"
    assert a.campaign.count() == 1 and a.campaign_id() == cid
    assert _sql(db_path, "SELECT what, subject FROM relief_log WHERE what = '删除慰问活动'") == [
        ("删除慰问活动", "建错的活动")]


def test_the_list_in_building_or_stroke_order(area, db_path: Path) -> None:
    # 按楼栋房号 for the visiting round (10幢 after 9幢, 1单元 before 2单元), 按姓氏笔画 to find
    # someone on paper; back to the order entered. Chosen with the keyboard.
    audit.set_clerk("李敏")
    rec = create_campaign(NewCampaign("春节送温暖", TODAY - timedelta(days=20),
                                      TODAY + timedelta(days=40),
                                      categories=[NewCategory("低保户", "每户", 50000)], phases=[]))
    for name, building, unit, room in (("赵强", "10幢", "1单元", "101室"),
                                       ("丁梅", "9幢", "2单元", "302室"),
                                       ("王芳", "9幢", "1单元", "1201室"),
                                       ("白云", "9幢", "1单元", "201室")):
        add_beneficiary(rec.id, NewBeneficiary(rec.categories[0].id, name=name,
                                               building=building, unit=unit, room=room))
    a = area()

    def names() -> list[str]:
        return [a.model.index(r, COL_NAME).data() for r in range(a.model.rowCount())]

    assert names() == ["赵强", "丁梅", "王芳", "白云"]
    a.order.setFocus()
    QTest.keyClick(a.order, Qt.Key.Key_Down)
    assert a.order.currentText() == "按楼栋房号"
    assert names() == ["白云", "王芳", "丁梅", "赵强"]
    QTest.keyClick(a.order, Qt.Key.Key_Down)
    assert a.order.currentText() == "按姓氏笔画"
    assert names() == ["丁梅", "王芳", "白云", "赵强"]  # 丁 2 strokes, 王 4, 白 5, 赵 9
    _click_row(a, 2)
    assert a.selected() is not None and a.selected().name == "白云"
    QTest.keyClick(a.order, Qt.Key.Key_Home)
    assert names() == ["赵强", "丁梅", "王芳", "白云"]
