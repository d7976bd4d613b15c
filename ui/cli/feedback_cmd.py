"""`feedback --activity N [--json]`: an activity's feedback tally (every question with its counts,
or its free-text answers); and the `export` kinds of the feedback wing (EXPORT_KINDS, registered by
ui/cli/export_cmd.py): the blank form, the tally and the activity summary (活动总结)."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from ui.cli.common import RECORD_NUMBER, add_db_option, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feedback", help="反馈表统计：每题的人数和比例，填空题的全部回答")
    add_db_option(p)
    p.add_argument("--activity", type=RECORD_NUMBER, required=True, metavar="N",
                   help="活动（方案）编号（见 plans 子命令）")
    p.add_argument("--json", action="store_true",
                   help="以 JSON 输出（每题一个对象：text、kind，以及 counts 或 answers）")
    p.set_defaults(func=run)


def tally_object(plan_id: int) -> dict[str, object]:
    from models.feedback.records import TEXT
    from models.feedback.service import tally

    t = tally(plan_id)
    questions: list[dict[str, object]] = []
    for q in t.questions:
        item: dict[str, object] = {"number": q.number, "text": q.question.text,
                                   "kind": q.question.kind, "answered": q.answered}
        if q.question.kind == TEXT:
            item["answers"] = q.answers
        else:
            item["counts"] = {c.label: c.count for c in q.counts}
        if q.average is not None:
            item["average"] = round(q.average, 2)
        questions.append(item)
    return {"activity": plan_id, "title": t.title, "responses": t.responses,
            "questions": questions}


def run(args: argparse.Namespace) -> int:
    open_db(args, create=False)
    obj = tally_object(args.activity)
    if args.json:
        print(json.dumps(obj["questions"], ensure_ascii=False, indent=1))
        return 0
    from models.feedback.service import tally

    t = tally(args.activity)
    print(f"{t.title}：收回反馈表 {t.responses} 份，{len(t.questions)} 题")
    if not t.questions:
        print("这个活动还没有反馈表题目。")
    for q in t.questions:
        avg = f"，平均 {q.average:.2f} 分" if q.average is not None else ""
        print(f"{q.number}. {q.question.text}（{q.kind_label}，作答 {q.answered} 份{avg}）")
        for c in q.counts:
            share = f"{c.share * 100:.1f}%" if c.share is not None else "—"
            print(f"    {c.label}  {c.count}  {share}")
        for a in q.answers:
            print(f"    · {a}")
    return 0


# --- export kinds -----------------------------------------------------------------------------

def _activity_export(kinds: argparse._SubParsersAction, name: str, help_text: str,
                     out_help: str, func: Callable[[argparse.Namespace], int]) -> None:
    p = kinds.add_parser(name, help=help_text)
    add_db_option(p)
    p.add_argument("--activity", type=RECORD_NUMBER, required=True, metavar="N",
                   help="活动（方案）编号（见 plans 子命令）")
    p.add_argument("--out", required=True, metavar=out_help, help="保存到的文件")
    p.set_defaults(func=func)


def _suffix(out: str, allowed: tuple[str, ...]) -> str:
    from pathlib import Path

    from exporters.atomic import check_target
    from ui.cli.common import CommandError

    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        raise CommandError(f"无法导出为“{Path(out).name}”：请用 {' 或 '.join(allowed)} 文件。")
    check_target(Path(out))
    return suffix


def _add_form(kinds: argparse._SubParsersAction) -> None:
    _activity_export(kinds, "feedback-form", "空白反馈表（A4 PDF，可手写勾选）", "F.pdf", run_form)


def _add_tally(kinds: argparse._SubParsersAction) -> None:
    _activity_export(kinds, "feedback-tally", "反馈表统计（PDF：人数、比例、条形图、全部意见）",
                     "T.pdf", run_tally)


def _add_summary(kinds: argparse._SubParsersAction) -> None:
    _activity_export(kinds, "summary",
                     "活动总结（公文格式 PDF 或 Word：出勤、经费、反馈、表彰、照片）",
                     "S.pdf|S.docx", run_summary)


def run_form(args: argparse.Namespace) -> int:
    from pathlib import Path

    from exporters.feedback.form_pdf import export_form_pdf

    _suffix(args.out, (".pdf",))
    open_db(args, create=False)
    pages = export_form_pdf(args.activity, Path(args.out))
    print(f"已导出空白反馈表（PDF，{pages} 页）：{args.out}")
    return 0


def run_tally(args: argparse.Namespace) -> int:
    from pathlib import Path

    from exporters.feedback.tally_pdf import export_tally_pdf

    _suffix(args.out, (".pdf",))
    open_db(args, create=False)
    pages = export_tally_pdf(args.activity, Path(args.out))
    print(f"已导出反馈表统计（PDF，{pages} 页）：{args.out}")
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from pathlib import Path

    suffix = _suffix(args.out, (".pdf", ".docx"))
    open_db(args, create=False)
    if suffix == ".docx":
        from exporters.feedback.summary_docx import export_summary_docx

        export_summary_docx(args.activity, Path(args.out))
        print(f"已导出活动总结（Word）：{args.out}")
        return 0
    from exporters.feedback.summary_pdf import export_summary_pdf

    pages = export_summary_pdf(args.activity, Path(args.out))
    print(f"已导出活动总结（PDF，{pages} 页）：{args.out}")
    return 0


EXPORT_KINDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "feedback-form": _add_form,
    "feedback-tally": _add_tally,
    "summary": _add_summary,
}
