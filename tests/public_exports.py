"""The registry of public exports: every file the app makes for the public (a notice board, a
roster handed out, a list sent upward) gets an entry here, and test_public_exports_masked.py scans
it for unmasked ID and mobile numbers.

Add an entry with the exporter: make(db_path, out_dir) fills the data file with residents and
sign-ups that carry full ID and mobile numbers, writes the export into out_dir and returns its
path. Internal files (the clerk's own full roster) are not public and do not belong here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PublicExport:
    name: str  # e.g. "签到表（公示版）PDF"
    make: Callable[[Path, Path], Path]


def residents_register(masked: bool, suffix: str) -> Callable[[Path, Path], Path]:
    """居民名册 exported with --masked (the copy for outside use)."""

    def make(db_path: Path, out_dir: Path) -> Path:
        from exporters.residents_xlsx import export_residents  # noqa: PLC0415
        from models.imports.importer import import_residents  # noqa: PLC0415
        from tests.resident_factory import write_residents_csv  # noqa: PLC0415

        source = write_residents_csv(out_dir.parent / "source.csv", 60)
        assert import_residents(source).imported
        target = out_dir / f"居民名册{suffix}"
        assert export_residents(target, masked=masked) > 0
        return target

    return make


def signin_sheet(suffix: str) -> Callable[[Path, Path], Path]:
    """The sign-in sheet passed round at the door: 50 residents with full IDs and mobiles, each
    with a companion whose mobile is on record too."""

    def make(db_path: Path, out_dir: Path) -> Path:
        from datetime import datetime  # noqa: PLC0415

        from models.demo_residents import make_demo_residents  # noqa: PLC0415
        from models.signup_records import CompanionRecord, NewSignup  # noqa: PLC0415
        from models.signups import bulk_sign_up  # noqa: PLC0415
        from tests.signup_factory import make_activity  # noqa: PLC0415

        make_demo_residents(50, seed=11)
        plan = make_activity(capacity=None, companion_age=70)
        when = datetime(2026, 10, 10, 9, 0)
        assert bulk_sign_up(plan, [
            (NewSignup(resident_id=i, companions=[CompanionRecord("家属", "子女", None,
                                                                  f"1390000{i:04d}")]), when)
            for i in range(1, 51)]) == 50
        path = out_dir / f"签到表{suffix}"
        if suffix == ".pdf":
            from exporters.signin_pdf import export_signin_pdf  # noqa: PLC0415

            export_signin_pdf(plan, path)
        else:
            from exporters.signup_sheets import export_signin_xlsx  # noqa: PLC0415

            assert export_signin_xlsx(plan, path) == 50
        return path

    return make


PUBLIC_EXPORTS: list[PublicExport] = [
    PublicExport("签到表 xlsx", signin_sheet(".xlsx")),
    PublicExport("签到表 PDF", signin_sheet(".pdf")),
    PublicExport("居民名册（隐去部分信息）xlsx", residents_register(True, ".xlsx")),
    PublicExport("居民名册（隐去部分信息）csv", residents_register(True, ".csv")),
]
