"""The feedback wing's API (the window, the command line and the exporters use it): an activity's
questions, responses keyed in from the paper forms, and the tally. Every write is one transaction.

Once forms have been keyed in, a question's kind and options are fixed (a stored "2" means the
second option as it was printed); its wording may still be corrected and questions may be added.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import peewee as pw

from models.datafile.base import database
from models.feedback.records import (
    FeedbackError,
    Question,
    Tally,
    check_question,
    parse_answer,
    ready_set,
    tally_question,
)
from models.feedback.tables import FeedbackAnswer, FeedbackQuestion, FeedbackResponse
from models.plans.tables import Plan

MAX_QUESTIONS = 30


def _plan(plan_id: int) -> Plan:
    from models.plans.service import PlanNotFound

    plan = Plan.get_or_none(Plan.id == plan_id)
    if plan is None:
        raise PlanNotFound(plan_id)
    return plan


def _question(row: FeedbackQuestion) -> Question:
    return Question(row.text, row.kind, [o for o in row.options.split("\n") if o], row.id)


def list_questions(plan_id: int) -> list[Question]:
    _plan(plan_id)
    rows = FeedbackQuestion.select().where(FeedbackQuestion.plan == plan_id).order_by(
        FeedbackQuestion.position, FeedbackQuestion.id)
    return [_question(r) for r in rows]


def count_responses(plan_id: int) -> int:
    return int(FeedbackResponse.select().where(FeedbackResponse.plan == plan_id).count())


def save_questions(plan_id: int, questions: Sequence[Question]) -> list[Question]:
    """Replace the activity's form by these questions (in this order). A question with an id keeps
    its answers; one left out loses them, which is refused once forms are keyed in."""
    if len(questions) > MAX_QUESTIONS:
        raise FeedbackError(f"一张反馈表最多 {MAX_QUESTIONS} 题（现有 {len(questions)} 题）。")
    checked = [check_question(q, i) for i, q in enumerate(questions, 1)]
    with database.atomic():
        _plan(plan_id)
        old = {q.id: q for q in list_questions(plan_id)}
        answered = {r.question_id for r in FeedbackAnswer.select(FeedbackAnswer.question).join(
            FeedbackQuestion).where(FeedbackQuestion.plan == plan_id).distinct()}
        kept = {q.id for q in checked if q.id is not None}
        for stray in kept - set(old):
            raise FeedbackError(f"第 {stray} 号题目不属于这个活动的反馈表。")
        for old_id, q in old.items():
            if old_id in answered and old_id not in kept:
                raise FeedbackError(
                    f"题目“{q.text}”已有录入的回答，不能删除（可以改写题目文字）。")
        for q in checked:
            was = old.get(q.id) if q.id is not None else None
            if was is not None and q.id in answered and (
                    was.kind != q.kind or was.options != q.options):
                raise FeedbackError(
                    f"题目“{was.text}”已有录入的回答，题型和选项不能再改（可以改写题目文字，"
                    f"或另加一题）。")
        FeedbackQuestion.delete().where(
            (FeedbackQuestion.plan == plan_id) & FeedbackQuestion.id.not_in(list(kept))).execute()
        for pos, q in enumerate(checked):
            values = {"position": pos, "text": q.text, "kind": q.kind,
                      "options": "\n".join(q.options)}
            if q.id is None:
                q.id = FeedbackQuestion.create(plan=plan_id, **values).id
            else:
                FeedbackQuestion.update(**values).where(FeedbackQuestion.id == q.id).execute()
    return checked


def use_ready_set(plan_id: int, name: str) -> list[Question]:
    """Start the activity's form from a ready set (models.feedback.records.READY_SETS); refused
    when the activity already has questions."""
    with database.atomic():
        if list_questions(plan_id):
            raise FeedbackError("这个活动已有反馈表题目，未作改动。要重新开始请先删去原有题目。")
        return save_questions(plan_id, ready_set(name))


def add_response(plan_id: int, typed: Mapping[int, str], *,
                 now: datetime | None = None) -> int:
    """One paper form keyed in: question id -> what was typed. Returns the form's number."""
    with database.atomic():
        questions = {q.id: q for q in list_questions(plan_id)}
        if not questions:
            raise FeedbackError("这个活动还没有反馈表题目，请先编好反馈表。")
        values: dict[int, str] = {}
        for qid, text in typed.items():
            if qid not in questions:
                raise FeedbackError(f"第 {qid} 号题目不属于这个活动的反馈表。")
            value = parse_answer(questions[qid], text)
            if value:
                values[qid] = value
        if not values:
            raise FeedbackError("这份反馈表一题也没有填，未保存。")
        last = FeedbackResponse.select(pw.fn.MAX(FeedbackResponse.number)).where(
            FeedbackResponse.plan == plan_id).scalar() or 0
        response = FeedbackResponse.create(plan=plan_id, number=last + 1,
                                           entered=now or datetime.now().replace(microsecond=0))
        FeedbackAnswer.insert_many(
            [{"response": response.id, "question": qid, "value": v} for qid, v in values.items()]
        ).execute()
        return last + 1


def delete_response(plan_id: int, number: int) -> None:
    """Take back a form keyed in by mistake (its number is not reused)."""
    with database.atomic():
        n = FeedbackResponse.delete().where((FeedbackResponse.plan == plan_id) &
                                            (FeedbackResponse.number == number)).execute()
        if not n:
            raise FeedbackError(f"这个活动没有第 {number} 份反馈表。")


def list_responses(plan_id: int) -> list[tuple[int, dict[int, str]]]:
    """Every form keyed in: (number, question id -> stored answer), in the order entered."""
    db = database.obj
    out: dict[int, dict[int, str]] = {
        int(n): {} for (n,) in db.execute_sql(
            "SELECT number FROM feedback_response WHERE plan_id = ? ORDER BY number", (plan_id,))}
    for number, qid, value in db.execute_sql(
            "SELECT r.number, a.question_id, a.value FROM feedback_answer a "
            "JOIN feedback_response r ON r.id = a.response_id WHERE r.plan_id = ?", (plan_id,)):
        out[int(number)][int(qid)] = str(value)
    return list(out.items())


def tally(plan_id: int) -> Tally:
    """Counts and shares per question, every free-text answer, from what was keyed in."""
    with database.atomic():
        plan = _plan(plan_id)
        questions = list_questions(plan_id)
        responses = list_responses(plan_id)
    per_question = [
        tally_question(i, q, [answers.get(q.id or 0, "") for _n, answers in responses])
        for i, q in enumerate(questions, 1)]
    return Tally(plan_id, plan.title, len(responses), per_question)
