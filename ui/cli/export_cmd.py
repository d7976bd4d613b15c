"""`export KIND ...`: write a document from the data file: a plan PDF, and for an activity its
roster, sign-in sheet, blank sign-up form and attendance summary (each .xlsx or .pdf, by the
file's extension).

To add a kind, write a function that adds its parser (its own options, set_defaults(func=...))
and put it in KINDS; `export --help` lists them in that order.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli import volunteers_cmd
from ui.cli.common import RECORD_NUMBER, add_db_option, open_db
from ui.cli.feedback_cmd import EXPORT_KINDS as FEEDBACK_KINDS
from ui.cli.relief_cmd import EXPORT_KINDS as RELIEF_KINDS

if TYPE_CHECKING:
    from exporters.contests.results import Posting
    from models.plans.records import PlanRecord


def _add_plan(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("plan", help="活动方案或通知，按公文格式导出为 PDF 或 Word 文档，"
                                      "或导出为方案文件")
    add_db_option(p)
    p.add_argument("--id", type=RECORD_NUMBER, required=True, metavar="N",
                   help="方案编号（见 plans 子命令）")
    p.add_argument("--format", choices=("pdf", "docx", "json"), default="pdf",
                   help="pdf：公文格式 PDF（默认）；docx：Word 文档（Word、WPS 可编辑）；"
                        "json：方案文件，可用 plans import 导入")
    p.add_argument("--out", required=True, metavar="F.pdf", help="保存到的文件")
    p.set_defaults(func=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from exporters.plans.pdf import export_plan_pdf
    from models.plans.service import load_plan

    _suffix(args, (f".{args.format}",))
    open_db(args, create=False)
    from models.plans.checks import print_warnings

    rec = load_plan(args.id)
    if args.format == "json":
        return _write_plan_file(rec, Path(args.out))
    for warning in print_warnings(rec):
        print(f"注意：{warning}", file=sys.stderr)  # exported anyway, as asked
    if args.format == "docx":
        from exporters.plans.docx import export_plan_docx

        path = export_plan_docx(rec, Path(args.out))
    else:
        path = export_plan_pdf(rec, Path(args.out))
    print(f"已导出：{path}")
    return 0


def _write_plan_file(rec: PlanRecord, out: Path) -> int:
    from exporters.atomic import atomic_output
    from models.plans.file_format import plan_file_text

    text = plan_file_text(rec)
    with atomic_output(out) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    print(f"已导出：{out}")
    return 0


ORDER_CHOICES = {"strokes": "strokes", "signup": "position"}


def _activity_parser(kinds: argparse._SubParsersAction, name: str, help_text: str,
                     out_help: str, func: Callable[[argparse.Namespace], int],
                     order_default: str) -> argparse.ArgumentParser:
    p = kinds.add_parser(name, help=help_text)
    add_db_option(p)
    p.add_argument("--activity", type=RECORD_NUMBER, required=True, metavar="N",
                   help="活动（方案）编号（见 plans 子命令）")
    p.add_argument("--out", required=True, metavar=out_help, help="保存到的文件")
    p.add_argument("--order", choices=list(ORDER_CHOICES), default=order_default,
                   help="名单顺序：strokes 按姓氏笔画，signup 按报名先后（默认 %(default)s）")
    p.add_argument("--masked", action="store_true",
                   help="对外版本：姓名也隐去部分；报名名册另隐去身份证号和电话的中间部分，"
                        "并略去年龄、房号和备注（签到表的联系电话总是隐去中间四位）")
    p.set_defaults(func=func)
    return p


def _suffix(args: argparse.Namespace, allowed: tuple[str, ...]) -> str:
    from exporters.atomic import check_target
    from ui.cli.common import CommandError

    suffix = Path(args.out).suffix.lower()
    if suffix not in allowed:
        raise CommandError(f"无法导出为“{Path(args.out).name}”：请用 {' 或 '.join(allowed)} 文件。")
    check_target(Path(args.out))  # before the document is built (a half-built sheet complains)
    return suffix


def _add_roster(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "roster", "活动报名名册（Excel 或 PDF，完整信息，供办公室留存）",
                     "F.xlsx|F.pdf", run_roster, "signup")


def _add_signin(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "signin", "签到表（Excel 或 PDF，电话隐去中间四位，末尾留空行）",
                     "F.xlsx|F.pdf", run_signin, "strokes")


def _add_form(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "signup-form", "空白报名表（Excel 带下拉选项，或 PDF 供手填）",
                     "F.xlsx|F.pdf", run_form, "signup")


def _add_attendance(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "attendance",
                     "出勤统计（Excel 或 PDF：报名、签到、未到率，按年龄段、性别、楼栋）",
                     "F.xlsx|F.pdf", run_attendance, "signup")


def run_roster(args: argparse.Namespace) -> int:
    from exporters.signups.sheets import export_roster

    suffix = _suffix(args, (".xlsx", ".pdf"))
    open_db(args, create=False)
    if suffix == ".pdf":
        from exporters.signups.sheet_pdfs import export_roster_pdf

        pages = export_roster_pdf(args.activity, Path(args.out), order=ORDER_CHOICES[args.order],
                                  masked=args.masked)
        print(f"已导出报名名册（PDF，{pages} 页）：{args.out}")
        return 0
    n = export_roster(args.activity, Path(args.out), order=ORDER_CHOICES[args.order],
                      masked=args.masked)
    print(f"已导出报名名册（{n} 人）：{args.out}")
    return 0


def run_signin(args: argparse.Namespace) -> int:
    suffix = _suffix(args, (".xlsx", ".pdf"))
    open_db(args, create=False)
    order = ORDER_CHOICES[args.order]
    if suffix == ".pdf":
        from exporters.signups.signin_pdf import export_signin_pdf

        pages = export_signin_pdf(args.activity, Path(args.out), order=order, masked=args.masked)
        print(f"已导出签到表（PDF，{pages} 页）：{args.out}")
    else:
        from exporters.signups.sheets import export_signin_xlsx

        n = export_signin_xlsx(args.activity, Path(args.out), order=order, masked=args.masked)
        print(f"已导出签到表（{n} 人，另留空行供现场登记）：{args.out}")
    return 0


def run_form(args: argparse.Namespace) -> int:
    from exporters.signups.sheets import export_signup_form

    suffix = _suffix(args, (".xlsx", ".pdf"))
    open_db(args, create=False)
    if suffix == ".pdf":
        from exporters.signups.sheet_pdfs import export_form_pdf

        pages = export_form_pdf(args.activity, Path(args.out))
        print(f"已导出空白报名表（PDF，{pages} 页）：{args.out}")
        return 0
    n = export_signup_form(args.activity, Path(args.out))
    print(f"已导出空白报名表（{n} 行）：{args.out}")
    return 0


def run_attendance(args: argparse.Namespace) -> int:
    from exporters.signups.sheets import export_attendance

    suffix = _suffix(args, (".xlsx", ".pdf"))
    open_db(args, create=False)
    if suffix == ".pdf":
        from exporters.signups.sheet_pdfs import export_attendance_pdf

        pages = export_attendance_pdf(args.activity, Path(args.out))
        print(f"已导出出勤统计（PDF，{pages} 页）：{args.out}")
        return 0
    fig = export_attendance(args.activity, Path(args.out))
    print(f"已导出出勤统计（报名 {fig.registered} 人，签到 {fig.attended} 人）：{args.out}")
    return 0


def _add_score_sheet(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("score-sheet", help="评委评分表（Excel 或 PDF：作品编号、作品名称、"
                                             "空白得分栏、评委签名）")
    add_db_option(p)
    p.add_argument("--contest", type=RECORD_NUMBER, required=True, metavar="N",
                   help="评比编号（见 contests 子命令）")
    p.add_argument("--judge", type=RECORD_NUMBER, metavar="J",
                   help="只导出这位评委的评分表（评委编号见 contests --json）；默认每位评委一份")
    p.add_argument("--out", required=True, metavar="S.xlsx|S.pdf", help="保存到的文件")
    p.set_defaults(func=run_score_sheet)


def run_score_sheet(args: argparse.Namespace) -> int:
    from exporters.contests.score_sheet import export_score_sheet_pdf, export_score_sheet_xlsx

    suffix = _suffix(args, (".xlsx", ".pdf"))
    open_db(args, create=False)
    if suffix == ".pdf":
        pages = export_score_sheet_pdf(args.contest, Path(args.out), args.judge)
        print(f"已导出评分表（PDF，{pages} 页）：{args.out}")
    else:
        n = export_score_sheet_xlsx(args.contest, Path(args.out), args.judge)
        print(f"已导出评分表（{n} 位评委各一张工作表）：{args.out}")
    return 0


def _add_contest_results(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("contest-results", help="评选结果公示（PDF 或 Excel，姓名隐去部分）")
    add_db_option(p)
    p.add_argument("--contest", type=RECORD_NUMBER, required=True, metavar="N",
                   help="评比编号（见 contests 子命令）")
    p.add_argument("--out", required=True, metavar="R.pdf|R.xlsx", help="保存到的文件")
    _add_posting(p)
    p.set_defaults(func=run_contest_results)


def _add_posting(p: argparse.ArgumentParser) -> None:
    from ui.cli.common import whole_number

    p.add_argument("--start", metavar="YYYY-MM-DD", help="公示开始日期（默认今天）")
    p.add_argument("--days", type=whole_number(7, 60), default=7, metavar="N",
                   help="公示天数（至少 7 天，默认 %(default)s 天）")
    p.add_argument("--contact", default="", metavar="TEXT",
                   help="受理异议的地点或电话，如“社区办公室，电话 0571-88123456”")


def _posting(args: argparse.Namespace) -> Posting:
    from datetime import date

    from exporters.contests.results import Posting
    from ui.cli.common import CommandError

    try:
        start = date.fromisoformat(args.start) if args.start else date.today()
    except ValueError:
        raise CommandError(f"公示开始日期“{args.start}”看不懂，请写成 2026-10-25 这样。") from None
    return Posting(start, args.days, args.contact.strip())


def run_contest_results(args: argparse.Namespace) -> int:
    from exporters.contests.results import export_results_pdf, export_results_xlsx

    suffix = _suffix(args, (".pdf", ".xlsx"))
    posting = _posting(args)
    open_db(args, create=False)
    if suffix == ".pdf":
        pages = export_results_pdf(args.contest, Path(args.out), posting)
        print(f"已导出评选结果公示（PDF，{pages} 页）：{args.out}")
    else:
        n = export_results_xlsx(args.contest, Path(args.out), posting)
        print(f"已导出评选结果公示（获奖 {n} 件）：{args.out}")
    return 0


def _add_honour_roll(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("honour-roll", help="表彰名单公示（PDF，姓名隐去部分，按姓氏笔画排序）")
    add_db_option(p)
    p.add_argument("--honour", type=RECORD_NUMBER, required=True, metavar="N",
                   help="表彰编号（见 honours 子命令）")
    p.add_argument("--out", required=True, metavar="R.pdf", help="保存到的 PDF 文件")
    _add_posting(p)
    p.set_defaults(func=run_honour_roll)


def run_honour_roll(args: argparse.Namespace) -> int:
    from exporters.contests.honour_roll import export_honour_roll_pdf

    _suffix(args, (".pdf",))
    posting = _posting(args)
    open_db(args, create=False)
    pages = export_honour_roll_pdf(args.honour, Path(args.out), posting)
    print(f"已导出表彰名单公示（PDF，{pages} 页）：{args.out}")
    return 0


def _add_certificates(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("certificates", help="获奖证书或荣誉证书（PDF，一页一张，编号记入"
                                              "证书发放登记，重印沿用原编号），另存发放登记表")
    add_db_option(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--contest", type=RECORD_NUMBER, metavar="N",
                       help="评比编号：每个获奖作品一张")
    which.add_argument("--honour", type=RECORD_NUMBER, metavar="N",
                       help="表彰编号（见 honours 子命令）：每位审核通过的人一张")
    p.add_argument("--out", required=True, metavar="C.pdf", help="保存到的 PDF 文件")
    p.add_argument("--paper", default="A4横",
                   help="纸张：A4横（默认）、A5横，或毫米尺寸如 260x185")
    p.add_argument("--text-only", action="store_true",
                   help="只印文字，套印在预先印好的证书纸上")
    p.add_argument("--offset-x", type=float, default=0.0, metavar="MM", help="整体右移毫米数")
    p.add_argument("--offset-y", type=float, default=0.0, metavar="MM", help="整体下移毫米数")
    p.add_argument("--test-page", action="store_true",
                   help="第一页加印毫米网格校准页（文字按偏移印在网格上）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="落款日期（默认今天）")
    p.add_argument("--issued-by", default="", metavar="NAME", help="经办人（记入证书发放登记）")
    p.set_defaults(func=run_certificates)


def _paper(text: str) -> str | tuple[float, float]:
    from ui.cli.common import CommandError

    cleaned = text.strip().lower().replace("×", "x").replace("*", "x")
    if "x" not in cleaned:
        return text.strip()
    try:
        w, h = (float(v) for v in cleaned.split("x"))
    except ValueError:
        raise CommandError(f"纸张尺寸“{text}”看不懂，请写成 260x185（毫米）。") from None
    return (w, h)


def run_certificates(args: argparse.Namespace) -> int:
    from datetime import date

    from exporters.contests.certificates import (
        FULL,
        TEXT_ONLY,
        Layout,
        certificate_register,
        contest_drafts,
        honour_drafts,
        print_certificates,
    )
    from models.contests.register import list_certificates
    from ui.cli.common import CommandError

    _suffix(args, (".pdf",))
    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        raise CommandError(f"日期“{args.date}”看不懂，请写成 2026-10-25 这样。") from None
    layout = Layout(_paper(args.paper), TEXT_ONLY if args.text_only else FULL, args.offset_x,
                    args.offset_y)
    layout.size_mm()  # a bad paper is refused before the file is read
    open_db(args, create=False)
    drafts = (contest_drafts(args.contest, day) if args.contest is not None
              else honour_drafts(args.honour, day))
    out = Path(args.out)
    pages, issued = print_certificates(drafts, out, layout, day, args.issued_by,
                                       test_page=args.test_page)
    register = out.with_name(out.stem + "_发放登记表.xlsx")
    certificate_register(list_certificates(args.contest, args.honour), register,
                         f"{issued[0].kind}发放登记表")
    again = sum(1 for c in issued if c.printed > 1)
    note = f"（其中 {again} 张为重印，沿用原编号）" if again else ""
    print(f"已导出证书 {len(issued)} 张{note}（PDF，{pages} 页）：{out}")
    print(f"证书发放登记表：{register}")
    return 0


def _add_certificate_register(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("certificate-register", help="证书发放登记表（Excel：编号、姓名、"
                                                      "内容、日期、经办人、领取人签名栏）")
    add_db_option(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--contest", type=RECORD_NUMBER, metavar="N", help="只列这项评比的证书")
    which.add_argument("--honour", type=RECORD_NUMBER, metavar="N", help="只列这个表彰的证书")
    p.add_argument("--out", required=True, metavar="R.xlsx", help="保存到的 Excel 文件")
    p.set_defaults(func=run_certificate_register)


def run_certificate_register(args: argparse.Namespace) -> int:
    from exporters.contests.certificates import certificate_register
    from models.contests.register import list_certificates

    _suffix(args, (".xlsx",))
    open_db(args, create=False)
    n = certificate_register(list_certificates(args.contest, args.honour), Path(args.out))
    print(f"已导出证书发放登记表（{n} 张）：{args.out}")
    return 0


# kind -> function that registers its parser under `export`.
KINDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "plan": _add_plan,
    "roster": _add_roster,
    "signin": _add_signin,
    "signup-form": _add_form,
    "attendance": _add_attendance,
    "score-sheet": _add_score_sheet,
    "contest-results": _add_contest_results,
    "certificates": _add_certificates,
    "volunteer-ledger": volunteers_cmd.add_ledger,
    "volunteer-form": volunteers_cmd.add_form,
    "service-certificate": volunteers_cmd.add_certificate,
    **FEEDBACK_KINDS,
    "honour-roll": _add_honour_roll,
    "certificate-register": _add_certificate_register,
    **RELIEF_KINDS,
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出文件（活动方案 PDF、报名名册、签到表、报名表等）")
    add_db_option(p)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True,
                             title="导出的种类")
    for add in KINDS.values():
        add(kinds)
