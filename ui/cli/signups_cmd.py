"""`signups --activity N [--json]`: list an activity's sign-ups (a table, or JSON: a list with one
object per sign-up)."""
from __future__ import annotations

import argparse
import json

from ui.cli.common import RECORD_NUMBER, add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("signups", help="列出某个活动的报名（含候补、签到情况）")
    add_db_option(p)
    p.add_argument("--activity", type=RECORD_NUMBER, required=True, metavar="N",
                   help="活动（方案）编号（见 plans 子命令）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（每条报名一个对象）")
    p.add_argument("--order", choices=["signup", "strokes"], default="signup",
                   help="顺序：signup 按报名先后（默认），strokes 按姓氏笔画")
    p.set_defaults(func=run)


def signup_object(rec: object) -> dict[str, object]:
    from models.signups.records import SignupRecord

    assert isinstance(rec, SignupRecord)
    return {
        "id": rec.id, "activity": rec.plan_id, "resident_id": rec.resident_id,
        "name": rec.name, "phone": rec.phone, "status": rec.status, "position": rec.position,
        "waitlist_place": rec.waitlist_place,
        "signed_up": rec.signed_up.isoformat(timespec="seconds"),
        "checked_in": rec.checked_in.isoformat(timespec="seconds") if rec.checked_in else None,
        "fee_paid_fen": rec.fee_paid_fen, "receipt_no": rec.receipt_no, "notes": rec.notes,
        "override_note": rec.override_note, "warnings": rec.warnings.splitlines(),
        "promoted": rec.promoted, "walk_in": rec.walk_in,
        "companions": [{"name": c.name, "relation": c.relation, "age": c.age, "phone": c.phone}
                       for c in rec.companions],
    }


def run(args: argparse.Namespace) -> int:
    from models.plans.service import load_plan
    from models.signups.service import list_signups, signup_counts

    open_db(args, create=False)
    recs = list_signups(args.activity, order="strokes" if args.order == "strokes" else "position")
    if args.json:
        print(json.dumps([signup_object(r) for r in recs], ensure_ascii=False, indent=1))
        return 0
    plan = load_plan(args.activity)
    c = signup_counts(args.activity)
    cap = "不限" if c.capacity is None else str(c.capacity)
    print(f"{plan.title}：名额 {cap}，已占 {c.seats_used}，报名 {c.registered} 人，"
          f"候补 {c.waitlist} 人，签到 {c.attended} 人，取消 {c.cancelled} 人，"
          f"陪同 {c.companions} 人")
    from models.signups.figures import activity_figures

    fig = activity_figures(recs, plan.start.date() if plan.start else None)
    if fig.attended or fig.no_show:
        rate = f"{fig.no_show_rate * 100:.1f}%" if fig.no_show_rate is not None else "—"
        print(f"出勤 {fig.attended}/{fig.registered}，未到 {fig.no_show} 人（未到率 {rate}）")
        parts = (("年龄段", fig.by_age), ("性别", fig.by_sex), ("楼栋", fig.by_building))
        for label, part in parts:
            print(f"  按{label}（签到/报名）：" + "；".join(
                f"{b.group} {b.attended}/{b.registered}" for b in part))
    if recs:
        print("  报名序号  状态  姓名  电话  报名时间")
    for r in recs:
        mark = "  ★待电话通知" if r.promoted else ""
        if r.waitlist_place is not None:
            mark += f"  候补第 {r.waitlist_place} 位"
        comps = f"  陪同：{r.companions_text()}" if r.companions else ""
        print(f"  {r.position:>4}  {r.status:<3}  {r.name:<6}  {r.phone:<13}  "
              f"{r.signed_up:%Y-%m-%d %H:%M}{comps}{mark}")
    return 0
