"""The pages of the plan editor (ui.plans.editor): each section's form or grid, built when first
shown, and the labels under them (agenda problems, budget totals, the festival's day).

A mixin of PlanEditor: it reads the editor's record and lists of forms and grids.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from models.plans.content_lines import ContentLine, content_lines, content_tree
from models.plans.festivals import FESTIVALS
from models.plans.outline import outline_of
from models.plans.records import KINDS, PART_ROWS, PhaseRow, PhaseTaskRow, SectionRow
from models.plans.rules import agenda_problems
from ui.plans.blank_tools import make_date_to_fill_button
from ui.plans.fields import FieldSpec, to_qdatetime
from ui.plans.form import PlanForm
from ui.plans.level_grid import LevelGrid
from ui.plans.sections import (
    AMOUNT,
    HINTS,
    LEADERSHIP_FIELDS,
    SECTIONS,
    budget_summary,
    festival_note,
    scaled_font,
)
from ui.plans.target_analysis_button import make_insert_button
from ui.widgets.rows_grid import MasterDetailGrid, RowsGrid


class EditorPages:
    """Building and refreshing the editor's pages (mixed into PlanEditor, a QWidget)."""

    def _show_page(self, position: int) -> None:
        if position < 0:
            return
        self._ensure_page(position)
        self.pages.setCurrentIndex(position)

    def _ensure_page(self, position: int) -> None:
        if self._built[position]:
            return
        self._built[position] = True
        title, what = SECTIONS[position]
        placeholder = self.pages.widget(position)
        self.pages.insertWidget(position, self._build_page(title, what))
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        # Labels that live on this page show the current state.
        if what == "agenda":
            self._update_agenda()
        elif what == "budget":
            self._update_budget()
        elif "recipients" in what:
            self._update_kind()

    def _build_all(self) -> None:
        for position in range(len(SECTIONS)):
            self._ensure_page(position)

    def _build_next_page(self) -> None:
        for position, built in enumerate(self._built):
            if not built:
                current = self.pages.currentIndex()
                self._ensure_page(position)
                self.pages.setCurrentIndex(current)
                QTimer.singleShot(0, self, self._build_next_page)  # dropped if the editor is gone
                return

    def _build_page(self, title: str, what: list[str] | str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.setSpacing(10)
        heading = QLabel(self.tr(title), page)
        heading.setObjectName("sectionTitle")
        heading.setFont(scaled_font(self.font(), 1.3))
        layout.addWidget(heading)
        if title in HINTS:
            hint = QLabel(self.tr(HINTS[title]), page)
            hint.setObjectName("sectionHint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        if isinstance(what, list):
            form = self._make_form(what)
            scroll = QScrollArea(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            # The page's own background shows through (no grey box inside a tab).
            scroll.viewport().setAutoFillBackground(False)
            holder = QWidget(scroll)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 8, 0)
            holder_layout.addWidget(form, 1 if form.is_tall() else 0)
            if "festival" in what and FESTIVALS:
                # Which day the festival falls on this year: lunar festivals move every year.
                self.festival_hint = QLabel(page)
                self.festival_hint.setObjectName("sectionHint")
                holder_layout.addWidget(self.festival_hint)
                self._update_festival()
            if "time_note" in what:
                holder_layout.addWidget(make_date_to_fill_button(form, page), 0,
                                        Qt.AlignmentFlag.AlignLeft)
            if "target_analysis" in what:
                holder_layout.addWidget(make_insert_button(
                    form.widget("target_analysis"), self._activity_day, page),
                    0, Qt.AlignmentFlag.AlignRight)
            if not form.is_tall():
                holder_layout.addStretch(1)
            scroll.setWidget(holder)
            holder.setAutoFillBackground(False)  # setWidget turned it on
            layout.addWidget(scroll, 1)
            return page
        layout.addWidget(self._rows_widget(what, page), 1)
        if what == "agenda":
            self.agenda_problems_label = QLabel(page)
            self.agenda_problems_label.setObjectName("problems")
            self.agenda_problems_label.setWordWrap(True)
            layout.addWidget(self.agenda_problems_label)
        elif what == "budget":
            self.budget_label = QLabel(page)
            self.budget_label.setObjectName("totals")
            self.budget_label.setWordWrap(True)
            layout.addWidget(self.budget_label)
        elif what == "leaders":
            layout.addWidget(self._make_form(LEADERSHIP_FIELDS))
        return page

    def _content_offset(self) -> int:
        """How many levels print above the content items: its section's, and one more for the
        section's heading (a notice's content has none: its items are the document's points)."""
        for row in outline_of(self._record):
            if row.key == "活动内容":
                return row.level if row.heading.strip() else row.level - 1
        return 1

    def _update_content_offset(self) -> None:
        grid = self._grid_by_attr.get("content")
        if isinstance(grid, LevelGrid):
            grid.set_level_offset(self._content_offset())

    def _content_lines_changed(self) -> None:
        grid = self._grid_by_attr["content"]
        self._record.content = content_tree(grid.model.rows())

    def _activity_day(self) -> date | None:
        start = self.record().start
        return start.date() if start else None

    def _make_form(self, names: list[str]) -> PlanForm:
        overrides = {}
        labels: dict[str, dict[str, str]] = {"kind": dict(KINDS)}
        if FESTIVALS and "festival" in names:
            overrides["festival"] = FieldSpec(
                "festival", "节日", "choice", ("", *FESTIVALS), optional=True
            )
            labels["festival"] = {"": self.tr("（不是节日活动）"), **FESTIVALS}
        form = PlanForm(self._record, names, labels, {"status"}, overrides, self)
        form.changed.connect(self._on_form_changed)
        self._forms.append(form)
        if "recipients" in names:
            self.basic_form = form
        if "start" in names:
            form.widget("start").editingFinished.connect(self._start_edited)
        return form

    def _rows_widget(self, attr: str, parent: QWidget) -> QWidget:
        rows = getattr(self._record, attr)
        widget: RowsGrid | MasterDetailGrid
        if attr == "content":
            # Edited as lines with levels (four deep), handed back to the record as a tree.
            widget = LevelGrid(ContentLine, content_lines(rows), "title", parent)
            widget.changed.connect(self._content_lines_changed)
            widget.set_level_offset(self._content_offset())
            grids = [widget]
        elif attr == "outline":
            widget = LevelGrid(SectionRow, rows, "heading", parent)
            grids = [widget]
        elif attr == "phases":
            nested = MasterDetailGrid(PhaseRow, PhaseTaskRow, "tasks", rows, self.tr("任务"),
                                      parent)
            grids = [nested.master, nested.detail]
            widget = nested
        else:
            computed = [("unit_price_fen", AMOUNT)] if attr == "budget" else None
            grid = RowsGrid(PART_ROWS[attr], rows, computed, parent)
            grids = [grid]
            widget = grid
        self._grid_by_attr[attr] = grids[0]
        self._row_widgets[attr] = widget
        for grid in grids:
            grid.changed.connect(lambda a=attr: self._on_rows_changed(a))
            self._grids.append(grid)
        if attr == "agenda":
            self.agenda_grid = grids[0]
            self.agenda_grid.delegate.suggest_datetime = self._suggest_slot_time
            sort = self.agenda_grid.add_button_after_moves(self.tr("按时间排序"))
            sort.setToolTip(self.tr("按开始时间重新排列各时段；未填时间的排在最后"))
            sort.clicked.connect(self._sort_agenda)
        elif attr == "budget":
            self.budget_grid = grids[0]
        return widget


    def _update_festival(self) -> None:
        hint = getattr(self, "festival_hint", None)
        if hint is None:
            return
        hint.setText(festival_note(self._record))

    def _update_agenda(self) -> None:
        if self.agenda_grid is None:
            return
        problems = agenda_problems(self._record)
        self.agenda_grid.model.set_flagged({p.row for p in problems})
        self.agenda_problems_label.setText("\n".join(p.message for p in problems))
        self.agenda_problems_label.setVisible(bool(problems))

    def _update_budget(self) -> None:
        if self.budget_grid is None:
            return
        self.budget_label.setText(budget_summary(self._record.budget))

    def _sort_agenda(self) -> None:
        assert self.agenda_grid is not None
        self.agenda_grid.model.sort_rows(lambda s: (s.start is None, s.start or datetime.min))

    def _suggest_slot_time(self, index: QModelIndex) -> QDateTime:
        # A new slot starts where the previous one ended; an end proposes its own start.
        rows = self._record.agenda
        row = index.row()
        assert self.agenda_grid is not None  # the hook is set by the agenda grid itself
        name = self.agenda_grid.model.spec(index.column()).name
        if 0 <= row < len(rows):
            if name == "end" and rows[row].start is not None:
                return to_qdatetime(rows[row].start + timedelta(minutes=30))
            if row > 0 and rows[row - 1].end is not None:
                return to_qdatetime(rows[row - 1].end)
        return to_qdatetime(self._record.start)

