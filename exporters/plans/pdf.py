"""A plan or a notice as an official-document PDF (GB/T 9704 layout, see exporters.pdf.official).

Parts follow the familiar skeleton; a part with nothing in it is left out, and the heading
numbers 一、二、… go to the parts actually present, in order.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from exporters.atomic import atomic_output
from exporters.pdf import official as o
from exporters.pdf.fonts import FontSet, font_set
from exporters.pdf.official import Styles, cn_date, esc
from models.plans.checks import festival_mismatch
from models.plans.outline import outline_of
from models.plans.records import (
    ORGANISER_ROLES,
    ContentRow,
    PlanRecord,
    SectionRow,
)
from models.plans.rules import budget_totals, yuan

# Festival keys the PDF can name; models.plans.festivals (where present) knows more.
_FESTIVALS = {
    "new_year": "元旦", "spring_festival": "春节", "lantern": "元宵节", "lei_feng": "学雷锋纪念日",
    "womens_day": "三八妇女节", "labour_day": "劳动节", "youth_day": "五四青年节",
    "childrens_day": "六一儿童节", "dragon_boat": "端午节", "party_day": "七一建党节",
    "population_day": "世界人口日", "army_day": "八一建军节", "qixi": "七夕节",
    "teachers_day": "教师节", "mid_autumn": "中秋节", "national_day": "国庆节",
    "double_ninth": "重阳节", "volunteer_day": "国际志愿者日",
}


def festival_label(key: str) -> str:
    """The Chinese name of a festival key; a key nobody can name gives nothing."""
    if not key:
        return ""
    try:
        from models.plans.festivals import FESTIVALS
    except ImportError:
        FESTIVALS = _FESTIVALS  # noqa: N806 - the imported name's stand-in
    return FESTIVALS.get(key, "") or _FESTIVALS.get(key, "")


# The clerk's words are printed exactly as typed: nothing is stripped from a line. A list whose
# first line she numbered herself ("1.", "（1）", "一、", "①") is printed as typed rather than
# numbered a second time. "三、四、五年级", "一、二年级", "3.5公里", "1、2号楼", "(1)班" open no
# list: they are words, and a miss only costs a number, never a word.
_FIRST_NUMBER = re.compile(
    r"^\s*(?:1\s*[.．、](?!\d)|[（(]\s*[1一]\s*[）)](?!班)|一、(?![二三四五六七八九十])|①)")
_END_MARKS = "。；;，,：:！？!?、"


def _lines(value: str) -> list[str]:
    """The non-empty lines of a text, each exactly as typed (surrounding spaces aside)."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def _self_numbered(values: list[str]) -> bool:
    return bool(values) and _FIRST_NUMBER.match(values[0]) is not None


def _join(parts: list[str], sep: str) -> str:
    """Parts run together with sep, except after a part that already ends with a mark."""
    out = ""
    for i, part in enumerate(parts):
        out += part
        if i < len(parts) - 1 and not part.endswith(tuple(_END_MARKS)):
            out += sep
    return out


def _sentence(value: str) -> str:
    """value ended with 。 unless it already ends with a mark."""
    return value if not value or value.endswith(tuple(_END_MARKS)) else value + "。"


def _hm(t: datetime) -> str:
    return f"{t.hour}:{t.minute:02d}"


def time_range(start: datetime | None, end: datetime | None, *, with_date: bool = True) -> str:
    """2026年10月18日 9:00-11:00; over several days 2026年10月18日 9:00至10月19日 17:00."""
    if not start and not end:
        return ""
    if all(t is None or (t.hour, t.minute, t.second) == (0, 0, 0) for t in (start, end)):
        # a span typed as dates only: no "0:00" (a day, not a midnight)
        first = start or end
        assert first is not None
        last = end if start and end and end.date() != start.date() else None
        first_text = cn_date(first.date()) if with_date else f"{first.month}月{first.day}日"
        if last is None:
            return first_text
        if last.year == first.year:
            return f"{first_text}至{last.month}月{last.day}日"
        return f"{first_text}至{cn_date(last.date())}"
    if start and end:
        if start.date() == end.date():
            head = f"{cn_date(start.date())} " if with_date else ""
            return f"{head}{_hm(start)}-{_hm(end)}"
        if not with_date:
            return f"{start.month}月{start.day}日 {_hm(start)}至{end.month}月{end.day}日 {_hm(end)}"
        tail = f"{end.month}月{end.day}日" if end.year == start.year else cn_date(end.date())
        return f"{cn_date(start.date())} {_hm(start)}至{tail} {_hm(end)}"
    t = start or end
    assert t is not None
    return (f"{cn_date(t.date())} " if with_date else "") + _hm(t) + ("起" if start else "止")


def date_range(start: date | None, end: date | None) -> str:
    if start and end:
        if start.year == end.year:
            return f"{cn_date(start)}至{end.month}月{end.day}日"
        return f"{cn_date(start)}至{cn_date(end)}"
    if start:
        return f"{cn_date(start)}起"
    if end:
        return f"{cn_date(end)}前"
    return ""


def _qty(value: float) -> str:
    return f"{value:g}"


class _Writer:
    """Collects the story and numbers headings by the outline's depth: a heading at level L
    takes the next number of L and restarts the levels below it."""

    def __init__(self, s: Styles) -> None:
        self.s = s
        self.story: list[Flowable] = []
        self.counters = [0, 0, 0, 0]
        self.sub = 2  # level of the headings inside the section being built

    def number(self, level: int) -> int:
        i = min(max(level, 1), 4) - 1
        self.counters[i] += 1
        self.counters[i + 1:] = [0] * (3 - i)
        return self.counters[i]

    def heading(self, level: int, title: str) -> Flowable:
        return o.heading(self.s, min(max(level, 1), 4), self.number(level), title)

    def numbered(self, values: list[str]) -> list[Flowable]:
        """A list: each item a paragraph numbered 1. 2. …, unless the clerk numbered it."""
        number = not _self_numbered(values)
        return [
            o.lead_paragraph(self.s, f"{i}." if number else "", v) for i, v in enumerate(values, 1)
        ]

    def plain(self, value: str) -> list[Flowable]:
        """Prose: each line a paragraph, as typed, never numbered."""
        return [o.lead_paragraph(self.s, "", v) for v in _lines(value)]

    def kv(self, label: str, value: str) -> Flowable:
        """"label：value" with the label in bold."""
        return o.para(self.s.bold(esc(label) + "：") + esc(value), self.s.body)


def _theme(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out = []
    if rec.theme.strip():
        out.append(o.text(rec.theme.strip(), w.s.body))
    if rec.slogan.strip():
        out.append(w.kv("活动口号", rec.slogan.strip()))
    return out


def _time_place(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out = []
    when = time_range(rec.start, rec.end)
    # the festival is named only when the dates hold its day (a plan moved by a year may not)
    festival = "" if festival_mismatch(rec) else festival_label(rec.festival)
    if festival:
        when = f"{when}（{festival}）" if when else festival
    if rec.time_note.strip():
        when = _join([when, rec.time_note.strip()], "，") if when else rec.time_note.strip()
    if when:
        out.append(w.kv("活动时间", _sentence(when)))
    places = _lines(rec.places)
    if places:
        out.append(w.kv("活动地点", _sentence(_join(places, "；"))))
    return out


def _organisers(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    by_role: dict[str, list[str]] = {}
    for row in rec.organisers:
        if row.name.strip():
            by_role.setdefault(row.role or "主办", []).append(row.name.strip())
    roles = list(ORGANISER_ROLES) + [r for r in by_role if r not in ORGANISER_ROLES]
    labels = {"主办": "主办单位", "承办": "承办单位", "协办": "协办单位", "媒体支持": "媒体支持"}
    return [w.kv(labels.get(r, r), "、".join(by_role[r])) for r in roles if r in by_role]


def _participants(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out = w.plain(rec.participants)
    lo, hi = rec.min_age, rec.max_age
    if lo is not None and hi is not None:
        out.append(w.kv("年龄要求", f"{lo}至{hi}周岁"))
    elif lo is not None:
        out.append(w.kv("年龄要求", f"{lo}周岁及以上"))
    elif hi is not None:
        out.append(w.kv("年龄要求", f"{hi}周岁及以下"))
    if rec.required_tags.strip():
        out.append(w.kv("限定人群", rec.required_tags.strip()))
    if rec.companion_age is not None:
        out.append(w.kv("陪同要求",
                        f"{rec.companion_age}周岁及以上的居民须由家属或所在单位人员陪同参加"))
    if rec.capacity is not None:
        note = "，陪同人员占用名额" if rec.capacity_counts_companions else ""
        out.append(w.kv("名额", f"{rec.capacity}人{note}"))
    if rec.fee_fen:
        out.append(w.kv("费用", f"每人{yuan(rec.fee_fen)}元"))
    # The clerk's registration text is already a sentence ("…，也可电话报名"): printed as
    # written under its own label, never wrapped into "到…报名".
    window = date_range(rec.reg_start, rec.reg_end)
    if window:
        out.append(w.kv("报名时间", window))
    if rec.reg_place.strip():
        out.append(w.kv("报名方式", rec.reg_place.strip()))
    return out


def _theme_lines(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out = []
    if rec.theme.strip():
        out.append(w.kv("活动主题", rec.theme.strip()))
    if rec.slogan.strip():
        out.append(w.kv("活动口号", rec.slogan.strip()))
    return out


def _content_items(w: _Writer, items: list[ContentRow], level: int) -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        if not (item.title.strip() or item.body.strip() or item.children):
            continue
        if item.title.strip():
            out.append(w.heading(level, item.title.strip()))
            out.extend(w.plain(item.body))
        else:
            # no title: the number leads the first paragraph
            n = w.number(level)
            lines = _lines(item.body)
            lv = min(max(level, 1), 4)
            label = ["", f"{o.cn_number(n)}、", f"（{o.cn_number(n)}）", f"{n}.", f"（{n}）"][lv]
            out.extend(o.lead_paragraph(w.s, label if i == 0 else "", v)
                       for i, v in enumerate(lines))
        out.extend(_content_items(w, item.children, level + 1))
    return out


def _table(w: _Writer, header: list[str], rows: list[list[str]], widths: list[float],
           align: str = "") -> list[Flowable]:
    """A table of the rows with anything in them; a column empty in every row is left out (its
    width goes to the others)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    keep = [c for c in range(len(header)) if any(r[c].strip() for r in rows)]
    align = align.ljust(len(header), "L")
    return o.table_block(o.data_table(
        w.s, [header[c] for c in keep], [[r[c] for c in keep] for r in rows],
        [widths[c] for c in keep], align="".join(align[c] for c in keep)))


def _agenda(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    days = {t.date() for row in rec.agenda for t in (row.start, row.end) if t}
    one_day = len(days) <= 1
    rows = []
    for row in rec.agenda:
        when = time_range(row.start, row.end, with_date=False)
        same_day = row.start and (not row.end or row.end.date() == row.start.date())
        day = f"{row.start.month}月{row.start.day}日" if row.start else ""
        if not one_day and row.start and same_day and not when.startswith(day):
            # an agenda over several days names the day of each slot (a date-only slot has it)
            when = f"{day} {when}"
        rows.append([when, row.what, row.place, row.who])
    return _table(w, ["时间", "内容", "地点", "负责人"], rows, [2.2, 4.2, 2.2, 1.6],
                  align="CLLC")


def _money(fen: int) -> str:
    """An amount; none entered (0) is a blank cell, not 0.00."""
    return yuan(fen) if fen else ""


def _budget(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    lines = [b for b in rec.budget if b.item.strip() or b.unit_price_fen or b.note.strip()]
    if not lines:
        return []
    notes = any(b.note.strip() for b in lines)
    rows = [
        [b.item, _qty(b.quantity), b.unit, _money(b.unit_price_fen), _money(b.amount_fen), b.payer]
        + ([b.note] if notes else [])
        for b in lines
    ]
    totals = budget_totals(lines)
    header = ["项目", "数量", "单位", "单价（元）", "金额（元）", "承担方"]
    widths = [3.2, 1.0, 1.0, 1.6, 1.8, 1.6]
    align = "LCCRRC"
    if notes:
        header, widths, align = header + ["备注"], [2.6, 0.9, 0.9, 1.4, 1.6, 1.4, 2.2], align + "L"
    bold: list[int] = []
    if totals.planned_fen:
        bold = [len(rows)]
        rows.append(["合计", "", "", "", yuan(totals.planned_fen), ""] + ([""] if notes else []))
        if len(totals.by_payer) > 1:
            for payer, fen in totals.by_payer.items():
                rows.append([f"其中：{payer}", "", "", "", _money(fen), ""]
                            + ([""] if notes else []))
    table = o.data_table(w.s, header, rows, widths, align=align, bold_rows=bold,
                         label_rows=range(len(lines), len(rows)), label_span=4)
    out = o.table_block(table)
    if totals.planned_fen:
        parts = "，".join(f"{p}{yuan(f)}元" for p, f in totals.by_payer.items() if f)
        out.append(o.para(esc(f"预算合计{yuan(totals.planned_fen)}元（{parts}）。"), w.s.body))
    return out


def _phases(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out: list[Flowable] = []
    for ph in rec.phases:
        if not (ph.name.strip() or ph.tasks or ph.deliverable.strip()):
            continue
        span = date_range(ph.start, ph.end)
        title = ph.name.strip()
        out.append(w.heading(w.sub, f"{title}（{span}）" if span else title))
        k = 0
        for task in ph.tasks:
            if not task.task.strip():
                continue
            k += 1
            extra = []
            if task.deadline:
                extra.append(f"{cn_date(task.deadline)}前完成")
            if task.owner.strip():
                extra.append(f"责任人：{task.owner.strip()}")
            tail = f"（{'，'.join(extra)}）" if extra else ""
            out.append(o.lead_paragraph(w.s, f"{k}.", task.task.strip().rstrip("。") + tail + "。"))
        if ph.deliverable.strip():
            out.append(w.kv("成果与上报材料", ph.deliverable.strip()))
        if ph.report_due:
            out.append(w.kv("上报截止", f"{cn_date(ph.report_due)}前报送"))
    return out


def _leadership(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out = w.plain(rec.leadership_note)
    # A post with no name yet ("组长：社区党委书记") prints: templates leave the names blank.
    members = [m for m in rec.leaders if m.name.strip() or m.post.strip() or m.duty.strip()]
    if members:
        out.append(o.para(w.s.bold("领导小组成员如下："), w.s.body))
        for m in members:
            name, post = m.name.strip(), m.post.strip()
            who = f"{name}（{post}）" if name and post else name or post
            duty = m.duty.strip()
            out.append(w.kv(m.role or "成员", _join([who, duty], "，") if who and duty
                            else who or duty))
    if rec.first_responsible.strip():
        out.append(w.kv("第一责任人", rec.first_responsible.strip()))
    return out


def _awards(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out: list[Flowable] = []
    for a in rec.awards:
        if not (a.name.strip() or a.levels.strip() or a.judges.strip() or a.honourees.strip()):
            continue
        out.append(w.heading(w.sub, a.name.strip()))
        for label, value in (("奖项设置", a.levels), ("评委", a.judges), ("表彰对象", a.honourees)):
            if value.strip():
                out.append(w.kv(label, value.strip()))
    return out


def _feedback(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out = w.plain(rec.feedback)
    if rec.feedback_due:
        out.append(w.kv("反馈截止", f"请于{cn_date(rec.feedback_due)}前反馈"))
    return out


def _highlights(w: _Writer, rec: PlanRecord) -> list[Flowable]:
    out: list[Flowable] = []
    for h in rec.highlights:
        if not (h.title.strip() or h.note.strip() or h.when.strip() or h.place.strip()):
            continue
        out.append(w.heading(w.sub, h.title.strip()))
        where = "，".join(x for x in (h.when.strip(), h.place.strip()) if x)
        if where:
            out.append(w.kv("时间地点", where))
        out.extend(w.plain(h.note))
    return out


_Build = Callable[[_Writer, PlanRecord], list[Flowable]]


def _blocks() -> dict[str, _Build]:
    """How each part of the plan prints, by its name (models.plans.records.PART_NAMES)."""
    return {
        "活动主题": _theme,
        "活动背景": lambda w, r: w.plain(r.background),
        "指导思想": lambda w, r: w.plain(r.guiding_ideology),
        "活动目的和意义": lambda w, r: w.plain(r.purpose),
        "活动原则": lambda w, r: w.numbered(_lines(r.principles)),
        "目标社区分析": lambda w, r: w.plain(r.target_analysis),
        "活动时间和地点": _time_place,
        "组织单位": _organisers,
        "参加对象": _participants,
        "活动内容": lambda w, r: _content_items(w, r.content, w.sub),
        "活动流程": _agenda,
        "分组与任务": lambda w, r: _table(
            w, ["小组", "组长", "成员", "任务", "目标"],
            [[g.name, g.leader, g.members, g.task, g.target] for g in r.groups],
            [1.6, 1.2, 2.4, 3.2, 2.0]),
        "人员安排": lambda w, r: _table(
            w, ["岗位", "人数", "来源", "职责"],
            [[x.role, x.headcount, x.source, x.duty] for x in r.staff], [2.0, 1.0, 2.2, 4.8],
            align="LCLL"),
        "物资与现场布置": lambda w, r: _table(
            w, ["物品", "数量", "提供方", "备注"],
            [[m.item, m.quantity, m.provider, m.note] for m in r.materials], [3.0, 1.4, 2.4, 3.2],
            align="LCLL"),
        "宣传安排": lambda w, r: _table(
            w, ["阶段", "渠道", "内容", "时间", "负责人", "截止日期"],
            [[p.stage, p.channel, p.content, p.when, p.who, cn_date(p.deadline)]
             for p in r.publicity],
            [1.2, 1.8, 3.2, 1.6, 1.3, 2.0], align="CLLLCC"),
        "活动亮点": _highlights,
        "费用预算": _budget,
        "风险及应急预案": lambda w, r: _table(
            w, ["风险", "应对措施", "责任人"],
            [[x.risk, x.measure, x.owner] for x in r.risks], [2.8, 5.6, 1.6], align="LLC"),
        "阶段安排": _phases,
        "组织领导": _leadership,
        "相关要求": lambda w, r: w.numbered([x.text.strip() for x in r.requirements
                                            if x.text.strip()]),
        "评比表彰": _awards,
        "活动反馈": _feedback,
        "活动总结": lambda w, r: w.plain(r.summary),
    }


def plan_story(rec: PlanRecord, styles: Styles) -> list[Flowable]:
    """Every flowable of the document, in order: title, 主送, the outline's sections, 附件,
    落款."""
    w = _Writer(styles)
    if rec.title.strip():
        w.story.extend(o.title_block(styles, rec.title))
    if rec.recipients.strip():  # 主送 prints whatever the document's kind
        w.story.append(o.recipients_line(styles, rec.recipients))
    blocks = _blocks()
    for row in outline_of(rec):
        if not row.hidden:
            _section(w, rec, row, blocks)
    w.story.extend(o.attachments_block(styles, [
        a.title + (f"（{a.note.strip()}）" if a.note.strip() else "") for a in rec.attachments
    ]))
    w.story.extend(o.signature_block(styles, rec.issuer, rec.issue_date))
    return w.story


def _section(w: _Writer, rec: PlanRecord, row: SectionRow, blocks: dict[str, _Build]) -> None:
    """One section: its heading numbered by its level, then its body; a section with nothing to
    print leaves no heading and takes no number. With no heading the body stands alone (a
    notice's opening) and its own sub-headings take the section's level (a notice's points)."""
    level = min(max(row.level, 1), 4)
    heading = row.heading.strip()
    saved = list(w.counters)
    head = w.heading(level, heading) if heading else None
    w.sub = level + 1 if heading else level
    if row.key:
        build = blocks.get(row.key)
        body = build(w, rec) if build else []
        if row.key == "活动主题" and not heading:
            body = _theme_lines(w, rec)
    elif row.form == "列表":
        body = w.numbered(_lines(row.text))
    else:
        body = w.plain(row.text)
    if not body:
        w.counters = saved  # an empty part never leaves a heading or a gap in the numbers
        return
    w.story.extend(o.keep_heading(head, body) if head else body)


def build_plan_pdf_bytes(rec: PlanRecord, *, fonts: FontSet | None = None) -> bytes:
    """The PDF of a plan or notice, in memory."""
    buf = io.BytesIO()
    write_plan_pdf(rec, buf, fonts=fonts)
    return buf.getvalue()


def write_plan_pdf(rec: PlanRecord, out: BinaryIO | Path | str, *,
                   fonts: FontSet | None = None) -> int:
    """Lay the plan out into out (a file path or a binary stream); returns the page count."""
    fonts = fonts or font_set()
    styles = o.make_styles(fonts)
    return o.build_pdf(plan_story(rec, styles), out, fonts=fonts, title=rec.title,
                       author=rec.issuer)


def export_plan_pdf(rec: PlanRecord, out: Path | str, *, fonts: FontSet | None = None) -> Path:
    """Write the plan's PDF to out, atomically (a failure leaves any old file as it was)."""
    target = Path(out)
    with atomic_output(target) as tmp:
        write_plan_pdf(rec, tmp, fonts=fonts)
    return target
