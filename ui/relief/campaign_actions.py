"""The 慰问 tab's campaign-level writes: a new campaign, deleting one made by mistake, the
posting period, hand-over before the posting ends (with why), a phase marked done. Each asks in
a dialog and writes through the area's write (ui.operations)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from models.common.changes import Changes
from ui.operations import run_op, show_error
from ui.relief.dialogs import ChangeDialog
from ui.widgets.dialogs import run_dialog

if TYPE_CHECKING:
    from ui.relief.area import ReliefArea


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReliefArea", text)


def _day(area: ReliefArea, text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        show_error(area, _tr("日期“{0}”看不懂，请写成 2026-12-20 这样。").format(text.strip()))
        return None


def new_campaign(area: ReliefArea) -> None:
    from models.plans.tables import Plan
    from models.relief.service import RELIEF_PLAN_CATEGORIES, create_campaign
    from ui.relief.campaign_dialog import CampaignDialog

    plans = [(p.id, p.title) for p in Plan.select(Plan.id, Plan.title).where(
        Plan.category.in_(RELIEF_PLAN_CATEGORIES)).order_by(Plan.id.desc())]
    dialog = CampaignDialog(plans, parent=area)
    if run_dialog(dialog) and dialog.made is not None:
        made = run_op(area, area.hub, create_campaign, dialog.made, changes=Changes(relief=True))
        if made.ok:
            area.load_campaigns()
            area.select_campaign(made.value.id)


def delete_campaign(area: ReliefArea) -> None:
    """Asked first (否 by default); models.relief refuses a campaign that has beneficiaries."""
    from PySide6.QtWidgets import QMessageBox

    from models.relief.service import delete_campaign as delete
    from models.relief.service import get_campaign

    cid = area.campaign_id()
    if cid is None:
        return
    answer = QMessageBox.question(
        area, _tr("删除慰问活动"),
        _tr("删除“{0}”？\n只有还没有慰问对象的活动可以删除；删除会记入变更记录。").format(
            get_campaign(cid).title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer == QMessageBox.StandardButton.Yes:
        area.write(delete, cid)  # the area then lists the campaigns left


def set_posting(area: ReliefArea) -> None:
    from models.relief.service import get_campaign, set_posting

    cid = area.campaign_id()
    if cid is None:
        return
    rec = get_campaign(cid)
    dialog = ChangeDialog(_tr("公示期（不少于 7 天）"),
                          value_label=_tr("开始日期（如 2026-12-20）"),
                          value=str(rec.posting_start or date.today()),
                          reason_label=_tr("受理异议的地点和电话"), parent=area)
    dialog.reason.setText(rec.objection_contact)
    if run_dialog(dialog):
        start = _day(area, dialog.value.text())
        if start is not None:
            area.write(set_posting, cid, start, max(7, rec.posting_days), dialog.reason.text())


def allow_early(area: ReliefArea) -> None:
    from models.relief.service import allow_early_handover

    cid = area.campaign_id()
    if cid is None:
        return
    dialog = ChangeDialog(_tr("公示期内提前发放"), reason_label=_tr("提前发放的原因"),
                          parent=area)
    if run_dialog(dialog):
        area.write(allow_early_handover, cid, dialog.reason.text())


def mark_phase(area: ReliefArea) -> None:
    """A phase not yet done, marked done on a day (today unless typed)."""
    from models.relief.service import get_campaign, set_phase_done

    cid = area.campaign_id()
    if cid is None:
        return
    open_phases = [p for p in get_campaign(cid).phases if p.done is None]
    if not open_phases:
        area.hub.message.emit(_tr("各阶段都已完成。"))
        return
    dialog = ChangeDialog(_tr("标记阶段完成"),
                          choices=[f"{p.due:%Y-%m-%d}　{p.name}" for p in open_phases],
                          value_label=_tr("完成日期"), value=str(date.today()), reason_label="",
                          parent=area)
    if run_dialog(dialog):
        day = _day(area, dialog.value.text())
        if day is not None:
            area.write(set_phase_done, open_phases[dialog.choice.currentIndex()].id, day)
