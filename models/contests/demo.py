"""Demo contests and honours, after the Double Ninth plan of the seed (篇3): photographs,
paintings and calligraphy, and poems handed in within four days and judged by experts into first,
second and third prizes; and the ten "healthy elders" (十佳“社区文明健康老人”) honoured with
certificates.

Used by `main.py demo` (ui/cli/demo_cmd.py). Entrants are older people from the register when it
has them, the rest given by name only (not residents), as happens with outside enthusiasts.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from models.contests.records import NewContest, NewEntry
from models.contests.scoring import MORE_TOP, TRIMMED
from models.contests.service import (
    APPROVED,
    REJECTED,
    add_entry,
    add_judge,
    create_contest,
    create_honour_list,
    nominate,
    review_nomination,
    set_scores,
)
from models.datafile.db import database
from models.plans.tables import Plan
from models.residents.demo import GIVEN, SURNAMES

CATEGORIES = ("摄影", "书画", "诗词")
PER_CATEGORY = {"摄影": 16, "书画": 12, "诗词": 12}  # 40 entries
TITLES = {
    "摄影": ("古渡晨光", "重阳登高", "老街新貌", "菊香满园", "古城夜色", "运河两岸", "夕阳红",
             "公园秋色", "桥", "老城门", "社区新景", "戏台前", "晨练", "银杏大道", "老茶馆",
             "巷口"),
    "书画": ("秋菊图", "登高望远", "家乡十年", "行书·九月九日忆山东兄弟", "山水清音", "墨竹",
             "松鹤延年", "楷书·敬老", "古城新韵", "篆书·寿", "隶书·孝亲", "荷塘清趣"),
    "诗词": ("重阳抒怀", "登高有感", "七律·古城变迁", "赏菊", "家乡新貌", "五绝·秋", "渡口吟",
             "看大戏", "老来乐", "十年", "七绝·登山", "社区颂"),
}
JUDGES = (("陈立群", "市摄影家协会"), ("吴秋实", "市书法家协会"), ("郑文澜", "市诗词学会"),
          ("何晓东", "区文化馆"), ("林美华", "市老年大学"))
GRIDS = ("第一网格", "第二网格", "第三网格", "社区老年协会", "社区戏曲队", "冠名单位")
DEEDS = ("热心社区公益，常年参加楼道清洁与邻里互助。", "坚持晨练二十年，带动楼里老人一起锻炼。",
         "义务为社区老人理发十余年。", "担任楼道长，调解邻里矛盾，热心为居民办事。",
         "组织社区戏曲队排练演出，丰富老年人文化生活。", "照顾患病老伴多年，家庭和睦，邻里称道。",
         "参加平安巡逻志愿服务，风雨无阻。", "捐资助学，关心社区困难家庭。")


def _free_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


@dataclass
class DemoContestSummary:
    contest_id: int
    title: str
    entries: int
    judges: int
    honour_list_id: int
    approved: int


def _older_residents(day: date, limit: int, rng: random.Random) -> list[tuple[int, str]]:
    bound = date(day.year - 55, day.month, min(day.day, 28)).isoformat()
    rows = list(database.obj.execute_sql(
        "SELECT id, name FROM resident WHERE deleted = 0 AND birth <= ? ORDER BY id", (bound,)))
    rng.shuffle(rows)
    return [(r[0], r[1]) for r in rows[:limit]]


def make_demo_contests(seed: int = 9) -> DemoContestSummary | None:
    """The Double Ninth contest (3 categories, 40 entries, 5 judges, every score given) and the
    honour list of ten healthy elders; None when the file has no Double Ninth plan."""
    plan = (Plan.select().where(Plan.festival == "double_ninth").order_by(Plan.id).first())
    if plan is None:
        return None
    rng = random.Random(seed)
    day = plan.start.date() if plan.start else date(2026, 10, 18)
    contest = create_contest(NewContest(
        title=f"{day.year}年重阳节“登高望远·古城变迁”摄影书画诗词作品评比", categories=list(
            CATEGORIES), plan_id=plan.id,
        who_may_enter="社区老年代表、社会各阶层的老年同志、市区内的老年摄影、书画、诗词爱好者",
        hand_in_place="社区办公室", deadline=day + timedelta(days=4), method=TRIMMED,
        tie_rule=MORE_TOP, issuer="社区居委会", full_marks=10))
    people = _older_residents(day, 28, rng)
    entries = []
    for cat in contest.categories:
        # distinct titles within a category: a "（之2）" reads as a made-up list
        titles = rng.sample(TITLES[cat.name], PER_CATEGORY[cat.name])
        for title in titles:
            rid, name = people.pop() if people and rng.random() < 0.7 else (None, _free_name(rng))
            received = day + timedelta(days=rng.choice((0, 1, 2, 3, 4, 4, 5)))
            entries.append(add_entry(contest.id, NewEntry(
                category_id=cat.id, name=name, title=title, received=received,
                received_by=rng.choice(("李敏", "王芳")), resident_id=rid), rng=rng))
    quality = {e.id: rng.uniform(6.0, 9.4) for e in entries}
    for name, unit in JUDGES:
        judge = add_judge(contest.id, name, unit)
        set_scores(judge.id, {
            eid: f"{min(10.0, max(5.0, round((q + rng.uniform(-0.6, 0.6)) * 2) / 2)):g}"
            for eid, q in quality.items()})
    honours = create_honour_list("十佳“社区文明健康老人”", day.year, places=10,
                                 issuer="社区居委会", plan_id=plan.id)
    candidates: list[tuple[int | None, str]] = list(_older_residents(day, 12, rng))
    while len(candidates) < 12:
        candidates.append((None, _free_name(rng)))
    noms = [nominate(honours.id, name, GRIDS[i % len(GRIDS)], DEEDS[i % len(DEEDS)], rid)
            for i, (rid, name) in enumerate(candidates)]
    for n in noms[:10]:
        review_nomination(n.id, APPROVED, "", day)
    for n in noms[10:]:
        review_nomination(n.id, REJECTED, "名额已满，推荐下一年度", day)
    return DemoContestSummary(contest.id, contest.title, len(entries), len(JUDGES), honours.id, 10)
