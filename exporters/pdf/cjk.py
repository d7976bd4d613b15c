"""Chinese line breaking for reportlab paragraphs, in one place.

reportlab's CJK wrap (paragraph.cjkFragSplit) knows only part of the closing marks (no ，；：？！》”
in its ALL_CANNOT_START), never looks at ALL_CANNOT_END, and lets a forbidden mark hang past the
right margin. CJKParagraph breaks lines with the rules of GB/T 15834 instead: no line starts with a
closing mark (点号, closing brackets and quotes) or ends with an opening one, a dash or ellipsis
pair is never split, a run of Latin letters and digits ("2026", "9:00-11:00") stays whole, and
nothing hangs outside the text area: characters move down to the next line instead.
"""
from __future__ import annotations

from typing import Any
from unicodedata import category

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import (
    FragLine,
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

from exporters.pdf.fonts import FAUX_BOLD, bundled_font_name, has_glyph

# 点号, closing brackets, quotes and book-title marks, and their half-width cousins.
CANNOT_START: frozenset[str] = frozenset(
    "，。、；：？！）》〉」』】〕〗］｝’”…‥·・～%％‰℃°"
    ",.;:?!)]}>"
    "\u3005\u309b\u309c\u30fc"
)
# Opening brackets and quotes, and prefixes that belong to what follows.
CANNOT_END: frozenset[str] = frozenset("（《〈「『【〔〖［｛‘“([{<￥$＄#＃@＠№")
# Two of these side by side are one mark (破折号 ——, 省略号 ……): never split them.
PAIRED: frozenset[str] = frozenset("—…─")
# Characters that glue a Latin/number run together.
_WORD_PUNCT = frozenset(".:-/_%+#&'")


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in _WORD_PUNCT)


def _is_space(ch: str) -> bool:
    return bool(ch) and category(ch) == "Zs"


def break_allowed(prev: str, nxt: str) -> bool:
    """May a line end after prev and the next begin with nxt?"""
    if nxt in CANNOT_START or prev in CANNOT_END:
        return False
    if prev == nxt and prev in PAIRED:
        return False
    return not (_is_word(prev) and _is_word(nxt))


# A number keeps its unit and a date stays whole (30元, 3.5公里, 2026年3月4日, 12℃, 50人).
UNITS: frozenset[str] = frozenset("年月日时分秒元角万亿岁人名位个次场周天号楼层户栋室班组队期届"
                                  "页件本张份台辆套箱瓶斤克米里度项条家所座")
TWO_CHAR_UNITS: frozenset[str] = frozenset({"公里", "公斤", "千米", "千克", "平方", "万元",
                                            "小时", "分钟", "周岁", "厘米", "毫米", "亿元"})


def glued(chars: list[str], b: int) -> bool:
    """Whether a break before chars[b] would split a number from its unit or a date."""
    prev, nxt = chars[b - 1], chars[b]
    if prev.isdigit() and (nxt in UNITS or nxt in "公千平小分周厘毫"):
        return True
    if b >= 2 and chars[b - 2].isdigit() and prev + nxt in TWO_CHAR_UNITS:
        return True
    # 2026年 | 3月, 3月 | 4日: a date's parts stay on one line
    return b >= 2 and prev in "年月" and chars[b - 2].isdigit() and nxt.isdigit()


def allowed_at(chars: list[str], b: int) -> bool:
    """May a line break before chars[b] (0 < b < len(chars))?"""
    return _is_space(chars[b]) or (break_allowed(chars[b - 1], chars[b]) and not glued(chars, b))


def find_break(chars: list[str], start: int, overflow: int) -> int:
    """Index before which to break a line that runs from start and cannot hold chars[overflow].

    Looks back at most half the line for a place the rules allow; a line with none breaks where
    it overflows (a rule bent beats text outside the margin).
    """
    if overflow <= start:
        return start + 1
    limit = max(start + 1, start + (overflow - start) // 2)
    for b in range(overflow, limit - 1, -1):
        if allowed_at(chars, b):
            return b
    return overflow


class _Unit(str):
    """One character with its frag and width (reportlab's cjkU, minus a stringWidth per char)."""

    frag: Any
    width: Any


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _units(frags: list[Any], char_space: float = 0.0) -> list[Any]:
    """One unit per character; each width includes the paragraph's character spacing."""
    units: list[Any] = []
    stand_in: Any = None
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if hasattr(f, "cbDefn") or not text:
            units.append(cjkU(text or "", f, "utf8"))  # an image or a line break: keep as is
            continue
        for ch in text:
            frag = f
            if not has_glyph(f.fontName, ch) and not ch.isspace():
                # A rare character (生僻字 in a name) the official font lacks: the bundled font
                # draws it rather than an empty box.
                if stand_in is None or stand_in._of is not f:
                    stand_in = f.clone(fontName=bundled_font_name())
                    stand_in._of = f
                frag = stand_in
            cache = _WIDTHS.setdefault((frag.fontName, frag.fontSize), {})
            u = _Unit(ch)
            u.frag = frag
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = stringWidth(ch, frag.fontName, frag.fontSize)
            u.width = w + char_space
            units.append(u)
    return units


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _make_line(units: list[Any], max_width: float, width: float, extra: float, line_break: bool,
               calc_bounds: bool) -> Any:
    """makeCJKParaLine, grouping runs of one frag first (it asks the font's ascent per char)."""
    n_chars = sum(1 for u in units if u)
    if calc_bounds or any(hasattr(u.frag, "cbDefn") for u in units):
        line = makeCJKParaLine(units, max_width, width, extra, line_break, calc_bounds)
        line.cjkChars = 0  # images in the line: never stretched
        return line
    words = []
    max_size = max_ascent = min_descent = 0.0
    i = 0
    while i < len(units):
        f = units[i].frag
        j = i
        while j < len(units) and units[j].frag is f:
            j += 1
        ascent, descent = getAscentDescent(f.fontName, f.fontSize)
        max_size = max(max_size, f.fontSize)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        word = f.clone()
        word.text = "".join(units[i:j])
        words.append(word)
        i = j
    return FragLine(kind=1, extraSpace=extra, wordCount=1, words=words, fontSize=max_size,
                    ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                    currentWidth=width, lineBreak=line_break, cjkChars=n_chars)


def cjk_frag_split(frags: list[Any], max_widths: list[float], calc_bounds: bool,
                   char_space: float = 0.0) -> ParaLines:
    """reportlab's cjkFragSplit with Chinese line-breaking rules and no hanging marks; char_space
    (the PDF's Tc) is added after every character, as the text object will draw it."""
    units = _units(frags, char_space)
    chars = [str(u) for u in units]
    breaks = [hasattr(u.frag, "lineBreak") for u in units]
    # Widths are plain numbers except for images sized in percent of the line.
    fixed = [u.width if isinstance(u.width, (int, float)) else None for u in units]
    lines: list[Any] = []
    n = len(units)
    start = 0

    def width_of(k: int, max_width: float) -> float:
        w = fixed[k]
        return w if w is not None else _width(units[k], max_width)

    def emit(start: int, end: int, forced: bool, max_width: float) -> Any:
        stop = end
        # Spaces at the end of a broken line take no room on paper.
        while stop > start and not forced and end < n and _is_space(chars[stop - 1]):
            stop -= 1
        width = sum(width_of(k, max_width) for k in range(start, stop) if not breaks[k])
        return _make_line(units[start:stop], max_width, width, max_width - width, forced,
                          calc_bounds)

    spans: list[tuple[int, int, bool, float]] = []  # start, end, forced, max width
    while start < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        limit = max_width + _FUZZ
        used = 0.0
        i = start
        end = n
        forced = False
        while i < n:
            if breaks[i]:
                end, forced = i + 1, True
                break
            w = width_of(i, max_width)
            if used + w > limit and used > 0:
                end = find_break(chars, start, i)
                break
            used += w
            i += 1
        last = end >= n and not forced
        lines.append(emit(start, end, forced, max_width))
        spans.append((start, end, forced, max_width))
        if last:
            break
        start = end
        # ...nor at the start of the next one.
        while start < n and not forced and _is_space(chars[start]):
            start += 1
    _no_lone_last_character(lines, spans, chars, emit)
    return ParaLines(kind=1, lines=lines)


def _no_lone_last_character(lines: list[Any], spans: list[tuple[int, int, bool, float]],
                            chars: list[str], emit: Any) -> None:
    """A paragraph never ends on a line of one character: the line before gives it company
    (its break moves back to the previous place the rules allow)."""
    if len(spans) < 2:
        return
    (p_start, p_end, p_forced, p_width), (l_start, l_end, l_forced, l_width) = spans[-2:]
    if p_forced or l_forced:
        return
    if sum(1 for c in chars[l_start:l_end] if c.strip() and c not in CANNOT_START) > 1:
        return
    b = p_end - 1
    while b > p_start + 1 and not allowed_at(chars, b):
        b -= 1
    if b <= p_start + 1 or p_end - b > (p_end - p_start) // 2:
        return  # nowhere sensible to break: leave it
    lines[-2:] = [emit(p_start, b, False, p_width), emit(b, l_end, False, l_width)]


class _Text(PDFTextObject):
    """Text that draws runs in a FAUX_BOLD font filled and stroked, the rest filled only, and
    gives each line its own character spacing (spacings, one per line) to justify it."""

    def __init__(self, canvas: Any, x: float, y: float, spacings: list[float]) -> None:
        super().__init__(canvas, x, y)
        self._spacings = spacings
        self._line = 0
        self._space_line()

    def _space_line(self) -> None:
        if self._line < len(self._spacings):
            cs = self._spacings[self._line]
            if cs != getattr(self, "_charSpace", 0):
                self.setCharSpace(cs)

    def _textOut(self, text: str, TStar: Any = 0) -> None:  # noqa: N802,N803 (reportlab's)
        super()._textOut(text, TStar)
        if TStar:  # the line ended: the next one takes its own spacing
            self._line += 1
            self._space_line()

    def _bold(self, name: str) -> None:
        self.setTextRenderMode(2 if name in FAUX_BOLD else 0)

    def _setFont(self, psfontname: str, size: float) -> None:  # noqa: N802 (reportlab's)
        super()._setFont(psfontname, size)
        self._bold(psfontname)

    def setFont(  # noqa: N802 (reportlab's name)
        self, psfontname: str, size: float, leading: float | None = None
    ) -> None:
        super().setFont(psfontname, size, leading)
        self._bold(psfontname)


BOLD_STROKE = 0.03  # stroke width of faux bold, as a share of the font size


class CJKParagraph(Paragraph):
    """A Paragraph whose lines break by Chinese rules; its style must have wordWrap='CJK'.

    A style's charSpace (points, may be negative) spaces the characters as Word's document grid
    does: the official body sets 28 characters of 16 pt in a 156 mm line.

    Runs in a FAUX_BOLD font (the "bold" role) are drawn filled and stroked: the bold Word gives
    仿宋, which has no bold face. Each character is still drawn once, so text copies out as written.
    """

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.style.fontSize * BOLD_STROKE)
        canv.setStrokeColor(self.style.textColor)
        try:
            super().draw()
        finally:
            canv.restoreState()

    def beginText(self, x: float, y: float) -> Any:  # noqa: N802 (reportlab's name)
        return _Text(self.canv, x, y, self._line_spacings())

    def _line_spacings(self) -> list[float]:
        """Character spacing of each line: the style's, widened on a justified line so that its
        last character meets the right edge (Chinese has no spaces to stretch)."""
        base = self._char_space()
        bl = getattr(self, "blPara", None)
        if bl is None or bl.kind != 1:
            return [base]
        lines = bl.lines
        justify = self.style.alignment == TA_JUSTIFY
        last = len(lines) - 1
        out = []
        for k, line in enumerate(lines):
            n = getattr(line, "cjkChars", 0)
            extra = line.extraSpace
            # Not the paragraph's last line (unless a split moved it), nor one ended by <br/>,
            # nor one short by more than a few characters (stretched, it would look gappy).
            stretch = (justify and n > 1 and not getattr(line, "lineBreak", False)
                       and (k < last or getattr(self, "_JustifyLast", False))
                       and -1 < extra < 4 * self.style.fontSize)
            out.append(base + (extra + base) / (n - 1) if stretch else base)
        return out

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 (reportlab's name)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the first half of a split keeps the lines it was given
        style = self.style
        self.height = 0
        maxWidths = list(maxWidths)
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return cjk_frag_split(frags, maxWidths, auto not in ("", "off"), self._char_space())

    def _char_space(self) -> float:
        return float(getattr(self.style, "charSpace", 0) or 0)


# Where a title reads well split: after a closing quote or bracket, at a space, after a year, or
# before the words that end a title.
_TITLE_AFTER = frozenset("”’》）」』")
_TITLE_BEFORE = ("活动方案", "工作方案", "实施方案", "的通知", "活动的", "宣传活动", "主题活动")


class TitleParagraph(CJKParagraph):
    """A centred title that, when it needs two lines, is split near the middle at a sensible
    point (never one or two characters on a line of their own)."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 (reportlab's name)
        result = super().breakLinesCJK(maxWidths)
        lines = getattr(result, "lines", [])
        widths = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        if len(lines) != 2 or getattr(lines[0], "lineBreak", False):
            return result
        units = _units(self.frags, self._char_space())
        if any(not isinstance(u.width, (int, float)) or hasattr(u.frag, "lineBreak")
               for u in units):
            return result
        chars = [str(u) for u in units]
        size = float(self.style.fontSize)
        full = float(widths[0])
        total = sum(u.width for u in units)
        best: tuple[float, int] | None = None
        first = 0.0
        for b in range(1, len(units)):
            first += units[b - 1].width
            if b < 3 or len(units) - b < 3 or not allowed_at(chars, b):
                continue
            if first > full + _FUZZ or total - first > full + _FUZZ:
                continue
            text = "".join(chars[b:])
            sensible = (chars[b - 1] in _TITLE_AFTER or _is_space(chars[b - 1])
                        or text.startswith(_TITLE_BEFORE)
                        or (chars[b - 1] == "年" and chars[b - 2].isdigit()))
            # a sensible point wins unless it leaves the lines some eight characters apart
            cost = abs(2 * first - total) + (0.0 if sensible else 8 * size)
            if best is None or cost < best[0]:
                best = (cost, b)
        if best is None:
            return result
        b = best[1]
        head = sum(u.width for u in units[:b])
        self.height = 0
        out = cjk_frag_split(self.frags, [head + _FUZZ, full], False, self._char_space())
        line = out.lines[0]
        line.maxWidth, line.extraSpace = full, full - line.currentWidth  # centred on the page
        return out


def line_texts(para: Paragraph, width: float) -> list[str]:
    """The text of each line the paragraph breaks into at this width (for tests and checks)."""
    para.wrap(width, 1e9)
    out = []
    for line in para.blPara.lines:
        if hasattr(line, "words"):
            out.append("".join(getattr(w, "text", "") for w in line.words))
        else:
            out.append("".join(line[1]))
    return out
