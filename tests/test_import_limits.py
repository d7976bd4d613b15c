"""What one import may take (models.residents.imports.guard.ImportLimits), checked before any
reader sees the file: each limit lowered through the `limits` parameter so that a file a few KB
on disk crosses it, with the message the clerk reads; the zip is measured as it unpacks, so
headers that lie about the sizes do not fool it. Real rosters pass untouched."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from models.residents.imports.guard import ImportLimits, UnreadableFile, check_file
from models.residents.imports.importer import import_residents
from models.residents.imports.reader import read_file
from tests.hostile_corpus import (
    inline_text_bomb,
    lying_sizes_zip,
    ods_repeat,
    roster_xlsx,
    shared_string_bomb,
    sparse_area_bomb,
)


def _refused(path: Path, limits: ImportLimits, words: str) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_file(path, limits)
    message = str(caught.value)
    assert re.search(words, message), message
    assert path.name in message
    return message


def test_a_plain_roster_passes_and_imports(db_path: Path, tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "名册.xlsx", [["张三", "男", None, "13812345678", "1栋", "101"],
                                                ["李四", "女", None, None, "1栋", "102"]])
    check_file(path)
    report = import_residents(path, limits=ImportLimits(total_bytes=1 << 20))
    assert report.imported == 2


def test_shared_string_of_megabytes_used_by_many_cells(tmp_path: Path) -> None:
    """The 156 KB file whose one shared string was used by 2,000 cells (3.9 GB, then a Rust
    abort), scaled: a string of a million characters (3 MB) is beyond a cell limit of 500,000;
    with the cell limit raised above it, 2,000 cells using it expand to 6 GB: refused too. And
    a string within the cell limit used by 2,000 cells is beyond a 16 MB expansion limit."""
    bomb = shared_string_bomb(tmp_path / "一格.xlsx", text_chars=1_000_000, cells=2000)
    assert bomb.stat().st_size < 100_000
    _refused(bomb, ImportLimits(cell_chars=500_000), r"单元格的文字超过 500000 个字")
    _refused(bomb, ImportLimits(cell_chars=2_000_000), r"展开后过大")
    copies = shared_string_bomb(tmp_path / "复制.xlsx", text_chars=10_000, cells=2000)
    _refused(copies, ImportLimits(text_bytes=16 << 20), r"展开后过大")
    # Within the real limits (60 MB of text) the same file is read.
    assert len(read_file(copies)[0].rows) == 1001


def test_cell_text_beyond_excel_s_own_limit(tmp_path: Path) -> None:
    path = inline_text_bomb(tmp_path / "长.xlsx", text_chars=40_000)
    _refused(path, ImportLimits(), r"超过 32767 个字")
    # Measured in characters, not bytes: 30,000 Chinese characters (90 KB) are allowed.
    assert read_file(inline_text_bomb(tmp_path / "可.xlsx", text_chars=30_000), ImportLimits())


def test_lying_zip_headers_are_measured_as_unpacked(tmp_path: Path) -> None:
    path = lying_sizes_zip(tmp_path / "谎.xlsx", text_chars=20_000)
    _refused(path, ImportLimits(), r"已损坏")
    # With a total limit below what the stream really holds, the running count stops it
    # (the headers say 100 bytes).
    _refused(path, ImportLimits(total_bytes=30_000), r"解压后超过")


def test_total_size_cells_and_area(tmp_path: Path) -> None:
    rows = [[f"张{i}", "男", None, None, f"{i}栋", "101"] for i in range(3000)]
    path = roster_xlsx(tmp_path / "大.xlsx", rows)
    _refused(path, ImportLimits(total_bytes=100_000), r"解压后超过")
    _refused(path, ImportLimits(cells=5000), r"单元格超过 5000 个")
    _refused(path, ImportLimits(area=10_000), r"范围达到 3001 行")
    assert len(read_file(path)[0].rows) == 3001
    _refused(sparse_area_bomb(tmp_path / "远.xlsx"), ImportLimits(), r"1048576 行 × 16384 列")


def test_csv_and_old_xls_sizes(tmp_path: Path) -> None:
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,性别\n" + "张三,男\n" * 5000, encoding="utf-8")
    _refused(csv, ImportLimits(file_bytes=10_000), r"超过一次导入的上限")
    _refused(csv, ImportLimits(cells=1000), r"单元格超过 1000 个")
    long = tmp_path / "长.csv"
    long.write_text("姓名,备注\n张三," + "字" * 40_000 + "\n", encoding="utf-8")
    _refused(long, ImportLimits(), r"超过 32767 个字")
    xls = tmp_path / "旧.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20_000))
    _refused(xls, ImportLimits(file_bytes=10_000), r"超过一次导入的上限")


def test_ods_repeats_are_counted_expanded(tmp_path: Path) -> None:
    """Repeated filled cells count as what they expand to; the million empty rows LibreOffice
    writes at the end of every sheet count as nothing."""
    small = ods_repeat(tmp_path / "小.ods", rows=3, cols=2)
    rows = read_file(small)[0].rows
    assert len(rows) == 4 and rows[3][:2] == ["王", "王"]
    _refused(small, ImportLimits(cells=7), r"单元格超过 7 个")
    big = ods_repeat(tmp_path / "大.ods", rows=6000, cols=1000)
    _refused(big, ImportLimits(), r"单元格超过")
    _refused(ods_repeat(tmp_path / "宽.ods", rows=1000, cols=1000), ImportLimits(area=500_000),
             r"范围达到 \d+ 行 × 1000 列")
