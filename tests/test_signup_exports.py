"""Every sign-up export read back: print set-up (A4, fit to width, print titles, footer), text ID
and phone columns, masked values on the sign-in sheet, blank rows, drop-downs; the sign-in PDF's
text; and, where LibreOffice is installed, each workbook printed one page wide."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from exporters.signups.sheets import (
    SIGNIN_BLANK_ROWS,
    export_attendance,
    export_roster,
    export_signin_xlsx,
    export_signup_form,
)
from exporters.signups.signin_pdf import export_signin_pdf, rows_per_page
from models.signups.checkin import check_in
from models.signups.records import CompanionRecord, NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity, make_resident

NOW = datetime(2026, 10, 10, 9, 0)
NAMES = ["王建国", "丁一", "欧阳娜娜", "李秀英", "张伟", "马六", "刘红梅", "陈志刚"]


def _activity(n: int = 8, **rules: object) -> int:
    plan = make_activity(capacity=None, companion_age=70, **rules)
    for i in range(n):
        rid = make_resident(NAMES[i % len(NAMES)] if i < len(NAMES) else "赵" + "甲乙丙丁"[i % 4]
                            + "一二三四五六七八九十"[i % 10], date(1950 + i % 30, 3, 3),
                            phone=f"1391234{i:04d}", seq=i, gender="男女"[i % 2],
                            building=f"{i % 3 + 1}幢")
        comps = [CompanionRecord(f"家属{i}", "子女", None, f"1380000{i:04d}")] if i % 2 == 0 else []
        assert sign_up(plan, NewSignup(resident_id=rid, companions=comps), now=NOW,
                       override_note="测试").saved
    return plan


def _print_setup_ok(ws) -> None:
    assert ws.page_setup.paperSize in ("9", 9)
    assert ws.page_setup.fitToWidth in (1, "1") and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight in (0, "0")
    assert ws.print_title_rows == "2:2" or ws.print_title_rows == "$2:$2"
    assert "第 &P 页 共 &N 页" in (ws.oddFooter.center.text or "")
    assert ws.print_options.horizontalCentered


def _column(ws, title: str) -> list:
    head = [c.value for c in ws[2]]
    i = head.index(title)
    return [row[i] for row in ws.iter_rows(min_row=3, values_only=False)]


def test_roster_full_data_text_columns(db_path: Path, tmp_path: Path) -> None:
    plan = _activity()
    out = tmp_path / "名册.xlsx"
    assert export_roster(plan, out) == 8
    wb = load_workbook(out)
    ws = wb["报名名册"]
    _print_setup_ok(ws)
    assert "重阳节登山活动报名名册" in ws["A1"].value and "社区党群服务中心" in ws["A1"].value
    ids = _column(ws, "身份证号")
    phones = _column(ws, "联系电话")
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids + phones)
    assert re.fullmatch(r"\d{17}[\dX]", ids[0].value) and phones[0].value == "13912340000"
    assert [c.value for c in _column(ws, "姓名")][:2] == ["王建国", "丁一"]  # sign-up order
    assert "出勤统计" in wb.sheetnames


def test_signin_xlsx_masked_blank_rows_tall(db_path: Path, tmp_path: Path) -> None:
    plan = _activity()
    out = tmp_path / "签到表.xlsx"
    assert export_signin_xlsx(plan, out) == 8
    ws = load_workbook(out).active
    _print_setup_ok(ws)
    head = [c.value for c in ws[2]]
    assert head == ["序号", "姓名", "联系电话", "陪同人员", "签名"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 8 + SIGNIN_BLANK_ROWS
    names = [r[1] for r in rows[:8]]
    assert names[0] == "丁一"  # 姓氏笔画: 丁 (2 strokes) first
    assert all(re.fullmatch(r"139\*{4}\d{4}", r[2]) for r in rows[:8])
    assert all(r[1] is None and r[2] is None for r in rows[8:])  # blank rows for walk-ins
    assert [r[0] for r in rows[8:]] == [str(i) for i in range(9, 9 + SIGNIN_BLANK_ROWS)]
    assert all(ws.row_dimensions[i].height >= 30 for i in range(3, 3 + len(rows)))
    assert all(c.number_format == "@" for c in _column(ws, "联系电话"))

    masked = tmp_path / "签到表（隐去姓名）.xlsx"
    export_signin_xlsx(plan, masked, masked=True, order="position")
    rows = list(load_workbook(masked).active.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows[:3]] == ["王*国", "丁*", "欧**娜"]
    assert rows[0][3] == "家*0" or rows[0][3].startswith("家*")


def test_signup_form_columns_and_dropdowns(db_path: Path, tmp_path: Path) -> None:
    elders = make_activity(capacity=60, min_age=50, companion_age=70)
    out = tmp_path / "报名表.xlsx"
    assert export_signup_form(elders, out) == 70
    ws = load_workbook(out).active
    _print_setup_ok(ws)
    head = [c.value for c in ws[2]]
    assert {"陪同家属", "与本人关系", "家属电话"} <= set(head) and "幼儿姓名" not in head
    assert ws.max_row == 2 + 70
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    sex_col = "ABCDEFGHIJKLMNOP"[head.index("性别")]
    assert lists['"男,女"'] == f"{sex_col}3:{sex_col}72"
    assert ws.cell(3, head.index("身份证号") + 1).number_format == "@"

    kids = make_activity("亲子早教", capacity=30, min_age=0, max_age=3)
    export_signup_form(kids, out)
    head = [c.value for c in load_workbook(out).active[2]]
    assert "幼儿姓名" in head and "幼儿年龄（岁）" in head and "陪同家属" not in head


def test_attendance_summary(db_path: Path, tmp_path: Path) -> None:
    plan = _activity()
    check_in(plan, "丁一")
    check_in(plan, "zw")
    fig = export_attendance(plan, tmp_path / "出勤.xlsx")
    assert (fig.registered, fig.attended) == (8, 2)
    rows = list(load_workbook(tmp_path / "出勤.xlsx").active.iter_rows(min_row=3,
                                                                        values_only=True))
    assert rows[0][:3] == ("合计", 8, 2)
    labels = [r[0] for r in rows]
    assert "按性别" in labels and "　男" in labels and "　1幢" in labels


def test_signin_pdf_masked_pages_and_blank_rows(db_path: Path, tmp_path: Path) -> None:
    per = rows_per_page()
    plan = _activity(per + 3)  # spills onto a second page
    out = tmp_path / "签到表.pdf"
    pages = export_signin_pdf(plan, out)
    reader = PdfReader(out)
    assert pages == len(reader.pages) == 2
    texts = [p.extract_text() for p in reader.pages]
    for n, text in enumerate(texts, start=1):
        assert "重阳节登山活动签到表" in text and "序号" in text and "签名" in text
        assert f"第 {n} 页 共 2 页" in text
    full = "".join(texts)
    assert "13912340000" not in full and "139****0000" in full
    assert str(2 * per) in texts[1]  # blank numbered rows fill the last page
    assert "丁一" in texts[0]


def test_signin_pdf_fonts_embedded(db_path: Path, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts not installed")
    plan = _activity(3)
    out = tmp_path / "s.pdf"
    export_signin_pdf(plan, out)
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    lines = listing.splitlines()[2:]
    assert lines and all(" yes " in line for line in lines), listing  # embedded, no Helvetica


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_prints_each_workbook_one_page_wide(db_path: Path, tmp_path: Path) -> None:
    """Every page LibreOffice prints carries the first and the last column's header (print titles
    repeat the header row): a sheet split across page widths would give pages holding only the
    overflow columns, without 序号."""
    plan = _activity(40)
    made = {
        "roster": (export_roster, ("序号", "破例说明")),
        "signin": (export_signin_xlsx, ("序号", "签名")),
        "form": (export_signup_form, ("序号", "备注")),
    }
    for name, (fn, (first, last)) in made.items():
        xlsx = tmp_path / f"{name}.xlsx"
        fn(plan, xlsx)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)],
                       check=True, capture_output=True, timeout=180)
        reader = PdfReader(tmp_path / f"{name}.pdf")
        pages = [p.extract_text() for p in reader.pages]
        # The roster's second sheet (出勤统计) has its own header.
        table_pages = [t for t in pages if "出勤统计" not in t]
        assert table_pages, name
        for text in table_pages:
            compact = text.replace(" ", "").replace("\n", "")
            assert first in compact and last in compact, (name, text[:200])
