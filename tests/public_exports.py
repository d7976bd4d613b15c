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


PUBLIC_EXPORTS: list[PublicExport] = [
    PublicExport("居民名册（隐去部分信息）xlsx", _residents_masked(".xlsx")),
    PublicExport("居民名册（隐去部分信息）csv", _residents_masked(".csv")),
]
