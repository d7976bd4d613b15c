"""The registry of public exports: every file the app makes for the public (a notice board, a
roster handed out, a list sent upward) gets an entry here, and test_public_exports_masked.py scans
it for unmasked ID and mobile numbers.

Add an entry with the exporter: make(db_path, out_dir) fills the data file with residents and
sign-ups that carry full ID and mobile numbers, writes the export into out_dir and returns its
path. Internal files (the clerk's own full roster) are not public and do not belong here.

Decided case by case:
- 报名名册 is internal with full values; its --masked copy is public (registered).
- 签到表 is passed round at the door: phones always masked (registered, names shown and with
  names masked too).
- 出勤统计 goes up to the street office: figures only (registered, so a list of people added to
  it later is caught).
- The blank 报名表 is handed out (registered: it must stay blank of anyone's numbers).
- The plan PDF (活动方案) is an official document, not a list of residents: it names the staff
  responsible on purpose (组织机构, 第一责任人) and shows only what the clerk typed into the plan.
  It is registered with sign-ups on the activity, so if it ever pulls residents in, the scan
  catches their numbers; staff names stay unmasked by design.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PublicExport:
    name: str  # e.g. "签到表（公示版）PDF"
    make: Callable[[Path, Path], Path]
    masked_ids: bool = False  # shows IDs as 6+4 (test_masked_values_are_there_to_attack)
    masked_phones: bool = True  # shows phones as 138****5678


def residents_register(masked: bool, suffix: str) -> Callable[[Path, Path], Path]:
    """居民名册 exported with --masked (the copy for outside use)."""

    def make(db_path: Path, out_dir: Path) -> Path:
        from exporters.residents.roster import export_residents
        from models.residents.imports.importer import import_residents
        from tests.resident_factory import write_residents_csv

        source = write_residents_csv(out_dir.parent / "source.csv", 60)
        assert import_residents(source).imported
        target = out_dir / f"居民名册{suffix}"
        assert export_residents(target, masked=masked) > 0
        return target

    return make


def activity_with_signups(plan_id: int | None = None) -> int:
    """50 residents with full IDs and mobiles signed up (each with a companion whose mobile is on
    record too, and notes holding a phone) for a new activity, or for plan_id."""
    from datetime import datetime

    from models.residents.demo import make_demo_residents
    from models.signups.records import CompanionRecord, NewSignup
    from models.signups.service import bulk_sign_up
    from tests.signup_factory import make_activity

    make_demo_residents(50, seed=11)
    plan = plan_id or make_activity(capacity=None, companion_age=70)
    when = datetime(2026, 10, 10, 9, 0)
    assert bulk_sign_up(plan, [
        (NewSignup(resident_id=i, notes=f"女儿电话1370000{i:04d}",
                   companions=[CompanionRecord("家属", "子女", None, f"1390000{i:04d}")]), when)
        for i in range(1, 51)]) == 50
    return plan


def signin_sheet(suffix: str, masked: bool = False) -> Callable[[Path, Path], Path]:
    """The sign-in sheet passed round at the door."""

    def make(db_path: Path, out_dir: Path) -> Path:
        plan = activity_with_signups()
        path = out_dir / f"签到表{suffix}"
        if suffix == ".pdf":
            from exporters.signups.signin_pdf import export_signin_pdf

            export_signin_pdf(plan, path, masked=masked)
        else:
            from exporters.signups.sheets import export_signin_xlsx

            assert export_signin_xlsx(plan, path, masked=masked) == 50
        return path

    return make


def signup_sheet(kind: str, suffix: str = ".xlsx") -> Callable[[Path, Path], Path]:
    """报名名册 --masked, 出勤统计, the blank 报名表: each of an activity with 50 sign-ups."""

    def make(db_path: Path, out_dir: Path) -> Path:
        from exporters.signups import sheet_pdfs, sheets

        plan = activity_with_signups()
        path = out_dir / f"{kind}{suffix}"
        if suffix == ".pdf":
            write = {"roster": lambda: sheet_pdfs.export_roster_pdf(plan, path, masked=True),
                     "attendance": lambda: sheet_pdfs.export_attendance_pdf(plan, path),
                     "form": lambda: sheet_pdfs.export_form_pdf(plan, path)}[kind]
            assert write() >= 1
        elif kind == "roster":
            assert sheets.export_roster(plan, path, masked=True) == 50
        elif kind == "attendance":
            assert sheets.export_attendance(plan, path).registered == 50
        else:
            sheets.export_signup_form(plan, path)
        return path

    return make


def plan_pdf(db_path: Path, out_dir: Path) -> Path:
    """活动方案 PDF of a full plan that has 50 sign-ups."""
    from exporters.plans.pdf import export_plan_pdf
    from models.plans.service import load_plan, save_plan
    from tests.plan_factory import full_plan

    plan = save_plan(full_plan())
    activity_with_signups(plan)
    return export_plan_pdf(load_plan(plan), out_dir / "活动方案.pdf")


def summary_pdf(db_path: Path, out_dir: Path) -> Path:
    """活动总结 PDF (goes to the street office) of a full plan with 50 sign-ups, and feedback
    answers in which people wrote a mobile and an ID number."""
    from exporters.feedback.summary_pdf import export_summary_pdf
    from models.feedback.service import add_response, use_ready_set
    from models.plans.service import save_plan
    from tests.plan_factory import full_plan

    plan = save_plan(full_plan())
    activity_with_signups(plan)
    words = use_ready_set(plan, "老年人反馈")[-1]
    for i in range(5):
        add_response(plan, {words.id or 0: f"请回电1370000{i:04d}，我的身份证是"
                                           f"33010219500101{i:03d}3"})
    path = out_dir / "活动总结.pdf"
    export_summary_pdf(plan, path)
    return path


def relief_export(kind: str) -> Callable[[Path, Path], Path]:
    """The relief demo campaign over 80 residents with full IDs and mobiles: its public notice
    (公示 PDF) or the bureau's attachments (附件1/附件2 .xlsx, IDs as 6+4)."""

    def make(db_path: Path, out_dir: Path) -> Path:
        from models.relief.demo import make_demo_relief
        from models.residents.demo import make_demo_residents

        make_demo_residents(80, seed=18)
        cid = make_demo_relief().campaign_id
        if kind == "notice":
            from exporters.relief.notice import export_notice_pdf

            path = out_dir / "慰问对象公示.pdf"
            assert export_notice_pdf(cid, path) >= 1
        else:
            from exporters.relief.bureau import export_summary_xlsx

            path = out_dir / "慰问附件.xlsx"
            assert export_summary_xlsx(cid, path)[1] > 100
        return path

    return make


PUBLIC_EXPORTS: list[PublicExport] = [
    PublicExport("签到表 xlsx", signin_sheet(".xlsx")),
    PublicExport("签到表 PDF", signin_sheet(".pdf")),
    PublicExport("签到表（姓名也隐去）PDF", signin_sheet(".pdf", masked=True)),
    PublicExport("签到表（姓名也隐去）xlsx", signin_sheet(".xlsx", masked=True)),
    PublicExport("报名名册（隐去部分信息）xlsx", signup_sheet("roster"), masked_ids=True),
    PublicExport("出勤统计 xlsx", signup_sheet("attendance"), masked_phones=False),
    PublicExport("空白报名表 xlsx", signup_sheet("form"), masked_phones=False),
    PublicExport("活动方案 PDF", plan_pdf, masked_phones=False),
    PublicExport("活动总结 PDF", summary_pdf, masked_phones=False),
    PublicExport("居民名册（隐去部分信息）xlsx", residents_register(True, ".xlsx"),
                 masked_ids=True),
    PublicExport("报名名册（隐去部分信息）PDF", signup_sheet("roster", ".pdf"), masked_ids=True),
    PublicExport("出勤统计 PDF", signup_sheet("attendance", ".pdf"), masked_phones=False),
    PublicExport("空白报名表 PDF", signup_sheet("form", ".pdf"), masked_phones=False),
    PublicExport("居民名册（隐去部分信息）PDF", residents_register(True, ".pdf"),
                 masked_ids=True),
    PublicExport("居民名册（隐去部分信息）csv", residents_register(True, ".csv"),
                 masked_ids=True),
    PublicExport("慰问对象名单公示 PDF", relief_export("notice"), masked_phones=False),
    PublicExport("慰问上报附件（附件1、附件2）xlsx", relief_export("summary"), masked_ids=True,
                 masked_phones=False),
]
