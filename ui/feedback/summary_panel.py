"""The summary's page: its outline (sections the clerk renames, moves, hides, or adds with prose of
their own; the app's blocks — attendance, spending, feedback, honours, photos — fill themselves
when the summary is exported) and the photos (up to four JPEGs with captions, shown upright).

The outline is saved with 保存提纲 (one write); photos are written as they are added or changed.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QStandardPaths, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import FEEDBACK
from models.feedback.summary_store import (
    add_photo,
    list_photos,
    load_outline,
    move_photo,
    remove_photo,
    save_outline,
    set_caption,
)
from models.plans.records import SectionRow
from ui.operations import DataHub, run_op

THUMB = QSize(160, 120)


def upright_pixmap(data: bytes, size: QSize = THUMB) -> QPixmap:
    """A photo's thumbnail turned upright by its EXIF orientation (Qt's reader does that)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    return QPixmap.fromImage(image).scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)


class SummaryPanel(QWidget):
    def __init__(self, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.plan_id: int | None = None
        self.rows: list[SectionRow] = []
        self._loading = False

        self.outline = QListWidget()
        self.outline.currentRowChanged.connect(self._show)
        self.heading = QLineEdit()
        self.level = QSpinBox()
        self.level.setRange(1, 4)
        self.hidden = QCheckBox(self.tr("不打印这一节"))
        self.prose = QPlainTextEdit()
        self.prose.setPlaceholderText(self.tr("自己写的一节：每段一行"))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.heading.textChanged.connect(self._edited)
        self.level.valueChanged.connect(lambda _v: self._edited())
        self.hidden.toggled.connect(lambda _v: self._edited())
        self.prose.textChanged.connect(self._edited)
        self.up_button = QPushButton(self.tr("上移"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(self.tr("下移"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.add_button = QPushButton(self.tr("新增一节"))
        self.add_button.clicked.connect(self.add_section)
        self.remove_button = QPushButton(self.tr("删除这一节"))
        self.remove_button.clicked.connect(self.remove_section)
        self.save_button = QPushButton(self.tr("保存提纲"))
        self.save_button.clicked.connect(self.save)

        self.photos = QListWidget()
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(THUMB)
        self.photos.setMinimumHeight(THUMB.height() + 40)
        self.photos.currentRowChanged.connect(self._photo_chosen)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("照片说明，如：志愿者搀扶老人登山"))
        self.caption.returnPressed.connect(self.save_caption)
        self.add_photo_button = QPushButton(self.tr("添加照片…"))
        self.add_photo_button.clicked.connect(lambda: self.add_photos())
        self.remove_photo_button = QPushButton(self.tr("删除照片"))
        self.remove_photo_button.clicked.connect(self.remove_photo)
        self.photo_left = QPushButton(self.tr("前移"))
        self.photo_left.clicked.connect(lambda: self.move_photo(-1))

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("提纲（导出时按此顺序，带“自动”的一节由系统填写）")))
        left.addWidget(self.outline, 1)
        row = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.add_button, self.remove_button):
            row.addWidget(b)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("标题"), self.heading)
        form.addRow(self.tr("层级"), self.level)
        form.addRow("", self.hidden)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.source)
        right.addWidget(self.prose, 1)
        right.addWidget(self.save_button)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(right, 3)
        photo_box = QGroupBox(self.tr("活动照片（最多 4 张，JPEG，按拍摄方向自动摆正）"))
        pl = QVBoxLayout(photo_box)
        pl.addWidget(self.photos)
        prow = QHBoxLayout()
        prow.addWidget(self.caption, 1)
        for b in (self.add_photo_button, self.remove_photo_button, self.photo_left):
            prow.addWidget(b)
        pl.addLayout(prow)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(photo_box, 2)
        self._enable()

    # --- outline -------------------------------------------------------------------------------

    def load(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.rows = load_outline(plan_id) if plan_id is not None else []
        self._fill(0)
        self.load_photos()

    def _label(self, r: SectionRow) -> str:
        mark = self.tr("（自动）") if r.key else ""
        hidden = self.tr("［不打印］") if r.hidden else ""
        return f"{'　' * (r.level - 1)}{r.heading}{mark}{hidden}"

    def _fill(self, row: int) -> None:
        self._loading = True
        self.outline.clear()
        for r in self.rows:
            self.outline.addItem(self._label(r))
        self._loading = False
        if self.rows:
            self.outline.setCurrentRow(max(0, min(row, len(self.rows) - 1)))
        self._show(self.outline.currentRow())

    def _show(self, row: int) -> None:
        if self._loading:
            return
        self._loading = True
        r = self.rows[row] if 0 <= row < len(self.rows) else None
        self.heading.setText(r.heading if r else "")
        self.level.setValue(r.level if r else 1)
        self.hidden.setChecked(r.hidden if r else False)
        self.prose.setPlainText(r.text if r and not r.key else "")
        self.source.setText(self.tr("这一节由系统根据{0}填写。").format(r.key) if r and r.key
                            else "")
        self._loading = False
        self._enable()

    def _enable(self) -> None:
        row = self.outline.currentRow()
        r = self.rows[row] if 0 <= row < len(self.rows) else None
        for w in (self.heading, self.level, self.hidden, self.up_button, self.down_button):
            w.setEnabled(r is not None)
        self.prose.setEnabled(r is not None and not r.key)
        self.remove_button.setEnabled(r is not None and not r.key)  # the app's blocks: hide
        for w in (self.add_button, self.save_button, self.add_photo_button):
            w.setEnabled(self.plan_id is not None)
        has_photo = self.photos.currentRow() >= 0
        for w in (self.caption, self.remove_photo_button, self.photo_left):
            w.setEnabled(has_photo)

    def _edited(self) -> None:
        if self._loading:
            return
        row = self.outline.currentRow()
        if not 0 <= row < len(self.rows):
            return
        r = self.rows[row]
        r.heading, r.level, r.hidden = self.heading.text(), self.level.value(), \
            self.hidden.isChecked()
        if not r.key:
            r.text = self.prose.toPlainText()
        item = self.outline.item(row)
        if item is not None:
            item.setText(self._label(r))

    def move(self, step: int) -> None:
        row, to = self.outline.currentRow(), self.outline.currentRow() + step
        if 0 <= row < len(self.rows) and 0 <= to < len(self.rows):
            self.rows[row], self.rows[to] = self.rows[to], self.rows[row]
            self._fill(to)

    def add_section(self) -> None:
        row = self.outline.currentRow() + 1
        self.rows.insert(row, SectionRow("", self.tr("新的一节")))
        self._fill(row)
        self.heading.setFocus()
        self.heading.selectAll()

    def remove_section(self) -> None:
        row = self.outline.currentRow()
        if 0 <= row < len(self.rows) and not self.rows[row].key:
            del self.rows[row]
            self._fill(row)

    def save(self) -> bool:
        if self.plan_id is None:
            return False
        result = run_op(self, self.hub, save_outline, self.plan_id, self.rows, changes=FEEDBACK,
                        success_message=self.tr("总结提纲已保存。"))
        return bool(result.ok)

    # --- photos --------------------------------------------------------------------------------

    def load_photos(self) -> None:
        self.photos.clear()
        self.photo_ids: list[int] = []
        if self.plan_id is not None:
            for p in list_photos(self.plan_id):
                item = QListWidgetItem(QIcon(upright_pixmap(p.data)),
                                       p.caption or self.tr("（无说明）"))
                self.photos.addItem(item)
                self.photo_ids.append(p.id)
        self._enable()

    def _photo_chosen(self, row: int) -> None:
        item = self.photos.item(row) if row >= 0 else None
        self.caption.setText(item.text() if item is not None and row >= 0 and
                             item.text() != self.tr("（无说明）") else "")
        self._enable()

    def add_photos(self, paths: list[Path] | None = None) -> None:
        if self.plan_id is None:
            return
        if paths is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.PicturesLocation)
            names, _f = QFileDialog.getOpenFileNames(
                self, self.tr("选择活动照片"), folder, self.tr("JPEG 照片 (*.jpg *.jpeg)"))
            paths = [Path(n) for n in names]
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""  # the model refuses it in plain words
            result = run_op(self, self.hub, add_photo, self.plan_id, data, "", path.name,
                            changes=FEEDBACK)
            if not result.ok:
                break
        self.load_photos()
        self.photos.setCurrentRow(self.photos.count() - 1)

    def _photo_id(self) -> int | None:
        row = self.photos.currentRow()
        return self.photo_ids[row] if 0 <= row < len(self.photo_ids) else None

    def save_caption(self) -> None:
        pid, row = self._photo_id(), self.photos.currentRow()
        if pid is not None and run_op(self, self.hub, set_caption, pid, self.caption.text(),
                                      changes=FEEDBACK).ok:
            self.load_photos()
            self.photos.setCurrentRow(row)

    def remove_photo(self) -> None:
        pid = self._photo_id()
        if pid is not None and run_op(self, self.hub, remove_photo, pid, changes=FEEDBACK).ok:
            self.load_photos()

    def move_photo(self, step: int) -> None:
        pid, row = self._photo_id(), self.photos.currentRow()
        if pid is not None and self.plan_id is not None and run_op(
                self, self.hub, move_photo, self.plan_id, pid, step, changes=FEEDBACK).ok:
            self.load_photos()
            self.photos.setCurrentRow(max(0, row + step))
