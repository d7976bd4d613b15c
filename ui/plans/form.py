"""A form for some scalar fields of a record, built from the fields' kinds.

Every edit is written straight into the record and announced with `changed(name)`. A value that
cannot be taken (a money amount like "12元5") leaves the record as it was and is listed by
problems() until it is corrected.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from models.plans.rules import parse_yuan, yuan
from ui.plans.fields import (
    FieldSpec,
    from_qdate,
    from_qdatetime,
    spec_named,
    to_qdate,
    to_qdatetime,
    tr_label,
)
from ui.widgets.date_edits import make_date_edit, set_value

# Where an unset date's calendar opens: the first of these fields that is filled in.
SUGGEST_FROM: dict[str, tuple[str, ...]] = {
    "end": ("start",),
    "start": ("reg_end",),
    "reg_start": ("issue_date",),
    "reg_end": ("reg_start", "start"),
    "feedback_due": ("end", "start"),
    "issue_date": ("reg_start", "start"),
}
LONG_HEIGHT = 90
LONG_MAX_HEIGHT = 170
FORM_MAX_WIDTH = 900
ERROR_STYLE = "border: 1px solid #c0392b; background: #fdf0ef;"
READ_OK_STYLE = "color: #555555;"
READ_REFUSED_STYLE = "color: #c0392b;"


class PlanForm(QWidget):
    """Label-and-field rows for the named fields of `record` (edited in place)."""

    changed = Signal(str)  # the field's name

    def __init__(
        self,
        record: Any,
        names: list[str],
        choice_labels: dict[str, dict[str, str]] | None = None,
        fixed_choices: set[str] | None = None,
        overrides: dict[str, FieldSpec] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record
        # A field may be shown differently from its metadata (节日 as a list of festivals).
        overrides = overrides or {}
        self._specs = [overrides.get(name) or spec_named(type(record), name) for name in names]
        # Choices shown by a label but stored by a key (文种: plan -> 活动方案).
        self._choice_labels = choice_labels or {}
        self._fixed = fixed_choices or set()  # choices a clerk may not type freely
        self._widgets: dict[str, QWidget] = {}
        self._readers: dict[str, Callable[[], None]] = {}
        self._problems: dict[str, str] = {}
        self._loading = False
        # A page holding one long text (目标社区分析) lets it take the whole height.
        long_fields = [s for s in self._specs if s.kind == "long"]
        self._tall = long_fields[0].name if len(self._specs) == 1 and long_fields else None
        self.setMaximumWidth(FORM_MAX_WIDTH)
        self.layout_ = QFormLayout(self)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setVerticalSpacing(10)
        self.layout_.setHorizontalSpacing(14)
        for spec in self._specs:
            widget = self._build(spec)
            widget.setObjectName(f"field_{spec.name}")
            self._widgets[spec.name] = widget
            label = QLabel(tr_label(spec.label) + self.tr("："), self)
            label.setBuddy(widget)
            self.layout_.addRow(label, widget)
        self.load()

    # --- public -------------------------------------------------------------------------
    def widget(self, name: str) -> QWidget:
        """The editor of a field (QLineEdit, QPlainTextEdit, ...; a date field's QDateTimeEdit)."""
        widget = self._widgets[name]
        edit = widget.findChild(QDateTimeEdit)
        return edit if isinstance(edit, QDateTimeEdit) else widget

    def is_tall(self) -> bool:
        """True when the form is one long text that should fill its page."""
        return self._tall is not None

    def has_field(self, name: str) -> bool:
        return name in self._widgets

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.layout_.setRowVisible(self._widgets[name], visible)

    def problems(self) -> list[str]:
        return list(self._problems.values())

    def load(self) -> None:
        """Show the record's current values."""
        self._loading = True
        try:
            for spec in self._specs:
                self._show(spec, getattr(self._record, spec.name))
            self._problems.clear()
        finally:
            self._loading = False

    def set_record(self, record: Any) -> None:
        self._record = record
        self.load()

    # --- building -----------------------------------------------------------------------
    def _build(self, spec: FieldSpec) -> QWidget:
        kind = spec.kind
        if kind == "long":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(LONG_HEIGHT)
            if self._tall is None:
                edit.setMaximumHeight(LONG_MAX_HEIGHT)
            edit.textChanged.connect(lambda: self._store(spec, edit.toPlainText()))
            return edit
        if kind == "bool":
            box = QCheckBox(self)
            box.toggled.connect(lambda on: self._store(spec, on))
            return box
        if kind == "int":
            spin = QSpinBox(self)
            spin.setRange(-1 if spec.optional else 0, 100_000)
            spin.setMaximumWidth(140)
            if spec.optional:
                # An empty age or capacity means no limit; an empty companion age, no escort.
                empty = self.tr("不要求") if spec.name == "companion_age" else self.tr("不限")
                spin.setSpecialValueText(empty)
            spin.valueChanged.connect(
                lambda v: self._store(spec, None if spec.optional and v < 0 else v)
            )
            return spin
        if kind == "money":
            return self._build_money(spec)
        if kind in {"date", "datetime"}:
            return self._build_date(spec)
        if kind == "choice":
            combo = QComboBox(self)
            labels = self._choice_labels.get(spec.name, {})
            for key in spec.choices:
                combo.addItem(labels.get(key, key), key)
            combo.setEditable(spec.name not in self._fixed and not labels)
            combo.setMinimumWidth(200)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            if combo.isEditable():
                combo.currentTextChanged.connect(lambda t: self._store(spec, t.strip()))
            else:
                combo.currentIndexChanged.connect(
                    lambda i: self._store(spec, combo.itemData(i)) if i >= 0 else None
                )
            return combo
        line = QLineEdit(self)
        line.textChanged.connect(lambda t: self._store(spec, t))
        return line

    def _build_money(self, spec: FieldSpec) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        line = QLineEdit(box)
        line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        line.setMaximumWidth(140)
        line.setPlaceholderText("0.00")
        row.addWidget(line)
        row.addWidget(QLabel(self.tr("元"), box))
        # What was read ("30元5" -> "＝ 30.50 元"), or why it was refused, beside the field.
        read_back = QLabel(box)
        read_back.setObjectName("readBack")
        read_back.setWordWrap(True)
        row.addWidget(read_back, 1)

        def read(text: str) -> None:
            try:
                fen = None if spec.optional and not text.strip() else parse_yuan(text)
            except ValueError as exc:
                line.setStyleSheet(ERROR_STYLE)
                line.setToolTip(str(exc))
                read_back.setStyleSheet(READ_REFUSED_STYLE)
                read_back.setText(str(exc))
                self._problems[spec.name] = f"{spec.label}：{exc}"
                self.changed.emit(spec.name)
                return
            line.setStyleSheet("")
            line.setToolTip("")
            read_back.setStyleSheet(READ_OK_STYLE)
            read_back.setText(self.tr("＝ {0} 元").format(yuan(fen)) if text.strip() else "")
            self._problems.pop(spec.name, None)
            self._store(spec, fen)

        line.textChanged.connect(read)
        box.setFocusProxy(line)
        return box

    def _build_date(self, spec: FieldSpec) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        edit = make_date_edit(spec.kind, box, self._suggest_for(spec))
        edit.setMinimumWidth(170 if spec.kind == "datetime" else 130)
        clear = QToolButton(box)
        clear.setText(self.tr("清除"))
        clear.setToolTip(self.tr("清除这个日期（不填）"))
        row.addWidget(edit)
        row.addWidget(clear)
        row.addStretch(1)

        def read() -> None:
            if spec.kind == "date":
                self._store(spec, from_qdate(edit.date()))
            else:
                self._store(spec, from_qdatetime(edit.dateTime()))

        edit.dateTimeChanged.connect(lambda _v: read())
        clear.clicked.connect(lambda: set_value(edit, QDateTime()))
        box.setFocusProxy(edit)
        return box

    def _suggest_for(self, spec: FieldSpec) -> Callable[[], QDateTime]:
        # An unset date opens its calendar near a related one (an end near its start), else on
        # today at 9:00 (date_edits' default).
        def suggest() -> QDateTime:
            for other in SUGGEST_FROM.get(spec.name, ()):
                value = getattr(self._record, other, None)
                if isinstance(value, datetime):
                    return to_qdatetime(value)
                if isinstance(value, date):
                    return QDateTime(to_qdate(value), QTime(9, 0))
            return QDateTime()

        return suggest

    # --- values -------------------------------------------------------------------------
    def _show(self, spec: FieldSpec, value: Any) -> None:
        widget = self._widgets[spec.name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(widget.minimum() if value is None else int(value))
        elif isinstance(widget, QComboBox):
            at = widget.findData(value)
            if at < 0 and not widget.isEditable() and value:
                widget.addItem(str(value), value)  # a stored value no longer in the list
                at = widget.count() - 1
            if at >= 0:
                widget.setCurrentIndex(at)
            elif widget.isEditable():
                widget.setCurrentText(value or "")
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif spec.kind == "money":
            line = widget.findChild(QLineEdit)
            line.setText(yuan(value))
        elif spec.kind in {"date", "datetime"}:
            edit = widget.findChild(QDateTimeEdit)
            set_value(edit, to_qdate(value) if spec.kind == "date" else to_qdatetime(value))

    def _store(self, spec: FieldSpec, value: Any) -> None:
        if self._loading:
            return
        if getattr(self._record, spec.name) == value:
            return
        setattr(self._record, spec.name, value)
        self.changed.emit(spec.name)
