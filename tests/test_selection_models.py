"""The views whose selection the code reads use a selection model made in Python and kept by a
Python reference (ui.widgets.selection). One made by Qt was looked up by its address each time,
and a stale wrapper left at that address (a QStandardItem Qt had deleted) was now and then handed
out instead: "'QStandardItem' object has no attribute 'currentRowChanged'" under load."""
from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings

from models.plans.records import PlanRecord
from models.plans.service import save_plan
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.operations import DataHub
from ui.residents.recycle_bin_dialog import RecycleBinDialog
from ui.widgets.rows_grid import RowsGrid


def test_every_kept_selection_is_pythons_own_and_the_views(qtbot, db_path: Path,
                                                           tmp_path: Path) -> None:
    plan = save_plan(PlanRecord(title="社区义诊进万家"))
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(DataHub(), db_path), settings)
    qtbot.addWidget(window)
    window.show()
    views = []
    for title in ("活动方案", "居民", "报名签到"):
        area = window.area(title)
        views.append((title, area.table, area.selection))  # type: ignore[union-attr]
    plans = window.area("活动方案")
    editor = plans.open_plan(plan)  # type: ignore[union-attr]
    editor.grid("budget")  # builds every section
    grids = editor.findChildren(RowsGrid)
    assert len(grids) >= 3  # the agenda, budget and tasks at least
    views += [("grid", g.view, g.view.selection) for g in grids]
    bin_dialog = RecycleBinDialog(window)
    qtbot.addWidget(bin_dialog)
    views.append(("bin", bin_dialog.table, bin_dialog.selection))
    for name, view, kept in views:
        assert view.selectionModel() is kept, name
        assert shiboken6.createdByPython(kept), name
        assert kept.model() is view.model(), name
