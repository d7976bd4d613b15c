"""The Excel-only sheets in their PDF form (issue 13 part 3): the roster, the blank form, the
attendance sheet and the residents roster. Each PDF is read back as a reader would: its ruled
table page by page (pdfplumber), and its text (pdftotext). Every row of the .xlsx, in the same
order, reaches the PDF; every typed string is in it; the header row repeats on every page."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from exporters.signups import sheet_pdfs, sheets
from models.signups.checkin import check_in
from models.signups.records import CompanionRecord, NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity, make_resident

ROOT = Path(__file__).resolve().parent.parent
LONG_NOTE = "腿脚不便，需志愿者全程陪同（女儿电话已登记），午餐不吃辣；=SUM(A1) 按原样"
TYPED = ("欧阳娜娜", "=HYPERLINK(\"x\")", "司马相如（外地）", LONG_NOTE, "收据-2026-001")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[list[list[str]]]:
    """Each page's table rows (header first), cells with their line breaks and spaces removed."""
    with pdfplumber.open(path) as doc:
        out = []
        for page in doc.pages:
            tables = page.extract_tables()
            assert len(tables) == 1, f"page {page.page_number}: {len(tables)} tables"
            out.append([[_squash(c or "") for c in row] for row in tables[0]])
        return out


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def xlsx_rows(path: Path, sheet: str | None = None) -> list[list[str]]:
    ws = load_workbook(path)[sheet] if sheet else load_workbook(path).active
    return [[_squash("" if v is None else str(v)) for v in row]
            for row in ws.iter_rows(min_row=2, values_only=True)]


def assert_same_table(pdf: Path, expected: list[list[str]]) -> list[list[list[str]]]:
    """The PDF's rows equal expected (header first, then the rows), the header on every page,
    and each page says 第 N 页 共 M 页."""
    pages = pdf_pages(pdf)
    header, rows = expected[0], expected[1:]
    assert all(page[0] == header for page in pages), [p[0] for p in pages]
    assert [r for page in pages for r in page[1:]] == rows
    text = _squash(pdftotext(pdf))
    for n in range(1, len(pages) + 1):
        assert f"第{n}页共{len(pages)}页" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes yes " in f for f in fonts), fonts  # embedded, Unicode
    return pages


def _name(i: int) -> str:
    return "丁王李张孙"[i % 5] + "一二三四五六七八九十"[i % 10] + "甲乙丙丁戊己庚辛"[i // 10]


def _activity(n: int, **rules: object) -> int:
    plan = make_activity("重阳节敬老活动", capacity=None, places="社区党群服务中心（二楼）",
                         **rules)
    when = datetime(2026, 10, 1, 9, 0)
    for i in range(n):
        rid = make_resident(_name(i),
                            phone=f"139{i:08d}", seq=i, building=f"{1 + i % 7}幢")
        sign_up(plan, NewSignup(resident_id=rid, fee_paid_fen=3000, receipt_no=f"R{i:04d}",
                                notes=LONG_NOTE if i % 9 == 0 else "",
                                companions=[CompanionRecord("司马相如（外地）", "子女", 8, "")]
                                if i % 11 == 0 else []), now=when)
    sign_up(plan, NewSignup(name="欧阳娜娜", phone="0571-88123456", walk_in=True,
                            receipt_no="收据-2026-001", notes="=HYPERLINK(\"x\")"), now=when)
    check_in(plan, "丁一甲")
    return plan


@pytest.mark.parametrize("masked", [False, True])
def test_roster_pdf_has_every_row_of_the_xlsx_in_its_order(db_path: Path, tmp_path: Path,
                                                           masked: bool) -> None:
    plan = _activity(48)
    order = "strokes" if masked else "position"
    xlsx, pdf = tmp_path / "名册.xlsx", tmp_path / "名册.pdf"
    sheets.export_roster(plan, xlsx, order=order, masked=masked)
    pages = sheet_pdfs.export_roster_pdf(plan, pdf, order=order, masked=masked)
    expected = xlsx_rows(xlsx, "报名名册")
    assert len(expected) == 1 + 49
    tables = assert_same_table(pdf, expected)
    assert len(tables) == pages >= 2
    cells = [c for page in tables for row in page for c in row]
    text = pdftotext(pdf)
    assert "重阳节敬老活动报名名册" in text and "社区党群服务中心（二楼）" in text
    flat = _squash(text)
    if masked:
        assert "（隐去部分信息）" in text and "欧**娜" in flat and "欧阳娜娜" not in flat
        assert "13900000007" not in flat and "139****0007" in flat
        assert LONG_NOTE[:8] not in flat  # free text stays off a masked list
    else:
        for typed in TYPED:  # each one whole in a cell (a long one wrapped inside it)
            assert any(_squash(typed) in c for c in cells), typed
        assert "13900000007" in flat and "欧阳娜娜" in flat


def test_the_attack_reads_the_pdf_table_row_by_row(db_path: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    """Were the masked roster PDF to show ages beside the 6+4 IDs, tests/rebuild.py would
    rebuild them: it reads this PDF's rows, so its silence on the real one means something."""
    from tests.rebuild import id_findings, masked_ids, read_tables

    plan = _activity(12)
    age = next(i for i, c in enumerate(sheets.ROSTER_COLUMNS) if c.title == "年龄")
    leaky = sorted({*sheets.MASKED_ROSTER, age})
    monkeypatch.setattr(sheets, "MASKED_ROSTER", leaky)
    monkeypatch.setattr(sheet_pdfs, "MASKED_ROSTER", leaky)
    pdf = tmp_path / "leaky.pdf"
    sheet_pdfs.export_roster_pdf(plan, pdf, masked=True)
    tables = read_tables(pdf)
    assert masked_ids(tables) == 12
    assert len(id_findings(tables)) == 12


def test_blank_form_pdf_has_the_rules_columns_and_numbered_rows(db_path: Path,
                                                                tmp_path: Path) -> None:
    plan = _activity(0, companion_age=70, min_age=60)
    xlsx, pdf = tmp_path / "报名表.xlsx", tmp_path / "报名表.pdf"
    n = sheets.export_signup_form(plan, xlsx)
    sheet_pdfs.export_form_pdf(plan, pdf)
    expected = [[c or "" for c in row] for row in xlsx_rows(xlsx)]
    assert len(expected) == 1 + n and "陪同家属" in expected[0]
    pages = assert_same_table(pdf, expected)
    assert len(pages) >= 2
    text = pdftotext(pdf)
    assert "报名人年龄：60周岁及以上" in text and "满70周岁须家属陪同" in text
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        landscape = page.width > page.height
        ys = sorted({round(e["top"]) for e in page.edges if e["orientation"] == "h"})
    xlsx_landscape = load_workbook(xlsx).active.page_setup.orientation == "landscape"
    assert landscape == xlsx_landscape
    gaps = [b - a for a, b in zip(ys[1:], ys[2:], strict=False)]  # the rows under the header
    assert len(gaps) >= 10 and min(gaps) >= 25  # tall enough to write in by hand


def test_attendance_pdf_has_the_figures_of_the_xlsx(db_path: Path, tmp_path: Path) -> None:
    plan = _activity(30)
    xlsx, pdf = tmp_path / "出勤.xlsx", tmp_path / "出勤.pdf"
    sheets.export_attendance(plan, xlsx)
    sheet_pdfs.export_attendance_pdf(plan, pdf)
    expected = xlsx_rows(xlsx)
    assert expected[1] == ["合计", "31", "1", "30", "3.2%"]
    assert_same_table(pdf, expected)
    assert "丁一甲" not in pdftotext(pdf)  # figures only


@pytest.mark.parametrize("masked", [False, True])
def test_residents_pdf_has_every_row_of_the_xlsx_in_stroke_order(db_path: Path, tmp_path: Path,
                                                                 masked: bool) -> None:
    from exporters.residents.roster import export_residents
    from models.residents.imports.importer import import_residents
    from tests.resident_factory import write_residents_csv

    assert import_residents(write_residents_csv(tmp_path / "in.csv", 90)).imported == 90
    make_resident("司马相如", phone="13911112222", tags=["独居老人", "低保户"], seq=7)
    xlsx, pdf = tmp_path / "居民.xlsx", tmp_path / "居民.pdf"
    export_residents(xlsx, masked=masked, title="居民名册")
    seen: list[tuple[int, int]] = []
    assert export_residents(pdf, masked=masked, title="居民名册",
                            progress=lambda d, t: seen.append((d, t))) == 91
    pages = assert_same_table(pdf, xlsx_rows(xlsx))
    assert len(pages) >= 3
    assert seen[-1][0] == seen[-1][1] and sorted(seen) == seen  # the bar fills, never goes back
    flat = _squash(pdftotext(pdf))
    if masked:
        assert "司**如" in flat and "司马相如" not in flat and "139****2222" in flat
        assert "1单元107室" not in flat  # the room stays off (masking.withheld)
    else:
        assert "司马相如" in flat and "13911112222" in flat and "低保户、独居老人" in flat


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin",
                                                    "QT_QPA_PLATFORM": "offscreen",
                                                    "HOME": str(ROOT)}, timeout=120)


def test_command_line_writes_pdf_by_the_extension(db_path: Path, tmp_path: Path) -> None:
    plan = _activity(5)
    from models.datafile.db import close_database

    close_database()
    db = str(db_path)
    outs = {}
    for kind in ("roster", "signup-form", "attendance"):
        out = tmp_path / f"{kind}.pdf"
        done = _cli("export", kind, "--db", db, "--activity", str(plan), "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert "PDF" in done.stdout and out.read_bytes()[:5] == b"%PDF-"
        outs[kind] = out
    assert "丁一甲" in pdftotext(outs["roster"])
    out = tmp_path / "居民.pdf"
    done = _cli("residents", "export", "--db", db, "--out", str(out), "--masked")
    assert done.returncode == 0, done.stderr
    assert "丁*甲" in _squash(pdftotext(out))
    bad = _cli("export", "roster", "--db", db, "--activity", str(plan), "--out",
               str(tmp_path / "x.doc"))
    assert bad.returncode != 0 and "请用 .xlsx 或 .pdf 文件" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_cell_longer_than_a_page_is_cut_to_the_page_and_says_so(db_path: Path,
                                                                   tmp_path: Path) -> None:
    plan = make_activity("重阳节敬老活动", capacity=None)
    sign_up(plan, NewSignup(name="丁一", notes="需要照顾。" * 800),
            now=datetime(2026, 10, 1, 9, 0))
    sign_up(plan, NewSignup(name="王二"), now=datetime(2026, 10, 1, 9, 5))
    pdf = tmp_path / "名册.pdf"
    assert sheet_pdfs.export_roster_pdf(plan, pdf) == 2
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:  # nothing drawn past the footer's line
            assert max(c["bottom"] for c in page.chars) < page.height - 10
    pages = pdf_pages(pdf)
    assert pages[0][1][1] == "丁一" and pages[0][1][-2].endswith("……")
    assert pages[1][1][1] == "王二"


def test_a_title_of_hundreds_of_characters_leaves_the_table_its_page(db_path: Path,
                                                                     tmp_path: Path) -> None:
    plan = make_activity("社区邻里节" * 80, capacity=None, places="、".join(["活动室"] * 60))
    sign_up(plan, NewSignup(name="丁一"), now=datetime(2026, 10, 1, 9, 0))
    pdf = tmp_path / "出勤.pdf"
    assert sheet_pdfs.export_roster_pdf(plan, pdf) == 1
    pages = pdf_pages(pdf)
    assert pages[0][1][1] == "丁一"
    assert "……" in pdftotext(pdf)  # the title says it was cut
