"""The 报名签到 area: pick an activity; add people found in the residents' register (name, pinyin,
initials, phone digits: models.residents.service.search_residents) or as walk-ins; registered,
waitlist, capacity and companions always in view; cancel (the waitlist moves, the promoted row is
highlighted until the clerk has phoned); the day's check-in mode; printed sheets exported in the
background. Every write goes through ui.operations."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import SIGNUPS, Changes
from models.common.errors import UserError
from models.plans.service import list_plans
from models.residents.records import ResidentQuery
from models.residents.service import search_residents
from models.signups.records import NewSignup, parse_companions
from models.signups.rules import REGISTERED, WAITLIST
from models.signups.service import (
    DuplicateSignup,
    activity_rules,
    cancel_signup,
    list_signups,
    mark_no_shows,
    mark_phoned,
    sign_up,
    signup_counts,
)
from ui.context import AppContext
from ui.operations import Progress, run_op, run_task, show_error
from ui.signups.model import COL_NAME, COL_NOTE, SignupsModel
from ui.signups.walkin_dialog import WalkInDialog
from ui.widgets.combos import choose_id, chosen_id
from ui.widgets.dialogs import run_dialog
from ui.widgets.selection import set_model

SEARCH_DELAY_MS = 250
RESULTS = 50


def _export_task(progress: Progress, fn: Callable[..., Any], plan_id: int, path: Path,
                 reports: bool, **kw: Any) -> Path:
    """Runs in the worker thread; large sheets report progress and stop on 取消."""
    def report(done: int, total: int) -> None:
        progress.check()
        progress.report(done, total)

    if reports:
        kw["progress"] = report
    fn(plan_id, path, **kw)
    return path


def _signin_pdf_bytes(plan_id: int, order: str, masked: bool) -> bytes:
    from exporters.signups.signin_pdf import export_signin_pdf
    from ui.widgets.printing import exported_bytes  # off the start-up path

    return exported_bytes(
        lambda path: export_signin_pdf(plan_id, path, order=order, masked=masked), "signin.pdf")


class SignupsArea(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.hub = ctx, ctx.hub
        self.model = SignupsModel(self)
        self.activity = QComboBox()
        self.activity.setMinimumWidth(420)
        self.activity.currentIndexChanged.connect(lambda _i: self.reload())
        self.counts = QLabel()
        big = QFont()
        big.setPointSize(12)
        big.setBold(True)
        self.counts.setFont(big)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3b0; padding: 6px; border-radius: 4px;")
        self.banner.hide()

        # Left: find residents and sign them up.
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找居民：姓名、拼音、首字母或电话"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda _item: self.add_selected())
        self.companions = QLineEdit()
        self.companions.setPlaceholderText(self.tr("陪同人员（可空）：王小明 子女 4岁、李芳 配偶"))
        self.add_button = QPushButton(self.tr("报名所选居民"))
        self.add_button.clicked.connect(self.add_selected)
        self.walk_in_button = QPushButton(self.tr("登记未在名册中的人…"))
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel(self.tr("添加报名")), self.search, self.results, self.companions,
                  self.add_button, self.walk_in_button):
            lay.addWidget(w)

        # Right: the sign-ups.
        self.table = QTableView()
        self.selection = set_model(self.table, self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.order = QComboBox()
        self.order.addItem(self.tr("按报名先后"), "position")
        self.order.addItem(self.tr("按姓氏笔画"), "strokes")
        self.order.currentIndexChanged.connect(lambda _i: self.reload())
        self.cancel_button = QPushButton(self.tr("取消报名…"))
        self.cancel_button.clicked.connect(lambda: self.cancel_selected())
        self.phoned_button = QPushButton(self.tr("已电话通知"))
        self.phoned_button.clicked.connect(self.mark_selected_phoned)
        self.details_button = QPushButton(self.tr("详情…"))
        self.details_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.link_button = QPushButton(self.tr("关联到所选居民"))
        self.link_button.setToolTip(self.tr("把选中的现场登记（未在名册中）与左侧选中的居民关联"))
        self.link_button.clicked.connect(self.link_selected)
        self.figures_button = QPushButton(self.tr("出勤统计"))
        self.figures_button.clicked.connect(self.show_figures)
        self.checkin_button = QPushButton(self.tr("现场签到模式"))
        self.checkin_button.clicked.connect(self.open_check_in)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("导出与打印"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for text, kind in ((self.tr("签到表（PDF）…"), "signin_pdf"),
                           (self.tr("签到表（Excel）…"), "signin_xlsx"),
                           (self.tr("签到表（PDF，姓名也隐去）…"), "signin_pdf_masked"),
                           (self.tr("报名名册（Excel）…"), "roster"),
                           (self.tr("报名名册（PDF）…"), "roster_pdf"),
                           (self.tr("空白报名表（Excel）…"), "form"),
                           (self.tr("空白报名表（PDF）…"), "form_pdf"),
                           (self.tr("出勤统计（Excel）…"), "attendance"),
                           (self.tr("出勤统计（PDF）…"), "attendance_pdf")):
            menu.addAction(text).triggered.connect(lambda _c=False, k=kind: self.export(k))
        menu.addSeparator()
        for text, masked in ((self.tr("打印签到表…"), False),
                             (self.tr("打印签到表（姓名也隐去）…"), True)):
            menu.addAction(text).triggered.connect(
                lambda _c=False, m=masked: self.print_document(masked=m))
        from ui.signups.sheet_printing import add_print_items  # the other sheets' PDF forms

        add_print_items(self, menu)
        self.export_button.setMenu(menu)
        bar = QHBoxLayout()
        for w in (self.order, self.details_button, self.cancel_button, self.phoned_button,
                  self.link_button, self.figures_button, self.checkin_button, self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addLayout(bar)
        rlay.addWidget(self.table)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 980])
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("活动：")))
        top.addWidget(self.activity, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        self.hub.changed.connect(self._changed)
        self.load_activities()

    # --- data ---------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        # The list shows residents' names and phones, and the search finds residents.
        if changes.plans:
            self.load_activities()  # reloads the sign-ups too
        elif changes.signups or changes.residents:
            self.reload()

    def load_activities(self) -> None:
        current = self.plan_id()
        self.activity.blockSignals(True)
        self.activity.clear()
        for p in list_plans():
            when = p.start.strftime("%Y-%m-%d") if p.start else self.tr("日期未定")
            self.activity.addItem(f"{when}　{p.title}", p.id)
        if current is not None:
            i = self.activity.findData(current)
            if i >= 0:
                self.activity.setCurrentIndex(i)
        self.activity.blockSignals(False)
        self.reload()

    def plan_id(self) -> int | None:
        return chosen_id(self.activity)

    def select_activity(self, plan_id: int) -> bool:
        return choose_id(self.activity, plan_id)

    def reload(self) -> None:
        plan = self.plan_id()
        enabled = plan is not None
        for w in (self.add_button, self.walk_in_button, self.cancel_button, self.phoned_button,
                  self.checkin_button, self.export_button, self.search, self.details_button,
                  self.link_button, self.figures_button):
            w.setEnabled(enabled)
        if plan is None:
            self.model.set_rows([])
            self.counts.setText(self.tr("还没有活动方案：先在“活动方案”中新建一个活动。"))
            return
        try:
            self.model.set_rows(list_signups(plan, order=self.order.currentData()))
            c = signup_counts(plan)
        except UserError as exc:  # the activity was deleted meanwhile
            show_error(self, str(exc))
            return
        cap = self.tr("不限") if c.capacity is None else str(c.capacity)
        free = "" if c.free is None else self.tr("，余 {0}").format(c.free)
        self.counts.setText(self.tr(
            "名额 {0}（已占 {1}{2}）　报名 {3} 人　候补 {4} 人　陪同 {5} 人　已签到 {6} 人"
        ).format(cap, c.seats_used, free, c.registered, c.waitlist, c.companions, c.attended))

    def run_search(self) -> None:
        self._timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        plan = self.plan_id()
        if not text or plan is None:
            return
        day = activity_rules(plan).activity_day or date.today()
        found = search_residents(ResidentQuery(text=text), limit=RESULTS)
        for r in found.rows:
            age = r.age_on(day)
            bits = [r.name, r.gender, self.tr("{0}岁").format(age) if age is not None else "",
                    r.building + r.unit + r.room, r.phone]
            item = QListWidgetItem("　".join(b for b in bits if b))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.results.addItem(item)
        if found.total > RESULTS:
            self.results.addItem(self.tr("……共 {0} 人，请输入更多文字缩小范围").format(found.total))
        if self.results.count():
            self.results.setCurrentRow(0)

    def selected(self):  # -> SignupRecord | None
        rows = self.selection.selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_signup(self, signup_id: int) -> None:
        row = self.model.row_of(signup_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COL_NAME))

    # --- writes -------------------------------------------------------------------------
    def add_selected(self) -> None:
        item = self.results.currentItem()
        rid = item.data(Qt.ItemDataRole.UserRole) if item else None
        if rid is None:
            show_error(self, self.tr("请先在左侧查找并选中一位居民。"))
            return
        self.submit(NewSignup(resident_id=int(rid),
                              companions=parse_companions(self.companions.text())))

    def add_walk_in(self) -> None:
        dialog = WalkInDialog(self.tr("登记未在名册中的人"), self)
        if run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        name, phone, companions = dialog.values()
        self.submit(NewSignup(name=name, phone=phone, companions=companions))

    def submit(self, new: NewSignup, override_note: str = "") -> None:
        plan = self.plan_id()
        if plan is None:
            return
        # sign_up is one transaction in models/; called directly rather than through run_op so
        # that a duplicate can select the existing sign-up, and broken rules ask for a note.
        try:
            result = sign_up(plan, new, override_note=override_note)
        except DuplicateSignup as exc:
            self.select_signup(exc.existing.id)
            show_error(self, str(exc), self.tr("重复报名"))
            return
        except UserError as exc:
            show_error(self, str(exc))
            return
        if not result.saved:
            from ui.signups.override_dialog import OverrideDialog

            name = new.name
            if new.resident_id is not None:
                item = self.results.currentItem()
                name = item.text().split("　")[0] if item else name
            dialog = OverrideDialog(name, result.warnings, self)
            if run_dialog(dialog) == QDialog.DialogCode.Accepted:
                self.submit(new, dialog.note_text())
            return
        self.hub.announce(SIGNUPS)
        rec = result.record
        assert rec is not None
        self.companions.clear()
        self.select_signup(rec.id)
        if rec.status == WAITLIST:
            self.hub.message.emit(self.tr("名额已满，{0} 已进入候补（候补第 {1} 位）。").format(
                rec.name, rec.waitlist_place))
        else:
            self.hub.message.emit(self.tr("{0} 已报名。").format(rec.name))

    def cancel_selected(self, reason: str | None = None) -> None:
        rec = self.selected()
        if rec is None:
            show_error(self, self.tr("请先在列表中选中要取消的报名。"))
            return
        if rec.status not in (REGISTERED, WAITLIST):
            show_error(self, self.tr("{0} 的报名状态是“{1}”，不能取消。")
                       .format(rec.name, rec.status))
            return
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("取消报名"),
                self.tr("取消 {0} 的报名。原因（可空）：").format(rec.name))
            if not ok:
                return
        result = run_op(self, self.hub, cancel_signup, rec.id, reason, changes=SIGNUPS)
        if not result.ok:
            return
        promoted = result.value.promoted
        if promoted:
            names = "、".join(f"{p.name}（{p.phone or self.tr('无电话')}）" for p in promoted)
            self.banner.setText(self.tr("候补递补：{0} 已转为正式报名，请电话通知。"
                                        "通知后选中该行点“已电话通知”。").format(names))
            self.banner.show()
            self.select_signup(promoted[0].id)
        else:
            self.hub.message.emit(self.tr("已取消 {0} 的报名。").format(rec.name))

    def mark_selected_phoned(self) -> None:
        rec = self.selected()
        if rec is None or not rec.promoted:
            show_error(self, self.tr("请选中一行标黄的递补报名（需要电话通知的人）。"))
            return
        ok = run_op(self, self.hub, mark_phoned, rec.id, changes=SIGNUPS).ok
        if ok and not any(r.promoted for r in self.model.rows):
            self.banner.hide()

    def edit_selected(self) -> None:
        from models.signups.service import signup_log, update_signup
        from ui.signups.details_dialog import SignupDetailsDialog

        rec = self.selected()
        if rec is None:
            return
        dialog = SignupDetailsDialog(rec, signup_log(rec.id), self)
        if run_dialog(dialog) == QDialog.DialogCode.Accepted:
            run_op(self, self.hub, update_signup, rec.id, **dialog.values(), changes=SIGNUPS)
            self.select_signup(rec.id)

    def link_selected(self) -> None:
        from models.signups.service import link_resident

        rec = self.selected()
        item = self.results.currentItem()
        rid = item.data(Qt.ItemDataRole.UserRole) if item else None
        if rec is None or rec.resident_id is not None or rid is None:
            show_error(self, self.tr("请在列表中选中一条未关联居民的登记，"
                                     "并在左侧查找、选中对应的居民。"))
            return
        if run_op(self, self.hub, link_resident, rec.id, int(rid), changes=SIGNUPS).ok:
            self.select_signup(rec.id)

    def show_figures(self) -> None:
        from models.signups.figures import activity_figures

        plan = self.plan_id()
        if plan is None:
            return
        day = activity_rules(plan).activity_day
        fig = activity_figures(self.model.rows, day)
        rate = "—" if fig.no_show_rate is None else f"{fig.no_show_rate * 100:.1f}%"
        lines = [self.tr("报名 {0} 人，签到 {1} 人，未到 {2} 人（未到率 {3}）；陪同 {4} 人，"
                         "现场报名 {5} 人，候补 {6} 人。").format(
            fig.registered, fig.attended, fig.no_show, rate, fig.companions, fig.walk_ins,
            fig.waitlist)]
        for label, part in ((self.tr("年龄段"), fig.by_age), (self.tr("性别"), fig.by_sex),
                            (self.tr("楼栋"), fig.by_building)):
            lines.append(self.tr("按{0}（签到/报名）：").format(label) + "；".join(
                f"{b.group} {b.attended}/{b.registered}" for b in part))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("出勤统计"), "\n\n".join(lines),
                          QMessageBox.StandardButton.Close, self)
        # After the day, those still 已报名 are counted as 未到 already; the button writes it
        # down in their sign-ups too (and in the log), so the list says so.
        waiting = sum(r.status == REGISTERED for r in self.model.rows)
        self.no_show_button = None
        if day is not None and day < date.today() and waiting:
            self.no_show_button = box.addButton(
                self.tr("把未签到的 {0} 人记为“未到”").format(waiting),
                QMessageBox.ButtonRole.ActionRole)
            self.no_show_button.clicked.connect(lambda: self.mark_no_shows(plan))
        self.figures_box = box
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as the check-in window below
        box.open()

    def mark_no_shows(self, plan_id: int) -> None:
        result = run_op(self, self.hub, mark_no_shows, plan_id, changes=SIGNUPS)
        if result.ok:
            self.hub.message.emit(self.tr("已把 {0} 位未签到的人记为“未到”。").format(result.value))

    def open_check_in(self) -> None:
        from ui.signups.checkin_mode import CheckInMode

        plan = self.plan_id()
        if plan is None:
            return
        self.check_in_window = CheckInMode(plan, self.activity.currentText(), self.hub, self)
        # Not modal (the area stays usable): Qt deletes it once closed, or a closed window left
        # as a child of the area took the process down on quit (see ui.widgets.dialogs).
        self.check_in_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.check_in_window.show()

    # --- exports ------------------------------------------------------------------------
    def print_document(self, masked: bool = False) -> None:
        """Preview the sign-in sheet's PDF (the one 导出 writes, in the order shown); print from
        the preview. 文件 > 打印… (Ctrl+P) calls this while this tab is on screen."""
        plan = self.plan_id()
        if plan is None:
            self.hub.message.emit(self.tr("请先选择活动。"))
            return
        from ui.widgets.printing import open_preview

        label = self.tr("签到表（隐去姓名）") if masked else self.tr("签到表")
        built = run_op(self, None, _signin_pdf_bytes, plan, self.order.currentData(), masked)
        if built.ok:
            title = self.activity.currentText().split("　", 1)[-1][:60]
            open_preview(built.value, f"{title}{label}", self)

    def export(self, kind: str, path: Path | None = None) -> None:
        from exporters.signups import sheet_pdfs, sheets
        from exporters.signups.signin_pdf import export_signin_pdf

        plan = self.plan_id()
        if plan is None:
            return
        order = {"order": self.order.currentData(), "reports": True}
        spec: dict[str, tuple[str, str, Callable[..., Any], dict[str, Any]]] = {
            "signin_pdf": (self.tr("签到表"), ".pdf", export_signin_pdf, order),
            "signin_xlsx": (self.tr("签到表"), ".xlsx", sheets.export_signin_xlsx, order),
            # The masked one says so in its name: the two must not overwrite or be mistaken.
            "signin_pdf_masked": (self.tr("签到表（隐去姓名）"), ".pdf", export_signin_pdf,
                                  {**order, "masked": True}),
            "roster": (self.tr("报名名册"), ".xlsx", sheets.export_roster, order),
            "form": (self.tr("报名表"), ".xlsx", sheets.export_signup_form, {"reports": False}),
            "attendance": (self.tr("出勤统计"), ".xlsx", sheets.export_attendance,
                           {"reports": False}),
            "roster_pdf": (self.tr("报名名册"), ".pdf", sheet_pdfs.export_roster_pdf, order),
            "form_pdf": (self.tr("报名表"), ".pdf", sheet_pdfs.export_form_pdf,
                         {"reports": False}),
            "attendance_pdf": (self.tr("出勤统计"), ".pdf", sheet_pdfs.export_attendance_pdf,
                               {"reports": False}),
        }
        label, suffix, fn, kw = spec[kind]
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            title = self.activity.currentText().split("　", 1)[-1][:60]
            name, _f = QFileDialog.getSaveFileName(
                self, self.tr("导出{0}").format(label),
                str(Path(folder) / f"{title}{label}{suffix}"),
                self.tr("{0} 文件 (*{1})").format(suffix[1:].upper(), suffix))
            if not name:
                return
            path = Path(name if name.lower().endswith(suffix) else name + suffix)
        self.last_export = run_task(
            self, self.tr("正在导出{0}…").format(label), _export_task, fn, plan, path, **kw,
            on_success=lambda p: self.hub.message.emit(self.tr("已导出：{0}").format(p)))
