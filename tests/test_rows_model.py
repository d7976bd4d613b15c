"""The generic rows model: Qt's model checks, conversions per kind, and row operations."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, QModelIndex, QPersistentModelIndex, Qt, QTime

from models.plans.records import (
    AgendaRow,
    BudgetRow,
    MaterialRow,
    PhaseRow,
    PublicityRow,
)
from ui.plans.fields import FieldSpec
from ui.widgets.rows_model import RowsModel

AMOUNT = FieldSpec("amount_fen", "金额（元）", "money", read_only=True)
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


def budget_model(qtbot) -> RowsModel:
    rows = [
        BudgetRow("矿泉水", 60, "瓶", 150, "社区提供"),
        BudgetRow("遮阳帽", 50, "顶", 1200, "赞助", 55000),
    ]
    return RowsModel(BudgetRow, rows, [("unit_price_fen", AMOUNT)])


@pytest.mark.parametrize(
    "row_type, rows",
    [
        (BudgetRow, [BudgetRow("水", 60, "瓶", 150),
                     BudgetRow("帽子", 2.5, "顶", 1200, actual_fen=3)]),
        (AgendaRow, [AgendaRow(datetime(2026, 10, 18, 8, 30), None, "签到", "广场", "王丽")]),
        (PublicityRow, [PublicityRow("社区公众号", "活动预告", deadline=date(2026, 10, 10))]),
        (MaterialRow, [MaterialRow("横幅", "1", ready=True), MaterialRow("矿泉水")]),
        (PhaseRow, [PhaseRow("准备", date(2026, 10, 1), None)]),
        (AgendaRow, []),
    ],
)
def test_model_passes_qt_model_checks(qtmodeltester, row_type, rows) -> None:
    model = RowsModel(row_type, rows)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_model_checks_survive_row_operations(qtmodeltester) -> None:
    model = RowsModel(AgendaRow, [AgendaRow(what=str(i)) for i in range(4)])
    qtmodeltester.check(model)
    model.add_row()
    model.add_row(0)
    model.move_row(0, 1)
    model.move_row(5, -1)
    model.remove_rows([1, 3])
    assert [r.what for r in model.rows()] == ["0", "1", "", "3"]


def test_headers_are_the_chinese_labels_and_computed_columns_sit_in_place(qtbot) -> None:
    model = budget_model(qtbot)
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(c, horizontal, DISPLAY) for c in range(model.columnCount())]
    assert headers == ["项目", "数量", "单位", "单价（元）", "金额（元）", "承担方",
                       "实际支出（元）", "备注"]
    assert model.headerData(0, Qt.Orientation.Vertical, DISPLAY) == "1"


def test_money_shows_as_yuan_and_parses_back(qtbot) -> None:
    model = budget_model(qtbot)
    price = model.index(0, model.column_of("unit_price_fen"))
    amount = model.index(0, model.column_of("amount_fen"))
    assert price.data(DISPLAY) == "1.50"
    assert amount.data(DISPLAY) == "90.00"
    with qtbot.waitSignal(model.changed):
        assert model.setData(price, "２元")  # full-width digits and 元, as clerks type them
    assert model.rows()[0].unit_price_fen == 200
    assert amount.data(DISPLAY) == "120.00"


def test_bad_money_is_refused_with_a_message_and_keeps_the_value(qtbot) -> None:
    model = budget_model(qtbot)
    price = model.index(1, model.column_of("unit_price_fen"))
    with qtbot.waitSignal(model.invalidInput) as blocker:
        assert not model.setData(price, "12元50")
    assert "角还是分" in blocker.args[0]
    assert model.rows()[1].unit_price_fen == 1200
    for text in ("-5", "1.005", "12 50"):
        assert not model.setData(price, text)
    assert model.rows()[1].unit_price_fen == 1200
    assert model.setData(price, "12元5角")  # twelve yuan five jiao, read exactly
    assert model.rows()[1].unit_price_fen == 1250


def test_optional_money_can_be_emptied(qtbot) -> None:
    model = budget_model(qtbot)
    actual = model.index(1, model.column_of("actual_fen"))
    assert actual.data(DISPLAY) == "550.00"
    assert model.clear_cell(actual)
    assert model.rows()[1].actual_fen is None
    assert actual.data(DISPLAY) == ""
    price = model.index(1, model.column_of("unit_price_fen"))
    assert model.clear_cell(price)
    assert model.rows()[1].unit_price_fen == 0  # not optional: blank means zero


def test_computed_column_is_read_only(qtbot) -> None:
    model = budget_model(qtbot)
    amount = model.index(0, model.column_of("amount_fen"))
    assert not model.flags(amount) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(amount, "5")


def test_dates_and_datetimes_round_trip_through_qt_types(qtbot) -> None:
    model = RowsModel(AgendaRow, [AgendaRow()])
    start = model.index(0, model.column_of("start"))
    assert start.data(DISPLAY) == ""
    assert not start.data(EDIT).isValid()
    assert model.setData(start, QDateTime(QDate(2026, 10, 18), QTime(8, 30)))
    assert model.rows()[0].start == datetime(2026, 10, 18, 8, 30)
    assert start.data(DISPLAY) == "2026-10-18 08:30"
    assert model.clear_cell(start)
    assert model.rows()[0].start is None

    dates = RowsModel(PublicityRow, [PublicityRow()])
    deadline = dates.index(0, dates.column_of("deadline"))
    assert dates.setData(deadline, QDate(2026, 10, 10))
    assert dates.rows()[0].deadline == date(2026, 10, 10)
    assert deadline.data(DISPLAY) == "2026-10-10"
    assert deadline.data(EDIT) == QDate(2026, 10, 10)


def test_bool_is_a_check_state(qtbot) -> None:
    model = RowsModel(MaterialRow, [MaterialRow("横幅")])
    ready = model.index(0, model.column_of("ready"))
    assert model.flags(ready) & Qt.ItemFlag.ItemIsUserCheckable
    assert ready.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(ready, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.rows()[0].ready is True


def test_numbers_accept_text_and_refuse_nonsense(qtbot) -> None:
    model = budget_model(qtbot)
    quantity = model.index(0, model.column_of("quantity"))
    assert model.setData(quantity, "2.5")
    assert model.rows()[0].quantity == 2.5
    assert quantity.data(DISPLAY) == "2.5"
    assert not model.setData(quantity, "两箱")
    assert model.rows()[0].quantity == 2.5


def test_add_remove_move_rows_emit_the_right_signals(qtbot) -> None:
    rows = [AgendaRow(what="签到"), AgendaRow(what="致辞"), AgendaRow(what="登山")]
    model = RowsModel(AgendaRow, rows)
    with qtbot.waitSignals([model.rowsInserted, model.changed]):
        assert model.add_row(1) == 1
    assert [r.what for r in rows] == ["签到", "", "致辞", "登山"]  # the given list, in place
    with qtbot.waitSignals([model.rowsMoved, model.changed]):
        assert model.move_row(3, -1) == 2
    assert [r.what for r in rows] == ["签到", "", "登山", "致辞"]
    with qtbot.waitSignal(model.rowsMoved):
        assert model.move_row(0, 1) == 1
    assert [r.what for r in rows] == ["", "签到", "登山", "致辞"]
    assert model.move_row(3, 1) == 3  # already last: stays
    assert model.move_row(0, -1) == 0
    with qtbot.waitSignals([model.rowsRemoved, model.changed]):
        model.remove_rows([0, 2])
    assert [r.what for r in rows] == ["签到", "致辞"]
    assert model.rowCount() == 2


def test_flagged_rows_get_a_background_and_follow_removals(qtbot) -> None:
    model = RowsModel(AgendaRow, [AgendaRow(what=str(i)) for i in range(3)])
    model.set_flagged({2})
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    model.remove_rows([0])
    assert model.flagged() == {1}


def test_rows_of_nested_records_hide_the_nested_list(qtbot) -> None:
    model = RowsModel(PhaseRow, [PhaseRow("准备")])
    names = [s.name for s in model.specs()]
    assert "tasks" not in names
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.rowCount(QModelIndex()) == 1


def test_sorting_rows_keeps_qt_consistent_and_the_list_in_place(qtmodeltester) -> None:
    rows = [AgendaRow(what="c"), AgendaRow(what="a"), AgendaRow(what="b")]
    model = RowsModel(AgendaRow, rows)
    qtmodeltester.check(model)
    keep = QPersistentModelIndex(model.index(0, 2))  # the row "c"
    model.set_flagged({0})
    model.sort_rows(lambda r: r.what)
    assert [r.what for r in rows] == ["a", "b", "c"]
    assert keep.row() == 2
    assert model.flagged() == {2}
