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


PUBLIC_EXPORTS: list[PublicExport] = [
    PublicExport("居民名册（隐去部分信息）xlsx", residents_register(True, ".xlsx")),
    PublicExport("居民名册（隐去部分信息）csv", residents_register(True, ".csv")),
    # Still to come with their issues: sign-up lists, sign-in sheets and rosters for the public.
]
