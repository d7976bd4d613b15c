"""Chinese line breaking (exporters.pdf.cjk) against reportlab's own CJK wrap."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from exporters.pdf.cjk import CANNOT_END, CANNOT_START, CJKParagraph, line_texts
from exporters.pdf.fonts import font_set

SIZE = 16.0
WIDTH = 10 * SIZE  # ten characters a line


def _style() -> ParagraphStyle:
    return ParagraphStyle("t", fontName=font_set().body, fontSize=SIZE, leading=28.9,
                          wordWrap="CJK")


def test_comma_that_would_start_a_line_moves_its_neighbour_down() -> None:
    # Ten characters fill the line exactly; the comma is the eleventh.
    text = "社区党委组织开展活动，请各位居民积极参加。"
    plain = line_texts(Paragraph(text, _style()), WIDTH)
    assert plain[1].startswith("，")  # reportlab's own wrap: the fault being fixed
    fixed = line_texts(CJKParagraph(text, _style()), WIDTH)
    assert fixed[0] == "社区党委组织开展活"
    assert fixed[1].startswith("动，")
    assert "".join(fixed) == text


def test_opening_bracket_never_ends_a_line() -> None:
    text = "一二三四五六七八九《十》一二三四五六七八九十"
    lines = line_texts(CJKParagraph(text, _style()), WIDTH)
    assert not any(line.endswith("《") for line in lines)
    assert lines[1].startswith("《")
    assert "".join(lines) == text


def test_closing_quote_and_full_stop_stay_with_their_word() -> None:
    text = "一二三四五六七八“九十”。一二三"
    lines = line_texts(CJKParagraph(text, _style()), WIDTH)
    assert all(line[0] not in CANNOT_START for line in lines)
    assert "".join(lines) == text


def test_numbers_and_times_are_not_split() -> None:
    text = "一二三四五六七八九2026年10月18日9:00-11:00举行"
    lines = line_texts(CJKParagraph(text, _style()), WIDTH)
    assert "".join(lines) == text
    for token in ("2026", "9:00-11:00"):
        assert any(token in line for line in lines), lines


def test_lines_never_exceed_the_width() -> None:
    text = "，".join(["一二三四五六七八九"] * 6) + "。"
    para = CJKParagraph(text, _style())
    lines = line_texts(para, WIDTH)
    for line in lines:
        assert stringWidth(line, _style().fontName, SIZE) <= WIDTH + 0.01


HANZI = st.sampled_from(list("社区居民委会活动方案通知老人儿童健康志愿服务重阳春节"))
CLOSE = st.sampled_from(list("，。、；：？！）》」”’"))
OPEN = st.sampled_from(list("（《「“‘"))


@st.composite
def chinese(draw: st.DrawFn) -> str:
    """Text where every closing mark follows a character and every opening mark precedes one, as
    in real writing, so the rules can always be met."""
    parts = []
    for _ in range(draw(st.integers(5, 80))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(draw(HANZI) + draw(CLOSE))
        elif kind == 1:
            parts.append(draw(OPEN) + draw(HANZI))
        else:
            parts.append(draw(HANZI))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(text=chinese(), chars=st.integers(6, 28))
def test_rules_hold_for_any_text_and_width(text: str, chars: int) -> None:
    lines = line_texts(CJKParagraph(text, _style()), chars * SIZE)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        assert line, lines
        if i > 0:
            assert line[0] not in CANNOT_START, lines
        if i < len(lines) - 1:
            assert line[-1] not in CANNOT_END, lines
        assert stringWidth(line, _style().fontName, SIZE) <= chars * SIZE + 0.01
