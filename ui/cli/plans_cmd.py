"""`plans`: list the plans of a data file."""
from __future__ import annotations

import argparse
import json

from ui.cli.common import add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plans", help="列出活动方案")
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
