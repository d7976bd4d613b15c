"""`export KIND ...`: write a document from the data file (plan PDF now; roster, sign-in sheet and
sign-up form later).

To add a kind, write a function that adds its parser (its own options, set_defaults(func=...))
and put it in KINDS; `export --help` lists them in that order.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ui.cli.common import add_db_option, open_db


def _add_plan(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser("plan", help="活动方案或通知，按公文格式导出为 PDF")
    add_db_option(p)
    p.add_argument("--id", type=int, required=True, metavar="N", help="方案编号（见 plans 子命令）")
    p.add_argument("--out", required=True, metavar="F.pdf", help="保存到的 PDF 文件")
    p.set_defaults(func=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from exporters.plan_pdf import export_plan_pdf
    from models.plans import load_plan

    open_db(args, create=False)
    rec = load_plan(args.id)
    path = export_plan_pdf(rec, Path(args.out))
    print(f"已导出：{path}")
    return 0


# kind -> function that registers its parser under `export`.
KINDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "plan": _add_plan,
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出文件（活动方案 PDF 等）")
    add_db_option(p)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True,
                             title="导出的种类")
    for add in KINDS.values():
        add(kinds)
