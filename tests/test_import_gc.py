"""The importer pauses the garbage collector while it runs (for speed) and always gives it back."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest

from models.residents.imports.importer import ImportCancelled, import_residents
from tests.resident_factory import write_residents_csv


def test_collector_is_back_after_an_import_a_cancel_and_an_error(db_path: Path,
                                                                 tmp_path: Path) -> None:
    src = write_residents_csv(tmp_path / "r.csv", 50)
    seen: list[bool] = []

    def progress(done: int, total: int) -> bool:
        seen.append(gc.isenabled())
        return True

    assert gc.isenabled()
    assert import_residents(src, progress=progress).imported == 50
    assert seen and not any(seen)  # paused while it ran
    assert gc.isenabled()
    with pytest.raises(ImportCancelled):
        import_residents(src, progress=lambda d, t: False)
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        import_residents(src, progress=lambda d, t: 1 / 0)
    assert gc.isenabled()


def test_collector_left_off_when_the_app_had_it_off(db_path: Path, tmp_path: Path) -> None:
    src = write_residents_csv(tmp_path / "r.csv", 5)
    gc.disable()
    try:
        import_residents(src)
        assert not gc.isenabled()
    finally:
        gc.enable()
