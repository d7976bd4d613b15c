"""`cleanup`: remove the personal details of sign-ups for activities over N years ago, keeping
the counts (models/signups/retention.py). Without --yes it only says what it would do."""
from __future__ import annotations

import argparse

from ui.cli.common import CommandError, add_db_option, db_path, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cleanup", help="清理 N 年前活动报名中的个人信息（人数保留）")
    add_db_option(p)
    p.add_argument("--years", type=int, required=True, metavar="N",
                   help="清理 N 年前（N≥1）结束的活动的报名")
    p.add_argument("--yes", action="store_true",
                   help="确认清理；不加此项只显示将清理多少条，不作任何改动")
    p.set_defaults(func=run_cleanup)


def run_cleanup(args: argparse.Namespace) -> int:
    from models.signups.retention import cleanup_personal_data, preview_cleanup

    if not db_path(args).is_file():
        raise CommandError(f"找不到数据文件“{db_path(args)}”。")
    open_db(args, create=False, write="cleanup" if args.yes else "")
    preview = preview_cleanup(args.years)
    print(preview.text())
    if not preview.signups:
        return 0
    if not args.yes:
        print("未作任何改动。确认清理请加上 --yes（清理前会自动备份）。")
        return 0
    print(cleanup_personal_data(args.years).text())
    return 0
