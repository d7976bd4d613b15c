"""Where the data file and logs live: the user's data folder, or beside the program when a file
named portable.txt sits next to main.py (a copy carried on a USB stick)."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "CommunityActivityAssistant"
DATA_FILE_NAME = "activities.db"
_PROGRAM_DIR = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    override = os.environ.get("CAA_DATA_DIR")
    if override:
        return Path(override)
    if (_PROGRAM_DIR / "portable.txt").exists():
        return _PROGRAM_DIR / "data"
    # Imported here: with --db or CAA_DATA_DIR given (or portable.txt) start-up never needs it.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_data_file() -> Path:
    return data_dir() / DATA_FILE_NAME


def log_dir() -> Path:
    return data_dir() / "logs"
