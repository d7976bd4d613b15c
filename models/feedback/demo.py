"""Demo feedback: the residents' forms of the free clinic and the elders' forms of the Double
Ninth outing, keyed in as a clerk would from the paper; photos of the outing for its summary
(drawn by models.feedback.demo_photos, nothing downloaded); and the parents' form of the Women's
Day week made ready to print, with no answers yet (that activity is still to come).

Used by `main.py demo` (ui/cli/demo_cmd.py). Answers lean to the good side, as real forms do.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from models.datafile.base import database
from models.feedback.records import MULTIPLE, RATING, SINGLE, TEXT, Question
from models.feedback.service import add_response, use_ready_set
from models.plans.tables import Plan

PARENT_WORDS = (
    "孩子回家主动帮忙洗碗，还给我写了贺卡，很感动。",
    "希望以后多组织这样的活动，让孩子学会感恩。",
    "时间安排在周末会更方便家长参加。",
    "建议提前一周通知，好准备材料。",
    "活动很有意义，孩子说了“妈妈辛苦了”。",
    "可以请家长到学校一起参加。",
)
CLINIC_WORDS = (
    "医生很耐心，把我的用药讲清楚了。",
    "希望每个季度都来一次，最好再加上眼科。",
    "排队的人多，可以按楼栋分时段。",
    "血压计能不能放在社区，平时也能量。",
    "讲座的资料字再大一点，老年人看得清。",
)
ELDER_WORDS = (
    "路上有志愿者扶着，很放心，谢谢社区。",
    "菊花开得好，作品展也很精彩。",
    "希望明年还能组织，最好安排中午休息。",
    "山路有点陡，年纪大的走得慢，建议多留时间。",
    "健康讲座讲得实在，想多听几次。",
    "吃饭的地方再近一点就更好了。",
)
WEIGHTS = (1, 2, 6, 16, 25)  # satisfaction 1..5


@dataclass
class DemoFeedback:
    plan_id: int
    title: str
    responses: int
    photos: int = 0


def _typed(q: Question, rng: random.Random, words: tuple[str, ...]) -> str:
    if rng.random() < 0.06:  # now and then a question is left blank on the paper
        return ""
    if q.kind == RATING:
        return str(rng.choices(range(1, 6), WEIGHTS)[0])
    if q.kind == SINGLE:
        weights = [(len(q.options) - i) ** 2 for i in range(len(q.options))]
        return str(rng.choices(range(1, len(q.options) + 1), weights)[0])
    if q.kind == MULTIPLE:
        picked = [i for i in range(1, len(q.options) + 1) if rng.random() < 0.45]
        return "".join(map(str, picked or [1]))
    assert q.kind == TEXT
    return rng.choice(words) if rng.random() < 0.5 else ""


def _fill(plan: Plan, set_name: str, forms: int, words: tuple[str, ...],
          rng: random.Random) -> DemoFeedback:
    questions = use_ready_set(plan.id, set_name)
    start = plan.start or datetime(2026, 10, 18, 9, 0)
    for n in range(forms):
        typed = {q.id or 0: _typed(q, rng, words) for q in questions}
        if not any(typed.values()):
            typed[questions[0].id or 0] = "5"
        add_response(plan.id, typed, now=start + timedelta(days=1, minutes=3 * n))
    return DemoFeedback(plan.id, plan.title, forms)


def make_demo_feedback(seed: int = 17) -> list[DemoFeedback]:
    """Forms for the free clinic, Double Ninth and Women's Day plans found in the file (any may
    be missing: then it is skipped)."""
    rng = random.Random(seed)
    made: list[DemoFeedback] = []
    with database.atomic():
        clinic = Plan.select().where(Plan.category == "义诊与健康讲座").order_by(Plan.id).first()
        if clinic is not None:
            made.append(_fill(clinic, "义诊反馈", 40, CLINIC_WORDS, rng))
        womens = Plan.select().where(Plan.category == "三八妇女节").order_by(Plan.id).first()
        if womens is not None:  # submitted, still to come: the form ready, no answers
            use_ready_set(womens.id, "家长反馈")
            made.append(DemoFeedback(womens.id, womens.title, 0))
        ninth = Plan.select().where(Plan.festival == "double_ninth").order_by(Plan.id).first()
        if ninth is not None:
            made.append(_fill(ninth, "老年人反馈", 48, ELDER_WORDS, rng))
            from models.feedback.demo_photos import demo_photos
            from models.feedback.summary_store import add_photo

            for caption, data in demo_photos():
                add_photo(ninth.id, data, caption)
            made[-1].photos = 3
    return made
