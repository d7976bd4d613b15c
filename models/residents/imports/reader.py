"""Reading a spreadsheet into plain rows of cell values, whatever its format.

.xlsx and .xls through python-calamine (a Rust reader, ~14x faster than openpyxl's read-only
mode, and it reports merged ranges for both formats); .csv decoded as UTF-8 (with or without BOM),
UTF-16 (with a BOM, or without one when every other byte is zero), or else GB18030 (a superset of
GBK, which older systems export). Every file is looked at first (models.residents.imports.guard):
what it really is, and whether it stays within ImportLimits once unpacked.
"""
from __future__ import annotations

import csv
import io
import queue
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.residents.imports.guard import (
    CHOOSE,
    LIMITS,
    SPREADSHEET_SUFFIXES,
    TEXT_SUFFIXES,
    ImportLimits,
    UnreadableFile,
    check_file,
)

__all__ = ["LIMITS", "ImportLimits", "SheetData", "UnreadableFile", "iter_sheets", "read_file"]

Merged = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first col), (last row, last col))


@dataclass
class SheetData:
    name: str
    rows: list[list[Any]]  # rows[0] is the sheet's row 1
    merged: list[Merged] = field(default_factory=list)


def read_file(path: Path | str, limits: ImportLimits = LIMITS) -> list[SheetData]:
    return [sheet for sheet, _count in iter_sheets(path, limits)]


def iter_sheets(path: Path | str, limits: ImportLimits = LIMITS,
                ) -> Iterator[tuple[SheetData, int]]:
    """(sheet, how many sheets the file has) for each sheet in order. A workbook's sheets are
    parsed one ahead in a thread, so the next sheet can be read while the caller checks this
    one. How much that gains depends on how long calamine holds Python's lock while it hands
    over cells: on 2026-11-28 reading and checking went from 2.6-3.2 s to 2.0-2.2 s this way
    (bench/bench_residents.py); on 2026-12-02, with the checks faster, little
    (bench/bench_import_flow.py)."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"找不到文件“{path}”。")
    if path.is_dir():
        raise UnreadableFile(f"“{path}”是一个文件夹，不是表格文件。")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        check_file(path, limits)
        yield SheetData(path.stem, read_csv_rows(path, limits)), 1
        return
    if suffix in SPREADSHEET_SUFFIXES:
        check_file(path, limits)
        yield from _prefetched_sheets(path)
        return
    raise UnreadableFile(
        f"不支持“{path.suffix or '无扩展名'}”格式的文件，"
        "请选择 Excel 表格（.xlsx、.xls）或 .csv 文件。")


_DONE = object()
_AHEAD = 2  # sheets parsed ahead of the caller, at most (memory stays bounded)


def _prefetched_sheets(path: Path) -> Iterator[tuple[SheetData, int]]:
    out: queue.Queue = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        # Everything calamine is done in this thread: its workbook stays in the thread that made it.
        try:
            for item in _workbook_sheets(path):
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the caller, raised there
            put(exc)

    thread = threading.Thread(target=work, name="sheet-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = out.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        # A cancel or an error on the caller's side: the reader stops after its current sheet,
        # and the file is closed before the caller goes on (Windows keeps open files locked).
        stop.set()
        thread.join()


def _workbook_sheets(path: Path) -> Iterator[tuple[SheetData, int]]:
    from python_calamine import CalamineWorkbook  # heavy, only when importing

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged or locked files
        # Its message is English and technical: chained for the log, not shown.
        raise UnreadableFile(
            f"无法读取“{path.name}”：文件已损坏、被加密或并不是 Excel 表格。"
            "如果文件正在 WPS 或 Excel 中打开，请先关闭再试。") from exc
    try:
        names = list(wb.sheet_names)
        if not names:
            raise UnreadableFile(f"“{path.name}”里一个工作表也没有，没有可以导入的内容。")
        for name in names:
            try:
                sheet = wb.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False)
            except Exception as exc:
                raise UnreadableFile(
                    f"无法读取“{path.name}”中的工作表“{name}”：这个工作表已损坏或格式无法识别。"
                    "请在 Excel 或 WPS 中打开并另存一份后再导入。") from exc
            merged = list(getattr(sheet, "merged_cell_ranges", None) or [])
            # calamine already gives a list of lists (copying 100,000 rows costs ~0.1 s)
            if not (isinstance(rows, list) and all(type(r) is list for r in rows)):
                rows = [list(r) for r in rows]
            yield SheetData(name, rows, merged), len(names)
    finally:
        wb.close()


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    # UTF-16 without a mark (some tools): Latin letters, digits and commas have a zero byte.
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            "无法识别 CSV 文件的文字编码（不是 UTF-8，也不是 GBK/GB18030）。") from exc


# Control characters other than tab and line ends; a text file has few or none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_csv_rows(path: Path, limits: ImportLimits = LIMITS) -> list[list[Any]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法读取“{path.name}”：{exc.strerror or '无法打开'}。") from exc
    text = decode_text(data)
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(16, len(sample) // 20):
        raise UnreadableFile(f"“{path.name}”不是文本表格（里面有大量不可见的控制字符），"
                             f"可能是改了扩展名的其他文件。{CHOOSE}")
    sample = text[:4096]
    delimiter = ","
    counts = {d: sample.count(d) for d in (",", "\t", ";")}
    if counts[","] == 0 and max(counts.values()) > 0:
        delimiter = max(counts, key=lambda d: counts[d])
    if text.count(delimiter) + text.count("\n") > limits.cells:
        raise UnreadableFile(f"“{path.name}”的单元格超过 {limits.cells} 个，超过一次导入的上限。"
                             "请把名单分成几个文件分别导入。")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [list(r) for r in reader]
    except csv.Error as exc:
        raise UnreadableFile(f"“{path.name}”不是有效的 CSV 文件：第 {reader.line_num} 行的格式有误"
                             "（引号不成对，或一格的文字过长）。") from exc
    longest = max((len(c) for r in rows for c in r), default=0)
    if longest > limits.cell_chars:
        raise UnreadableFile(f"“{path.name}”中有一个单元格的文字超过 {limits.cell_chars} 个字，"
                             "超过一次导入的上限，没有导入。")
    return rows
