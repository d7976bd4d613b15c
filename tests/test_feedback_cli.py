"""Command line: demo keys in forms for two activities; `feedback --json` lists each question with
its counts or answers; the tally PDF prints the same counts; the blank form carries the activity's
name and every option; an activity without a form is refused with nothing written."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

import main
from models.datafile.db import close_database


def _run(capsys: pytest.CaptureFixture[str], *args: str, rc: int = 0) -> str:
    capsys.readouterr()
    got = main.main(list(args))
    close_database()
    assert got == rc
    out = capsys.readouterr()
    return out.out + out.err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fb") / "demo.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    close_database()
    return db


def _activities(db: Path) -> dict[str, int]:
    import sqlite3

    con = sqlite3.connect(db)
    rows = con.execute("SELECT p.id, p.category, COUNT(r.id) FROM plan p JOIN feedback_response r "
                       "ON r.plan_id = p.id GROUP BY p.id").fetchall()
    con.close()
    return {cat: pid for pid, cat, _n in rows}


def _plan_id(db: Path, category: str) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    pid = con.execute("SELECT id FROM plan WHERE category = ?", (category,)).fetchone()[0]
    con.close()
    return int(pid)


def test_demo_keys_in_forms_for_two_activities(demo_db: Path) -> None:
    # Two activities already held; the Women's Day week (submitted, still to come) has its
    # parents' form ready to print and no answers.
    acts = _activities(demo_db)
    assert set(acts) == {"义诊与健康讲座", "重阳敬老"}
    import sqlite3

    con = sqlite3.connect(demo_db)
    womens = _plan_id(demo_db, "三八妇女节")
    assert con.execute("SELECT COUNT(*) FROM feedback_question WHERE plan_id = ?",
                       (womens,)).fetchone()[0] == 6
    assert con.execute("SELECT COUNT(*) FROM feedback_response WHERE plan_id = ?",
                       (womens,)).fetchone()[0] == 0
    late = con.execute("SELECT COUNT(*) FROM feedback_response r JOIN plan p ON p.id = r.plan_id "
                       "WHERE r.entered < p.start").fetchone()[0]
    con.close()
    assert late == 0  # no form is answered before its activity


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_tally_pdf_counts_equal_the_json(demo_db: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pid = _activities(demo_db)["重阳敬老"]
    questions = json.loads(_run(capsys, "feedback", "--db", str(demo_db), "--activity", str(pid),
                                "--json"))
    assert len(questions) == 6
    assert all({"text", "kind"} <= set(q) for q in questions)
    assert [("counts" in q, "answers" in q) for q in questions] == [(True, False)] * 5 + [
        (False, True)]
    assert questions[0]["kind"] == "rating" and sum(questions[0]["counts"].values()) == \
        questions[0]["answered"]
    out = tmp_path / "tally.pdf"
    _run(capsys, "export", "feedback-tally", "--db", str(demo_db), "--activity", str(pid),
         "--out", str(out))
    text = _pdf_text(out)
    # Every table row of the PDF ("label count share") against the JSON's counts, question by
    # question (the same label appears under several questions).
    blocks = re.split(r"\n\d．", text)[1:]
    assert len(blocks) == 6
    for q, block in zip(questions, blocks, strict=True):
        assert block.startswith(q["text"])
        if "counts" in q:
            answered = q["answered"]
            for label, n in q["counts"].items():
                share = f"{n / answered * 100:.1f}%"
                assert re.search(rf"^{re.escape(label)} {n} {re.escape(share)}$", block, re.M), \
                    (label, n)
        else:
            flat = block.replace("\n", "")
            for answer in q["answers"]:
                assert answer in flat


def test_blank_form_has_every_option(demo_db: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    pid = _plan_id(demo_db, "三八妇女节")
    questions = json.loads(_run(capsys, "feedback", "--db", str(demo_db), "--activity", str(pid),
                                "--json"))
    out = tmp_path / "form.pdf"
    _run(capsys, "export", "feedback-form", "--db", str(demo_db), "--activity", str(pid),
         "--out", str(out))
    text = _pdf_text(out).replace("\n", "")
    assert "三八妇女节活动反馈表" in text and "方案" not in text
    for q in questions:
        assert q["text"] in text
        for i, label in enumerate(q.get("counts", {}), 1):
            assert f"{i} {label}" in text
    with pdfplumber.open(out) as pdf:
        boxes = [r for p in pdf.pages for r in p.rects if abs(r["width"] - r["height"]) < 0.5]
    n_options = sum(len(q.get("counts", {})) for q in questions)
    assert len(boxes) == n_options
    assert all(b["width"] >= 16 for b in boxes)  # 6 mm: a pen can hit it


def test_activity_without_form_refused(demo_db: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "form.pdf"
    said = _run(capsys, "export", "feedback-form", "--db", str(demo_db), "--activity", "1",
                "--out", str(out), rc=2)
    assert "还没有反馈表题目" in said and not out.exists()
    said = _run(capsys, "export", "feedback-form", "--db", str(demo_db), "--activity", "999",
                "--out", str(out), rc=2)
    assert "找不到编号为 999" in said and not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_long_form_title_breaks_near_the_middle(tmp_path: Path) -> None:
    # The clinic's form title needs two lines: split at a sensible point near the middle, as
    # the plans' titles are, never "…活动反" / "馈表" (as it printed before).
    import pdfplumber

    from exporters.feedback.form_pdf import export_form_pdf
    from models.datafile.db import close_database, open_database
    from models.feedback.service import use_ready_set
    from models.plans.records import PlanRecord
    from models.plans.service import save_plan

    open_database(tmp_path / "t.db")
    try:
        pid = save_plan(PlanRecord(
            title="2026年“健康进社区 义诊暖人心”义诊及健康讲座活动方案", category="义诊与健康讲座"))
        use_ready_set(pid, "义诊反馈")
        export_form_pdf(pid, tmp_path / "form.pdf")
    finally:
        close_database()
    with pdfplumber.open(tmp_path / "form.pdf") as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()[:2]
    assert lines[1].endswith("反馈表") and len(lines[1]) >= 6, lines
    assert abs(len(lines[0]) - len(lines[1])) <= 8, lines
