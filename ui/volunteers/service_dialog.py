"""Keyboard entry of one service (or training): date, team, place, what was done, then the people
in a grid: 志愿者 (number or name) -> 时长 -> 角色, Enter moving on to the next box and, after the
role, to the next person's line (a new line appears). "全队在册成员" fills the team's members with
the default time, to be edited. Nothing is saved until 保存; a line that is wrong is named in the
message and nothing of the service is written (models.volunteers.service.record_service)."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.common.errors import UserError
from models.volunteers.records import NewService, Served, TeamRecord, VolunteerRecord
from models.volunteers.rules import ACTIVE, SERVICE, TRAINING, hours_text, parse_minutes
from ui.widgets.enter_keys import keep_enter_in_fields

COL_WHO, COL_NAME, COL_TIME, COL_ROLE = range(4)
TYPED = (COL_WHO, COL_TIME, COL_ROLE)  # the boxes Enter walks through
BAD = QColor("#fde2e1")


class PeopleGrid(QTableWidget):
    """A grid where Enter commits the box and moves to the next one (a new line after the last)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("志愿者（编号或姓名）"), self.tr("姓名"),
                                        self.tr("时长"), self.tr("角色")])
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(COL_WHO, 170)
        self.setColumnWidth(COL_NAME, 190)
        self.setColumnWidth(COL_TIME, 110)
        self.add_line()

    def add_line(self) -> int:
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem("")
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, COL_NAME, name)
        for col in TYPED:
            self.setItem(row, col, QTableWidgetItem(""))
        return row

    def text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text().strip() if item else ""

    def advance(self) -> None:
        row, col = self.currentRow(), self.currentColumn()
        if row < 0:
            row, col = 0, -1
        later = [c for c in TYPED if c > col]
        if later:
            col = later[0]
        else:
            if not self.text(row, COL_WHO):
                return  # an empty line ends the entry: Enter stays there
            row += 1
            col = COL_WHO
            if row >= self.rowCount():
                self.add_line()
        self.setCurrentCell(row, col)
        self.edit(self.currentIndex())

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter in a box: the delegate commits and asks to submit; move on instead of stopping.
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.advance()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QTableWidget.State.EditingState:
            self.advance()
            return
        super().keyPressEvent(event)


class ServiceDialog(QDialog):
    def __init__(self, teams: list[TeamRecord], volunteers: list[VolunteerRecord],
                 save: Callable[[NewService], bool], parent: QWidget | None = None, *,
                 day: date | None = None, team_id: int | None = None,
                 activities: list[tuple[int, str]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录志愿服务"))
        self.resize(720, 560)
        self.volunteers = volunteers
        self.save = save  # writes through ui.operations; False: refused (the dialog stays)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.day = QDateEdit()
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        d = day or date.today()
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.team = QComboBox()
        self.team.addItem(self.tr("（不属于某个队）"), None)
        for t in teams:
            self.team.addItem(t.name, t.id)
        if team_id is not None:
            self.team.setCurrentIndex(max(0, self.team.findData(team_id)))
        self.kind = QComboBox()
        self.kind.addItems([SERVICE, TRAINING])
        self.place = QLineEdit()
        self.content = QLineEdit()
        self.content.setPlaceholderText(self.tr("例如：小区楼道清理"))
        self.default_time = QLineEdit("2")
        self.default_time.setToolTip(self.tr("小时数（如 2 或 1.5）、“90分”或“1小时20分”"))
        fill = QPushButton(self.tr("填入全队在册成员"))
        fill.setAutoDefault(False)
        fill.clicked.connect(self.fill_team)
        row = QHBoxLayout()
        row.addWidget(self.default_time)
        row.addWidget(fill)
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("服务队"), self.team)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("地点"), self.place)
        form.addRow(self.tr("服务内容"), self.content)
        form.addRow(self.tr("每人时长（默认）"), row)
        self.activity = QComboBox()
        self.activity.addItem(self.tr("（不从活动导入）"), None)
        for plan_id, title in activities or []:
            self.activity.addItem(title, plan_id)
        from_activity = QPushButton(self.tr("从活动填入"))
        from_activity.setAutoDefault(False)
        from_activity.clicked.connect(self.fill_from_activity)
        arow = QHBoxLayout()
        arow.addWidget(self.activity, 1)
        arow.addWidget(from_activity)
        form.addRow(self.tr("活动"), arow)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("参加人员：输入编号或姓名后按回车，依次填时长、角色；"
                                        "时长不含往返路途。")))
        self.grid = PeopleGrid()
        self.grid.itemChanged.connect(self._changed)
        layout.addWidget(self.grid)
        self.total = QLabel()
        layout.addWidget(self.total)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        keep_enter_in_fields(self)  # Enter in a field never saves half a service
        self.result_service: NewService | None = None
        self.plan_id: int | None = None  # the activity the service was filled from

    # --- who is who ------------------------------------------------------------------------
    def find(self, typed: str) -> tuple[VolunteerRecord | None, str]:
        """The volunteer a typed number or name means, or why none."""
        if not typed:
            return None, ""
        by_number = [v for v in self.volunteers if v.number.lower() == typed.lower()]
        found = by_number or [v for v in self.volunteers if v.name == typed]
        if not found and typed.isdigit():
            found = [v for v in self.volunteers if v.id == int(typed)]
        if not found:
            return None, self.tr("找不到“{0}”").format(typed)
        if len(found) > 1:
            return None, self.tr("有 {0} 位“{1}”，请输入志愿者编号").format(len(found), typed)
        return found[0], ""

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COL_WHO:
            v, why = self.find(item.text().strip())
            name = self.grid.item(item.row(), COL_NAME)
            self.grid.blockSignals(True)
            if name is not None:
                name.setText(f"{v.name}（{v.team or '未分队'}）" if v else why)
                name.setBackground(QBrush(BAD) if why else QBrush())
            time = self.grid.item(item.row(), COL_TIME)
            if v is not None and time is not None and not time.text().strip():
                time.setText(self.default_time.text().strip())
            self.grid.blockSignals(False)
        self._update_total()

    def _update_total(self) -> None:
        minutes, people = 0, 0
        for r in range(self.grid.rowCount()):
            if self.grid.text(r, COL_WHO):
                people += 1
                with suppress(UserError):  # a time not yet readable: left out of the total
                    minutes += parse_minutes(self.grid.text(r, COL_TIME))
        self.total.setText(self.tr("共 {0} 人，合计 {1}").format(people, hours_text(minutes)))

    def fill_team(self) -> None:
        team_id = self.team.currentData()
        if team_id is None:
            self.error.setText(self.tr("请先选择服务队。"))
            return
        day = self.day.date().toPython()
        have = {self.grid.text(r, COL_WHO) for r in range(self.grid.rowCount())}
        for v in self.volunteers:
            if v.team_id == team_id and v.status == ACTIVE and v.joined <= day \
                    and v.number not in have:
                row = next((r for r in range(self.grid.rowCount())
                            if not self.grid.text(r, COL_WHO)), None)
                row = self.grid.add_line() if row is None else row
                self.grid.item(row, COL_WHO).setText(v.number)

    def fill_from_activity(self) -> None:
        """The activity's staff and checked-in volunteers with the agenda's time, to edit."""
        from models.volunteers.from_activity import draft_from_activity

        plan_id = self.activity.currentData()
        if plan_id is None:
            self.error.setText(self.tr("请先选择活动。"))
            return
        try:
            draft = draft_from_activity(plan_id, self.team.currentData())
        except UserError as exc:
            self.error.setText(str(exc))
            return
        s = draft.service
        self.day.setDate(QDate(s.day.year, s.day.month, s.day.day))
        self.content.setText(s.content)
        self.place.setText(s.place)
        self.plan_id = plan_id
        numbers = {v.id: v.number for v in self.volunteers}
        have = {self.grid.text(r, COL_WHO) for r in range(self.grid.rowCount())}
        for p in s.people:
            if numbers.get(p.volunteer_id) in have:
                continue
            row = next((r for r in range(self.grid.rowCount())
                        if not self.grid.text(r, COL_WHO)), None)
            row = self.grid.add_line() if row is None else row
            self.grid.item(row, COL_TIME).setText(f"{p.minutes}分")
            self.grid.item(row, COL_ROLE).setText(p.role)
            self.grid.item(row, COL_WHO).setText(numbers.get(p.volunteer_id, ""))
        self.error.setText("；".join(draft.notes))

    # --- saving ---------------------------------------------------------------------------
    def collect(self) -> NewService:
        """The service as typed; a UserError names the first wrong line."""
        people: list[Served] = []
        for r in range(self.grid.rowCount()):
            typed = self.grid.text(r, COL_WHO)
            if not typed:
                continue
            v, why = self.find(typed)
            if v is None:
                raise UserError(self.tr("第 {0} 行：{1}。").format(r + 1, why))
            try:
                minutes = parse_minutes(self.grid.text(r, COL_TIME))
            except UserError as exc:
                raise UserError(self.tr("第 {0} 行（{1}）：{2}").format(r + 1, v.name, exc)) \
                    from None
            people.append(Served(v.id, minutes, self.grid.text(r, COL_ROLE)))
        if not self.content.text().strip():
            raise UserError(self.tr("请填写服务内容。"))
        return NewService(self.day.date().toPython(), self.team.currentData(), people,
                          self.kind.currentText(), self.place.text(), self.content.text(),
                          self.plan_id)

    def _accept(self) -> None:
        try:
            new = self.collect()
        except UserError as exc:
            self.error.setText(str(exc))
            return
        if self.save(new):
            self.result_service = new
            self.accept()
