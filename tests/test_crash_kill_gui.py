"""Crash safety in the GUI: the plan editor, run offscreen in a subprocess (tests/
gui_save_driver.py), saves a large plan again and again through PlanEditor.save (what Ctrl+S and
the 保存 button call) and is SIGKILLed at random moments; after every kill the file passes
PRAGMA integrity_check and the plan is whole: the title, every agenda slot and every budget line
carry the same version, and the parts the editor did not touch are all there."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from models.datafile.db import close_database, open_database
from models.plans.records import (
    AgendaRow,
    BudgetRow,
    ContentRow,
    PhaseRow,
    PhaseTaskRow,
    PlanRecord,
)
from models.plans.service import list_plans, load_plan, save_plan

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).with_name("gui_save_driver.py")
KILLS = 20
ROWS = 120  # agenda slots and budget lines: a save is hundreds of rows, so kills land inside


def _plan() -> PlanRecord:
    return PlanRecord(
        title="g0", start=None,
        agenda=[AgendaRow(what=f"g0-{i}") for i in range(ROWS)],
        budget=[BudgetRow(item=f"g0-{i}", quantity=1, unit_price_fen=100) for i in range(ROWS)],
        content=[ContentRow(title=f"内容{i}", children=[ContentRow(title=f"内容{i}-子项")])
                 for i in range(30)],
        phases=[PhaseRow(name=f"阶段{i}", start=date(2026, 10, 1),
                         tasks=[PhaseTaskRow(task=f"阶段{i}任务{k}") for k in range(4)])
                for i in range(8)],
    )


def _check_whole(db: Path, plan_id: int) -> int:
    """Assert the file is sound and the plan one complete version; return that version."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    open_database(db)
    try:
        assert [p.id for p in list_plans()] == [plan_id]
        rec, want = load_plan(plan_id), _plan()
        g = rec.title
        assert g.startswith("g"), g
        assert [r.what for r in rec.agenda] == [f"{g}-{i}" for i in range(ROWS)]
        assert [r.item for r in rec.budget] == [f"{g}-{i}" for i in range(ROWS)]
        assert [(c.title, [k.title for k in c.children]) for c in rec.content] == \
            [(c.title, [k.title for k in c.children]) for c in want.content]
        assert [(p.name, [t.task for t in p.tasks]) for p in rec.phases] == \
            [(p.name, [t.task for t in p.tasks]) for p in want.phases]
        return int(g[1:])
    finally:
        close_database()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; TerminateProcess differs")
def test_gui_plan_saves_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "activities.db"
    open_database(db)
    plan_id = save_plan(_plan())
    close_database()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CAA_DATA_DIR=str(tmp_path / "data"))
    rng = random.Random(20261128)
    mid_save = saves = 0
    version = 0
    kills = 0
    # At least KILLS kills; on a loaded machine more, until the evidence below is there.
    while kills < KILLS or ((saves < KILLS or mid_save < KILLS // 4) and kills < 3 * KILLS):
        kills += 1
        stretch = 1 + kills // KILLS  # slower saves under load: wait longer on later tries
        proc = subprocess.Popen([sys.executable, str(DRIVER), str(db), str(plan_id),
                                 str(version + 1000)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline().strip()
        assert first == "ready", proc.stderr.read()
        time.sleep(rng.uniform(0.05, 0.8 * stretch))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        lines = proc.stdout.read().split("\n")
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, err
        marks = [ln for ln in lines if ln.startswith(("begin", "end"))]
        saves += sum(ln.startswith("end") for ln in marks)
        if marks and marks[-1].startswith("begin"):
            mid_save += 1  # killed between save() starting and returning
        seen = _check_whole(db, plan_id)
        ended = [int(ln.split()[1]) for ln in marks if ln.startswith("end")]
        if ended:  # a save that returned is on disk (or a later one that began after it)
            assert seen >= ended[-1]
        version = max(version, seen) + 1000
    print(f"{mid_save} of {kills} kills inside a save; {saves} saves completed")
    assert saves >= KILLS, "the editor really saved, again and again"
    assert mid_save >= KILLS // 4, f"only {mid_save} of {kills} kills landed inside a save"
