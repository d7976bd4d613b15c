"""目标社区分析 takes the register's figures on the activity's day with one click."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QPushButton

from models.plans.records import PlanRecord
from models.plans.service import load_plan, save_plan
from models.residents.records import ResidentRecord
from models.residents.service import save_resident
from ui.plans.editor import PlanEditor


def test_figures_inserted_as_of_the_activity_day(qtbot, db_path) -> None:
    # Born 1956-10-20: 69 on the activity's day 2026-10-18, 70 two days later.
    save_resident(ResidentRecord(name="张三", gender="男", birth=date(1956, 10, 20)),
                  allow_warnings=True)
    save_resident(ResidentRecord(name="李四", gender="女", birth=date(2020, 5, 1)),
                  allow_warnings=True)
    plan_id = save_plan(PlanRecord(title="重阳节活动", start=datetime(2026, 10, 18, 9),
                                   target_analysis="本社区老年人较多。"))
    editor = PlanEditor(plan_id)
    qtbot.addWidget(editor)
    editor.show_section("目标社区分析")
    button = editor.findChild(QPushButton, "insertFigures")
    assert button is not None
    button.click()
    text = editor.field_widget("target_analysis").toPlainText()
    assert text.startswith("本社区老年人较多。\n截至2026年10月18日，本社区登记居民2人")
    # Counted on the activity's day, not today: 张三 is not yet 70, 李四 is a child.
    assert "70岁及以上老人0人" in text
    assert "14岁以下儿童1人" in text
    assert editor.is_dirty()
    assert editor.save()
    assert load_plan(plan_id).target_analysis == text
