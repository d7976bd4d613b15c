"""The plan file: `export plan --format json` and `plans import`; a round trip loses nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.datafile.db import close_database, open_database
from models.plans.demo import DEMO_PLANS, demo_plan
from models.plans.file_format import FORMAT, VERSION, plan_file_text, read_plan_file
from models.plans.records import SectionRow
from models.plans.service import load_plan, save_plan
from tests.seed_plans import SEED_PLANS


def _export(db: Path, plan_id: int, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main.main(["export", "plan", "--db", str(db), "--id", str(plan_id), "--format",
                      "json", "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    return out.read_text(encoding="utf-8")


def test_export_import_export_is_identical(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    first_db, second_db = tmp_path / "a.db", tmp_path / "b.db"
    open_database(first_db)
    rec = demo_plan(DEMO_PLANS[8])
    rec.outline.insert(3, SectionRow("", "资金保障", 2, False, "列表", "街道列支\n专款专用"))
    rec.outline[0].hidden = True
    ids = [save_plan(make()) for make in SEED_PLANS] + [save_plan(rec)]
    close_database()
    for plan_id in ids:
        text = _export(first_db, plan_id, tmp_path / "one.json", capsys)
        assert main.main(["plans", "import", str(tmp_path / "one.json"), "--db",
                          str(second_db)]) == 0
        new_id = int(capsys.readouterr().out.strip())
        again = _export(second_db, new_id, tmp_path / "two.json", capsys)
        assert again == text  # the file carries no id or timestamp: identical
    data = json.loads(text)
    assert data["format"] == FORMAT and data["version"] == VERSION and "id" not in data["plan"]
    assert any(s["heading"] == "资金保障" for s in data["plan"]["outline"])


def test_a_bare_plan_object_of_the_current_form_is_still_read(tmp_path: Path) -> None:
    from models.plans.json_form import record_to_dict

    rec = SEED_PLANS[0]()
    path = tmp_path / "old.json"
    path.write_text(json.dumps(record_to_dict(rec), ensure_ascii=False), encoding="utf-8")
    assert read_plan_file(path) == rec


@pytest.mark.parametrize(("content", "says"), [
    (b"\xff\xfe not json", "不是方案文件"),
    (b"[1, 2]", "应为一个对象"),
    (json.dumps({"format": FORMAT, "version": VERSION + 1, "plan": {}}).encode(), "更新版本"),
    (json.dumps({"format": "别的软件", "version": 1, "plan": {}}).encode(), "不是社区活动助手"),
    (json.dumps({"format": FORMAT, "version": 1, "plan": {"titel": "x"}}).encode(), "titel"),
])
def test_a_bad_file_is_refused_and_the_data_file_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, says: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    db = tmp_path / "d.db"
    rc = main.main(["plans", "import", str(path), "--db", str(db)])
    assert rc != 0
    assert says in capsys.readouterr().err
    assert not db.exists()  # refused before the data file was made


def test_the_file_text_round_trips_in_memory(tmp_path: Path) -> None:
    for make in SEED_PLANS:
        rec = make()
        path = tmp_path / "p.json"
        path.write_text(plan_file_text(rec), encoding="utf-8")
        assert read_plan_file(path) == rec


def test_import_keeps_every_part_in_the_data_file(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rec = SEED_PLANS[2]()
    path = tmp_path / "p.json"
    path.write_text(plan_file_text(rec), encoding="utf-8")
    db = tmp_path / "d.db"
    assert main.main(["plans", "import", str(path), "--db", str(db)]) == 0
    new_id = int(capsys.readouterr().out.strip())
    open_database(db)
    try:
        stored = load_plan(new_id)
    finally:
        close_database()
    stored.id = None
    assert stored == rec
