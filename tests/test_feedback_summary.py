"""The activity summary (活动总结) from the demo: its attendance equals `signups --json`'s, its
budget totals equal the plan's lines, names are masked (prize winners, honoured elders, a phone
written in a feedback answer), the photos are in it, and the clerk's outline decides the sections'
order, headings and numbering (a hidden one left out, one of the clerk's own added)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

import main
from models.datafile.db import close_database, open_database


def _run(capsys: pytest.CaptureFixture[str], *args: str, rc: int = 0) -> str:
    capsys.readouterr()
    got = main.main(list(args))
    close_database()
    assert got == rc
    out = capsys.readouterr()
    return out.out + out.err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sum") / "demo.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    close_database()
    return db


def _ninth(db: Path) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    (pid,) = con.execute("SELECT id FROM plan WHERE festival = 'double_ninth'").fetchone()
    con.close()
    return int(pid)


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_summary_figures_match_the_other_commands(demo_db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pid = _ninth(demo_db)
    signups = json.loads(_run(capsys, "signups", "--db", str(demo_db), "--activity", str(pid),
                              "--json"))
    honours = json.loads(_run(capsys, "honours", "--db", str(demo_db), "--json"))
    out = tmp_path / "总结.pdf"
    said = _run(capsys, "export", "summary", "--db", str(demo_db), "--activity", str(pid),
                "--out", str(out))
    assert "已导出活动总结" in said
    text = _text(out)
    flat = text.replace("\n", "")
    statuses = [s["status"] for s in signups]
    registered = sum(s in ("已报名", "已签到", "未到") for s in statuses)
    attended = statuses.count("已签到")
    no_show = sum(s in ("已报名", "未到") for s in statuses)  # the day is over
    assert registered and attended
    assert f"报名 {registered} 人，签到 {attended} 人，未到 {no_show} 人" in flat
    waiting = statuses.count("候补")
    if waiting:
        assert f"候补 {waiting} 人" in flat
    # Spending: the plan's budget lines, totalled here on their own.
    open_database(demo_db)
    try:
        from models.plans.service import load_plan

        lines = [b for b in load_plan(pid).budget if b.item.strip()]
    finally:
        close_database()
    budget = sum(b.amount_fen for b in lines)
    spent = sum(b.actual_fen or 0 for b in lines)
    assert f"预算 {budget // 100}.{budget % 100:02d} 元" in flat
    assert f"实际支出 {spent // 100}.{spent % 100:02d} 元" in flat
    # Names leave the office masked.
    approved = [n["name"] for h in honours if h["activity"] == pid for n in h["nominations"]
                if n["status"] == "已通过"]
    assert len(approved) == 10
    for name in approved:
        assert name not in flat
        assert (name[0] + "*" * (len(name) - 2) + name[-1] if len(name) > 2 else name[0] + "*") \
            in flat
    assert "活动照片" in flat and "老人们结伴登山" in flat
    images = sum(len(page.images) for page in PdfReader(out).pages)
    assert images == 3
    assert re.search(r"— \d+ —", text)  # official page numbers


def test_outline_decides_sections(demo_db: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from models.feedback.service import add_response, list_questions
    from models.feedback.summary_store import load_outline, save_outline

    pid = _ninth(demo_db)
    open_database(demo_db)
    try:
        rows = load_outline(pid)
        by = {r.heading: r for r in rows}
        by["反馈意见"].heading = "群众反映"
        by["评比表彰"].hidden = True
        by["经费使用"].level = 2
        mine = type(rows[0])("", "下一步打算", 2, text="明年继续举办。\n扩大参与面。",
                             form="列表")
        order = [by["活动概况"], by["反馈意见"], by["参加情况"], by["经费使用"], mine,
                 by["评比表彰"], by["活动照片"], by["主要成效"], by["存在的不足和改进措施"]]
        save_outline(pid, order)
        words = list_questions(pid)[-1]
        add_response(pid, {words.id or 0: "有事请打13812345678找我"})
    finally:
        close_database()
    out = tmp_path / "s.pdf"
    _run(capsys, "export", "summary", "--db", str(demo_db), "--activity", str(pid), "--out",
         str(out))
    flat = _text(out).replace("\n", "")
    heads = re.findall(
        r"(一|二|三|四|五|六|七)、(活动概况|群众反映|参加情况|活动照片|主要成效|评比表彰)", flat)
    assert heads == [("一", "活动概况"), ("二", "群众反映"), ("三", "参加情况"),
                     ("四", "活动照片"), ("五", "主要成效")]
    assert "（一）经费使用" in flat and "（二）下一步打算" in flat
    assert "1．明年继续举办。" in flat and "2．扩大参与面。" in flat
    assert "评出获奖作品" not in flat  # hidden
    assert "存在的不足和改进措施" not in flat  # the clerk wrote nothing there
    assert "138****5678" in flat and "13812345678" not in flat
