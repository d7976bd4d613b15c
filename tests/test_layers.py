"""models/ and exporters/ never import Qt; ui/cli (the command line) neither."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = ["models", "exporters", "ui/cli"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", QT_FREE)
def test_no_qt_import_in_source(folder: str) -> None:
    offenders = [
        f"{p.relative_to(ROOT)}: {name}"
        for p in (ROOT / folder).rglob("*.py")
        for name in _imports(p)
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"}
        and not (folder == "ui/cli" and name.startswith("ui.cli"))
    ]
    assert offenders == []


def test_command_line_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys, main\n"
        f"rc = main.main(['plans', '--db', r'{tmp_path / 'x.db'}'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'\n"
        "sys.exit(rc)\n"
    )
    # 'plans' on a missing file is refused: still no Qt may be loaded on the way.
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "Qt loaded" not in proc.stderr
    assert proc.returncode == 2
    assert "找不到数据文件" in proc.stderr


def test_no_module_over_limit() -> None:
    too_long = [
        f"{p.relative_to(ROOT)}: {n}"
        for folder in ("models", "exporters", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert too_long == []
