"""`demo`: fill a data file with demo content to try the program out or to train a colleague.

A clerk runs this on a fresh file. A file that already holds plans is most likely real work, and
demo plans mixed into it would have to be deleted one by one, so it is refused unless --force is
given; --force adds the demo content beside what is there and never deletes anything.

Each kind of demo content is one step: a step may add its own options (e.g. --residents N) and
returns the lines to print. Adding content is appending one DemoStep to STEPS.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from ui.cli.common import CommandError, add_db_option, db_path, open_db, whole_number
from ui.cli.relief_cmd import demo_step as relief_demo_step


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[argparse.Namespace], list[str]]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None


def _plans_step(args: argparse.Namespace) -> list[str]:
    from models.plans.demo import make_demo
    from models.plans.service import load_plan

    ids = make_demo()
    lines = [f"活动方案 {len(ids)} 个："]
    for plan_id in ids:
        rec = load_plan(plan_id)
        start = rec.start.strftime("%Y-%m-%d %H:%M") if rec.start else "（未定）"
        lines.append(f"  编号 {plan_id:<4} {start}  {rec.status:<4}  {rec.category}  {rec.title}")
    return lines


def _residents_step(args: argparse.Namespace) -> list[str]:
    from models.residents.demo import make_demo_residents

    n = getattr(args, "residents", 0) or 0
    if n <= 0:
        return []
    return [f"居民 {make_demo_residents(n)} 人（虚构的姓名、身份证号与电话）"]


def _residents_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--residents", metavar="N", type=whole_number(0, 1_000_000), default=0,
                   help="同时生成 N 位虚构居民（例如 100000，用于试用大名册）")


def _signups_step(args: argparse.Namespace) -> list[str]:
    from models.signups.demo import make_demo_people_and_signups

    big = max(0, getattr(args, "signups", 0) or 0)
    lines = []
    made, summary = make_demo_people_and_signups(
        big=big, make_people=not (getattr(args, "residents", 0) or 0))
    if made:
        lines.append(f"居民 {made} 人（为报名生成的虚构居民）")
    lines.append(f"报名 {len(summary)} 个活动：")
    for s in summary:
        lines.append(f"  编号 {s.plan_id:<4} 报名 {s.registered:>5} 人  候补 {s.waitlist:>3} 人  "
                     f"签到 {s.attended:>5} 人  {s.title}")
    return lines


def _households_step(args: argparse.Namespace) -> list[str]:
    from models.residents.demo_households import make_demo_households

    made, grouped = make_demo_households()
    return [f"户 {made} 户（{grouped} 位居民按户登记，户主为其中年长者）"] if made else []


def _signups_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--signups", metavar="N", type=whole_number(0, 1_000_000), default=0,
                   help="另让一个不限名额的活动有 N 人报名（例如 10000，用于试用大签到表）")


def _contests_step(args: argparse.Namespace) -> list[str]:
    from models.contests.demo import make_demo_contests

    made = make_demo_contests()
    if made is None:
        return []
    return [f"评比 编号 {made.contest_id}：{made.title}（作品 {made.entries} 件，"
            f"评委 {made.judges} 位，已打分）",
            f"表彰 编号 {made.honour_list_id}：十佳“社区文明健康老人”（已通过 {made.approved} 名）"]


def _feedback_step(args: argparse.Namespace) -> list[str]:
    from models.feedback.demo import make_demo_feedback

    return [f"反馈表 编号 {d.plan_id}：{d.title}（题目已备好，活动之后录入）" if not d.responses
            else f"反馈表 编号 {d.plan_id}：{d.title}（收回 {d.responses} 份"
            + (f"，活动照片 {d.photos} 张）" if d.photos else "）") for d in make_demo_feedback()]


def _volunteers_step(args: argparse.Namespace) -> list[str]:
    from models.volunteers.demo import make_demo_volunteers

    made = make_demo_volunteers()
    if made is None:
        return []
    return [f"志愿服务队 {made.teams} 个，志愿者 {made.volunteers} 人（其中 {made.linked} 人为"
            f"登记在册的居民），服务记录 {made.services} 次，培训 {made.trainings} 次"]


STEPS: list[DemoStep] = [
    DemoStep("活动方案", _plans_step),
    DemoStep("居民", _residents_step, _residents_options),
    DemoStep("报名", _signups_step, _signups_options),
    DemoStep("户", _households_step),
    DemoStep("评比表彰", _contests_step),
    DemoStep("志愿服务", _volunteers_step),
    DemoStep("活动反馈", _feedback_step),
    DemoStep("慰问活动", relief_demo_step),
]

# What counts as "the file already holds work": name -> counter, checked before anything is added.
def _count_plans() -> int:
    from models.plans.service import count_plans

    return count_plans()


EXISTING: list[tuple[str, Callable[[], int]]] = [("活动方案", _count_plans)]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo", help="生成演示数据（九个示例活动方案）",
        description="在数据文件中生成演示数据；文件不存在时新建。"
                    "文件中已有数据时不生成，除非加 --force。",
    )
    add_db_option(p)
    p.add_argument("--force", action="store_true",
                   help="文件中已有数据时仍然加入演示数据（不会删除原有数据）")
    for step in STEPS:
        if step.add_arguments:
            step.add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    open_db(args, create=True, write="demo")
    held = [f"{name} {n} 个" for name, count in EXISTING if (n := count())]
    if held and not args.force:
        raise CommandError(
            f"数据文件“{path}”中已有{'、'.join(held)}，为免演示数据与真实数据混在一起，未作任何改动。"
            f"请换一个新文件（例如 --db 演示数据.db）；确需加入时请加 --force（不会删除原有数据）。"
        )
    print(f"已在“{path}”中生成演示数据：")
    for step in STEPS:
        for line in step.run(args):
            print(line)
    return 0
