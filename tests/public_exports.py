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


PUBLIC_EXPORTS: list[PublicExport] = [
    # None yet: residents, sign-ups and their rosters land with their issues.
]
