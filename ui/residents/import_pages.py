"""Pieces of the import dialog: one sheet's header row and column mapping, editable; and a table
model over row outcomes (the preview and the report's rejected and duplicate rows)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.residents.imports.importer import (
    DUPLICATE,
    IMPORTED,
    OUTCOME_LABELS,
    REJECTED,
    UNCHANGED,
    UPDATED,
    RowOutcome,
    SheetMapping,
)
from models.residents.imports.mapping import IMPORT_FIELDS, map_header

Index = QModelIndex | QPersistentModelIndex
LOOK_ROWS = 30  # the header is looked for among a sheet's first rows; only these are kept


def column_letter(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as Excel names columns)."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class SheetInfo:
    """What the mapping page needs of a sheet: its first rows as text and how many rows it has."""

    name: str
    rows: list[list[str]]  # the first LOOK_ROWS rows
    row_count: int
    mapping: SheetMapping = field(default_factory=lambda: SheetMapping("", None))


class SheetMappingEditor(QWidget):
    """Header row (0: the sheet has no table, skip it) and, per column, the field it fills."""

    changed = Signal()

    def __init__(self, info: SheetInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.header_row = QSpinBox()
        self.header_row.setRange(0, max(1, min(LOOK_ROWS, len(info.rows))))
        self.header_row.setSpecialValueText(self.tr("不导入此工作表"))
        self.header_row.setPrefix(self.tr("第 "))
        self.header_row.setSuffix(self.tr(" 行"))
        self.header_row.setMinimumWidth(self.fontMetrics().horizontalAdvance("不导入此工作表") + 50)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("列"), self.tr("表头文字"), self.tr("导入为"), self.tr("第一行数据")])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("表头所在行")))
        top.addWidget(self.header_row)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("共 {0} 行（含标题、表头等）").format(info.row_count)))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

        self._combos: list[QComboBox] = []
        self._built = False  # the column table is filled when first shown (41 sheets: 0.4 s)
        self.header_row.setValue(info.mapping.header_row or 0)
        self.header_row.valueChanged.connect(self._header_moved)

    @property
    def combos(self) -> list[QComboBox]:
        if not self._built:
            self._fill(self.info.mapping.columns)
        return self._combos

    def showEvent(self, event: QShowEvent) -> None:
        if not self._built:
            self._fill(self.info.mapping.columns)
        super().showEvent(event)

    def _header_moved(self, row: int) -> None:
        cells = self.info.rows[row - 1] if 0 < row <= len(self.info.rows) else []
        self._fill(map_header(cells))
        self.changed.emit()

    def _fill(self, columns: dict[int, str]) -> None:
        self._built = True
        row = self.header_row.value()
        header = self.info.rows[row - 1] if 0 < row <= len(self.info.rows) else []
        first = self.info.rows[row] if 0 < row < len(self.info.rows) else []
        width = max([len(header), len(first), *(c + 1 for c in columns)], default=0)
        self.table.setRowCount(width)
        self._combos = []
        for col in range(width):
            self.table.setItem(col, 0, self._item(column_letter(col)))
            self.table.setItem(col, 1, self._item(header[col] if col < len(header) else ""))
            self.table.setItem(col, 3, self._item(first[col] if col < len(first) else ""))
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), None)
            for name, label in IMPORT_FIELDS.items():
                combo.addItem(QCoreApplication.translate("ImportFields", label), name)
            combo.setCurrentIndex(max(0, combo.findData(columns.get(col))))
            combo.currentIndexChanged.connect(self._combo_changed)
            self.table.setCellWidget(col, 2, combo)
            self._combos.append(combo)
        if self._combos:  # ResizeToContents does not see cell widgets
            self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(2, self._combos[0].sizeHint().width() + 8)
        self.table.setEnabled(row > 0)
        self._update_note()

    @staticmethod
    def _item(text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return item

    def _combo_changed(self) -> None:
        self._update_note()
        self.changed.emit()

    def columns(self) -> dict[int, str]:
        if not self._built:  # never shown: as detected
            return dict(self.info.mapping.columns)
        return {col: combo.currentData() for col, combo in enumerate(self._combos)
                if combo.currentData()}

    def mapping(self) -> SheetMapping:
        row = self.header_row.value()
        if row == 0:
            return SheetMapping(self.info.name, None)
        header = self.info.rows[row - 1] if row <= len(self.info.rows) else []
        return SheetMapping(self.info.name, row, self.columns(), list(header))

    def problem(self) -> str:
        """Why this sheet cannot be imported as mapped ("" when it can)."""
        if self.header_row.value() == 0:
            return ""
        chosen = list(self.columns().values())
        if "name" not in chosen:
            return self.tr("没有指定“姓名”列：请在“导入为”中选出姓名所在的列，"
                           "或选择不导入此工作表。")
        twice = sorted({IMPORT_FIELDS[f] for f in chosen if chosen.count(f) > 1})
        if twice:
            return self.tr("“{0}”被指定给了多列，每项只能对应一列。").format("、".join(twice))
        return ""

    def _update_note(self) -> None:
        text = self.problem()
        if self.header_row.value() == 0:
            text = self.tr("此工作表不导入（例如填表说明）。如果其中有名单，请选择表头所在行。")
            self.note.setStyleSheet("color: #666;")
        else:
            self.note.setStyleSheet("color: #c0392b;" if text else "")
        self.note.setText(text)


# --- outcomes ------------------------------------------------------------------------------
# 说明 (why rejected, which row it repeats) comes right after the name: it is what the clerk reads.
OUTCOME_COLUMNS = [
    QT_TRANSLATE_NOOP("OutcomeModel", "工作表"),
    QT_TRANSLATE_NOOP("OutcomeModel", "行号"),
    QT_TRANSLATE_NOOP("OutcomeModel", "结果"),
    QT_TRANSLATE_NOOP("OutcomeModel", "姓名"),
    QT_TRANSLATE_NOOP("OutcomeModel", "说明"),
    QT_TRANSLATE_NOOP("OutcomeModel", "性别"),
    QT_TRANSLATE_NOOP("OutcomeModel", "出生日期"),
    QT_TRANSLATE_NOOP("OutcomeModel", "身份证号"),
    QT_TRANSLATE_NOOP("OutcomeModel", "联系电话"),
    QT_TRANSLATE_NOOP("OutcomeModel", "楼栋"),
    QT_TRANSLATE_NOOP("OutcomeModel", "房号"),
    QT_TRANSLATE_NOOP("OutcomeModel", "标签"),
    QT_TRANSLATE_NOOP("OutcomeModel", "与户主关系"),
    QT_TRANSLATE_NOOP("OutcomeModel", "户"),
]
COL_EXPLANATION = 4
_COLORS = {REJECTED: QColor("#fde2e0"), DUPLICATE: QColor("#fff3cd"),
           UPDATED: QColor("#e0efff")}


class OutcomeModel(QAbstractTableModel):
    """Rows of an import preview or report; rejected rows tinted red, duplicates yellow."""

    def __init__(self, rows: list[RowOutcome] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RowOutcome] = rows or []

    def set_rows(self, rows: list[RowOutcome]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(OUTCOME_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("OutcomeModel", OUTCOME_COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            color = _COLORS.get(r.outcome)
            return QBrush(color) if color is not None else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self._text(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return text or None
        return text

    @staticmethod
    def _text(r: RowOutcome, col: int) -> str:
        rec = r.record
        if col == 0:
            return r.sheet
        if col == 1:
            return str(r.row)
        if col == 2:
            return QCoreApplication.translate("OutcomeModel", OUTCOME_LABELS[r.outcome])
        if col == 3:
            return r.name
        if col == COL_EXPLANATION:
            return r.explanation
        if col == 12:
            return r.relation
        if col == 13:
            return QCoreApplication.translate("OutcomeModel", "第{0}户").format(
                r.group) if r.group is not None else ""
        if rec is None:
            return ""
        return (rec.gender, rec.birth.isoformat() if rec.birth else "", rec.id_number or "",
                rec.phone, rec.building, rec.unit + rec.room, "、".join(rec.tags))[col - 5]


def not_imported(rows: list[RowOutcome]) -> list[RowOutcome]:
    """The rows the report lists: all but those imported and those that changed nothing."""
    return [r for r in rows if r.outcome not in (IMPORTED, UNCHANGED)]
