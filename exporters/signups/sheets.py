"""Printed sheets of an activity's sign-ups (.xlsx, docs/printing.md): the office roster, the
sign-in sheet passed round at the door, the blank sign-up form and the attendance summary.

All use exporters/sheets/layout.py's print set-up (A4, fit to width, print titles, borders, text
ID and phone columns, footer 第 X 页 共 Y 页). Rosters and sign-in sheets are written in
openpyxl's write-only mode, their table rows through exporters/sheets/fast_rows.py, so 10,000
rows cost less than the same values written bare by openpyxl.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from exporters.atomic import atomic_output
from exporters.sheets.fast_rows import FastRows
from exporters.sheets.layout import (
    BORDER,
    CENTER,
    FONT,
    HEADER_FONT,
    TITLE_FONT,
    Column,
    display_width,
    fit_widths,
    header_cells,
    row_cells,
    setup_sheet,
    title_cells,
)
from exporters.sheets.layout import (
    LEFT as LEFT_WRAP,
)
from exporters.sheets.text import list_choice, set_text
from models.common.masking import (
    AGE,
    AGE_BAND,
    FREE_TEXT,
    ID_NUMBER,
    NAME,
    PHONE,
    ROOM,
    mask_name,
    mask_phone,
    mask_value,
    shown_columns,
    visible_sort_key,
    withheld,
)
from models.plans.service import load_plan
from models.residents.rules import age_on
from models.signups.figures import ActivityFigures, Breakdown, activity_figures
from models.signups.records import SignupRecord
from models.signups.rules import ACTIVE, SEATED, Rules
from models.signups.service import activity_rules, list_signups

Progress = Callable[[int, int], None]  # (done, total); may raise to cancel
SIGNIN_BLANK_ROWS = 10
SIGNIN_ROW_HEIGHT = 36  # points: about twice a normal row, room for a signature
FORM_BLANK_ROWS = 30
TITLE_ROOM = 56  # display widths (exporters.sheets.layout) a line of a sheet's title holds


@dataclass(frozen=True)
class ActivityHeader:
    title: str
    start: datetime | None
    end: datetime | None
    place: str

    def when(self) -> str:
        if self.start is None:
            return "时间待定"
        text = f"{self.start.year}年{self.start.month}月{self.start.day}日 {self.start:%H:%M}"
        if self.end is not None:
            text += f"—{self.end:%H:%M}" if self.end.date() == self.start.date() else (
                f"—{self.end.year}年{self.end.month}月{self.end.day}日")
        return text

    def line(self, kind: str) -> str:
        """"重阳节登山活动签到表\n时间：…　地点：…" (title row of a sheet)."""
        when = f"时间：{self.when()}"
        if not self.place:
            return f"{self.title}{kind}\n{when}"
        place = f"地点：{self.place}"
        # A long place gets its own lines, broken here between places and never inside a
        # bracket: LibreOffice and WPS break a merged title cell anywhere (…公园（重 / 阳登高）).
        if display_width(when + "　" + place) <= TITLE_ROOM:
            return f"{self.title}{kind}\n{when}　{place}"
        from exporters.pdf.listing import wrap

        lines = wrap(place, lambda t: float(display_width(t)), TITLE_ROOM)
        return "\n".join([f"{self.title}{kind}", when, *lines])


def activity_header(plan_id: int) -> ActivityHeader:
    rec = load_plan(plan_id)
    place = "、".join(p.strip() for p in rec.places.splitlines() if p.strip())
    return ActivityHeader(activity_name(rec.title), rec.start, rec.end, place)


def activity_name(title: str) -> str:
    """The activity as a sheet names it: "…敬老活动方案" -> "…敬老活动",
    "关于开展…的通知" -> "…"."""
    title = title.strip() or "（未命名活动）"
    if title.startswith("关于") and title.endswith("的通知"):
        title = title[2:-3].removeprefix("开展").removeprefix("举办")
    for tail in ("实施方案", "工作方案", "方案"):
        if title.endswith(tail) and len(title) > len(tail) + 2:
            return title[: -len(tail)]
    return title


class _Rows:
    """One styled cell per column, reused for every row (write-only mode writes each row as it
    is appended, so reuse is safe and costs no style look-ups)."""

    def __init__(self, ws: Any, columns: Sequence[Column]) -> None:
        self.cells = row_cells(ws, columns, [None] * len(columns))
        self.text = [c.text for c in columns]

    def values(self, values: Sequence[Any]) -> list[Any]:
        for cell, is_text, value in zip(self.cells, self.text, values, strict=True):
            set_text(cell, str(value) if (is_text and value is not None) else value)
        return self.cells


def title_height(text: str, widths: Sequence[float]) -> float:
    """Points for the merged title row to show every wrapped line (the title font is about
    1.5 times the width of the body font the column widths are measured in)."""
    from math import ceil

    room = max(1.0, sum(widths) - 2)
    lines = sum(max(1, ceil(display_width(line) * 1.5 / room)) for line in text.split("\n"))
    return lines * 21 + 8


def _title_row(ws: Any, text: str, widths: Sequence[float]) -> None:
    ws.row_dimensions[1].height = title_height(text, widths)
    ws.append(title_cells(ws, text, len(widths)))


def _age(rec: SignupRecord, day: date | None) -> int | str:
    return age_on(rec.birth, day) if (rec.birth and day) else ""


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}" if fen else ""


# --- roster (full data, for the office) ----------------------------------------------------------

ROSTER_COLUMNS = [
    Column("序号", 6, center=True), Column("姓名", 10, center=True, kind=NAME),
    Column("性别", 6, center=True), Column("年龄", 6, center=True, kind=AGE),
    Column("身份证号", 21, text=True, kind=ID_NUMBER),
    Column("联系电话", 15, text=True, kind=PHONE), Column("楼栋", 8, center=True),
    Column("房号", 12, kind=ROOM), Column("陪同人员", 22), Column("状态", 8, center=True),
    Column("报名时间", 17, center=True), Column("签到时间", 10, center=True),
    Column("已缴费（元）", 10, center=True), Column("收据号", 12, text=True),
    Column("备注", 18, kind=FREE_TEXT), Column("破例说明", 18, kind=FREE_TEXT),
]
# The masked roster's kinds include its 出勤统计 sheet's age breakdown: models/common/masking.py
# decides what goes (age and age bands beside 6+4 IDs, rooms, free text).
_ROSTER_KINDS = [c.kind for c in ROSTER_COLUMNS] + [AGE_BAND]
MASKED_ROSTER = shown_columns(_ROSTER_KINDS)[:len(ROSTER_COLUMNS)]


def status_text(r: SignupRecord) -> str:
    """The status, with the place in the waiting queue for one who waits (as on the screens)."""
    return f"候补第 {r.waitlist_place} 位" if r.waitlist_place is not None else r.status


def roster_values(n: int, r: SignupRecord, day: date | None, masked: bool = False) -> list[Any]:
    """One roster row; masked: the columns the masked roster keeps, masked."""
    companions = (r.companions_text() if not masked else
                  "、".join(replace(c, name=mask_name(c.name)).label() for c in r.companions))
    full: list[Any] = [
        n, r.name, r.gender, _age(r, day), r.id_number, r.phone, r.building, r.address,
        companions, status_text(r), r.signed_up.strftime("%Y-%m-%d %H:%M"),
        r.checked_in.strftime("%H:%M") if r.checked_in else "", _yuan(r.fee_paid_fen),
        r.receipt_no, r.notes + ("（现场报名）" if r.walk_in else ""), r.override_note]
    if not masked:
        return full
    return [mask_value(ROSTER_COLUMNS[i].kind, full[i] or "") if ROSTER_COLUMNS[i].kind
            else full[i] for i in MASKED_ROSTER]


def export_roster(plan_id: int, target: Path | str, *, order: str = "position",
                  masked: bool = False, progress: Progress | None = None) -> int:
    """Every sign-up not cancelled (full data unless masked) and an attendance summary sheet;
    returns the number of rows."""
    header = activity_header(plan_id)
    recs = [r for r in list_signups(plan_id, order=order) if r.status in ACTIVE]
    if masked and order == "strokes":
        recs = visible_order(recs)
    day = header.start.date() if header.start else None
    cols = [ROSTER_COLUMNS[i] for i in MASKED_ROSTER] if masked else ROSTER_COLUMNS
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("报名名册")
    widths = [c.width or 10 for c in cols]
    setup_sheet(ws, cols, widths, title=header.line("报名名册"), landscape=True)
    _title_row(ws, header.line("报名名册"), widths)
    ws.append(header_cells(ws, cols))
    rows = FastRows(ws, cols, first=3)
    total = len(recs)
    for n, r in enumerate(recs, start=1):
        rows.add(roster_values(n, r, day, masked))
        if progress is not None and n % 500 == 0:
            progress(n, total)
    by_age = not masked or AGE_BAND not in withheld(_ROSTER_KINDS)
    _summary_sheet(wb, header, activity_figures(recs, day), by_age=by_age)
    with atomic_output(target) as tmp:
        wb.save(tmp)
        rows.splice(tmp)
    return total


def visible_order(recs: list[SignupRecord]) -> list[SignupRecord]:
    """姓氏笔画 order on what a masked list shows of each name, then sign-up order: sorting on the
    hidden characters would let the row order tell them."""
    return sorted(recs, key=lambda r: (visible_sort_key(mask_name(r.name)), r.position))


# --- sign-in sheet (passed round in public: phones masked) ---------------------------------------

def signin_columns(with_companions: bool) -> list[Column]:
    cols = [Column("序号", 6, center=True), Column("姓名", 12, center=True),
            Column("联系电话", 15, text=True, center=True)]
    if with_companions:
        cols.append(Column("陪同人员", 24))
    cols.append(Column("签名", 22 if with_companions else 30))
    return cols


def signin_rows(plan_id: int, *, order: str = "strokes", masked: bool = False,
                ) -> list[list[str]]:
    """[序号, 姓名, 联系电话 (always masked), 陪同人员] of everyone holding a seat."""
    out = []
    recs = list_signups(plan_id, order=order, statuses=SEATED)
    if masked and order == "strokes":
        recs = visible_order(recs)
    for n, r in enumerate(recs, start=1):
        name = mask_name(r.name) if masked else r.name
        comps = "、".join((mask_name(c.name) if masked else c.name) +
                          (f"（{c.age}岁）" if c.age is not None else "") for c in r.companions)
        out.append([str(n), name, mask_phone(r.phone) if r.phone else "", comps])
    return out


def export_signin_xlsx(plan_id: int, target: Path | str, *, order: str = "strokes",
                       masked: bool = False, progress: Progress | None = None) -> int:
    header = activity_header(plan_id)
    rows = signin_rows(plan_id, order=order, masked=masked)
    with_comp = any(r[3] for r in rows) or _expects_companions(plan_id)
    cols = signin_columns(with_comp)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("签到表")
    widths = fit_widths(cols, ([r[0], r[1], r[2], *([r[3]] if with_comp else []), ""]
                               for r in rows))
    setup_sheet(ws, cols, widths, title=header.line("签到表"))
    _title_row(ws, header.line("签到表"), widths)
    ws.append(header_cells(ws, cols))
    cells = FastRows(ws, cols, first=3)
    total = len(rows) + SIGNIN_BLANK_ROWS
    for i in range(total):
        if i < len(rows):
            r = rows[i]
            values = [r[0], r[1], r[2], *([r[3]] if with_comp else []), None]
        else:
            values = [str(i + 1)] + [None] * (len(cols) - 1)
        cells.add(values, height=SIGNIN_ROW_HEIGHT)
        if progress is not None and i % 500 == 0:
            progress(i, total)
    with atomic_output(target) as tmp:
        wb.save(tmp)
        cells.splice(tmp)
    return len(rows)


def _expects_companions(plan_id: int) -> bool:
    rules = activity_rules(plan_id)
    return rules.companion_age is not None or rules.for_children


# --- blank sign-up form ---------------------------------------------------------------------------

def form_columns(rules: Rules, fee: bool) -> list[Column]:
    cols = [Column("序号", 6, center=True), Column("姓名", 10, center=True),
            Column("性别", 6, center=True), Column("出生日期", 12, center=True),
            Column("身份证号", 21, text=True), Column("联系电话", 14, text=True),
            Column("楼栋房号", 12)]
    if rules.for_children:
        cols += [Column("幼儿姓名", 10, center=True), Column("幼儿年龄（岁）", 14, center=True)]
    if rules.companion_age is not None:
        cols += [Column("陪同家属", 10, center=True), Column("与本人关系", 10, center=True),
                 Column("家属电话", 14, text=True)]
    if rules.required_tags:
        cols.append(Column("所属人群", 10, center=True))
    if fee:
        cols += [Column("缴费（元）", 8, center=True), Column("收据号", 10, text=True)]
    cols.append(Column("备注", 14))
    return cols


def export_signup_form(plan_id: int, target: Path | str, *, blank_rows: int | None = None) -> int:
    """A blank form to fill in by hand or in Excel: the columns the activity's rules need,
    drop-downs where the choices are fixed; returns the number of blank rows."""
    header = activity_header(plan_id)
    rules = activity_rules(plan_id)
    plan = load_plan(plan_id)
    cols = form_columns(rules, plan.fee_fen > 0)
    n = blank_rows or min(300, max(FORM_BLANK_ROWS, (plan.capacity or 0) + 10))
    wb = Workbook()
    ws = wb.active
    ws.title = "报名表"
    note = form_notes(rules, plan.fee_fen)
    title = header.line("报名表") + (("\n" + "；".join(note)) if note else "")
    widths = [c.width or 10 for c in cols]
    setup_sheet(ws, cols, widths, title=title, landscape=sum(widths) > 110)
    set_text(ws.cell(row=1, column=1), title)
    ws.row_dimensions[1].height = title_height(title, widths)
    ws["A1"].font, ws["A1"].alignment = TITLE_FONT, CENTER
    for i, c in enumerate(cols, start=1):
        cell = set_text(ws.cell(row=2, column=i), c.title)
        cell.font, cell.alignment, cell.border = HEADER_FONT, CENTER, BORDER
    for r in range(3, 3 + n):
        ws.row_dimensions[r].height = 24
        for i, c in enumerate(cols, start=1):
            cell = ws.cell(row=r, column=i, value=r - 2 if i == 1 else None)
            cell.border, cell.font = BORDER, FONT
            cell.alignment = CENTER if c.center else LEFT_WRAP
            if c.text:
                cell.number_format = "@"
    _validations(ws, cols, 3, 2 + n, rules)
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return n


def form_notes(rules: Rules, fee_fen: int) -> list[str]:
    """The activity's rules as the form states them under its title (age, companions, fee)."""
    note = []
    if rules.min_age is not None or rules.max_age is not None:
        who = "幼儿" if rules.for_children else "报名人"
        lo = "" if rules.min_age is None else f"{rules.min_age}周岁"
        hi = "" if rules.max_age is None else f"{rules.max_age}周岁"
        note.append(f"{who}年龄：{lo}{'至' if lo and hi else ''}{hi}"
                    f"{'及以上' if lo and not hi else ''}{'及以下' if hi and not lo else ''}")
    if rules.companion_age is not None:
        note.append(f"满{rules.companion_age}周岁须家属陪同")
    if rules.required_tags:
        note.append("限" + "、".join(rules.required_tags))
    if fee_fen:
        note.append(f"费用{fee_fen / 100:g}元/人")
    return note


def _validations(ws: Any, cols: Sequence[Column], first: int, last: int, rules: Rules) -> None:
    from openpyxl.utils import get_column_letter

    def col_range(title: str) -> str | None:
        for i, c in enumerate(cols, start=1):
            if c.title == title:
                letter = get_column_letter(i)
                return f"{letter}{first}:{letter}{last}"
        return None

    lists = {"性别": ["男", "女"], "与本人关系": ["子女", "配偶", "其他亲属", "其他"],
             "所属人群": list(rules.required_tags)}
    for title, choices in lists.items():
        rng = col_range(title)
        if rng and choices:
            listed = ",".join(list_choice(c) for c in choices)
            dv = DataValidation(type="list", formula1=f'"{listed}"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="请从列表中选择", error="请选择：" + "、".join(choices))
            dv.add(rng)
            ws.add_data_validation(dv)
    rng = col_range("幼儿年龄（岁）")
    if rng:
        dv = DataValidation(type="whole", operator="between", formula1="0", formula2="17",
                            allow_blank=True, showErrorMessage=True,
                            error="请填写0至17之间的整数。")
        dv.add(rng)
        ws.add_data_validation(dv)


# --- attendance summary ----------------------------------------------------------------------

SUMMARY_COLUMNS = [Column("项目", 20), Column("报名", 12, center=True),
                   Column("签到", 12, center=True), Column("未到", 12, center=True),
                   Column("出勤率", 12, center=True)]


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def summary_rows(fig: ActivityFigures, by_age: bool = True) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["合计", fig.registered, fig.attended, fig.no_show,
         _rate(fig.attended / fig.registered if fig.registered else None)],
        ["未到率", "", "", _rate(fig.no_show_rate), ""],
        ["其中现场报名", fig.walk_ins, fig.walk_ins, "", ""],
        ["陪同人员", fig.companions, "", "", ""], ["候补未转正", fig.waitlist, "", "", ""]]
    parts = [("年龄段", fig.by_age)] if by_age else []
    for label, part in [*parts, ("性别", fig.by_sex), ("楼栋", fig.by_building)]:
        rows.append([f"按{label}", None, None, None, None])
        rows += [[f"　{b.group}", b.registered, b.attended, "", _rate(b.attendance_rate)]
                 for b in part]
    return rows


def _summary_sheet(wb: Workbook, header: ActivityHeader, fig: ActivityFigures, *,
                   by_age: bool = True) -> None:
    """An 出勤统计 sheet in a write-only workbook (by_age False: no age breakdown, for a masked
    roster whose 6+4 IDs an age band would narrow)."""
    ws = wb.create_sheet("出勤统计")
    title = header.line("出勤统计")
    widths = [c.width or 10 for c in SUMMARY_COLUMNS]
    setup_sheet(ws, SUMMARY_COLUMNS, widths, title=title)
    _title_row(ws, title, widths)
    ws.append(header_cells(ws, SUMMARY_COLUMNS))
    cells = _Rows(ws, SUMMARY_COLUMNS)
    for row in summary_rows(fig, by_age):
        ws.append(cells.values(row))


def export_attendance(plan_id: int, target: Path | str) -> ActivityFigures:
    header = activity_header(plan_id)
    day = header.start.date() if header.start else None
    fig = activity_figures(list_signups(plan_id), day)
    wb = Workbook(write_only=True)
    _summary_sheet(wb, header, fig)
    with atomic_output(target) as tmp:
        wb.save(tmp)
    return fig


def breakdown_text(parts: Iterable[Breakdown]) -> str:
    return "；".join(f"{b.group} {b.attended}/{b.registered}" for b in parts)


__all__ = ["export_roster", "export_signin_xlsx", "export_signup_form", "export_attendance",
           "activity_header", "signin_rows"]
