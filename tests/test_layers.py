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


def _module_graph(package: str) -> dict[str, set[str]]:
    """Which modules of package each of its modules imports, at module level or inside a
    function alike (a lazy import still closes a circle)."""
    files = {}
    for p in (ROOT / package).rglob("*.py"):
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = p
    graph: dict[str, set[str]] = {}
    for name, p in files.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in files)
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}: relative import (models/ imports absolutely)"
                base = node.module or ""
                for a in node.names:  # "from pkg import mod" imports pkg.mod
                    if f"{base}.{a.name}" in files:
                        found.add(f"{base}.{a.name}")
                    elif base in files:
                        found.add(base)
        found.discard(name)
        graph[name] = found
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle (a -> b -> ... -> a), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycle_in_models() -> None:
    # No module of models/ may import one that imports it back, directly or through others.
    assert _cycle(_module_graph("models")) is None


def test_the_cycle_check_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
    graph = _module_graph("models")
    assert "models.datafile.backup" in graph["models.datafile.db"]
    # A function-level import counts as much as one at the top of the module.
    assert "models.residents.service" in graph["models.signups.figures"]
    assert "models.datafile.base" in graph["models.residents.tables"]
