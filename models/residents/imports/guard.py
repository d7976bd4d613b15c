"""Looking at a file before any reader is given it: is it what its name says, and is it small
enough once unpacked?

A hostile or broken file must end in a plain Chinese refusal, never in a reader's own English
error, a Rust abort or gigabytes of memory. An .xlsx is a zip of XML: its members are unpacked
here in a stream with a running count (the sizes written in a zip's headers can lie), the
longest text of a cell, the cells and the area each sheet spans (calamine fills the whole
rectangle from A1, so one cell at XFD1048576 is a bomb) and the text the shared strings expand to
(one long string used by thousands of cells) are all bounded before calamine sees the file.
The same scan finds formula cells with no saved result (models.residents.imports.formulas),
which calamine would read as empty: such a file is refused too.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from models.common.errors import UserError
from models.residents.imports.formulas import (
    FormulaCells,
    SheetFormulas,
    column_letters,
    refusal,
)


class UnreadableFile(UserError):
    """The file could not be read at all; str() tells the clerk why."""


@dataclass(frozen=True)
class ImportLimits:
    """What one import may take. Far above any real roster (100,000 residents: 40 MB of XML,
    0.7 million cells), far below what would exhaust a laptop's memory."""

    total_bytes: int = 200 * 1024 * 1024  # unpacked size of all the workbook's parts together
    file_bytes: int = 100 * 1024 * 1024  # size on disk of a .csv/.txt or an old .xls
    cell_chars: int = 32767  # Excel's own limit for the text of one cell
    cells: int = 5_000_000  # cells that hold something, all sheets together
    area: int = 20_000_000  # rows x columns each sheet spans from A1, all sheets together
    text_bytes: int = 400 * 1024 * 1024  # the cells' text once shared strings are expanded
    members: int = 10_000  # parts inside the zip


LIMITS = ImportLimits()

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT_SUFFIXES = (".csv", ".txt")
_CHUNK = 1 << 20

# What a file's first bytes say it is (only kinds a clerk may pick by mistake).
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "PDF 文件"), (b"\x89PNG", "图片（PNG）"), (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"GIF8", "图片（GIF）"), (b"BM", "图片（BMP）"), (b"Rar!", "压缩包（RAR）"),
    (b"7z\xbc\xaf\x27\x1c", "压缩包（7z）"), (b"\x1f\x8b", "压缩包（gz）"),
    (b"{\\rtf", "RTF 文档"), (b"MZ", "程序文件"), (b"\x7fELF", "程序文件"),
    (b"SQLite format 3\x00", "数据库文件"),
]
CHOOSE = "请选择 Excel（.xlsx、.xls）或 CSV 名册文件。"


def _kind_of(head: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


# Files that passed, as they were then: the dialog reads a file three times (sheets, preview,
# import) and the command line checks it before opening the data file; a 100,000-row workbook
# costs ~0.7 s to scan, so an unchanged file is not scanned again.
_PASSED: dict[tuple[str, int, int, int], ImportLimits] = {}


def check_file(path: Path, limits: ImportLimits = LIMITS) -> None:
    """Raise UnreadableFile (in Chinese) unless the file may be given to its reader."""
    try:
        st = path.stat()
    except OSError as exc:
        raise UnreadableFile(f"无法读取“{path.name}”：{exc.strerror or '无法打开'}。") from exc
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)
    if _PASSED.get(key) == limits:
        return
    _check_file(path, limits)
    if len(_PASSED) > 16:
        _PASSED.clear()
    _PASSED[key] = limits


def _check_file(path: Path, limits: ImportLimits) -> None:
    name, suffix = path.name, path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise UnreadableFile(f"无法读取“{name}”：{exc.strerror or '无法打开'}。") from exc
    if size == 0:
        raise UnreadableFile(f"“{name}”是空文件（0 字节），没有可以导入的内容。")
    kind = _kind_of(head)
    if kind is not None and not head.startswith(_ZIP):
        raise UnreadableFile(f"“{name}”是{kind}，不是表格。{CHOOSE}")
    if suffix in TEXT_SUFFIXES:
        if head.startswith(_ZIP) or head.startswith(_OLE):
            raise UnreadableFile(
                f"“{name}”的内容是 Excel 工作簿，不是文本（CSV）。请把扩展名改为 "
                f"{'.xlsx' if head.startswith(_ZIP) else '.xls'} 后再导入。")
        if size > limits.file_bytes:
            raise UnreadableFile(_too_big(name, size, limits.file_bytes))
        return
    if suffix == ".xls":
        if head.startswith(_ZIP):
            raise UnreadableFile(f"“{name}”的内容是新版 Excel 工作簿（.xlsx），与扩展名“.xls”不符。"
                                 "请把扩展名改为 .xlsx 后再导入。")
        if not head.startswith(_OLE):
            raise UnreadableFile(
                f"“{name}”不是真正的 Excel 表格（可能是网页或文本改了扩展名）。请在 Excel 或 WPS 中"
                "打开它，另存为“Excel 工作簿（.xlsx）”后再导入。")
        if size > limits.file_bytes:
            raise UnreadableFile(_too_big(name, size, limits.file_bytes))
        return
    if head.startswith(_OLE):
        raise UnreadableFile(
            f"“{name}”设置了打开密码，或其实是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中打开它"
            "（如有密码请先取消），另存为“Excel 工作簿（.xlsx）”后再导入。")
    if not head.startswith(_ZIP):
        raise UnreadableFile(f"无法读取“{name}”：它不是有效的 Excel 工作簿"
                             f"（文件已损坏、不完整，或只是改了扩展名）。{CHOOSE}")
    check_workbook_zip(path, limits)


def _too_big(name: str, size: int, limit: int) -> str:
    return (f"“{name}”有 {size / 1048576:.0f} MB，超过一次导入的上限 {limit / 1048576:.0f} MB。"
            "请把名单分成几个文件分别导入。")


def _damaged(name: str) -> UnreadableFile:
    return UnreadableFile(f"无法读取“{name}”：文件已损坏（压缩的内容不完整或有错误）。"
                          "请在 Excel 或 WPS 中打开并另存一份后再导入。")


# Worksheet XML: rows, cells and where they are. Only columns of two letters or more are looked
# at (a real roster has few), so the scan costs ~0.1 s for 100,000 rows.
# Patterns that begin with a plain string are several times faster. Every writer numbers a row
# in its first attribute; a row numbered elsewhere is still seen through its cells: wide ones
# (two letters or more) and far ones (row 100,000 on) are all read, which leaves at most
# 26 columns x 99,999 rows unseen.
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_WIDE_CELL = re.compile(rb'r="([A-Z]{2,})(\d+)"')
_FAR_CELL = re.compile(rb'r="[A-Z](\d{6,})"')
_SHARED_CELL = re.compile(rb't="s"[^>]*>\s*<v>(\d+)<')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


@dataclass
class _Scan:
    name: str
    limits: ImportLimits
    total: int = 0
    cells: int = 0
    area: int = 0
    shared: list[int] | None = None  # the byte length of each shared string
    exact: bool = False  # whether the shared-string cells' text must be counted one by one
    shared_text: int = 0  # bytes the shared-string cells expand to (when counted)
    formulas: FormulaCells = field(default_factory=FormulaCells)  # formulas without a result

    def too_much(self, what: str) -> UnreadableFile:
        return UnreadableFile(f"“{self.name}”{what}，超过一次导入的上限，"
                              "可能是损坏或被故意做大的文件，没有导入。"
                              "请把名单另存为一个普通的表格（或分成几个文件）后再导入。")


def check_workbook_zip(path: Path, limits: ImportLimits = LIMITS) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > limits.members:
                raise UnreadableFile(
                    f"“{name}”里的部件多达 {len(infos)} 个，不像是名册表格，没有导入。")
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names \
                    and "content.xml" not in names:
                raise UnreadableFile(f"“{name}”不是 Excel 工作簿（里面没有工作表），"
                                     f"可能是改了扩展名的其他文件。{CHOOSE}")
            scan = _Scan(name, limits)
            # Shared strings first: a sheet's cells are then weighed by the texts they use.
            order = sorted(infos, key=lambda i: i.filename != "xl/sharedStrings.xml")
            with path.open("rb") as raw:
                for info in order:
                    _read_member(raw, info, scan)
            _check_sheets_exist(zf, name, names)
            if scan.formulas.count:
                raise UnreadableFile(refusal(name, scan.formulas, zf if "content.xml" not in names
                                             else None))
    except UserError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            OSError, RuntimeError) as exc:  # RuntimeError: an encrypted member
        raise _damaged(name) from exc


def _check_sheets_exist(zf: zipfile.ZipFile, name: str, names: set[str]) -> None:
    if "xl/workbook.xml" not in names:
        return
    with zf.open("xl/workbook.xml") as f:
        text = f.read(4 * _CHUNK)  # already measured by _read_member
    if b"<sheet " not in text and b":sheet " not in text:
        raise UnreadableFile(f"“{name}”里一个工作表也没有，没有可以导入的内容。")


def _unpacked(raw: BinaryIO, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The member's bytes as they unpack, at most _CHUNK at a time, read from the file itself:
    zipfile stops at the size the header declares, a reader that trusts the stream does not."""
    raw.seek(info.header_offset)
    local = raw.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise _damaged(name)
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    raw.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        unpack = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        unpack = zlib.decompressobj(-15)
    else:
        raise UnreadableFile(f"“{name}”使用了不常见的压缩方式，无法读取。请在 Excel 或 WPS 中"
                             "打开它，另存为“Excel 工作簿（.xlsx）”后再导入。")
    while left > 0:
        data = raw.read(min(left, _CHUNK))
        if not data:
            raise _damaged(name)  # the file ends inside the member: cut short
        left -= len(data)
        if unpack is None:
            yield data
            continue
        while data:
            out = unpack.decompress(data, _CHUNK)
            data = unpack.unconsumed_tail
            if out:
                yield out
        if unpack.eof:
            return


def _read_member(raw: BinaryIO, info: zipfile.ZipInfo, scan: _Scan) -> None:
    member = info.filename
    is_sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
    is_shared = member == "xl/sharedStrings.xml"
    is_ods = member == "content.xml"
    is_text = is_sheet or is_shared or is_ods
    ods = _OdsTables(scan) if is_ods else None
    formulas = SheetFormulas(member, scan.formulas) if is_sheet else None
    limits = scan.limits
    # Texts are first measured in bytes (a character is at least one): only a run longer than
    # the limit in bytes is decoded and counted. Anchored on "<": each run is scanned once
    # (">[^<]{n}" would restart at every ">" of a long run of them: quadratic).
    cell_bytes = limits.cell_chars
    long_text = re.compile(rb"<[^<]{%d}[^<]*" % (cell_bytes + 1))
    carry = b""
    max_row = max_col = 0
    if is_shared:
        scan.shared = []
    size = 0
    for chunk in _unpacked(raw, info, scan.name):
        size += len(chunk)
        scan.total += len(chunk)
        if scan.total > limits.total_bytes:
            raise scan.too_much(f"解压后超过 {limits.total_bytes // 1048576} MB")
        if not is_text:
            continue
        buf = carry + chunk
        cut = buf.rfind(b">") + 1
        part, carry = buf[:cut], buf[cut:]
        first = part.find(b"<")
        if (len(carry) > cell_bytes and _too_long(carry, limits)) or (
                first > cell_bytes and _too_long(part[:first], limits)) or any(
                _too_long(m.group(), limits) for m in long_text.finditer(part)):
            raise scan.too_much(f"中有一个单元格的文字超过 {limits.cell_chars} 个字")
        if is_shared:
            carry = _shared_strings(part, carry, scan, cell_bytes)
        elif is_sheet:
            max_row, max_col = _sheet_part(part, scan, max_row, max_col)
            assert formulas is not None
            formulas.feed(part)
        elif ods is not None:
            ods.feed(part)
    if size != info.file_size:  # the header lies about the size: not a file Excel wrote
        raise _damaged(scan.name)
    if is_shared:
        shared = scan.shared or [0]
        # Every cell using the longest text stays within the limit: no need to count exactly.
        scan.exact = max(shared) * limits.cells > limits.text_bytes
    if ods is not None:
        ods.feed(carry, final=True)
    if formulas is not None:
        formulas.feed(carry)
        formulas.close()
    if is_sheet:
        scan.area += max_row * max_col
        if scan.area > limits.area:
            raise scan.too_much(f"的工作表范围达到 {max_row} 行 × {max_col} 列")


def _shared_strings(part: bytes, carry: bytes, scan: _Scan, cell_bytes: int) -> bytes:
    """Each <si>'s length into scan.shared; returns what follows the last complete one."""
    pieces = part.split(b"</si>")
    rest = pieces.pop()  # after the last </si>: part of the next string, kept for the next chunk
    assert scan.shared is not None
    for piece in pieces:
        start = piece.find(b"<si")
        size = len(piece) - start if start >= 0 else len(piece)
        if size > cell_bytes and _too_long(_TAG.sub(b"", piece[max(start, 0):]), scan.limits):
            raise scan.too_much(f"中有一个单元格的文字超过 {scan.limits.cell_chars} 个字")
        scan.shared.append(size)
    rest += carry
    if len(rest) > 4 * cell_bytes + _CHUNK:  # longer than any allowed text and its markup
        raise scan.too_much(f"中有一个单元格的文字超过 {scan.limits.cell_chars} 个字")
    return rest


_TAG = re.compile(rb"<[^>]*>")


def _too_long(text: bytes, limits: ImportLimits) -> bool:
    """Whether the text (UTF-8 bytes, perhaps behind a tag's end) has more characters than a
    cell may hold; only called for texts already longer than that in bytes."""
    start = text.find(b">") + 1 if text.startswith(b"<") else 0
    return len(text[start:].decode("utf-8", errors="ignore")) > limits.cell_chars


def _sheet_part(part: bytes, scan: _Scan, max_row: int, max_col: int) -> tuple[int, int]:
    limits = scan.limits
    tags = part.count(b"<c")  # cells (and a few <col>s: a bound is enough)
    scan.cells += tags
    if scan.cells > limits.cells:
        raise scan.too_much(f"的单元格超过 {limits.cells} 个")
    rows = _ROW_NUMBER.findall(part) + _FAR_CELL.findall(part)
    if rows:
        max_row = max(max_row, max(map(int, rows)))
    elif b"<row>" in part:
        max_row += part.count(b"<row>")  # rows without numbers: one after another
    if tags:
        max_col = max(max_col, 26)  # columns A-Z are not looked at one by one
    for letters, number in _WIDE_CELL.findall(part):
        max_col = max(max_col, _column_number(letters))
        max_row = max(max_row, int(number))
    if max_row * max_col > limits.area:
        raise scan.too_much(f"的工作表范围达到 {max_row} 行 × {max_col} 列")
    shared = scan.shared
    if shared and scan.exact:
        scan.shared_text += sum(shared[i] for i in map(int, _SHARED_CELL.findall(part))
                                if i < len(shared))
        if scan.shared_text > limits.text_bytes:
            raise scan.too_much("中的文字展开后过大（同一段长文字被大量单元格引用）")
    return max_row, max_col


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


class _OdsTables:
    """An .ods sheet's area and cells, counted as the reader will expand them: a row or a cell
    with content repeated N times ("number-rows-repeated", "number-columns-repeated") is N of
    them, so 100,000 repeated rows of 1,000 repeated cells (a 1 KB file) are 100 million cells.
    Empty ones repeated at the end (LibreOffice writes a million) take nothing and are not
    counted. Parsed with expat as it unpacks: .ods files are few and small."""

    def __init__(self, scan: _Scan) -> None:
        import xml.parsers.expat

        self.scan = scan
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.row = 0  # rows so far in this table, repeats counted
        self.max_row = self.max_col = 0
        self.row_repeat = 1
        self.col = 0  # columns so far in this row
        self.row_last = 0  # the last column with content in this row
        self.cell_repeat = 1
        self.cell_content = False
        self.table = ""  # the table's name, for the formula refusal
        self.cell_formula = False  # a formula with no saved result (no value type) so far

    def feed(self, data: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(data, final)
        except Exception as exc:  # expat's errors and the limits' refusals
            if isinstance(exc, UserError):
                raise
            raise _damaged(self.scan.name) from exc

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_ODS_TABLE} table":
            self.row = self.max_row = self.max_col = 0
            self.table = attrs.get(f"{_ODS_TABLE} name", "")
        elif tag == f"{_ODS_TABLE} table-row":
            self.row_repeat = _count(attrs.get(f"{_ODS_TABLE} number-rows-repeated"))
            self.col = self.row_last = 0
        elif tag in (f"{_ODS_TABLE} table-cell", f"{_ODS_TABLE} covered-table-cell"):
            self.cell_repeat = _count(attrs.get(f"{_ODS_TABLE} number-columns-repeated"))
            self.cell_content = f"{_ODS_OFFICE} value-type" in attrs
            # LibreOffice saves a formula's result as a value type, or as <text:p/> for "".
            self.cell_formula = not self.cell_content and f"{_ODS_TABLE} formula" in attrs
        elif tag.startswith(_ODS_TEXT):
            self.cell_content = True

    def end(self, tag: str) -> None:
        scan, limits = self.scan, self.scan.limits
        if tag in (f"{_ODS_TABLE} table-cell", f"{_ODS_TABLE} covered-table-cell"):
            if self.cell_formula and not self.cell_content:
                scan.formulas.add(self.table, f"{column_letters(self.col + 1)}{self.row + 1}",
                                  self.cell_repeat * self.row_repeat)
            self.cell_formula = False
            self.col += self.cell_repeat
            if self.cell_content:
                self.row_last = self.col
                scan.cells += self.cell_repeat * self.row_repeat
                if scan.cells > limits.cells:
                    raise scan.too_much(f"的单元格超过 {limits.cells} 个")
            self.cell_repeat, self.cell_content = 1, False
        elif tag == f"{_ODS_TABLE} table-row":
            self.row += self.row_repeat
            if self.row_last:
                self.max_row, self.max_col = self.row, max(self.max_col, self.row_last)
                if scan.area + self.max_row * self.max_col > limits.area:
                    raise scan.too_much(
                        f"的工作表范围达到 {self.max_row} 行 × {self.max_col} 列")
        elif tag == f"{_ODS_TABLE} table":
            scan.area += self.max_row * self.max_col


def _count(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
