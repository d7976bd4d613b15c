"""The 报名签到 area and the check-in mode, offscreen: the waitlist moves when a sign-up is
cancelled in the GUI (the promoted row highlighted), rules broken ask for a note, duplicates
refused; Enter checks in, a second check-in is refused with the first time, undo."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from models.signups import checkin
from models.signups.records import NewSignup
from models.signups.rules import CANCELLED, REGISTERED, WAITLIST
from models.signups.service import list_signups, sign_up
from tests.signup_factory import make_activity, make_resident
from ui.context import AppContext
from ui.operations import DataHub
from ui.signups.area import SignupsArea
from ui.signups.checkin_mode import CheckInMode
from ui.signups.model import COL_NAME, COL_STATUS, PROMOTED_BG

NOW = datetime(2026, 10, 10, 9, 0)


@pytest.fixture()
def area(qtbot, db_path: Path) -> SignupsArea:
    widget = SignupsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    return widget


def _errors(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: seen.append(text) or 0)
    return seen


def test_cancel_in_gui_moves_the_waitlist_and_highlights(qtbot, db_path: Path, monkeypatch) -> None:
    plan = make_activity(capacity=2)
    for name in ("甲一", "乙二", "丙三", "丁四"):
        sign_up(plan, NewSignup(name=name, phone="13800001111"), now=NOW)
    area = SignupsArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    assert area.select_activity(plan)
    assert "候补 2 人" in area.counts.text()
    area.table.selectRow(0)  # 甲一
    area.cancel_selected(reason="临时有事")
    statuses = {r.name: r.status for r in list_signups(plan)}
    assert statuses == {"甲一": CANCELLED, "乙二": REGISTERED, "丙三": REGISTERED, "丁四": WAITLIST}
    row = area.model.row_of(next(r.id for r in list_signups(plan) if r.name == "丙三"))
    brush = area.model.data(area.model.index(row, COL_NAME), Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color() == PROMOTED_BG
    assert area.selected().name == "丙三"
    assert area.banner.isVisibleTo(area) and "丙三" in area.banner.text()
    assert "候补 1 人" in area.counts.text()
    area.mark_selected_phoned()
    assert area.model.data(area.model.index(row, COL_NAME), Qt.ItemDataRole.BackgroundRole) is None


def test_search_residents_and_sign_up_with_override(qtbot, area: SignupsArea, monkeypatch) -> None:
    plan = make_activity(min_age=60)
    make_resident("张三丰", date(1990, 1, 1), phone="13912345678")
    area.load_activities()
    area.select_activity(plan)
    area.search.setText("zsf")
    area.run_search()
    assert area.results.count() == 1 and area.results.item(0).text().startswith("张三丰")
    def answer(dialog: QDialog) -> int:
        assert not dialog.ok.isEnabled()  # no note, no override
        dialog.note.setText("主任同意")
        assert dialog.ok.isEnabled()
        return QDialog.DialogCode.Accepted

    from ui.signups.override_dialog import OverrideDialog

    monkeypatch.setattr(OverrideDialog, "exec", answer)
    area.add_selected()
    recs = list_signups(plan)
    assert len(recs) == 1 and recs[0].override_note == "主任同意"
    # The same resident again: refused, the existing row selected.
    errors = _errors(monkeypatch)
    area.add_selected()
    assert len(list_signups(plan)) == 1
    assert "已经报名了本活动" in errors[0] and area.selected().id == recs[0].id


def test_export_runs_in_background(qtbot, area: SignupsArea, tmp_path: Path) -> None:
    plan = make_activity(capacity=None)
    sign_up(plan, NewSignup(name="王五", phone="13900001234"), now=NOW)
    area.load_activities()
    area.select_activity(plan)
    out = tmp_path / "签到表.pdf"
    area.export("signin_pdf", out)
    qtbot.waitUntil(lambda: area.last_export.result is not None, timeout=20000)
    assert area.last_export.result.ok and out.read_bytes()[:5] == b"%PDF-"


def test_check_in_mode_enter_refuse_undo(qtbot, db_path: Path, monkeypatch) -> None:
    plan = make_activity(capacity=None)
    for name, phone in (("李明", "13911112222"), ("王五", "13900001234")):
        sign_up(plan, NewSignup(name=name, phone=phone), now=NOW)
    hub = DataHub()
    mode = CheckInMode(plan, "测试活动", hub)
    qtbot.addWidget(mode)
    assert mode.counter.text() == "已签到 0 / 应到 2"
    with qtbot.waitSignal(hub.changed):
        mode.search.setText("lm")
        qtbot.keyClick(mode.search, Qt.Key.Key_Return)
    assert "李明 签到成功" in mode.message.text()
    assert mode.counter.text() == "已签到 1 / 应到 2" and mode.search.text() == ""
    mode.search.setText("李明")
    qtbot.keyClick(mode.search, Qt.Key.Key_Return)
    assert "已于" in mode.message.text() and "不能重复签到" in mode.message.text()
    assert mode.counter.text() == "已签到 1 / 应到 2"
    mode.search.setText("1234")
    qtbot.keyClick(mode.search, Qt.Key.Key_Return)
    assert mode.counter.text() == "已签到 2 / 应到 2"
    qtbot.mouseClick(mode.undo_button, Qt.MouseButton.LeftButton)
    assert "已撤销 王五" in mode.message.text()
    assert checkin.attendance(plan).attended == 1


def test_check_in_mode_walk_in(qtbot, db_path: Path, monkeypatch) -> None:
    plan = make_activity(capacity=None)
    mode = CheckInMode(plan, "测试活动", DataHub())
    qtbot.addWidget(mode)
    from ui.signups.walkin_dialog import WalkInDialog

    def fill(dialog: WalkInDialog) -> int:
        dialog.name.setText("路人甲")
        dialog.phone.setText("13800009999")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", fill)
    mode.walk_in()
    assert mode.counter.text() == "已签到 1 / 应到 1"
    assert mode.recent.item(0).text().endswith("路人甲")


def test_main_window_has_the_area(qtbot, db_path: Path) -> None:
    from ui.main_window import AREAS

    assert "报名签到" in [title for title, _f in AREAS]


def test_check_in_mode_several_matches_pick_one(qtbot, db_path: Path) -> None:
    plan = make_activity(capacity=None)
    for name in ("李明", "李敏"):
        sign_up(plan, NewSignup(name=name, phone="13900000000"), now=NOW)
    mode = CheckInMode(plan, "测试活动", DataHub())
    qtbot.addWidget(mode)
    mode.search.setText("lm")
    qtbot.keyClick(mode.search, Qt.Key.Key_Return)
    assert mode.matches.isVisibleTo(mode) and mode.matches.count() == 2
    mode.matches.setCurrentRow(1)
    qtbot.keyClick(mode.matches, Qt.Key.Key_Return)
    assert "李敏 签到成功" in mode.message.text()
    assert mode.counter.text() == "已签到 1 / 应到 2"


def test_details_link_and_figures(qtbot, area: SignupsArea, monkeypatch) -> None:
    from ui.signups.details_dialog import SignupDetailsDialog

    plan = make_activity(capacity=1)
    sign_up(plan, NewSignup(name="张三", phone="13800001111"), now=NOW)
    sign_up(plan, NewSignup(name="李四"), now=NOW)
    rid = make_resident("张三", phone="13912345678")
    area.load_activities()
    area.select_activity(plan)
    notes = [area.model.data(area.model.index(r, 7)) for r in range(2)]
    assert "未关联居民" in notes[0] and "候补第 1 位" in notes[1]
    area.table.selectRow(0)

    def fill(dialog: SignupDetailsDialog) -> int:
        dialog.companions.setText("张小 子女 4岁")
        dialog.fee.setValue(30)
        dialog.receipt.setText("SJ001")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignupDetailsDialog, "exec", fill)
    area.edit_selected()
    rec = list_signups(plan)[0]
    assert (rec.fee_paid_fen, rec.receipt_no, rec.companions_text()) == (3000, "SJ001",
                                                                       "张小（子女，4岁）")
    area.search.setText("张三")
    area.run_search()
    area.table.selectRow(0)
    area.link_selected()
    assert list_signups(plan)[0].resident_id == rid
    area.show_figures()
    assert "报名 1 人" in area.figures_box.text() and "候补 1 人" in area.figures_box.text()
    area.figures_box.close()


def test_after_the_day_the_figures_offer_to_mark_no_shows(qtbot, area: SignupsArea) -> None:
    from models.signups.rules import ATTENDED, NO_SHOW
    from models.signups.service import signup_log

    past = make_activity("重阳节登山活动", start=datetime(2026, 10, 29, 9, 0))
    for name in ("张三丰", "李四", "王五"):
        sign_up(past, NewSignup(name=name), now=NOW)
    checkin.check_in(past, "张三丰", now=datetime(2026, 10, 29, 8, 40))
    area.load_activities()
    area.select_activity(past)
    area.show_figures()
    button = area.no_show_button
    assert button is not None and "2 人" in button.text()
    button.click()
    by_name = {r.name: r for r in list_signups(past)}
    assert by_name["张三丰"].status == ATTENDED
    assert by_name["李四"].status == NO_SHOW and by_name["王五"].status == NO_SHOW
    assert signup_log(by_name["李四"].id)[-1].note == "活动结束未签到"
    shown = {area.model.data(area.model.index(r, COL_NAME)):
             area.model.data(area.model.index(r, COL_STATUS)) for r in range(3)}
    assert shown == {"张三丰": ATTENDED, "李四": NO_SHOW, "王五": NO_SHOW}  # the list reloaded
    area.show_figures()  # nobody left to mark
    assert area.no_show_button is None
    area.figures_box.close()

    coming = make_activity("以后的活动", start=datetime(2099, 10, 18, 9, 0))
    sign_up(coming, NewSignup(name="赵六"), now=NOW)
    area.load_activities()
    area.select_activity(coming)
    area.show_figures()
    assert area.no_show_button is None  # before the day they may still come
    area.figures_box.close()
