"""社区活动助手 — start here.

    python main.py [--db FILE]                 open the window
    python main.py SUBCOMMAND --db FILE ...    work without a window (see --help)

Bootstrap only: parse the command line (one argparse parser: the window's options and every
ui/cli command), then hand over to ui.app (the window) or to the chosen command (ui.cli, which
never imports Qt). Command modules keep their heavy imports inside the functions that run them,
so building the parser costs little. The cyclic garbage collector is off while the window starts
(ui.app turns it back on after the first paint): start-up makes tens of thousands of long-lived
objects (modules, classes, Qt wrappers) that it would otherwise scan again and again, for nothing.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys

# Every ui/cli/*_cmd.py registers its own subcommands. Listed, not found on disk: a one-folder
# build keeps its modules in an archive, with no .py files to look for (tests/test_packaging.py
# checks that the list names every *_cmd.py). --help lists them in this (name) order.
CLI_MODULES = (
    "ui.cli.backup_cmd",
    "ui.cli.cleanup_cmd",
    "ui.cli.contests_cmd",
    "ui.cli.demo_cmd",
    "ui.cli.export_cmd",
    "ui.cli.feedback_cmd",
    "ui.cli.plans_cmd",
    "ui.cli.relief_cmd",
    "ui.cli.residents_cmd",
    "ui.cli.signups_cmd",
    "ui.cli.volunteers_cmd",
)


def cli_modules() -> list[str]:
    return list(CLI_MODULES)


def build_parser() -> argparse.ArgumentParser:
    from ui.cli.common import add_db_option, use_chinese_argparse

    use_chinese_argparse()
    # prog: argparse's default, the name it was started by (main.py, community-activity-assistant).
    parser = argparse.ArgumentParser(
        description="社区活动助手：活动方案、居民、报名签到与台账（离线）。不带子命令时打开窗口。",
    )
    add_db_option(parser)
    _add_window_options(parser)
    from resources import app_version

    parser.add_argument("--version", action="version", version=f"社区活动助手 {app_version()}",
                        help="显示版本号后退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令")
    for name in cli_modules():
        importlib.import_module(name).register(sub)
    return parser


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--screenshot", metavar="PNG", help="打开主窗口，绘制完成后保存截图并退出")
    from ui.cli.common import RECORD_NUMBER  # already imported by whoever builds a parser

    parser.add_argument("--open-plan", metavar="N", type=RECORD_NUMBER,
                        help="启动时打开编号为 N 的方案")
    parser.add_argument("--tab", metavar="NAME", help="启动时切换到指定标签页（用于截图）")
    parser.add_argument("--search", metavar="TEXT", help="启动时在居民搜索框中填入文字（用于截图）")


def main(argv: list[str] | None = None) -> int:
    # A Chinese Windows console may not be UTF-8: never die on a character it cannot show.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    if args.command is not None:
        return run_command(args)
    collecting = gc.isenabled()
    gc.disable()  # start-up only: see the module docstring
    try:
        from ui.app import run_gui

        return run_gui(args)
    finally:
        if collecting:
            gc.enable()


def run_command(args: argparse.Namespace) -> int:
    from models.common.errors import UserError
    from models.datafile.db import close_database

    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` or `more` that stopped reading: the work is done, say no more.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's flush quiet
        return 0
    except Exception as exc:
        # A fault of the disk or the file (read-only, full, in use) is told in words, not as a
        # traceback (models.datafile.faults); anything else is a bug and shows as one.
        from models.datafile.faults import as_user_error
        from ui.cli.common import db_path

        error = as_user_error(exc, db_path(args))
        if error is None:
            raise
        print(f"错误：{error}", file=sys.stderr)
        return 2
    finally:
        close_database()
        from ui.cli.common import release_locks

        release_locks()


if __name__ == "__main__":
    sys.exit(main())
