"""Pick a person from the residents' register: a search box (name, full pinyin, initials, phone
digits such as the tail, as the 居民 tab finds: models.residents.service.search_residents), the
matches, and the one chosen with a button to drop it again. Enter in the box searches, Down goes
to the matches, Enter or a click on a match picks it. The dialogs that use it (a relief
beneficiary, a contest entrant, a volunteer) fill their own boxes from `picked` and free them on
`cleared`; a person not on the register is simply typed there. Nothing is written here."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.residents.records import ResidentRow

LIMIT = 30  # matches shown; a clerk narrows the search rather than scrolls


def where_of(r: ResidentRow) -> str:
    return " ".join(x for x in (r.building, r.unit, r.room) if x) or r.address


def label_of(r: ResidentRow) -> str:
    tail = f"　尾号{r.phone[-4:]}" if len(r.phone) >= 4 else ""
    return f"{r.name}　{r.gender}　{where_of(r)}{tail}".replace("　　", "　")


class ResidentPicker(QWidget):
    picked = Signal(object)  # the ResidentRow chosen
    cleared = Signal()  # the link was dropped: the person is typed in instead

    def __init__(self, parent: QWidget | None = None, *,
                 unlink_text: str = "不是居民（直接填写）") -> None:
        super().__init__(parent)
        self.resident_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("从居民名册查找：姓名、拼音、首字母或电话尾号，回车"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.itemClicked.connect(self._pick)
        self._keys = _Keys(self)
        self.search.installEventFilter(self._keys)
        self.results.installEventFilter(self._keys)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        row = QHBoxLayout()
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.unlink = QPushButton(unlink_text)
        self.unlink.setAutoDefault(False)
        self.unlink.clicked.connect(self.clear)
        row.addWidget(self.chosen, 1)
        row.addWidget(self.unlink)
        for w in (self.search, self.results, self.note):
            layout.addWidget(w)
        layout.addLayout(row)
        self._say("")
        self._show_chosen("")

    def run_search(self) -> None:
        from models.residents.records import ResidentQuery
        from models.residents.service import search_residents

        self.results.clear()
        self._say("")
        text = self.search.text().strip()
        if not text:
            return
        found = search_residents(ResidentQuery(text=text), 0, LIMIT)
        for r in found.rows:
            item = QListWidgetItem(label_of(r))
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.results.addItem(item)
        if not found.rows:
            self._say(self.tr("名册中没有找到“{0}”；不是本社区居民的，直接在下面填写。")
                      .format(text))
        elif found.total > len(found.rows):
            self._say(self.tr("共 {0} 人，只列出前 {1} 位，请再多写几个字。")
                      .format(found.total, len(found.rows)))

    def _pick(self, item: QListWidgetItem) -> None:
        r: ResidentRow = item.data(Qt.ItemDataRole.UserRole)
        self.resident_id = r.id
        self._show_chosen(self.tr("已选居民：{0}，{1}（居民编号 {2}）").format(
            r.name, where_of(r) or self.tr("住址未填"), r.id))
        self.picked.emit(r)

    def set_resident(self, resident_id: int | None, text: str) -> None:
        """Show a link already saved (editing): text names the person."""
        self.resident_id = resident_id
        self._show_chosen(self.tr("已选居民：{0}（居民编号 {1}）").format(text, resident_id)
                          if resident_id is not None else "")

    def clear(self) -> None:
        was = self.resident_id is not None
        self.resident_id = None
        self._show_chosen("")
        if was:
            self.cleared.emit()

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))  # an empty line would leave a gap in the form

    def _show_chosen(self, text: str) -> None:
        self.chosen.setText(text or self.tr("未选居民：可从名册查找，或直接填写。"))
        self.unlink.setEnabled(bool(text))


class _Keys(QObject):
    """Down from the box to the matches; Enter on a match picks it and goes no further (the
    dialog would otherwise take it for its default button)."""

    def __init__(self, picker: ResidentPicker) -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        p = self.picker
        if watched is p.search and event.key() == Qt.Key.Key_Down and p.results.count():
            p.results.setFocus()
            p.results.setCurrentRow(0)
            return True
        if watched is p.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = p.results.currentItem()
            if item is not None:
                p._pick(item)  # the dialog's handler of `picked` moves the focus on
            return True
        return False
