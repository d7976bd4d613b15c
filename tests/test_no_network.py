"""Personal data stays put: no command and no GUI session opens a network socket.

Commands are discovered from main's argparse subparsers, so a command added later is run here
too (with the arguments it requires filled in) without anyone editing this file. Each run goes
through tests/no_network_run.py, which records every socket attempt (see its docstring for what
counts: AF_UNIX is local and allowed, AF_INET/AF_INET6 and DNS are not).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import main
from models.datafile.db import close_database, open_database
from models.plans.records import AgendaRow, PlanRecord
from models.plans.service import save_plan

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("no_network_run.py")

# Arguments for the commands known today; anything else gets its required options filled in.
KNOWN_ARGS: dict[str, list[str]] = {
    "plans": ["--db", "{db}"],
    "backup": ["--db", "{db}", "--out", "{out}/备份.db"],
    "restore": ["--db", "{restore_db}", "--from", "{backup}"],
    "check": ["--db", "{db}"],
    "export plan": ["--db", "{db}", "--id", "1", "--out", "{out}/方案.pdf"],
    "residents import": ["{residents_csv}", "--db", "{import_db}",
                         "--report", "{out}/导入报告.xlsx"],
    "residents export": ["--db", "{db}", "--out", "{out}/名册.xlsx", "--masked"],
    "residents search": ["王", "--db", "{db}"],
    "residents figures": ["--db", "{db}"],
    "demo": ["--db", "{demo_db}", "--residents", "300", "--signups", "50"],
    "signups": ["--db", "{db}", "--activity", "1", "--json"],
    "export roster": ["--db", "{db}", "--activity", "1", "--out", "{out}/名单.xlsx"],
    "export signin": ["--db", "{db}", "--activity", "1", "--out", "{out}/签到表.pdf", "--masked"],
    "export signup-form": ["--db", "{db}", "--activity", "1", "--out", "{out}/报名表.xlsx"],
    "export attendance": ["--db", "{db}", "--activity", "1", "--out", "{out}/出勤.xlsx"],
    "cleanup": ["--db", "{cleanup_db}", "--years", "3", "--yes"],
}


def _sub_action(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every runnable command, nested ones as "residents import", from the live parser."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(prefix: str, parser: argparse.ArgumentParser) -> None:
        action = _sub_action(parser)
        if action is None:
            found[prefix] = parser
            return
        for name, sub in action.choices.items():
            walk(f"{prefix} {name}".strip(), sub)

    walk("", main.build_parser())
    return found


def args_for(name: str, sub: argparse.ArgumentParser) -> list[str]:
    if name in KNOWN_ARGS:
        return list(KNOWN_ARGS[name])
    args = ["--db", "{db}"]
    for action in sub._actions:
        if action.dest in ("help", "db") or isinstance(action, argparse._HelpAction):
            continue
        value = f"{{out}}/{action.dest}.out"
        if action.choices:
            value = str(next(iter(action.choices)))
        elif action.type is int:
            value = "1"
        if not action.option_strings:  # positional
            args.append(value)
        elif action.required:
            args += [action.option_strings[-1], value]
    return args


def _sign_ups() -> None:
    """Sign-ups for activity 1 (residents and a walk-in with a child) and for an activity six
    years ago (what cleanup clears), so the sign-up commands run on real rows."""
    from datetime import date, datetime

    from models.residents.tables import Resident
    from models.signups.records import CompanionRecord, NewSignup
    from models.signups.service import sign_up

    today = date.today()
    old = save_plan(PlanRecord(title="往年重阳节活动", start=datetime(today.year - 6, 10, 1, 9)))
    when = datetime(today.year - 6, 9, 1, 9)
    for plan in (1, old):
        for rid in [r.id for r in Resident.select(Resident.id).order_by(Resident.id).limit(8)]:
            assert sign_up(plan, NewSignup(resident_id=rid), now=when).saved
        assert sign_up(plan, NewSignup(name="王小明", phone="13912345678", walk_in=True,
                                       companions=[CompanionRecord("王乐乐", "子女", 6)]),
                       now=when).saved


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("nonet")
    db = base / "activities.db"
    open_database(db)
    save_plan(PlanRecord(title="重阳节敬老活动", agenda=[AgendaRow(what="签到")]))
    close_database()
    from models.residents.imports.importer import import_residents
    from tests.resident_factory import write_residents_csv

    residents_csv = write_residents_csv(base / "居民.csv", 200)
    open_database(db)
    import_residents(residents_csv)
    _sign_ups()
    close_database()
    cleanup_db = base / "cleanup.db"
    shutil.copy(db, cleanup_db)
    backup = base / "given.db"
    shutil.copy(db, backup)
    restore_db = base / "restore.db"
    shutil.copy(db, restore_db)
    out = base / "out"
    out.mkdir()
    return {"db": str(db), "backup": str(backup), "restore_db": str(restore_db), "out": str(out),
            "base": str(base), "residents_csv": str(residents_csv),
            "import_db": str(base / "import.db"), "demo_db": str(base / "demo.db"),
            "cleanup_db": str(cleanup_db)}


def run_guarded(files: dict[str, str], mode: str, args: list[str],
                prefix: list[str] | None = None) -> tuple[dict, subprocess.CompletedProcess]:
    report = Path(files["base"]) / f"report-{os.getpid()}-{len(os.listdir(files['base']))}.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               CAA_DATA_DIR=str(Path(files["base"]) / "data"))
    proc = subprocess.run([*(prefix or []), sys.executable, str(RUNNER), str(report), mode, *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert report.exists(), proc.stderr
    return json.loads(report.read_text(encoding="utf-8")), proc


def network(report: dict) -> list:
    return [e for e in report["events"] if not e["local"]] + report["open_inet"]


def test_every_command_is_covered() -> None:
    # A command is only "covered" if it is really run below: the list comes from the parser.
    assert set(KNOWN_ARGS) <= set(subcommands())


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_opens_no_socket(name: str, files: dict[str, str]) -> None:
    sub = subcommands()[name]
    args = [a.format(**files) for a in [*name.split(), *args_for(name, sub)]]
    report, proc = run_guarded(files, "main", args)
    assert network(report) == [], f"{name} tried the network: {network(report)}"
    # It really ran: a clean exit or a plain refusal, never a crash.
    assert report["rc"] in (0, 2), proc.stderr
    assert "Traceback" not in proc.stderr
    if name in KNOWN_ARGS:
        assert report["rc"] == 0, proc.stderr


def test_guard_sees_a_socket() -> None:
    """The recorder is not blind: an AF_INET socket and a DNS look-up are caught, a local
    AF_UNIX socket is recorded as local, and a still-open TCP socket is found through /proc."""
    code = (
        "import json, socket, sys\n"
        "import tests.no_network_run as n\n"
        "sys.addaudithook(n._audit)\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
        "if hasattr(socket, 'AF_UNIX'): socket.socket(socket.AF_UNIX).close()\n"
        "try: socket.getaddrinfo('localhost', 80)\n"
        "except OSError: pass\n"
        "print(json.dumps({'events': n.seen, 'open_inet': n._open_inet_sockets()}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    report = json.loads(out.stdout)
    kinds = [(e["event"], e["local"]) for e in report["events"]]
    assert ("socket.__new__", False) in kinds
    assert ("socket.getaddrinfo", False) in kinds
    if hasattr(__import__("socket"), "AF_UNIX"):
        assert ("socket.__new__", True) in kinds
    if sys.platform == "linux":
        assert report["open_inet"], "the listening TCP socket is seen through /proc"
    assert network(report)


def test_gui_dialogs_open_no_socket(files: dict[str, str]) -> None:
    png = Path(files["out"]) / "dialogs.png"
    report, proc = run_guarded(files, "dialogs", [files["db"], str(png)])
    assert report["rc"] == 0, proc.stderr
    assert png.exists()
    assert network(report) == []


@pytest.mark.skipif(importlib.util.find_spec("ui.app") is None,
                    reason="the main window (ui/app.py) is on another branch until merged")
def test_gui_session_opens_no_socket(files: dict[str, str]) -> None:
    png = Path(files["out"]) / "main.png"
    report, proc = run_guarded(files, "main", ["--db", files["db"], "--screenshot", str(png)])
    assert report["rc"] == 0, proc.stderr
    assert png.exists()
    assert network(report) == []


@pytest.mark.skipif(shutil.which("strace") is None or sys.platform != "linux",
                    reason="strace (Linux) sees sockets made in C++ by Qt too")
def test_gui_session_under_strace(files: dict[str, str]) -> None:
    """Every socket() system call of the whole process, Qt's included."""
    trace = Path(files["base"]) / "strace.txt"
    argv = (["main", "--db", files["db"], "--screenshot", str(Path(files["out"]) / "m.png")]
            if importlib.util.find_spec("ui.app") else
            ["dialogs", files["db"], str(Path(files["out"]) / "d.png")])
    report, proc = run_guarded(files, argv[0], argv[1:],
                               prefix=["strace", "-f", "-qq", "-e", "trace=socket,connect",
                                       "-o", str(trace)])
    if not trace.exists():
        pytest.skip(f"strace could not trace here: {proc.stderr[-300:]}")
    assert report["rc"] == 0, proc.stderr
    calls = trace.read_text(encoding="utf-8", errors="replace")
    inet = [ln for ln in calls.splitlines() if re.search(r"AF_INET6?\b|AF_NETLINK|AF_PACKET", ln)]
    assert inet == []
