"""Add or edit one resident. Each field's problem shows beside it as the clerk types (checked by
models.residents.service.check_resident); the ID number fills an empty birth date and sex;
warnings (sex or birth date disagreeing with the ID) are asked about before saving."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import RESIDENTS
from models.common.id_number import parse_id_number
from models.residents.service import (
    FieldProblem,
    ResidentRecord,
    add_tag,
    check_resident,
    get_resident,
    list_tags,
    save_resident,
)
from ui.operations import DataHub, run_op
from ui.widgets.date_edits import is_unset, make_date_edit, set_value

CHECK_DELAY_MS = 300
GENDERS = ("", "男", "女")
_ERROR_STYLE = "color: #c0392b;"
_WARNING_STYLE = "color: #b9770e;"


class ResidentDialog(QDialog):
    """resident_id None adds a new resident."""

    def __init__(self, hub: DataHub | None, resident_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.record = get_resident(resident_id) if resident_id is not None else ResidentRecord()
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("编辑居民") if resident_id else self.tr("新增居民"))
        self.setMinimumWidth(640)

        self.name = QLineEdit()
        self.gender = QComboBox()
        for g in GENDERS:
            self.gender.addItem(g or self.tr("（未填）"), g)
        self.birth = make_date_edit("date", self)
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("18位，或15位旧号码（自动转换）"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("手机号，或带区号的固定电话"))
        self.building = QLineEdit()
        self.unit = QLineEdit()
        self.room = QLineEdit()
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("没有楼栋房号时填写完整住址"))
        self.household = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.tags = QListWidget()
        self.tags.setFixedHeight(self.fontMetrics().height() * 6)
        self.tags.setFlow(QListWidget.Flow.LeftToRight)
        self.tags.setWrapping(True)
        self.tags.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tags.setSpacing(4)
        self.new_tag = QPushButton(self.tr("新增标签…"))
        self.new_tag.clicked.connect(self.add_new_tag)

        self.problem_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for attr, label, widget in (
                ("name", self.tr("姓名"), self.name),
                ("id_number", self.tr("身份证号"), self.id_number),
                ("gender", self.tr("性别"), self.gender),
                ("birth", self.tr("出生日期"), self.birth),
                ("phone", self.tr("联系电话"), self.phone),
                ("building", self.tr("楼栋"), self.building),
                ("unit", self.tr("单元"), self.unit),
                ("room", self.tr("房号"), self.room),
                ("address", self.tr("住址"), self.address),
                ("household", self.tr("户号"), self.household)):
            form.addRow(label, self._with_problem(attr, widget))
        tag_box = QHBoxLayout()
        tag_box.addWidget(self.tags, 1)
        tag_box.addWidget(self.new_tag, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("标签"), tag_box)
        form.addRow(self.tr("备注"), self.notes)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._fill_tags(self.record.tags)
        self._show_record(self.record)
        self._shown = self.current_record()  # to tell whether anything was changed
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        for edit in (self.name, self.phone, self.building, self.unit, self.room, self.address):
            edit.textChanged.connect(self._check_timer.start)
        self.id_number.textChanged.connect(self._id_changed)
        self.gender.currentIndexChanged.connect(self._check_timer.start)
        self.birth.dateChanged.connect(self._check_timer.start)
        self.name.setFocus()

    def _with_problem(self, attr: str, widget: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget, 3)
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(_ERROR_STYLE)
        label.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 14)
        row.addWidget(label, 2)
        self.problem_labels[attr] = label
        return box

    # --- values ---------------------------------------------------------------------------
    def _fill_tags(self, checked: list[str]) -> None:
        names = [t.name for t in list_tags()]
        names += [t for t in checked if t not in names]
        self.tags.clear()
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in checked
                               else Qt.CheckState.Unchecked)
            self.tags.addItem(item)

    def checked_tags(self) -> list[str]:
        return [self.tags.item(i).text() for i in range(self.tags.count())
                if self.tags.item(i).checkState() == Qt.CheckState.Checked]

    def _show_record(self, rec: ResidentRecord) -> None:
        self.name.setText(rec.name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(rec.gender or "")))
        set_value(self.birth, QDate(rec.birth) if rec.birth else QDate())
        self.id_number.setText(rec.id_number or "")
        self.phone.setText(rec.phone)
        for attr in ("building", "unit", "room", "address", "household"):
            getattr(self, attr).setText(getattr(rec, attr))
        self.notes.setPlainText(rec.notes)

    def current_record(self) -> ResidentRecord:
        birth: date | None = None if is_unset(self.birth) else self.birth.date().toPython()
        return ResidentRecord(
            id=self.record.id, name=self.name.text(), gender=self.gender.currentData() or "",
            birth=birth, id_number=self.id_number.text().strip() or None,
            phone=self.phone.text(), building=self.building.text(), unit=self.unit.text(),
            room=self.room.text(), address=self.address.text(), household=self.household.text(),
            notes=self.notes.toPlainText(), tags=self.checked_tags())

    def _id_changed(self) -> None:
        """A valid ID fills an empty sex and birth date (never overwrites what was typed)."""
        idc = parse_id_number(self.id_number.text())
        if idc.ok:
            if not self.gender.currentData() and idc.gender:
                self.gender.setCurrentIndex(self.gender.findData(idc.gender))
            if is_unset(self.birth) and idc.birth:
                set_value(self.birth, QDate(idc.birth))
        self._check_timer.start()

    # --- problems -------------------------------------------------------------------------
    def show_problems(self, problems: list[FieldProblem]) -> None:
        for attr, label in self.problem_labels.items():
            mine = [p for p in problems if p.field == attr]
            label.setText("\n".join(p.message for p in mine))
            warning_only = bool(mine) and all(p.severity == "warning" for p in mine)
            label.setStyleSheet(_WARNING_STYLE if warning_only else _ERROR_STYLE)

    def check(self) -> list[FieldProblem]:
        self._check_timer.stop()
        rec = self.current_record()
        _cleaned, problems = check_resident(rec)
        if not rec.name.strip() and not self.name.isModified():
            # An untouched empty name on a new form is not yet a mistake to shout about.
            problems = [p for p in problems if p.field != "name"]
        self.show_problems(problems)
        return problems

    def has_changes(self) -> bool:
        return self.saved_id is None and self.current_record() != self._shown

    def reject(self) -> None:
        if self.has_changes():
            answer = QMessageBox.question(
                self, self.tr("放弃修改"), self.tr("填写的内容还没有保存。确定放弃吗？"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # --- saving ---------------------------------------------------------------------------
    def add_new_tag(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新增标签"),
                                        self.tr("本社区自己的标签名称（如“楼道长”）："))
        if not ok or not name.strip():
            return
        result = run_op(self, None, add_tag, name)
        if result.ok:
            checked = self.checked_tags() + [result.value.name]
            self._fill_tags(checked)

    def save(self) -> bool:
        self._check_timer.stop()
        result = run_op(self, None, save_resident, self.current_record())
        if not result.ok:
            return False
        outcome = result.value
        if not outcome.saved and outcome.needs_confirmation:
            self.show_problems(outcome.problems)
            text = "\n".join(f"· {p.message}" for p in outcome.problems)
            answer = QMessageBox.question(
                self, self.tr("请核对"),
                self.tr("{0}\n\n身份证号与填写的内容不一致。仍按填写的内容保存吗？").format(text))
            if answer != QMessageBox.StandardButton.Yes:
                return False
            result = run_op(self, None, save_resident, self.current_record(), allow_warnings=True)
            if not result.ok:
                return False
            outcome = result.value
        if not outcome.saved:
            self.show_problems(outcome.problems)
            first = next((p.field for p in outcome.problems if p.severity == "error"), None)
            widget = getattr(self, first, None) if first else None
            if isinstance(widget, QWidget):
                widget.setFocus()
            return False
        self.saved_id = outcome.resident_id
        if self.hub is not None:
            self.hub.announce(RESIDENTS, self.tr("已保存居民“{0}”。").format(outcome.record.name))
        self.accept()
        return True
