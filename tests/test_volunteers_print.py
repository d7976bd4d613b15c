"""The service record certificates as drawn on the canvas (exporters/pdf/page.py), read back
from the PDF: every text of each certificate is there, on the official page's geometry; a long
one runs on to a second page with the seal's room, the issuer and the date kept together; every
page is numbered. And the ledger's write-only workbook: bold total rows, merged title and
particulars lines, rows tall enough for their text."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
from openpyxl import load_workbook

from exporters.pdf import official as o
from exporters.volunteers.certificate import certificate_texts, export_certificates_pdf
from models.volunteers.certificates import CertificateRecord, Issuer
from models.volunteers.records import VolunteerRecord


def _volunteer(n: int) -> VolunteerRecord:
    return VolunteerRecord(n, f"ZY2026{n:04d}", ["诸葛娟辉", "王芳", "欧阳明"][n % 3], "", None,
                           1, "第一服务队", "女", None, "33010219551023135X" if n % 2 else "",
                           "中共党员", "", "", "", "", date(2025, 1, 1), None, "在册")


def _cert(n: int, content: str) -> CertificateRecord:
    return CertificateRecord(n, f"ZYZM-2026-{n:04d}", _volunteer(n), date(2026, 1, 1),
                             date(2026, 12, 31), 12 + n, 1470 + n,
                             content, Issuer("某某社区居民委员会", "王主任", "李干事",
                                             "0571-88886666"), date(2026, 12, 31),
                             "另附服务明细" if n == 2 else "")


def _squash(text: str) -> str:
    return "".join(text.split())


def test_certificates_hold_every_text_on_numbered_official_pages(tmp_path: Path) -> None:
    long = "、".join(["夜间平安巡逻", "政策宣讲进楼道", "关爱独居老人", "清理楼道堆物"] * 9)
    certs = [_cert(1, "夜间平安巡逻"), _cert(2, long), _cert(3, "")]
    out = tmp_path / "c.pdf"
    pages = export_certificates_pdf(certs, out)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == pages == 4  # the long one takes two
        texts = [p.extract_text() or "" for p in pdf.pages]
        for n, page in enumerate(pdf.pages, 1):
            assert f"— {n} —" in texts[n - 1]
            body = [c for c in page.chars if c["size"] == o.BODY_SIZE]
            assert all(c["x0"] >= o.MARGIN_LEFT - 0.5 and c["x1"] <= o.MARGIN_LEFT + o.TEXT_W
                       + 0.5 for c in body)  # inside the text area, justified lines included
            assert all(c["bottom"] <= o.MARGIN_TOP + o.TEXT_H + 1 for c in body)
    expected = [certificate_texts(c) for c in certs]
    per_cert = [_squash(texts[0]), _squash(texts[1] + texts[2]), _squash(texts[3])]
    for got, t in zip(per_cert, expected, strict=True):
        for piece in [t.number, *t.body, *(v for row in t.table for v in row), t.note,
                      t.issuer, t.issued]:
            assert _squash(piece) in got
    # the long certificate's issuer and date went over together, two blank lines above them
    assert "某某社区居民委员会" in texts[2] and "2026年12月31日" in texts[2]
    assert "兹证明" not in texts[2]
    assert "2026年12月31日" not in texts[1].replace("2026年1月1日至2026年12月31日", "")


def test_ledger_workbook_keeps_its_print_shape(db_path: Path, tmp_path: Path) -> None:
    from exporters.volunteers.ledger import export_ledger_xlsx
    from models.volunteers.demo import make_demo_volunteers

    make_demo_volunteers(today=date(2026, 11, 30))
    out = tmp_path / "l.xlsx"
    fig = export_ledger_xlsx(2026, out)
    wb = load_workbook(out)
    summary = wb["年度汇总"]
    assert "A1:M1" in {str(r) for r in summary.merged_cells.ranges}
    members = sum(len(t.members) for t in fig.teams)
    last = 2 + members + 1
    assert summary.cell(last, 1).value == "合计" and summary.cell(last, 1).font.b
    assert not summary.cell(3, 1).font.b and summary.cell(3, 1).border.left.style == "thin"
    assert summary.cell(last, 7).value == sum(m.minutes for t in fig.teams for m in t.members)
    team = wb[fig.teams[0].name]
    assert {"A1:G1", "A2:G2"} <= {str(r) for r in team.merged_cells.ranges}
    assert team.row_dimensions[2].height == 45 and team.print_title_rows == "$3:$3"
    rows = list(team.iter_rows(min_row=4, values_only=True))
    assert rows[-1][0] == "全年合计"
    for r, values in enumerate(rows, 4):
        # a row's height follows its longest wrapped text: never one line for many
        if values[4] and len(str(values[4])) > 40:
            assert (team.row_dimensions[r].height or 0) > 20
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows()
               for c in row)
