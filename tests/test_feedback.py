"""The feedback wing's models: questions, answers refused or kept as keyed in, the tally, and the
rule that a question's options are fixed once forms are keyed in."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models.feedback.records import (
    MULTIPLE,
    RATING,
    SINGLE,
    TEXT,
    FeedbackError,
    Question,
    activity_name,
    parse_answer,
)
from models.feedback.service import (
    add_response,
    delete_response,
    list_questions,
    save_questions,
    tally,
    use_ready_set,
)
from tests.plan_factory import full_plan


def _plan() -> int:
    from models.plans.service import save_plan

    return save_plan(full_plan())


def test_answers_are_checked_against_the_question() -> None:
    single = Question("好吗", SINGLE, ["好", "一般", "不好"])
    multi = Question("喜欢哪些", MULTIPLE, ["甲", "乙", "丙", "丁"])
    rating = Question("满意度", RATING)
    assert parse_answer(single, " 2 ") == "2"
    assert parse_answer(multi, "31") == "1,3"
    assert parse_answer(multi, "3、1、3") == "1,3"
    assert parse_answer(rating, "5") == "5"
    assert parse_answer(rating, "") == ""
    assert parse_answer(Question("意见", TEXT), " =1+1 ") == "=1+1"
    for q, typed in ((single, "4"), (single, "12"), (multi, "5"), (rating, "6"), (rating, "0"),
                     (single, "a")):
        with pytest.raises(FeedbackError):
            parse_answer(q, typed)


def test_activity_name() -> None:
    assert activity_name("2026年重阳敬老活动方案") == "2026年重阳敬老活动"
    assert activity_name("读书会") == "读书会"


def test_keyed_forms_are_tallied_from_the_file(db_path: Path) -> None:
    pid = _plan()
    qs = use_ready_set(pid, "老年人反馈")
    assert [q.kind for q in qs] == [RATING, MULTIPLE, SINGLE, RATING, SINGLE, TEXT]
    rating, multi, single, _service, _again, words = qs
    assert add_response(pid, {rating.id: "5", multi.id: "13", words.id: "很好"}) == 1
    assert add_response(pid, {rating.id: "4", multi.id: "1", single.id: "2"}) == 2
    assert add_response(pid, {rating.id: "5"}) == 3
    with pytest.raises(FeedbackError):
        add_response(pid, {rating.id: "", words.id: "  "})  # a blank form is not a form
    with pytest.raises(FeedbackError):
        add_response(pid, {rating.id: "7"})
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM feedback_response").fetchone()[0] == 3
    stored = sorted(con.execute(
        "SELECT r.number, a.question_id, a.value FROM feedback_answer a "
        "JOIN feedback_response r ON r.id = a.response_id").fetchall())
    assert (1, multi.id, "1,3") in stored and (1, words.id, "很好") in stored
    con.close()
    t = tally(pid)
    assert t.responses == 3
    r = t.questions[0]
    assert r.answered == 3 and [c.count for c in r.counts] == [0, 0, 0, 1, 2]
    assert r.average == pytest.approx(14 / 3)
    m = t.questions[1]
    assert m.answered == 2 and [c.count for c in m.counts] == [2, 0, 1, 0, 0]
    assert m.counts[0].share == 1.0
    assert t.questions[5].answers == ["很好"]
    delete_response(pid, 2)
    assert tally(pid).responses == 2
    assert add_response(pid, {rating.id: "1"}) == 4  # numbers are never reused


def test_options_are_fixed_once_answered(db_path: Path) -> None:
    pid = _plan()
    qs = save_questions(pid, [Question("好吗", SINGLE, ["好", "不好"]),
                              Question("意见", TEXT)])
    add_response(pid, {qs[0].id: "1"})
    changed = Question("好吗", SINGLE, ["不好", "好"], qs[0].id)
    with pytest.raises(FeedbackError, match="不能再改"):
        save_questions(pid, [changed, qs[1]])
    with pytest.raises(FeedbackError, match="不能删除"):
        save_questions(pid, [qs[1]])
    # The wording may be corrected, an unanswered question dropped, a new one added.
    save_questions(pid, [Question("活动好吗", SINGLE, ["好", "不好"], qs[0].id),
                         Question("还来吗", SINGLE, ["来", "不来"])])
    assert [q.text for q in list_questions(pid)] == ["活动好吗", "还来吗"]
    assert tally(pid).questions[0].counts[0].count == 1
    with pytest.raises(FeedbackError):
        use_ready_set(pid, "家长反馈")


def test_bad_questions_refused(db_path: Path) -> None:
    pid = _plan()
    for q in (Question("", SINGLE, ["a", "b"]), Question("x", SINGLE, ["a"]),
              Question("x", MULTIPLE, [str(i) for i in range(10)]),
              Question("x", SINGLE, ["a", "a"]), Question("x", "essay")):
        with pytest.raises(FeedbackError):
            save_questions(pid, [q])
    assert list_questions(pid) == []


def test_deleting_the_plan_deletes_its_feedback(db_path: Path) -> None:
    from models.feedback.photos import write_jpeg
    from models.feedback.summary_store import add_photo, default_outline, save_outline
    from models.plans.service import delete_plan

    pid = _plan()
    qs = use_ready_set(pid, "家长反馈")
    add_response(pid, {qs[0].id or 0: "4"})
    add_photo(pid, write_jpeg(8, 8, lambda x, y: (0, 0, 0)), "合影")
    save_outline(pid, default_outline())
    delete_plan(pid)
    con = sqlite3.connect(db_path)
    for table in ("feedback_question", "feedback_response", "feedback_answer", "summary_photo",
                  "summary_section"):
        assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    con.close()
