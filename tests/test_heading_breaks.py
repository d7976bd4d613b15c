"""The time-and-place line over a sign-in sheet: a long place ("市郊森林公园（重阳登高）") is
broken between places, never inside a bracket, at a size that reads (the sign-in PDF shrank the
whole line to 7 pt, and a longer one ran off the page; LibreOffice broke the .xlsx title inside
the bracket: 市郊森林公园（重 / 阳登高）)."""
from __future__ import annotations

from pathlib import Path

import pdfplumber

from exporters.pdf.listing import wrap
from exporters.sheets.layout import display_width
from exporters.signups.sheets import activity_header
from exporters.signups.signin_pdf import export_signin_pdf
from tests.signup_factory import make_activity

PLACES = ("集合地点：社区党群服务中心门前广场\n游览地点：市郊森林公园（重阳登高）\n"
          "联欢地点：社区文体活动室\n午餐地点：农家乐餐厅（凭餐券入场，素食另备）")


def _balanced(line: str) -> bool:
    return line.count("（") == line.count("）")


def _heading_lines(pdf: Path) -> list[tuple[str, float, float]]:
    """(text, size, right edge) of each text line above the table on page 1."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        table_top = min(r["top"] for r in page.rects) if page.rects else page.height
        chars = [c for c in page.chars if c["bottom"] < table_top]
        lines: dict[int, list[dict]] = {}
        for c in chars:
            lines.setdefault(round(c["top"]), []).append(c)
        out = []
        for _top, cs in sorted(lines.items()):
            cs.sort(key=lambda c: c["x0"])
            out.append(("".join(c["text"] for c in cs), min(c["size"] for c in cs),
                        max(c["x1"] for c in cs)))
        return out, page.width


def test_sign_in_pdf_breaks_the_place_line_between_places_at_a_readable_size(
        db_path: Path, tmp_path: Path) -> None:
    plan = make_activity("重阳节敬老活动", places=PLACES, capacity=None)
    out = tmp_path / "签到表.pdf"
    export_signin_pdf(plan, out)
    lines, width = _heading_lines(out)
    text = "".join(t for t, _s, _x in lines).replace(" ", "")
    assert "市郊森林公园（重阳登高）" in text and "（凭餐券入场，素食另备）" in text
    under_title = [(t, s, x) for t, s, x in lines[1:]]
    assert len(under_title) >= 2  # the place needed more than one line
    for t, size, right in under_title:
        assert _balanced(t), t
        assert size >= 9, (t, size)
        assert right <= width - 20, (t, right)  # inside the page's margin


def test_sheet_title_lines_break_between_places_not_inside_a_bracket(db_path: Path) -> None:
    plan = make_activity("重阳节敬老活动", places=PLACES, capacity=None)
    title = activity_header(plan).line("签到表")
    lines = title.split("\n")
    assert "".join(lines).count("市郊森林公园（重阳登高）") == 1
    for line in lines:
        assert _balanced(line), line
        assert display_width(line) <= 56, line


def test_wrap_keeps_a_bracket_whole_when_a_break_outside_exists() -> None:
    text = "地点：社区党群服务中心门前广场、市郊森林公园（重阳登高）、社区文体活动室"
    lines = wrap(text, lambda t: float(display_width(t)), 56)
    assert lines == ["地点：社区党群服务中心门前广场、", "市郊森林公园（重阳登高）、社区文体活动室"]
    # A bracket longer than a line still breaks (by the punctuation rules), as it must.
    long = "（" + "很" * 40 + "）"
    assert "".join(wrap(long, lambda t: float(display_width(t)), 20)) == long
