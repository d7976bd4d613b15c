"""Bar charts of a question's counts, drawn with reportlab.graphics (vector shapes, no image), so
the same Drawing goes into a PDF and, rendered, into the window.

One bar per option (or per satisfaction level), longest scale = the largest count; each bar ends
with "N 人 xx.x%". Labels are in the body font; a label too long is cut with "…".
"""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.feedback.records import QuestionTally

BAR_H = 14.0
GAP = 7.0
FONT_SIZE = 10.5  # 五号
LABEL_W = 150.0
VALUE_W = 80.0
BAR_COLOUR = colors.Color(0.22, 0.42, 0.69)
AXIS = colors.Color(0.4, 0.4, 0.4)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(q: QuestionTally, font: str, width: float) -> Drawing:
    """The chart of one choice or satisfaction question, width points wide."""
    rows = q.counts
    height = len(rows) * (BAR_H + GAP) + GAP
    d = Drawing(width, height)
    top = max((c.count for c in rows), default=0) or 1
    bar_w = max(40.0, width - LABEL_W - VALUE_W)
    x0 = LABEL_W
    for i, c in enumerate(rows):
        y = height - (i + 1) * (BAR_H + GAP)
        label = _fit(c.label, font, FONT_SIZE, LABEL_W - 8)
        d.add(String(x0 - 6, y + 3.5, label, fontName=font, fontSize=FONT_SIZE,
                     textAnchor="end"))
        w = bar_w * c.count / top
        if w > 0:
            d.add(Rect(x0, y, w, BAR_H, fillColor=BAR_COLOUR, strokeColor=None))
        share = f"{c.share * 100:.1f}%" if c.share is not None else "—"
        d.add(String(x0 + w + 4, y + 3.5, f"{c.count} 人  {share}", fontName=font,
                     fontSize=FONT_SIZE))
    d.add(Line(x0, 2, x0, height - 2, strokeColor=AXIS, strokeWidth=0.8))
    return d


def chart_pdf_bytes(q: QuestionTally, font: str, width: float = 440.0) -> bytes:
    """The chart alone as a one-page PDF (the window renders it with pypdfium2)."""
    from reportlab.graphics import renderPDF

    data = renderPDF.drawToString(bar_chart(q, font, width))
    return data if isinstance(data, bytes) else data.encode("latin-1")
