"""备份与恢复: the backups of the data file, with backup now, back up to (a USB stick), restore
and open the folder. Every action goes through models.datafile.backup."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDir, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.common.errors import UserError
from models.datafile import backup as bk
from models.datafile.restore import restore_from
from ui.widgets.dialogs import run_dialog

T = TypeVar("T")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BackupsDialog(QDialog):
    """Lists backups newest first; after a restore it emits data_replaced so views reload."""

    data_replaced = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.backups: list[bk.BackupInfo] = []
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(640, 420)

        intro = QLabel(self.tr(
            "每天第一次打开数据时自动备份一次；升级数据、恢复、导入居民和清理旧个人信息之前"
            "也会先备份。\n保留最近 7 天、8 周和 12 个月的备份。\n备份文件夹：{0}"
        ).format(QDir.toNativeSeparators(str(bk.backups_dir(self.db_path)))))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("备份时间"), self.tr("类型"), self.tr("大小")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore())

        self.empty_label = QLabel(self.tr("还没有备份。点“立即备份”做第一份。"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_to_button = QPushButton(self.tr("备份到…"))
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.folder_button = QPushButton(self.tr("打开所在文件夹"))
        close_button = QPushButton(self.tr("关闭"))
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_to_button.clicked.connect(self.backup_to)
        self.restore_button.clicked.connect(self.restore)
        self.folder_button.clicked.connect(self.open_folder)
        close_button.clicked.connect(self.accept)
        self.backup_button.setToolTip(self.tr("在备份文件夹中保存一份当前数据"))
        self.backup_to_button.setToolTip(self.tr("把当前数据保存到您选择的位置，例如 U 盘"))
        self.restore_button.setToolTip(self.tr(
            "用选中的备份替换当前数据；没有选中时可选择一个备份文件。当前数据会先另存一份。"))

        buttons = QHBoxLayout()
        for b in (self.backup_button, self.backup_to_button, self.restore_button,
                  self.folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.refresh()

    # --- list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.backups = bk.list_backups(self.db_path)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = [
                info.created.strftime("%Y-%m-%d %H:%M"),
                info.reason_label,
                bk.size_text(info.size),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(QDir.toNativeSeparators(str(info.path)))
                if col == 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
        self.empty_label.setVisible(not self.backups)
        self._update_buttons()

    def selected(self) -> bk.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select_path(self, path: Path) -> None:
        for row, info in enumerate(self.backups):
            if info.path == path:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        exists = self.db_path.is_file()
        self.backup_button.setEnabled(exists)
        self.backup_to_button.setEnabled(exists)

    # --- actions ------------------------------------------------------------------------------

    def _run(self, work: Callable[[], T]) -> T | None:
        """Run one models.datafile.backup call with a busy cursor; a refusal is shown, never
        lost."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return work()
        except UserError as exc:
            error = str(exc)
        finally:
            QApplication.restoreOverrideCursor()
        self.warn(error)
        return None

    def _progress(self, label: str) -> tuple[QProgressDialog, bk.Progress]:
        """A progress window that appears when a copy takes over half a second (a big file, a
        slow USB stick), and a callback for models.datafile.backup that updates it and can
        cancel."""
        dialog = QProgressDialog(label, self.tr("取消"), 0, 100, self)
        dialog.setWindowTitle(self.tr("备份与恢复"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setValue(0)

        def step(done: int, total: int) -> None:
            dialog.setValue(int(done * 100 / total) if total else 100)
            QApplication.processEvents()
            if dialog.wasCanceled():
                raise bk.BackupCancelled()

        return dialog, step

    def backup_now(self) -> None:
        progress, step = self._progress(self.tr("正在备份…"))
        try:
            info = self._run(lambda: bk.backup_now(self.db_path, step))
        finally:
            progress.close()
        if info is not None:
            self.refresh()
            self.select_path(info.path)

    def backup_to(self) -> None:
        suggested = Path.home() / f"社区活动助手备份_{date.today():%Y-%m-%d}.db"
        target = self.choose_save_path(suggested)
        if not target:
            return
        progress, step = self._progress(self.tr("正在备份到所选位置…"))
        try:
            info = self._run(lambda: bk.backup_to(self.db_path, Path(target), step))
        finally:
            progress.close()
        if info is not None:
            self.inform(self.tr("已备份到：\n{0}\n（{1}）").format(
                QDir.toNativeSeparators(str(info.path)), bk.size_text(info.size)))

    def restore(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            source = chosen.path
            what = self.tr("{0}的{1}").format(
                chosen.created.strftime("%Y-%m-%d %H:%M"), chosen.reason_label)
        else:
            picked = self.choose_open_path(bk.backups_dir(self.db_path))
            if not picked:
                return
            source = Path(picked)
            what = QDir.toNativeSeparators(str(source))
        question = self.tr(
            "确定用“{0}”替换当前的全部数据吗？\n\n"
            "该备份之后所做的修改将不再出现。当前数据会先另存为一份“恢复备份前”的备份，"
            "需要时可以再恢复回来。"
        ).format(what)
        if not self.confirm(question):
            return
        aside = self._run(lambda: restore_from(self.db_path, source) or True)
        if aside is None:
            return
        self.refresh()
        self.data_replaced.emit()
        self.inform(self.tr("已恢复。原来的数据已另存为一份备份，列在“恢复备份前”一行。"))

    def open_folder(self) -> None:
        folder = bk.backups_dir(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- questions to the clerk (one place, so tests can answer them) ---------------------------

    def choose_save_path(self, suggested: Path) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("备份到"), str(suggested), self.tr("数据备份 (*.db);;所有文件 (*)"))
        return path

    def choose_open_path(self, folder: Path) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择要恢复的备份文件"), str(folder),
            self.tr("数据备份 (*.db);;所有文件 (*)"))
        return path

    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("从备份恢复"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("恢复"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return run_dialog(box) == QMessageBox.StandardButton.Yes

    def warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("未完成"), text)

    def inform(self, text: str) -> None:
        QMessageBox.information(self, self.tr("备份与恢复"), text)


def offer_newest_backup(parent: QWidget | None, db_path: Path, error: BaseException,
                        ask: Callable[[str], bool] | None = None) -> bool:
    """When the data file cannot be opened (damaged, or gone while backups remain), offer to
    restore the newest backup. True when it was restored and opening may be tried again. The
    refused file is kept in the backups folder, never lost."""
    from models.datafile.opening import can_offer_backup  # only needed on failure

    newest = bk.newest_backup_for(db_path)
    if newest is None or not can_offer_backup(error):
        return False
    text = QCoreApplication.translate(
        "BackupsDialog",
        "{0}\n\n最新的备份是 {1} 的{2}。要用它恢复数据吗？\n"
        "该备份之后所做的修改将不再出现；现在的文件会另存一份，不会丢失。",
    ).format(str(error), newest.created.strftime("%Y-%m-%d %H:%M"), newest.reason_label)
    if ask is None:
        ask = partial(_ask_restore, parent)
    if not ask(text):
        return False
    try:
        restore_from(db_path, newest.path)
    except UserError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("BackupsDialog", "未能恢复"),
                            str(exc))
        return False
    return True


def _ask_restore(parent: QWidget | None, text: str) -> bool:
    what, _sep, question = text.partition("\n\n")
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QCoreApplication.translate("BackupsDialog", "数据文件无法打开"), what,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText(question)
    # A message box sizes itself to its first line; give the question room to read as prose.
    box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel"
                      " { min-width: 26em; }")
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("BackupsDialog", "从最新备份恢复"))
    box.button(QMessageBox.StandardButton.No).setText(
        QCoreApplication.translate("BackupsDialog", "退出"))
    return run_dialog(box) == QMessageBox.StandardButton.Yes
