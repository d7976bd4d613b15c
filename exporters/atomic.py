"""Every export is written beside its target and renamed into place, so a failure, a full disk or
a file held open in Excel never leaves half a file behind."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from models.common.errors import UserError


class ExportError(UserError, OSError):
    """An export that could not be written; str() is for the clerk."""


@contextmanager
def atomic_output(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, on failure it goes."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在，无法保存“{target.name}”。")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=folder)
    except OSError as exc:
        raise ExportError(
            f"无法在“{folder}”中保存文件（只读或无权限）：{exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise ExportError(
                f"无法写入“{target.name}”：文件可能正在 Excel 或 WPS 中打开，或为只读。"
                "请关闭该文件后重试，或另存为其他文件名。"
            ) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, ExportError):
            raise
        if getattr(exc, "errno", None) == 28:  # ENOSPC
            raise ExportError(f"磁盘空间不足，“{target.name}”未保存。") from exc
        raise ExportError(f"无法保存“{target.name}”：{exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
