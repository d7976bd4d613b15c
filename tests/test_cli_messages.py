"""A mistake on the command line is told in Chinese, with a non-zero exit."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_missing_arguments_and_unknown_command_in_chinese() -> None:
    proc = run("export", "plan", "--db", "x.db")
    assert proc.returncode == 2
    assert "缺少必需的参数" in proc.stderr and "用法：" in proc.stderr
    proc = run("bogus")
    assert proc.returncode == 2 and "无效的选项 'bogus'" in proc.stderr


def test_help_lists_every_command_in_chinese() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert "显示本帮助并退出" in proc.stdout
    for command in ("plans", "export", "demo", "residents", "signups", "backup", "check"):
        assert command in proc.stdout
