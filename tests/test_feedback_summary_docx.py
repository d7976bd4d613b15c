"""The activity summary (活动总结) in Word, from the demo: the .docx holds exactly the text of the
summary PDF (the charts' labels apart: in Word a chart is a picture), read by python-docx and by
LibreOffice Writer (soffice --convert-to pdf, then pdftotext); headings are Word heading styles in
the outline's order; photos are embedded upright whatever their EXIF orientation; no winner's or
honoured elder's full name anywhere in the file; a locked target refused in Chinese; the 活动反馈
tab's 导出 Word… button writes the file."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import main
from exporters.doc.model import Document, Figure, Heading, Table
from models.datafile.db import close_database, open_database
from tests import pdf_reading as R
from tests.test_feedback_photos import QUARTERS, H, W, _stored

DML = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _run(capsys: pytest.CaptureFixture[str], *args: str, rc: int = 0) -> str:
    capsys.readouterr()
    got = main.main(list(args))
    close_database()
    assert got == rc
    out = capsys.readouterr()
    return out.out + out.err


def docx_text(d: docx.document.Document) -> str:
    """Every paragraph and table cell of the body, in document order."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(f"{w}t"))
                     for p in d.element.body.iter(f"{w}p"))


def docx_images(d: docx.document.Document) -> list[bytes]:
    """The pictures of the body, in document order."""
    return [d.part.related_parts[b.get(f"{REL}embed")].blob
            for b in d.element.body.iter(f"{DML}blip")]


def libreoffice_text(path: Path) -> str:
    """The Word file as LibreOffice Writer prints it: its PDF's text and table cells, flattened
    (page numbers out, so a paragraph running over a page reads whole)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = path.parent
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(path)],
                   check=True, capture_output=True, timeout=600)
    pdf = folder / "lo" / (path.stem + ".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    text = re.sub(r"^—\s*\d+\s*—$", "", text, flags=re.M)
    with pdfplumber.open(pdf) as opened:
        cells = [c or "" for page in opened.pages for t in page.extract_tables()
                 for row in t for c in row]
        images = sum(len(page.images) for page in opened.pages)
    return f"{R.flat(text)}\n" + "\n".join(R.flat(c) for c in cells) + f"\n图片{images}张"


@dataclass
class Exported:
    pid: int
    pdf: bytes
    docx_path: Path
    doc: Document  # what the Word file was built from
    chart_chars: Counter[str]  # the text inside the charts (pictures in Word)
    honours: list[dict]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    folder = tmp_path_factory.mktemp("sumdocx")
    db = folder / "demo.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    close_database()
    con = sqlite3.connect(db)
    (pid,) = con.execute("SELECT id FROM plan WHERE festival = 'double_ninth'").fetchone()
    con.close()
    pdf, word = folder / "总结.pdf", folder / "总结.docx"
    for out in (pdf, word):
        assert main.main(["export", "summary", "--db", str(db), "--activity", str(pid),
                          "--out", str(out)]) == 0
        close_database()
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main.main(["honours", "--db", str(db), "--json"]) == 0
    close_database()
    open_database(db)
    try:
        from exporters.feedback.charts import chart_pdf_bytes
        from exporters.feedback.summary_docx import summary_document
        from exporters.pdf.fonts import font_set
        from exporters.pdf.official import TEXT_W
        from models.feedback.summary import ChartBlock, build_summary

        summary = build_summary(int(pid))
        doc = summary_document(summary)
        chart_chars: Counter[str] = Counter()
        for section in summary.sections:
            for block in section.blocks:
                if isinstance(block, ChartBlock):
                    chart = chart_pdf_bytes(block.question, font_set().body, TEXT_W)
                    with pdfplumber.open(io.BytesIO(chart)) as opened:
                        chart_chars += Counter(R.flat("".join(c["text"] for c in
                                                              opened.pages[0].chars)))
    finally:
        close_database()
    return Exported(int(pid), pdf.read_bytes(), word, doc, chart_chars, json.loads(buf.getvalue()))


def test_the_docx_holds_exactly_the_pdf_text(exported: Exported) -> None:
    pages = R.read_pages(exported.pdf)
    in_pdf = Counter(R.flat("".join(c["text"] for p in pages for c in p.chars)))
    # a table over two pages repeats its header row in the PDF (Word repeats it by itself)
    tables = [b for b in exported.doc.blocks if isinstance(b, Table)]
    assert len(tables) >= 4
    for table in tables:
        header = [R.flat(h) for h in table.header]
        shown = sum(1 for p in pages for t in p.tables if [R.flat(c or "") for c in t[0]] == header)
        assert shown >= 1, table.header
        for _ in range(shown - 1):
            in_pdf.subtract(Counter(R.flat("".join(table.header))))
    in_pdf.subtract(exported.chart_chars)  # in Word the charts are pictures
    d = docx.Document(str(exported.docx_path))
    in_docx = Counter(R.flat(docx_text(d)))
    assert +in_pdf == +in_docx, (+in_pdf - in_docx, +in_docx - in_pdf)
    # string by string too: everything the document says, in both files
    flat_pdf, flat_docx = R.all_text(pages), R.flat(docx_text(d))
    strings = exported.doc.strings()
    assert len(strings) > 100
    for s in strings:
        assert R.flat(s) in flat_pdf and R.flat(s) in flat_docx, s
    # the five charts and three photos are pictures in the Word file, each where its block is
    assert len(docx_images(d)) == sum(isinstance(b, Figure) for b in exported.doc.blocks) == 8


def test_libreoffice_reads_every_string(exported: Exported) -> None:
    text = libreoffice_text(exported.docx_path)
    missing = [s for s in exported.doc.strings() if R.flat(s) not in text]
    assert not missing
    assert text.endswith("图片8张")  # the charts and photos survive the conversion


def test_headings_are_heading_styles_in_outline_order(exported: Exported) -> None:
    d = docx.Document(str(exported.docx_path))
    found = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert found == [(f"Heading {h.level}", h.text)
                     for h in exported.doc.blocks if isinstance(h, Heading)]
    assert [t for _s, t in found] == [
        "一、活动概况", "二、参加情况", "三、经费使用", "四、反馈意见",
        "五、评比表彰", "六、活动照片", "七、主要成效"]
    # in the PDF's order, numbered as the PDF numbers them
    flat_pdf = R.all_text(R.read_pages(exported.pdf))
    at = [flat_pdf.find(R.flat(t)) for _s, t in found]
    assert -1 not in at and at == sorted(at)
    # Word's navigation pane and table of contents read the heading styles' outline levels
    for name, _t in found:
        level = int(name.split()[1])
        ppr = d.styles[name].element.pPr
        assert ppr is not None and ppr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl"
        ).get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == str(
            level - 1)


def test_no_full_name_leaves_in_the_file(exported: Exported) -> None:
    pid = exported.pid
    approved = [n["name"] for h in exported.honours if h["activity"] == pid
                for n in h["nominations"] if n["status"] == "已通过"]
    assert len(approved) == 10
    d = docx.Document(str(exported.docx_path))
    text = R.flat(docx_text(d))
    # every part of the package (body, properties, styles), not just the text python-docx reads
    with zipfile.ZipFile(exported.docx_path) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                      if n.endswith((".xml", ".rels")))
    for name in approved:
        assert name not in xml
        masked = name[0] + "*" * (len(name) - 2) + name[-1] if len(name) > 2 else name[0] + "*"
        assert masked in text
    lo = libreoffice_text(exported.docx_path)
    assert not [n for n in approved if n in lo]


def _quarters_ok(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (W, H)
        assert im.getexif().get(0x0112, 1) == 1  # nothing left for a reader to turn again
        rgb = im.convert("RGB")
        for (qx, qy), want in QUARTERS.items():
            got = rgb.getpixel((W // 4 + qx * W // 2, H // 4 + qy * H // 2))
            if any(abs(a - b) >= 40 for a, b in zip(got, want, strict=True)):
                return False
    return True


def test_photos_are_embedded_upright(db_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from models.feedback.summary_store import add_photo
    from tests.signup_factory import make_activity

    pid = make_activity("重阳登山")
    turns = (6, 3, 8, 5)  # phone held upright, upside down, the other way, a mirrored selfie
    for o in turns:
        add_photo(pid, _stored(o), f"方向{o}")
    close_database()
    out = tmp_path / "总结.docx"
    _run(capsys, "export", "summary", "--db", str(db_path), "--activity", str(pid),
         "--out", str(out))
    d = docx.Document(str(out))
    pictures = docx_images(d)
    assert len(pictures) == 4
    assert [_quarters_ok(p) for p in pictures] == [True] * 4
    # each caption centred right under its picture
    paras = d.paragraphs
    with_picture = [i for i, p in enumerate(paras) if p._p.findall(f".//{DML}blip")]
    assert [paras[i + 1].text for i in with_picture] == [f"方向{o}" for o in turns]
    assert {paras[i + 1].alignment for i in with_picture} == {1}  # WD_ALIGN_PARAGRAPH.CENTER
    # the check can fail: the photo as the camera stored it is not upright
    assert not _quarters_ok(_as_stored(_stored(6)))
    open_database(db_path)


def _as_stored(data: bytes) -> bytes:
    """The JPEG's pixels as stored, not turned (sized as the upright picture to compare)."""
    with Image.open(io.BytesIO(data)) as im:
        out = io.BytesIO()
        im.convert("RGB").resize((W, H)).save(out, "JPEG", quality=95)
        return out.getvalue()


def test_a_locked_target_is_refused_in_chinese(exported: Exported, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    db = exported.docx_path.parent / "demo.db"
    target = tmp_path / "总结.docx"
    target.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    said = _run(capsys, "export", "summary", "--db", str(db), "--activity", str(exported.pid),
                "--out", str(target), rc=2)
    assert "Word 或 WPS 中打开" in said and "Traceback" not in said
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["总结.docx"]
    monkeypatch.undo()
    wrong = tmp_path / "总结.doc"
    said = _run(capsys, "export", "summary", "--db", str(db), "--activity", str(exported.pid),
                "--out", str(wrong), rc=2)
    assert ".docx" in said and not wrong.exists()


def test_the_tab_exports_word(qtbot, db_path: Path, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    from models.feedback.summary_store import add_photo
    from tests.signup_factory import make_activity
    from ui.context import AppContext
    from ui.feedback.area import FeedbackArea
    from ui.operations import DataHub

    pid = make_activity("重阳登山")
    add_photo(pid, _stored(6), "老人们结伴登山")
    area = FeedbackArea(AppContext(DataHub(), db_path))
    qtbot.addWidget(area)
    area.show()
    assert area.select_activity(pid)
    asked: list[str] = []

    def save_as(_parent: object, _title: str, proposed: str, kinds: str) -> tuple[str, str]:
        asked.extend([proposed, kinds])
        return str(tmp_path / "重阳总结"), ""  # typed without its extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    button = area.export_buttons["summary-docx"]
    assert button.text() == "导出 Word…" and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.last_export.result is not None, timeout=30000)
    assert area.last_export.result.ok
    assert asked[0].endswith("活动总结.docx") and "*.docx" in asked[1]
    d = docx.Document(str(tmp_path / "重阳总结.docx"))
    assert d.paragraphs[0].text.replace("\n", "") == "重阳登山总结"
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"][:2] == \
        ["一、活动概况", "二、参加情况"]
    assert "老人们结伴登山" in docx_text(d)
    assert [_quarters_ok(p) for p in docx_images(d)] == [True]


def test_a_figure_prints_in_the_pdf_too() -> None:
    """The model's PDF renderer draws a Figure as well (one image, its caption under it), so a
    document with pictures prints the same from either file."""
    from exporters.doc.model import Paragraph, Run
    from exporters.doc.pdf import pdf_bytes

    picture = io.BytesIO()
    Image.new("RGB", (400, 200), (30, 30, 220)).save(picture, "PNG")
    doc = Document(title="图片", blocks=[Paragraph((Run("下图为活动现场。"),)),
                                       Figure(picture.getvalue(), 80, "活动现场")])
    assert doc.strings() == ["图片", "下图为活动现场。", "活动现场"]
    data = pdf_bytes(doc)
    with pdfplumber.open(io.BytesIO(data)) as opened:
        p = opened.pages[0]
        (img,) = p.images
        assert abs((img["x1"] - img["x0"]) - 80 / 25.4 * 72) < 1  # 80 mm wide
        assert abs((img["bottom"] - img["top"]) - 40 / 25.4 * 72) < 1  # its shape kept
        caption = [c for c in p.chars if c["text"] in "活动现场" and c["top"] > img["bottom"]]
        assert len(caption) == 4
        middle = (caption[0]["x0"] + caption[-1]["x1"]) / 2
        assert abs(middle - (img["x0"] + img["x1"]) / 2) < 3  # centred under the picture


def test_the_summary_document_prints_through_the_model_pdf(exported: Exported) -> None:
    """The document built for Word, laid out by the model's own PDF renderer: every string and
    all eight pictures (a check that the model with Figure is complete, not a second export)."""
    from exporters.doc.pdf import pdf_bytes

    data = pdf_bytes(exported.doc)
    with pdfplumber.open(io.BytesIO(data)) as opened:
        assert sum(len(p.images) for p in opened.pages) == 8
    flat = R.all_text(R.read_pages(data))
    assert not [s for s in exported.doc.strings() if R.flat(s) not in flat]


def test_a_broken_photo_is_refused_plainly(db_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A JPEG whose header reads but whose picture is cut short (a copy interrupted): refused
    in Chinese, naming the photo, and no file written, in Word and in PDF alike."""
    from models.feedback.summary_store import add_photo
    from tests.signup_factory import make_activity

    pid = make_activity("重阳登山")
    whole = _stored(6)
    add_photo(pid, whole[: len(whole) // 2], "半张照片")
    close_database()
    for out in (tmp_path / "总结.docx", tmp_path / "总结.pdf"):
        said = _run(capsys, "export", "summary", "--db", str(db_path), "--activity", str(pid),
                    "--out", str(out), rc=2)
        # (the PDF said "系统错误（fileName=<_io.BytesIO …> … Truncated File Read）" before)
        assert "照片“半张照片”已损坏，无法导出" in said and "BytesIO" not in said, said
        assert "Traceback" not in said
    assert not [p.name for p in tmp_path.iterdir() if "总结" in p.name]  # nor a half-written one
    open_database(db_path)


def test_the_clerks_outline_numbers_the_word_headings(db_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Sections moved, one hidden, two made level 2 and one of the clerk's own added: the Word
    headings follow that outline with the PDF's numbers (（一）（二） under 二、, 三、 after)."""
    from models.feedback.summary_store import load_outline, save_outline
    from models.plans.records import SectionRow
    from tests.signup_factory import make_activity

    pid = make_activity("重阳登山")
    by = {r.heading: r for r in load_outline(pid)}
    by["评比表彰"].hidden = True
    by["经费使用"].level = 2
    mine = SectionRow("", "下一步打算", 2, text="明年继续举办。")
    by["主要成效"].text = "大家满意。"
    save_outline(pid, [by["活动概况"], by["反馈意见"], by["经费使用"], mine, by["参加情况"],
                       by["评比表彰"], by["主要成效"]])
    close_database()
    pdf, word = tmp_path / "s.pdf", tmp_path / "s.docx"
    for out in (pdf, word):
        _run(capsys, "export", "summary", "--db", str(db_path), "--activity", str(pid),
             "--out", str(out))
    d = docx.Document(str(word))
    found = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert found == [("Heading 1", "一、活动概况"), ("Heading 1", "二、反馈意见"),
                     ("Heading 2", "（一）经费使用"), ("Heading 2", "（二）下一步打算"),
                     ("Heading 1", "三、参加情况"), ("Heading 1", "四、主要成效")]
    flat_pdf = R.all_text(R.read_pages(pdf.read_bytes()))
    at = [flat_pdf.find(t) for _s, t in found]
    assert -1 not in at and at == sorted(at)
    assert "明年继续举办。" in docx_text(d) and "评比表彰" not in docx_text(d)
    open_database(db_path)
