"""Make the one-folder build: dist/community-activity-assistant/ holding the two programs
(community-activity-assistant, the console one, and community-activity-assistant-gui), their
internal folder with Python, Qt (with its Simplified Chinese translations only), the program's
resources and licences, and a version file. No test code.

    python packaging/build_app.py [--dist DIR] [--work DIR]

Needs PyInstaller (python -m pip install -e ".[build]"). Builds for the machine it runs on: the
Windows build is made on Windows (.github/workflows/windows.yml).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "community-activity-assistant"
# Qt's translation files kept in the build (the rest of its ~40 languages are removed).
QT_LANGUAGE = "zh_CN"


def app_version() -> str:
    sys.path.insert(0, str(ROOT))
    from resources import app_version as read_version

    return read_version()


def build(dist: Path, work: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        version_file = Path(tmp) / "version.txt"
        version_file.write_text(app_version() + "\n", encoding="utf-8")
        env = dict(os.environ, CAA_ROOT=str(ROOT), CAA_VERSION_FILE=str(version_file))
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                        "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
                        str(ROOT / "packaging" / "app.spec")], check=True, env=env)
    folder = dist / NAME
    _keep_one_language(folder)
    for licence in ("fonts/wqy-microhei.LICENSE.txt", "strokes/LICENSE-cnchar.txt",
                    "strokes/LICENSE-pypinyin.txt"):
        if not (folder / "_internal" / "resources" / licence).is_file():
            raise SystemExit(f"licence missing from the build: {licence}")
    return folder


def _keep_one_language(folder: Path) -> None:
    found = list(folder.rglob(f"qtbase_{QT_LANGUAGE}.qm"))
    if not found:
        raise SystemExit(f"Qt's qtbase_{QT_LANGUAGE}.qm is missing from the build")
    for translations in {path.parent for path in found}:
        for qm in translations.glob("*.qm"):
            if not qm.stem.endswith(f"_{QT_LANGUAGE}"):
                qm.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args()
    folder = build(args.dist.resolve(), args.work.resolve())
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"built {folder} ({size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
