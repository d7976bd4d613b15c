"""Quitting after each dialog of the residents area: the real program in a subprocess
(tests/gui_quit_driver.py), offscreen; the dialog is opened through its action, closed with
Escape (or finished), then the window is closed. The process must end with exit code 0 and no
"shared QObject" warning: after the import dialog it used to end in a segfault (exit 139) about
one run in three, depending on the order PySide deleted what was left on quit. What was left is
checked too (every time the same): no closed dialog may still be there when the window closes.
The dialogs of the plans and sign-ups areas and of the main window's menus are run the same way,
each several times (the crash came about one run in three)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from models.datafile.db import close_database, open_database
from models.residents.records import ResidentRecord
from models.residents.service import save_resident
from models.signups.records import NewSignup
from models.signups.service import sign_up
from tests.signup_factory import make_activity, make_resident

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).with_name("gui_quit_driver.py")

SCENARIOS = {
    "import": "ImportDialog", "import_read": "ImportDialog", "import_done": "ImportDialog",
    "export": "ResidentsExportDialog", "figures": "FiguresDialog",
    "figures_export": "ResidentsExportDialog", "bin": "RecycleBinDialog",
    "add": "ResidentDialog", "edit": "ResidentDialog",
}
# The plans and sign-ups areas and the main window's menus (tests/gui_quit_driver.OTHER_AREAS).
OTHER_SCENARIOS = {
    "template": "TemplateDialog", "copy": "CopyDialog", "delete": "QMessageBox",
    "walkin": "WalkInDialog", "override": "OverrideDialog", "details": "SignupDetailsDialog",
    "figures_signups": "QMessageBox", "checkin": "CheckInMode", "checkin_walkin": "WalkInDialog",
    "backups": "BackupsDialog", "cleanup": "CleanupDialog", "about": "AboutDialog",
}
OTHER_RUNS = 3
AT_ONCE = 8  # processes running together: each mostly waits


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM resident"))
    finally:
        con.close()


def _start(tmp_path: Path, name: str, scenario: str, roster: Path,
           ) -> tuple[str, Path, subprocess.Popen[str]]:
    home = tmp_path / name
    home.mkdir()
    db = home / "activities.db"
    open_database(db)
    try:
        save_resident(ResidentRecord(name="赵一", gender="女"))
        if scenario in OTHER_SCENARIOS:
            # An activity for people of 60 and over, one signed up, one too young to be.
            plan = make_activity("重阳节登山活动", start=datetime(2027, 10, 29, 9, 0), min_age=60)
            make_resident("钱二", date(2000, 5, 1), phone="13900000001")
            sign_up(plan, NewSignup(name="孙三", phone="13900000002"))
    finally:
        close_database()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
    return scenario, db, subprocess.Popen(
        [sys.executable, str(DRIVER), str(db), scenario, str(roster)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _failure(scenario: str, db: Path, proc: subprocess.Popen[str], kind: str,
             want: list[str]) -> str | None:
    stdout, stderr = proc.communicate(timeout=120)
    if (f"driver: shown {kind}" not in stdout
            or "driver: main returned 0" not in stdout
            or "driver: dialogs left []" not in stdout or "shared QObject" in stderr
            or "Traceback" in stdout + stderr or proc.returncode != 0
            or _names(db) != want):
        return f"[{scenario}] exit {proc.returncode}\n{stdout}{stderr}"
    return None


def test_quit_after_each_dialog_of_plans_signups_and_menus(tmp_path: Path) -> None:
    """Each scenario OTHER_RUNS times, AT_ONCE processes at a time."""
    roster = tmp_path / "unused.csv"
    waiting = [(f"{s}{n}", s) for n in range(OTHER_RUNS) for s in OTHER_SCENARIOS]
    running: list[tuple[str, Path, subprocess.Popen[str]]] = []
    failures = []
    while waiting or running:
        while waiting and len(running) < AT_ONCE:
            running.append(_start(tmp_path, *waiting.pop(0), roster))
        scenario, db, proc = running.pop(0)
        failure = _failure(scenario, db, proc, OTHER_SCENARIOS[scenario], ["赵一", "钱二"])
        if failure:
            failures.append(failure)
    assert not failures, "\n".join(failures)


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
