"""`relief --db F [--campaign N] [--json] [--clerk NAME] [--import FILE]`: the relief campaigns
(id, title, plan, figures, timeline) or one campaign's beneficiaries (name, household, category,
amount in yuan as a string of fen-exact decimals, status); the clerk's name kept in the data
file; a survey list (摸底表) added to a campaign.

Also the relief kinds of `export` (EXPORT_KINDS, added to ui/cli/export_cmd.KINDS) and the demo
step (demo_step, in ui/cli/demo_cmd.STEPS).
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from ui.cli.common import RECORD_NUMBER, add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("relief", help="列出慰问活动（送温暖）：类别、对象、金额、状态与进度")
    add_db_option(p)
    p.add_argument("--campaign", type=RECORD_NUMBER, metavar="N",
                   help="只列出这个慰问活动的慰问对象")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--import", dest="survey", metavar="FILE",
                   help="把摸底表（Excel 或 CSV：姓名、身份证号、楼栋、单元、房号、慰问类别、"
                        "家庭人口、困难原因、慰问金额）加入 --campaign 指定的慰问活动")
    p.add_argument("--clerk", metavar="NAME",
                   help="设定经办人姓名（保存在数据文件中，窗口与命令行共用，每项改动都记下经办人）")
    p.set_defaults(func=run)


def _yuan(fen: int) -> str:
    from models.common.money import yuan_text

    return yuan_text(fen)


def campaign_object(campaign_id: int) -> dict[str, object]:
    from models.relief.figures import step_text, timeline, totals
    from models.relief.service import get_campaign

    c = get_campaign(campaign_id)
    lines, overall = totals(c.id)
    return {
        "id": c.id, "title": c.title, "plan": c.plan_id, "start": c.start.isoformat(),
        "end": c.end.isoformat(), "funds": _yuan(c.funds_fen), "funds_source": c.funds_source,
        "posting_start": c.posting_start.isoformat() if c.posting_start else None,
        "posting_end": c.posting_end.isoformat() if c.posting_end else None,
        "categories": [{"name": k.name, "basis": k.basis, "amount": _yuan(k.amount_fen),
                        "goods": [item for item, _v in k.goods]} for k in c.categories],
        "totals": [{"category": t.category, "households": t.households, "people": t.people,
                    "amount": _yuan(t.amount_fen)} for t in [*lines, overall]],
        "timeline": [{"phase": s.name, "due": s.due.isoformat(), "who": s.who,
                      "days_left": s.days_left, "late": s.late, "state": step_text(s)}
                     for s in timeline(c.id)],
    }


def run(args: argparse.Namespace) -> int:
    from models.relief import audit
    from models.relief.service import list_campaigns

    if args.clerk is not None:
        open_db(args, create=False, write="relief --clerk")
        print(f"经办人：{audit.set_clerk(args.clerk)}")
        return 0
    if args.survey is not None:
        return _import(args)
    open_db(args, create=False)
    if args.campaign is not None:
        return _beneficiaries(args)
    campaigns = list_campaigns()
    if args.json:
        print(json.dumps([campaign_object(c.id) for c in campaigns], ensure_ascii=False,
                         indent=1))
        return 0
    if not campaigns:
        print("没有慰问活动。")
    print(f"经办人：{audit.clerk() or '（未设定，请用 relief --clerk 姓名 设定）'}")
    for c in campaigns:
        obj = campaign_object(c.id)
        overall = obj["totals"][-1]  # type: ignore[index]
        print(f"编号 {c.id}  {c.title}  {c.start}至{c.end}  对象 {overall['households']} 户 "
              f"{overall['people']} 人  金额 {overall['amount']} 元")
        for s in obj["timeline"]:  # type: ignore[attr-defined]
            print(f"  {s['due']}  {s['phase']}（{s['who']}）  {s['state']}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from models.relief.survey import import_survey
    from ui.cli.common import CommandError

    if args.campaign is None:
        raise CommandError("请用 --campaign 指定加入哪个慰问活动。")
    open_db(args, create=False, write="relief --import")
    result = import_survey(args.campaign, args.survey)
    for sheet, row, name, why in result.refused:
        print(f"未导入：{sheet} 第 {row} 行 {name}：{why}")
    if not result.added:
        raise CommandError("摸底表中没有可导入的行，数据文件未作改动。")
    print(f"已导入 {result.added} 户（人），未导入 {len(result.refused)} 行。")
    return 0


def _beneficiaries(args: argparse.Namespace) -> int:
    from models.relief.beneficiaries import list_beneficiaries

    rows = list_beneficiaries(args.campaign)
    if args.json:
        print(json.dumps([{"id": r.id, "name": r.name, "household": r.household,
                           "household_size": r.household_size, "category": r.category,
                           "amount": _yuan(r.amount_fen), "status": r.status,
                           "locked": r.locked} for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        lock = "  已锁定" if r.locked else ""
        print(f"{r.id:>5}  {r.name:<6}  {r.category:<8}  {r.household_size} 人  "
              f"{_yuan(r.amount_fen):>10}  {r.status}{lock}")
    return 0


# `export` kinds ----------------------------------------------------------------------------


def _campaign_parser(kinds: argparse._SubParsersAction, name: str, help_text: str, out: str,
                     func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    p = kinds.add_parser(name, help=help_text)
    add_db_option(p)
    p.add_argument("--campaign", type=RECORD_NUMBER, required=True, metavar="N",
                   help="慰问活动编号（见 relief 子命令）")
    p.add_argument("--out", required=True, metavar=out, help="保存到的文件")
    p.set_defaults(func=func)
    return p


def _add_notice(kinds: argparse._SubParsersAction) -> None:
    from ui.cli.common import whole_number

    p = _campaign_parser(kinds, "relief-notice",
                         "慰问对象名单公示（PDF，姓名隐去部分，不写困难原因）", "P.pdf", run_notice)
    p.add_argument("--start", metavar="YYYY-MM-DD", help="公示开始日期（默认为活动设定的公示期）")
    p.add_argument("--days", type=whole_number(7, 60), metavar="N", help="公示天数（不少于 7 天）")


def run_notice(args: argparse.Namespace) -> int:
    from datetime import date

    from exporters.relief.notice import campaign_posting, export_notice_pdf
    from models.relief.service import get_campaign
    from ui.cli.common import CommandError
    from ui.cli.export_cmd import _suffix

    _suffix(args, (".pdf",))
    try:
        start = date.fromisoformat(args.start) if args.start else None
    except ValueError:
        raise CommandError(f"公示开始日期“{args.start}”看不懂，请写成 2026-12-20 这样。") from None
    open_db(args, create=False)
    posting = campaign_posting(get_campaign(args.campaign), start, args.days)
    pages = export_notice_pdf(args.campaign, Path(args.out), posting)
    print(f"已导出慰问对象名单公示（PDF，{pages} 页，公示期 {posting.start} 至 {posting.end}）："
          f"{args.out}")
    return 0


def _add_handover(kinds: argparse._SubParsersAction) -> None:
    p = _campaign_parser(kinds, "relief-handover",
                         "发放签收表（Excel 或 PDF：身份证后四位、签名栏、每页小计与合计、"
                         "大写金额）", "H.xlsx|H.pdf", run_handover)
    p.add_argument("--order", choices=("building", "strokes"), default="building",
                   help="顺序：building 按楼栋（默认），strokes 按姓氏笔画")


def run_handover(args: argparse.Namespace) -> int:
    from ui.cli.export_cmd import _suffix

    suffix = _suffix(args, (".xlsx", ".pdf"))
    open_db(args, create=False)
    if suffix == ".pdf":
        from exporters.relief.handover import export_handover_pdf

        pages = export_handover_pdf(args.campaign, Path(args.out), args.order)
        print(f"已导出发放签收表（PDF，{pages} 页）：{args.out}")
    else:
        from exporters.relief.handover import export_handover_xlsx

        n = export_handover_xlsx(args.campaign, Path(args.out), args.order)
        print(f"已导出发放签收表（{n} 户（人））：{args.out}")
    return 0


def _add_summary(kinds: argparse._SubParsersAction) -> None:
    _campaign_parser(kinds, "relief-summary",
                     "上报街道的附件（Excel：附件1 分类汇总，附件2 对象花名册）", "S.xlsx",
                     run_summary)


def run_summary(args: argparse.Namespace) -> int:
    from exporters.relief.bureau import export_summary_xlsx
    from ui.cli.export_cmd import _suffix

    _suffix(args, (".xlsx",))
    open_db(args, create=False)
    fen, n = export_summary_xlsx(args.campaign, Path(args.out))
    print(f"已导出附件1、附件2（{n} 户（人），合计 {_yuan(fen)} 元）：{args.out}")
    return 0


def _add_log(kinds: argparse._SubParsersAction) -> None:
    _campaign_parser(kinds, "relief-log",
                     "慰问活动变更记录（Excel：时间、经办人、原值、新值、原因）", "L.xlsx", run_log)


def run_log(args: argparse.Namespace) -> int:
    from exporters.relief.log_sheet import export_log_xlsx
    from ui.cli.export_cmd import _suffix

    _suffix(args, (".xlsx",))
    open_db(args, create=False)
    n = export_log_xlsx(args.campaign, Path(args.out))
    print(f"已导出变更记录（{n} 条）：{args.out}")
    return 0


EXPORT_KINDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "relief-notice": _add_notice,
    "relief-handover": _add_handover,
    "relief-summary": _add_summary,
    "relief-log": _add_log,
}


def demo_step(args: argparse.Namespace) -> list[str]:
    from models.relief.demo import make_demo_relief

    made = make_demo_relief()
    return [f"慰问活动 编号 {made.campaign_id}：{made.title}（对象 {made.beneficiaries} 户（人），"
            f"已发放 {made.handed_over} 户（人），变更均已记录）"]
