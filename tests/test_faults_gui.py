"""A full disk met by the window's import: the clerk clicks through the import dialog, the import
fails for want of space, and the window says so in Chinese (not "意外问题", not a traceback);
the data file is as it was and no before-import backup is left (issue 10, defect 11)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.resident_factory import write_residents_csv

pytestmark = [pytest.mark.skipif(sys.platform != "linux", reason="a tmpfs mount is Linux's"),
              pytest.mark.qt_no_exception_capture]  # the app's error hook does the capturing


@pytest.fixture()
def full_disk_db(tmp_path: Path) -> Iterator[Path]:
    from models.datafile.db import close_database, open_database

    folder = tmp_path / "disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN)")
    db = folder / "activities.db"
    try:
        seed = write_residents_csv(tmp_path / "seed.csv", 200, seed=3)
        open_database(db)
        from models.residents.imports.importer import import_residents

        import_residents(seed)  # a file with data: the import makes a backup first
        close_database()
        st = os.statvfs(folder)
        free = st.f_bavail * st.f_frsize
        with open(folder / "filler.bin", "wb") as fh:
            fh.write(b"\0" * max(0, free - db.stat().st_size - 160 * 1024))
        open_database(db)
        yield db
    finally:
        close_database()
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_import_on_a_full_disk_is_told_in_the_window(qtbot, qapp, tmp_path: Path,
                                                     full_disk_db: Path) -> None:
    from ui.error_hook import install_error_hook
    from ui.operations import DataHub
    from ui.residents.import_dialog import PAGE_MAPPING, PAGE_PREVIEW, ImportDialog

    source = write_residents_csv(tmp_path / "居民.csv", 3000, seed=11)
    before = hashlib.sha256(full_disk_db.read_bytes()).hexdigest()
    hook = install_error_hook(qapp, tmp_path / "logs")
    try:
        dialog = ImportDialog(DataHub())
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.path_edit.setText(str(source))
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=20000)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=20000)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # 开始导入
        qtbot.waitUntil(lambda: hook.box is not None, timeout=60000)
        text = hook.box.text()
        assert "磁盘空间不足" in text, text
        assert "意外问题" not in text and "Traceback" not in text
        assert dialog.pages.currentIndex() == PAGE_PREVIEW  # nothing imported, still there
    finally:
        if hook.box is not None:
            hook.box.close()
        hook.uninstall()
    backups = full_disk_db.parent / "backups"
    left = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    assert not [n for n in left if "before-import" in n or n.endswith(".part")], left
    from models.datafile.db import close_database

    close_database()
    assert hashlib.sha256(full_disk_db.read_bytes()).hexdigest() == before
    shutil.rmtree(tmp_path / "logs", ignore_errors=True)
