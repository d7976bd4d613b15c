"""清理旧个人信息: remove the personal details of sign-ups for activities over N years ago, keeping
every count (models/signups/retention.py). Shows what would be cleared, asks, then says what was
done."""
from __future__ import annotations

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import SIGNUPS
from models.common.errors import UserError
from models.signups.retention import CleanupPreview, cleanup_personal_data, preview_cleanup
from ui.operations import DataHub, show_error
from ui.widgets.dialogs import run_dialog
from ui.widgets.enter_keys import keep_enter_in_fields

DEFAULT_YEARS = 3


class CleanupDialog(QDialog):
    def __init__(self, hub: DataHub | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.preview: CleanupPreview | None = None
        self.setWindowTitle(self.tr("清理旧个人信息"))
        self.resize(560, 300)

        intro = QLabel(self.tr(
            "按照“收集的个人信息不多留”的要求，可以清除多年前活动报名中的个人信息："
            "姓名、电话、备注、收据号、同行人姓名，以及与居民名册的关联。\n"
            "报名、签到、未到、候补人数，费用，以及按性别、年龄段、楼栋的统计保持不变。"
            "居民名册本身不受影响。清理前会自动备份，需要时可从“备份与恢复”找回。"))
        intro.setWordWrap(True)

        self.years = QSpinBox()
        self.years.setRange(1, 50)
        self.years.setValue(DEFAULT_YEARS)
        self.years.setSuffix(self.tr(" 年"))
        self.years.valueChanged.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("清理多少年以前结束的活动：")))
        row.addWidget(self.years)
        row.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setObjectName("cleanupSummary")
        self.summary.setStyleSheet("QLabel#cleanupSummary { padding: 8px; background: #f4f6f8;"
                                   " border: 1px solid #dde3ea; }")

        self.clean_button = QPushButton(self.tr("清理…"))
        self.clean_button.clicked.connect(self.clean)
        close_button = QPushButton(self.tr("关闭"))
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clean_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)
        keep_enter_in_fields(self)  # Enter in the years must not press 清理…
        self.refresh()

    def refresh(self) -> None:
        try:
            self.preview = preview_cleanup(self.years.value())
        except UserError as exc:
            self.preview = None
            self.summary.setText(str(exc))
        else:
            self.summary.setText(self.preview.text())
        self.clean_button.setEnabled(bool(self.preview and self.preview.signups))

    def clean(self) -> None:
        if self.preview is None or not self.preview.signups:
            return
        question = self.tr("{0}\n\n清理后这些报名的个人信息无法在本程序中恢复"
                           "（只能从清理前的备份恢复整份数据）。确定清理吗？").format(self.preview.text())
        if not self.confirm(question):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = cleanup_personal_data(self.years.value())
        except UserError as exc:
            error = str(exc)
        else:
            error = ""
        finally:
            QApplication.restoreOverrideCursor()
        if error:
            show_error(self, error)
            return
        if self.hub is not None:
            self.hub.announce(SIGNUPS, self.tr("已清理旧个人信息。"))
        self.refresh()
        backup = QDir.toNativeSeparators(str(result.backup)) if result.backup else ""
        self.inform(self.tr("已清除 {0} 个活动中 {1} 条报名的个人信息，人数统计不变。\n\n"
                            "清理前的数据已备份到：\n{2}").format(
            result.preview.activities, result.preview.signups, backup))

    # --- questions to the clerk (one place, so tests can answer them) ---------------------------

    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("清理旧个人信息"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("清理"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return run_dialog(box) == QMessageBox.StandardButton.Yes

    def inform(self, text: str) -> None:
        QMessageBox.information(self, self.tr("清理旧个人信息"), text)
