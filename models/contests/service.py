"""Contests and honours: the service API the window, the command line and the exporters use.

Every call runs in one transaction and returns plain records (models/contests/records.py).
Results are never stored: contest_results recomputes them from the scores each time, with the
rules of models/contests/scoring.py.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import cast

from models.common.errors import UserError
from models.contests.records import (
    CategoryRecord,
    ContestRecord,
    ContestResults,
    EntryRecord,
    EntryResult,
    HonourListRecord,
    JudgeRecord,
    NewContest,
    NewEntry,
    NominationRecord,
    PersonHonour,
)
from models.contests.scoring import (
    METHODS,
    MIN_TRIMMED_JUDGES,
    TIE_RULES,
    TRIMMED,
    Level,
    TooFewJudges,
    UnknownRule,
    check_full_marks,
    check_score,
    place_category,
)
from models.contests.tables import (
    Contest,
    ContestCategory,
    ContestEntry,
    HonourList,
    Judge,
    Nomination,
    PrizeLevel,
    Score,
)
from models.datafile.db import database
from models.plans.tables import Plan

PENDING, APPROVED, REJECTED = "待审核", "已通过", "未通过"
STATUSES = (PENDING, APPROVED, REJECTED)
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: read as 1 and 0 on a score sheet


class NotFound(UserError, LookupError):
    pass


def _text(value: str, what: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise UserError(f"请填写{what}。")
    return cleaned


def _check_rules(method: str, tie_rule: str, judges: int) -> None:
    if method not in METHODS:
        raise UnknownRule(f"不认识的计分方法“{method}”，可选：{'、'.join(METHODS)}。")
    if tie_rule not in TIE_RULES:
        raise UnknownRule(f"不认识的并列处理“{tie_rule}”，可选：{'、'.join(TIE_RULES)}。")
    if method == TRIMMED and 0 < judges < MIN_TRIMMED_JUDGES:
        raise TooFewJudges(judges)


def _contest(contest_id: int) -> Contest:
    c = Contest.get_or_none(Contest.id == contest_id)
    if c is None:
        raise NotFound(f"找不到编号为 {contest_id} 的评比。")
    return c


def _record(c: Contest) -> ContestRecord:
    cats = []
    for cat in ContestCategory.select().where(ContestCategory.contest == c.id).order_by(
            ContestCategory.position, ContestCategory.id):
        levels = [(lv.name, lv.places) for lv in PrizeLevel.select().where(
            PrizeLevel.category == cat.id).order_by(PrizeLevel.position, PrizeLevel.id)]
        cats.append(CategoryRecord(cat.id, cat.name, levels))
    judges = [JudgeRecord(j.id, j.name, j.unit) for j in Judge.select().where(
        Judge.contest == c.id).order_by(Judge.position, Judge.id)]
    count = ContestEntry.select().where(ContestEntry.contest == c.id).count()
    return ContestRecord(c.id, c.title, c.plan_id, c.who_may_enter, c.hand_in_place, c.deadline,
                         c.method, c.tie_rule, c.issuer, cats, judges, count, c.full_marks)


def _set_levels(category_id: int, levels: Sequence[tuple[str, int | None]]) -> None:
    PrizeLevel.delete().where(PrizeLevel.category == category_id).execute()
    for i, (name, places) in enumerate(levels):
        if places is not None and places < 0:
            raise UserError(f"“{name}”的名额不能小于 0。")
        PrizeLevel.create(category=category_id, position=i, name=_text(name, "奖项名称"),
                          places=places)


def create_contest(new: NewContest) -> ContestRecord:
    title = _text(new.title, "评比名称")
    names = [n.strip() for n in new.categories if n.strip()]
    if not names:
        raise UserError("请至少填写一个作品类别（如 摄影、书画、诗词）。")
    if len(set(names)) != len(names):
        raise UserError("作品类别有重复，请检查。")
    _check_rules(new.method, new.tie_rule, 0)
    check_full_marks(new.full_marks)
    with database.atomic():
        if new.plan_id is not None and Plan.get_or_none(Plan.id == new.plan_id) is None:
            raise NotFound(f"找不到编号为 {new.plan_id} 的活动。")
        c = Contest.create(plan=new.plan_id, title=title, who_may_enter=new.who_may_enter,
                           hand_in_place=new.hand_in_place, deadline=new.deadline,
                           method=new.method, tie_rule=new.tie_rule, issuer=new.issuer,
                           full_marks=new.full_marks)
        for i, name in enumerate(names):
            cat = ContestCategory.create(contest=c.id, position=i, name=name)
            _set_levels(cat.id, new.levels)
        return _record(c)


def get_contest(contest_id: int) -> ContestRecord:
    with database.atomic():
        return _record(_contest(contest_id))


def list_contests(plan_id: int | None = None) -> list[ContestRecord]:
    with database.atomic():
        q = Contest.select().order_by(Contest.id)
        if plan_id is not None:
            q = q.where(Contest.plan == plan_id)
        return [_record(c) for c in q]


def delete_contest(contest_id: int) -> None:
    with database.atomic():
        _contest(contest_id).delete_instance()


def set_rules(contest_id: int, method: str, tie_rule: str) -> ContestRecord:
    """Choose the scoring method and the tie rule; 去掉最高最低 with fewer than five judges is
    refused (TooFewJudges) so the clerk chooses again."""
    with database.atomic():
        c = _contest(contest_id)
        _check_rules(method, tie_rule, Judge.select().where(Judge.contest == c.id).count())
        c.method, c.tie_rule = method, tie_rule
        c.save()
        return _record(c)


def set_levels(category_id: int, levels: Sequence[tuple[str, int | None]]) -> ContestRecord:
    with database.atomic():
        cat = ContestCategory.get_or_none(ContestCategory.id == category_id)
        if cat is None:
            raise NotFound(f"找不到编号为 {category_id} 的作品类别。")
        _set_levels(cat.id, levels)
        return _record(cat.contest)


def add_judge(contest_id: int, name: str, unit: str = "") -> JudgeRecord:
    with database.atomic():
        c = _contest(contest_id)
        position = Judge.select().where(Judge.contest == c.id).count()
        j = Judge.create(contest=c.id, position=position, name=_text(name, "评委姓名"),
                         unit=unit.strip())
        return JudgeRecord(j.id, j.name, j.unit)


def remove_judge(judge_id: int, new_method: str | None = None) -> ContestRecord:
    """Remove a judge and every score they gave. If the contest drops one highest and one lowest
    score and fewer than five judges would remain, nothing is removed (TooFewJudges) unless
    new_method names the method to use from now on."""
    with database.atomic():
        j = Judge.get_or_none(Judge.id == judge_id)
        if j is None:
            raise NotFound(f"找不到编号为 {judge_id} 的评委。")
        c = j.contest
        left = Judge.select().where(Judge.contest == c.id).count() - 1
        method = new_method or c.method
        _check_rules(method, c.tie_rule, left)
        j.delete_instance()
        c.method = method
        c.save()
        return _record(c)


def _new_code(contest_id: int, letter: str, rng: random.Random) -> str:
    taken = {e.code for e in ContestEntry.select(ContestEntry.code).where(
        ContestEntry.contest == contest_id)}
    for _ in range(2000):
        code = f"{letter}{rng.randint(100, 999)}"
        if code not in taken:
            return code
    n = 1000
    while f"{letter}{n}" in taken:
        n += 1
    return f"{letter}{n}"


def add_entry(contest_id: int, new: NewEntry, rng: random.Random | None = None) -> EntryRecord:
    """Record an entry handed in; it gets a code (category letter and three digits drawn at
    random, so the code says nothing of the entrant or the order of receipt). An entry after the
    deadline is taken and flagged late."""
    name = _text(new.name, "参赛人姓名")
    with database.atomic():
        c = _contest(contest_id)
        cats = list(ContestCategory.select().where(ContestCategory.contest == c.id).order_by(
            ContestCategory.position, ContestCategory.id))
        index = next((i for i, cat in enumerate(cats) if cat.id == new.category_id), None)
        if index is None:
            raise NotFound(f"这项评比没有编号为 {new.category_id} 的作品类别。")
        letter = _CODE_LETTERS[index % len(_CODE_LETTERS)]
        code = _new_code(c.id, letter, rng or random.SystemRandom())
        late = c.deadline is not None and new.received > c.deadline
        e = ContestEntry.create(contest=c.id, category=new.category_id, code=code,
                                resident=new.resident_id, name=name, phone=new.phone.strip(),
                                title=new.title.strip(), received=new.received,
                                received_by=new.received_by.strip(), late=late)
        return _entry_record(e, cats[index].name)


def _entry_record(e: ContestEntry, category: str) -> EntryRecord:
    return EntryRecord(e.id, e.code, e.category_id, category, e.name, e.resident_id, e.title,
                       e.received, e.received_by, bool(e.late), e.phone)


def list_entries(contest_id: int) -> list[EntryRecord]:
    with database.atomic():
        _contest(contest_id)
        q = (ContestEntry.select(ContestEntry, ContestCategory).join(ContestCategory)
             .where(ContestEntry.contest == contest_id)
             .order_by(ContestCategory.position, ContestEntry.code))
        return [_entry_record(e, e.category.name) for e in q]


def set_scores(judge_id: int, scores: Mapping[int, str]) -> int:
    """A judge's scores by entry id, as typed ("8.5"); an empty text clears that score. All or
    nothing: one bad number and none is saved. Returns how many were saved."""
    with database.atomic():
        j = Judge.get_or_none(Judge.id == judge_id)
        if j is None:
            raise NotFound(f"找不到编号为 {judge_id} 的评委。")
        full = j.contest.full_marks
        parsed = {eid: (check_score(t, full) if str(t).strip() else None)
                  for eid, t in scores.items()}
        ours = {e.id for e in ContestEntry.select(ContestEntry.id).where(
            ContestEntry.contest == j.contest_id)}
        for eid, value in parsed.items():
            if eid not in ours:
                raise NotFound(f"这项评比没有编号为 {eid} 的作品。")
            Score.delete().where((Score.entry == eid) & (Score.judge == j.id)).execute()
            if value is not None:
                Score.create(entry=eid, judge=j.id, value=str(scores[eid]).strip())
        return sum(1 for v in parsed.values() if v is not None)


def save_score_sheet(scores: Mapping[int, Mapping[int, str]]) -> int:
    """Scores of several judges at once ({judge id: {entry id: typed}}), all or nothing: the
    keyboard grid saves what the clerk confirmed in one go. Returns how many were saved."""
    with database.atomic():
        return sum(set_scores(judge_id, given) for judge_id, given in scores.items())


def contest_results(contest_id: int,
                    typed: Mapping[tuple[int, int], str] | None = None) -> ContestResults:
    """Every entry with its scores, total, place and prize, recomputed from the scores; typed
    ({(judge id, entry id): text}, "" clears) lays scores typed and not saved yet over the saved
    ones, so the window shows what the results would be (nothing is written)."""
    with database.atomic():
        c = _contest(contest_id)
        rec = _record(c)
        judge_ids = [j.id for j in rec.judges]
        entries = list_entries(contest_id)
        given: dict[tuple[int, int], Fraction] = {}
        for s in Score.select().join(ContestEntry).where(ContestEntry.contest == c.id):
            given[(s.entry_id, s.judge_id)] = Fraction(s.value)
    for (judge_id, entry_id), text in (typed or {}).items():
        if str(text).strip():
            given[(entry_id, judge_id)] = check_score(text, rec.full_marks)
        else:
            given.pop((entry_id, judge_id), None)
    _check_rules(rec.method, rec.tie_rule, len(judge_ids))
    out: list[EntryResult] = []
    notices: list[str] = []
    for cat in rec.categories:
        mine = [e for e in entries if e.category_id == cat.id]
        if not mine:
            continue
        row = {e.id: [given.get((e.id, j)) for j in judge_ids] for e in mine}
        board = {eid: (None if not judge_ids or any(v is None for v in s) else
                       [v for v in s if v is not None]) for eid, s in row.items()}
        placed = place_category(board, rec.method, rec.tie_rule,
                                [Level(n, p) for n, p in cat.levels], cat.name)
        notices.extend(placed.notices)
        by_id = {e.id: e for e in mine}
        for p in placed.placed:
            out.append(EntryResult(by_id[p.entry_id], row[p.entry_id], p.total, p.rank,
                                   p.prize, p.shared))
    return ContestResults(rec, out, notices)


# Honours ------------------------------------------------------------------------------------


def _honour_record(h: HonourList) -> HonourListRecord:
    noms = [NominationRecord(n.id, h.id, n.name, n.resident_id, n.nominated_by, n.deeds,
                             n.status, n.review_note, n.reviewed)
            for n in Nomination.select().where(Nomination.honour_list == h.id).order_by(
                Nomination.position, Nomination.id)]
    return HonourListRecord(h.id, h.title, h.year, h.places, h.issuer, h.plan_id, noms)


def create_honour_list(title: str, year: int, places: int | None = None, issuer: str = "",
                       plan_id: int | None = None) -> HonourListRecord:
    if places is not None and places < 1:
        raise UserError("表彰名额至少为 1 名（不限名额请留空）。")
    with database.atomic():
        h = HonourList.create(title=_text(title, "表彰名称"), year=year, places=places,
                              issuer=issuer.strip(), plan=plan_id)
        return _honour_record(h)


def get_honour_list(list_id: int) -> HonourListRecord:
    with database.atomic():
        h = HonourList.get_or_none(HonourList.id == list_id)
        if h is None:
            raise NotFound(f"找不到编号为 {list_id} 的表彰。")
        return _honour_record(h)


def list_honour_lists(year: int | None = None) -> list[HonourListRecord]:
    with database.atomic():
        q = HonourList.select().order_by(HonourList.year.desc(), HonourList.id)
        if year is not None:
            q = q.where(HonourList.year == year)
        return [_honour_record(h) for h in q]


def nominate(list_id: int, name: str, nominated_by: str, deeds: str = "",
             resident_id: int | None = None) -> NominationRecord:
    """Put a person forward (by a grid, team or unit) with a short account of their deeds."""
    with database.atomic():
        h = HonourList.get_or_none(HonourList.id == list_id)
        if h is None:
            raise NotFound(f"找不到编号为 {list_id} 的表彰。")
        position = Nomination.select().where(Nomination.honour_list == h.id).count()
        n = Nomination.create(honour_list=h.id, resident=resident_id, name=_text(name, "姓名"),
                              nominated_by=_text(nominated_by, "推荐单位（网格、团队或单位）"),
                              deeds=deeds.strip(), position=position)
        return NominationRecord(n.id, h.id, n.name, n.resident_id, n.nominated_by, n.deeds,
                                n.status, n.review_note, n.reviewed)


def review_nomination(nomination_id: int, status: str, note: str = "",
                      day: date | None = None) -> HonourListRecord:
    """Approve or turn down a nomination (or set it back to 待审核). Approving beyond the list's
    places is refused: the clerk turns another one down first."""
    if status not in STATUSES:
        raise UserError(f"审核结果只能是：{'、'.join(STATUSES)}。")
    with database.atomic():
        n = Nomination.get_or_none(Nomination.id == nomination_id)
        if n is None:
            raise NotFound(f"找不到编号为 {nomination_id} 的推荐。")
        h = n.honour_list
        if status == APPROVED and n.status != APPROVED and h.places is not None:
            approved = Nomination.select().where((Nomination.honour_list == h.id) & (
                Nomination.status == APPROVED)).count()
            if approved >= h.places:
                raise UserError(f"“{h.title}”名额 {h.places} 名已满，请先将另一位改为未通过。")
        n.status, n.review_note = status, note.strip()
        n.reviewed = None if status == PENDING else (day or date.today())
        n.save()
        return _honour_record(h)


def person_honours(resident_id: int | None = None, name: str = "") -> list[PersonHonour]:
    """A person's honours across the years: approved nominations and contest prizes. A resident
    is found by the link; a name alone matches only entries and nominations with no link."""
    if resident_id is None and not name.strip():
        raise UserError("请指定居民或填写姓名。")
    key = (resident_id, "" if resident_id is not None else name.strip())
    return people_honours([key])[key]


def people_honours(people: Sequence[tuple[int | None, str]],
                   ) -> dict[tuple[int | None, str], list[PersonHonour]]:
    """person_honours for many people at once, keyed (resident_id, "") for a resident and
    (None, name) for a name alone: a few queries and each contest's results once, however many
    people (the volunteer ledger asks for every member)."""
    keys = [(r, "") if r is not None else (None, n.strip()) for r, n in people]
    out: dict[tuple[int | None, str], list[PersonHonour]] = {k: [] for k in keys}

    def key_of(resident: int | None, name: str) -> tuple[int | None, str]:
        return (resident, "") if resident is not None else (None, name)

    with database.atomic():
        for n in Nomination.select(Nomination, HonourList).join(HonourList).where(
                Nomination.status == APPROVED):
            mine = out.get(key_of(n.resident_id, n.name))
            if mine is not None:
                mine.append(PersonHonour(n.honour_list.year, n.honour_list.title,
                                         n.honour_list.title, "表彰", n.name))
        pairs = cast("Iterable[tuple[int, int | None, str]]", ContestEntry.select(
            ContestEntry.contest, ContestEntry.resident, ContestEntry.name).distinct().tuples())
        contest_ids = sorted({c for c, r, n in pairs if key_of(r, n) in out})
    for cid in contest_ids:
        try:
            res = contest_results(cid)
        except TooFewJudges:
            continue  # no results until the clerk chooses another method
        year = _contest_year(res.contest)
        for r in res.entries:
            e = r.entry
            mine = out.get(key_of(e.resident_id, e.name))
            if mine is not None and r.prize:
                mine.append(PersonHonour(year, f"{res.contest.title}（{e.category}）", r.prize,
                                         "评比", e.name))
    for found in out.values():
        found.sort(key=lambda h: (-h.year, h.kind, h.title))
    return out


def _contest_year(rec: ContestRecord) -> int:
    if rec.deadline is not None:
        return rec.deadline.year
    with database.atomic():
        first = ContestEntry.select(ContestEntry.received).where(
            ContestEntry.contest == rec.id).order_by(ContestEntry.received).first()
    return first.received.year if first is not None else date.today().year
