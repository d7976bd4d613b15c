"""How long opening a plan in the editor keeps the UI thread busy.

Prints the time to construct PlanEditor on a large plan (60 agenda slots, 80 budget lines, 30
requirements) next to a baseline that builds every section page up front, and their ratio.
Run: QT_QPA_PLATFORM=offscreen python bench/plan_editor_open.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from models.datafile.db import close_database, open_database
from models.plans.records import AgendaRow, BudgetRow, PlanRecord, RequirementRow
from models.plans.service import save_plan


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from ui.plans.editor import PlanEditor

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.db")
        t0 = datetime(2026, 10, 18, 8, 0)
        plan_id = save_plan(
            PlanRecord(
                title="基准方案",
                agenda=[
                    AgendaRow(t0 + timedelta(minutes=10 * i),
                              t0 + timedelta(minutes=10 * i + 9), "环节")
                    for i in range(60)
                ],
                budget=[BudgetRow(f"物品{i}", i, "个", 100 * i) for i in range(80)],
                requirements=[RequirementRow("要求" * 20) for _ in range(30)],
            )
        )
        lazy, eager = [], []
        for _ in range(5):
            start = time.perf_counter()
            editor = PlanEditor(plan_id)
            lazy.append(time.perf_counter() - start)
            editor.deleteLater()
            app.processEvents()
            start = time.perf_counter()
            editor = PlanEditor(plan_id)
            editor.grid("agenda")  # builds every page: the baseline
            eager.append(time.perf_counter() - start)
            editor.deleteLater()
            app.processEvents()
        close_database()
    best_lazy, best_eager = min(lazy) * 1000, min(eager) * 1000
    print(f"open, pages on demand : {best_lazy:7.1f} ms")
    print(f"open, all pages (base): {best_eager:7.1f} ms")
    print(f"ratio                 : {best_lazy / best_eager:7.2f}")


if __name__ == "__main__":
    main()
