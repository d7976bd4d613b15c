"""Every export is written beside its target and renamed into place, so a failure, a full disk or
a file held open in Excel never leaves half a file behind."""
from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from models.common.errors import UserError
from models.datafile import leftovers


class ExportError(UserError, OSError):
    """An export that could not be written; str() is for the clerk."""


def check_target(target: Path | str) -> None:
    """Refuse, before any work is done, a target that cannot be written: a missing or read-only
    folder, or a folder given as the file. Writes nothing that stays."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，请给出要保存的文件名。")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在，无法保存“{target.name}”。")
    probe = folder / f".{target.stem}.{secrets.token_hex(4)}{target.suffix}"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        probe.unlink()
    except OSError as exc:
        raise ExportError(f"无法在“{folder}”中保存“{target.name}”：{_why(exc)}。") from exc


@contextmanager
def atomic_output(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on failure it goes."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在，无法保存“{target.name}”。")
    # Named here (not by tempfile) so it is in the data folder's records before it exists: a
    # run killed mid-export leaves nothing the next start does not remove (leftovers).
    tmp = folder / f".{target.stem}.{secrets.token_hex(4)}{target.suffix}"
    with leftovers.writing(tmp, target):
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except OSError as exc:
            raise ExportError(f"无法在“{folder}”中保存“{target.name}”：{_why(exc)}。") from exc
        os.close(fd)
        yield from _fill(tmp, target)


def _fill(tmp: Path, target: Path) -> Iterator[Path]:
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise ExportError(
                f"无法写入“{target.name}”：文件可能正在{_opened_in(target)}中打开，或为只读。"
                "请关闭该文件后重试，或另存为其他文件名。"
            ) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, ExportError):
            raise
        if getattr(exc, "errno", None) == errno.ENOSPC:
            raise ExportError(f"磁盘空间不足，“{target.name}”未保存。") from exc
        raise ExportError(f"无法保存“{target.name}”：{_why(exc)}。") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _opened_in(target: Path) -> str:
    """The program a clerk has the file open in, by its kind."""
    suffix = target.suffix.lower()
    if suffix in (".docx", ".doc"):
        return " Word 或 WPS "
    if suffix == ".pdf":
        return " PDF 阅读器或 WPS "
    return " Excel 或 WPS "


def _why(exc: OSError) -> str:
    """The reason in Chinese (the system's own words may be English)."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "位置只读或没有写入权限"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    return f"系统错误（{exc.strerror or exc}）"
