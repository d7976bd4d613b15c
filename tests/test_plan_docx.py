"""The Word export: the same strings as the PDF, read back by python-docx and by LibreOffice
Writer (soffice --convert-to pdf, then pdftotext); real heading styles in outline order; tables
whose header row repeats; the GB/T 9704 page; hostile text kept; a locked file refused plainly."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree

import main
from exporters.atomic import ExportError
from exporters.doc.docx import clean
from exporters.doc.model import Document, Heading, Table
from exporters.plans.document import plan_document
from exporters.plans.docx import build_plan_docx_bytes, export_plan_docx
from exporters.plans.pdf import build_plan_pdf_bytes
from models.plans.demo import DEMO_PLANS, demo_plan
from models.plans.records import ContentRow, PlanRecord, RequirementRow
from models.plans.service import save_plan
from tests import pdf_reading as R
from tests.seed_plans import SEED_PLANS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _plans() -> list[tuple[str, Callable[[], PlanRecord]]]:
    out = [(f.__name__, f) for f in SEED_PLANS]
    out += [(f"demo{i}", (lambda d=d: demo_plan(d))) for i, d in enumerate(DEMO_PLANS)]
    return out


PLANS = _plans()
IDS = [name for name, _ in PLANS]


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of the body, in document order."""
    d = docx.Document(io.BytesIO(data))
    parts = []
    for el in d.element.body.iter(f"{W}p"):
        parts.append("".join(t.text or "" for t in el.iter(f"{W}t")))
    return "\n".join(parts)


def hostile() -> PlanRecord:
    return PlanRecord(
        title="=HYPERLINK(\"http://x.example\",\"点我\")活动<w:t>方案",
        recipients="各居民小组&<b>",
        background="第一段\x00含\x07控制\x1b字符\x0b与\x0c换页。\n" + "长" * 2000 + "。",
        content=[ContentRow("表情😀🎉与]]>", "@SUM(A1:A9) +cmd|'/c calc'!A0 \t制表\u200b零宽")],
        requirements=[RequirementRow("</w:p><w:p>注入\ufffe非字符")],
        issuer="幸福里社区居民委员会")


@pytest.mark.parametrize(("name", "make"), PLANS, ids=IDS)
def test_the_docx_holds_exactly_the_pdf_text(name: str, make: Callable[[], PlanRecord]) -> None:
    rec = make()
    pdf = R.read_pages(build_plan_pdf_bytes(rec))
    data = build_plan_docx_bytes(rec)
    in_pdf = Counter(R.flat("".join(c["text"] for p in pdf for c in p.chars)))
    # a table over two pages repeats its header row in the PDF (Word repeats it by itself)
    for table in (b for b in plan_document(rec).blocks if isinstance(b, Table)):
        header = [R.flat(h) for h in table.header]
        shown = sum(1 for p in pdf for t in p.tables if [R.flat(c or "") for c in t[0]] == header)
        assert shown >= 1, table.header
        for _ in range(shown - 1):
            in_pdf.subtract(Counter(R.flat("".join(table.header))))
    in_docx = Counter(R.flat(docx_text(data)))
    # character for character the same text: nothing the PDF shows is missing from the Word
    # file, and the Word file adds nothing (page numbers are fields in the footer)
    assert in_docx == +in_pdf
    flat_docx = R.flat(docx_text(data))
    for s in plan_document(rec).strings():
        assert R.flat(s) in flat_docx, s


@pytest.mark.parametrize(("name", "make"), PLANS, ids=IDS)
def test_headings_are_word_heading_styles_in_outline_order(
        name: str, make: Callable[[], PlanRecord]) -> None:
    rec = make()
    doc = plan_document(rec)
    d = docx.Document(io.BytesIO(build_plan_docx_bytes(rec)))
    got = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    want = [(f"Heading {b.level}", b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert got == want and want
    # the navigation pane reads the outline level of each style
    for level in (1, 2, 3, 4):
        lvl = d.styles[f"Heading {level}"].element.find(f"{W}pPr/{W}outlineLvl")
        assert lvl is not None and lvl.get(f"{W}val") == str(level - 1)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(d.tables) == len(tables)
    for table, want_table in zip(d.tables, tables, strict=True):
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # repeats on every page
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
        assert [c.text for c in table.rows[0].cells] == want_table.header


def test_the_page_is_the_official_page() -> None:
    from tests.seed_plans import elders_outing

    data = build_plan_docx_bytes(elders_outing())
    d = docx.Document(io.BytesIO(data))
    s = d.sections[0]
    mm = 36000  # EMU
    assert (round(s.page_width / mm), round(s.page_height / mm)) == (210, 297)
    assert (round(s.top_margin / mm), round(s.left_margin / mm)) == (37, 28)
    assert (round(s.bottom_margin / mm), round(s.right_margin / mm)) == (35, 26)
    grid = s._sectPr.find(f"{W}docGrid")
    assert round(225 / 25.4 * 72 / (int(grid.get(f"{W}linePitch")) / 20)) == 22
    # 28 characters of 16 pt with their spacing fit the 156 mm line, 29 do not
    normal = d.styles["Normal"].element
    spacing = int(normal.find(f"{W}rPr/{W}spacing").get(f"{W}val")) / 20
    assert 28 * (16 + spacing) <= 156 / 25.4 * 72 < 29 * (16 + spacing)
    assert d.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    for p, side in ((odd, "right"), (even, "left")):
        xml = etree.tostring(p._p, encoding="unicode")
        assert "PAGE" in xml and p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
    fonts = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml"))
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
           for f in fonts.findall(f"{W}font") if f.find(f"{W}altName") is not None}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体"
    assert alt["方正小标宋简体"] == "宋体"
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert "Theme" not in styles.split("<w:latentStyles")[0].split("</w:docDefaults>")[0]
    assert 'w:eastAsia="黑体"' in styles and 'w:eastAsia="方正小标宋简体"' in styles
    # the signature sits at the right, the date last
    last = [p for p in d.paragraphs if p.text.strip()][-2:]
    assert [p.text for p in last] == ["青桐社区居民委员会", "2026年9月28日"]
    assert all(p._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right" for p in last)


def test_hostile_text_is_kept_and_the_xml_is_valid() -> None:
    rec = hostile()
    data = build_plan_docx_bytes(rec)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))  # raises on invalid XML
    text = docx_text(data)
    body = R.flat(text)
    for typed in (rec.title, rec.recipients, rec.background, rec.content[0].title,
                  rec.content[0].body, rec.requirements[0].text):
        for line in typed.splitlines():
            kept = R.flat(clean(line).replace("\ufffe", ""))
            assert kept and kept in body, line
    assert "\x07" not in text and "\x00" not in text and "😀🎉" in text and "长" * 2000 in body
    # the markup typed is text, not markup
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert b"&lt;w:t&gt;" in xml and b"&lt;/w:p&gt;&lt;w:p&gt;" in xml


def test_clean_strips_only_what_xml_cannot_hold() -> None:
    every = "".join(chr(c) for c in range(0x20)) + "a中😀\u200b\ufffe\uffff"
    assert clean(every) == "\t\n\na中😀\u200b"


def test_a_locked_file_is_refused_plainly_and_left_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.seed_plans import relief

    target = tmp_path / "方案.docx"
    target.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as err:
        export_plan_docx(relief(), target)
    assert "Word 或 WPS 中打开" in str(err.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["方案.docx"]


def test_command_line_exports_a_docx(db_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from tests.seed_plans import population_notice

    rec = population_notice()
    plan_id = save_plan(rec)
    out = tmp_path / "通知.docx"
    assert main.main(["export", "plan", "--db", str(db_path), "--id", str(plan_id),
                      "--format", "docx", "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    assert R.flat(rec.title) in R.flat(docx_text(out.read_bytes()))
    wrong = tmp_path / "通知.pdf"
    assert main.main(["export", "plan", "--db", str(db_path), "--id", str(plan_id),
                      "--format", "docx", "--out", str(wrong)]) == 2
    assert ".docx" in capsys.readouterr().err and not wrong.exists()


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every test plan and the hostile one, converted by LibreOffice Writer in one run."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("lo")
    names = []
    for name, make in [*PLANS, ("hostile", hostile)]:
        (folder / f"{name}.docx").write_bytes(build_plan_docx_bytes(make()))
        names.append(name)
    subprocess.run(
        [exe, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
         "pdf", "--outdir", str(folder / "pdf"), *(str(folder / f"{n}.docx") for n in names)],
        check=True, capture_output=True, timeout=600)
    out = {}
    for n in names:
        pdf = folder / "pdf" / f"{n}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        # the page numbers out, so a paragraph running over a page reads whole
        text = re.sub(r"^—\s*\d+\s*—$", "", text, flags=re.M)
        # pdftotext may run a wrapped cell's lines into its neighbours': cells read apart too
        with pdfplumber.open(pdf) as opened:
            cells = [c or "" for page in opened.pages for t in page.extract_tables()
                     for row in t for c in row]
        out[n] = R.flat(text) + "\n" + "\n".join(R.flat(c) for c in cells)
    return out


@pytest.mark.parametrize(("name", "make"), PLANS, ids=IDS)
def test_libreoffice_reads_every_string(converted: dict[str, str], name: str,
                                        make: Callable[[], PlanRecord]) -> None:
    doc: Document = plan_document(make())
    text = converted[name]
    missing = [s for s in doc.strings() if R.flat(s) not in text]
    assert not missing


def test_libreoffice_reads_the_hostile_text(converted: dict[str, str]) -> None:
    text = converted["hostile"]
    rec = hostile()
    assert R.flat(clean(rec.title)) in text
    assert "长" * 2000 in text and "第一段含控制字符与换页。" in text
    assert "@SUM(A1:A9)+cmd|'/ccalc'!A0" in text and "</w:p><w:p>注入" in text
    # 😀 prints; 🎉 has no glyph in this machine's fonts, which Writer leaves out of the PDF
    # (the Word file holds it: test_hostile_text_is_kept_and_the_xml_is_valid)
    assert "表情😀" in text


def test_the_title_breaks_where_the_pdf_balances_it() -> None:
    rec = demo_plan(DEMO_PLANS[7])  # the population-day notice
    d = docx.Document(io.BytesIO(build_plan_docx_bytes(rec)))
    title = d.paragraphs[0]
    assert title.style.name == "公文标题"
    assert title.text.split("\n") == ["关于开展2026年“7·11”", "世界人口日宣传活动的通知"]
