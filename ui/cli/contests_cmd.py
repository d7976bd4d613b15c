"""`contests --db F [--activity N] [--json]` and `honours --db F [--json]`: list contests with
their entries, scores, places and prizes (recomputed from the scores), and honour lists with
their nominations."""
from __future__ import annotations

import argparse
import json

from ui.cli.common import RECORD_NUMBER, add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contests", help="列出评比：作品、评委打分、名次与奖项（由打分算出）")
    add_db_option(p)
    p.add_argument("--activity", type=RECORD_NUMBER, metavar="N",
                   help="只列出这个活动（方案）的评比")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（每项评比一个对象）")
    p.set_defaults(func=run_contests)
    h = sub.add_parser("honours", help="列出表彰名单：推荐、事迹与审核情况")
    add_db_option(h)
    h.add_argument("--json", action="store_true", help="以 JSON 输出（每个表彰一个对象）")
    h.set_defaults(func=run_honours)


def _number(value: object) -> float | int | None:
    from fractions import Fraction

    if value is None:
        return None
    assert isinstance(value, Fraction)
    return value.numerator if value.denominator == 1 else float(value)


def contest_object(contest_id: int) -> dict[str, object]:
    from models.contests.service import contest_results

    res = contest_results(contest_id)
    c = res.contest
    return {
        "id": c.id, "title": c.title, "activity": c.plan_id, "method": c.method,
        "tie_rule": c.tie_rule, "deadline": c.deadline.isoformat() if c.deadline else None,
        "full_marks": c.full_marks,
        "categories": [{"name": cat.name, "levels": [{"name": n, "places": p}
                                                      for n, p in cat.levels]}
                       for cat in c.categories],
        "judges": [{"id": j.id, "name": j.name, "unit": j.unit} for j in c.judges],
        "notices": res.notices,
        "entries": [{
            "code": r.entry.code, "name": r.entry.name, "category": r.entry.category,
            "title": r.entry.title, "received": r.entry.received.isoformat(),
            "late": r.entry.late, "scores": [_number(s) for s in r.scores],
            "total": _number(r.total), "rank": r.rank, "prize": r.prize, "shared": r.shared,
        } for r in res.entries],
    }


def run_contests(args: argparse.Namespace) -> int:
    from models.contests.scoring import show_score
    from models.contests.service import contest_results, list_contests

    open_db(args, create=False)
    contests = list_contests(args.activity)
    if args.json:
        print(json.dumps([contest_object(c.id) for c in contests], ensure_ascii=False, indent=1))
        return 0
    if not contests:
        print("没有评比。")
    for c in contests:
        res = contest_results(c.id)
        print(f"编号 {c.id}  {c.title}（{c.method}，并列时{c.tie_rule}）  作品 {c.entry_count} 件  "
              f"评委 {len(c.judges)} 位")
        for r in res.entries:
            late = "  逾期" if r.entry.late else ""
            rank = f"第{r.rank}名" if r.rank is not None else "未评完"
            print(f"  {r.entry.code}  {r.entry.category}  {r.entry.name:<6}  {r.entry.title}  "
                  f"{show_score(r.total):>5}  {rank}  {r.prize}{late}")
        for n in res.notices:
            print(f"  注意：{n}")
    return 0


def run_honours(args: argparse.Namespace) -> int:
    from models.contests.service import list_honour_lists

    open_db(args, create=False)
    lists = list_honour_lists()
    if args.json:
        print(json.dumps([{
            "id": h.id, "title": h.title, "year": h.year, "places": h.places,
            "issuer": h.issuer, "activity": h.plan_id,
            "nominations": [{"name": n.name, "resident_id": n.resident_id,
                             "nominated_by": n.nominated_by, "deeds": n.deeds,
                             "status": n.status, "review_note": n.review_note,
                             "reviewed": n.reviewed.isoformat() if n.reviewed else None}
                            for n in h.nominations],
        } for h in lists], ensure_ascii=False, indent=1))
        return 0
    if not lists:
        print("没有表彰名单。")
    for h in lists:
        cap = "不限" if h.places is None else f"{h.places} 名"
        print(f"编号 {h.id}  {h.year}年 {h.title}  名额 {cap}  已通过 {len(h.approved)} 名")
        for n in h.nominations:
            print(f"  {n.status}  {n.name:<6}  推荐：{n.nominated_by}  {n.deeds}")
    return 0
