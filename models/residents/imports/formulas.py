"""Formula cells that carry no saved result, found while the guard scans a workbook's XML.

Excel and WPS always save a formula's result beside it (<c><f>D2</f><v>138…</v></c>); files
written by programs (openpyxl, some web systems' exports) often do not (<f>D2</f><v></v>, or no
<v> at all). calamine reads only the saved result, so such a cell would import as empty without
a word: the whole file is refused instead, naming the cells, before anything is read or written.
An empty saved result is a real one when the cell's type says text (t="str": a formula that
yields ""); an empty number (openpyxl writes <v></v> with no type) is no result.
An .ods cell is the same: LibreOffice saves a result as a value type (or, for "", an empty
<text:p/>); a table:formula with neither is no result (the guard's expat pass sees it).
.xls and .xlsb keep a result in every formula record (nothing to look for); a .csv has none.
"""
from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field

SHOWN = 5  # cells named in the refusal
_OPEN_CELL_MAX = 1 << 20  # an unfinished cell longer than this is not carried (none is, really)


@dataclass
class FormulaCells:
    """What was found over all the sheets: (sheet part or name, cell reference) of the first few
    formula cells without a result, and how many there are."""

    first: list[tuple[str, str]] = field(default_factory=list)
    count: int = 0

    def add(self, sheet: str, ref: str, n: int = 1) -> None:
        self.count += n
        if len(self.first) < SHOWN:
            self.first.append((sheet, ref))


_ROOT = re.compile(rb"<(\w+:)?worksheet[\s>]")
_TYPE = re.compile(rb'\st="(\w*)"')
_REF = re.compile(rb'\sr="([A-Za-z]+[0-9]+)"')
_FORMULAS: dict[bytes, re.Pattern[bytes]] = {}


def _formula_pattern(prefix: bytes) -> re.Pattern[bytes]:
    """A formula element not followed by a <v> that starts with some text (nor by an inline
    string, which calamine reads as the result too): group 1 the <v> element's start (None when
    there is none), group 2 its text. Formulas followed by a result (nearly all, in a file Excel
    saved) do not match, and the pattern begins with "<f", which the regex engine looks for
    quickly: 91,000 formulas cost ~0.03 s."""
    pattern = _FORMULAS.get(prefix)
    if pattern is None:
        p = re.escape(prefix)
        pattern = re.compile(
            rb"<%sf(?:\s[^>]*)?(?:/>|>[^<]*</%sf>)\s*(?!<%sv(?:\s[^>]*)?>[^<\s]|<%sis[\s>])"
            rb"(<%sv(?:\s[^>]*)?(?:/>|>([^<]*)<))?" % (p, p, p, p, p))
        _FORMULAS[prefix] = pattern
    return pattern


class SheetFormulas:
    """One worksheet part, fed as the guard unpacks it (pieces that end at a tag's end). A cell
    cut by a piece's end is kept until the next piece, so its formula and result are seen
    together. A piece without a formula costs one search through it (~1 ms a megabyte) and one
    from its end back to its last cell."""

    def __init__(self, member: str, found: FormulaCells) -> None:
        self.member = member
        self.found = found
        self.prefix: bytes | None = None  # "x:" when the writer prefixes the elements
        self.carry = b""  # the last cell of the pieces so far, when it is not finished

    def feed(self, part: bytes) -> None:
        if self.prefix is None:
            buf = self.carry + part
            root = _ROOT.search(buf)
            if root is None:
                self.carry = buf[-_OPEN_CELL_MAX:]  # no root yet: only a prolog so far
                return
            self.prefix, self.carry, part = root.group(1) or b"", b"", buf
        marker = b"<%sf" % self.prefix
        if part.find(marker) < 0 and self.carry.find(marker) < 0:
            # No formula here, and a carried cell whose first child is not one is none.
            self.carry = part[self._open_cell(part, self.prefix):]
            return
        buf = self.carry + part
        end = self._open_cell(buf, self.prefix)
        self.carry = buf[end:]
        self._scan(buf, end)

    def close(self) -> None:
        """The part has ended: a cell still open (a cut-short file) is looked at as it is."""
        if self.carry:
            self._scan(self.carry, len(self.carry))
            self.carry = b""

    def _scan(self, buf: bytes, end: int) -> None:
        prefix = self.prefix or b""
        for m in _formula_pattern(prefix).finditer(buf, 0, end):
            value_tag, value = m.group(1), m.group(2)
            if value_tag and value is None:
                value = b""  # <v/>
            attrs = self._cell_tag(buf, m.start(), prefix)
            if value is not None and (value.strip() or _cell_type(attrs) == b"str"):
                continue
            ref = _REF.search(attrs)
            self.found.add(self.member, ref.group(1).decode("ascii") if ref else "")

    @staticmethod
    def _last_cell(buf: bytes, before: int, prefix: bytes) -> int:
        """Where the last cell tag before `before` starts, or -1 (<col> and <cfRule> skipped)."""
        tag, start = b"<%sc" % prefix, before
        while True:
            start = buf.rfind(tag, 0, start)
            if start < 0 or buf[start + len(tag):start + len(tag) + 1] in _AFTER_NAME:
                return start

    @classmethod
    def _cell_tag(cls, buf: bytes, formula: int, prefix: bytes) -> bytes:
        """The start tag of the cell the formula at `formula` is the first child of."""
        start = cls._last_cell(buf, formula, prefix)
        return buf[start:formula] if start >= 0 else b""

    @classmethod
    def _open_cell(cls, buf: bytes, prefix: bytes) -> int:
        """Where the last cell starts if it is not finished in buf, else len(buf)."""
        start = cls._last_cell(buf, len(buf), prefix)
        if start < 0 or len(buf) - start > _OPEN_CELL_MAX:
            return len(buf)
        tag_end = buf.find(b">", start)
        if tag_end > 0 and buf[tag_end - 1] == 0x2F:  # <c r="A1"/>: an empty cell
            return len(buf)
        if buf.find(b"</%sc>" % prefix, start) >= 0:
            return len(buf)
        return start


_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")


def column_letters(n: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _cell_type(attrs: bytes) -> bytes:
    m = _TYPE.search(attrs)
    return m.group(1) if m else b"n"


def refusal(file_name: str, found: FormulaCells, zf: zipfile.ZipFile | None) -> str:
    """The plain refusal naming where the cells are; zf maps an .xlsx's sheet parts to sheet
    names (an .ods table is named already)."""
    names = _sheet_names(zf) if zf is not None else {}
    places: list[tuple[str, list[str]]] = []
    for sheet, ref in found.first:
        label = names.get(sheet, sheet.rsplit("/", 1)[-1].removesuffix(".xml"))
        if not places or places[-1][0] != label:
            places.append((label, []))
        places[-1][1].append(ref or "（位置未标明的一格）")
    where = "；".join(f"工作表“{label}”的 {'、'.join(refs)}" for label, refs in places)
    more = " 等" if found.count > len(found.first) else ""
    return (
        f"“{file_name}”中有 {found.count} 个公式单元格没有保存计算结果（{where}{more}），"
        "导入的话这些格会是空的，所以没有导入。这种文件通常是其他程序生成、还没有在 Excel 或 WPS 中"
        "保存过的。请用 Excel 或 WPS 打开这个文件、保存一次（会算出公式的结果），再导入。")


_SHEET = re.compile(rb"<(?:\w+:)?sheet\s([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*)>")


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part ("xl/worksheets/sheet1.xml") -> the sheet's name, as far as the workbook
    says (both parts were already measured by the guard)."""
    try:
        workbook = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    targets: dict[bytes, str] = {}
    for m in _REL.finditer(rels):
        attrs = dict(_ATTR.findall(m.group(1)))
        target = html.unescape(attrs.get(b"Target", b"").decode("utf-8", "replace"))
        targets[attrs.get(b"Id", b"")] = (target.lstrip("/") if target.startswith("/")
                                          else "xl/" + target)
    names: dict[str, str] = {}
    for m in _SHEET.finditer(workbook):
        attrs = {k.rsplit(b":", 1)[-1] if k != b"name" else k: v
                 for k, v in _ATTR.findall(m.group(1))}
        member = targets.get(attrs.get(b"id", b""))
        if member and b"name" in attrs:
            names[member] = html.unescape(attrs[b"name"].decode("utf-8", "replace"))
    return names
