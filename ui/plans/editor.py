"""The editor of one plan (one tab): sections on the left, the section's form or grid on the right
(the pages themselves: ui.plans.editor_pages).

Forms and grids edit one PlanRecord in place; saving hands it to models.plans.service.save_plan (one
transaction) through ui.operations.run_op, like every write from the window, which announces
Changes(plans=True) to the hub. A few seconds after the last edit the plan saves itself if it is
valid; a refused autosave is noted in the status line only, a refused save shows one message.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.changes import PLANS
from models.plans.blanks import blank_places
from models.plans.content_lines import content_lines
from models.plans.outline import default_outline
from models.plans.records import PlanRecord
from models.plans.service import clone_record, load_plan, save_plan
from ui.operations import DataHub, run_op, show_error
from ui.plans.blank_tools import make_blank_button
from ui.plans.date_shift import moved_record
from ui.plans.editor_pages import EditorPages
from ui.plans.form import PlanForm
from ui.plans.sections import SECTIONS, STYLE, scaled_font
from ui.widgets.dialogs import run_dialog
from ui.widgets.rows_grid import MasterDetailGrid, RowsGrid

AUTOSAVE_MS = 4000
BLANKS_MS = 200  # the 未完成 count follows typing after this pause


class PlanEditor(EditorPages, QWidget):
    saved = Signal(int)
    titleChanged = Signal(str)
    dirtyChanged = Signal(bool)

    def __init__(self, plan_id: int, parent: QWidget | None = None,
                 hub: DataHub | None = None) -> None:
        super().__init__(parent)
        self._plan_id = plan_id
        self.hub = hub  # told after every save; None for an editor on its own (tests, drivers)
        self._record: PlanRecord = load_plan(plan_id)  # PlanNotFound (a UserError) if gone
        # An older plan prints with its kind's default outline: shown whole here, so a section
        # the clerk adds joins the others instead of replacing them.
        self._record.outline = self._record.outline or default_outline(self._record.kind)
        self._dirty = False
        self._start_day = self._record.start.date() if self._record.start else None
        self._forms: list[PlanForm] = []
        self._grids: list[RowsGrid] = []
        self._grid_by_attr: dict[str, RowsGrid] = {}
        self._row_widgets: dict[str, RowsGrid | MasterDetailGrid] = {}
        self.setStyleSheet(STYLE)

        self.sections = QListWidget(self)
        self.sections.setObjectName("sections")
        # Sizes follow the clerk's font setting rather than fixed pixels.
        self.sections.setFont(scaled_font(self.font(), 1.12))
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = QFontMetrics(self.sections.font())
        widest = max(metrics.horizontalAdvance(self.tr(t) + "（99）") for t, _w in SECTIONS)
        # Room for the longest title with a count, the item padding and a scroll bar.
        self.sections.setFixedWidth(widest + 56)
        self.pages = QStackedWidget(self)
        # Pages are built when first shown (or soon after the editor opens, one per event-loop
        # turn), so opening a plan stays quick.
        self._built = [False] * len(SECTIONS)
        for title, _what in SECTIONS:
            self.sections.addItem(self.tr(title))
            self.pages.addWidget(QWidget(self.pages))
        self.sections.currentRowChanged.connect(self._show_page)
        self.agenda_grid: RowsGrid | None = None
        self.budget_grid: RowsGrid | None = None
        self.basic_form: PlanForm | None = None

        self.title_label = QLabel(self)
        self.title_label.setObjectName("planTitle")
        self.title_label.setFont(scaled_font(self.font(), 1.15))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status")
        # Blanks left to fill by hand (models.plans.blanks): the plan is not finished yet.
        self.blanks_label = QLabel(self)
        self.blanks_label.setObjectName("blanks")
        self.blanks_label.setStyleSheet("color: #b9770e; font-weight: bold;")
        self.blank_button = make_blank_button(
            self, lambda text: self._show_status(text, error=True))
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setToolTip(self.tr("保存方案（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.setContentsMargins(14, 8, 14, 8)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.blanks_label)
        top.addSpacing(12)
        top.addWidget(self.status_label)
        top.addSpacing(12)
        top.addWidget(self.blank_button)
        top.addSpacing(12)
        top.addWidget(self.save_button)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dde3ea;")

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sections)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(line)
        layout.addLayout(body, 1)

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self._autosave)
        # The 未完成 count reads the whole plan: once typing pauses, not on every cell (a long
        # agenda made each edit cost milliseconds, and pasting a column seconds).
        self._blanks_timer = QTimer(self)
        self._blanks_timer.setSingleShot(True)
        self._blanks_timer.setInterval(BLANKS_MS)
        self._blanks_timer.timeout.connect(self._update_blanks)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        self.sections.setCurrentRow(0)
        self._update_blanks()
        self._update_title()
        self._update_counts()
        QTimer.singleShot(0, self, self._build_next_page)  # dropped if the editor is gone

    # --- the agreed interface -------------------------------------------------------------
    def plan_id(self) -> int:
        return self._plan_id

    def is_dirty(self) -> bool:
        return self._dirty

    def record(self) -> PlanRecord:
        """A copy of the plan as edited so far (saved or not)."""
        self._commit_open_editors()
        copy = clone_record(self._record)
        copy.id = self._plan_id
        return copy

    def _try_save(self, show_errors: bool) -> str | None:
        """Save if the record is valid; the reason it was not saved, or None. With show_errors
        the reason is also shown in one message box (the form's check's or run_op's)."""
        problem = self._first_problem()
        if problem is not None:
            if show_errors:
                show_error(self, problem, self.tr("无法保存"))
            return problem
        result = run_op(self, self.hub, save_plan, self._record, changes=PLANS,
                        success_message=self.tr("方案已保存。"), error_title=self.tr("无法保存"),
                        show_errors=show_errors)
        return None if result.ok else result.error

    def save(self) -> bool:
        """Save now; on a refusal show one message and keep every edit. True when saved."""
        self._commit_open_editors()
        problem = self._try_save(show_errors=True)
        if problem is not None:
            self._show_status(self.tr("未保存：") + problem, error=True)
            return False
        self._after_save(self.tr("已保存"))
        return True

    def maybe_close(self) -> bool:
        """True when the tab may close: nothing unsaved, saved now, or the clerk discards."""
        self._commit_open_editors()  # text still in a cell counts as an edit
        if not self._dirty:
            self._autosave_timer.stop()
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("保存修改"))
        box.setText(self.tr("方案“%1”有尚未保存的修改，是否保存？")
                    .replace("%1", self._display_title()))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("保存"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("不保存"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = run_dialog(box)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._autosave_timer.stop()
            return True
        return False

    def reload(self) -> bool:
        """Show the plan as stored (after a change made elsewhere, e.g. its status set from the
        list). Refused, keeping the edits, while there are unsaved changes."""
        if self._dirty:
            return False
        self._show_record(load_plan(self._plan_id))
        return True

    def _show_record(self, rec: PlanRecord) -> None:
        """Edit rec from now on: every form and grid shows it."""
        self._record = rec
        self._start_day = rec.start.date() if rec.start else None
        for form in self._forms:
            form.set_record(self._record)
        for attr, widget in self._row_widgets.items():
            rows = getattr(self._record, attr)
            widget.set_rows(content_lines(rows) if attr == "content" else rows)
        self._update_title()
        self._update_counts()
        self._update_agenda()
        self._update_budget()
        self._update_kind()
        self._update_festival()
        self._update_blanks()
        self.titleChanged.emit(self._record.title)

    def _start_edited(self) -> None:
        """The clerk finished editing the start: offer the festival day of a new year and to move
        every other date by as many days (ui.plans.date_shift)."""
        old = self._start_day
        start = self._record.start
        self._start_day = start.date() if start else None  # first: the question takes the focus
        if old is None or start is None or start.date() == old:
            return
        moved = moved_record(self, self._record, old)
        if moved is not None:
            self._show_record(moved)
            self._mark_dirty()

    # --- for the window and the tests -------------------------------------------------------
    def field_widget(self, name: str) -> QWidget:
        """The editor of a scalar field (e.g. to focus the title of a new plan)."""
        self._build_all()
        for form in self._forms:
            if form.has_field(name):
                return form.widget(name)
        raise KeyError(name)

    def grid(self, attr: str) -> RowsGrid:
        """The grid of a list of rows (for content and phases: the upper grid)."""
        self._build_all()
        return self._grid_by_attr[attr]

    def show_section(self, title: str) -> None:
        for position, (name, _what) in enumerate(SECTIONS):
            if name == title:
                self.sections.setCurrentRow(position)
                return
        raise KeyError(title)

    # --- reactions ----------------------------------------------------------------------------
    def _on_form_changed(self, name: str) -> None:
        self._mark_dirty()
        self._blanks_timer.start()
        if name == "title":
            self._update_title()
            self.titleChanged.emit(self._record.title)
        elif name in {"start", "end"}:
            self._update_agenda()
            self._update_festival()
        elif name == "festival":
            self._update_festival()
        elif name == "kind":
            self._update_kind()

    def _on_rows_changed(self, attr: str) -> None:
        self._mark_dirty()
        self._blanks_timer.start()
        self._update_counts()
        if attr == "agenda":
            self._update_agenda()
        elif attr == "budget":
            self._update_budget()
        elif attr == "outline":
            self._update_content_offset()

    def _mark_dirty(self) -> None:
        self._autosave_timer.start()  # restarted on every edit: saves after a quiet spell
        if not self._dirty:
            self._dirty = True
            self.dirtyChanged.emit(True)
            self._update_title()

    def _update_blanks(self) -> None:
        places = blank_places(self._record)
        self.blanks_label.setVisible(bool(places))
        self.blanks_label.setText(self.tr("未完成：%1 处待填").replace("%1", str(len(places))))
        self.blanks_label.setToolTip(self.tr("留有待填写的空白：") + "、".join(places))

    def _update_title(self) -> None:
        mark = self.tr(" ＊未保存") if self._dirty else ""
        self.title_label.setText(self._display_title() + mark)

    def _display_title(self) -> str:
        return self._record.title.strip() or self.tr("（未命名方案）")

    def _update_kind(self) -> None:
        if self.basic_form is None:
            return
        self.basic_form.set_row_visible("recipients", self._record.kind == "notice")

    def _update_counts(self) -> None:
        for position, (title, what) in enumerate(SECTIONS):
            text = self.tr(title)
            if isinstance(what, str):
                count = len(getattr(self._record, what))
                if count:
                    text += f"（{count}）"
            self.sections.item(position).setText(text)

    # --- saving -------------------------------------------------------------------------------
    def _first_problem(self) -> str | None:
        for form in self._forms:
            problems = form.problems()
            if problems:
                return problems[0]
        return None

    def _autosave(self) -> None:
        if not self._dirty:
            return
        if any(g.view.state() == QAbstractItemView.State.EditingState for g in self._grids):
            self._autosave_timer.start()  # a cell is being typed in: wait for it
            return
        problem = self._try_save(show_errors=False)
        if problem is not None:
            self._show_status(self.tr("未自动保存：") + problem, error=True)
            return
        self._after_save(self.tr("已自动保存"))

    def _after_save(self, what: str) -> None:
        self._autosave_timer.stop()
        self._show_status(f"{what} {datetime.now():%H:%M:%S}")
        if self._dirty:
            self._dirty = False
            self.dirtyChanged.emit(False)
        self._update_title()
        self.saved.emit(self._plan_id)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b03a2e;" if error else "")
        self.status_label.setToolTip(text)

    def _commit_open_editors(self) -> None:
        """A cell still being typed in counts: hand its text to the model before saving."""
        for grid in self._grids:
            view = grid.view
            if view.state() == QAbstractItemView.State.EditingState:
                editor = view.indexWidget(view.currentIndex())
                if editor is not None:
                    view.commitData(editor)

