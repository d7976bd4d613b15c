"""`residents import | export | search`: the residents' register without a window."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from models.common.errors import UserError
from ui.cli.common import CommandError, add_db_option, open_db, whole_number


class _TextFirstParser(argparse.ArgumentParser):
    """`residents search -王`: a word beginning with one "-" that is none of the command's
    options is what is searched for (or the file imported), not an unknown option."""

    def _parse_optional(self, arg_string: str) -> Any:
        found = super()._parse_optional(arg_string)
        # (one tuple up to Python 3.12, a list of them from 3.13; action None: no such option)
        items: list[Any] = found if isinstance(found, list) else [found]
        if found is not None and not arg_string.startswith("--") and all(
                item[0] is None for item in items):
            return None
        return found


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("residents", help="居民名册：导入、导出、查找")
    add_db_option(p)
    rsub = p.add_subparsers(dest="residents_command", metavar="操作", required=True,
                            parser_class=_TextFirstParser)

    imp = rsub.add_parser("import", help="从 Excel（.xlsx/.xls）或 CSV 导入居民")
    imp.add_argument("file", metavar="FILE", help="要导入的表格文件")
    add_db_option(imp)
    imp.add_argument("--report", metavar="REPORT.xlsx", help="把逐行结果另存为 Excel 报告")
    imp.add_argument("--apply-name-matches", action="store_true",
                     help="没有身份证号、但姓名和出生日期与已登记居民相同的行，也按同一人更新")
    imp.add_argument("--households-by-address", action="store_true",
                     help="表中没有“与户主关系”或“户号”列时，住址相同的人归为一户")
    imp.set_defaults(func=run_import)

    und = rsub.add_parser("undo-import", help="撤销上一次导入：删除它新增的居民，恢复它改动的信息")
    add_db_option(und)
    und.set_defaults(func=run_undo_import)

    hh = rsub.add_parser("households", help="列出各户（地址、户主、成员、户标签）")
    add_db_option(hh)
    hh.add_argument("--building", metavar="楼栋", help="只列这个楼栋的户")
    hh.add_argument("--tag", metavar="标签", action="append", default=[],
                    help="只列带这个户标签的户（可写多次）")
    hh.add_argument("--find", metavar="文字", default="", help="按地址或成员姓名查找")
    hh.add_argument("--all", action="store_true", help="也列出已迁出、已去世的人和只剩这些人的户")
    hh.add_argument("--json", action="store_true", help="以 JSON 输出")
    hh.set_defaults(func=run_households)

    st = rsub.add_parser("status", help="设置居民状态：在册、迁出、死亡（离开的人保留记录，"
                                        "不再出现在名单和统计中）")
    add_db_option(st)
    st.add_argument("ids", metavar="编号", nargs="+", type=whole_number(1, 10**12),
                    help="居民编号（可写多个）")
    st.add_argument("--set", dest="status", required=True, choices=("在册", "迁出", "死亡"),
                    help="新的状态")
    st.add_argument("--on", metavar="YYYY-MM-DD", help="迁出或死亡的日期（默认今天）")
    st.set_defaults(func=run_status)

    exp = rsub.add_parser("export", help="导出居民名册（.xlsx、.pdf 或 .csv）")
    add_db_option(exp)
    exp.add_argument("--out", metavar="FILE", required=True, help="输出文件（.xlsx、.pdf 或 .csv）")
    exp.add_argument("--masked", action="store_true", help="隐去部分姓名、身份证号、电话，"
                     "并略去出生日期和住址（对外使用）")
    exp.add_argument("--order", choices=("strokes", "pinyin"), default="strokes",
                     help="排序：strokes 姓氏笔画（默认），pinyin 拼音")
    exp.set_defaults(func=run_export)

    find = rsub.add_parser("search", help="按姓名、拼音、首字母、电话、身份证号或地址查找",
                           epilog="以“-”开头的文字可以直接写（search -王），也可以写在 -- 之后"
                                  "（search --db 数据.db -- -王）。")
    find.add_argument("query", metavar="QUERY", help="要查找的文字")
    add_db_option(find)
    find.add_argument("--limit", type=whole_number(1, 100_000), default=20,
                      help="最多列出几人（默认 20）")
    find.set_defaults(func=run_search)

    fig = rsub.add_parser("figures", help="目标社区分析：按性别、年龄段、标签、楼栋统计")
    add_db_option(fig)
    fig.add_argument("--on", metavar="YYYY-MM-DD", help="按哪一天计算年龄（默认今天）")
    fig.set_defaults(func=run_figures)


def check_report_target(report: Path) -> None:
    from exporters.atomic import check_target

    if report.suffix.lower() != ".xlsx":
        raise CommandError("导入报告须保存为 .xlsx 文件，未导入。")
    try:
        check_target(report)
    except UserError as exc:
        raise CommandError(f"{exc}未导入，请换一个报告位置后重试。") from exc


def run_import(args: argparse.Namespace) -> int:
    from models.residents.imports.guard import check_file
    from models.residents.imports.importer import ImportOptions, import_residents

    source = Path(args.file)
    if not source.exists():
        raise CommandError(f"找不到要导入的文件“{source}”。")
    if args.report:
        # Checked before importing: an import done and then no report would be half a success.
        check_report_target(Path(args.report))
    if source.is_file():
        check_file(source)  # a file that is no roster is refused before the data file is opened
    open_db(args, write="residents import")
    options = ImportOptions(apply_name_matches=args.apply_name_matches,
                            households_by_address=args.households_by_address)
    report = import_residents(source, options=options)
    if args.report:
        # Imported only when asked for: it brings openpyxl (~0.1 s of every import otherwise).
        from exporters.residents.import_report import write_import_report

        write_import_report(Path(args.report), report)
    lines = report.summary_lines()
    if args.report:
        lines.insert(-1, f"报告已保存到：{args.report}")
    print("\n".join(lines))
    if report.imported == 0 and report.updated == 0:
        # Nothing was done: scripts see it in the exit code (the lines above say why).
        print("注意：没有导入或更新任何居民（见上面的未导入、重复和无变化的行）。", file=sys.stderr)
        return 1
    return 0


def run_export(args: argparse.Namespace) -> int:
    from exporters.atomic import check_target
    from exporters.residents.roster import export_residents

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".pdf", ".csv"):
        raise CommandError("输出文件须以 .xlsx、.pdf 或 .csv 结尾。")
    check_target(out)
    open_db(args, create=False)
    n = export_residents(out, masked=args.masked, order=args.order)
    print(f"已导出 {n} 位居民到 {out}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from models.residents.records import ResidentQuery
    from models.residents.service import search_residents

    open_db(args, create=False)
    result = search_residents(ResidentQuery(text=args.query), limit=max(1, args.limit))
    for r in result.rows:
        birth = r.birth.isoformat() if r.birth else "          "
        place = r.building + r.unit + r.room or r.address
        print(f"{r.id:>6}  {r.name:<6}  {r.gender or ' ':<2}  {birth}  {r.id_number or '':<18}  "
              f"{r.phone:<13}  {place}  {r.tags}")
    shown = len(result.rows)
    print(f"共找到 {result.total} 人" + (f"，列出前 {shown} 人" if result.total > shown else ""))
    return 0


def run_figures(args: argparse.Namespace) -> int:
    from datetime import date

    from models.residents.figures import population_figures, target_analysis_text

    try:
        on = date.fromisoformat(args.on) if args.on else date.today()
    except ValueError as exc:
        raise CommandError(f"日期“{args.on}”看不懂，请写成 2026-10-01 的样子。") from exc
    if not 1900 <= on.year <= 2200:
        raise CommandError(f"日期“{args.on}”不在 1900 年到 2200 年之间，无法按它计算年龄。")
    open_db(args, create=False)
    fig = population_figures(on)
    print(f"{on.isoformat()} 居民 {fig.total} 人")
    for title, rows in (("性别", fig.by_sex), ("年龄段", fig.by_age_band), ("标签", fig.by_tag),
                        ("楼栋", fig.by_building)):
        print(f"{title}：" + "，".join(f"{r.label} {r.count}" for r in rows))
    from models.residents.households import household_figures

    hf = household_figures()
    print(f"户数：{hf.households} 户，户内 {hf.people} 人，平均每户 {hf.per_household:.2f} 人")
    if hf.by_size:
        print("每户人数：" + "，".join(f"{n}人户 {k}" for n, k in hf.by_size))
    if hf.by_tag:
        print("户标签：" + "，".join(f"{t} {k}户" for t, k in hf.by_tag))
    print(target_analysis_text(on))
    return 0


def _day(text: str | None) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError as exc:
        raise CommandError(f"日期“{text}”看不懂，请写成 2026-10-01 的样子。") from exc


def run_undo_import(args: argparse.Namespace) -> int:
    from models.residents.imports.undo import undo_last_import

    open_db(args, write="residents undo-import")
    print(undo_last_import())
    return 0


def run_households(args: argparse.Namespace) -> int:
    import json

    from models.residents.households import HouseholdQuery, list_households

    open_db(args, create=False)
    found = list_households(HouseholdQuery(text=args.find, building=args.building,
                                           tags=tuple(args.tag), include_left=args.all))
    if args.json:
        out = [{"id": h.id, "building": h.building, "unit": h.unit, "room": h.room,
                "address": h.address, "number": h.number, "tags": h.tags,
                "head": h.head.resident_id if h.head else None,
                "members": [{"resident_id": m.resident_id, "name": m.name,
                             "relation": m.relation, "status": m.status,
                             "left_on": m.left_on.isoformat() if m.left_on else None}
                            for m in h.members]} for h in found]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for h in found:
        tags = f"  [{'、'.join(h.tags)}]" if h.tags else ""
        print(f"{h.id:>6}  {h.label}  {len(h.members)}人{tags}")
        for m in h.members:
            left = f"（{m.status} {m.left_on.isoformat() if m.left_on else ''}）".replace(
                " ）", "）") if m.status != "在册" else ""
            print(f"        {m.resident_id:>6}  {m.name:<6}  {m.relation or '未填'}{left}")
    print(f"共 {len(found)} 户")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from models.residents.households import set_status
    from models.residents.service import get_residents

    day = _day(args.on) if args.status != "在册" else None
    open_db(args, write="residents status")
    known = {r.id for r in get_residents(args.ids)}
    unknown = [i for i in args.ids if i not in known]
    if unknown:
        raise CommandError(f"找不到编号为 {'、'.join(map(str, unknown))} 的居民，未作改动。")
    n = set_status(args.ids, args.status, day)
    print(f"已把 {n} 位居民的状态设为“{args.status}”" + (f"（{day.isoformat()}）" if day else ""))
    return 0 if n else 1  # already so: nothing was done
