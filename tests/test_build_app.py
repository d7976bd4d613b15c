"""The one-folder build (packaging/build_app.py) on this machine: built once, then run as a clerk's
copy would be, from an unrelated folder: the window (screenshot), a demo file, a plan PDF, a
roster workbook; its data beside the program when portable.txt is there. Slow (a PyInstaller
build): .ci/run runs it; `pytest -m "not slow"` leaves it out."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAME = "community-activity-assistant"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason='python -m pip install -e ".[test]"')
    out = tmp_path_factory.mktemp("build")
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build_app.py"),
                           "--dist", str(out / "dist"), "--work", str(out / "work")],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out / "dist" / NAME


def _exe(folder: Path, gui: bool = False) -> Path:
    name = NAME + ("-gui" if gui else "") + (".exe" if os.name == "nt" else "")
    return folder / name


def _run(folder: Path, cwd: Path, home: Path, *args: str,
         gui: bool = False) -> subprocess.CompletedProcess[str]:
    # A home of its own: the user's data folder (platformdirs) lands there, never in the real one.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "CAA_DATA_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run([str(_exe(folder, gui)), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_build_holds_resources_translations_and_no_tests(built: Path) -> None:
    internal = built / "_internal"
    for name in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/wqy-microhei.LICENSE.txt",
                 "resources/strokes/cnchar_strokes.tsv", "resources/strokes/LICENSE-cnchar.txt",
                 "resources/strokes/pinyin_readings.tsv",
                 "resources/strokes/LICENSE-pypinyin.txt",
                 "resources/templates/spring_relief.json", "resources/version.txt"):
        assert (internal / name).is_file(), name
    qm = sorted(p.name for p in internal.rglob("*.qm"))
    assert "qtbase_zh_CN.qm" in qm
    assert all("_zh_CN" in name for name in qm), qm  # the other languages were removed
    listing = subprocess.run(
        [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-l", "-r", "-b",
         str(_exe(built))], capture_output=True, text=True, timeout=300)
    assert listing.returncode == 0, listing.stderr
    modules = set(listing.stdout.split())
    assert {"ui.cli.export_cmd", "ui.about_dialog", "resources"} <= modules
    assert not [m for m in modules if m.split(".")[0] in ("tests", "pytest", "hypothesis")]


def test_built_program_works_from_another_folder(built: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    version = _run(built, tmp_path, home, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("社区活动助手 ") and "未知" not in version.stdout

    db = tmp_path / "演示.db"
    demo = _run(built, tmp_path, home, "demo", "--db", str(db))
    assert demo.returncode == 0, demo.stderr
    assert "活动方案 9 个" in demo.stdout

    pdf = tmp_path / "方案.pdf"
    plan = _run(built, tmp_path, home, "export", "plan", "--db", str(db), "--id", "1",
                "--out", str(pdf))
    assert plan.returncode == 0, plan.stderr
    from pypdf import PdfReader

    assert "活动" in "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)

    word = tmp_path / "方案.docx"  # python-docx's template travels with the program
    plan = _run(built, tmp_path, home, "export", "plan", "--db", str(db), "--id", "1",
                "--format", "docx", "--out", str(word))
    assert plan.returncode == 0, plan.stderr
    import docx

    assert "活动" in "".join(p.text for p in docx.Document(str(word)).paragraphs)

    xlsx = tmp_path / "名册.xlsx"
    roster = _run(built, tmp_path, home, "export", "roster", "--db", str(db), "--activity", "1",
                  "--out", str(xlsx))
    assert roster.returncode == 0, roster.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("姓名" in c for c in cells)

    shot = tmp_path / "窗口.png"
    window = _run(built, tmp_path, home, "--db", str(db), "--screenshot", str(shot), gui=True)
    assert window.returncode == 0, window.stderr
    assert shot.stat().st_size > 10_000

    refused = _run(built, tmp_path, home, "plans", "--db", str(tmp_path / "无.db"))
    assert refused.returncode == 2 and "找不到数据文件" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_portable_txt_beside_the_program_keeps_the_data_there(built: Path,
                                                              tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    marker = built / "portable.txt"
    marker.write_text("", encoding="utf-8")
    try:
        demo = _run(built, tmp_path, home, "demo")  # no --db: the default data file
    finally:
        marker.unlink()
    assert demo.returncode == 0, demo.stderr
    assert (built / "data" / "activities.db").is_file()
    assert not (built / "_internal" / "data").exists()
    assert not [p for p in home.rglob("*.db")]  # nothing in the user's data folder

    demo_again = _run(built, tmp_path, home, "demo")  # without portable.txt: the user's folder
    assert demo_again.returncode == 0, demo_again.stderr
    assert [p.name for p in home.rglob("*.db")] == ["activities.db"]
