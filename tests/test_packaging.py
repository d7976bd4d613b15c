"""The program as installed, not as checked out: a wheel built from the sources and installed in
a new virtual environment runs from an unrelated folder, finding its templates, fonts and stroke
data through the package. Also the pieces that make a frozen build possible (the command list
written out, the portable folder beside the executable)."""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import main
from models.datafile import paths

ROOT = Path(__file__).resolve().parent.parent
# What the wheel is built from (a copy: setuptools leaves build/ behind in the source folder,
# and a stale build/lib there would slip deleted modules into the wheel).
SOURCES = ("setup.cfg", "pyproject.toml", "README.md", "main.py", "models", "exporters", "ui",
           "resources")
RESOURCE_FILES = (
    "resources/__init__.py",
    "resources/fonts/wqy-microhei.ttc",
    "resources/fonts/wqy-microhei.LICENSE.txt",
    "resources/strokes/cnchar_strokes.tsv",
    "resources/strokes/LICENSE-cnchar.txt",
    "resources/strokes/pinyin_readings.tsv",
    "resources/strokes/LICENSE-pypinyin.txt",
    "resources/templates/spring_relief.json",
    "resources/translations/caa_qt_zh_CN.qm",
)


def test_command_list_names_every_command_module() -> None:
    on_disk = sorted(f"ui.cli.{p.stem}" for p in (ROOT / "ui" / "cli").glob("*_cmd.py"))
    assert list(main.CLI_MODULES) == on_disk


def test_portable_folder_is_beside_the_executable_when_frozen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe_dir = tmp_path / "社区活动助手"
    (exe_dir / "_internal").mkdir(parents=True)
    monkeypatch.delenv("CAA_DATA_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "community-activity-assistant"))
    assert paths.data_dir() != exe_dir.resolve() / "data"  # no portable.txt yet
    (exe_dir / "portable.txt").write_text("", encoding="utf-8")
    assert paths.default_data_file() == exe_dir.resolve() / "data" / "activities.db"
    assert paths.program_dir() == exe_dir.resolve()


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build", reason='python -m pip install -e ".[test]"')
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: build with this environment's setuptools (no download, works offline).
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                           "--outdir", str(out), str(src)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("community_activity_assistant-*.whl")
    return found


def test_wheel_holds_the_resources_and_no_tests(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(RESOURCE_FILES) <= names
    assert len([n for n in names if n.startswith("resources/templates/")]) == len(
        list((ROOT / "resources" / "templates").glob("*.json")))
    assert "main.py" in names
    assert not [n for n in names if n.startswith(("tests/", "bench/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "community-activity-assistant = main:main" in text
    assert "community-activity-assistant-gui = main:main" in text


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding only the wheel; the dependencies (PySide6, reportlab...) are borrowed
    from this interpreter's site-packages by a .pth line, appended after the venv's own
    site-packages: no download needed, and the project itself (a checkout or an editable install
    here, whose own .pth is not read that way) cannot come first."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = _bin(venv, "python.exe" if os.name == "nt" else "python")
    # No PYTHONPATH: pip would take a checkout on it for an installed copy and skip the wheel.
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--no-deps", "--no-index", "--quiet", str(wheel)],
                          env=_clean_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "zz_borrowed_dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return venv


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CAA_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_bin(venv, args[0])), *args[1:]], cwd=cwd, env=_clean_env(),
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_installed_wheel_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, tmp_path, "python", "-c",
                 "import models, resources, main; "
                 "print(models.__file__); print(resources.resource_path('fonts')); "
                 "print(main.__file__)")
    assert where.returncode == 0, where.stderr
    lines = where.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:  # the installed copy, never the checkout
        assert Path(line).resolve().is_relative_to(installed.resolve()), line
        assert not Path(line).resolve().is_relative_to(ROOT), line

    version = _run(installed, tmp_path, "community-activity-assistant", "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"社区活动助手 {_setup_cfg_version()}"

    db = tmp_path / "演示.db"
    demo = _run(installed, tmp_path, "community-activity-assistant", "demo", "--db", str(db))
    assert demo.returncode == 0, demo.stderr
    pdf = tmp_path / "p.pdf"
    export = _run(installed, tmp_path, "community-activity-assistant", "export", "plan",
                  "--db", str(db), "--id", "1", "--out", str(pdf))
    assert export.returncode == 0, export.stderr
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "活动" in text  # Chinese came out as text: the bundled font was found

    shot = tmp_path / "s.png"
    window = _run(installed, tmp_path, "community-activity-assistant", "--db", str(db),
                  "--screenshot", str(shot))
    assert window.returncode == 0, window.stderr
    assert shot.stat().st_size > 10_000


def _setup_cfg_version() -> str:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    return parser.get("metadata", "version")
