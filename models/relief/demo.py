"""The demo relief campaign: the Spring Festival campaign of the demo relief plan, four
categories, about 120 households at every stage (proposed to handed over, some refused or
withdrawn), one household entered twice (for the checks), an objection and its outcome, an amount
changed with its reason and a correction after hand-over, all logged under the demo clerk.
Dates are set around today so that the timeline shows phases done, due and late.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from models.datafile.db import database
from models.plans.tables import Plan
from models.relief import audit
from models.relief.beneficiaries import (
    add_beneficiary,
    add_objection,
    correct,
    decide_objection,
    set_status,
    update_beneficiary,
)
from models.relief.records import (
    FORWARD,
    PER_HOUSEHOLD,
    PER_PERSON,
    REFUSED,
    WITHDRAWN,
    NewBeneficiary,
    NewCampaign,
    NewCategory,
    NewPhase,
)
from models.relief.service import (
    RELIEF_PLAN_CATEGORIES,
    create_campaign,
    set_phase_done,
    set_posting,
)
from models.residents.demo import demo_resident

DEMO_CLERK = "李敏"
HOUSEHOLDS = 120
REASONS = ("长期患病，医疗支出大", "家中主要劳动力残疾", "独自居住，无固定收入",
           "子女在外地，行动不便", "下岗失业，家庭收入低", "年老多病，靠低保生活")
# (how many, last status reached); the rest of HOUSEHOLDS are refused or withdrawn
STAGES = ((30, 0), (25, 1), (20, 2), (20, 3), (20, 4))


@dataclass
class DemoReliefSummary:
    campaign_id: int
    title: str
    beneficiaries: int
    handed_over: int


def _campaign(plan_id: int | None, today: date) -> int:
    year = (today + timedelta(days=60)).year
    rec = create_campaign(NewCampaign(
        title=f"{year}年春节“送温暖”走访慰问", start=today - timedelta(days=30),
        end=today + timedelta(days=60), plan_id=plan_id, funds_fen=8_000_000,
        funds_source="街道春节慰问专项资金", issuer="××社区居民委员会",
        objection_contact="社区民政服务站（党群服务中心一楼），电话 0571-88123456",
        categories=[
            NewCategory("低保户", PER_HOUSEHOLD, 50000,
                        [("大米10公斤", 6000), ("食用油5升", 7000)]),
            NewCategory("困难党员", PER_PERSON, 50000),
            NewCategory("重度残疾人家庭", PER_HOUSEHOLD, 40000, [("大米10公斤", 6000)]),
            NewCategory("独居老人", PER_PERSON, 30000, [("慰问品（牛奶、面条）", 8000)]),
        ],
        phases=[
            NewPhase("摸底排查", today - timedelta(days=25), "网格员"),
            NewPhase("审核", today - timedelta(days=16), "民政专干"),
            NewPhase("张榜公示", today - timedelta(days=6), "民政专干"),
            NewPhase("上报慰问名单（附件1、附件2）", today - timedelta(days=2), "民政专干"),
            NewPhase("走访发放", today + timedelta(days=12), "各走访组"),
            NewPhase("上报发放情况和总结", today + timedelta(days=30), "社区居委会主任"),
        ]))
    return rec.id


def make_demo_relief(seed: int = 18, today: date | None = None) -> DemoReliefSummary:
    today = today or date.today()
    rng = random.Random(seed)
    with database.atomic():
        if not audit.clerk():
            audit.set_clerk(DEMO_CLERK)
        plan = Plan.select().where(Plan.category.in_(RELIEF_PLAN_CATEGORIES)).order_by(
            Plan.id).first()
        cid = _campaign(plan.id if plan is not None else None, today)
        from models.relief.service import get_campaign

        rec = get_campaign(cid)
        cats = rec.categories
        residents = list(database.obj.execute_sql(
            "SELECT id FROM resident WHERE deleted = 0 AND room <> '' "
            "GROUP BY building, unit, room ORDER BY id LIMIT ?", (HOUSEHOLDS * 2 // 3,)))
        people: list[NewBeneficiary] = []
        for i in range(HOUSEHOLDS):
            cat = cats[i % len(cats)]
            size = 1 if cat.name == "独居老人" else rng.choice((1, 2, 2, 3, 3, 4))
            if i < len(residents):
                new = NewBeneficiary(cat.id, resident_id=residents[i][0])
            else:
                r = demo_resident(rng, today)
                new = NewBeneficiary(cat.id, name=r.name, id_number=r.id_number or "",
                                     phone=r.phone, building=r.building, unit=r.unit,
                                     room=r.room)
            new.household_size, new.reason = size, rng.choice(REASONS)
            people.append(new)
        rows = [add_beneficiary(cid, p, "入户摸底") for p in people]
        set_phase_done(rec.phases[0].id, today - timedelta(days=24))
        set_phase_done(rec.phases[1].id, today - timedelta(days=15))
        set_posting(cid, today - timedelta(days=14), 7)
        set_phase_done(rec.phases[2].id, today - timedelta(days=7))
        done = 0
        n = 0
        for count, last in STAGES:
            for b in rows[n:n + count]:
                for step in range(1, last + 1):
                    set_status(b.id, FORWARD[step], "", today - timedelta(days=20 - 4 * step))
                done += last == len(FORWARD) - 1
            n += count
        for i, b in enumerate(rows[n:]):
            ended = REFUSED if i % 2 else WITHDRAWN
            why = "经核实家庭收入超过标准" if ended == REFUSED else "本人申请撤回"
            set_status(b.id, ended, why, today - timedelta(days=12))
        # the same household twice: the second row under another category, at the same door
        first = rows[0]
        add_beneficiary(cid, NewBeneficiary(
            cats[1].id, name=first.name[0] + "建华", building=first.building, unit=first.unit,
            room=first.room, address=first.address, household_size=2,
            reason="退休后收入低，老伴长期住院"),
            "党组织推荐")
        update_beneficiary(rows[1].id, {"amount_fen": rows[1].amount_fen + 20000},
                           "家中新增重病人员，领导小组研究同意提高慰问标准")
        objected = rows[56]
        oid = add_objection(objected.id, "有居民反映该户有经营性收入", today - timedelta(days=10))
        decide_objection(oid, "经入户核实，经营已停止一年，异议不成立", today - timedelta(days=9))
        handed = rows[95]
        correct(handed.id, "签收日期", f"{today - timedelta(days=4):%Y-%m-%d}",
                "签收表上日期漏填，据走访记录补登")
    return DemoReliefSummary(cid, rec.title, len(rows) + 1, done)
