"""Every public export is masked: each file in tests/public_exports.py is scanned for an unmasked
18-digit ID or 11-digit mobile number. The scanner itself is tested on xlsx, PDF and CSV files
holding the same synthetic people unmasked (found) and masked with models.common.masking (clean)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from models.common.masking import mask_id, mask_name, mask_phone
from tests.leakscan import find_leaks, scan
from tests.public_exports import PUBLIC_EXPORTS, PublicExport

ROOT = Path(__file__).resolve().parent.parent

# Synthetic people: made-up numbers in the right shape (not real persons).
PEOPLE = [
    ("张三明", "110101194910010018", "13800138000"),
    ("欧阳娜娜", "33010219900101123X", "15912345678"),
    ("李四", "440305200512310027", "0755-12345678"),  # a landline: not a mobile
]


@pytest.mark.parametrize("export", PUBLIC_EXPORTS, ids=lambda e: e.name)
def test_public_export_has_no_unmasked_numbers(export: PublicExport, db_path: Path,
                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = export.make(db_path, out)
    assert path.exists() and path.stat().st_size > 0
    assert scan(path) == [], f"{export.name} shows personal numbers unmasked"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_scan_catches_a_real_export_left_unmasked(suffix: str, db_path: Path,
                                                  tmp_path: Path) -> None:
    """The registry's scan is not blind on real exporter output: the internal, unmasked register
    is full of finds."""
    from tests.public_exports import residents_register

    out = tmp_path / "out"
    out.mkdir()
    path = residents_register(False, suffix)(db_path, out)
    assert len(scan(path)) >= 60


def rows(masked: bool) -> list[list[str]]:
    if not masked:
        return [list(p) for p in PEOPLE]
    return [[mask_name(n), mask_id(i), mask_phone(m)] for n, i, m in PEOPLE]


def write_xlsx(path: Path, data: list[list[str]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "签到表"
    ws.append(["姓名", "身份证号", "联系电话"])
    for r in data:
        ws.append(r)
    wb.save(path)
    return path


def write_pdf(path: Path, data: list[list[str]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont("WQY", str(font), subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("WQY", 12)
    y = 780
    for r in [["姓名", "身份证号", "联系电话"], *data]:
        c.drawString(60, y, "  ".join(r))
        y -= 20
    c.save()
    return path


def write_csv(path: Path, data: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号", "联系电话"])
        w.writerows(data)
    return path


@pytest.mark.parametrize("writer", [write_xlsx, write_pdf, write_csv], ids=["xlsx", "pdf", "csv"])
def test_scanner_finds_unmasked_and_passes_masked(writer, tmp_path: Path) -> None:
    ext = writer.__name__.split("_")[1]
    leaky = scan(writer(tmp_path / f"leaky.{ext}", rows(masked=False)))
    assert sorted(leaky) == sorted(["110101194910010018", "33010219900101123X",
                                    "440305200512310027", "13800138000", "15912345678"])
    assert scan(writer(tmp_path / f"clean.{ext}", rows(masked=True))) == []


def test_scanner_catches_numbers_stored_as_numbers_and_headers(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 13800138000  # a mobile typed as a number
    ws["A2"] = 13800138000.0
    ws.oddFooter.center.text = "联系人 159-1234-5678"
    path = tmp_path / "n.xlsx"
    wb.save(path)
    assert sorted(scan(path)) == ["13800138000", "13800138000", "159-1234-5678"]


def test_pattern_edges() -> None:
    assert find_leaks("编号 1234567890123456789") == []  # 19 digits: not an ID
    assert find_leaks("金额 13800138000.5 元") == ["13800138000"]
    assert find_leaks("110101********0018 138****8000") == []
    assert find_leaks("电话12800138000") == []  # 12x is not a mobile prefix
