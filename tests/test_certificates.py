"""Certificates: `export certificates` for a contest's prizes and an honour list, full page or
text only on A4/A5 landscape or a size in mm, offsets, the mm-grid test page, the register, and a
name the fonts cannot draw refused before anything is written."""
from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import main
from models.datafile.db import close_database


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    rc = main.main(list(args))
    close_database()
    assert rc == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.fixture()
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.db"
    _run(capsys, "demo", "--db", str(db))
    return db


def _text(path: Path, page: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


def _size_mm(path: Path) -> tuple[int, int]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)


def test_honour_certificates_a4_full_with_register(demo_db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    honours = json.loads(_run(capsys, "honours", "--db", str(demo_db), "--json"))[0]
    approved = [n["name"] for n in honours["nominations"] if n["status"] == "已通过"]
    out = tmp_path / "荣誉证书.pdf"
    _run(capsys, "export", "certificates", "--db", str(demo_db), "--honour",
         str(honours["id"]), "--out", str(out), "--date", "2026-10-29")
    assert len(PdfReader(out).pages) == 10 and _size_mm(out) == (297, 210)
    for page, name in enumerate(approved, 1):
        text = _text(out, page)
        assert text.startswith("荣誉证书") and f"{name}：" in text
        assert "十佳“社区文明健康老人”" in text and "2026年10月29日" in text
    reg = load_workbook(tmp_path / "荣誉证书_发放登记表.xlsx").active
    rows = [r for r in reg.iter_rows(min_row=3, values_only=True) if r[0]]
    assert [r[1] for r in rows] == approved
    assert len({r[0] for r in rows}) == 10 and all(r[0] in _text(out, i + 1)
                                                   for i, r in enumerate(rows))


def test_contest_certificates_a5_text_only_offsets_and_test_page(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contest = json.loads(_run(capsys, "contests", "--db", str(demo_db), "--json"))[0]
    winners = [e for e in contest["entries"] if e["prize"]]
    plain = tmp_path / "plain.pdf"
    moved = tmp_path / "moved.pdf"
    _run(capsys, "export", "certificates", "--db", str(demo_db), "--contest",
         str(contest["id"]), "--out", str(plain), "--paper", "A5横", "--text-only")
    _run(capsys, "export", "certificates", "--db", str(demo_db), "--contest",
         str(contest["id"]), "--out", str(moved), "--paper", "A5横", "--text-only",
         "--offset-x", "5", "--offset-y", "3", "--test-page")
    assert _size_mm(plain) == (210, 148)
    assert len(PdfReader(plain).pages) == len(winners)
    assert len(PdfReader(moved).pages) == len(winners) + 1  # the grid page first
    first = _text(plain, 1)
    assert "获奖证书" not in first  # text only: the paper carries the title
    assert "荣获" in first and "一等奖" in first
    # The offsets move the name 5 mm right and 3 mm down (page 2 of moved is page 1 of plain).
    def name_pos(path: Path, page: int) -> tuple[float, float]:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            words = pdf.pages[page - 1].extract_words()
            w = next(w for w in words if "：" in w["text"])
            return w["x0"], w["top"]
    x0, y0 = name_pos(plain, 1)
    x1, y1 = name_pos(moved, 2)
    assert (x1 - x0) == pytest.approx(5 / 25.4 * 72, abs=0.5)
    assert (y1 - y0) == pytest.approx(3 / 25.4 * 72, abs=0.5)
    grid = _text(moved, 1)
    assert "10" in grid and "100" in grid  # the millimetre labels
    # A size in millimetres.
    odd = tmp_path / "odd.pdf"
    _run(capsys, "export", "certificates", "--db", str(demo_db), "--contest",
         str(contest["id"]), "--out", str(odd), "--paper", "260x185")
    assert _size_mm(odd) == (260, 185)


def test_name_the_fonts_lack_is_refused_before_printing(db_path: Path, tmp_path: Path) -> None:
    from exporters.contests.certificates import (
        Certificate,
        Layout,
        MissingGlyphs,
        export_certificates,
    )

    certs = [Certificate("1", "荣誉证书", "张桂英", "被评为……", "社区居委会", date(2026, 10, 29)),
             Certificate("2", "荣誉证书", "王\U0003134a", "被评为……", "社区居委会", None)]
    out = tmp_path / "c.pdf"
    with pytest.raises(MissingGlyphs, match="王\U0003134a（缺“\U0003134a”）"):
        export_certificates(certs, out, Layout())
    assert not out.exists()


def test_bad_paper_refused_in_chinese(demo_db: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    for paper in ("B9", "10x10", "axb"):
        rc = main.main(["export", "certificates", "--db", str(demo_db), "--honour", "1",
                        "--out", str(tmp_path / "c.pdf"), "--paper", paper])
        close_database()
        assert rc != 0
        assert "纸张" in capsys.readouterr().err
    assert not (tmp_path / "c.pdf").exists()


def test_long_body_breaks_by_chinese_rules_justified_and_whole(tmp_path: Path) -> None:
    """The body is drawn line by line (not as a Paragraph, for speed): every character once and
    in order, the first line indented, full lines justified to one right edge, no line starting
    with a closing mark."""
    import pdfplumber

    from exporters.contests.certificates import Certificate, Layout, export_certificates

    body = ("你的作品《行书·九月九日忆山东兄弟》在2026年重阳节“登高望远·古城变迁”摄影书画诗词"
            "作品评比中荣获书画类一等奖。特发此证，以资鼓励。")
    out = tmp_path / "c.pdf"
    export_certificates([Certificate("1", "获奖证书", "张桂英", body, "社区居委会", None)], out,
                        Layout())
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] > 19 and c["size"] < 21]
    lines: dict[int, list[dict]] = {}
    for ch in chars:
        lines.setdefault(round(ch["top"]), []).append(ch)
    rows = [sorted(lines[k], key=lambda c: c["x0"]) for k in sorted(lines)]
    texts = ["".join(c["text"] for c in row) for row in rows]
    body_rows = [r for r, t in zip(rows, texts, strict=True) if t[0] not in "社2"]
    assert "".join("".join(c["text"] for c in r) for r in body_rows) == body
    assert len(body_rows) == 3
    assert body_rows[0][0]["x0"] > body_rows[1][0]["x0"] + 30  # the first line indented
    assert body_rows[0][-1]["x1"] == pytest.approx(body_rows[1][-1]["x1"], abs=0.6)
    assert body_rows[2][-1]["x1"] < body_rows[1][-1]["x1"] - 100  # the last line not stretched
    assert all(r[0]["text"] not in "。，、；：”》）" for r in body_rows)


def test_register_keeps_numbers_on_reprint_and_exports(demo_db: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Each certificate printed is a row of the register (read back from the data file); printing
    the same list again keeps every number and counts the printing; a batch whose PDF cannot be
    written takes no number; the register exports to .xlsx."""
    import sqlite3

    def rows() -> list[tuple]:
        con = sqlite3.connect(demo_db)
        try:
            return con.execute("SELECT number, name, kind, issued, issued_by, printed, "
                               "nomination_id FROM certificate ORDER BY number").fetchall()
        finally:
            con.close()

    out = tmp_path / "荣誉证书.pdf"
    first = _run(capsys, "export", "certificates", "--db", str(demo_db), "--honour", "1",
                 "--out", str(out), "--date", "2026-10-29", "--issued-by", "李敏")
    assert "已导出证书 10 张" in first and "重印" not in first
    issued = rows()
    assert [r[0] for r in issued] == [f"2026-H1-{n:03d}" for n in range(1, 11)]
    assert {r[2] for r in issued} == {"荣誉证书"} and {r[4] for r in issued} == {"李敏"}
    assert {r[5] for r in issued} == {1} and len({r[6] for r in issued}) == 10
    for page, r in enumerate(issued, 1):  # the number printed is the number recorded
        assert f"证书编号：{r[0]}" in _text(out, page) and f"{r[1]}：" in _text(out, page)
    again = _run(capsys, "export", "certificates", "--db", str(demo_db), "--honour", "1",
                 "--out", str(tmp_path / "again.pdf"), "--date", "2026-11-02",
                 "--issued-by", "王芳")
    assert "其中 10 张为重印，沿用原编号" in again
    reprinted = rows()
    assert [r[0] for r in reprinted] == [r[0] for r in issued]
    assert {r[5] for r in reprinted} == {2} and {r[3] for r in reprinted} == {"2026-11-02"}
    # A PDF that cannot be written: no number taken, nothing counted.
    rc = main.main(["export", "certificates", "--db", str(demo_db), "--contest", "1",
                    "--out", str(tmp_path / "no" / "such" / "c.pdf")])
    close_database()
    assert rc != 0 and rows() == reprinted
    reg = tmp_path / "登记.xlsx"
    _run(capsys, "export", "certificate-register", "--db", str(demo_db), "--out", str(reg))
    ws = load_workbook(reg).active
    assert [c.value for c in ws[2]][:8] == ["证书编号", "姓名", "证书", "内容", "颁发单位", "日期",
                                          "经办人", "印制次数"]
    body = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert [(r[0], r[1], r[5], r[6], r[7]) for r in body] == [
        (r[0], r[1], "2026-11-02", "王芳", "2") for r in reprinted]
