"""The program's own files (plan templates, fonts and their licences, stroke data), found through
this package wherever it is: a checkout, an installed wheel (site-packages) or a one-folder build
(PyInstaller's internal folder). Nothing else may find them by a path relative to a checkout.

Also the program's version: one number, [metadata] version in setup.cfg, read at run time.
"""
from __future__ import annotations

import configparser
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DISTRIBUTION = "community-activity-assistant"
# Written into a one-folder build by packaging/build_app.py (a build has no setup.cfg and no
# installed metadata); never kept in the source tree.
VERSION_FILE = "version.txt"


def resource_path(*parts: str) -> Path:
    """The path of one of the program's files, e.g. resource_path("fonts", "wqy-microhei.ttc")."""
    return PACKAGE_DIR.joinpath(*parts)


def app_version() -> str:
    """The version in setup.cfg. From a checkout setup.cfg itself (installed metadata may be older
    than the file, as an editable install's is after an edit); installed, the package metadata; in
    a one-folder build, the version file the build wrote; "未知" if none says."""
    checkout_cfg = PACKAGE_DIR.parent / "setup.cfg"
    if checkout_cfg.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(checkout_cfg, encoding="utf-8")
            version = parser.get("metadata", "version", fallback="").strip()
        except (OSError, configparser.Error, UnicodeDecodeError):
            version = ""
        if version:
            return version
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    try:
        return resource_path(VERSION_FILE).read_text(encoding="utf-8").strip() or "未知"
    except OSError:
        return "未知"
