"""The plan PDF read back: page, fonts, every part's text, the text area, line breaks, page numbers,
headings of present parts only, and atomic writing."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.atomic import ExportError
from exporters.pdf.cjk import CANNOT_END, CANNOT_START
from exporters.plans.pdf import build_plan_pdf_bytes, export_plan_pdf, write_plan_pdf
from models.common.errors import UserError
from models.plans.records import AwardRow, HighlightRow, RiskRow
from models.plans.rules import budget_totals, yuan
from tests import pdf_reading as R
from tests.plan_factory import full_plan, long_plan, notice

STANDARD_14 = {
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
    "Times-Bold", "Times-Italic", "Times-BoldItalic", "Courier", "Courier-Bold",
    "Courier-Oblique", "Courier-BoldOblique", "Symbol", "ZapfDingbats",
}
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
            "二十一", "二十二", "二十三", "二十四", "二十五"]
LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return build_plan_pdf_bytes(full_plan())


@pytest.fixture(scope="module")
def full_pages(full_pdf: bytes) -> list[R.Page]:
    return R.read_pages(full_pdf)


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return build_plan_pdf_bytes(long_plan(4))


@pytest.fixture(scope="module")
def long_pages(long_pdf: bytes) -> list[R.Page]:
    return R.read_pages(long_pdf)


def test_page_size_is_a4(long_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(long_pdf))
    assert len(reader.pages) >= 5
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.28) < R.MM
        assert abs(float(page.mediabox.height) - 841.89) < R.MM


def test_every_font_is_embedded_truetype_with_unicode(full_pdf: bytes) -> None:
    fonts = R.fonts_of(full_pdf)
    assert fonts
    for f in fonts:
        assert f["name"].lstrip("/").split("+")[-1] not in STANDARD_14, f
        assert "/FontFile2" in f["files"], f
        assert f["tounicode"], f


def _paragraph_texts(rec) -> list[str]:
    lines = []
    for name in ("title", "theme", "slogan", "background", "guiding_ideology", "purpose",
                 "principles", "target_analysis", "participants", "required_tags",
                 "leadership_note", "first_responsible", "feedback", "summary", "issuer"):
        lines += [x.strip() for x in getattr(rec, name).splitlines() if x.strip()]
    lines += [x.strip() for x in rec.places.splitlines() if x.strip()]
    lines += [o.name for o in rec.organisers]

    def walk(items):
        for item in items:
            lines.extend([item.title, *item.body.splitlines()])
            walk(item.children)

    walk(rec.content)
    lines += [h.title for h in rec.highlights] + [h.note for h in rec.highlights]
    for ph in rec.phases:
        lines += [ph.name, ph.deliverable] + [t.task for t in ph.tasks]
    lines += [f"{m.name}（{m.post}）" for m in rec.leaders] + [m.duty for m in rec.leaders]
    lines += [r.text for r in rec.requirements]
    for a in rec.awards:
        lines += [a.name, a.levels, a.judges, a.honourees]
    lines += [a.title for a in rec.attachments]
    return [x for x in lines if x.strip()]


def _cell_texts(rec) -> list[str]:
    cells = []
    for a in rec.agenda:
        cells += [a.what, a.place, a.who]
    for g in rec.groups:
        cells += [g.name, g.leader, g.members, g.task, g.target]
    for s in rec.staff:
        cells += [s.role, s.headcount, s.source, s.duty]
    for m in rec.materials:
        cells += [m.item, m.quantity, m.provider, m.note]
    for p in rec.publicity:
        cells += [p.channel, p.content, p.when, p.who]
    for b in rec.budget:
        # a free line (no price entered) prints blank amount cells, not 0.00
        cells += [b.item, b.unit, b.payer, b.note]
        cells += [yuan(f) for f in (b.unit_price_fen, b.amount_fen) if f]
    for r in rec.risks:
        cells += [r.risk, r.measure, r.owner]
    return [R.flat(c) for c in cells if c.strip()]


def test_text_of_every_filled_part_is_in_the_pdf(full_pages: list[R.Page]) -> None:
    rec = full_plan()
    text = R.all_text(full_pages)
    missing = [t for t in _paragraph_texts(rec) if R.flat(t) not in text]
    assert missing == []
    cells = R.all_cells(full_pages)
    assert [c for c in _cell_texts(rec) if c not in cells] == []
    # values the PDF formats itself
    for shown in ("2026年10月18日8:30-11:00（重阳节）", "50至80周岁", "70周岁及以上",
                  "50人", "每人100.00元", "2026年10月8日至10月14日", "2026年10月25日",
                  "2026年9月28日", "附件：1．", "主办单位：", "媒体支持：",
                  f"预算合计{yuan(budget_totals(rec.budget).planned_fen)}元"):
        assert R.flat(shown) in text, shown
    assert yuan(budget_totals(rec.budget).planned_fen) in cells
    assert "其中：自筹" in cells


def test_text_copies_out_as_the_right_chinese(full_pdf: bytes, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(full_pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    rec = full_plan()
    assert R.flat(rec.theme) in R.flat(out)
    assert R.flat(rec.principles.splitlines()[0]) in R.flat(out)
    assert "\ufffd" not in out


def test_body_text_stays_inside_the_text_area(long_pages: list[R.Page]) -> None:
    # read_pages splits characters at the text area (1 mm tolerance): outside it there must be
    # the page number and nothing else.
    for page in long_pages:
        assert len(page.chars) > 50  # the last page may hold only the end (the 落款)
        label, *_ = R.page_label(page)
        assert label == f"—{page.number}—", (page.number, label)


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
        long_pages: list[R.Page]) -> None:
    bad = []
    checked = 0
    for page in long_pages:
        for seg in R.segments(page.chars):
            text = "".join(c["text"] for c in seg)
            checked += 1
            if text[0] in CANNOT_START or text[-1] in CANNOT_END:
                bad.append((page.number, text))
    assert checked > 200
    assert bad == []


def test_page_numbers_odd_right_even_left(long_pages: list[R.Page]) -> None:
    one_char = 14.0
    for page in long_pages:
        label, left, right, top = R.page_label(page)
        assert label == f"—{page.number}—"
        # about 7 mm below the text area
        assert abs(top - (R.AREA_BOTTOM + 7 * R.MM)) < 1.5 * R.MM
        if page.number % 2:
            assert abs(right - (R.AREA_RIGHT - one_char)) < R.MM
        else:
            assert abs(left - (R.AREA_LEFT + one_char)) < R.MM


def test_table_header_repeats_on_every_page(long_pages: list[R.Page]) -> None:
    headers = {("时间", "内容", "地点", "负责人"), ("风险", "应对措施", "责任人"),
               ("项目", "数量", "单位", "单价（元）", "金额（元）", "承担方"),
               ("小组", "组长", "成员", "任务", "目标"), ("岗位", "人数", "来源", "职责"),
               ("物品", "数量", "提供方", "备注"),
               ("阶段", "渠道", "内容", "时间", "负责人", "截止日期")}
    tables = [(p.number, t) for p in long_pages for t in p.tables]
    assert len(tables) > 7  # some tables went over a page
    for number, table in tables:
        assert tuple(table[0]) in headers, (number, table[0])
    agenda_pages = {n for n, t in tables if tuple(t[0]) == ("时间", "内容", "地点", "负责人")}
    assert len(agenda_pages) >= 2


def _level1(pages: list[R.Page]) -> list[tuple[str, str]]:
    heads = []
    for page in pages:
        for line in page.text.splitlines():
            m = LEVEL1.match(line.strip())
            if m:
                heads.append((m.group(1), m.group(2)))
    return heads


def test_empty_parts_leave_no_heading_and_numbers_follow_present_parts() -> None:
    rec = full_plan()
    rec.target_analysis = "  \n "
    rec.awards = [AwardRow()]  # a blank row is nothing
    rec.highlights = [HighlightRow()]
    rec.risks = []
    rec.theme = rec.slogan = ""
    pages = R.read_pages(build_plan_pdf_bytes(rec))
    heads = _level1(pages)
    titles = [t for _, t in heads]
    for gone in ("目标社区分析", "评比表彰", "活动亮点", "风险及应急预案", "活动主题"):
        assert gone not in titles
    assert "活动背景" in titles and "费用预算" in titles
    assert [n for n, _ in heads] == NUMERALS[:len(heads)]


def test_notice_has_recipients_line_flush_left_with_colon() -> None:
    rec = notice()
    pages = R.read_pages(build_plan_pdf_bytes(rec))
    lines = [s for s in R.segments(pages[0].chars)]
    texts = ["".join(c["text"] for c in s) for s in lines]
    i = texts.index(rec.recipients + "：")
    assert abs(lines[i][0]["x0"] - R.AREA_LEFT) < R.MM
    # the opening paragraph has no heading; the points are numbered
    assert _level1(pages) == [("一", "相关要求")]
    text = R.all_text(pages)
    assert R.flat(rec.purpose) in text
    assert "附件：1．困难家庭慰问名单" in text and "2026年11月28日" in text
    # 附件 one blank line below the body, two characters in; later items under the first number
    att = next(k for k, t in enumerate(texts) if t.startswith("附件："))
    assert abs((lines[att][0]["bottom"] - lines[att - 1][0]["bottom"]) - 2 * 28.9) < 0.5
    assert abs(lines[att][0]["x0"] - (R.AREA_LEFT + 2 * R.CHAR)) < R.MM
    number = next(c for c in lines[att] if c["text"] == "1")
    assert abs(lines[att + 1][0]["x0"] - number["x0"]) < R.MM


def test_signature_date_right_indented_four_characters(full_pages: list[R.Page]) -> None:
    last = full_pages[-1]
    segs = R.segments(last.chars)
    date_seg = next(s for s in segs if "".join(c["text"] for c in s) == "2026年9月28日")
    assert abs(date_seg[-1]["x1"] - (R.AREA_RIGHT - 4 * 16)) < R.MM
    issuer_seg = next(s for s in segs if "".join(c["text"] for c in s) == "幸福里社区居民委员会")
    centre = (issuer_seg[0]["x0"] + issuer_seg[-1]["x1"]) / 2
    assert abs(centre - (date_seg[0]["x0"] + date_seg[-1]["x1"]) / 2) < R.MM
    assert issuer_seg[0]["top"] < date_seg[0]["top"]


def test_export_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "方案.pdf"
    target.write_bytes(b"old file")

    def broken(*args, **kwargs):
        Path(args[1]).write_bytes(b"%PDF-half")
        raise RuntimeError("disk fell off")

    monkeypatch.setattr("exporters.plans.pdf.write_plan_pdf", broken)
    with pytest.raises(RuntimeError):
        export_plan_pdf(full_plan(), target)
    assert target.read_bytes() == b"old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["方案.pdf"]


def test_export_writes_a_pdf(tmp_path: Path) -> None:
    target = tmp_path / "新方案.pdf"
    assert export_plan_pdf(notice(), target) == target
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["新方案.pdf"]


def test_content_too_long_for_a_page_is_a_clear_error(tmp_path: Path) -> None:
    rec = full_plan()
    rec.risks = [RiskRow("暴雨", "加强巡查。" * 900, "张三")]
    target = tmp_path / "x.pdf"
    with pytest.raises(UserError) as err:
        export_plan_pdf(rec, target)
    assert isinstance(err.value, ExportError)
    assert "太长" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_write_plan_pdf_counts_pages(tmp_path: Path) -> None:
    assert write_plan_pdf(notice(), tmp_path / "n.pdf") == 1


def test_bold_lead_phrases_are_drawn_filled_and_stroked(full_pdf: bytes) -> None:
    # 仿宋 has no bold face: the "bold" runs switch to text render mode 2 and back to 0.
    streams = b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(full_pdf)).pages)
    assert b"2 Tr" in streams and b"0 Tr" in streams


def test_a_plan_with_only_a_title_is_one_page_without_headings() -> None:
    from models.plans.records import PlanRecord

    pages = R.read_pages(build_plan_pdf_bytes(PlanRecord(title="仅有标题的方案")))
    assert len(pages) == 1
    assert R.all_text(pages) == "仅有标题的方案"
    assert _level1(pages) == []
    empty = R.read_pages(build_plan_pdf_bytes(PlanRecord()))
    assert len(empty) == 1 and R.page_label(empty[0])[0] == "—1—"


def test_body_lines_hold_28_characters_at_28_9_pt(tmp_path: Path) -> None:
    from models.plans.records import PlanRecord

    rec = PlanRecord(title="版心测试", background="社" * 100)
    pages = R.read_pages(build_plan_pdf_bytes(rec))
    lines = [s for s in R.segments(pages[0].chars) if s[0]["text"] == "社"]
    assert [len(s) for s in lines] == [26, 28, 28, 18]  # two characters of indent first
    assert abs(lines[1][0]["x0"] - R.AREA_LEFT) < 0.5
    assert abs(lines[1][-1]["x1"] - R.AREA_RIGHT) < R.MM
    baselines = [s[0]["bottom"] for s in lines]
    assert all(abs((b - a) - 28.9) < 0.05 for a, b in pairwise(baselines))


def test_poppler_sees_every_word_inside_the_text_area(long_pdf: bytes, tmp_path: Path) -> None:
    # An independent reader of positions: poppler, as most viewers and printers draw the page.
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(long_pdf)
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                       r"([^<]*)</word>", xml)
    assert len(words) > 500
    outside = [w for w in words
               if not (float(w[0]) >= R.AREA_LEFT - R.TOL and float(w[2]) <= R.AREA_RIGHT + R.TOL
                       and float(w[1]) >= R.AREA_TOP - R.TOL
                       and float(w[3]) <= R.AREA_BOTTOM + R.TOL)]
    assert outside and all(w[4] == "—" or w[4].isdigit() for w in outside)


def test_paragraph_lines_are_justified_to_the_right_edge() -> None:
    from models.plans.records import PlanRecord

    text = full_plan().background + "2026年10月18日9:00-11:00在“幸福里”社区（党群服务中心）举行。"
    pages = R.read_pages(build_plan_pdf_bytes(PlanRecord(title="T", background=text)))
    lines = [s for s in R.segments(pages[0].chars) if s[0]["size"] == 16][1:]  # after the heading
    assert len(lines) >= 4
    assert R.flat("".join(c["text"] for s in lines for c in s)) == R.flat(text)
    for seg in lines[:-1]:
        assert abs(seg[-1]["x1"] - R.AREA_RIGHT) < 0.5, "".join(c["text"] for c in seg)
    assert lines[-1][-1]["x1"] < R.AREA_RIGHT - 2 * 16  # the last line is not stretched
