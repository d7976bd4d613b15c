"""The 人群统计 dialog shows models.residents.figures' counts, a target group's count and list, and
the target-analysis paragraph, ready to copy."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from models.residents.figures import population_figures, target_analysis_text
from models.residents.service import ResidentQuery, ResidentRecord, count_residents, save_resident
from ui.residents.figures_dialog import FiguresDialog


def test_figures_dialog_counts_and_lists(qtbot, db_path: Path) -> None:
    from models.residents.demo import make_demo_residents

    make_demo_residents(400)
    save_resident(ResidentRecord(name="王奶奶", gender="女", birth=date(1940, 3, 1),
                                 building="3幢"))
    dialog = FiguresDialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.figures is not None, timeout=10000)
    fig = population_figures(date.today())
    ages = dialog.tables["age"]
    shown = {ages.item(r, 0).text(): int(ages.item(r, 1).text()) for r in range(ages.rowCount())}
    assert shown == {row.label: row.count for row in fig.by_age_band}
    assert str(fig.total) in dialog.total_label.text()
    assert dialog.text.toPlainText() == target_analysis_text(date.today())

    dialog.group.setCurrentIndex(dialog.group.findData("elders80"))
    expected = count_residents(ResidentQuery(min_age=80))
    assert f"共 {expected} 人" in dialog.group_label.text()
    assert dialog.people.rowCount() == min(expected, 1000)
    dialog.building.setCurrentIndex(dialog.building.findData("3幢"))
    names = [dialog.people.item(r, 0).text() for r in range(dialog.people.rowCount())]
    assert "王奶奶" in names
    assert dialog.people.rowCount() == count_residents(ResidentQuery(min_age=80, building="3幢"))

    assert count_residents(dialog.group_query()) == dialog.people.rowCount()  # the export's rows
    dialog.copy_text()
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
