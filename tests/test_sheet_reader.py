"""Sheets are read one ahead in a thread while the importer checks the previous one: the same
sheets in the same order as a plain read, errors raised in the caller, and the reader thread
gone (the file closed) whatever way the caller stops."""
from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest

from models.residents.imports import importer
from models.residents.imports.importer import ImportCancelled, import_residents
from models.residents.imports.reader import UnreadableFile, _workbook_sheets, iter_sheets, read_file
from models.residents.service import count_residents
from tests.resident_factory import resident_rows
from tests.test_resident_import import _table_digest

HEADER = ["姓名", "身份证号", "联系电话", "楼栋", "单元", "房号"]


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sheet-reader"]


def _workbook(path: Path, sheets: int, per_sheet: int, seed: int = 7) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    rows = resident_rows(sheets * per_sheet, seed=seed)
    for k in range(sheets):
        ws = wb.create_sheet(f"{k + 1}号楼")
        ws.append([f"{k + 1}号楼居民名册"])
        ws.append(HEADER)
        for row in rows[k * per_sheet:(k + 1) * per_sheet]:
            ws.append(row)
        ws.merge_cells("A1:E1")
    wb.save(path)
    return path


def test_same_sheets_in_the_same_order_as_a_plain_read(tmp_path: Path) -> None:
    src = _workbook(tmp_path / "名册.xlsx", sheets=6, per_sheet=40)
    plain = list(_workbook_sheets(src))
    ahead = list(iter_sheets(src))
    assert [s.name for s, _n in ahead] == [f"{k}号楼" for k in range(1, 7)]
    assert {n for _s, n in ahead} == {6}
    assert [(s.name, s.rows, s.merged) for s, _n in ahead] == [
        (s.name, s.rows, s.merged) for s, _n in plain]
    assert [s.name for s in read_file(src)] == [s.name for s, _n in ahead]
    assert not _readers()


def test_stopping_early_ends_the_reader_thread(tmp_path: Path) -> None:
    src = _workbook(tmp_path / "名册.xlsx", sheets=8, per_sheet=30)
    sheets = iter_sheets(src)
    first, count = next(sheets)
    assert (first.name, count) == ("1号楼", 8)
    sheets.close()  # the caller gives up after one sheet (a cancel)
    assert not _readers()
    src.rename(tmp_path / "moved.xlsx")  # nothing holds the file


def test_an_unreadable_workbook_is_refused_in_the_caller(tmp_path: Path) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    before = bad.read_bytes()
    with pytest.raises(UnreadableFile, match="无法读取"):
        list(iter_sheets(bad))
    assert not _readers()
    assert bad.read_bytes() == before


def test_a_cancel_while_sheets_are_read_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    src = _workbook(tmp_path / "名册.xlsx", sheets=5, per_sheet=30)
    import_residents(src)  # something already there
    before = _table_digest(db_path)
    seen: list[tuple[int, int]] = []

    def reading(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 3

    with pytest.raises(ImportCancelled):
        import_residents(_workbook(tmp_path / "另一本.xlsx", sheets=5, per_sheet=30, seed=8),
                         reading=reading)
    assert seen == [(1, 5), (2, 5), (3, 5)]
    assert not _readers()
    assert _table_digest(db_path) == before


def test_reading_reports_every_sheet_then_the_rows_are_written(db_path: Path,
                                                               tmp_path: Path) -> None:
    src = _workbook(tmp_path / "名册.xlsx", sheets=4, per_sheet=25)
    seen: list[tuple[int, int]] = []
    report = import_residents(src, reading=lambda d, t: seen.append((d, t)) or True)
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert len(report.rows) == 100
    assert [s.sheet for s in report.sheets] == [f"{k}号楼" for k in range(1, 5)]
    assert count_residents() == report.imported > 0
    assert importer.IMPORTED in {r.outcome for r in report.rows}
