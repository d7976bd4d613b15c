"""The linters the code assumes, run as part of the test command: ruff over the whole project and
mypy over models/ and exporters/ (the typed layers), both configured in pyproject.toml. Any
finding fails the test and is printed; each accepted exception is written on its own line
(`# noqa: CODE - reason`) or, with its reason, in pyproject.toml."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    module = args[0]
    try:
        __import__(module)
    except ImportError:
        pytest.fail(f"{module} is not installed: python -m pip install -e \".[test]\"")
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


def test_ruff_finds_nothing() -> None:
    done = run_tool("ruff", "check", "--no-fix", "--output-format", "concise", ".")
    assert done.returncode == 0, f"ruff check found:\n{done.stdout}{done.stderr}"


def test_mypy_finds_nothing() -> None:
    # The packages, Python version and strictness come from [tool.mypy] in pyproject.toml.
    done = run_tool("mypy")
    assert done.returncode == 0, f"mypy found:\n{done.stdout}{done.stderr}"
    assert "Success: no issues found" in done.stdout, done.stdout
