"""The 慰问 area: pick a campaign; its timeline (each phase with the days left, late ones in red);
its beneficiaries as a lazy list with what the checks flag; the selected one's details and its
log (every change: when, clerk, old -> new, why). Writes go through ui.operations onto
models/relief, which logs them under the clerk kept in the data file: 新增对象, 下一步 (the next
status), 不予发放/撤回, 修改金额, 更正 (a handed-over row: a logged entry, the row untouched),
登记异议, 设置经办人. 导出 writes the notice, the sign-for sheet, the bureau's attachments and
the log; 打印 (Ctrl+P) previews the notice."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.common.money import yuan_text
from models.relief.records import ENDED, FORWARD, REFUSED, WITHDRAWN, BeneficiaryRecord
from ui.context import AppContext
from ui.operations import run_op
from ui.relief import campaign_actions
from ui.relief.dialogs import ChangeDialog, NewBeneficiaryDialog
from ui.relief.model import BeneficiariesModel
from ui.widgets.combos import choose_id, chosen_id
from ui.widgets.dialogs import run_dialog
from ui.widgets.selection import set_model

RELIEF = Changes(relief=True)
LATE = QColor("#b00020")
DONE = QColor("#2e7d32")


def _notice_bytes(campaign_id: int) -> bytes:
    from exporters.relief.notice import export_notice_pdf
    from ui.widgets.printing import exported_bytes  # off the start-up path

    return exported_bytes(lambda path: export_notice_pdf(campaign_id, path), "notice.pdf")


class ReliefArea(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.hub = ctx, ctx.hub
        self.model = BeneficiariesModel(self)
        self.campaign = QComboBox()
        self.campaign.setPlaceholderText(self.tr("还没有慰问活动：点右边的“新建活动…”开始"))
        self.campaign.setMinimumWidth(380)
        self.campaign.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button = QPushButton(self.tr("新建活动…"))
        self.new_button.clicked.connect(lambda: campaign_actions.new_campaign(self))
        self.delete_button = QPushButton(self.tr("删除活动…"))
        self.delete_button.setToolTip(self.tr("只有还没有慰问对象的活动可以删除（如建错了的）"))
        self.delete_button.clicked.connect(lambda: campaign_actions.delete_campaign(self))
        self.clerk_label = QLabel()
        self.clerk_button = QPushButton(self.tr("设置经办人…"))
        self.clerk_button.clicked.connect(self.set_clerk)
        self.figures = QLabel()
        self.posting_button = QPushButton(self.tr("公示期…"))
        self.posting_button.clicked.connect(lambda: campaign_actions.set_posting(self))
        self.early_button = QPushButton(self.tr("提前发放…"))
        self.early_button.clicked.connect(lambda: campaign_actions.allow_early(self))
        self.phase_button = QPushButton(self.tr("阶段完成…"))
        self.phase_button.clicked.connect(lambda: campaign_actions.mark_phase(self))
        self.timeline = QListWidget()
        self.timeline.setMaximumHeight(120)

        self.table = QTableView()
        self.selection = set_model(self.table, self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.selection.currentRowChanged.connect(lambda _c, _p: self.show_selected())

        self.add_button = QPushButton(self.tr("新增对象…"))
        self.add_button.clicked.connect(self.add_beneficiary)
        self.survey_button = QPushButton(self.tr("导入摸底表…"))
        self.survey_button.clicked.connect(self.import_survey)
        self.next_button = QPushButton(self.tr("下一步…"))
        self.next_button.clicked.connect(self.next_status)
        self.end_button = QPushButton(self.tr("不予发放/撤回…"))
        self.end_button.clicked.connect(self.end_row)
        self.amount_button = QPushButton(self.tr("修改金额…"))
        self.amount_button.clicked.connect(self.change_amount)
        self.correct_button = QPushButton(self.tr("更正…"))
        self.correct_button.clicked.connect(self.correct_row)
        self.objection_button = QPushButton(self.tr("登记异议…"))
        self.objection_button.clicked.connect(self.add_objection)
        self.outcome_button = QPushButton(self.tr("异议结果…"))
        self.outcome_button.clicked.connect(self.decide_objection)
        self.false_button = QPushButton(self.tr("认定虚报…"))
        self.false_button.setToolTip(self.tr("经核实虚报的，记录在案，次年慰问时提醒"))
        self.false_button.clicked.connect(self.flag_false_report)
        self.order = QComboBox()
        for key, label in (("added", self.tr("按录入顺序")), ("building", self.tr("按楼栋房号")),
                           ("strokes", self.tr("按姓氏笔画"))):
            self.order.addItem(label, key)
        self.order.setToolTip(self.tr("名单的排列：按楼栋房号便于走访，按姓氏笔画便于查找"))
        self.order.currentIndexChanged.connect(self._order_changed)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("导出"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for kind, label in (("notice", self.tr("名单公示（PDF，隐去姓名）")),
                            ("handover_pdf", self.tr("发放签收表（PDF）")),
                            ("handover_xlsx", self.tr("发放签收表（Excel）")),
                            ("summary", self.tr("上报附件1、附件2（Excel）")),
                            ("log", self.tr("变更记录（Excel）"))):
            menu.addAction(label).triggered.connect(lambda _c=False, k=kind: self.export(k))
        self.export_button.setMenu(menu)
        bar = QHBoxLayout()
        for w in (self.order, self.add_button, self.survey_button, self.next_button,
                  self.end_button, self.amount_button, self.correct_button,
                  self.objection_button, self.outcome_button, self.false_button,
                  self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.log = QTableWidget(0, 5)
        self.log.setHorizontalHeaderLabels([self.tr("时间"), self.tr("经办人"), self.tr("事项"),
                                            self.tr("原值 → 新值"), self.tr("原因")])
        self.log.verticalHeader().hide()
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.horizontalHeader().setStretchLastSection(True)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(QLabel(self.tr("所选对象")))
        rlay.addWidget(self.details)
        rlay.addWidget(QLabel(self.tr("变更记录")))
        rlay.addWidget(self.log, 1)
        middle = QWidget()
        mlay = QVBoxLayout(middle)
        mlay.setContentsMargins(0, 0, 0, 0)
        mlay.addLayout(bar)
        mlay.addWidget(self.table, 1)
        split = QSplitter()
        split.addWidget(middle)
        split.addWidget(right)
        split.setSizes([820, 480])

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("慰问活动：")))
        top.addWidget(self.campaign, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.clerk_label)
        top.addWidget(self.clerk_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("进度（截止日期与剩余天数）")))
        layout.addWidget(self.timeline)
        figures = QHBoxLayout()
        figures.addWidget(self.figures, 1)
        figures.addWidget(self.posting_button)
        figures.addWidget(self.early_button)
        figures.addWidget(self.phase_button)
        layout.addLayout(figures)
        layout.addWidget(split, 1)
        self.hub.changed.connect(self._on_changed)
        self.load_campaigns()

    # --- reading ---------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.datafile:
            self.load_campaigns()
        elif changes.relief:
            from models.relief.service import list_campaigns

            cid = self.campaign_id()
            if cid is not None and all(c.id != cid for c in list_campaigns()):
                self.load_campaigns()  # the campaign shown was deleted
            else:
                self.reload(keep=True)

    def load_campaigns(self) -> None:
        from models.relief.service import list_campaigns

        current = self.campaign_id()
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for c in list_campaigns():
            self.campaign.addItem(f"{c.id}　{c.title}", c.id)
        index = self.campaign.findData(current) if current is not None else 0
        self.campaign.setCurrentIndex(max(0, index))
        self.campaign.blockSignals(False)
        self.reload()

    def _order_changed(self, _index: int) -> None:
        self.model.order = self.order.currentData()
        self.reload(keep=True)

    def campaign_id(self) -> int | None:
        return chosen_id(self.campaign)

    def select_campaign(self, campaign_id: int) -> bool:
        return choose_id(self.campaign, campaign_id)

    def reload(self, keep: bool = False) -> None:
        from models.relief import audit
        from models.relief.checks import check_campaign
        from models.relief.figures import step_text, timeline, totals
        from models.relief.service import get_campaign

        chosen = self.selected()
        cid = self.campaign_id()
        self.clerk_label.setText(self.tr("经办人：{0}").format(audit.clerk() or self.tr("未设定")))
        self.model.load(cid)
        self.timeline.clear()
        self.figures.clear()
        if cid is None:
            self.show_selected()
            return
        for s in timeline(cid):
            item = QListWidgetItem(f"{s.due:%Y-%m-%d}　{s.name}（{s.who}）　{step_text(s)}")
            if s.late:
                item.setForeground(QBrush(LATE))
            elif s.done is not None:
                item.setForeground(QBrush(DONE))
            self.timeline.addItem(item)
        _lines, overall = totals(cid)
        rec = get_campaign(cid)
        posting = (self.tr("公示期 {0} 至 {1}").format(rec.posting_start, rec.posting_end)
                   if rec.posting_start else self.tr("公示期未设定"))
        early = self.tr("（已登记提前发放）") if rec.early_handover_reason else ""
        self.figures.setText(self.tr("计入名单 {0} 户（人），{1} 人，金额合计 {2} 元；{3}{4}")
                             .format(overall.households, overall.people,
                                     yuan_text(overall.amount_fen), posting, early))
        flags: dict[int, list[tuple[str, str]]] = {}
        for f in check_campaign(cid):
            flags.setdefault(f.beneficiary_id, []).append((f.kind, f.reason))
        self.model.set_findings(flags)
        if keep and chosen is not None:
            self.select_beneficiary(chosen.id)
        self.show_selected()

    def selected(self) -> BeneficiaryRecord | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_beneficiary(self, beneficiary_id: int) -> bool:
        row = self.model.row_of(beneficiary_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def show_selected(self) -> None:
        from models.relief.audit import beneficiary_log

        r = self.selected()
        self.log.setRowCount(0)
        for w in (self.next_button, self.end_button, self.amount_button, self.correct_button,
                  self.objection_button, self.outcome_button, self.false_button):
            w.setEnabled(r is not None)
        if r is None:
            self.details.setText(self.tr("（请在左侧选择一位慰问对象）"))
            return
        ended = r.status in ENDED
        self.false_button.setEnabled(not r.false_report)
        self.next_button.setEnabled(not r.locked and not ended)
        self.end_button.setEnabled(not r.locked and not ended)
        self.amount_button.setEnabled(not r.locked and not ended)
        self.correct_button.setEnabled(r.locked)
        lock = self.tr("（记录已锁定，差错请用“更正”登记）") if r.locked else ""
        found = self.model.findings.get(r.id, [])
        self.details.setText(self.tr(
            "{0}　{1}　家庭人口 {2} 人　金额 {3} 元\n住址：{4}\n困难原因：{5}\n"
            "状态：{6}{7}").format(
            r.name, r.category, r.household_size, yuan_text(r.amount_fen),
            r.household or "—", r.reason or "—", r.status, lock)
            + (self.tr("\n已认定虚报（次年慰问时提醒）") if r.false_report else "")
            + "".join(self.tr("\n提醒（{0}）：{1}").format(k, why) for k, why in found))
        entries = beneficiary_log(r.id)
        self.log.setRowCount(len(entries))
        for i, e in enumerate(reversed(entries)):  # the latest first
            change = f"{e.old} → {e.new}" if e.old else e.new
            for col, text in enumerate((f"{e.at:%Y-%m-%d %H:%M}", e.clerk, e.what, change,
                                        e.why)):
                self.log.setItem(i, col, QTableWidgetItem(text))
        self.log.resizeColumnsToContents()

    # --- writing ---------------------------------------------------------------------------

    def write(self, fn: Callable[..., Any], *args: Any) -> bool:
        """Run one write of models/relief through ui.operations (errors shown, views told)."""
        return run_op(self, self.hub, fn, *args, changes=RELIEF).ok

    def set_clerk(self) -> None:
        from models.relief import audit

        dialog = ChangeDialog(self.tr("设置经办人"), value_label=self.tr("经办人姓名"),
                              value=audit.clerk(), reason_label="", parent=self)
        if run_dialog(dialog):
            self.write(audit.set_clerk, dialog.value.text())

    def flag_false_report(self) -> None:
        from models.relief.beneficiaries import flag_false_report

        r = self.selected()
        if r is None or r.false_report:
            return
        dialog = ChangeDialog(self.tr("认定“{0}”虚报（记录在案，次年慰问时提醒）").format(r.name),
                              reason_label=self.tr("认定虚报的依据"), parent=self)
        if run_dialog(dialog):
            self.write(flag_false_report, r.id, dialog.reason.text())

    def add_beneficiary(self) -> None:
        from models.relief.beneficiaries import add_beneficiary
        from models.relief.service import get_campaign

        cid = self.campaign_id()
        if cid is None:
            self.hub.message.emit(self.tr("请先选择慰问活动。"))
            return
        dialog = NewBeneficiaryDialog(get_campaign(cid).categories, parent=self)
        if run_dialog(dialog):
            made = run_op(self, self.hub, add_beneficiary, cid, dialog.value(), changes=RELIEF)
            if made.ok:
                self.select_beneficiary(made.value.id)

    def import_survey(self) -> None:
        from ui.relief.survey_import import import_survey_file

        cid = self.campaign_id()
        if cid is not None:
            import_survey_file(self, self.hub, cid)

    def next_status(self) -> None:
        from models.relief.beneficiaries import set_status

        r = self.selected()
        if r is None or r.status in ENDED or r.locked:
            return
        step = FORWARD[FORWARD.index(r.status) + 1]
        dialog = ChangeDialog(self.tr("“{0}”改为“{1}”").format(r.name, step),
                              reason_label=self.tr("说明（可空）"), reason_required=False,
                              parent=self)
        if run_dialog(dialog):
            self.write(set_status, r.id, step, dialog.reason.text())

    def end_row(self) -> None:
        from models.relief.beneficiaries import set_status

        r = self.selected()
        if r is None:
            return
        dialog = ChangeDialog(self.tr("“{0}”不再慰问").format(r.name),
                              choices=[REFUSED, WITHDRAWN], parent=self)
        if run_dialog(dialog):
            self.write(set_status, r.id, dialog.choice.currentText(), dialog.reason.text())

    def change_amount(self) -> None:
        from models.relief.beneficiaries import update_beneficiary

        r = self.selected()
        if r is None:
            return
        dialog = ChangeDialog(self.tr("修改“{0}”的慰问金额").format(r.name),
                              value_label=self.tr("新金额"), value=yuan_text(r.amount_fen),
                              money=True, parent=self)
        if run_dialog(dialog):
            self.write(update_beneficiary, r.id, {"amount_fen": dialog.fen()},
                        dialog.reason.text())

    def correct_row(self) -> None:
        from models.relief.beneficiaries import correct

        r = self.selected()
        if r is None:
            return
        dialog = ChangeDialog(self.tr("更正“{0}”（已发放，原记录不变）").format(r.name),
                              choices=[self.tr("金额"), self.tr("类别"), self.tr("签收日期"),
                                       self.tr("姓名"), self.tr("其他")],
                              value_label=self.tr("正确的内容"), parent=self)
        if run_dialog(dialog):
            self.write(correct, r.id, dialog.choice.currentText(), dialog.value.text(),
                        dialog.reason.text())

    def add_objection(self) -> None:
        from models.relief.beneficiaries import add_objection

        r = self.selected()
        if r is None:
            return
        dialog = ChangeDialog(self.tr("登记对“{0}”的异议").format(r.name),
                              value_label=self.tr("异议内容"), reason_label="", parent=self)
        if run_dialog(dialog):
            self.write(add_objection, r.id, dialog.value.text())

    def decide_objection(self) -> None:
        from models.relief.beneficiaries import decide_objection, objections

        r = self.selected()
        if r is None:
            return
        pending = [o for o in objections(r.id) if not o.outcome]
        if not pending:
            self.hub.message.emit(self.tr("“{0}”没有待处理的异议。").format(r.name))
            return
        dialog = ChangeDialog(self.tr("异议处理结果（{0}）").format(r.name),
                              choices=[f"{o.received}　{o.content}" for o in pending],
                              value_label=self.tr("处理结果"), reason_label="", parent=self)
        if run_dialog(dialog):
            chosen = pending[dialog.choice.currentIndex()]
            self.write(decide_objection, chosen.id, dialog.value.text())

    # --- documents -------------------------------------------------------------------------

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        from exporters.relief import bureau, handover, log_sheet, notice

        cid = self.campaign_id()
        if cid is None:
            return None
        spec: dict[str, tuple[str, str, Callable[..., Any]]] = {
            "notice": (self.tr("名单公示"), ".pdf", notice.export_notice_pdf),
            "handover_pdf": (self.tr("发放签收表"), ".pdf", handover.export_handover_pdf),
            "handover_xlsx": (self.tr("发放签收表"), ".xlsx", handover.export_handover_xlsx),
            "summary": (self.tr("上报附件"), ".xlsx", bureau.export_summary_xlsx),
            "log": (self.tr("变更记录"), ".xlsx", log_sheet.export_log_xlsx),
        }
        label, suffix, fn = spec[kind]
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            title = self.campaign.currentText().split("　", 1)[-1][:60]
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("导出{0}").format(label),
                str(Path(folder) / f"{title}{label}{suffix}"),
                self.tr("{0} 文件 (*{1})").format(suffix[1:].upper(), suffix))
            if not name:
                return None
            path = Path(name if name.lower().endswith(suffix) else name + suffix)
        done = run_op(self, None, fn, cid, path)
        if done.ok:
            self.hub.message.emit(self.tr("已导出：{0}").format(path))
            return path
        return None

    def print_document(self) -> None:
        """Preview the public notice (the PDF 导出 writes); print from the preview."""
        from ui.widgets.printing import open_preview

        cid = self.campaign_id()
        if cid is None:
            self.hub.message.emit(self.tr("请先选择慰问活动。"))
            return
        built = run_op(self, None, _notice_bytes, cid)
        if built.ok:
            title = self.campaign.currentText().split("　", 1)[-1][:60]
            self.preview = open_preview(built.value, self.tr("{0}名单公示").format(title), self)
