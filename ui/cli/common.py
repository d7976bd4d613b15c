"""What every subcommand shares: opening the data file and failing in plain words."""
from __future__ import annotations

import argparse
from pathlib import Path

import peewee as pw

from models.db import open_database
from models.errors import UserError
from models.paths import default_data_file


class CommandError(UserError):
    """A refusal the user caused or can fix: printed to stderr, exit code 2."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: "--db" may stand before or after the subcommand without one erasing the other.
    parser.add_argument(
        "--db", metavar="FILE", default=argparse.SUPPRESS,
        help="数据文件（默认：用户数据文件夹中的 activities.db）",
    )


def db_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "db", None)
    return Path(given) if given else default_data_file()


def open_db(args: argparse.Namespace, *, create: bool = True) -> pw.SqliteDatabase:
    return open_database(db_path(args), create=create)
