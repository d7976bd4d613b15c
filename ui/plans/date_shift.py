"""The questions asked when the clerk changes the activity's date in the plan editor: a festival
activity moved to another year is offered that year's festival day; then every other dated part
(agenda, registration, publicity, phases, 成文日期, feedback due date) is offered to move by the
same number of days (models.plans.dates). Both default to yes: Enter accepts."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from models.plans.dates import dated_parts, day_offset, festival_day_offer, shift_plan_dates
from models.plans.festivals import festival_name
from models.plans.records import PlanRecord
from ui.widgets.dialogs import run_dialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("DateShift", text)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def ask_yes(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question whose default (Enter) is yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(_tr("是"))
    box.button(QMessageBox.StandardButton.No).setText(_tr("否"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return run_dialog(box) == QMessageBox.StandardButton.Yes


def moved_record(parent: QWidget, rec: PlanRecord, old_day: date | None) -> PlanRecord | None:
    """After the start moved from old_day: the plan as the clerk's answers make it (a copy), or
    None when nothing more changes (she said no, or there was nothing to offer)."""
    if rec.start is None or old_day is None:
        return None
    changed = False
    day = festival_day_offer(rec, old_day)
    if day is not None and ask_yes(parent, _tr("节日日期"), _tr(
            "%1年的%2是%3，活动开始日期是%4。\n\n是否把活动日期改为%3？")
            .replace("%1", str(day.year)).replace("%2", festival_name(rec.festival))
            .replace("%3", _cn(day)).replace("%4", _cn(rec.start.date()))):
        rec = shift_plan_dates(rec, 0)  # a copy
        rec.start = datetime.combine(day, rec.start.time())
        changed = True
    days = day_offset(old_day, rec.start)
    parts = dated_parts(rec, keep=("start",))
    if days and parts:
        direction = _tr("推后") if days > 0 else _tr("提前")
        question = (_tr("活动日期由%1改为%2（%3%4天）。\n\n是否把下列日期一并%3%4天？\n%5")
                    .replace("%1", _cn(old_day)).replace("%2", _cn(rec.start.date()))
                    .replace("%3", direction).replace("%4", str(abs(days)))
                    .replace("%5", "、".join(parts)))
        if ask_yes(parent, _tr("日期一并调整"), question):
            rec = shift_plan_dates(rec, days, keep=("start",))
            changed = True
    return rec if changed else None
