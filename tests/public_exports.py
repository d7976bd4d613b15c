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


def _residents(db_path: Path) -> None:
    """Residents with full ID and mobile numbers (made-up, valid in shape)."""
    from models.demo_residents import make_demo_residents

    make_demo_residents(50, seed=11)


def _residents_masked(suffix: str) -> Callable[[Path, Path], Path]:
    def make(db_path: Path, out_dir: Path) -> Path:
        from exporters.residents_xlsx import export_residents

        _residents(db_path)
        path = out_dir / f"居民名册（公示）{suffix}"
        assert export_residents(path, masked=True) == 50
        return path

    return make


def _signin(suffix: str) -> Callable[[Path, Path], Path]:
    """The sign-in sheet passed round at the door: 50 residents with full IDs and mobiles, each
    with a companion whose mobile is on record too."""

    def make(db_path: Path, out_dir: Path) -> Path:
        from datetime import datetime

        from models.signup_records import CompanionRecord, NewSignup
        from models.signups import bulk_sign_up
        from tests.signup_factory import make_activity

        _residents(db_path)
        plan = make_activity(capacity=None, companion_age=70)
        when = datetime(2026, 10, 10, 9, 0)
        assert bulk_sign_up(plan, [
            (NewSignup(resident_id=i, companions=[CompanionRecord("家属", "子女", None,
                                                                  f"1390000{i:04d}")]), when)
            for i in range(1, 51)]) == 50
        path = out_dir / f"签到表{suffix}"
        if suffix == ".pdf":
            from exporters.signin_pdf import export_signin_pdf

            export_signin_pdf(plan, path)
        else:
            from exporters.signup_sheets import export_signin_xlsx

            assert export_signin_xlsx(plan, path) == 50
        return path

    return make


PUBLIC_EXPORTS: list[PublicExport] = [
    PublicExport("签到表 xlsx", _signin(".xlsx")),
    PublicExport("签到表 PDF", _signin(".pdf")),
    PublicExport("居民名册（隐去部分信息）xlsx", _residents_masked(".xlsx")),
    PublicExport("居民名册（隐去部分信息）csv", _residents_masked(".csv")),
]
