"""`backup`, `restore`, `check`: keep the data file safe from the command line."""
from __future__ import annotations

import argparse
from pathlib import Path

from models.datafile import backup as bk
from models.datafile.db import APPLICATION_ID, SCHEMA_VERSION, inspect_file
from models.datafile.health import check_file
from models.datafile.lock import check_location
from models.datafile.restore import restore_from
from ui.cli.common import CommandError, add_db_option, db_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="备份数据文件（默认存入数据文件旁的 backups 文件夹）")
    add_db_option(p)
    p.add_argument("--out", metavar="FILE", help="备份到指定文件（例如 U 盘上的文件）")
    p.set_defaults(func=run_backup)

    p = sub.add_parser("restore", help="从备份文件恢复数据（原数据先另存一份备份）")
    add_db_option(p)
    p.add_argument("--from", dest="source", metavar="FILE", required=True, help="备份文件")
    p.set_defaults(func=run_restore)

    p = sub.add_parser("check", help="检查数据文件：完整性、数据版本、各表行数")
    add_db_option(p)
    p.set_defaults(func=run_check)


def _existing_db(args: argparse.Namespace) -> Path:
    path = db_path(args)
    if path.exists() and not path.is_file():
        raise CommandError(f"“{path}”不是数据文件（它是文件夹或设备），未作任何改动。")
    if not path.is_file():
        raise CommandError(f"找不到数据文件“{path}”。")
    return path


def run_backup(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    # A damaged or foreign file would only copy its trouble: say so instead.
    app_id, _version = inspect_file(path)
    if app_id != APPLICATION_ID:
        raise CommandError(f"“{path.name}”不是本软件的数据文件，未备份。")
    info = bk.backup_to(path, Path(args.out)) if args.out else bk.backup_now(path)
    print(f"已备份到“{info.path}”（{bk.size_text(info.size)}）。")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = db_path(args)
    check_location(path)
    aside = restore_from(path, Path(args.source), command="restore")
    print(f"已从“{args.source}”恢复数据文件“{path}”。")
    if aside is not None:
        print(f"原来的数据另存为“{aside.path}”。")
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = _existing_db(args)
    report = check_file(path)
    note = "" if report.schema_version <= SCHEMA_VERSION else "（由更新版本的本软件写入）"
    print(f"数据文件：{path}")
    print(f"数据版本：{report.schema_version}{note}，本程序支持到 {SCHEMA_VERSION}")
    print("各表行数：")
    width = max((len(t) for t in report.counts), default=0)
    for table, n in report.counts.items():
        print(f"  {table:<{width}}  {n:>8}")
    if not report.ok:
        for line in report.problems[:20]:
            print(f"  {line}")
        raise CommandError("完整性检查未通过：数据文件已损坏。请用 restore 从备份恢复。")
    print("完整性检查：通过")
    return 0
