"""`export KIND ...`: write a document from the data file: a plan PDF, and for an activity its
roster, sign-in sheet (xlsx or pdf), blank sign-up form and attendance summary.

To add a kind, write a function that adds its parser (its own options, set_defaults(func=...))
and put it in KINDS; `export --help` lists them in that order.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.common import RECORD_NUMBER, add_db_option, open_db

if TYPE_CHECKING:
    from models.plans.records import PlanRecord


def _add_plan(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("plan", help="活动方案或通知，按公文格式导出为 PDF，或导出为方案文件")
    add_db_option(p)
    p.add_argument("--id", type=RECORD_NUMBER, required=True, metavar="N",
                   help="方案编号（见 plans 子命令）")
    p.add_argument("--format", choices=("pdf", "json"), default="pdf",
                   help="pdf：公文格式 PDF（默认）；json：方案文件，可用 plans import 导入")
    p.add_argument("--out", required=True, metavar="F.pdf", help="保存到的文件")
    p.set_defaults(func=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from exporters.plans.pdf import export_plan_pdf
    from models.plans.service import load_plan

    _suffix(args, (".json",) if args.format == "json" else (".pdf",))
    open_db(args, create=False)
    from models.plans.checks import print_warnings

    rec = load_plan(args.id)
    if args.format == "json":
        return _write_plan_file(rec, Path(args.out))
    for warning in print_warnings(rec):
        print(f"注意：{warning}", file=sys.stderr)  # exported anyway, as asked
    path = export_plan_pdf(rec, Path(args.out))
    print(f"已导出：{path}")
    return 0


def _write_plan_file(rec: PlanRecord, out: Path) -> int:
    from exporters.atomic import atomic_output
    from models.plans.plan_file import plan_file_text

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
    _activity_parser(kinds, "roster", "活动报名名册（Excel，完整信息，供办公室留存）", "F.xlsx",
                     run_roster, "signup")


def _add_signin(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "signin", "签到表（Excel 或 PDF，电话隐去中间四位，末尾留空行）",
                     "F.xlsx|F.pdf", run_signin, "strokes")


def _add_form(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "signup-form", "空白报名表（Excel，带下拉选项）", "F.xlsx",
                     run_form, "signup")


def _add_attendance(kinds: argparse._SubParsersAction) -> None:
    _activity_parser(kinds, "attendance",
                     "出勤统计（Excel：报名、签到、未到率，按年龄段、性别、楼栋）",
                     "F.xlsx", run_attendance, "signup")


def run_roster(args: argparse.Namespace) -> int:
    from exporters.signups.sheets import export_roster

    _suffix(args, (".xlsx",))
    open_db(args, create=False)
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

    _suffix(args, (".xlsx",))
    open_db(args, create=False)
    n = export_signup_form(args.activity, Path(args.out))
    print(f"已导出空白报名表（{n} 行）：{args.out}")
    return 0


def run_attendance(args: argparse.Namespace) -> int:
    from exporters.signups.sheets import export_attendance

    _suffix(args, (".xlsx",))
    open_db(args, create=False)
    fig = export_attendance(args.activity, Path(args.out))
    print(f"已导出出勤统计（报名 {fig.registered} 人，签到 {fig.attended} 人）：{args.out}")
    return 0


# kind -> function that registers its parser under `export`.
KINDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "plan": _add_plan,
    "roster": _add_roster,
    "signin": _add_signin,
    "signup-form": _add_form,
    "attendance": _add_attendance,
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出文件（活动方案 PDF、报名名册、签到表、报名表等）")
    add_db_option(p)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True,
                             title="导出的种类")
    for add in KINDS.values():
        add(kinds)
