"""A plan or a notice as a typed document (exporters.doc.model), the one source of the PDF and
the Word file.

Parts follow the outline (models.plans.outline): a part with nothing in it is left out, and the
heading numbers 一、（一）1.（1） go to the parts actually present, by the outline's depth.
"""
from __future__ import annotations

from collections.abc import Callable

from exporters.doc.model import (
    Attachments,
    Block,
    Document,
    Heading,
    Paragraph,
    Recipients,
    Run,
    Signature,
    Table,
)
from exporters.pdf.official import cn_date, cn_number
from exporters.plans.wording import (
    date_range,
    festival_label,
    join,
    lines_of,
    money,
    qty,
    self_numbered,
    sentence,
    time_range,
)
from models.plans.blanks import BLANK_DATE
from models.plans.checks import festival_mismatch
from models.plans.outline import outline_of
from models.plans.records import ORGANISER_ROLES, ContentRow, PlanRecord, SectionRow
from models.plans.rules import budget_totals, yuan


def number_label(level: int, n: int) -> str:
    """The printed number of the n-th heading of a level: 一、（一）1.（1）, and ①② for content one
    level below the four of GB/T 9704 (an item four deep under a section's own heading)."""
    lv = min(max(level, 1), DEEPEST)
    if lv == DEEPEST:
        return chr(0x2460 + n - 1) if n <= 20 else f"（{n}）"  # ① .. ⑳
    return [f"{cn_number(n)}、", f"（{cn_number(n)}）", f"{n}.", f"（{n}）"][lv - 1]


DEEPEST = 5  # the four heading levels, then numbered paragraphs ① ② for content below them


def lead(prefix: str, value: str) -> Paragraph:
    """A body paragraph; "lead phrase：rest" gets the lead phrase (and its colon) in bold.
    Only the full-width colon: "8:30" is a time, not a lead phrase."""
    value = value.strip()
    head, sep, rest = value.partition("：")
    runs = [Run(prefix)] if prefix else []
    if sep and 0 < len(head) <= 20 and rest.strip():
        # ASCII spaces only: ideographic ones after the colon are a blank (　　年) to keep
        runs += [Run(head.strip() + "：", bold=True), Run(rest.strip(" \t\r\n"))]
    else:
        runs.append(Run(value))
    return Paragraph(tuple(runs))


def kv(label: str, value: str) -> Paragraph:
    """"label：value" with the label in bold."""
    return Paragraph((Run(label.strip() + "：", bold=True), Run(value.strip())))


def plain_text(value: str) -> Paragraph:
    return Paragraph((Run(value.strip()),))


class _Writer:
    """Numbers headings by the outline's depth: a heading at level L takes the next number of L
    and restarts the levels below it."""

    def __init__(self) -> None:
        self.counters = [0] * DEEPEST
        self.sub = 2  # level of the headings inside the section being built

    def number(self, level: int) -> int:
        i = min(max(level, 1), DEEPEST) - 1
        self.counters[i] += 1
        self.counters[i + 1:] = [0] * (DEEPEST - 1 - i)
        return self.counters[i]

    def heading(self, level: int, title: str) -> Heading | Paragraph:
        """A heading of levels 1-4; below them (content four deep under a section's heading) a
        paragraph led by its number ①, since GB/T 9704 has no fifth heading style."""
        lv = min(max(level, 1), DEEPEST)
        label = number_label(lv, self.number(lv))
        if lv == DEEPEST:
            return lead(label, title)
        return Heading(lv, label, title.strip())

    def numbered(self, values: list[str]) -> list[Block]:
        """A list: each item a paragraph numbered 1. 2. …, unless the clerk numbered it."""
        number = not self_numbered(values)
        return [lead(f"{i}." if number else "", v) for i, v in enumerate(values, 1)]

    def plain(self, value: str) -> list[Block]:
        """Prose: each line a paragraph, as typed, never numbered."""
        return [lead("", v) for v in lines_of(value)]


_Build = Callable[[_Writer, PlanRecord], list[Block]]


def _theme(w: _Writer, rec: PlanRecord) -> list[Block]:
    out: list[Block] = []
    if rec.theme.strip():
        out.append(plain_text(rec.theme))
    if rec.slogan.strip():
        out.append(kv("活动口号", rec.slogan))
    return out


def _theme_lines(rec: PlanRecord) -> list[Block]:
    out: list[Block] = []
    if rec.theme.strip():
        out.append(kv("活动主题", rec.theme))
    if rec.slogan.strip():
        out.append(kv("活动口号", rec.slogan))
    return out


def _time_place(w: _Writer, rec: PlanRecord) -> list[Block]:
    out: list[Block] = []
    when = time_range(rec.start, rec.end)
    # the festival is named only when the dates hold its day (a plan moved by a year may not)
    festival = "" if festival_mismatch(rec) else festival_label(rec.festival)
    if festival:
        when = f"{when}（{festival}）" if when else festival
    if rec.time_note.strip():
        when = join([when, rec.time_note.strip()], "，") if when else rec.time_note.strip()
    if when:
        out.append(kv("活动时间", sentence(when)))
    places = lines_of(rec.places)
    if places:
        out.append(kv("活动地点", sentence(join(places, "；"))))
    return out


def _organisers(w: _Writer, rec: PlanRecord) -> list[Block]:
    by_role: dict[str, list[str]] = {}
    for row in rec.organisers:
        if row.name.strip():
            by_role.setdefault(row.role or "主办", []).append(row.name.strip())
    roles = list(ORGANISER_ROLES) + [r for r in by_role if r not in ORGANISER_ROLES]
    labels = {"主办": "主办单位", "承办": "承办单位", "协办": "协办单位", "媒体支持": "媒体支持"}
    return [kv(labels.get(r, r), "、".join(by_role[r])) for r in roles if r in by_role]


def _participants(w: _Writer, rec: PlanRecord) -> list[Block]:
    out = w.plain(rec.participants)
    lo, hi = rec.min_age, rec.max_age
    if lo is not None and hi is not None:
        out.append(kv("年龄要求", f"{lo}至{hi}周岁"))
    elif lo is not None:
        out.append(kv("年龄要求", f"{lo}周岁及以上"))
    elif hi is not None:
        out.append(kv("年龄要求", f"{hi}周岁及以下"))
    if rec.required_tags.strip():
        out.append(kv("限定人群", rec.required_tags))
    if rec.companion_age is not None:
        out.append(kv("陪同要求",
                      f"{rec.companion_age}周岁及以上的居民须由家属或所在单位人员陪同参加"))
    if rec.capacity is not None:
        note = "，陪同人员占用名额" if rec.capacity_counts_companions else ""
        out.append(kv("名额", f"{rec.capacity}人{note}"))
    if rec.fee_fen:
        out.append(kv("费用", f"每人{yuan(rec.fee_fen)}元"))
    # The clerk's registration text is already a sentence ("…，也可电话报名"): printed as
    # written under its own label, never wrapped into "到…报名".
    window = date_range(rec.reg_start, rec.reg_end)
    if window:
        out.append(kv("报名时间", window))
    if rec.reg_place.strip():
        out.append(kv("报名方式", rec.reg_place))
    return out


def _content_items(w: _Writer, items: list[ContentRow], level: int) -> list[Block]:
    out: list[Block] = []
    for item in items:
        if not (item.title.strip() or item.body.strip() or item.children):
            continue
        if item.title.strip():
            out.append(w.heading(level, item.title))
            out.extend(w.plain(item.body))
        else:
            # no title: the number leads the first paragraph
            label = number_label(level, w.number(level))
            out.extend(lead(label if i == 0 else "", v)
                       for i, v in enumerate(lines_of(item.body)))
        out.extend(_content_items(w, item.children, level + 1))
    return out


def _table(header: list[str], rows: list[list[str]], widths: list[float],
           align: str = "") -> list[Block]:
    """A table of the rows with anything in them; a column empty in every row is left out (its
    width goes to the others)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    keep = [c for c in range(len(header)) if any(r[c].strip() for r in rows)]
    align = align.ljust(len(header), "L")
    return [Table([header[c] for c in keep], [[r[c] for c in keep] for r in rows],
                  [widths[c] for c in keep], align="".join(align[c] for c in keep))]


def _agenda(w: _Writer, rec: PlanRecord) -> list[Block]:
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
    return _table(["时间", "内容", "地点", "负责人"], rows, [2.2, 4.2, 2.2, 1.6], align="CLLC")


def _budget(w: _Writer, rec: PlanRecord) -> list[Block]:
    lines = [b for b in rec.budget if b.item.strip() or b.unit_price_fen or b.note.strip()]
    if not lines:
        return []
    notes = any(b.note.strip() for b in lines)
    rows = [
        [b.item, qty(b.quantity), b.unit, money(b.unit_price_fen), money(b.amount_fen), b.payer]
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
                rows.append([f"其中：{payer}", "", "", "", money(fen), ""]
                            + ([""] if notes else []))
    out: list[Block] = [Table(header, rows, widths, align=align, bold_rows=bold,
                              label_rows=list(range(len(lines), len(rows))), label_span=4)]
    if totals.planned_fen:
        parts = "，".join(f"{p}{yuan(f)}元" for p, f in totals.by_payer.items() if f)
        out.append(plain_text(f"预算合计{yuan(totals.planned_fen)}元（{parts}）。"))
    return out


def _phases(w: _Writer, rec: PlanRecord) -> list[Block]:
    out: list[Block] = []
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
            out.append(lead(f"{k}.", task.task.strip().rstrip("。") + tail + "。"))
        if ph.deliverable.strip():
            out.append(kv("成果与上报材料", ph.deliverable))
        if ph.report_due:
            out.append(kv("上报截止", f"{cn_date(ph.report_due)}前报送"))
    return out


def _leadership(w: _Writer, rec: PlanRecord) -> list[Block]:
    out = w.plain(rec.leadership_note)
    # A post with no name yet ("组长：社区党委书记") prints: templates leave the names blank.
    members = [m for m in rec.leaders if m.name.strip() or m.post.strip() or m.duty.strip()]
    if members:
        out.append(Paragraph((Run("领导小组成员如下：", bold=True),)))
        for m in members:
            name, post = m.name.strip(), m.post.strip()
            who = f"{name}（{post}）" if name and post else name or post
            duty = m.duty.strip()
            out.append(kv(m.role or "成员", join([who, duty], "，") if who and duty
                          else who or duty))
    if rec.first_responsible.strip():
        out.append(kv("第一责任人", rec.first_responsible))
    return out


def _awards(w: _Writer, rec: PlanRecord) -> list[Block]:
    out: list[Block] = []
    for a in rec.awards:
        if not (a.name.strip() or a.levels.strip() or a.judges.strip() or a.honourees.strip()):
            continue
        out.append(w.heading(w.sub, a.name))
        for label, value in (("奖项设置", a.levels), ("评委", a.judges), ("表彰对象", a.honourees)):
            if value.strip():
                out.append(kv(label, value))
    return out


def _feedback(w: _Writer, rec: PlanRecord) -> list[Block]:
    out = w.plain(rec.feedback)
    if rec.feedback_due:
        out.append(kv("反馈截止", f"请于{cn_date(rec.feedback_due)}前反馈"))
    return out


def _highlights(w: _Writer, rec: PlanRecord) -> list[Block]:
    out: list[Block] = []
    for h in rec.highlights:
        if not (h.title.strip() or h.note.strip() or h.when.strip() or h.place.strip()):
            continue
        out.append(w.heading(w.sub, h.title))
        where = "，".join(x for x in (h.when.strip(), h.place.strip()) if x)
        if where:
            out.append(kv("时间地点", where))
        out.extend(w.plain(h.note))
    return out


def part_builders() -> dict[str, _Build]:
    """How each part of the plan prints, by its name (models.plans.records.PART_NAMES)."""
    return {
        "活动主题": _theme,
        "活动背景": lambda w, r: w.plain(r.background),
        "指导思想": lambda w, r: w.plain(r.guiding_ideology),
        "活动目的和意义": lambda w, r: w.plain(r.purpose),
        "活动原则": lambda w, r: w.numbered(lines_of(r.principles)),
        "目标社区分析": lambda w, r: w.plain(r.target_analysis),
        "活动时间和地点": _time_place,
        "组织单位": _organisers,
        "参加对象": _participants,
        "活动内容": lambda w, r: _content_items(w, r.content, w.sub),
        "活动流程": _agenda,
        "分组与任务": lambda w, r: _table(
            ["小组", "组长", "成员", "任务", "目标"],
            [[g.name, g.leader, g.members, g.task, g.target] for g in r.groups],
            [1.6, 1.2, 2.4, 3.2, 2.0]),
        "人员安排": lambda w, r: _table(
            ["岗位", "人数", "来源", "职责"],
            [[x.role, x.headcount, x.source, x.duty] for x in r.staff], [2.0, 1.0, 2.2, 4.8],
            align="LCLL"),
        "物资与现场布置": lambda w, r: _table(
            ["物品", "数量", "提供方", "备注"],
            [[m.item, m.quantity, m.provider, m.note] for m in r.materials], [3.0, 1.4, 2.4, 3.2],
            align="LCLL"),
        "宣传安排": lambda w, r: _table(
            ["阶段", "渠道", "内容", "时间", "负责人", "截止日期"],
            [[p.stage, p.channel, p.content, p.when, p.who, cn_date(p.deadline)]
             for p in r.publicity],
            [1.2, 1.8, 3.2, 1.6, 1.3, 2.0], align="CLLLCC"),
        "活动亮点": _highlights,
        "费用预算": _budget,
        "风险及应急预案": lambda w, r: _table(
            ["风险", "应对措施", "责任人"],
            [[x.risk, x.measure, x.owner] for x in r.risks], [2.8, 5.6, 1.6], align="LLC"),
        "阶段安排": _phases,
        "组织领导": _leadership,
        "相关要求": lambda w, r: w.numbered([x.text.strip() for x in r.requirements
                                            if x.text.strip()]),
        "评比表彰": _awards,
        "活动反馈": _feedback,
        "活动总结": lambda w, r: w.plain(r.summary),
    }


def plan_document(rec: PlanRecord) -> Document:
    """The whole document, in order: title, 主送, the outline's sections, 附件, 落款."""
    w = _Writer()
    blocks: list[Block] = []
    if rec.recipients.strip():  # 主送 prints whatever the document's kind
        blocks.append(Recipients(rec.recipients.strip().rstrip("：:，,。")))
    builders = part_builders()
    for row in outline_of(rec):
        if not row.hidden:
            blocks.extend(_section(w, rec, row, builders))
    titles = [a.title.strip() + (f"（{a.note.strip()}）" if a.note.strip() else "")
              for a in rec.attachments]
    if any(titles):
        blocks.append(Attachments([t for t in titles if t.strip()]))
    issue = cn_date(rec.issue_date)
    if rec.issuer.strip() and not issue:
        issue = BLANK_DATE  # an issuer with no date yet: a blank to date and seal by hand
    if rec.issuer.strip() or issue:
        blocks.append(Signature(rec.issuer.strip(), issue))
    return Document(title=rec.title.strip(), blocks=blocks, author=rec.issuer)


def _section(w: _Writer, rec: PlanRecord, row: SectionRow,
             builders: dict[str, _Build]) -> list[Block]:
    """One section: its heading numbered by its level, then its body; a section with nothing to
    print leaves no heading and takes no number. With no heading the body stands alone (a
    notice's opening) and its own sub-headings take the section's level (a notice's points)."""
    level = min(max(row.level, 1), 4)
    heading = row.heading.strip()
    saved = list(w.counters)
    head = w.heading(level, heading) if heading else None
    w.sub = level + 1 if heading else level
    body: list[Block]
    if row.key:
        build = builders.get(row.key)
        body = build(w, rec) if build else []
        if row.key == "活动主题" and not heading:
            body = _theme_lines(rec)
    elif row.form == "列表":
        body = w.numbered(lines_of(row.text))
    else:
        body = w.plain(row.text)
    if not body:
        w.counters = saved  # an empty part never leaves a heading or a gap in the numbers
        return []
    return [head, *body] if head else body
