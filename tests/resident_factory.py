"""Synthetic residents (made-up names, valid-looking ID numbers, mobiles) for tests that need
personal data in bulk: import kill tests, masking scans."""
from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from models.common.id_number import check_digit

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁"
            "潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊"
            "秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彩春菊"
         "凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶"
         "妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕"
         "馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫"
         "芸菲寒伊亚宜可姬舒影荔枝思丽")


def resident_rows(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        birth = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 80 * 365))
        seq = f"{i % 1000:03d}"
        first17 = f"110105{birth:%Y%m%d}{seq}"
        id18 = first17 + check_digit(first17)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        mobile = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
        rows.append([name, id18, mobile, f"{1 + i % 30}号楼", f"{1 + i % 4}", f"{100 + i % 900}"])
    return rows


def write_residents_csv(path: Path, n: int, seed: int = 1) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号", "联系电话", "楼栋", "单元", "房号"])
        w.writerows(resident_rows(n, seed))
    return path
