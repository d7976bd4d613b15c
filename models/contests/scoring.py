"""The scoring rules of a contest, pure (no database): each entry's total by the chosen method,
its place within its category, ties broken by the chosen rule, and prizes by count per level.

Numbers are exact (fractions.Fraction of what the judges wrote), so a total never depends on the
order the scores are added in, and two entries tie only when they truly tie.

- 平均分: the mean of every judge's score, higher is better.
- 去掉最高最低: drop one highest and one lowest score, mean of the rest; needs at least five
  judges (MIN_TRIMMED_JUDGES), otherwise TooFewJudges asks the clerk to choose again.
- 名次和: each judge's scores turned into places within the category (ties share the mean
  place), the places added up, lower is better.

Ties on the total are broken by the contest's rule: 高分多者优先 (compare the entries' scores from
the highest down: more top scores wins), 中位数高者优先, or 并列 (no breaking). A tie the rule
cannot break shares the place; if that pushes a level past its count, the level holds the extra
entries and the result carries a notice saying so. Nothing is decided silently.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from models.common.errors import UserError

MEAN = "平均分"
TRIMMED = "去掉最高最低"
RANK_SUM = "名次和"
METHODS = (MEAN, TRIMMED, RANK_SUM)

MORE_TOP = "高分多者优先"
MEDIAN = "中位数高者优先"
SHARED = "并列"
TIE_RULES = (MORE_TOP, MEDIAN, SHARED)

MIN_TRIMMED_JUDGES = 5
# The usual levels for a category: (name, places); places None means "every other entry".
DEFAULT_LEVELS: tuple[tuple[str, int | None], ...] = (
    ("一等奖", 1), ("二等奖", 2), ("三等奖", 3), ("优秀奖", None))


class TooFewJudges(UserError):
    def __init__(self, judges: int) -> None:
        super().__init__(
            f"“去掉最高分和最低分”需要至少 {MIN_TRIMMED_JUDGES} 位评委，现在只有 {judges} 位。"
            f"请改选“{MEAN}”或“{RANK_SUM}”，或再请评委。")


class UnknownRule(UserError):
    pass


def parse_score(text: str) -> Fraction:
    """A score as the judge wrote it ("8.5", "92"), exactly; refuses anything else in Chinese."""
    cleaned = str(text).strip()
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise UserError(f"分数“{cleaned}”不是数字，请填写如 8.5 或 92 这样的分数。") from None
    if value < 0:
        raise UserError(f"分数“{cleaned}”小于 0，请重新填写。")
    return value


def check_full_marks(full: int | None) -> None:
    if full is not None and not 1 <= full <= 1000:
        raise UserError(f"满分 {full} 不合理，应在 1 到 1000 之间（如 10 或 100）。")


def check_score(text: str, full_marks: int | None) -> Fraction:
    """A typed score, refused in Chinese when it is not a number or above full marks."""
    value = parse_score(text)
    if full_marks is not None and value > full_marks:
        raise UserError(f"分数“{str(text).strip()}”超过满分 {full_marks} 分，请重新填写。")
    return value


def show_score(value: Fraction | None, places: int = 2) -> str:
    """A score or total for people: 9, 8.5, 9.17 (rounded half up to places); "" for None."""
    if value is None:
        return ""
    if value.denominator == 1:
        return str(value.numerator)
    scale = 10 ** places
    rounded = Fraction(int(value * scale + Fraction(1, 2)), scale)
    return f"{float(rounded):.{places}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Level:
    name: str
    places: int | None  # None: every entry left over


@dataclass(frozen=True)
class Placed:
    """One entry's result within its category."""

    entry_id: int
    total: Fraction | None  # None: not every judge has scored it yet, so it is not placed
    rank: int | None  # 1 is best; tied entries share it (1, 1, 3)
    prize: str  # "" when none
    shared: bool  # shares its place with another entry the tie rule could not separate


@dataclass
class CategoryResult:
    placed: list[Placed]  # best first, then unplaced entries
    notices: list[str] = field(default_factory=list)  # shared places over a level's count, gaps


def _judge_places(scores: Mapping[int, Sequence[Fraction]], judges: int) -> dict[int, Fraction]:
    """名次和: each judge's scores made places (1 best), ties sharing the mean place, summed."""
    sums = {eid: Fraction(0) for eid in scores}
    for j in range(judges):
        column = sorted(((s[j], eid) for eid, s in scores.items()), key=lambda t: -t[0])
        i = 0
        while i < len(column):
            k = i
            while k < len(column) and column[k][0] == column[i][0]:
                k += 1
            place = Fraction(i + 1 + k, 2)  # mean of places i+1 .. k
            for _value, eid in column[i:k]:
                sums[eid] += place
            i = k
    return sums


def totals(scores: Mapping[int, Sequence[Fraction]], method: str) -> dict[int, Fraction]:
    """Each entry's total by the method; every entry must have one score per judge, same count."""
    if method not in METHODS:
        raise UnknownRule(f"不认识的计分方法“{method}”，可选：{'、'.join(METHODS)}。")
    judges = len(next(iter(scores.values()))) if scores else 0
    if method == TRIMMED and scores and judges < MIN_TRIMMED_JUDGES:
        raise TooFewJudges(judges)
    if method == RANK_SUM:
        return _judge_places(scores, judges)
    if method == TRIMMED:
        return {eid: (sum(s, Fraction(0)) - max(s) - min(s)) / (len(s) - 2)
                for eid, s in scores.items()}
    return {eid: sum(s, Fraction(0)) / len(s) for eid, s in scores.items()}


def _int_board(scores: Mapping[int, Sequence[Fraction]]) -> tuple[dict[int, list[int]], int]:
    """The scores as whole numbers over one common denominator (8.5 and 9 -> 17 and 18 over 2):
    the same order and ties, and whole-number arithmetic is many times faster than Fraction's."""
    scale = math.lcm(*{v.denominator for s in scores.values() for v in s}) if scores else 1
    return {eid: [v.numerator * (scale // v.denominator) for v in s]
            for eid, s in scores.items()}, scale


def _keyed(ints: Mapping[int, list[int]], scale: int, method: str,
           tie_rule: str) -> tuple[list[tuple[tuple[int, ...], int]], dict[int, Fraction]]:
    """Each entry's sorting key (smaller is better: the total, then what the tie rule looks at)
    and its exact total."""
    n = len(next(iter(ints.values()))) if ints else 0
    if method == RANK_SUM:
        doubled = {eid: int(2 * v) for eid, v in _judge_places(
            {e: [Fraction(x) for x in s] for e, s in ints.items()}, n).items()}
        primary = dict(doubled)  # lower is better
        tot = {eid: Fraction(v, 2) for eid, v in doubled.items()}
    else:
        if method == TRIMMED:
            sums = {eid: sum(s) - max(s) - min(s) for eid, s in ints.items()}
            div = scale * (n - 2)
        else:
            sums = {eid: sum(s) for eid, s in ints.items()}
            div = scale * n
        primary = {eid: -v for eid, v in sums.items()}
        tot = {eid: Fraction(v, div) for eid, v in sums.items()}
    out = []
    for eid, s in ints.items():
        if tie_rule == MORE_TOP:
            key: tuple[int, ...] = (primary[eid], *(-v for v in sorted(s, reverse=True)))
        elif tie_rule == MEDIAN:
            ordered = sorted(s)
            mid = len(ordered) // 2
            twice = 2 * ordered[mid] if len(ordered) % 2 else ordered[mid - 1] + ordered[mid]
            key = (primary[eid], -twice)
        else:
            key = (primary[eid],)
        out.append((key, eid))
    out.sort()
    return out, tot


def place_category(scores: Mapping[int, Sequence[Fraction] | None], method: str, tie_rule: str,
                   levels: Sequence[Level], category: str = "") -> CategoryResult:
    """Place the entries of one category. scores maps an entry to its scores in judge order, or
    None when a judge's score is missing (the entry is then listed unplaced, with a notice)."""
    if tie_rule not in TIE_RULES:
        raise UnknownRule(f"不认识的并列处理“{tie_rule}”，可选：{'、'.join(TIE_RULES)}。")
    complete = {eid: list(s) for eid, s in scores.items() if s is not None}
    missing = sorted(eid for eid, s in scores.items() if s is None)
    totals(dict(list(complete.items())[:1]), method)  # the method's own checks (judges, name)
    ints, scale = _int_board(complete)
    keyed, tot = _keyed(ints, scale, method, tie_rule)
    groups: list[list[int]] = []
    last: tuple[object, ...] | None = None
    for key, eid in keyed:
        if key != last:
            groups.append([])
            last = key
        groups[-1].append(eid)
    levels = [lv for lv in levels if lv.places != 0]  # a level of no places gives nothing
    result = CategoryResult(placed=[])
    label = f"{category}类" if category else ""
    level_i = 0
    left = levels[0].places if levels else None
    held = 0
    place = 1
    for group in groups:
        group.sort()  # within a shared place, a stable order that does not depend on input order
        prize = ""
        if level_i < len(levels):
            level = levels[level_i]
            prize = level.name
            held += len(group)
            if left is not None:
                if len(group) > left:
                    result.notices.append(
                        f"{label}{level.name}名额 {level.places} 名，第 {place} 名有 {len(group)} "
                        f"件作品得分相同且按“{tie_rule}”无法区分，并列获奖，{level.name}实有 "
                        f"{held} 名。")
                left -= len(group)
                if left <= 0:
                    level_i += 1
                    held = 0
                    left = levels[level_i].places if level_i < len(levels) else None
        for eid in group:
            result.placed.append(Placed(eid, tot[eid], place, prize, len(group) > 1))
        place += len(group)
    for eid in missing:
        result.placed.append(Placed(eid, None, None, "", False))
    if missing:
        result.notices.append(
            f"{label}有 {len(missing)} 件作品尚未由每位评委打分，暂不排名。")
    return result
