"""The 志愿服务 tab: teams and volunteers with the year's times and hours, the services, and the
minimums view; registering volunteers and teams, keyboard entry of services, status changes, and
the ledger, the registration form and the service record certificate as files.

Reads models.volunteers (year_figures, list_services) on every change of the year, the team or
the data (hub.changed with .volunteers or .residents: a linked volunteer shows the resident's
name); writes only through ui.operations.run_op.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import Changes
from models.volunteers.ledger import MemberYear, YearFigures, year_figures
from models.volunteers.records import NewService, NewVolunteer, VolunteerRecord
from models.volunteers.rules import HOURS, LEFT, PAUSED, hours_text, stars_text
from ui.context import AppContext
from ui.operations import run_op
from ui.volunteers.minimums import SHORT, MinimumsView
from ui.widgets.actions import make_action
from ui.widgets.dialogs import run_dialog

VOLUNTEERS = Changes(volunteers=True)
PEOPLE_COLUMNS = ("志愿者编号", "姓名", "服务队", "政治面貌", "状态", "服务次数", "服务时长",
                  "培训", "最低要求", "年度考核", "达标情况", "星级")
CHECK_COLUMN = PEOPLE_COLUMNS.index("达标情况")
SERVICE_COLUMNS = ("日期", "服务队", "类别", "地点", "服务内容", "人数", "时长合计")


def _item(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def check_text(m: MemberYear) -> str:
    from exporters.volunteers.ledger import check_text as words

    return words(m)


class VolunteersArea(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = ctx.hub
        self.fig: YearFigures | None = None
        self.rows: list[MemberYear] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.team = QComboBox()
        self.team.setMinimumWidth(180)
        top.addWidget(QLabel(self.tr("年份")))
        top.addWidget(self.year)
        top.addWidget(QLabel(self.tr("服务队")))
        top.addWidget(self.team)
        self.team_info = QLabel()
        self.team_info.setWordWrap(True)
        top.addWidget(self.team_info, 1)
        layout.addLayout(top)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("service", self.tr("记录服务…"), self.record_service),
            ("add", self.tr("登记志愿者…"), self.add_volunteer),
            ("edit", self.tr("查看/编辑…"), self.edit_selected),
            ("pause", self.tr("暂停"), lambda: self.set_status(PAUSED)),
            ("resume", self.tr("恢复在册"), lambda: self.set_status("在册")),
            ("leave", self.tr("退出服务队"), lambda: self.set_status(LEFT)),
            ("assess", self.tr("年度考核…"), self.assess_selected),
            ("team", self.tr("新建服务队…"), self.add_team),
            ("rule", self.tr("最低要求…"), self.edit_rule),
        ):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, f=slot: f())
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.inner = QTabWidget()
        self.people = QTableWidget(0, len(PEOPLE_COLUMNS))
        self.people.setHorizontalHeaderLabels([self.tr(c) for c in PEOPLE_COLUMNS])
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.horizontalHeader().setStretchLastSection(True)
        self.people.doubleClicked.connect(lambda _i: self.edit_selected())
        self.services = QTableWidget(0, len(SERVICE_COLUMNS))
        self.services.setHorizontalHeaderLabels([self.tr(c) for c in SERVICE_COLUMNS])
        self.services.horizontalHeader().setStretchLastSection(True)
        self.services.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.minimums = MinimumsView()
        self.inner.addTab(self.people, self.tr("志愿者"))
        self.inner.addTab(self.services, self.tr("服务记录"))
        self.inner.addTab(self.minimums, self.tr("最低要求"))
        layout.addWidget(self.inner, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.act_ledger = make_action(self, self.tr("导出志愿服务台帐…"), self.export_ledger)
        self.act_form = make_action(self, self.tr("导出志愿者登记表…"), self.export_form)
        self.act_certificate = make_action(self, self.tr("出具志愿服务记录证明…"),
                                           self.export_certificate)
        self.last_export: Path | None = None
        self._load_teams()
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.team.currentIndexChanged.connect(lambda _i: self.refresh())
        self.hub.changed.connect(self._on_changed)
        self.refresh()

    # --- reading -------------------------------------------------------------------------
    def file_menu_actions(self) -> list[QAction | None]:
        return [self.act_ledger, self.act_form, self.act_certificate]

    def _on_changed(self, changes: Changes) -> None:
        if changes.volunteers or changes.residents or changes.contests or changes.datafile:
            self._load_teams()
            self.refresh()

    def _load_teams(self) -> None:
        from models.volunteers.service import list_teams

        keep = self.team.currentData()
        self.team.blockSignals(True)
        self.team.clear()
        self.team.addItem(self.tr("全部服务队"), None)
        self.teams = list_teams()
        for t in self.teams:
            self.team.addItem(self.tr("{0}（{1} 人）").format(t.name, t.members), t.id)
        self.team.setCurrentIndex(max(0, self.team.findData(keep)))
        self.team.blockSignals(False)

    def team_id(self) -> int | None:
        data = self.team.currentData()
        return data if isinstance(data, int) else None

    def refresh(self) -> None:
        fig = year_figures(self.year.value(), self.team_id(), with_honours=False)
        self.fig = fig
        self.rows = [m for t in fig.teams for m in t.members]
        self.people.setRowCount(len(self.rows))
        for r, m in enumerate(self.rows):
            v, c = m.volunteer, m.check
            owed = hours_text(c.owed) if c.measure == HOURS else f"{c.owed} 次"
            for col, value in enumerate((v.number, v.name, v.team, v.political, v.status,
                                         m.times, hours_text(m.minutes), m.training_times, owed,
                                         m.grade, check_text(m), stars_text(m.total_minutes))):
                item = _item(value)
                if col == CHECK_COLUMN and (c.reason or m.eligibility):
                    item.setBackground(QBrush(SHORT))
                self.people.setItem(r, col, item)
        self.people.resizeColumnsToContents()
        services = [s for t in fig.teams for s in t.services]
        services.sort(key=lambda s: (s.day, s.id), reverse=True)
        self.services.setRowCount(len(services))
        for r, s in enumerate(services):
            for col, value in enumerate((f"{s.day:%Y-%m-%d}", s.team or "—", s.kind, s.place,
                                         s.content, len(s.people), hours_text(s.minutes))):
                self.services.setItem(r, col, _item(value))
        self.services.resizeColumnsToContents()
        self.minimums.show_figures(fig)
        self._team_info(fig)
        times = sum(m.times for m in self.rows)
        minutes = sum(m.minutes for m in self.rows)
        short = sum(1 for m in self.rows if m.check.reason)
        self.summary.setText(self.tr("{0} 年：志愿者 {1} 人，服务 {2} 人次，合计 {3}；"
                                     "未达到或可能达不到最低要求 {4} 人").format(
            fig.year, len(self.rows), times, hours_text(minutes), short))

    def _team_info(self, fig: YearFigures) -> None:
        tid = self.team_id()
        team = next((t for t in fig.teams if t.team and t.team.id == tid), None)
        if team is None or team.team is None:
            self.team_info.setText(self.tr("共 {0} 个服务队").format(len(self.teams)))
            return
        t = team.team
        rule = team.rule
        member = f"{rule.member_per_year} {'小时' if rule.measure == HOURS else '次'}"
        self.team_info.setText(self.tr(
            "负责人：{0}　办公地点：{1}　服务类别：{2}　入队条件：{3}　最低要求：每月 {4} 次，"
            "每人每年 {5}").format(t.leader or "—", t.office or "—", t.kind or "—",
                                  t.eligible or "不限", rule.team_per_month, member))

    def selected(self) -> VolunteerRecord | None:
        rows = self.people.selectionModel().selectedRows()
        if not rows:
            self.hub.message.emit(self.tr("请先选择一位志愿者。"))
            return None
        return self.rows[rows[0].row()].volunteer

    def select_number(self, number: str) -> bool:
        for r, m in enumerate(self.rows):
            if m.volunteer.number == number:
                self.people.selectRow(r)
                return True
        return False

    # --- writing -------------------------------------------------------------------------
    def _write(self, fn: Callable[..., Any], *args: Any, message: str = "") -> bool:
        return run_op(self, self.hub, fn, *args, changes=VOLUNTEERS,
                      success_message=message).ok

    def record_service(self) -> None:
        from models.volunteers.service import list_volunteers, record_service
        from ui.volunteers.service_dialog import ServiceDialog

        def save(new: NewService) -> bool:
            return self._write(record_service, new, message=self.tr("已记录服务。"))

        from models.plans.service import list_plans

        activities = [(p.id, f"{p.start:%Y-%m-%d} {p.title}" if p.start else p.title)
                      for p in list_plans()]
        self.service_dialog = ServiceDialog(self.teams, list_volunteers(), save, self,
                                            team_id=self.team_id(), activities=activities)
        run_dialog(self.service_dialog)

    def add_volunteer(self) -> None:
        from models.volunteers.service import add_volunteer
        from ui.volunteers.volunteer_dialog import VolunteerDialog

        def save(new: NewVolunteer) -> bool:
            return self._write(add_volunteer, new, message=self.tr("已登记志愿者。"))

        self.volunteer_dialog = VolunteerDialog(self.teams, save, self)
        if self.team_id() is not None:
            self.volunteer_dialog.team.setCurrentIndex(
                self.volunteer_dialog.team.findData(self.team_id()))
        run_dialog(self.volunteer_dialog)

    def _figures_text(self, v: VolunteerRecord) -> str:
        from models.volunteers.ledger import volunteer_honours

        m = next((m for m in self.rows if m.volunteer.id == v.id), None)
        if m is None:
            return ""
        honours = "；".join(volunteer_honours(v, self.year.value())) or self.tr("无")
        grade = m.grade or self.tr("未评")
        return self.tr("服务 {0} 次，{1}；培训 {2} 次；{3}；{4}；表彰：{5}；考核：{6}").format(
            m.times, hours_text(m.minutes), m.training_times, check_text(m),
            stars_text(m.total_minutes), honours, grade)

    def edit_selected(self) -> None:
        from models.volunteers.service import update_volunteer
        from ui.volunteers.volunteer_dialog import VolunteerDialog

        v = self.selected()
        if v is None:
            return

        def save(new: NewVolunteer) -> bool:
            return self._write(update_volunteer, v.id, new, message=self.tr("已保存。"))

        self.volunteer_dialog = VolunteerDialog(self.teams, save, self, current=v,
                                                figures=self._figures_text(v))
        run_dialog(self.volunteer_dialog)

    def assess_selected(self) -> None:
        """The selected volunteer's grade for the year shown, with the figures it rests on."""
        from models.volunteers.service import set_assessment
        from ui.volunteers.assessment_dialog import AssessmentDialog

        v = self.selected()
        if v is None:
            return
        year = self.year.value()
        m = next((m for m in self.rows if m.volunteer.id == v.id), None)

        def save(grade: str, note: str) -> bool:
            return self._write(set_assessment, v.id, year, grade, note,
                               message=self.tr("已保存 {0} 的 {1} 年考核：{2}").format(
                                   v.name, year, grade.strip()))

        self.assessment_dialog = AssessmentDialog(
            v.name, year, save, self, grade=m.grade if m else "",
            note=m.grade_note if m else "", figures=self._figures_text(v))
        run_dialog(self.assessment_dialog)

    def set_status(self, status: str) -> None:
        from models.volunteers.service import set_status

        v = self.selected()
        if v is not None:
            self._write(set_status, v.id, status, date.today(),
                        message=self.tr("{0}：{1}").format(v.name, status))

    def add_team(self) -> None:
        from models.volunteers.service import create_team
        from ui.volunteers.team_dialog import TeamDialog

        def save(*values: Any) -> bool:
            return self._write(create_team, *values, message=self.tr("已新建服务队。"))

        self.team_dialog = TeamDialog(save, self)
        run_dialog(self.team_dialog)

    def edit_rule(self) -> None:
        """The shown team's minimums (all teams' default when 全部服务队 is chosen)."""
        from models.volunteers.service import rule_for, set_rule
        from ui.volunteers.rule_dialog import RuleDialog

        tid = self.team_id()
        name = next((t.name for t in self.teams if t.id == tid), self.tr("各服务队（默认）"))

        def save(rule: Any) -> bool:
            return self._write(set_rule, tid, rule, message=self.tr("已保存最低要求。"))

        self.rule_dialog = RuleDialog(name, rule_for(tid), save, self)
        run_dialog(self.rule_dialog)

    # --- files ---------------------------------------------------------------------------
    def _target(self, label: str, suffixes: tuple[str, ...], path: Path | None) -> Path | None:
        if path is not None:
            return path
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        filters = ";;".join(self.tr("{0} 文件 (*{1})").format(s[1:].upper(), s) for s in suffixes)
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("导出{0}").format(label), str(Path(folder) / f"{label}{suffixes[0]}"),
            filters)
        if not name:
            return None
        if not name.lower().endswith(suffixes):
            name += suffixes[0] if "XLSX" in chosen or len(suffixes) == 1 else suffixes[1]
        return Path(name)

    def export_ledger(self, path: Path | None = None) -> None:
        from exporters.volunteers.ledger import export_ledger_pdf, export_ledger_xlsx

        label = self.tr("{0}年志愿服务台帐").format(self.year.value())
        target = self._target(label, (".xlsx", ".pdf"), path)
        if target is None:
            return
        fn = export_ledger_pdf if target.suffix.lower() == ".pdf" else export_ledger_xlsx
        if run_op(self, None, fn, self.year.value(), target, self.team_id()).ok:
            self.last_export = target
            self.hub.message.emit(self.tr("已导出：{0}").format(target))

    def export_form(self, path: Path | None = None, blank: bool = False) -> None:
        from exporters.volunteers.form import export_form_pdf, export_form_xlsx

        v = None if blank or not self.people.selectionModel().selectedRows() else self.selected()
        label = self.tr("志愿者登记表") + (f"（{v.name}）" if v else "")
        target = self._target(label, (".pdf", ".xlsx"), path)
        if target is None:
            return
        fn = export_form_pdf if target.suffix.lower() == ".pdf" else export_form_xlsx
        kinds = [t.kind for t in self.teams if t.kind]
        if run_op(self, None, fn, target, v, kinds).ok:
            self.last_export = target
            self.hub.message.emit(self.tr("已导出：{0}").format(target))

    def export_certificate(self, path: Path | None = None) -> None:
        from exporters.volunteers.certificate import export_certificates_pdf
        from models.volunteers.certificates import Issuer, issue_certificate

        v = self.selected()
        if v is None:
            return
        year = self.year.value()
        start = max(date(year, 1, 1), v.joined)
        end = min(date(year, 12, 31), date.today())
        target = self._target(self.tr("志愿服务记录证明（{0}）").format(v.name), (".pdf",), path)
        if target is None:
            return
        issued = run_op(self, self.hub, issue_certificate, v.id, start, end, Issuer(),
                        changes=VOLUNTEERS)
        if issued.ok and run_op(self, None, export_certificates_pdf, [issued.value], target).ok:
            self.last_export = target
            self.hub.message.emit(self.tr("已出具 {0}：{1}").format(issued.value.number, target))
