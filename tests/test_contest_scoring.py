"""The scoring rules of a contest (models/contests/scoring.py), as properties over random scores."""
from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.contests.scoring import (
    DEFAULT_LEVELS,
    MEAN,
    MEDIAN,
    METHODS,
    MORE_TOP,
    RANK_SUM,
    SHARED,
    TIE_RULES,
    TRIMMED,
    Level,
    TooFewJudges,
    parse_score,
    place_category,
    totals,
)

LEVELS = [Level(n, p) for n, p in DEFAULT_LEVELS]
# Few distinct values so that ties are common.
score = st.integers(min_value=5, max_value=9).map(Fraction)


@st.composite
def board(draw: st.DrawFn, min_judges: int = 1) -> dict[int, list[Fraction]]:
    judges = draw(st.integers(min_value=min_judges, max_value=7))
    n = draw(st.integers(min_value=1, max_value=12))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    return {eid: draw(st.lists(score, min_size=judges, max_size=judges)) for eid in ids}


def _ranks(result) -> dict[int, tuple[int | None, str]]:
    return {p.entry_id: (p.rank, p.prize) for p in result.placed}


@settings(max_examples=150, deadline=None)
@given(board(min_judges=5), st.sampled_from(METHODS), st.sampled_from(TIE_RULES),
       st.randoms(use_true_random=False))
def test_rank_never_depends_on_entry_or_judge_order(scores, method, rule, rnd) -> None:
    before = place_category(scores, method, rule, LEVELS)
    items = list(scores.items())
    rnd.shuffle(items)
    perm = list(range(len(items[0][1])))
    rnd.shuffle(perm)
    shuffled = {eid: [s[j] for j in perm] for eid, s in items}
    after = place_category(shuffled, method, rule, LEVELS)
    assert _ranks(after) == _ranks(before)
    assert before.notices == after.notices


@settings(max_examples=150, deadline=None)
@given(board(min_judges=5))
def test_trimmed_mean_ignores_exactly_one_highest_and_one_lowest(scores) -> None:
    got = totals(scores, TRIMMED)
    for eid, s in scores.items():
        rest = sorted(s)[1:-1]  # one lowest and one highest gone, even when they repeat
        assert got[eid] == sum(rest) / len(rest)
        # Raising the top score or lowering the bottom one changes nothing.
        bumped = list(s)
        bumped[s.index(max(s))] = max(s) + 100
        bumped[s.index(min(s))] = Fraction(0)
        assert totals({eid: bumped}, TRIMMED)[eid] == got[eid]


@pytest.mark.parametrize("judges", [1, 2, 3, 4])
def test_trimmed_mean_refused_below_five_judges(judges: int) -> None:
    with pytest.raises(TooFewJudges, match="至少 5 位评委"):
        totals({1: [Fraction(8)] * judges}, TRIMMED)


@settings(max_examples=200, deadline=None)
@given(board(), st.sampled_from([MEAN, RANK_SUM]), st.sampled_from(TIE_RULES))
def test_prize_counts_exceeded_only_by_a_reported_shared_place(scores, method, rule) -> None:
    result = place_category(scores, method, rule, LEVELS, "摄影")
    held = Counter(p.prize for p in result.placed if p.prize)
    for level in LEVELS:
        if level.places is None or held[level.name] <= level.places:
            continue
        # Over its count: only because a shared place straddles the level's last place.
        assert any(level.name in n and "并列获奖" in n and f"实有 {held[level.name]} 名" in n
                   for n in result.notices), result.notices
        assert any(p.shared for p in result.placed if p.prize == level.name)
    # Without any shared place, every level holds at most its count.
    if not any(p.shared for p in result.placed):
        for level in LEVELS:
            if level.places is not None:
                assert held[level.name] <= level.places
        assert not any("并列获奖" in n for n in result.notices)


@settings(max_examples=150, deadline=None)
@given(board(min_judges=2), st.sampled_from(METHODS), st.sampled_from(TIE_RULES),
       st.data())
def test_removing_a_judge_recomputes_everything(scores, method, rule, data) -> None:
    judges = len(next(iter(scores.values())))
    gone = data.draw(st.integers(0, judges - 1))
    fewer = {eid: s[:gone] + s[gone + 1:] for eid, s in scores.items()}
    if method == TRIMMED and judges - 1 < 5:
        with pytest.raises(TooFewJudges):
            place_category(fewer, method, rule, LEVELS)
        return
    if method == TRIMMED and judges < 5:
        return
    after = place_category(fewer, method, rule, LEVELS)
    # The same as a board that never had that judge: computed from the remaining scores only.
    fresh = place_category({eid: list(s) for eid, s in fewer.items()}, method, rule, LEVELS)
    assert _ranks(after) == _ranks(fresh)
    assert {p.entry_id: p.total for p in after.placed} == totals(fewer, method)


def test_tie_rules_on_a_known_board() -> None:
    # A and B tie on the mean (8); A has the higher top score, B the higher median.
    scores = {1: [Fraction(10), Fraction(7), Fraction(7)], 2: [Fraction(8), Fraction(8),
                                                                Fraction(8)],
              3: [Fraction(6)] * 3}
    levels = [Level("一等奖", 1), Level("二等奖", 1)]
    assert _ranks(place_category(scores, MEAN, MORE_TOP, levels)) == {
        1: (1, "一等奖"), 2: (2, "二等奖"), 3: (3, "")}
    assert _ranks(place_category(scores, MEAN, MEDIAN, levels)) == {
        2: (1, "一等奖"), 1: (2, "二等奖"), 3: (3, "")}
    shared = place_category(scores, MEAN, SHARED, levels, "书画")
    assert _ranks(shared) == {1: (1, "一等奖"), 2: (1, "一等奖"), 3: (3, "二等奖")}
    assert shared.notices == [
        "书画类一等奖名额 1 名，第 1 名有 2 件作品得分相同且按“并列”无法区分，"
        "并列获奖，一等奖实有 2 名。"]


def test_unscored_entry_is_listed_unplaced_with_a_notice() -> None:
    result = place_category({1: [Fraction(9)], 2: None}, MEAN, SHARED, LEVELS, "诗词")
    assert _ranks(result) == {1: (1, "一等奖"), 2: (None, "")}
    assert result.notices == ["诗词类有 1 件作品尚未由每位评委打分，暂不排名。"]


def test_rank_sum_lower_is_better() -> None:
    rnd = random.Random(3)
    scores = {e: [Fraction(rnd.randint(60, 99)) for _ in range(5)] for e in range(8)}
    got = totals(scores, RANK_SUM)
    # Five judges over eight entries: the places of each judge add to 1 + ... + 8 = 36.
    assert sum(got.values()) == 5 * 36
    best = place_category(scores, RANK_SUM, SHARED, LEVELS).placed[0]
    assert got[best.entry_id] == min(got.values())


@pytest.mark.parametrize("text", ["abc", "", "8,5", "-1"])
def test_bad_scores_refused_in_chinese(text: str) -> None:
    with pytest.raises(Exception, match="分数") as info:
        parse_score(text)
    assert type(info.value).__name__ == "UserError"


def test_score_parsed_exactly() -> None:
    assert parse_score(" 8.5 ") == Fraction(17, 2)
    assert parse_score("0.1") * 3 == Fraction(3, 10)
