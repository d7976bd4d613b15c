"""Formula cells with no saved result (a program wrote the file; Excel or WPS never saved it):
calamine reads them as empty, so the whole file is refused before anything is written, naming
the sheet and the cells and saying what to do. A formula with its saved result imports that
result; one that yields "" is not missing. Read back from the data file."""
from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import openpyxl
import pytest

import main
from models.common.errors import UserError
from models.residents.imports.formulas import FormulaCells, SheetFormulas
from models.residents.imports.reader import read_file
from tests.hostile_corpus import write_ods, write_xlsx
from tests.import_dialog_driver import pick_in_import_dialog

ADVICE = "请用 Excel 或 WPS 打开这个文件、保存一次（会算出公式的结果），再导入"


def _openpyxl_roster(path: Path, second_sheet: bool = False) -> Path:
    """The lead's reproduction: what openpyxl saves (formulas, no results)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生日期", "联系电话", "楼栋", "房号"])
    ws.append(["张三", "男", "1950-01-01", "13812345678", "1幢", "101"])
    ws.append(["李四", "女", "1960-02-02", "=D2", "=E2", "102"])
    ws.append(['=A2&"甲"', "女", "1960-02-02", "13912345678", "1幢", "103"])
    if second_sheet:
        more = wb.create_sheet("二号楼")
        more.append(["姓名", "联系电话"])
        for r in range(2, 6):
            more.append([f"=\"王\"&{r}", "=Sheet!D2"])
    wb.save(path)
    return path


def _rows(db: Path) -> list[tuple[str, str, str, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT name, COALESCE(phone, ''), COALESCE(building, ''), "
                           "COALESCE(room, '') FROM resident ORDER BY room").fetchall()
    finally:
        con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _good_roster(path: Path) -> Path:
    path.write_text("姓名,性别,联系电话,楼栋,房号\n赵一,女,13700000000,2幢,201\n",
                    encoding="utf-8")
    return path


def test_command_line_refuses_and_leaves_the_data_file_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "activities.db"
    assert main.main(["residents", "import", str(_good_roster(tmp_path / "a.csv")),
                      "--db", str(db)]) == 0
    capsys.readouterr()
    before, rows = _sha(db), _rows(db)
    source = _openpyxl_roster(tmp_path / "formula.xlsx")
    source_sha = _sha(source)
    assert main.main(["residents", "import", str(source), "--db", str(db)]) != 0
    out = capsys.readouterr()
    assert out.err.startswith("错误："), out.err
    assert "“formula.xlsx”中有 3 个公式单元格没有保存计算结果" in out.err, out.err
    assert "工作表“Sheet”的 D3、E3、A4" in out.err and ADVICE in out.err, out.err
    assert "Traceback" not in out.out + out.err and "imported=" not in out.out
    assert _sha(db) == before and _rows(db) == rows == [("赵一", "13700000000", "2幢", "201")]
    assert _sha(source) == source_sha


def test_refusal_names_each_sheet_and_the_first_few_cells(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        read_file(_openpyxl_roster(tmp_path / "两页.xlsx", second_sheet=True))
    message = str(caught.value)
    assert "中有 11 个公式单元格" in message, message
    assert "工作表“Sheet”的 D3、E3、A4；工作表“二号楼”的 A2、B2 等" in message, message
    assert ADVICE in message


def test_formula_with_saved_result_imports_that_result(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's way: <f> and its <v>; a text result, a number, a shared formula (the saved 2幢 is
    read, nothing is computed), and "" saved as an empty text (李四's phone stays empty, and the
    row imports)."""
    titles = ["姓名", "联系电话", "楼栋", "房号", "性别"]
    head = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'
                   for c, h in zip("ABCDE", titles, strict=True))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData><row r="1">{head}</row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>13812345678</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>1幢</t></is></c><c r="D2"><v>101</v></c></row>'
        '<row r="3"><c r="A3" t="str"><f>A2&amp;"甲"</f><v>张三甲</v></c>'
        '<c r="B3" t="str"><f>B2</f><v>13812345678</v></c>'
        '<c r="C3" t="str"><f t="shared" ref="C3:C4" si="0">C2</f><v>1幢</v></c>'
        '<c r="D3"><f>D2+1</f><v>102</v></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t>李四</t></is></c>'
        '<c r="B4" t="str"><f>IF(1,"","x")</f><v></v></c>'
        '<c r="C4" t="str"><f t="shared" si="0"/><v>2幢</v></c><c r="D4"><v>103</v></c>'
        '<c r="E4" t="str"><f>""</f><v/></c></row></sheetData></worksheet>')
    source = write_xlsx(tmp_path / "算好的.xlsx", sheet, sheets=["名单"])
    db = tmp_path / "activities.db"
    assert main.main(["residents", "import", str(source), "--db", str(db)]) == 0, \
        capsys.readouterr()
    assert _rows(db) == [("张三", "13812345678", "1幢", "101"),
                         ("张三甲", "13812345678", "1幢", "102"),
                         ("李四", "", "2幢", "103")]


def test_libreoffice_saved_copy_imports(tmp_path: Path) -> None:
    """The clerk's remedy, done by LibreOffice here (it computes and saves results as Excel
    does): the refused file, saved once as .xlsx or as an old .xls (whose formula records
    always hold a result: nothing to look for there), reads with every value."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = _openpyxl_roster(tmp_path / "formula.xlsx")
    out = tmp_path / "saved"
    profile = (tmp_path / "profile").as_uri()
    for kind in ("xlsx", "xls"):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", kind, "--outdir", str(out), str(source)], check=True,
                       timeout=180, capture_output=True)
        rows = read_file(out / f"formula.{kind}")[0].rows
        assert rows[2][3] == "13812345678" and rows[2][4] == "1幢", (kind, rows)
        assert rows[3][0] == "张三甲", (kind, rows)


def _feed_cut(xml: bytes, cut: int) -> int:
    found = FormulaCells()
    sheet = SheetFormulas("xl/worksheets/sheet1.xml", found)
    sheet.feed(xml[:cut])
    sheet.feed(xml[cut:])
    sheet.close()
    return found.count


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_a_cell_cut_between_two_pieces_is_seen_whole(prefix: str) -> None:
    """The guard unpacks a sheet a megabyte at a time, each piece ending at a tag's end: a
    formula cell cut anywhere between two pieces is judged as the whole cell would be."""
    p = prefix
    top = (f'<?xml version="1.0"?><{p}worksheet xmlns{":x" if p else ""}="urn:x">'
           f'<{p}cols><{p}col min="1" max="2"/></{p}cols><{p}sheetData>')
    bottom = (f"</{p}sheetData><{p}conditionalFormatting><{p}cfRule/>"
              f"</{p}conditionalFormatting></{p}worksheet>")
    rows = (
        f'<{p}row r="1"><{p}c r="A1" t="str"><{p}f>B1</{p}f><{p}v>甲</{p}v></{p}c>'
        f'<{p}c r="B1" s="1"/><{p}c r="C1"><{p}f>B1</{p}f><{p}v></{p}v></{p}c>'
        f'<{p}c r="D1" t="str"><{p}f>""</{p}f>\n <{p}v></{p}v></{p}c>'
        f'<{p}c r="E1"><{p}f t="shared" si="0"/></{p}c>'
        f'<{p}c r="F1"><{p}f t="shared" si="0"/><{p}v>3</{p}v></{p}c>'
        f'<{p}c r="G1"><{p}f>1+1</{p}f><{p}v>2</{p}v></{p}c>'
        f'<{p}c r="H1" t="inlineStr"><{p}f>"乙"</{p}f><{p}is><{p}t>乙</{p}t></{p}is></{p}c>'
        f"</{p}row>"
        f'<{p}row r="2"><{p}c r="A2"><{p}f>A1</{p}f></{p}c></{p}row>')
    # The first cell without a result: a piece before it holds no formula at all.
    first = (f'<{p}row r="1"><{p}c r="A1"><{p}f>B1</{p}f></{p}c>'
             f'<{p}c r="B1" t="inlineStr"><{p}is><{p}t>甲</{p}t></{p}is></{p}c></{p}row>')
    for body, want in [(rows, 3), (first, 1)]:  # C1 (an empty number), E1, A2 (no <v>); A1
        xml = (top + body + bottom).encode()
        assert _feed_cut(xml, len(xml)) == want
        for cut in [m.end() for m in re.finditer(rb">", xml)]:
            assert _feed_cut(xml, cut) == want, xml[:cut][-60:]


def test_prefixed_sheet_refused_by_the_reader(tmp_path: Path) -> None:
    """Some writers (the .NET Open XML SDK) prefix every element: <x:c><x:f>."""
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    sheet = (f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData><x:row r="1">'
             '<x:c r="A1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c></x:row>'
             '<x:row r="2"><x:c r="A2"><x:f>"张"&amp;"三"</x:f></x:c></x:row>'
             "</x:sheetData></x:worksheet>")
    path = write_xlsx(tmp_path / "sdk.xlsx", sheet, sheets=["名单"])
    with pytest.raises(UserError, match="1 个公式单元格.*工作表“名单”的 A2"):
        read_file(path)


def _volunteer_list(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "志愿者名单"
    ws.append(["姓名", "性别", "联系电话", "服务队"])
    ws.append(["陈立新", "男", "13812345678", "平安巡逻服务队"])
    ws.append(["王芳", "女", "=C2", "平安巡逻服务队"])
    wb.save(path)
    return path


def test_volunteer_list_refused_before_anything_is_written(db_path: Path, tmp_path: Path) -> None:
    from models.volunteers.imports import import_volunteers

    with pytest.raises(UserError, match="工作表“志愿者名单”的 C3"):
        import_volunteers(_volunteer_list(tmp_path / "志愿者.xlsx"))
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT COUNT(*) FROM volunteer").fetchone() == (0,)
        assert con.execute("SELECT COUNT(*) FROM volunteer_team").fetchone() == (0,)
    finally:
        con.close()


def test_volunteers_import_command_refuses(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "activities.db"
    assert main.main(["residents", "import", str(_good_roster(tmp_path / "a.csv")),
                      "--db", str(db)]) == 0
    capsys.readouterr()
    before = _sha(db)
    source = _volunteer_list(tmp_path / "志愿者.xlsx")
    assert main.main(["volunteers-import", "--file", str(source), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "工作表“志愿者名单”的 C3" in err and ADVICE in err, err
    assert _sha(db) == before


def test_relief_survey_refused_before_anything_is_written(db_path: Path, tmp_path: Path) -> None:
    from models.relief import audit
    from models.relief.survey import import_survey
    from tests.test_relief import campaign

    audit.set_clerk("王丽")
    cid = campaign()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "摸底表"
    ws.append(["姓名", "楼栋", "房号", "慰问类别", "家庭人口"])
    ws.append(["孙小梅", "3幢", "501室", "低保户", 3])
    ws.append(["钱大海", "=B2", "502室", "低保户", 2])
    path = tmp_path / "摸底表.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match="工作表“摸底表”的 B3"):
        import_survey(cid, path)
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT COUNT(*) FROM relief_beneficiary").fetchone() == (0,)
    finally:
        con.close()

def test_dialog_shows_the_refusal_and_writes_nothing(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                     db_path: Path, tmp_path: Path) -> None:
    from ui.residents.import_dialog import PAGE_FILE

    dialog, shown = pick_in_import_dialog(qtbot, monkeypatch,
                                          _openpyxl_roster(tmp_path / "formula.xlsx"))
    assert dialog.pages.currentIndex() == PAGE_FILE
    assert len(shown) == 1 and "工作表“Sheet”的 D3、E3、A4" in shown[0], shown
    assert ADVICE in shown[0]
    assert _rows(db_path) == []



def _ods(path: Path, cells: str) -> Path:
    """An .ods with a header row and one row of the given cells (after 姓名 张三)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="名单"><table:table-row>'
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{h}</text:p>'
                  "</table:table-cell>" for h in ["姓名", "联系电话", "楼栋"])
        + '</table:table-row><table:table-row><table:table-cell office:value-type="string">'
        f"<text:p>张三</text:p></table:table-cell>{cells}</table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    return write_ods(path, content)


def test_ods_formula_without_result_refused_with_result_read(tmp_path: Path) -> None:
    missing = _ods(tmp_path / "程序写的.ods",
                   '<table:table-cell table:formula="of:=[.A2]"/>'
                   '<table:table-cell table:formula="of:=1" table:number-columns-repeated="1"/>')
    with pytest.raises(UserError, match="2 个公式单元格.*工作表“名单”的 B2、C2"):
        read_file(missing)
    saved = _ods(tmp_path / "存过的.ods",
                 '<table:table-cell table:formula="of:=&quot;&quot;"><text:p/></table:table-cell>'
                 '<table:table-cell table:formula="of:=&quot;1幢&quot;" office:value-type="string"'
                 ' office:string-value="1幢"><text:p>1幢</text:p></table:table-cell>')
    assert read_file(saved)[0].rows[1] == ["张三", "", "1幢"]
