"""The volunteer ledger (台帐) of a year, for the inspection binder.

xlsx in the shared print set-up (exporters/sheets/layout.py): a summary sheet (每位志愿者 the
times, hours, training, the check against the minimum, stars, honours, assessment), one sheet per
team (month by month each service with its people and their hours, a line per month and a year
total), and a sheet of training sessions. PDF on the official page with the same figures.
Internal: full names, no ID numbers or phones. Hours are written as text ("12小时30分") beside
the exact whole minutes, so Excel's sums are exact too.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from exporters.atomic import atomic_output
from exporters.pdf import official as o
from exporters.pdf.fonts import font_set
from exporters.sheets.fast_rows import FastRows, splice_all
from exporters.sheets.layout import (
    FONT,
    HEADER_FONT,
    LEFT,
    Column,
    display_width,
    fit_widths,
    header_cells,
    setup_sheet,
    title_cells,
)
from exporters.sheets.text import text_cell
from models.volunteers.ledger import MemberYear, TeamYear, YearFigures, year_figures
from models.volunteers.records import ServiceRecord
from models.volunteers.rules import HOURS, TRAINING, hours_text, stars_text

SUMMARY = [Column("服务队", center=True), Column("志愿者编号", text=True, center=True),
           Column("姓名", 8, center=True), Column("政治面貌", center=True),
           Column("服务次数", 8, center=True), Column("服务时长", 11, center=True),
           Column("折合分钟", 8, center=True), Column("参加培训", 8, center=True),
           Column("最低要求", 9, center=True), Column("达标情况", 36),
           Column("星级", 20), Column("表彰", 18), Column("考核等次", 8, center=True)]
SERVICES = [Column("日期", 11, center=True), Column("类别", 6, center=True), Column("地点", 14),
            Column("服务内容", 24), Column("参加人员及时长", 40), Column("人数", 6, center=True),
            Column("时长合计", 12, center=True)]


def ledger_title(fig: YearFigures, team: TeamYear | None = None) -> str:
    who = team.name if team else "党员志愿者"
    return f"{fig.year}年{who}志愿服务台帐"


def check_text(m: MemberYear) -> str:
    c = m.check
    text = c.reason or ("已达到" if c.met else "进行中，照目前进度可达到")
    if m.eligibility:
        text += f"；不符合入队条件：{m.eligibility}"
    return text


def owed_text(m: MemberYear) -> str:
    c = m.check
    return hours_text(c.owed) if c.measure == HOURS else f"{c.owed} 次"


def member_values(team: TeamYear, m: MemberYear) -> list[Any]:
    v = m.volunteer
    return [team.name, v.number, v.name, v.political, m.times, hours_text(m.minutes), m.minutes,
            m.training_times, owed_text(m), check_text(m), stars_text(m.total_minutes),
            "；".join(m.honours), m.grade]


def people_text(s: ServiceRecord) -> str:
    return "、".join(f"{p.name}（{p.role + '，' if p.role else ''}{hours_text(p.minutes)}）"
                    for p in s.people)


def service_values(s: ServiceRecord) -> list[Any]:
    return [f"{s.day:%Y-%m-%d}", s.kind, s.place, s.content, people_text(s), len(s.people),
            hours_text(s.minutes)]


def _title(ws: Any, text: str, ncols: int) -> None:
    """The title row (merged over the columns by setup_sheet) of a write-only sheet."""
    ws.row_dimensions[1].height = 36  # before the row is written (a write-only sheet)
    ws.append(title_cells(ws, text, ncols))


def _line(ws: Any, row: int, text: str, ncols: int, height: float) -> None:
    """A merged line of text across the table (the team's particulars)."""
    ws.merged_cells.add(f"A{row}:{get_column_letter(ncols)}{row}")
    cell = text_cell(ws, text)
    cell.font, cell.alignment = FONT, LEFT
    ws.row_dimensions[row].height = height
    ws.append([cell] + [None] * (ncols - 1))


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """Points for a row whose cells wrap: LibreOffice and Excel keep a written row at one line
    unless told, so the wrapped lines would print over each other."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if value is not None:
            lines = max(lines, -(-display_width(str(value)) // max(1, int(width * 1.15))))
    return 12.5 * lines + 6


def _table(ws: Any, columns: Sequence[Column], widths: Sequence[float], first: int,
           rows: Sequence[Sequence[Any]], bold: Sequence[int] = ()) -> FastRows:
    """Header at row `first`, then rows through exporters/sheets/fast_rows.py (styled cells one
    by one were most of the ledger's time); splice the returned rows after saving."""
    ws.append(header_cells(ws, columns))
    body = FastRows(ws, columns, first + 1)
    strong = body.variant(font=HEADER_FONT)
    bold_rows = set(bold)
    for n, values in enumerate(rows):
        body.add(values, height=row_height(values, widths),
                 styles=strong if n in bold_rows else None)
    return body


def _services_rows(services: Sequence[ServiceRecord]) -> tuple[list[list[Any]], list[int]]:
    """Month by month, a subtotal line after each month, a year line at the end."""
    rows: list[list[Any]] = []
    bold: list[int] = []
    months = sorted({s.day.month for s in services})
    for month in months:
        mine = [s for s in services if s.day.month == month]
        rows += [service_values(s) for s in mine]
        bold.append(len(rows))
        rows.append([f"{month}月小计", "", "", f"共 {len(mine)} 次", "",
                     sum(len(s.people) for s in mine), hours_text(sum(s.minutes for s in mine))])
    bold.append(len(rows))
    rows.append(["全年合计", "", "", f"共 {len(services)} 次", "",
                 sum(len(s.people) for s in services),
                 hours_text(sum(s.minutes for s in services))])
    return rows, bold


_NOT_IN_SHEET_NAMES = str.maketrans({ch: "＿" for ch in "[]:*?/\\"})


def sheet_name(name: str, taken: Sequence[str]) -> str:
    """A sheet title Excel accepts (no []:*?/\\, no quote at either end, at most 31
    characters), unique among taken."""
    base = name.translate(_NOT_IN_SHEET_NAMES).strip("'") or "服务队"
    title, n = base[:31], 1
    while title in taken:
        n += 1
        title = f"{base[:28]}({n})"
    return title


def _team_sheet(wb: Workbook, fig: YearFigures, team: TeamYear) -> FastRows:
    ws = wb.create_sheet(sheet_name(team.name, wb.sheetnames))
    services = [s for s in team.services if s.kind != TRAINING]
    rows, bold = _services_rows(services)
    widths = [c.width or 10 for c in SERVICES]
    setup_sheet(ws, SERVICES, widths, title=ledger_title(fig, team), landscape=True)
    ws.print_title_rows = "3:3"
    _title(ws, ledger_title(fig, team), len(SERVICES))
    t = team.team
    counts = "、".join(f"{m}月{team.month_counts.get(m, 0)}次" for m in range(1, 13))
    short = "；".join(team.month_reasons) or "各月均已达到"
    info = (f"负责人：{t.leader if t else ''}　办公地点：{t.office if t else ''}　"
            f"服务类别：{t.kind if t else ''}　最低要求：每月至少 {team.rule.team_per_month} 次。"
            f"每月服务次数：{counts}。{short}。")
    _line(ws, 2, info, len(SERVICES), 45)
    return _table(ws, SERVICES, widths, 3, rows, bold)


def _summary_sheet(wb: Workbook, fig: YearFigures) -> FastRows:
    ws = wb.create_sheet("年度汇总")
    rows = [member_values(t, m) for t in fig.teams for m in t.members]
    total_times = sum(m.times for t in fig.teams for m in t.members)
    total_minutes = sum(m.minutes for t in fig.teams for m in t.members)
    total_training = sum(m.training_times for t in fig.teams for m in t.members)
    rows.append(["合计", "", f"{len(rows)} 人", "", total_times, hours_text(total_minutes),
                 total_minutes, total_training, "", "", "", "", ""])
    widths = fit_widths(SUMMARY, rows)
    setup_sheet(ws, SUMMARY, widths, title=ledger_title(fig), landscape=True)
    _title(ws, ledger_title(fig), len(SUMMARY))
    return _table(ws, SUMMARY, widths, 2, rows, bold=[len(rows) - 1])


def export_ledger_xlsx(year: int, target: Path | str, team_id: int | None = None) -> YearFigures:
    """A write-only workbook: 年度汇总, a sheet per team, 培训 when there was any."""
    fig = year_figures(year, team_id)
    write_ledger_xlsx(fig, target)
    return fig


def write_ledger_xlsx(fig: YearFigures, target: Path | str) -> None:
    """The ledger of figures already read (the bench times this apart from the reading)."""
    wb = Workbook(write_only=True)
    sheets = [_summary_sheet(wb, fig)]
    for team in fig.teams:
        if team.team is not None:
            sheets.append(_team_sheet(wb, fig, team))
    training = [s for t in fig.teams for s in t.services if s.kind == TRAINING]
    if training:
        ws = wb.create_sheet("培训")
        rows, bold = _services_rows(sorted(training, key=lambda s: (s.day, s.id)))
        widths = [c.width or 10 for c in SERVICES]
        setup_sheet(ws, SERVICES, widths, title=f"{fig.year}年志愿者培训记录", landscape=True)
        _title(ws, f"{fig.year}年志愿者培训记录", len(SERVICES))
        sheets.append(_table(ws, SERVICES, widths, 2, rows, bold))
    with atomic_output(target) as tmp:
        wb.save(tmp)
        splice_all(Path(tmp), sheets)


def export_ledger_pdf(year: int, target: Path | str, team_id: int | None = None) -> YearFigures:
    fig = year_figures(year, team_id)
    fonts = font_set()
    s = o.make_styles(fonts)
    story: list = o.title_block(s, ledger_title(fig))
    for number, team in enumerate(fig.teams, 1):
        services = [x for x in team.services if x.kind != TRAINING]
        short = "；".join(team.month_reasons) or "各月均已达到每月最低服务次数"
        body = [o.text(f"全年服务 {len(services)} 次。{short}。", s.body)]
        if services:
            rows, bold = _services_rows(services)
            rows = [[r[0], r[3], r[4], r[6]] for r in rows]
            body += o.table_block(o.data_table(s, ["日期", "服务内容", "参加人员及时长",
                                                   "时长合计"], rows, [16, 22, 48, 16],
                                               align="CLLC", bold_rows=bold))
        people = [[m.volunteer.number, m.volunteer.name, str(m.times), hours_text(m.minutes),
                   str(m.training_times), check_text(m), m.grade] for m in team.members]
        if people:
            body += o.table_block(o.data_table(
                s, ["编号", "姓名", "次数", "时长", "培训", "达标情况", "考核"], people,
                [17, 12, 8, 15, 8, 32, 9], align="CCCCCLC"))
        story += o.keep_heading(o.heading(s, 1, number, team.name), body)
    with atomic_output(target) as tmp:
        o.build_pdf(story, tmp, fonts=fonts, title=ledger_title(fig))
    return fig
