"""The activity's Excel sheets in their PDF form, for printing from the app (打印…) or handing
out as a file: the roster (报名名册, full or masked), the blank sign-up form (报名表) and the
attendance summary (出勤统计). Same rows, columns, order and masking as the .xlsx
(exporters/signups/sheets.py builds both), laid out by exporters/pdf/listing.py.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from exporters.pdf.listing import ListColumn, Listing, write_listing
from exporters.sheets.layout import Column
from exporters.signups.sheets import (
    FORM_BLANK_ROWS,
    MASKED_ROSTER,
    ROSTER_COLUMNS,
    SUMMARY_COLUMNS,
    ActivityHeader,
    activity_header,
    form_columns,
    form_notes,
    roster_values,
    summary_rows,
    visible_order,
)
from models.plans.service import load_plan
from models.signups.figures import activity_figures
from models.signups.rules import ACTIVE
from models.signups.service import activity_rules, list_signups

Progress = Callable[[int, int], None]

# Values kept on one line (a number broken in two is misread); the rest wrap.
_ONE_LINE = {"序号", "性别", "年龄", "身份证号", "联系电话", "签到时间", "已缴费（元）", "收据号",
             "出生日期", "家属电话", "报名", "签到", "未到", "出勤率"}


def _columns(cols: Sequence[Column]) -> list[ListColumn]:
    return [ListColumn(c.title, center=c.center, nowrap=c.title in _ONE_LINE) for c in cols]


def _lines(header: ActivityHeader) -> list[str]:
    when = f"时间：{header.when()}"
    return [f"{when}　　地点：{header.place}" if header.place else when]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def export_roster_pdf(plan_id: int, target: Path | str, *, order: str = "position",
                      masked: bool = False, progress: Progress | None = None) -> int:
    """The roster as the .xlsx has it (every sign-up not cancelled; masked: the masked
    roster's columns, masked); returns the number of pages."""
    header = activity_header(plan_id)
    recs = [r for r in list_signups(plan_id, order=order) if r.status in ACTIVE]
    if masked and order == "strokes":
        recs = visible_order(recs)
    day = header.start.date() if header.start else None
    cols = [ROSTER_COLUMNS[i] for i in MASKED_ROSTER] if masked else ROSTER_COLUMNS
    rows = [[_text(v) for v in roster_values(n, r, day, masked)]
            for n, r in enumerate(recs, start=1)]
    title = f"{header.title}报名名册" + ("（隐去部分信息）" if masked else "")
    listing = Listing(title, _lines(header), _columns(cols), rows, landscape=True,
                      font_size=8.5, progress=progress)
    return write_listing(listing, target)


def export_form_pdf(plan_id: int, target: Path | str, *, blank_rows: int | None = None) -> int:
    """The blank sign-up form to fill in by hand: the columns the activity's rules need, the
    rules under the title, numbered rows tall enough to write in; returns the number of pages."""
    header = activity_header(plan_id)
    rules = activity_rules(plan_id)
    plan = load_plan(plan_id)
    cols = form_columns(rules, plan.fee_fen > 0)
    n = blank_rows or min(300, max(FORM_BLANK_ROWS, (plan.capacity or 0) + 10))
    notes = form_notes(rules, plan.fee_fen)
    lines = _lines(header) + (["；".join(notes)] if notes else [])
    rows = [[str(i)] + [""] * (len(cols) - 1) for i in range(1, n + 1)]
    listing = Listing(f"{header.title}报名表", lines, _columns(cols), rows,
                      landscape=sum(c.width or 10 for c in cols) > 110, font_size=10.0,
                      min_row_height=26.0)
    return write_listing(listing, target)


def export_attendance_pdf(plan_id: int, target: Path | str) -> int:
    """出勤统计: figures only (no names), as the .xlsx sheet; returns the number of pages."""
    header = activity_header(plan_id)
    day = header.start.date() if header.start else None
    fig = activity_figures(list_signups(plan_id), day)
    rows = [[_text(v) for v in row] for row in summary_rows(fig)]
    listing = Listing(f"{header.title}出勤统计", _lines(header), _columns(SUMMARY_COLUMNS),
                      rows, font_size=10.5)
    return write_listing(listing, target)

