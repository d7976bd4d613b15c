"""The window on a pending data file: the first paint shows the real plans list read without
peewee, the file is bound right after, and editing and saving then work as ever. And the Qt
values the first paint sets by number (ui.widgets.qt_values) are Qt's own."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTableView, QToolBar

from models.datafile import precheck as db_file
from models.datafile.db import close_database, database, open_database
from models.datafile.opening import open_for_app
from models.plans.records import PlanRecord
from models.plans.service import list_plans, load_plan, save_plan
from ui.app import _FirstPaint, after_first_paint
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub
from ui.widgets import qt_values as qv


@pytest.fixture()
def pending(tmp_path: Path):
    path = tmp_path / "activities.db"
    open_database(path)
    for title in ("重阳节敬老爱老活动方案", "社区义诊进万家"):
        save_plan(PlanRecord(title=title))
    close_database()
    opened = open_for_app(path, defer_bind=True)
    assert not opened.bound
    yield path
    db_file.close_data_file()
    opened.lock.release()


def test_window_paints_the_pending_file_then_binds_and_saves(qtbot, pending: Path,
                                                            tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(DataHub(), pending), settings, remember_geometry=False,
                        build_when_idle=False)
    qtbot.addWidget(window)
    area = window.area("活动方案")
    # Built and filled before any binding: the list came from the standard-library read.
    assert db_file.pending_path() == pending
    assert [area.model.plan_at(r).title for r in range(area.model.rowCount())] == \
        [p.title for p in list_plans()]
    painted: list[bool] = []
    _FirstPaint(window, lambda: (painted.append(db_file.pending_path() is not None),
                                 after_first_paint()))
    window.show()
    qtbot.waitUntil(lambda: db_file.pending_path() is None, timeout=5000)
    assert painted == [True]  # still pending when painted, bound right after
    assert Path(database.obj.database) == pending and not database.obj.is_closed()
    # Everything works as on a file bound from the start: save through the area, see it listed.
    new_id = area._create(PlanRecord(title="新春联欢会"))
    assert new_id is not None and load_plan(new_id).title == "新春联欢会"
    assert area.model.row_of(new_id) >= 0
    editor = area.editors[new_id]
    assert editor.plan_id() == new_id
    years = [area.year_filter.itemData(i) for i in range(area.year_filter.count())]
    assert years[0] is None
    window.close()


def test_qt_values_are_qts_own(qtbot) -> None:
    assert Qt.AlignmentFlag.AlignCenter.value == qv.ALIGN_CENTER
    left_vcenter = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    assert left_vcenter.value == qv.ALIGN_LEFT_VCENTER
    assert Qt.ContextMenuPolicy.CustomContextMenu.value == qv.CUSTOM_CONTEXT_MENU
    assert Qt.ToolButtonStyle.ToolButtonTextOnly.value == qv.TOOL_BUTTON_TEXT_ONLY
    assert Qt.ShortcutContext.WidgetShortcut.value == qv.WIDGET_SHORTCUT
    assert Qt.ShortcutContext.WindowShortcut.value == qv.WINDOW_SHORTCUT
    assert Qt.ShortcutContext.WidgetWithChildrenShortcut.value == qv.WIDGET_WITH_CHILDREN_SHORTCUT
    assert Qt.ItemDataRole.DisplayRole.value == qv.DISPLAY_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == qv.TEXT_ALIGNMENT_ROLE
    assert Qt.ItemDataRole.ToolTipRole.value == qv.TOOLTIP_ROLE
    assert Qt.ItemDataRole.UserRole.value == qv.USER_ROLE
    assert (Qt.SortOrder.AscendingOrder.value,
            Qt.SortOrder.DescendingOrder.value) == (qv.ASCENDING, qv.DESCENDING)


def test_set_by_value_sets_what_qt_would(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    qv.set_enum(table, "contextMenuPolicy", qv.CUSTOM_CONTEXT_MENU)
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    bar, label, action = QToolBar(), QLabel("x"), QAction("x")
    qv.set_enum(bar, "toolButtonStyle", qv.TOOL_BUTTON_TEXT_ONLY)
    qv.set_enum(label, "alignment", qv.ALIGN_CENTER)
    qv.set_enum(action, "shortcutContext", qv.WIDGET_SHORTCUT)
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    with pytest.raises(ValueError):
        qv.set_enum(label, "noSuchProperty", 1)
    from PySide6.QtGui import QStandardItemModel

    table.setModel(QStandardItemModel(3, 5))
    header = table.horizontalHeader()
    for section, order in ((3, qv.DESCENDING), (0, qv.ASCENDING), (4, qv.ASCENDING)):
        qv.set_sort_indicator(header, section, order)
        assert header.sortIndicatorSection() == section
        assert header.sortIndicatorOrder() == Qt.SortOrder(order)
    qv.set_shortcut(action, "Ctrl+N")
    assert action.shortcut().toString() == "Ctrl+N" and len(action.shortcuts()) == 1
    from PySide6.QtGui import QKeySequence

    qv.set_shortcut(action, QKeySequence.StandardKey.Delete)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)


EVERYDAY = [
    [], ["--db", "a.db"], ["--db=a.db", "--tab", "居民"], ["--screenshot", "x.png", "--db", ""],
    ["--open-plan", "3", "--search", "张"], ["--open-plan=7"], ["--db", "a", "--db", "b"],
    ["--db=", "--tab=报名签到"],
]
UNUSUAL = [  # argparse's own: abbreviations, errors, negative numbers, subcommands, help
    ["--scr", "x.png"], ["--open-plan", "x"], ["--open-plan", "-1"], ["--db"], ["--db", "-x"],
    ["plans", "list"], ["--help"], ["-h"], ["--tab"], ["--unknown", "1"],
]


@pytest.mark.parametrize("argv", EVERYDAY + UNUSUAL)
def test_quick_window_args_read_the_line_as_argparse_does(argv: list[str]) -> None:
    import main

    quick = main.quick_window_args(argv)
    assert (quick is not None) == (argv in EVERYDAY)
    main_quick, main.quick_window_args = main.quick_window_args, lambda _argv: None
    try:
        slow = main.gui_args(argv)  # argparse alone
    finally:
        main.quick_window_args = main_quick
    if quick is not None:
        assert slow is not None and vars(quick) == vars(slow)
    both = main.gui_args(argv)
    assert (both is None and slow is None) or vars(both) == vars(slow)
