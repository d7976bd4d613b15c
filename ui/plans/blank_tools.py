"""Blanks to fill by hand, in the plan editor (models.plans.blanks): 插入待填空白 puts a date,
time or name blank where the cursor is (in a form field or a grid cell being edited; Ctrl+Shift+D,
Ctrl+Shift+T, Ctrl+Shift+B), and 活动时间待定 leaves the activity's date to fill (start and end
cleared, the time note printed as 　　年　　月　　日)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from models.plans.blanks import BLANK_DATE, BLANK_NAME, BLANK_TIME, DATE_TO_FILL
from ui.plans.form import PlanForm
from ui.widgets.date_edits import set_value

# (menu text, the blank, shortcut)
BLANKS: tuple[tuple[str, str, str], ...] = (
    ("日期空白（　年　月　日）", BLANK_DATE, "Ctrl+Shift+D"),
    ("时间空白（　时　分）", BLANK_TIME, "Ctrl+Shift+T"),
    ("名称空白（＿＿＿＿）", BLANK_NAME, "Ctrl+Shift+B"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanEditor", text)


def insert_blank(widget: QWidget | None, blank: str) -> bool:
    """Type the blank into widget at its cursor; False when widget takes no text."""
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        widget.insert(blank)
        return True
    if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
        widget.insertPlainText(blank)
        return True
    return False


def make_blank_button(owner: QWidget, on_refused: object) -> QToolButton:
    """The 插入待填空白 button with its menu; its shortcuts work anywhere in owner. on_refused
    (a callable taking a message) is told when the focus is not in a text."""
    button = QToolButton(owner)
    button.setText(_tr("插入待填空白"))
    button.setToolTip(_tr("在光标处留一个打印后手工填写的空白（日期、时间或名称）；"
                          "留有空白的方案在导出前会被提示尚未完成"))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text being edited keeps the cursor
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    target: list[QWidget | None] = [None]
    # The menu takes the keyboard while open: remember where the cursor was before.
    menu.aboutToShow.connect(lambda: target.__setitem__(0, QApplication.focusWidget()))

    def put(blank: str, from_menu: bool) -> None:
        widget = target[0] if from_menu else QApplication.focusWidget()
        if not insert_blank(widget, blank) and callable(on_refused):
            on_refused(_tr("请先把光标放在要留空白的文字里（表单栏目或正在编辑的表格单元格）。"))

    for text, blank, keys in BLANKS:
        # The key is only shown here: the same shortcut on two actions would be ambiguous.
        action = QAction(_tr(text) + "\t" + keys, menu)
        action.triggered.connect(lambda _c=False, b=blank: put(b, True))
        menu.addAction(action)
        shortcut = QAction(owner)  # the same, from the keyboard, wherever the cursor is
        shortcut.setShortcut(QKeySequence(keys))
        shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.triggered.connect(lambda _c=False, b=blank: put(b, False))
        owner.addAction(shortcut)
    button.setMenu(menu)
    return button


def make_date_to_fill_button(form: PlanForm, parent: QWidget) -> QPushButton:
    """活动时间待定: clears start and end and puts the date blank in the time note, through the
    form's own fields (so the record, the dirty mark and autosave follow as for any edit)."""
    button = QPushButton(_tr("活动时间待定（打印为空白）"), parent)
    button.setToolTip(_tr("日期还没定：清除开始和结束时间，时间说明印为“　　年　　月　　日”，"
                          "打印后手工填写"))

    def leave_to_fill() -> None:
        for name in ("start", "end"):
            set_value(form.widget(name), QDateTime())
        note = form.widget("time_note")
        if DATE_TO_FILL not in note.text():
            note.setText(DATE_TO_FILL + note.text())

    button.clicked.connect(leave_to_fill)
    return button
