"""The plans area and main window, offscreen, on a real data file."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QStandardItem
from PySide6.QtWidgets import QLineEdit, QMessageBox

from models.common.changes import Changes
from models.plans.records import PlanRecord
from models.plans.service import list_plans, load_plan, save_plan
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub
from ui.plans.area import PlansArea
from ui.plans.list_model import COL_START, COL_STATUS, COL_TITLE, ID_ROLE, PlansListModel

PLANS = [
    ("重阳节敬老爱老活动方案", "重阳敬老", "已批准", datetime(2025, 10, 29, 9)),
    ("社区义诊进万家", "义诊与健康讲座", "草稿", datetime(2026, 4, 8, 9)),
    ("三八妇女节联谊会", "三八妇女节", "已结束", datetime(2025, 3, 8, 14)),
    ("亲子早教绘本课堂", "亲子早教", "草稿", None),
]


@pytest.fixture()
def plans(db_path: Path) -> dict[str, int]:
    return {
        title: save_plan(PlanRecord(title=title, category=cat, status=st, start=start))
        for title, cat, st, start in PLANS
    }


@pytest.fixture()
def area(qtbot, plans: dict[str, int], db_path: Path) -> PlansArea:
    widget = PlansArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(widget)
    return widget


def titles(model: PlansListModel) -> list[str]:
    return [model.plan_at(r).title for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, plans: dict[str, int]) -> None:
    model = PlansListModel()
    model.refresh()
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_model_rows_and_sorting(plans: dict[str, int]) -> None:
    model = PlansListModel()
    model.refresh()
    # The query's order: newest start first, undated last.
    assert titles(model) == ["社区义诊进万家", "重阳节敬老爱老活动方案", "三八妇女节联谊会",
                             "亲子早教绘本课堂"]
    assert model.index(0, COL_START).data() == "2026-04-08 09:00"
    assert model.index(3, COL_START).data() == "未定"
    assert model.index(0, 0).data(ID_ROLE) == plans["社区义诊进万家"]
    assert model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == "状态"
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)  # pinyin: chong, qin, san, she
    assert titles(model) == ["重阳节敬老爱老活动方案", "亲子早教绘本课堂", "三八妇女节联谊会",
                             "社区义诊进万家"]
    model.sort(COL_STATUS, Qt.SortOrder.AscendingOrder)  # the order of STATUSES
    assert [model.plan_at(r).status for r in range(4)] == ["草稿", "草稿", "已批准", "已结束"]
    model.refresh()  # a refresh keeps the chosen sort
    assert [model.plan_at(r).status for r in range(4)] == ["草稿", "草稿", "已批准", "已结束"]


def test_search_and_filters_narrow_the_list(qtbot, area: PlansArea) -> None:
    assert area.model.rowCount() == 4
    area.search.setText("敬老")
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=2000)
    assert titles(area.model) == ["重阳节敬老爱老活动方案"]
    area.search.setText("")
    qtbot.waitUntil(lambda: area.model.rowCount() == 4, timeout=2000)

    area.status_filter.setCurrentIndex(area.status_filter.findData("草稿"))
    assert sorted(titles(area.model)) == sorted(["社区义诊进万家", "亲子早教绘本课堂"])
    area.status_filter.setCurrentIndex(0)
    area.category_filter.setCurrentIndex(area.category_filter.findData("三八妇女节"))
    assert titles(area.model) == ["三八妇女节联谊会"]
    area.category_filter.setCurrentIndex(0)
    years = [area.year_filter.itemData(i) for i in range(area.year_filter.count())]
    assert years == [None, 2026, 2025]
    area.year_filter.setCurrentIndex(area.year_filter.findData(2025))
    assert sorted(titles(area.model)) == sorted(["重阳节敬老爱老活动方案", "三八妇女节联谊会"])
    assert area.count_label.text() == "共 2 个方案"
    area.search.setText("义诊")  # combined with the year: nothing
    qtbot.waitUntil(lambda: area.model.rowCount() == 0, timeout=2000)
    assert area.count_label.text() == "没有符合条件的方案"


def test_search_is_debounced(qtbot, area: PlansArea) -> None:
    area.search.setText("义")
    area.search.setText("义诊")
    assert area.model.rowCount() == 4  # not yet queried while typing
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=2000)


def test_open_plan_opens_a_tab_and_reopening_focuses_it(qtbot, area: PlansArea, plans) -> None:
    a, b = plans["社区义诊进万家"], plans["三八妇女节联谊会"]
    editor_a = area.open_plan(a)
    assert area.tabs.count() == 1 and editor_a.plan_id() == a
    area.open_plan(b)
    assert area.tabs.count() == 2 and area.tabs.currentWidget().plan_id() == b
    assert area.open_plan(a) is editor_a
    assert area.tabs.count() == 2 and area.tabs.currentWidget() is editor_a
    assert area.tabs.tabText(area.tabs.indexOf(editor_a)) == "社区义诊进万家"
    assert area.current_id() == a  # the list follows the focused plan


def test_double_click_opens(qtbot, area: PlansArea, plans) -> None:
    row = area.model.row_of(plans["亲子早教绘本课堂"])
    area.table.activated.emit(area.model.index(row, 0))
    assert area.tabs.count() == 1
    assert area.tabs.currentWidget().plan_id() == plans["亲子早教绘本课堂"]


def _title_edit(editor, title: str) -> QLineEdit:
    edits = [e for e in editor.findChildren(QLineEdit) if e.text() == title]
    assert edits, "the editor shows the plan's title in a line edit"
    return edits[0]


def _window(qtbot, db_path: Path, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(DataHub(), db_path), settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_closing_with_a_dirty_editor_asks_and_cancel_keeps_it(
    qtbot, plans, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    window = _window(qtbot, db_path, tmp_path)
    assert window.windowTitle() == "社区活动助手 — test.db"
    area = window.area("活动方案")
    pid = plans["社区义诊进万家"]
    editor = area.open_plan(pid)
    _title_edit(editor, "社区义诊进万家").setText("社区义诊进万家（改）")
    assert editor.is_dirty()
    assert area.tabs.tabText(0).endswith("*")

    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window.close()
    assert asked and "社区义诊进万家（改）" in asked[0]
    assert window.isVisible() and area.tabs.count() == 1 and editor.is_dirty()
    assert load_plan(pid).title == "社区义诊进万家"

    # Answering 保存 saves, then the window closes and nothing is lost.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    window.close()
    assert not window.isVisible()
    assert load_plan(pid).title == "社区义诊进万家（改）"


def test_tab_close_asks_only_when_dirty(qtbot, area: PlansArea, plans, monkeypatch) -> None:
    editor = area.open_plan(plans["社区义诊进万家"])
    _title_edit(editor, "社区义诊进万家").setText("改过的标题")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    area.tabs.tabCloseRequested.emit(0)
    assert area.tabs.count() == 1
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    area.tabs.tabCloseRequested.emit(0)
    assert area.tabs.count() == 0 and area.editors == {}
    assert load_plan(plans["社区义诊进万家"]).title == "社区义诊进万家"


def test_editor_save_refreshes_the_list(qtbot, area: PlansArea, plans) -> None:
    editor = area.open_plan(plans["社区义诊进万家"])
    _title_edit(editor, "社区义诊进万家").setText("社区义诊进万家2026")
    assert editor.save()
    assert "社区义诊进万家2026" in titles(area.model)


def test_delete_asks_and_goes_through_models(qtbot, area: PlansArea, plans, monkeypatch) -> None:
    pid = plans["三八妇女节联谊会"]
    area.open_plan(pid)
    area.select_plan(pid)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    area.delete_current()
    assert len(list_plans()) == 4 and area.tabs.count() == 1

    def press_delete(box: QMessageBox) -> int:
        button = next(b for b in box.buttons() if b.text() == "删除")
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_delete)
    area.delete_current()
    assert [p.id for p in list_plans() if p.id == pid] == []
    assert area.model.row_of(pid) == -1 and area.tabs.count() == 0


def test_status_change_reloads_an_open_editor(qtbot, area: PlansArea, plans) -> None:
    pid = plans["社区义诊进万家"]
    area.open_plan(pid)
    area.select_plan(pid)
    area.change_status("已提交")
    assert load_plan(pid).status == "已提交"
    assert area.editors[pid].record().status == "已提交"  # a later save cannot undo it
    assert area.model.plan_at(area.model.row_of(pid)).status == "已提交"


def test_empty_state_then_list(qtbot, db_path: Path) -> None:
    hub = DataHub()
    area = PlansArea(AppContext(hub, db_path))
    qtbot.addWidget(area)
    assert area.pages.currentIndex() == 1  # the hint with its buttons
    assert area.empty_template_button.text() == "从模板新建"
    save_plan(PlanRecord(title="新方案"))
    hub.announce(Changes(plans=True))
    assert area.pages.currentIndex() == 0 and area.model.rowCount() == 1


def test_unknown_plan_shows_one_message(qtbot, area: PlansArea, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    assert area.open_plan(99999) is None
    assert shown == ["找不到编号为 99999 的活动方案。"] and area.tabs.count() == 0


def test_template_dialog_lists_templates_and_returns_the_choice(qtbot) -> None:
    from models.plans.templates import list_templates
    from ui.plans.template_dialog import TemplateDialog

    infos = list_templates()
    dialog = TemplateDialog(infos, year=2027)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(infos) >= 2
    dialog.list.setCurrentRow(1)
    assert infos[1].category in dialog.list.item(1).text()
    assert infos[1].description[:10] in dialog.description.text()
    assert dialog.choice() == (infos[1].key, 2027)
    plain = TemplateDialog(infos)
    qtbot.addWidget(plain)
    plain.list.setCurrentRow([i.festival for i in infos].index(""))
    assert plain.year.value() == datetime.now().year  # no festival: this year


def test_new_from_template_and_copy_to_year(qtbot, area: PlansArea, monkeypatch) -> None:
    import ui.plans.copy_dialog
    import ui.plans.template_dialog
    from models.plans.templates import list_templates

    key = list_templates()[0].key
    monkeypatch.setattr(ui.plans.template_dialog, "choose_template", lambda parent: (key, 2027))
    new_id = area.new_from_template()
    rec = load_plan(new_id)
    assert rec.start is not None and rec.start.year == 2027
    assert area.tabs.currentWidget().plan_id() == new_id and area.current_id() == new_id
    assert 2027 in [area.year_filter.itemData(i) for i in range(area.year_filter.count())]

    monkeypatch.setattr(ui.plans.copy_dialog, "choose_year", lambda parent, title, year: year + 1)
    copy_id = area.copy_to_year()
    copy = load_plan(copy_id)
    assert copy_id != new_id and copy.start.year == 2028 and copy.category == rec.category
    assert area.tabs.count() == 2 and area.tabs.currentWidget().plan_id() == copy_id


def test_new_blank_plan_asks_its_title(qtbot, area: PlansArea, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("端午包粽子活动", True))
    pid = area.new_plan()
    assert load_plan(pid).title == "端午包粽子活动" and area.tabs.currentWidget().plan_id() == pid
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert area.new_plan() is None


def test_export_pdf_runs_in_the_background_and_writes_the_file(
    qtbot, area: PlansArea, plans, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "重阳.pdf"
    suggested: list[str] = []

    def save_as(parent, caption, proposed, filters):
        suggested.append(proposed)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    done: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: done.append(box.text()) or 0)
    area.select_plan(plans["重阳节敬老爱老活动方案"])
    area.export_pdf()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert suggested[0].endswith("重阳节敬老爱老活动方案.pdf")
    assert out.read_bytes()[:5] == b"%PDF-" and str(out) in done[0]


def test_demo_from_the_empty_state_fills_the_list(qtbot, db_path: Path, monkeypatch) -> None:
    hub = DataHub()
    area = PlansArea(AppContext(hub, db_path))
    qtbot.addWidget(area)
    assert area.pages.currentIndex() == 1
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]))
    area.empty_demo_button.click()  # an empty file: no question
    qtbot.waitUntil(lambda: area.pages.currentIndex() == 0, timeout=20000)
    n = area.model.rowCount()
    assert n >= 5 and asked == []
    # With plans present it asks first; answering No adds nothing.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    area.make_demo()
    assert asked and f"已有 {n} 个方案" in asked[0] and len(list_plans()) == n


def test_window_remembers_its_geometry(qtbot, db_path: Path, tmp_path: Path) -> None:
    first = _window(qtbot, db_path, tmp_path)
    first.resize(900, 700)  # within the 800x800 offscreen screen's reach
    first.close()
    second = _window(qtbot, db_path, tmp_path)
    assert (second.width(), second.height()) == (900, 700)  # not the default 1400x860
    menu = second.menuBar().actions()[0].menu()
    menu.aboutToShow.emit()  # as opening it does: areas not built yet are built for the menu
    menu_texts = [a.text() for a in menu.actions() if a.text()]
    assert menu_texts == ["新建方案…", "从模板新建…", "复制方案到其他年份…", "导入方案文件…",
                          "导出方案文件…", "导出 PDF…", "导出 Word…",
                          "生成演示数据", "导入居民名册…", "撤销上次导入…", "导出居民名册…",
                          "导出志愿服务台帐…", "导出志愿者登记表…", "出具志愿服务记录证明…",
                          "打印…", "备份与恢复…", "清理旧个人信息…", "退出"]


def test_window_stays_open_while_a_task_runs(qtbot, db_path: Path, tmp_path: Path,
                                             monkeypatch) -> None:
    import threading

    from ui.operations import run_task

    window = _window(qtbot, db_path, tmp_path)
    release = threading.Event()
    task = run_task(window, "导出", lambda progress: release.wait(10))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window.close()
    assert window.isVisible() and told and "正在进行" in told[0]
    release.set()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=5000)
    window.close()
    assert not window.isVisible()


def test_restore_drops_open_editors_and_reloads(qtbot, plans, db_path: Path,
                                                tmp_path: Path) -> None:
    from models.datafile import backup as bk
    from models.datafile.restore import restore_from
    from models.plans.service import delete_plan

    window = _window(qtbot, db_path, tmp_path)
    area = window.area("活动方案")
    bk.backup_now(db_path)
    pid = plans["社区义诊进万家"]
    delete_plan(plans["亲子早教绘本课堂"])
    area.refresh()
    area.open_plan(pid)
    assert area.model.rowCount() == 3
    restore_from(db_path, bk.list_backups(db_path)[0].path)
    window.on_data_replaced()  # what the backups dialog's data_replaced triggers
    assert area.tabs.count() == 0 and area.model.rowCount() == 4


def test_status_change_of_a_background_tab_keeps_the_focused_tab(qtbot, area: PlansArea,
                                                                   plans) -> None:
    a, b = plans["社区义诊进万家"], plans["三八妇女节联谊会"]
    area.open_plan(a)
    editor_b = area.open_plan(b)
    area.table.selectRow(area.model.row_of(a))  # list selection on a, tab b in front
    area.tabs.setCurrentWidget(editor_b)
    area.change_status("已取消")
    assert area.tabs.currentWidget() is editor_b
    assert [area.tabs.widget(i).plan_id() for i in range(area.tabs.count())] == [a, b]
    assert area.editors[a].record().status == "已取消"


def test_list_shows_its_order_and_keeps_del_to_itself(qtbot, area: PlansArea) -> None:
    header = area.table.horizontalHeader()
    # The arrow on 开始时间, pointing down: the query's order, newest first.
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == COL_START
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert area.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    # Del deletes a plan only from the list, never while typing in a field of the area.
    assert area.act_delete.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert area.act_delete.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Delete)) \
        == QKeySequence.SequenceMatch.ExactMatch
    assert area.act_new.shortcut().toString() == "Ctrl+N"
    assert area.act_new.shortcutContext() == Qt.ShortcutContext.WindowShortcut


def test_list_keeps_no_python_handles_on_its_cells(qtbot, plans: dict[str, int]) -> None:
    # Cells made in Python stay wrapped while the model lives, also once a refresh has deleted
    # them; a new Qt object later made at a freed cell's address was then handed out as that
    # stale QStandardItem (a flaky "'QStandardItem' object has no attribute
    # 'currentRowChanged'" in the plan editor). The model's cells are made by Qt alone.
    import shiboken6

    def wrapped_items() -> int:
        return sum(isinstance(w, QStandardItem) for w in shiboken6.Shiboken.getAllValidWrappers())

    before = wrapped_items()
    model = PlansListModel()
    for _ in range(3):
        model.refresh()
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    model.refresh()
    assert model.rowCount() == 4 and model.index(0, 0).data(ID_ROLE) is not None
    assert wrapped_items() - before <= 1  # the prototype every cell is made from


def test_export_pdf_asks_first_when_placeholders_are_left(
    qtbot, area: PlansArea, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    plan_id = save_plan(PlanRecord(title="重阳活动", issuer="××街道办事处"))
    area.refresh()
    out = tmp_path / "p.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), a[-1]))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    area.select_plan(plan_id)
    area.export_pdf()
    assert asked and "××" in asked[0] and "落款单位" in asked[0]
    assert not out.exists()  # answered No: nothing written
    done: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: done.append(box.text()) or 0)
    area.export_pdf()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert out.read_bytes()[:5] == b"%PDF-"
