"""What every subcommand shares: opening the data file and failing in plain words."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.common.errors import UserError
from models.datafile.paths import default_data_file

if TYPE_CHECKING:
    import peewee as pw

# No peewee at import: main.py builds its parser from every command module (see main.py).


class CommandError(UserError):
    """A refusal the user caused or can fix: printed to stderr, exit code 2."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: "--db" may stand before or after the subcommand without one erasing the other.
    parser.add_argument(
        "--db", metavar="FILE", default=argparse.SUPPRESS,
        help="数据文件（默认：用户数据文件夹中的 activities.db）",
    )


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high, refused in Chinese otherwise (a huge
    number would otherwise reach SQLite, or ask for a million times too many demo residents)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"须为 {low} 到 {high} 之间的整数（收到：{text}）")
        return value

    return parse


RECORD_NUMBER = whole_number(1, 10**12)  # a plan's or an activity's 编号


def db_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "db", None)
    return Path(given) if given else default_data_file()


def open_db(args: argparse.Namespace, *, create: bool = True,
            write: str = "") -> pw.SqliteDatabase:
    """Open the data file. write: the command's words ("residents import") when it changes the
    file; it then takes the same lock as the window (models.datafile.lock), so it is refused
    while a window or another command has the file, and a read-only place is refused before
    anything is printed or written."""
    from models.datafile.db import open_database  # see the imports
    from models.datafile.leftovers import sweep

    path = db_path(args)
    if write:
        from models.datafile.lock import acquire_lock, check_location

        check_location(path)
        _LOCKS.append(acquire_lock(path, command=write))
    sweep(path.absolute().parent)  # what a run killed earlier left half-written
    return open_database(path, create=create)


_LOCKS: list = []  # the locks writing commands took: given back when the command ends


def release_locks() -> None:
    while _LOCKS:
        _LOCKS.pop().release()


# argparse's own words (usage, errors, the -h line), so --help and mistakes read in Chinese too.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ignored explicit argument %r": "多余的值 %r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中之一",
}


def use_chinese_argparse() -> None:
    """Point argparse's message look-up at the table above (unknown texts stay as they are)."""
    import gettext  # only when a command line is parsed

    def zh(text: str) -> str:
        return _ARGPARSE_ZH.get(text, gettext.gettext(text))

    def nzh(singular: str, plural: str, n: int) -> str:
        return _ARGPARSE_ZH.get(singular, gettext.ngettext(singular, plural, n))

    argparse._ = zh  # type: ignore[attr-defined]
    argparse.ngettext = nzh  # type: ignore[attr-defined]
