"""Shared fixtures: Qt offscreen, and a fresh WAL data file per test."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep every test away from the real user's data folder.
os.environ.setdefault("CAA_DATA_DIR", str(Path(__file__).parent / ".." / ".pytest_cache" / "data"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture()
def db_path(tmp_path: Path) -> Iterator[Path]:
    from models.datafile.db import close_database, open_database

    path = tmp_path / "test.db"
    open_database(path)
    yield path
    close_database()
