"""A folder of small hostile or broken files, the kind a clerk is sent or picks by mistake, for
tests/test_hostile_corpus.py to run every reading command against.

    python tests/hostile_corpus.py FOLDER            write the corpus into FOLDER
    python tests/hostile_corpus.py --api FILE DB     the reader API on FILE (see api_check)

Each file is a few KB on disk; the "bombs" unpack (or would expand in a reader) beyond the real
ImportLimits: 480 MB of text from a 30 KB file, a 17-billion-cell area from two cells.
CORPUS names every file with what must happen to it:
  "refuse"  nothing imported: a Chinese refusal, exit 2, the data file unchanged;
  "import"  readable: it imports, and `expect` (a function of the data file) says what is right.
"""
from __future__ import annotations

import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Minimal parts of an .xlsx (what Excel needs to open one; calamine needs less).
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook_xml(sheets: list[str]) -> str:
    items = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, n in enumerate(sheets, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS} {REL_NS}>'
            f"<sheets>{items}</sheets></workbook>")


def _col(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_xml(rows: list[list[str | int | None]], *, merged: list[str] | None = None,
              extra_rows: str = "") -> str:
    """Cells as inline strings (numbers as numbers); merged ranges like "A1:A2"."""
    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            ref = f"{_col(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t>'
                             "</is></c>")
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    merge = ""
    if merged:
        merge = (f'<mergeCells count="{len(merged)}">'
                 + "".join(f'<mergeCell ref="{m}"/>' for m in merged) + "</mergeCells>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {NS}>'
            f"<sheetData>{''.join(out)}{extra_rows}</sheetData>{merge}</worksheet>")


def write_xlsx(path: Path, sheet: str, *, shared: str | None = None,
               sheets: list[str] | None = None) -> Path:
    """An .xlsx with one worksheet (its XML given) and, when given, a sharedStrings part."""
    sheets = ["名单"] if sheets is None else sheets
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook_xml(sheets))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if sheets:
            z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return path


HEADER = ["姓名", "性别", "身份证号", "联系电话", "楼栋", "房号"]


def roster_xlsx(path: Path, rows: list[list[str | int | None]]) -> Path:
    return write_xlsx(path, sheet_xml([HEADER, *rows]))


# --- the bombs ------------------------------------------------------------------------------
def shared_string_bomb(path: Path, *, text_chars: int, cells: int) -> Path:
    """One long shared string used by many cells (the 156 KB file that took 3.9 GB)."""
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{cells + 2}" '
              f'uniqueCount="3"><si><t>姓名</t></si><si><t>性别</t></si>'
              f"<si><t>{'王' * text_chars}</t></si></sst>")
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    rows += [f'<row r="{r}"><c r="A{r}" t="s"><v>2</v></c><c r="B{r}" t="s"><v>2</v></c></row>'
             for r in range(2, cells // 2 + 2)]
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'
             f"{''.join(rows)}</sheetData></worksheet>")
    return write_xlsx(path, sheet, shared=shared)


def many_copies_bomb(path: Path, *, text_chars: int, cells: int) -> Path:
    """A text just under the per-cell limit used by many cells: each cell alone is allowed,
    together they expand far beyond the text limit."""
    return shared_string_bomb(path, text_chars=text_chars, cells=cells)


def sparse_area_bomb(path: Path) -> Path:
    """Two cells, at A1 and XFD1048576: a reader that fills the rectangle makes 17 billion."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return write_xlsx(path, sheet_xml([HEADER], extra_rows=far))


def inline_text_bomb(path: Path, *, text_chars: int) -> Path:
    """One cell whose own text is longer than Excel allows."""
    return roster_xlsx(path, [["王" * text_chars, "男", None, None, None, None]])


def lying_sizes_zip(path: Path, *, text_chars: int) -> Path:
    """The sheet part's headers (local and central) claim 100 bytes unpacked: the stream holds
    far more. A reader that trusts the headers is fooled both ways."""
    roster_xlsx(path, [["王" * text_chars, "男", None, None, None, None]])
    data = bytearray(path.read_bytes())
    target = b"xl/worksheets/sheet1.xml"
    # Local header: uncompressed size at offset 22; central header: at offset 24.
    at = data.find(b"PK\x03\x04")
    while at >= 0:
        name_len = struct.unpack("<H", data[at + 26:at + 28])[0]
        if bytes(data[at + 30:at + 30 + name_len]) == target:
            data[at + 22:at + 26] = struct.pack("<I", 100)
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack("<H", data[at + 28:at + 30])[0]
        if bytes(data[at + 46:at + 46 + name_len]) == target:
            data[at + 24:at + 28] = struct.pack("<I", 100)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def ods_repeat(path: Path, *, rows: int, cols: int) -> Path:
    """An .ods whose one row with a filled cell is repeated: rows x cols cells once expanded
    (100,000 x 1,000 from a 1 KB file took calamine to 2 GB and an abort). With a header row
    above, small repeats make a readable roster."""
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        f'xmlns:table="{table}" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="名单">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>性别</text:p>'
        '</table:table-cell></table:table-row>'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{cols}" office:value-type="string">'
        '<text:p>王</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    return write_ods(path, content)


def write_ods(path: Path, content: str) -> Path:
    """An .ods package around this content.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", (
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"))
    return path


# --- the corpus -----------------------------------------------------------------------------
FORMULAS = ['=HYPERLINK("http://example.invalid/x","点我")', "=cmd|' /C calc'!A0",
            "+SUM(1,2)", "-2+3", "@SUM(A1)"]

Expect = Callable[[list[tuple[str, str]]], str | None]  # residents (name, id) -> problem or None


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]
    outcome: str  # "refuse" or "import"
    expect: Expect | None = None
    why: str = ""


def _pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return path


def _text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _formula_names(path: Path) -> Path:
    rows: list[list[str | int | None]] = [[f, "男", None, None, None, None] for f in FORMULAS]
    rows.append(["王五", "男", None, None, None, None])
    return roster_xlsx(path, rows)


def formula_sheet(rows: list[str]) -> str:
    """A worksheet of the given <row> XML under the roster's header (inline strings)."""
    head = "".join(f'<c r="{_col(c)}1" t="inlineStr"><is><t>{h}</t></is></c>'
                   for c, h in enumerate(HEADER, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {NS}><sheetData>'
            f'<row r="1">{head}</row>{"".join(rows)}</sheetData></worksheet>')


def _formula_without_result(path: Path) -> Path:
    """What openpyxl writes: formulas and no result (<v></v>, or no <v> at all elsewhere);
    calamine reads such cells as empty."""
    return write_xlsx(path, formula_sheet([
        '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>13812345678</t></is></c></row>',
        '<row r="3"><c r="A3"><f>A2&amp;"甲"</f><v></v></c>'
        '<c r="D3"><f>D2</f></c></row>']))


def _formula_with_result(path: Path) -> Path:
    """What Excel writes: the formula and its saved result (text, shared formula, and one that
    yields "" saved as an empty text)."""
    return write_xlsx(path, formula_sheet([
        '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>13812345678</t></is></c></row>',
        '<row r="3"><c r="A3" t="str"><f>A2&amp;"甲"</f><v>张三甲</v></c>'
        '<c r="B3" t="str"><f>IF(1,"","男")</f><v></v></c>'
        '<c r="D3" t="str"><f t="shared" ref="D3:D4" si="0">D2</f><v>13812345678</v></c></row>',
        '<row r="4"><c r="A4" t="str"><f>"李"&amp;"四"</f><v>李四</v></c>'
        '<c r="D4" t="str"><f t="shared" si="0"/><v>13812345678</v></c></row>']))


def _nul_csv(path: Path) -> Path:
    return _text(path, "姓名,性别,联系电话\n张\x00三,男,13812345678\n李\x07四,女,\n"
                       "王\t五,男,\n赵\r六,女,\n")


def _two_row_header(path: Path) -> Path:
    rows: list[list[str | int | None]] = [
        ["社区居民登记表", None, None, None, None],
        ["基本信息", None, None, "联系方式", None],
        ["姓名", "性别", "身份证号", "电话", "住址"],
        ["张三", "男", "110101199003070011", "13812345678", "1栋101"],
        ["李四", "女", None, "13912345678", "1栋102"],
    ]
    return write_xlsx(path, sheet_xml(rows, merged=["A1:E1", "A2:C2", "D2:E2"]))


def _merged_two_row_header(path: Path) -> Path:
    """姓名/性别 merged down over two header rows, 证件 spanning two columns above its parts:
    the second header row holds words only, never a person."""
    rows: list[list[str | int | None]] = [
        ["姓名", "性别", "证件", None, "电话"],
        [None, None, "身份证号", "类别", None],
        ["张三", "男", "110101199003070011", "低保", "13812345678"],
        ["李四", "女", None, "独居", "13912345678"],
    ]
    return write_xlsx(path, sheet_xml(rows, merged=["A1:A2", "B1:B2", "C1:D1", "E1:E2"]))


def _truncated(path: Path) -> Path:
    roster_xlsx(path, [["张三", "男", None, None, None, None]] * 50)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _no_sheets(path: Path) -> Path:
    return write_xlsx(path, "", sheets=[])


def _text_as_xlsx(path: Path) -> Path:
    return _text(path, "姓名,性别\n张三,男\n")


def _docx_as_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def _names(*want: str) -> Expect:
    def check(residents: list[tuple[str, str]]) -> str | None:
        got = sorted(n for n, _id in residents)
        return None if got == sorted(want) else f"residents {got}, expected {sorted(want)}"
    return check


def _no_formula_runs(residents: list[tuple[str, str]]) -> str | None:
    # Imported or not, a name is stored as the text it was; nothing is evaluated on reading.
    names = [n for n, _id in residents]
    return None if "王五" in names else f"王五 missing: {names}"


def _clean_names(residents: list[tuple[str, str]]) -> str | None:
    bad = [n for n, _id in residents if any(ord(ch) < 32 or ord(ch) == 127 for ch in n)]
    return f"control characters kept: {bad!r}" if bad else None


def _merged_header(residents: list[tuple[str, str]]) -> str | None:
    names = sorted(n for n, _id in residents)
    if names != ["张三", "李四"]:
        return f"residents {names}"
    ids = dict(residents)
    return None if ids["张三"] == "110101199003070011" else f"张三's ID lost: {ids}"


CORPUS: list[Case] = [
    Case("empty.csv", lambda p: _text(p, ""), "refuse", why="empty file"),
    Case("empty.xlsx", lambda p: _text(p, ""), "refuse", why="empty file"),
    Case("blank_lines.csv", lambda p: _text(p, "\n\n  \n"), "refuse", why="no table"),
    Case("pdf_as.csv", _pdf, "refuse", why="PDF renamed"),
    Case("pdf_as.txt", _pdf, "refuse", why="PDF renamed"),
    Case("pdf_as.xlsx", _pdf, "refuse", why="PDF renamed"),
    Case("pdf_as.xls", _pdf, "refuse", why="PDF renamed"),
    Case("notes.txt", lambda p: _text(p, "开会记得带笔。\n下周二活动。\n"), "refuse",
         why="prose, no table"),
    Case("text_as.xlsx", _text_as_xlsx, "refuse", why="text renamed .xlsx"),
    Case("text_as.xls", _text_as_xlsx, "refuse", why="text renamed .xls"),
    Case("docx_as.xlsx", _docx_as_xlsx, "refuse", why="a Word file renamed"),
    Case("xlsx_as.csv", lambda p: roster_xlsx(p, [["张三", "男", None, None, None, None]]),
         "refuse", why="a workbook named .csv"),
    Case("truncated.xlsx", _truncated, "refuse", why="cut short"),
    Case("no_sheets.xlsx", _no_sheets, "refuse", why="a workbook with no sheet"),
    Case("binary.csv", lambda p: (p.write_bytes(bytes(range(256)) * 64), p)[1], "refuse",
         why="binary"),
    Case("sparse_area.xlsx", sparse_area_bomb, "refuse", why="A1 and XFD1048576"),
    Case("shared_bomb.xlsx", lambda p: shared_string_bomb(p, text_chars=40000, cells=2000),
         "refuse", why="one long shared string"),
    Case("copies_bomb.xlsx", lambda p: many_copies_bomb(p, text_chars=32000, cells=5000),
         "refuse", why="a text within the cell limit used by 5,000 cells: 480 MB"),
    Case("inline_bomb.xlsx", lambda p: inline_text_bomb(p, text_chars=40000), "refuse",
         why="one cell longer than Excel allows"),
    Case("lying_sizes.xlsx", lambda p: lying_sizes_zip(p, text_chars=20000), "refuse",
         why="zip headers that lie about the size"),
    Case("repeat_bomb.ods", lambda p: ods_repeat(p, rows=100_000, cols=1000), "refuse",
         why="one filled .ods cell repeated into 100 million"),
    Case("formulas.xlsx", _formula_names, "import", _no_formula_runs,
         why="formula-looking names are text; only the real name imports"),
    Case("formula_no_result.xlsx", _formula_without_result, "refuse",
         why="formulas with no saved result (a program wrote it, not Excel)"),
    Case("formula_result.xlsx", _formula_with_result, "import", _names("张三", "张三甲", "李四"),
         why="formulas with the result Excel saves beside them"),
    Case("formulas.csv", lambda p: _text(p, "姓名,性别\n" + "".join(
        f'"{f.replace(chr(34), chr(34) * 2)}",男\n' for f in FORMULAS) + "王五,男\n"),
        "import", _no_formula_runs, why="formula-looking names in CSV"),
    Case("nul_names.csv", _nul_csv, "import", _clean_names, why="control characters in names"),
    Case("two_row_header.xlsx", _two_row_header, "import", _names("张三", "李四"),
         why="a title, a group row, then the header"),
    Case("merged_header.xlsx", _merged_two_row_header, "import", _merged_header,
         why="a two-row merged header"),
    Case("gbk.csv", lambda p: _text(p, "姓名,性别\n张三,男\n李四,女\n", "gbk"), "import",
         _names("张三", "李四"), why="GBK"),
    Case("utf8_bom.csv", lambda p: _text(p, "\ufeff姓名,性别\n张三,男\n", "utf-8"), "import",
         _names("张三"), why="UTF-8 with BOM"),
    Case("utf16.csv", lambda p: _text(p, "\ufeff姓名\t性别\n张三\t男\n", "utf-16-le"), "import",
         _names("张三"), why="UTF-16 with BOM, tab separated"),
    Case("utf16_nobom.csv", lambda p: _text(p, "姓名,性别,电话\n张三,男,13812345678\n",
                                           "utf-16-le"), "import", _names("张三"),
         why="UTF-16 without a BOM"),
]


def write_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {case.name: case.make(folder / case.name) for case in CORPUS}


def api_check(source: Path, db: Path) -> None:
    """The reader API on one file, for the test to run in a subprocess with memory capped (a
    bomb that gets through takes this process, not the test run): one line per call,
    "refused: <message>", "accepted" or "crashed: <error>"."""
    from models.common.errors import UserError
    from models.datafile.db import close_database, open_database
    from models.residents.imports.importer import import_residents, preview_import
    from models.residents.imports.reader import read_file

    open_database(db)
    try:
        for call in (read_file, preview_import, import_residents):
            try:
                call(source)
                print(f"{call.__name__} accepted", flush=True)
            except UserError as exc:
                print(f"{call.__name__} refused: {exc}", flush=True)
            except Exception as exc:  # what the test is there to catch
                print(f"{call.__name__} crashed: {type(exc).__name__}: {exc}", flush=True)
    finally:
        close_database()


if __name__ == "__main__":
    if sys.argv[1] == "--api":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        api_check(Path(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    made = write_corpus(Path(sys.argv[1]))
    for name, path in made.items():
        print(f"{path.stat().st_size:>8}  {name}")
