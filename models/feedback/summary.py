"""The activity summary (活动总结) as content, with no drawing in it: a title, then the outline's
sections in order (models.feedback.summary_store), each a list of blocks: paragraphs, tables,
charts (a question's tally) and photos. exporters/feedback/summary_pdf.py draws it on official
pages; a Word renderer can walk the same SummaryDoc (Para -> paragraph, TableBlock -> table,
ChartBlock -> the chart drawn as an image, PhotoBlock -> pictures with captions).

The summary leaves the office (it goes to the street office), so names in it are masked (张*明)
and a phone or ID number written in a feedback answer is masked too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from models.common.masking import mask_id, mask_name, mask_phone
from models.common.money import yuan_text
from models.feedback.records import QuestionTally, Tally, activity_name
from models.feedback.summary_store import (
    ATTENDANCE,
    FEEDBACK,
    HONOURS,
    OVERVIEW,
    PHOTOS,
    SPENDING,
    Photo,
    list_photos,
    load_outline,
)
from models.plans.records import PlanRecord, SectionRow


@dataclass
class Para:
    text: str


@dataclass
class TableBlock:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    align: list[str] = field(default_factory=list)  # per column "L" "C" "R"
    bold_rows: list[int] = field(default_factory=list)  # totals


@dataclass
class ChartBlock:
    question: QuestionTally  # a choice or satisfaction question: bars of its counts


@dataclass
class PhotoBlock:
    photos: list[Photo]


Block = Para | TableBlock | ChartBlock | PhotoBlock


@dataclass
class Section:
    heading: str  # "" prints the blocks with no heading
    level: int
    blocks: list[Block]


@dataclass
class SummaryDoc:
    title: str
    sections: list[Section]
    issuer: str
    day: date | None


_PHONE = re.compile(r"(?<!\d)1\d{10}(?!\d)")
_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")


def scrub(text: str) -> str:
    """A phone or ID number written into a free-text answer, masked."""
    text = _ID.sub(lambda m: mask_id(m.group()), text)
    return _PHONE.sub(lambda m: mask_phone(m.group()), text)


def _pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


# --- the app's blocks ----------------------------------------------------------------------------

def overview_blocks(rec: PlanRecord) -> list[Block]:
    parts = []
    if rec.start:
        when = f"{rec.start.year}年{rec.start.month}月{rec.start.day}日"
        if rec.end and rec.end.date() != rec.start.date():
            when += f"至{rec.end.month}月{rec.end.day}日"
        parts.append(f"活动时间：{when}")
    places = "、".join(p.strip() for p in rec.places.splitlines() if p.strip())
    if places:
        parts.append(f"活动地点：{places}")
    for role in ("主办", "承办", "协办"):
        names = "、".join(o.name for o in rec.organisers if o.role == role and o.name.strip())
        if names:
            parts.append(f"{role}单位：{names}")
    if rec.participants.strip():
        parts.append(f"参加对象：{rec.participants.strip()}")
    blocks: list[Block] = [Para(p.rstrip("。；;，, ") + "。") for p in parts]
    return blocks or [Para("（方案中未填写活动时间和地点。）")]


def attendance_blocks(plan_id: int, day: date | None) -> list[Block]:
    from models.signups.figures import activity_figures
    from models.signups.service import list_signups

    fig = activity_figures(list_signups(plan_id), day)
    if not fig.registered and not fig.waitlist:
        return [Para("本次活动未在系统中登记报名。")]
    text = (f"本次活动报名 {fig.registered} 人，签到 {fig.attended} 人，未到 {fig.no_show} 人"
            f"（未到率 {_pct(fig.no_show, fig.registered)}）")
    others = (("候补", fig.waitlist), ("陪同人员", fig.companions), ("现场补登记", fig.walk_ins))
    extra = [f"{label} {n} 人" for label, n in others if n]
    blocks: list[Block] = [Para(text + ("；另有" + "，".join(extra) if extra else "") + "。")]
    for label, part in (("年龄段", fig.by_age), ("性别", fig.by_sex)):
        rows = [[b.group, str(b.registered), str(b.attended), str(b.registered - b.attended),
                 _pct(b.attended, b.registered)] for b in part]
        blocks.append(TableBlock([label, "报名", "签到", "未签到", "出勤率"], rows,
                                 [3, 2, 2, 2, 2], ["L", "R", "R", "R", "R"]))
    return blocks


def spending_blocks(rec: PlanRecord) -> list[Block]:
    lines = [b for b in rec.budget if b.item.strip()]
    if not lines:
        return [Para("本次活动方案中没有经费预算。")]
    rows: list[list[str]] = []
    for b in lines:
        actual = "未填" if b.actual_fen is None else yuan_text(b.actual_fen)
        left = "" if b.actual_fen is None else yuan_text(b.amount_fen - b.actual_fen)
        rows.append([b.item, b.payer, yuan_text(b.amount_fen), actual, left])
    payers = list(dict.fromkeys(b.payer for b in lines))
    bold = []
    for payer in payers + ["合计"]:
        mine = lines if payer == "合计" else [b for b in lines if b.payer == payer]
        if payer != "合计" and len(payers) < 2:
            continue
        budget = sum(b.amount_fen for b in mine)
        spent = sum(b.actual_fen or 0 for b in mine)
        bold.append(len(rows))
        rows.append([f"{payer}小计" if payer != "合计" else "合计", "", yuan_text(budget),
                     yuan_text(spent), yuan_text(budget - spent)])
    budget = sum(b.amount_fen for b in lines)
    spent = sum(b.actual_fen or 0 for b in lines)
    missing = sum(b.actual_fen is None for b in lines)
    text = (f"本次活动预算 {yuan_text(budget)} 元，实际支出 {yuan_text(spent)} 元，"
            f"结余 {yuan_text(budget - spent)} 元。")
    if missing:
        text += f"其中 {missing} 项尚未填写实际支出，未计入。"
    header = ["项目", "承担方", "预算（元）", "实际（元）", "结余（元）"]
    return [Para(text), TableBlock(header, rows, [4, 2, 2, 2, 2], ["L", "C", "R", "R", "R"], bold)]


def feedback_blocks(t: Tally) -> list[Block]:
    if not t.questions:
        return [Para("本次活动未发放反馈表。")]
    blocks: list[Block] = [Para(f"活动后共收回反馈表 {t.responses} 份，统计如下（比例按每题作答"
                                f"份数计算）。")]
    for q in t.questions:
        avg = f"，平均 {q.average:.2f} 分" if q.average is not None else ""
        blocks.append(Para(f"{q.number}．{q.question.text}（{q.kind_label}，作答 {q.answered} 份"
                           f"{avg}）"))
        if q.counts:
            blocks.append(ChartBlock(q))
        elif q.answers:
            blocks.append(TableBlock(["序号", "意见和建议"],
                                     [[str(i), scrub(a)] for i, a in enumerate(q.answers, 1)],
                                     [1, 9], ["C", "L"]))
    return blocks


def honours_blocks(plan_id: int) -> list[Block]:
    from models.contests.service import contest_results, list_contests, list_honour_lists

    blocks: list[Block] = []
    for c in list_contests(plan_id):
        res = contest_results(c.id)
        won = [r for r in res.entries if r.prize]
        blocks.append(Para(f"“{c.title}”共收到作品 {len(res.entries)} 件，评出获奖作品 "
                           f"{len(won)} 件。"))
        if won:
            blocks.append(TableBlock(
                ["类别", "奖项", "作品", "作者"],
                [[r.entry.category, r.prize, r.entry.title, mask_name(r.entry.name)]
                 for r in won], [2, 2, 5, 2], ["C", "C", "L", "C"]))
    for h in list_honour_lists():
        if h.plan_id != plan_id:
            continue
        names = "、".join(mask_name(n.name) for n in h.approved)
        blocks.append(Para(f"{h.year}年{h.title}评选出 {len(h.approved)} 名"
                           + (f"：{names}。" if names else "。")))
    return blocks or [Para("本次活动没有评比表彰。")]


def _photo_blocks(plan_id: int) -> list[Block]:
    photos = list_photos(plan_id)
    return [PhotoBlock(photos)] if photos else [Para("（未选照片。）")]


def _clerk_blocks(row: SectionRow) -> list[Block]:
    lines = [line.strip() for line in row.text.splitlines() if line.strip()]
    if row.form == "列表":
        return [Para(f"{i}．{line}") for i, line in enumerate(lines, 1)]
    return [Para(line) for line in lines]


def build_summary(plan_id: int, today: date | None = None) -> SummaryDoc:
    """Everything the summary says, in the order of its outline; hidden sections left out."""
    from models.feedback.service import tally
    from models.plans.service import load_plan

    rec = load_plan(plan_id)
    day = rec.start.date() if rec.start else None
    makers: dict[str, Callable[[], list[Block]]] = {
        OVERVIEW: lambda: overview_blocks(rec),
        ATTENDANCE: lambda: attendance_blocks(plan_id, day),
        SPENDING: lambda: spending_blocks(rec),
        FEEDBACK: lambda: feedback_blocks(tally(plan_id)),
        HONOURS: lambda: honours_blocks(plan_id),
        PHOTOS: lambda: _photo_blocks(plan_id),
    }
    sections = []
    for row in load_outline(plan_id):
        if row.hidden:
            continue
        blocks = makers[row.key]() if row.key else _clerk_blocks(row)
        if row.key or blocks:
            sections.append(Section(row.heading, row.level, blocks))
    issuer = rec.issuer or next((o.name for o in rec.organisers if o.role == "主办"), "")
    return SummaryDoc(f"{activity_name(rec.title)}总结", sections, issuer, today or date.today())
