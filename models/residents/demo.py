"""Made-up residents for the demo file and the benchmarks: plausible names, valid ID numbers
(check digit, sex, birth date all consistent), mobile phones, buildings, rooms and tags."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from models.common.id_number import check_digit
from models.datafile.db import database
from models.residents import store
from models.residents.records import ResidentRecord
from models.residents.tables import BUILTIN_TAGS

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
            "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
            "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解区仇朴乐盖查")
COMPOUND = ("欧阳", "上官", "司马", "诸葛", "尉迟")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红梅玲文辉鹏飞宇浩然子涵欣怡梓轩"
AREAS = ("330102", "330105", "330106", "330108", "320213", "350602", "110105", "440305")
PREFIXES = ("138", "139", "137", "136", "135", "150", "151", "158", "159", "186", "187", "188",
            "177", "173", "199", "189", "180", "133", "153")


def demo_resident(rng: random.Random, today: date) -> ResidentRecord:
    surname = rng.choice(COMPOUND) if rng.random() < 0.02 else rng.choice(SURNAMES)
    name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    age_days = int(rng.triangular(0, 100 * 365.25, 45 * 365.25))
    birth = today - timedelta(days=age_days)
    male = rng.random() < 0.5
    seq = rng.randrange(0, 100) * 10 + (rng.choice((1, 3, 5, 7, 9)) if male else
                                        rng.choice((0, 2, 4, 6, 8)))
    first17 = f"{rng.choice(AREAS)}{birth:%Y%m%d}{seq:03d}"
    tags: list[str] = []
    age = (today - birth).days // 365
    for tag, p in (("党员", 0.08), ("志愿者", 0.06), ("低保户", 0.03), ("残疾人", 0.02),
                   ("退役军人", 0.02)):
        if age >= 18 and rng.random() < p:
            tags.append(tag)
    if age >= 65 and rng.random() < 0.15:
        tags.append(rng.choice(("独居老人", "空巢老人")))
    if not male and 20 <= age <= 40 and rng.random() < 0.04:
        tags.append("孕妇")
    building = f"{rng.randint(1, 40)}幢"
    return ResidentRecord(
        name=name, gender="男" if male else "女", birth=birth,
        id_number=first17 + check_digit(first17),
        phone=(rng.choice(PREFIXES) + f"{rng.randrange(10**8):08d}") if rng.random() < 0.85 else "",
        building=building, unit=f"{rng.randint(1, 4)}单元",
        room=f"{rng.randint(1, 18)}0{rng.randint(1, 4)}室", tags=tags)


def make_demo_residents(n: int, seed: int = 2026) -> int:
    """Add n made-up residents in one transaction (the bulk path); returns how many were added.
    IDs already in the file are skipped, so the count may fall a little short of n."""
    rng = random.Random(seed)
    today = date.today()
    with database.atomic():
        taken = {r[0] for r in database.obj.execute_sql(
            "SELECT id_number FROM resident WHERE id_number IS NOT NULL")}
        recs = []
        for _ in range(n):
            rec = demo_resident(rng, today)
            if rec.id_number in taken:
                continue
            taken.add(rec.id_number)
            recs.append(rec)
        store.tag_ids(BUILTIN_TAGS, {})  # the built-in tags first, in their order
        store.bulk_insert(recs, datetime.now().replace(microsecond=0))
    return len(recs)
