"""The day's check-in at the door: one large search field (initials, name or the last four digits
of a phone), Enter checks the person in; a second check-in is refused with the time of the first;
several matches are listed to pick from; a big attended / expected counter; undo of the last
check-in; walk-ins added on the spot. Every write goes through ui.operations.run_op."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import SIGNUPS
from models.signups import checkin
from models.signups.records import SignupRecord
from ui.operations import DataHub, run_op
from ui.signups.walkin_dialog import WalkInDialog
from ui.widgets.dialogs import run_dialog

OK_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 10px; border-radius: 6px;"
REFUSED_STYLE = "color: #b71c1c; background: #ffebee; padding: 10px; border-radius: 6px;"
INFO_STYLE = "color: #0d47a1; background: #e3f2fd; padding: 10px; border-radius: 6px;"


def _font(size: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(size)
    f.setBold(bold)
    return f


class CheckInMode(QDialog):
    def __init__(self, plan_id: int, title: str, hub: DataHub | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_id, self.hub = plan_id, hub
        self.setWindowTitle(self.tr("现场签到 — {0}").format(title))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setFont(_font(16, True))
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.counter = QLabel()
        self.counter.setFont(_font(34, True))
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.counter)

        self.search = QLineEdit()
        self.search.setFont(_font(26))
        self.search.setPlaceholderText(self.tr("输入姓名、首字母或手机尾号四位，按回车签到"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.check_in)
        layout.addWidget(self.search)

        self.message = QLabel(self.tr("请输入后按回车。"))
        self.message.setFont(_font(18, True))
        self.message.setWordWrap(True)
        self.message.setStyleSheet(INFO_STYLE)
        layout.addWidget(self.message)

        self.matches = QListWidget()
        self.matches.setFont(_font(16))
        self.matches.itemActivated.connect(self._pick)
        self.matches.hide()
        layout.addWidget(self.matches, 1)

        self.recent = QListWidget()
        self.recent.setFont(_font(12))
        layout.addWidget(QLabel(self.tr("最近签到：")))
        layout.addWidget(self.recent, 1)  # takes the room the match list leaves when hidden

        buttons = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("撤销上一次签到"))
        self.undo_button.clicked.connect(self.undo)
        self.walk_in_button = QPushButton(self.tr("现场报名并签到…"))
        self.walk_in_button.clicked.connect(self.walk_in)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        for b in (self.undo_button, self.walk_in_button, close):
            # No button may take the Enter meant for the field or the list: a QDialog's buttons
            # are autoDefault, and the first one (撤销) would undo the check-in just made.
            b.setAutoDefault(False)
            b.setDefault(False)
        for b in (self.undo_button, self.walk_in_button):
            b.setFont(_font(13))
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo)
        self.refresh()
        self.search.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter is handled by the field (check in) and the match list (pick); what they pass on
        # stops here, so that it never presses a button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- actions ------------------------------------------------------------------------
    def check_in(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        result = run_op(self, self.hub, checkin.check_in, self.plan_id, text, changes=SIGNUPS)
        if result.ok:
            self._show(result.value)

    def _pick(self, item: QListWidgetItem) -> None:
        signup_id = item.data(Qt.ItemDataRole.UserRole)
        result = run_op(self, self.hub, checkin.check_in_signup, signup_id, changes=SIGNUPS)
        if result.ok:
            self._show(result.value)

    def _show(self, res: checkin.CheckInResult) -> None:
        self.matches.clear()
        self.matches.setVisible(res.outcome == checkin.CHOOSE)
        if res.outcome == checkin.CHECKED_IN:
            self._say(self.tr("✔ {0}").format(res.message), OK_STYLE)
            self.search.clear()
        elif res.outcome == checkin.ALREADY:
            self._say(self.tr("✘ {0}").format(res.message), REFUSED_STYLE)
            self.search.selectAll()
        elif res.outcome == checkin.CHOOSE:
            self._say(res.message, INFO_STYLE)
            for r in res.matches:
                self.matches.addItem(self._match_item(r))
            self.matches.setCurrentRow(0)
            self.matches.setFocus()
        else:
            self._say(res.message, REFUSED_STYLE)
            self.search.selectAll()
        if res.outcome != checkin.CHOOSE:
            self.search.setFocus()  # ready for the next person
        self.refresh()

    def _match_item(self, r: SignupRecord) -> QListWidgetItem:
        tail = r.phone_digits()[-4:]
        text = self.tr("{0}　尾号 {1}　{2}").format(r.name, tail or "—", r.status)
        if r.companions:
            text += self.tr("　陪同：{0}").format(r.companions_text())
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, r.id)
        return item

    def undo(self) -> None:
        result = run_op(self, self.hub, checkin.undo_last_check_in, self.plan_id,
                        changes=SIGNUPS)
        if not result.ok:
            return
        if result.value is None:
            self._say(self.tr("没有可以撤销的签到。"), INFO_STYLE)
        else:
            self._say(self.tr("已撤销 {0} 的签到。").format(result.value.name), INFO_STYLE)
        self.refresh()

    def walk_in(self) -> None:
        dialog = WalkInDialog(self.tr("现场报名并签到"), self)
        if run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        name, phone, companions = dialog.values()
        result = run_op(self, self.hub, checkin.add_walk_in, self.plan_id, name, phone,
                        companions=companions, changes=SIGNUPS)
        if result.ok:
            self._say(self.tr("✔ {0} 已现场报名并签到。").format(name), OK_STYLE)
            self.refresh()

    # --- view ---------------------------------------------------------------------------
    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    def refresh(self) -> None:
        att = checkin.attendance(self.plan_id)
        self.counter.setText(self.tr("已签到 {0} / 应到 {1}").format(att.attended, att.expected))
        self.recent.clear()
        for when, name in checkin.last_check_ins(self.plan_id):
            self.recent.addItem(f"{when:%H:%M:%S}　{name}")
