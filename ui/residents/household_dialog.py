"""One resident's household and status (户与状态): the household's address, tags and members
(who left shown greyed, with the day), and what the clerk does with them: move the person to
another household (found by address or a member's name) or to a new one, pick the head, set the
relationship, and set the person's status (在册, 迁出, 死亡 with the day). Every write goes through
ui.operations.run_op into models.residents.households."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import RESIDENTS
from models.residents import households as hh
from models.residents.service import get_resident
from ui.operations import DataHub, run_op

FOUND_AT_MOST = 200


class HouseholdDialog(QDialog):
    def __init__(self, hub: DataHub | None, resident_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.resident_id = resident_id
        self.setWindowTitle(self.tr("户与状态"))
        self.resize(760, 620)

        self.who = QLabel()
        self.who.setStyleSheet("font-weight: bold;")
        self.address = QLabel()
        self.members = QTreeWidget()
        self.members.setHeaderLabels([self.tr("姓名"), self.tr("与户主关系"), self.tr("状态"),
                                      self.tr("编号")])
        self.members.setRootIsDecorated(False)
        for col, width in enumerate((180, 110, 180)):
            self.members.setColumnWidth(col, width)
        self.relation = QComboBox()
        self.relation.addItem(self.tr("未填"), "")
        for r in hh.RELATIONS:
            self.relation.addItem(r, r)
        self.set_relation_button = QPushButton(self.tr("改为此关系"))
        self.make_head_button = QPushButton(self.tr("设为户主"))
        self.leave_button = QPushButton(self.tr("移出本户"))
        self.set_relation_button.clicked.connect(self.apply_relation)
        self.make_head_button.clicked.connect(self.make_head)
        self.leave_button.clicked.connect(self.leave_household)

        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("按住址或成员姓名查找户，按回车"))
        self.find.returnPressed.connect(self.find_households)
        self.found = QListWidget()
        self.move_button = QPushButton(self.tr("移入所选的户"))
        self.new_button = QPushButton(self.tr("新建一户（本人为户主）"))
        self.move_button.clicked.connect(self.move_to_selected)
        self.new_button.clicked.connect(self.new_household)

        self.status = QComboBox()
        for s in hh.STATUSES:
            self.status.addItem(s, s)
        self.left_on = QDateEdit(QDate.currentDate())
        self.left_on.setCalendarPopup(True)
        self.left_on.setDisplayFormat("yyyy-MM-dd")
        self.status_button = QPushButton(self.tr("设置状态"))
        self.status_button.clicked.connect(self.apply_status)
        self.status.currentIndexChanged.connect(self._status_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        home = QGroupBox(self.tr("所在的户"))
        box = QVBoxLayout(home)
        box.addWidget(self.address)
        box.addWidget(self.members, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("与户主关系")))
        row.addWidget(self.relation)
        for b in (self.set_relation_button, self.make_head_button, self.leave_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(home, 2)
        move = QGroupBox(self.tr("移到另一户"))
        box = QVBoxLayout(move)
        box.addWidget(self.find)
        box.addWidget(self.found, 1)
        row = QHBoxLayout()
        row.addWidget(self.move_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(move, 1)
        state = QGroupBox(self.tr("状态（迁出、去世的人保留记录，不再出现在名单、统计和报名中）"))
        row = QHBoxLayout(state)
        row.addWidget(self.status)
        row.addWidget(QLabel(self.tr("日期")))
        row.addWidget(self.left_on)
        row.addWidget(self.status_button)
        row.addStretch(1)
        layout.addWidget(state)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        # No default button: Enter in the search field finds, it does not close the dialog.
        for b in (self.set_relation_button, self.make_head_button, self.leave_button,
                  self.move_button, self.new_button, self.status_button, close):
            b.setAutoDefault(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    # --- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        person = get_resident(self.resident_id)
        self.person = person
        self.who.setText(self.tr("{0}（编号 {1}）").format(person.name, person.id))
        home = hh.household_of(self.resident_id, include_left=True)
        self.household = home
        self.members.clear()
        if home is None:
            self.address.setText(self.tr("还不属于任何一户。可以在下面找到一户移入，或新建一户。"))
        else:
            tags = self.tr("；户标签：{0}").format("、".join(home.tags)) if home.tags else ""
            self.address.setText(self.tr("住址：{0}{1}").format(
                home.full_address() or self.tr("未填"), tags))
            for m in home.members:
                state = m.status if m.left_on is None else f"{m.status} {m.left_on.isoformat()}"
                item = QTreeWidgetItem([m.name, m.relation or self.tr("未填"), state,
                                        str(m.resident_id)])
                if m.status != hh.STATUSES[0]:
                    for col in range(4):
                        item.setForeground(col, QBrush(QColor("#888888")))
                if m.resident_id == self.resident_id:
                    font = item.font(0)
                    font.setBold(True)
                    item.setFont(0, font)
                self.members.addTopLevelItem(item)
        self.relation.setCurrentIndex(max(0, self.relation.findData(person.relation)))
        for b in (self.set_relation_button, self.make_head_button, self.leave_button):
            b.setEnabled(home is not None)
        self.status.setCurrentIndex(max(0, self.status.findData(person.status)))
        if person.left_on is not None:
            self.left_on.setDate(QDate(person.left_on.year, person.left_on.month,
                                       person.left_on.day))
        self._status_changed()
        self.move_button.setEnabled(self.found.currentItem() is not None)

    def _status_changed(self, *_args: object) -> None:
        self.left_on.setEnabled(self.status.currentData() != hh.STATUSES[0])

    def find_households(self) -> None:
        self.found.clear()
        text = self.find.text().strip()
        if not text:
            return
        for home in hh.list_households(hh.HouseholdQuery(text=text))[:FOUND_AT_MOST]:
            if self.household is not None and home.id == self.household.id:
                continue
            item = QListWidgetItem(self.tr("{0}（{1} 人）").format(home.label, len(home.members)))
            item.setData(Qt.ItemDataRole.UserRole, home.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)
        else:
            self.found.addItem(self.tr("没有找到"))
        self.move_button.setEnabled(self._chosen() is not None)

    def _chosen(self) -> int | None:
        item = self.found.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # --- writing --------------------------------------------------------------------------
    def _write(self, fn, *args: object) -> bool:
        ok = run_op(self, self.hub, fn, *args, changes=RESIDENTS).ok
        self.refresh()
        return ok

    def apply_relation(self) -> None:
        self._write(hh.set_relation, self.resident_id, self.relation.currentData())

    def make_head(self) -> None:
        if self.household is not None:
            self._write(hh.set_head, self.household.id, self.resident_id)

    def leave_household(self) -> None:
        self._write(hh.move_to_household, self.resident_id, None)

    def move_to_selected(self) -> None:
        target = self._chosen()
        if target is not None:
            relation = self.relation.currentData()
            self._write(hh.move_to_household, self.resident_id, target,
                        "" if relation == "户主" else relation)
            self.found.clear()

    def new_household(self) -> None:
        p = self.person

        def make() -> int:
            return hh.create_household(building=p.building, unit=p.unit, room=p.room,
                                       address=p.address if not p.building else "",
                                       head_id=p.id)

        self._write(make)

    def apply_status(self) -> None:
        status = self.status.currentData()
        day = self.left_on.date().toPython() if status != hh.STATUSES[0] else None
        self._write(hh.set_status, [self.resident_id], status, day)
