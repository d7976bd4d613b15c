"""Run main.main (or a short dialog session) with every network attempt recorded.

    python tests/no_network_run.py REPORT.json main ARGS...     # a command, or the GUI
    python tests/no_network_run.py REPORT.json dialogs DB PNG   # backups dialog + error dialog

Python's audit hooks see every socket made through Python (socket.__new__, connect, DNS look-ups,
urllib, http.client...), whoever makes it. Sockets Qt makes in C++ are not audited: those still
open at exit are found through /proc (Linux), and test_no_network.py also runs the GUI under
strace where it exists, which sees every socket() system call.

An AF_UNIX socket is a local pipe between processes on this computer (Qt may talk to D-Bus
through one on Linux), not a network connection: it is recorded but allowed. Everything else
(AF_INET, AF_INET6, any DNS look-up) is a network attempt.
"""
from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = {
    "socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.gethostname", "socket.getnameinfo", "urllib.Request", "http.client.connect",
    "ftplib.connect", "smtplib.connect", "poplib.connect", "imaplib.open", "telnetlib.Telnet.open",
    "webbrowser.open",
}
LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", -1)}

seen: list[dict[str, object]] = []


def _audit(event: str, args: tuple) -> None:
    if event not in EVENTS:
        return
    entry: dict[str, object] = {"event": event, "args": repr(args)[:200]}
    if event == "socket.__new__":
        family = args[1]
        entry["local"] = family in LOCAL_FAMILIES
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        entry["local"] = getattr(args[0], "family", None) in LOCAL_FAMILIES
    else:
        entry["local"] = False
    seen.append(entry)


def _open_inet_sockets() -> list[str]:
    """Sockets this process still holds that are TCP/UDP (Linux only; [] elsewhere)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return []
    inodes = set()
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            lines = Path(f"/proc/self/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) > 9 and parts[9] in inodes:
                found.append(f"{table}: {line.strip()}")
    return found


def _dialogs(db: str, png: str) -> int:
    """A short GUI session of this branch's own windows: the backups list and the error hook."""
    from PySide6.QtWidgets import QApplication

    from models.datafile.backup import backup_now
    from models.datafile.db import open_database
    from ui.datafile.backups_dialog import BackupsDialog
    from ui.error_hook import install_error_hook

    app = QApplication([])
    install_error_hook(app, Path(png).parent / "logs")
    open_database(db)
    backup_now(db)
    dialog = BackupsDialog(Path(db))
    dialog.show()
    app.processEvents()
    dialog.grab().save(png)
    try:
        raise RuntimeError("演示错误")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    app.processEvents()
    dialog.close()
    return 0


def main() -> int:
    report, mode, *rest = sys.argv[1:]
    sys.path.insert(0, str(ROOT))
    sys.addaudithook(_audit)
    rc: object = 0
    try:
        if mode == "main":
            import main as app_main

            rc = app_main.main(rest)
        else:
            rc = _dialogs(*rest)
    except SystemExit as exc:  # argparse exits on a usage error
        rc = exc.code
    finally:
        Path(report).write_text(json.dumps(
            {"events": seen, "open_inet": _open_inet_sockets(), "rc": rc}, ensure_ascii=False),
            encoding="utf-8")
    return int(rc or 0) if isinstance(rc, int | type(None)) else 1


if __name__ == "__main__":
    sys.exit(main())
