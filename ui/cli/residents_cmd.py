"""`residents import | export | search`: the residents' register without a window."""
from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.common import CommandError, add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("residents", help="居民名册：导入、导出、查找")
    add_db_option(p)
    rsub = p.add_subparsers(dest="residents_command", metavar="操作", required=True)

    imp = rsub.add_parser("import", help="从 Excel（.xlsx/.xls）或 CSV 导入居民")
    imp.add_argument("file", metavar="FILE", help="要导入的表格文件")
    add_db_option(imp)
    imp.add_argument("--report", metavar="REPORT.xlsx", help="把逐行结果另存为 Excel 报告")
    imp.set_defaults(func=run_import)

    exp = rsub.add_parser("export", help="导出居民名册（.xlsx 或 .csv）")
    add_db_option(exp)
    exp.add_argument("--out", metavar="FILE", required=True, help="输出文件（.xlsx 或 .csv）")
    exp.add_argument("--masked", action="store_true", help="隐去部分姓名、身份证号、电话，"
                     "并略去出生日期和住址（对外使用）")
    exp.add_argument("--order", choices=("strokes", "pinyin"), default="strokes",
                     help="排序：strokes 姓氏笔画（默认），pinyin 拼音")
    exp.set_defaults(func=run_export)

    find = rsub.add_parser("search", help="按姓名、拼音、首字母、电话、身份证号或地址查找")
    find.add_argument("query", metavar="QUERY")
    add_db_option(find)
    find.add_argument("--limit", type=int, default=20, help="最多列出几人（默认 20）")
    find.set_defaults(func=run_search)

    fig = rsub.add_parser("figures", help="目标社区分析：按性别、年龄段、标签、楼栋统计")
    add_db_option(fig)
    fig.add_argument("--on", metavar="YYYY-MM-DD", help="按哪一天计算年龄（默认今天）")
    fig.set_defaults(func=run_figures)


def run_import(args: argparse.Namespace) -> int:
    from exporters.residents.import_report import write_import_report
    from models.residents.imports.importer import import_residents

    source = Path(args.file)
    if not source.exists():
        raise CommandError(f"找不到要导入的文件“{source}”。")
    open_db(args)
    report = import_residents(source)
    if args.report:
        write_import_report(Path(args.report), report)
    lines = report.summary_lines()
    if args.report:
        lines.insert(-1, f"报告已保存到：{args.report}")
    print("\n".join(lines))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from exporters.residents.roster import export_residents

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise CommandError("输出文件须以 .xlsx 或 .csv 结尾。")
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
    print(f"共找到 {result.total} 人" + (f"，列出前 {len(result.rows)} 人" if result.total > len(result.rows) else ""))
    return 0


def run_figures(args: argparse.Namespace) -> int:
    from datetime import date

    from models.residents.figures import population_figures, target_analysis_text

    try:
        on = date.fromisoformat(args.on) if args.on else date.today()
    except ValueError as exc:
        raise CommandError(f"日期“{args.on}”看不懂，请写成 2026-10-01 的样子。") from exc
    open_db(args, create=False)
    fig = population_figures(on)
    print(f"{on.isoformat()} 居民 {fig.total} 人")
    for title, rows in (("性别", fig.by_sex), ("年龄段", fig.by_age_band), ("标签", fig.by_tag),
                        ("楼栋", fig.by_building)):
        print(f"{title}：" + "，".join(f"{r.label} {r.count}" for r in rows))
    print(target_analysis_text(on))
    return 0
