"""Shared fixtures: Qt offscreen, a fresh WAL data file per test, and a messy residents roster
with its truth (made by tests/roster_factory.py; where the office's sample roster is also kept
beside the project, in ../shared/data, the tests that take `roster` run on it as well)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.roster_factory import Roster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep every test away from the real user's data folder.
os.environ.setdefault("CAA_DATA_DIR", str(Path(__file__).parent / ".." / ".pytest_cache" / "data"))

ROOT = Path(__file__).resolve().parent.parent
# Optional: a clone without it runs every test on the made roster alone.
SHARED_SAMPLE = ROOT.parent / "shared" / "data" / "residents_sample.xlsx"
ROSTERS = ["made"] + (["shared"] if SHARED_SAMPLE.exists() and SHARED_SAMPLE.with_name(
    "residents_sample.truth.json").exists() else [])


@pytest.fixture()
def db_path(tmp_path: Path) -> Iterator[Path]:
    from models.datafile.db import close_database, open_database

    path = tmp_path / "test.db"
    open_database(path)
    yield path
    close_database()


@pytest.fixture(scope="session")
def made_roster(tmp_path_factory: pytest.TempPathFactory) -> Roster:
    from tests.roster_factory import load_roster, make_roster

    path = tmp_path_factory.mktemp("roster") / "residents_made.xlsx"
    make_roster(path)
    return load_roster("made", path)


@pytest.fixture(scope="session", params=ROSTERS)
def roster(request: pytest.FixtureRequest) -> Roster:
    """The made roster, then the shared sample where it is present."""
    if request.param == "made":
        return request.getfixturevalue("made_roster")
    from tests.roster_factory import load_roster

    return load_roster("shared", SHARED_SAMPLE)
