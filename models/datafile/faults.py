"""What went wrong underneath, in words a clerk can act on: the one place where an error from
SQLite or the operating system is told apart (read-only, disk full, in use, damaged) and given
its Chinese message, so a full disk is never called a damaged file and no traceback is shown.

    error = as_user_error(exc)      # a UserError to show, or None when exc is a bug
"""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from models.common.errors import UserError

# Kinds of fault.
READ_ONLY = "readonly"
FULL = "full"
BUSY = "locked"
CORRUPT = "corrupt"
CANT_OPEN = "cantopen"
IO = "io"

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_KINDS = {
    3: READ_ONLY,  # SQLITE_PERM
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
    8: READ_ONLY,  # SQLITE_READONLY
    10: IO,  # SQLITE_IOERR
    11: CORRUPT,  # SQLITE_CORRUPT
    13: FULL,  # SQLITE_FULL
    14: CANT_OPEN,  # SQLITE_CANTOPEN
    26: CORRUPT,  # SQLITE_NOTADB
}
# The same from the message, for an error that lost its code (peewee re-raises by text).
_SQLITE_TEXTS = (
    ("readonly database", READ_ONLY),
    ("read-only", READ_ONLY),
    ("database or disk is full", FULL),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("malformed", CORRUPT),
    ("file is not a database", CORRUPT),
    ("unable to open database", CANT_OPEN),
    ("disk i/o error", IO),
)
_OS_KINDS = {
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EIO: IO,
}


class StorageError(UserError):
    """A write or read the disk refused; kind is one of the kinds above."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _chain(exc: BaseException) -> list[BaseException]:
    """exc and what it wraps: peewee keeps the sqlite3 error in args[0] and __context__."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 20:
        e = todo.pop(0)
        if e in seen:
            continue
        seen.append(e)
        if e.args and isinstance(e.args[0], BaseException):
            todo.append(e.args[0])
        for nxt in (e.__cause__, e.__context__):
            if nxt is not None:
                todo.append(nxt)
    return seen


def _find(exc: BaseException) -> tuple[str, BaseException] | None:
    for e in _chain(exc):
        if isinstance(e, sqlite3.Error):
            code = getattr(e, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
                return _SQLITE_KINDS[code & 0xFF], e
        if isinstance(e, OSError) and e.errno in _OS_KINDS:
            return _OS_KINDS[e.errno], e
        if isinstance(e, sqlite3.Error) or type(e).__module__ == "peewee":
            text = str(e).lower()
            for needle, kind in _SQLITE_TEXTS:
                if needle in text:
                    return kind, e
    return None


def kind_of(exc: BaseException) -> str | None:
    """The kind of fault exc (or an error it wraps) reports, or None when it is none of them."""
    found = _find(exc)
    return found[0] if found else None


def message_for(kind: str, path: Path | str | None = None) -> str:
    """The clerk's message for a kind of fault (path: the data file, when known)."""
    name = f"“{Path(path).name}”" if path else ""
    if kind == READ_ONLY:
        return (f"无法写入数据文件{name}：它所在的位置是只读的，或没有写入权限（例如写保护的 U 盘、"
                "只读文件夹）。本次操作未完成，数据文件未作改动。请把数据文件复制到本机的可写文件夹"
                "后再试。")
    if kind == FULL:
        return ("磁盘空间不足，本次操作未完成，数据文件未作改动。"
                "请清理磁盘（删除不需要的文件或旧备份）后再试。")
    if kind == BUSY:
        return (f"数据文件{name}正被另一个社区活动助手窗口或命令使用，本次操作未完成，"
                "数据文件未作改动。请等它完成或关闭它后再试。")
    if kind == CORRUPT:
        return f"数据文件{name}已损坏，无法读取，文件未作任何改动。可以从备份恢复。"
    if kind == CANT_OPEN:
        return (f"无法打开数据文件{name}：位置只读、没有权限，或它不是一个普通文件。"
                "文件未作任何改动。")
    return (f"读写数据文件{name}时磁盘出错（U 盘是否已拔出，或磁盘有故障？）。本次操作未完成，"
            "请检查后再试。")


def as_user_error(exc: BaseException, path: Path | str | None = None) -> UserError | None:
    """A UserError saying what happened, for a UserError or a fault of a known kind; else None
    (a bug, to be reported as one)."""
    if isinstance(exc, UserError):
        return exc
    found = _find(exc)
    if found is None:
        return None
    kind, cause = found
    name = getattr(cause, "filename", None) if isinstance(cause, OSError) else None
    if name and (path is None or Path(name).name != Path(path).name) and kind in (READ_ONLY, IO):
        # Another file than the data file (a report, an export): say which, and that the data
        # file is not concerned.
        why = "位置只读或没有写入权限" if kind == READ_ONLY else "磁盘出错"
        return StorageError(f"无法写入“{name}”：{why}。请换一个位置后再试。", kind)
    return StorageError(message_for(kind, path), kind)
