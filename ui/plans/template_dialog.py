"""Pick a plan template and the year to place it in (从模板新建). A festival template proposes
the year of the festival's next day from today (重阳 in December: next year's), shown beside it."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.dialogs import run_dialog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class TemplateDialog(QDialog):
    """templates: TemplateInfo-like objects (key, title, category, kind, description)."""

    def __init__(self, templates: list[Any], parent: QWidget | None = None,
                 year: int | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today or date.today()
        # A year the caller or the clerk chose stays; otherwise it follows the template.
        self._year_chosen = year is not None
        self.setWindowTitle(self.tr("从模板新建方案"))
        self.resize(720, 460)
        self._templates = {t.key: t for t in templates}

        self.list = QListWidget()
        self.list.setMinimumWidth(300)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for t in templates:
            item = QListWidgetItem(self.tr("【{0}】{1}").format(t.category, _without_year(t.title)))
            item.setData(KEY_ROLE, t.key)
            item.setToolTip(t.description)
            self.list.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setMinimumWidth(280)
        self.description.setMargin(8)
        self.description.setStyleSheet("background: palette(base); border: 1px solid palette(mid);")

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or self._today.year)
        self.year.setSuffix(self.tr(" 年"))
        self.year.setMinimumWidth(110)
        self.year.valueChanged.connect(self._year_edited)
        self._setting_year = False
        self.next_day = QLabel()
        self.next_day.setObjectName("nextFestivalDay")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建方案"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.list, 3)
        body.addWidget(self.description, 2)
        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("活动年份：")))
        form.addWidget(self.year)
        form.addWidget(self.next_day)
        form.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("选择一个模板，新方案会按所选年份填好日期，之后可以随意修改。")))
        layout.addLayout(body, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.list.currentItemChanged.connect(self._show_description)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_ok()

    def _show_description(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        t = self._templates.get(item.data(KEY_ROLE)) if item else None
        if t is None:
            self.description.setText("")
        else:
            self.description.setText(
                self.tr("<b>{0}</b><br>类别：{1}<br><br>{2}").format(
                    _html(_without_year(t.title)), _html(t.category), _html(t.description)
                )
            )
        self._follow_festival(t)
        self._update_ok()

    def _year_edited(self) -> None:
        if not self._setting_year:  # the clerk's own change, not the template's proposal
            self._year_chosen = True

    def _propose_year(self, year: int) -> None:
        if self._year_chosen:
            return
        self._setting_year = True
        self.year.setValue(year)
        self._setting_year = False

    def _follow_festival(self, t: Any) -> None:
        """The next day of the template's festival beside the year; the year set to it unless
        one was chosen."""
        from models.plans.dates import next_festival_day
        from models.plans.festivals import festival_name

        day = next_festival_day(getattr(t, "festival", ""), self._today) if t else None
        if day is None:
            self.next_day.setText("")
            self._propose_year(self._today.year)
            return
        self.next_day.setText(self.tr("下一个{0}：{1}年{2}月{3}日").format(
            festival_name(t.festival), day.year, day.month, day.day))
        self._propose_year(day.year)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.selected_key() is not None
        )

    def selected_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item else None

    def choice(self) -> tuple[str, int] | None:
        key = self.selected_key()
        return (key, self.year.value()) if key else None


def _without_year(title: str) -> str:
    # A template's title carries its sample year; the new plan gets the year chosen below.
    return re.sub(r"^\s*\d{4}\s*年\s*", "", title)


def _html(text: str) -> str:
    from html import escape

    return escape(text, quote=False).replace("\n", "<br>")


def choose_template(parent: QWidget | None) -> tuple[str, int] | None:
    """Ask for a template and a year; None when the clerk cancels."""
    from models.plans.templates import list_templates

    dialog = TemplateDialog(list_templates(), parent)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
