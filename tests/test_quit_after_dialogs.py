"""Quitting after each dialog of the residents area: the real program in a subprocess
(tests/gui_quit_driver.py), offscreen; the dialog is opened through its action, closed with
Escape (or finished), then the window is closed. The process must end with exit code 0 and no
"shared QObject" warning: after the import dialog it used to end in a segfault (exit 139) about
one run in three, depending on the order PySide deleted what was left on quit. What was left is
checked too (every time the same): no closed dialog may still be there when the window closes."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from models.datafile.db import close_database, open_database
from models.residents.records import ResidentRecord
from models.residents.service import save_resident

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).with_name("gui_quit_driver.py")

SCENARIOS = {
    "import": "ImportDialog", "import_read": "ImportDialog", "import_done": "ImportDialog",
    "export": "ResidentsExportDialog", "figures": "FiguresDialog",
    "figures_export": "ResidentsExportDialog", "bin": "RecycleBinDialog",
    "add": "ResidentDialog", "edit": "ResidentDialog",
}


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM resident"))
    finally:
        con.close()


def test_quit_after_each_dialog_exits_cleanly(tmp_path: Path) -> None:
    """All scenarios at once, each in its own process on its own data file (a run is ~10 s,
    nearly all of it waiting)."""
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,性别,联系电话\n张三,男,13812345678\n李四,女,\n", encoding="utf-8")
    runs: dict[str, tuple[Path, subprocess.Popen[str]]] = {}
    for scenario in SCENARIOS:
        home = tmp_path / scenario
        home.mkdir()
        db = home / "activities.db"
        open_database(db)
        try:
            save_resident(ResidentRecord(name="赵一", gender="女"))
        finally:
            close_database()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
                   HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
        runs[scenario] = db, subprocess.Popen(
            [sys.executable, str(DRIVER), str(db), scenario, str(roster)], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failures = []
    for scenario, (db, proc) in runs.items():
        stdout, stderr = proc.communicate(timeout=120)
        out = f"[{scenario}] exit {proc.returncode}\n{stdout}{stderr}"
        want = ["张三", "李四", "赵一"] if scenario == "import_done" else ["赵一"]
        if (f"driver: shown {SCENARIOS[scenario]}" not in stdout
                or "driver: main returned 0" not in stdout
                or "driver: dialogs left []" not in stdout or "shared QObject" in stderr
                or "Traceback" in stdout + stderr or proc.returncode != 0
                or _names(db) != want):
            failures.append(out)
    assert not failures, "\n".join(failures)
