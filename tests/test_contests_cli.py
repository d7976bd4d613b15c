"""Command line: demo adds the Double Ninth contest and the ten healthy elders; `contests --json`
ranks agree with a ranking computed here from its own scores; `honours --json`."""
from __future__ import annotations

import json
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

import main
from models.datafile.db import close_database


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    rc = main.main(list(args))
    close_database()
    assert rc == 0
    return capsys.readouterr().out


@pytest.fixture()
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.db"
    out = _run(capsys, "demo", "--db", str(db))
    assert "作品 40 件，评委 5 位" in out and "已通过 10 名" in out
    return db


def _independent_ranks(entries: list[dict]) -> dict[str, int]:
    """去掉最高最低 then 高分多者优先, written out again from the JSON's scores alone: an entry's
    place is one more than the number of entries of its category strictly ahead of it."""
    def key(e: dict) -> tuple:
        s = sorted((Fraction(str(v)) for v in e["scores"]), reverse=True)
        return (-sum(s[1:-1]) / (len(s) - 2), [-v for v in s])

    by_cat: dict[str, list[dict]] = defaultdict(list)
    for e in entries:
        by_cat[e["category"]].append(e)
    ranks = {}
    for group in by_cat.values():
        for e in group:
            ranks[e["code"]] = 1 + sum(1 for o in group if key(o) < key(e))
    return ranks


def test_contests_json_ranks_agree_with_an_independent_ranking(
        demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contests = json.loads(_run(capsys, "contests", "--db", str(demo_db), "--json"))
    assert len(contests) == 1
    c = contests[0]
    assert {"id", "title", "entries"} <= set(c) and "重阳" in c["title"]
    assert c["method"] == "去掉最高最低" and c["tie_rule"] == "高分多者优先"
    entries = c["entries"]
    assert len(entries) == 40 and {e["category"] for e in entries} == {"摄影", "书画", "诗词"}
    assert all(len(e["scores"]) == 5 for e in entries) and c["full_marks"] == 10
    assert all(0 <= s <= 10 for e in entries for s in e["scores"])
    assert len({e["code"] for e in entries}) == 40
    assert {e["code"]: e["rank"] for e in entries} == _independent_ranks(entries)
    # Prizes follow the places: 1 first, 2 second, 3 third, the rest 优秀奖 (shared places
    # would be in notices).
    for cat in ("摄影", "书画", "诗词"):
        mine = sorted((e for e in entries if e["category"] == cat), key=lambda e: e["rank"])
        want = ["一等奖", "二等奖", "二等奖", "三等奖", "三等奖", "三等奖"]
        want += ["优秀奖"] * (len(mine) - 6)
        if not c["notices"]:
            assert [e["prize"] for e in mine] == want
    # --activity filters; another activity has none.
    assert json.loads(_run(capsys, "contests", "--db", str(demo_db), "--activity",
                           str(c["activity"]), "--json"))[0]["id"] == c["id"]
    assert json.loads(_run(capsys, "contests", "--db", str(demo_db), "--activity", "1",
                           "--json")) == []
    text = _run(capsys, "contests", "--db", str(demo_db))
    assert "第1名  一等奖" in text


def test_demo_titles_never_repeat_within_a_category(
        demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = json.loads(_run(capsys, "contests", "--db", str(demo_db), "--json"))[0]["entries"]
    assert len(entries) == 40
    pairs = [(e["category"], e["title"]) for e in entries]
    assert len(set(pairs)) == 40
    assert not any("（之" in t for _c, t in pairs)


def test_honours_json(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lists = json.loads(_run(capsys, "honours", "--db", str(demo_db), "--json"))
    assert len(lists) == 1 and lists[0]["title"] == "十佳“社区文明健康老人”"
    noms = lists[0]["nominations"]
    assert sum(n["status"] == "已通过" for n in noms) == 10
    assert all(n["nominated_by"] and n["deeds"] for n in noms)


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_results_notice_shows_no_full_name(demo_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    c = json.loads(_run(capsys, "contests", "--db", str(demo_db), "--json"))[0]
    names = {e["name"] for e in c["entries"]}
    pdf, xlsx = tmp_path / "公示.pdf", tmp_path / "公示.xlsx"
    _run(capsys, "export", "contest-results", "--db", str(demo_db), "--contest", str(c["id"]),
         "--out", str(pdf), "--start", "2026-10-25", "--days", "9", "--contact", "社区办公室")
    text = _pdf_text(pdf)
    flat = "".join(text.split())
    assert "评选结果公示" in flat and "公示期：2026年10月25日至2026年11月2日" in flat
    assert "有异议" in flat and "社区办公室" in flat
    assert flat.count("一等奖") >= 3 and "摄影类" in flat and "诗词类" in flat
    leaked = sorted(n for n in names if len(n) > 1 and n in flat)
    assert leaked == []
    _run(capsys, "export", "contest-results", "--db", str(demo_db), "--contest", str(c["id"]),
         "--out", str(xlsx))
    ws = load_workbook(xlsx).active
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    assert not any(n in cell for n in names if len(n) > 1 for cell in cells)
    shown = [row for row in ws.iter_rows(min_row=3, values_only=True) if row[1]]
    assert len(shown) == sum(1 for e in c["entries"] if e["prize"])
    # Stroke order of what the masked name shows, within each category and level.
    from models.common.masking import visible_sort_key

    for a, b in zip(shown, shown[1:], strict=False):
        if (a[0], a[1]) == (b[0], b[1]):
            assert visible_sort_key(a[2]) <= visible_sort_key(b[2])


def test_score_sheets_carry_codes_not_names(demo_db: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    c = json.loads(_run(capsys, "contests", "--db", str(demo_db), "--json"))[0]
    judge = c["judges"][1]
    pdf = tmp_path / "评分表.pdf"
    _run(capsys, "export", "score-sheet", "--db", str(demo_db), "--contest", str(c["id"]),
         "--judge", str(judge["id"]), "--out", str(pdf))
    flat = "".join(_pdf_text(pdf).split())
    assert judge["name"] in flat and "评委签名" in flat and "得分" in flat
    assert all(e["code"] in flat for e in c["entries"])
    assert not any(e["name"] in flat for e in c["entries"] if len(e["name"]) > 1)
    assert not any(j["name"] in flat for j in c["judges"] if j["id"] != judge["id"])
    xlsx = tmp_path / "评分表.xlsx"
    _run(capsys, "export", "score-sheet", "--db", str(demo_db), "--contest", str(c["id"]),
         "--out", str(xlsx))
    wb = load_workbook(xlsx)
    assert len(wb.worksheets) == 5
    ws = wb.worksheets[0]
    assert int(ws.page_setup.paperSize) == 9 and "2:" in ws.print_title_rows
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    body = [r for r in rows if r[1]]
    assert [r[1] for r in body] == sorted((e["code"] for e in c["entries"]),
                                          key=lambda code: ("ABC".index(code[0]), code))
    assert all(r[4] is None for r in body)  # the score column is left empty
    assert any(r[0] and str(r[0]).startswith("评委签名") for r in rows)


def test_unknown_judge_refused_in_chinese(demo_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rc = main.main(["export", "score-sheet", "--db", str(demo_db), "--contest", "1", "--judge",
                    "999", "--out", str(tmp_path / "x.pdf")])
    close_database()
    assert rc != 0
    assert "没有编号为 999 的评委" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_honour_roll_notice_masked_in_stroke_order(demo_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from models.common.masking import mask_name, visible_sort_key

    h = json.loads(_run(capsys, "honours", "--db", str(demo_db), "--json"))[0]
    approved = [n for n in h["nominations"] if n["status"] == "已通过"]
    turned_down = [n for n in h["nominations"] if n["status"] != "已通过"]
    pdf = tmp_path / "光荣榜.pdf"
    out = _run(capsys, "export", "honour-roll", "--db", str(demo_db), "--honour", str(h["id"]),
               "--out", str(pdf), "--start", "2026-10-25", "--contact", "社区办公室")
    assert "已导出表彰名单公示" in out
    text = _pdf_text(pdf)
    flat = "".join(text.split())
    assert "十佳“社区文明健康老人”名单公示" in flat and f"{h['year']}年度" in flat
    assert "公示期：2026年10月25日至2026年10月31日，共7天" in flat  # at least seven days
    assert "有异议" in flat and "社区办公室" in flat and "社区居委会" in flat
    # Every name masked, no full name, no deeds (they may tell of illness), no one turned down.
    everyone = {n["name"] for n in h["nominations"]}
    assert sorted(n for n in everyone if len(n) > 1 and n in flat) == []
    assert not any(n["deeds"][:8] in flat for n in h["nominations"])
    rows = [line.split() for line in text.splitlines()
            if line.split() and line.split()[0].isdigit() and len(line.split()) >= 3]
    shown = [r[1] for r in rows]
    assert sorted(shown) == sorted(mask_name(n["name"]) for n in approved)
    assert len(shown) == 10 and len(turned_down) == 2
    keys = [visible_sort_key(m) for m in shown]
    assert keys == sorted(keys)
    units = {r[1]: r[2] for r in rows}
    assert all(units[mask_name(n["name"])] == n["nominated_by"] for n in approved
               if shown.count(mask_name(n["name"])) == 1)


def test_posting_shorter_than_seven_days_refused(demo_db: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for kind, which in (("honour-roll", "--honour"), ("contest-results", "--contest")):
        capsys.readouterr()
        with pytest.raises(SystemExit) as stop:  # argparse refuses it, in Chinese
            main.main(["export", kind, "--db", str(demo_db), which, "1", "--out",
                       str(tmp_path / "r.pdf"), "--days", "5"])
        close_database()
        assert stop.value.code != 0 and "须为 7 到 60" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
