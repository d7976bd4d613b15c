"""Pure sign-up rules: transitions, the waitlist, eligibility on the activity's date."""
from __future__ import annotations

from datetime import date

import pytest

from models.signups.rules import (
    ATTENDED,
    CANCELLED,
    NO_SHOW,
    REGISTERED,
    WAITLIST,
    CompanionInfo,
    Party,
    Person,
    Rules,
    TransitionError,
    check_eligibility,
    check_transition,
    promotions,
    status_for_new,
)

DAY = date(2026, 10, 29)


def test_transitions() -> None:
    check_transition(REGISTERED, ATTENDED)
    check_transition(WAITLIST, REGISTERED)
    check_transition(ATTENDED, REGISTERED)  # undo
    for bad in [(CANCELLED, REGISTERED), (WAITLIST, ATTENDED), (NO_SHOW, CANCELLED)]:
        with pytest.raises(TransitionError, match="不能改为"):
            check_transition(*bad)


def test_full_goes_to_waitlist_and_queue_is_kept() -> None:
    parties = [Party(1, REGISTERED, 1, 2), Party(2, REGISTERED, 2, 1)]
    assert status_for_new(4, parties, 1) == REGISTERED
    assert status_for_new(3, parties, 1) == WAITLIST
    assert status_for_new(None, parties, 50) == REGISTERED
    # Someone waits already: a newcomer queues behind even if a seat is free.
    assert status_for_new(4, [*parties, Party(3, WAITLIST, 3, 2)], 1) == WAITLIST


def test_promotions_in_order_and_strict() -> None:
    parties = [Party(1, REGISTERED, 1, 1), Party(2, WAITLIST, 3, 2), Party(3, WAITLIST, 2, 1),
               Party(4, WAITLIST, 4, 1)]
    assert promotions(2, parties) == [3]  # position 2 first; position 3 (two seats) does not fit
    assert promotions(4, parties) == [3, 2]
    assert promotions(10, parties) == [3, 2, 4]


def _ages(warnings: list) -> list[str]:
    return [w.rule for w in warnings]


@pytest.mark.parametrize(("birth", "ok"), [
    (date(1956, 10, 29), False),  # 70 on the day itself: over 69
    (date(1956, 10, 30), True),  # turns 70 the day after: still 69
    (date(1986, 10, 30), False),  # turns 40 the day after the activity: still 39
    (date(1986, 10, 29), True),  # 40 on the day
])
def test_age_on_activity_day_around_birthdays(birth: date, ok: bool) -> None:
    rules = Rules(activity_day=DAY, min_age=40, max_age=69)
    person = Person(birth=birth)
    # Signed up months before: the age that counts is the one on the activity's date.
    warns = check_eligibility(rules, person, [], signup_day=date(2026, 1, 5))
    assert (warns == []) == ok


def test_leap_day_birthday() -> None:
    # Born 29 Feb 2008: 18 from 1 Mar 2026 on, not on 28 Feb.
    rules = Rules(activity_day=date(2026, 3, 1), min_age=18)
    assert check_eligibility(rules, Person(birth=date(2008, 2, 29)), [], date(2026, 1, 1)) == []
    rules = Rules(activity_day=date(2026, 2, 28), min_age=18)
    assert "age" in _ages(check_eligibility(rules, Person(birth=date(2008, 2, 29)), [],
                                            date(2026, 1, 1)))


def test_companion_rule_tags_and_window() -> None:
    rules = Rules(activity_day=DAY, min_age=50, companion_age=70, required_tags=("党员", "女性"),
                  reg_start=date(2026, 10, 8), reg_end=date(2026, 10, 14))
    elder = Person(birth=date(1950, 1, 1), gender="男", tags=("党员",))
    warns = check_eligibility(rules, elder, [], date(2026, 10, 20))
    assert sorted(_ages(warns)) == ["companion", "tags", "window"]
    assert any("满70周岁须有家属陪同" in w.message for w in warns)
    assert any("报名已截止" in w.message for w in warns)
    ok = check_eligibility(rules, Person(birth=date(1950, 1, 1), gender="女", tags=("党员",)),
                           [CompanionInfo("子女")], date(2026, 10, 10))
    assert ok == []
    early = check_eligibility(rules, Person(birth=date(1960, 1, 1), gender="女", tags=("党员",)),
                              [], date(2026, 10, 1))
    assert [w.message for w in early] == ["报名尚未开始（2026-10-08开始）。"]


def test_parent_child_checks_the_childs_age() -> None:
    rules = Rules(activity_day=DAY, min_age=0, max_age=3)
    parent = Person(birth=date(1992, 3, 3), gender="女")
    assert check_eligibility(rules, parent, [CompanionInfo("子女", 2)], DAY) == []
    assert "age" in _ages(check_eligibility(rules, parent, [CompanionInfo("子女", 5)], DAY))
    assert "age" in _ages(check_eligibility(rules, parent, [], DAY))


def test_walk_in_unknown_person_only_window_checked() -> None:
    rules = Rules(activity_day=DAY, min_age=60, required_tags=("党员",), reg_end=date(2026, 10, 1))
    warns = check_eligibility(rules, Person(known=False), [], DAY)
    assert _ages(warns) == ["window"]
