"""社区活动助手 — start here.

    python main.py [--db FILE]                 open the window
    python main.py SUBCOMMAND --db FILE ...    work without a window (see --help)

Bootstrap only: parse the command line, then hand over to ui.app (the window) or to one of the
ui.cli modules (commands, which never import Qt).

Start-up speed: opening the window must not pay for importing every command module (and what they
import) just to register subcommands nobody asked for. So the window's own options are read first
by a small parser (gui_args); only when anything else is on the line (a subcommand, --help, a
mistake) is the full parser built, which then parses the whole line exactly as before. The
everyday line (no options, or window options written in full) is read without argparse at all
(quick_window_args; argparse reads anything unusual). And the
cyclic garbage collector is off while the window starts (ui.app turns it back on after the first
paint): start-up makes tens of thousands of long-lived objects (modules, classes, Qt wrappers)
that it would otherwise scan again and again, for nothing.
"""
from __future__ import annotations

import gc
import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


# Every ui/cli/*_cmd.py registers its own subcommands. Listed, not found on disk: a one-folder
# build keeps its modules in an archive, with no .py files to look for (tests/test_packaging.py
# checks that the list names every *_cmd.py). --help lists them in this (name) order.
CLI_MODULES = (
    "ui.cli.backup_cmd",
    "ui.cli.cleanup_cmd",
    "ui.cli.demo_cmd",
    "ui.cli.export_cmd",
    "ui.cli.plans_cmd",
    "ui.cli.residents_cmd",
    "ui.cli.signups_cmd",
)


def cli_modules() -> list[str]:
    return list(CLI_MODULES)


def build_parser() -> argparse.ArgumentParser:
    import argparse  # see quick_window_args
    import importlib

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
    parser.add_argument("--open-plan", metavar="N", type=int, help="启动时打开编号为 N 的方案")
    parser.add_argument("--tab", metavar="NAME", help="启动时切换到指定标签页（用于截图）")
    parser.add_argument("--search", metavar="TEXT", help="启动时在居民搜索框中填入文字（用于截图）")


class _NotJustWindow(Exception):
    """The small parser met something it does not know: let the full parser handle the line."""


# The window's options and their types, as _add_window_options and add_db_option define them.
WINDOW_OPTIONS = {"--db": str, "--screenshot": str, "--open-plan": int, "--tab": str,
                  "--search": str}


def quick_window_args(argv: list[str]) -> SimpleNamespace | None:
    """gui_args(argv) for the everyday line (nothing, or window options each written in full
    with its value: `--db FILE`, `--db=FILE`), without argparse: importing it and its first
    parse (gettext looking for catalogues) cost some 7 ms of every start. Anything else (an
    abbreviation, a value that looks like an option, a bad number) returns None, for argparse
    to read exactly as before."""
    found: dict[str, object] = {}
    i = 0
    while i < len(argv):
        option, eq, value = argv[i].partition("=")
        kind = WINDOW_OPTIONS.get(option)
        if kind is None:
            return None
        if not eq:
            if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                return None
            value = argv[i + 1]
            i += 1
        i += 1
        if kind is int:
            try:
                found[option] = int(value)
            except ValueError:
                return None
        else:
            found[option] = value
    args = SimpleNamespace(screenshot=None, open_plan=None, tab=None, search=None, command=None)
    for option, value in found.items():
        setattr(args, option[2:].replace("-", "_"), value)
    return args


def gui_args(argv: list[str]) -> argparse.Namespace | SimpleNamespace | None:
    """The window's options when the line holds nothing else (no subcommand, no --help); else None.
    Builds no subparsers, so no ui.cli module is imported on the way to the window."""
    quick = quick_window_args(argv)
    if quick is not None:
        return quick
    import argparse  # see quick_window_args

    from ui.cli.common import add_db_option

    class _WindowParser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise _NotJustWindow(message)

    parser = _WindowParser(prog="main.py", add_help=False)
    add_db_option(parser)
    _add_window_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotJustWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    # A Chinese Windows console may not be UTF-8: never die on a character it cannot show.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    argv = sys.argv[1:] if argv is None else list(argv)
    collecting = gc.isenabled()
    gc.disable()  # start-up only: see the module docstring
    try:
        args = gui_args(argv)
        if args is None:
            if collecting:
                gc.enable()
            args = build_parser().parse_args(argv)
        if args.command is None:
            from ui.app import run_gui

            return run_gui(args)
        return run_command(args)
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
    finally:
        close_database()


if __name__ == "__main__":
    sys.exit(main())
