"""`volunteers --db F [--year Y] [--team N] [--json]`: every volunteer's times and hours in the
year against the minimum; `volunteers-import --file X.xlsx [--dry-run]`;
`volunteer-assess --volunteer N --year Y --grade G [--note T]`: the yearly assessment; and the
volunteers' export kinds (registered under `export` by ui/cli/export_cmd.py): volunteer-ledger,
volunteer-form, service-certificate."""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ui.cli.common import CommandError, add_db_option, open_db, whole_number

YEAR = whole_number(2000, 2100)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("volunteers",
                       help="列出志愿者：本年服务次数、时长与最低要求（是否达到、差多少）")
    add_db_option(p)
    p.add_argument("--year", type=YEAR, metavar="Y", help="年份（默认今年）")
    p.add_argument("--team", metavar="N", help="只列出这个服务队（编号或队名）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（每位志愿者一个对象）")
    p.set_defaults(func=run_volunteers)
    i = sub.add_parser("volunteers-import",
                       help="从 Excel 或 CSV 导入志愿者名单（与居民导入同样的检查；逐行报告）")
    add_db_option(i)
    i.add_argument("--file", required=True, metavar="X.xlsx", help="志愿者名单文件")
    i.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据文件")
    i.set_defaults(func=run_import)
    a = sub.add_parser("volunteer-assess",
                       help="记录志愿者年度考核等次（优秀、合格、不合格或本单位的等次）；再记一次即改")
    add_db_option(a)
    a.add_argument("--volunteer", required=True, metavar="N", help="志愿者编号（如 ZY20250001）")
    a.add_argument("--year", type=YEAR, required=True, metavar="Y", help="考核年度")
    a.add_argument("--grade", required=True, metavar="等次", help="考核等次，如 优秀")
    a.add_argument("--note", default="", metavar="评语", help="评语（可不填）")
    a.set_defaults(func=run_assess)


def run_assess(args: argparse.Namespace) -> int:
    from models.volunteers.service import find_volunteer, set_assessment

    open_db(args, create=False, write="volunteer-assess")
    v = find_volunteer(args.volunteer)
    set_assessment(v.id, args.year, args.grade, args.note)
    print(f"已记录 {v.name}（{v.number}）{args.year} 年考核：{' '.join(args.grade.split())}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from models.volunteers.imports import IMPORTED, import_volunteers

    open_db(args, create=False, write="" if args.dry_run else "volunteers-import")
    report = import_volunteers(args.file, dry_run=args.dry_run)
    for r in report.rows:
        notes = f"（{'；'.join(r.notes)}）" if r.notes else ""
        print(f"{r.where}  {r.name:<6}  {r.outcome}  {r.reason}{notes}")
    for team in report.new_teams:
        print(f"新建服务队：{team}")
    done = report.count(IMPORTED)
    word = "可导入" if args.dry_run else "已导入"
    print(f"{word} {done} 人，共 {len(report.rows)} 行。" + ("（未写入）" if args.dry_run else ""))
    return 0 if done else 2


def _team_id(text: str | None) -> int | None:
    from models.volunteers.service import find_team

    return find_team(text).id if text else None


def volunteer_objects(year: int, team_id: int | None = None) -> list[dict[str, object]]:
    from models.volunteers.ledger import year_figures
    from models.volunteers.rules import hours_text

    fig = year_figures(year, team_id)
    return [{
        "id": m.volunteer.id, "number": m.volunteer.number, "name": m.volunteer.name,
        "team": t.name if t.team else None, "status": m.volunteer.status,
        "times": m.times, "minutes": m.minutes, "hours": hours_text(m.minutes),
        "training": m.training_times, "required": m.check.owed, "measure": m.check.measure,
        "meets_minimum": m.check.met, "on_course": m.check.met or not m.check.reason,
        "reason": m.check.reason, "eligibility": m.eligibility, "stars": m.stars,
        "grade": m.grade or None,
    } for t in fig.teams for m in t.members]


def run_volunteers(args: argparse.Namespace) -> int:
    from models.volunteers.ledger import year_figures
    from models.volunteers.rules import hours_text

    year = args.year or date.today().year
    open_db(args, create=False)
    team_id = _team_id(args.team)
    if args.json:
        print(json.dumps(volunteer_objects(year, team_id), ensure_ascii=False, indent=1))
        return 0
    fig = year_figures(year, team_id)
    if not any(t.members for t in fig.teams):
        print("没有志愿者。")
    for t in fig.teams:
        short = "；".join(t.month_reasons) or "各月均已达到"
        print(f"{t.name}（{len(t.members)} 人）  每月至少 {t.rule.team_per_month} 次：{short}")
        for m in t.members:
            state = "已达到" if m.check.met else (m.check.reason or "进行中，照目前进度可达到")
            if m.eligibility:
                state += f"；不符合入队条件：{m.eligibility}"
            print(f"  {m.volunteer.number}  {m.volunteer.name:<6}  {m.volunteer.status}  "
                  f"{m.times:>3} 次  {hours_text(m.minutes):>10}  {state}")
    return 0


# --- export kinds --------------------------------------------------------------------------------

def _suffix(out: str, allowed: tuple[str, ...]) -> str:
    from exporters.atomic import check_target

    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        raise CommandError(f"无法导出为“{Path(out).name}”：请用 {' 或 '.join(allowed)} 文件。")
    check_target(Path(out))
    return suffix


def add_ledger(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("volunteer-ledger",
                         help="志愿服务台帐（Excel：年度汇总、每队一页、培训；或 PDF 供检查存档）")
    add_db_option(p)
    p.add_argument("--year", type=YEAR, required=True, metavar="Y", help="年份")
    p.add_argument("--team", metavar="N", help="只导出这个服务队（编号或队名）")
    p.add_argument("--out", required=True, metavar="L.xlsx|L.pdf", help="保存到的文件")
    p.set_defaults(func=run_ledger)


def run_ledger(args: argparse.Namespace) -> int:
    from exporters.volunteers.ledger import export_ledger_pdf, export_ledger_xlsx

    suffix = _suffix(args.out, (".xlsx", ".pdf"))
    open_db(args, create=False)
    export = export_ledger_pdf if suffix == ".pdf" else export_ledger_xlsx
    fig = export(args.year, Path(args.out), _team_id(args.team))
    people = sum(len(t.members) for t in fig.teams)
    print(f"已导出 {args.year} 年志愿服务台帐（{len(fig.teams)} 个服务队，{people} 人）："
          f"{args.out}")
    return 0


def add_form(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("volunteer-form",
                         help="党员志愿者登记表（A4，PDF 或 Excel）：空白，或填好某位志愿者")
    add_db_option(p)
    p.add_argument("--volunteer", metavar="N", help="志愿者编号（如 ZY20250001）；不给则为空白表")
    p.add_argument("--out", required=True, metavar="F.pdf|F.xlsx", help="保存到的文件")
    p.set_defaults(func=run_form)


def run_form(args: argparse.Namespace) -> int:
    from exporters.volunteers.form import export_form_pdf, export_form_xlsx
    from models.volunteers.service import find_volunteer, list_teams

    suffix = _suffix(args.out, (".pdf", ".xlsx"))
    open_db(args, create=False)
    v = find_volunteer(args.volunteer) if args.volunteer else None
    kinds = [t.kind for t in list_teams() if t.kind]
    (export_form_pdf if suffix == ".pdf" else export_form_xlsx)(Path(args.out), v, kinds)
    print(f"已导出{'“' + v.name + '”的' if v else '空白'}登记表：{args.out}")
    return 0


def add_certificate(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("service-certificate",
                         help="志愿服务记录证明（A4 PDF，编号记入证明出具登记）")
    add_db_option(p)
    p.add_argument("--volunteer", required=True, metavar="N", help="志愿者编号（如 ZY20250001）")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="起始日期（默认入队日期）")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="截止日期（默认今天）")
    p.add_argument("--issuer", default="社区居民委员会", help="出具单位（默认 %(default)s）")
    p.add_argument("--person-in-charge", default="", help="负责人")
    p.add_argument("--handler", default="", help="经办人")
    p.add_argument("--contact", default="", help="联系电话")
    p.add_argument("--notes", default="", help="备注")
    p.add_argument("--out", required=True, metavar="C.pdf", help="保存到的 PDF 文件")
    p.set_defaults(func=run_certificate)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    from models.common.parsers import parse_date

    parsed = parse_date(text)
    if not parsed.ok or parsed.value is None or parsed.partial:
        raise CommandError(f"日期“{text}”看不懂，请写成 2026-10-25 这样。")
    value = parsed.value
    assert isinstance(value, date)
    return value


def run_certificate(args: argparse.Namespace) -> int:
    from exporters.volunteers.certificate import export_certificates_pdf
    from models.volunteers.certificates import Issuer, issue_certificate
    from models.volunteers.rules import hours_text
    from models.volunteers.service import find_volunteer

    _suffix(args.out, (".pdf",))
    start, end = _day(args.start), _day(args.end)
    open_db(args, create=False, write="export service-certificate")
    v = find_volunteer(args.volunteer)
    cert = issue_certificate(v.id, start, end, Issuer(args.issuer, args.person_in_charge,
                                                      args.handler, args.contact),
                             notes=args.notes)
    export_certificates_pdf([cert], Path(args.out))
    print(f"已出具志愿服务记录证明 {cert.number}：{v.name}，{cert.start:%Y-%m-%d} 至 "
          f"{cert.end:%Y-%m-%d}，服务 {cert.services} 次，{hours_text(cert.minutes)}：{args.out}")
    return 0
