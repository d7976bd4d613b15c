"""Where the data file and logs live: the user's data folder, or beside the program when a file
named portable.txt sits next to it (a copy carried on a USB stick): next to the executable in a
one-folder build, next to main.py in a checkout."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "CommunityActivityAssistant"
DATA_FILE_NAME = "activities.db"
PORTABLE_MARKER = "portable.txt"


def program_dir() -> Path:
    """The folder a clerk sees the program in. A one-folder build (sys.frozen, set by
    PyInstaller) keeps this module in an internal folder nobody looks into: there it is the
    executable's folder. Otherwise the folder above models/ (main.py's, in a checkout)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    override = os.environ.get("CAA_DATA_DIR")
    if override:
        return Path(override)
    folder = program_dir()
    if (folder / PORTABLE_MARKER).exists():
        return folder / "data"
    # Imported here: with --db or CAA_DATA_DIR given (or portable.txt) start-up never needs it.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_data_file() -> Path:
    return data_dir() / DATA_FILE_NAME


def log_dir() -> Path:
    return data_dir() / "logs"
