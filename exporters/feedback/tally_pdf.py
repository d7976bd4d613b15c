"""The feedback tally as a PDF in the official style: how many forms came back, then per question
its counts and shares in a table with a bar chart (exporters.feedback.charts), the average of a
satisfaction question, and every free-text answer listed as it was written.

tally_blocks is shared with the summary (its 反馈意见 section prints the same blocks).
"""
from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from exporters.atomic import atomic_output
from exporters.feedback.charts import bar_chart
from exporters.pdf.fonts import font_set
from exporters.pdf.official import (
    LINE,
    TEXT_W,
    Styles,
    build_pdf,
    data_table,
    make_styles,
    table_block,
    text,
)
from models.feedback.records import Tally, activity_name


def tally_blocks(s: Styles, t: Tally) -> list[Flowable]:
    """Each question: its line, then a table and chart, or its answers."""
    out: list[Flowable] = []
    for q in t.questions:
        avg = f"，平均 {q.average:.2f} 分" if q.average is not None else ""
        head = text(f"{q.number}．{q.question.text}（{q.kind_label}，作答 {q.answered} 份{avg}）",
                    s.h4)
        if q.counts:
            rows = [[c.label, str(c.count), f"{c.share * 100:.1f}%" if c.share is not None
                     else "—"] for c in q.counts]
            table = data_table(s, ["选项", "人数", "比例"], rows, [6, 2, 2],
                               align=["L", "R", "R"])
            chart = bar_chart(q, s.fonts.body, TEXT_W)
            out += [KeepTogether([head, Spacer(1, 4), table, Spacer(1, 6), chart]),
                    Spacer(1, LINE / 2)]
        elif q.answers:
            rows = [[str(i), a] for i, a in enumerate(q.answers, 1)]
            out += [head, *table_block(data_table(s, ["序号", "意见和建议"], rows, [1, 9],
                                                  align=["C", "L"]))]
        else:
            out += [head, text("（没有人作答）", s.body)]
    return out


def export_tally_pdf(plan_id: int, out: Path) -> int:
    """Write the tally; returns the number of pages."""
    from models.feedback.service import tally

    t = tally(plan_id)
    fonts = font_set()
    s = make_styles(fonts)
    story: list[Flowable] = [
        text(f"{activity_name(t.title)}反馈表统计", s.title),
        text(f"本次活动共收回反馈表 {t.responses} 份，共 {len(t.questions)} 题。"
             f"各题比例按作答份数计算。", s.body),
    ]
    if not t.questions:
        story.append(text("这个活动还没有反馈表题目。", s.body))
    story += tally_blocks(s, t)
    with atomic_output(out) as tmp:
        return build_pdf(story, tmp, fonts=fonts, title=f"{t.title}反馈表统计")
