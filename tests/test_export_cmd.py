"""`main.py export plan`: a PDF on success; a clear refusal, exit 2 and no file otherwise."""
from __future__ import annotations

from pathlib import Path

import pytest

import main
from models.plans.service import save_plan
from tests.plan_factory import notice


def test_export_plan_writes_the_pdf(db_path: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    plan_id = save_plan(notice())
    out = tmp_path / "通知.pdf"
    rc = main.main(["export", "plan", "--db", str(db_path), "--id", str(plan_id),
                    "--out", str(out)])
    assert rc == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "已导出" in capsys.readouterr().out


def test_unknown_plan_is_refused_and_nothing_written(db_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    rc = main.main(["export", "plan", "--db", str(db_path), "--id", "999", "--out", str(out)])
    assert rc == 2
    assert "找不到编号为 999 的活动方案" in capsys.readouterr().err
    assert not out.exists()


def test_missing_folder_is_refused(db_path: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    plan_id = save_plan(notice())
    out = tmp_path / "nowhere" / "x.pdf"
    rc = main.main(["export", "plan", "--db", str(db_path), "--id", str(plan_id),
                    "--out", str(out)])
    assert rc == 2
    assert "不存在" in capsys.readouterr().err
    assert not out.parent.exists()


def test_export_needs_a_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main.main(["export"])
    assert exc.value.code == 2


def test_export_plan_warns_about_placeholders_and_still_exports(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = notice()
    rec.issuer = "××街道办事处"
    plan_id = save_plan(rec)
    out = tmp_path / "通知.pdf"
    rc = main.main(["export", "plan", "--db", str(db_path), "--id", str(plan_id),
                    "--out", str(out)])
    assert rc == 0 and out.read_bytes().startswith(b"%PDF")
    captured = capsys.readouterr()
    assert "注意：" in captured.err and "××" in captured.err and "已导出" in captured.out
