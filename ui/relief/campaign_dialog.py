"""新建慰问活动: title, the relief plan it belongs to, period, funds and their source, issuer,
where to object, the categories with their standards and the phases with deadlines, typed one a
line (read by models/relief/forms.py; a bad line is named in the error line and nothing is
made)."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from models.common.errors import UserError
from models.common.money import parse_money
from models.relief.forms import parse_categories, parse_phases
from models.relief.records import NewCampaign
from models.relief.service import check_new_campaign

CATEGORIES_HINT = "低保户 每户 500 大米10公斤=60\n困难党员 每人 500\n独居老人 每人 300"


class CampaignDialog(QDialog):
    def __init__(self, plans: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建慰问活动"))
        self.setMinimumWidth(560)
        today = date.today()
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.plan = QComboBox()
        self.plan.addItem(self.tr("（不关联活动方案）"), None)
        for pid, title in plans:
            self.plan.addItem(title, pid)
        self.start = QLineEdit(str(today))
        self.end = QLineEdit(str(today + timedelta(days=60)))
        self.funds = QLineEdit()
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("如 街道春节慰问专项资金"))
        self.issuer = QLineEdit(self.tr("社区居民委员会"))
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("受理异议的地点和电话"))
        self.categories = QPlainTextEdit()
        self.categories.setPlaceholderText(CATEGORIES_HINT)
        self.categories.setTabChangesFocus(True)
        self.phases = QPlainTextEdit()
        self.phases.setPlaceholderText(f"{today + timedelta(days=10)} 审核 民政专干")
        self.phases.setTabChangesFocus(True)
        for label, w in ((self.tr("活动名称"), self.title), (self.tr("活动方案"), self.plan),
                         (self.tr("开始日期"), self.start), (self.tr("结束日期"), self.end),
                         (self.tr("资金（元）"), self.funds), (self.tr("资金来源"), self.source),
                         (self.tr("发文单位"), self.issuer), (self.tr("异议受理"), self.contact),
                         (self.tr("慰问类别（每行一类）"), self.categories),
                         (self.tr("阶段（每行：截止日期 名称 负责人）"), self.phases)):
            form.addRow(label, w)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.made: NewCampaign | None = None

    def _date(self, edit: QLineEdit, what: str) -> date:
        try:
            return date.fromisoformat(edit.text().strip())
        except ValueError:
            raise UserError(self.tr("{0}“{1}”看不懂，请写成 2026-12-20 这样。").format(
                what, edit.text().strip())) from None

    def _accept(self) -> None:
        try:
            self.made = NewCampaign(
                self.title.text(), self._date(self.start, self.tr("开始日期")),
                self._date(self.end, self.tr("结束日期")), plan_id=self.plan.currentData(),
                funds_fen=parse_money(self.funds.text()), funds_source=self.source.text(),
                issuer=self.issuer.text(), objection_contact=self.contact.text(),
                categories=parse_categories(self.categories.toPlainText()),
                phases=parse_phases(self.phases.toPlainText()))
            check_new_campaign(self.made)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
