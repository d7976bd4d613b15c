"""`plans`: list the plans of a data file."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ui.cli.common import add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plans", help="列出活动方案；plans import F.json 导入方案文件")
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("action", nargs="?", choices=("import",), help="import：导入方案文件")
    p.add_argument("file", nargs="?", metavar="F.json",
                   help="方案文件（由 export plan --format json 导出）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "import":
        return run_import(args)
    from models.plans.service import list_plans

    open_db(args, create=False)
    plans = list_plans()
    if args.json:
        out = [
            {
                "id": p.id,
                "title": p.title,
                "category": p.category,
                "status": p.status,
                "start": p.start.isoformat(timespec="minutes") if p.start else None,
            }
            for p in plans
        ]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for p in plans:
        start = p.start.strftime("%Y-%m-%d %H:%M") if p.start else "（未定）"
        print(f"{p.id:>5}  {start:<16}  {p.status:<4}  {p.category:<8}  {p.title}")
    print(f"共 {len(plans)} 个方案")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Save the plan of a plan file as a new plan; prints its id."""
    from models.common.errors import UserError
    from models.plans.file_format import read_plan_file
    from models.plans.service import save_plan

    if not args.file:
        raise UserError("请给出要导入的方案文件，如：plans import 方案.json --db 数据文件")
    rec = read_plan_file(Path(args.file))  # read before the data file is touched
    open_db(args, write="plans import")
    plan_id = save_plan(rec)
    print(plan_id)
    return 0
