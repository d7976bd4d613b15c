"""What the feedback wing passes around (no database): question kinds, the ready question sets,
and the rules an answer keyed in from a paper form must follow.

An answer is kept as text: a single choice "2" (the option's number), a multiple choice "1,3"
(numbers ascending), a satisfaction "1".."5" (5 the best), free text as written. Blank is no
answer at all (the form left it empty).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from models.common.errors import UserError

SINGLE, MULTIPLE, RATING, TEXT = "single", "multiple", "rating", "text"
KINDS: dict[str, str] = {SINGLE: "单选", MULTIPLE: "多选", RATING: "满意度（1-5）", TEXT: "填空"}
CHOICES = (SINGLE, MULTIPLE)
MAX_OPTIONS = 9  # one key per option: 1..9
RATING_LABELS = ("很不满意", "不满意", "一般", "满意", "很满意")  # 1..5
MAX_TEXT = 500


class FeedbackError(UserError, ValueError):
    """A question or an answer that cannot be kept as given."""


@dataclass
class Question:
    text: str
    kind: str = SINGLE
    options: list[str] = field(default_factory=list)
    id: int | None = None

    @property
    def choices(self) -> list[str]:
        """What a box can be ticked for: the options, or the five satisfaction levels."""
        return list(RATING_LABELS) if self.kind == RATING else list(self.options)


def check_question(q: Question, number: int) -> Question:
    """The question tidied (options stripped, blanks dropped), or FeedbackError in plain words."""
    text = q.text.strip()
    if not text:
        raise FeedbackError(f"第 {number} 题没有题目文字。")
    if q.kind not in KINDS:
        raise FeedbackError(f"第 {number} 题的题型“{q.kind}”不认识。")
    options = [o.strip() for o in q.options if o.strip()] if q.kind in CHOICES else []
    if q.kind in CHOICES:
        if len(options) < 2:
            raise FeedbackError(f"第 {number} 题“{text}”是选择题，至少要有两个选项。")
        if len(options) > MAX_OPTIONS:
            raise FeedbackError(
                f"第 {number} 题“{text}”有 {len(options)} 个选项，最多 {MAX_OPTIONS} 个"
                f"（录入时每个选项按一个数字键）。")
        if len(set(options)) < len(options):
            raise FeedbackError(f"第 {number} 题“{text}”有重复的选项。")
    return Question(text, q.kind, options, q.id)


def allowed_keys(q: Question) -> str:
    """The keys the response entry accepts for this question (free text: any)."""
    if q.kind == RATING:
        return "12345"
    return "".join(str(i) for i in range(1, len(q.options) + 1))


def parse_answer(q: Question, typed: str) -> str:
    """What was keyed in -> the stored answer ("" for none), or FeedbackError."""
    typed = typed.strip()
    if not typed:
        return ""
    if q.kind == TEXT:
        if len(typed) > MAX_TEXT:
            raise FeedbackError(f"“{q.text}”的回答超过 {MAX_TEXT} 字，请分段摘录要点。")
        return typed
    keys = allowed_keys(q)
    digits = [c for c in typed if c not in " ,，、"]
    bad = [c for c in digits if c not in keys]
    if bad:
        raise FeedbackError(
            f"“{q.text}”只能填 {'、'.join(keys)}，“{bad[0]}”不是其中之一。")
    if q.kind == MULTIPLE:
        return ",".join(sorted(set(digits), key=int))
    if len(digits) != 1:
        raise FeedbackError(f"“{q.text}”是单选，只能填一个数字。")
    return digits[0]


def activity_name(title: str) -> str:
    """A plan's title as the activity's name: "…敬老活动方案" -> "…敬老活动"."""
    title = title.strip()
    for tail, keep in (("活动方案", "活动"), ("实施方案", ""), ("方案", "")):
        if title.endswith(tail) and len(title) > len(tail):
            return title[: -len(tail)] + keep
    return title


# The ready sets, in the project's own words: parents after a school or family activity, elders
# after an outing or a party.
PARENTS_SET: tuple[Question, ...] = (
    Question("您对本次活动的总体评价", RATING),
    Question("孩子参加后在家里有什么变化", MULTIPLE,
             ["主动做家务", "更懂得体贴家人", "愿意和家长聊心里话", "没有明显变化"]),
    Question("您是从哪里知道这次活动的", SINGLE,
             ["孩子告诉", "班主任或学校通知", "社区公告栏", "微信群", "其他"]),
    Question("今后还愿意参加类似的亲子活动吗", SINGLE, ["愿意", "看时间安排", "不愿意"]),
    Question("活动时间安排是否合适", RATING),
    Question("您对今后活动的意见和建议", TEXT),
)
ELDERS_SET: tuple[Question, ...] = (
    Question("您对本次活动的总体满意度", RATING),
    Question("您最喜欢哪些环节", MULTIPLE,
             ["登山赏菊", "作品展览", "文艺演出", "健康讲座", "聚餐交流"]),
    Question("路程和出行安排是否合适", SINGLE, ["合适", "有点累", "太远"]),
    Question("工作人员和志愿者的服务", RATING),
    Question("明年还想参加吗", SINGLE, ["想", "看身体情况", "不想"]),
    Question("您还有什么想对社区说的", TEXT),
)
CLINIC_SET: tuple[Question, ...] = (
    Question("您对本次义诊的总体满意度", RATING),
    Question("您接受了哪些服务", MULTIPLE,
             ["测血压血糖", "专家问诊", "用药咨询", "健康讲座", "中医理疗"]),
    Question("排队等候的时间", SINGLE, ["很短", "可以接受", "太长"]),
    Question("医生讲解是否清楚", RATING),
    Question("今后最希望社区开展哪类健康服务", SINGLE,
             ["慢病管理", "中医养生", "儿童保健", "心理健康", "其他"]),
    Question("您的意见和建议", TEXT),
)
READY_SETS: dict[str, tuple[Question, ...]] = {
    "家长反馈": PARENTS_SET, "老年人反馈": ELDERS_SET, "义诊反馈": CLINIC_SET}


def ready_set(name: str) -> list[Question]:
    """Fresh copies of a ready set (the clerk edits them for the activity)."""
    return [Question(q.text, q.kind, list(q.options)) for q in READY_SETS[name]]


@dataclass
class OptionCount:
    label: str
    count: int
    share: float | None  # of the forms that answered the question


@dataclass
class QuestionTally:
    number: int
    question: Question
    answered: int
    counts: list[OptionCount] = field(default_factory=list)  # choices and ratings
    answers: list[str] = field(default_factory=list)  # free text, in the order keyed in
    average: float | None = None  # ratings: 1..5

    @property
    def kind_label(self) -> str:
        return KINDS[self.question.kind]


@dataclass
class Tally:
    plan_id: int
    title: str
    responses: int
    questions: list[QuestionTally]


def tally_question(number: int, q: Question, values: list[str]) -> QuestionTally:
    """Counts and shares of one question from its stored answers (blanks already left out)."""
    values = [v for v in values if v]
    if q.kind == TEXT:
        return QuestionTally(number, q, len(values), answers=values)
    names = q.choices
    counts = [0] * len(names)
    for v in values:
        for part in v.split(","):
            i = int(part) - 1
            if 0 <= i < len(counts):
                counts[i] += 1
    n = len(values)
    out = QuestionTally(number, q, n, [OptionCount(label, c, c / n if n else None)
                                       for label, c in zip(names, counts, strict=True)])
    if q.kind == RATING and n:
        out.average = sum(int(v) for v in values) / n
    return out
