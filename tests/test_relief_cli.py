"""Relief, command line and documents: `demo`, then `relief --json`, `relief --campaign N --json`
and every export, each read back as an attacker and as the bureau would: the notice shows no
full name, ID, phone, address or reason; the sign-for sheet's page totals add up to the rows of the
page and its overall total to the JSON; the bureau's figures equal the JSON's to the fen; the log
holds every change the demo made. A restore brings the log back with the data; the retention
clean-up leaves relief rows and log alone."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import main
from models.common.money import parse_money
from models.datafile.db import close_database

COUNTED_OUT = ("已撤回", "不予发放")


def _run(capsys: pytest.CaptureFixture[str], *args: str, rc: int = 0) -> str:
    capsys.readouterr()
    got = main.main(list(args))
    close_database()
    out = capsys.readouterr()
    assert got == rc, out.err
    return out.out if rc == 0 else out.err


@pytest.fixture()
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.db"
    out = _run(capsys, "demo", "--db", str(db))
    assert "慰问活动 编号 1" in out and "对象 121 户（人）" in out
    return db


def _people(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict]:
    return json.loads(_run(capsys, "relief", "--db", str(db), "--campaign", "1", "--json"))


def _fen(text: str) -> int:
    return parse_money(text)


def test_campaigns_and_beneficiaries_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    campaigns = json.loads(_run(capsys, "relief", "--db", str(demo), "--json"))
    assert len(campaigns) == 1 and {"id", "title", "plan"} <= set(campaigns[0])
    c = campaigns[0]
    assert c["plan"] is not None and "送温暖" in c["title"]
    assert [k["name"] for k in c["categories"]] == ["低保户", "困难党员", "重度残疾人家庭",
                                                    "独居老人"]
    assert any(s["late"] for s in c["timeline"]) and any(s["days_left"] > 0 for s in c["timeline"])
    people = _people(capsys, demo)
    assert len(people) == 121
    assert {"name", "household", "category", "amount", "status"} <= set(people[0])
    statuses = {p["status"] for p in people}
    assert statuses == {"拟定", "已核实", "已公示", "已审批", "已发放", "已撤回", "不予发放"}
    assert all(p["locked"] == (p["status"] == "已发放") for p in people)
    # totals in the campaign's JSON are the sums of the beneficiaries' JSON
    counted = [p for p in people if p["status"] not in COUNTED_OUT]
    overall = c["totals"][-1]
    assert _fen(overall["amount"]) == sum(_fen(p["amount"]) for p in counted)
    assert overall["people"] == sum(p["household_size"] for p in counted)
    for line in c["totals"][:-1]:
        mine = [p for p in counted if p["category"] == line["category"]]
        assert _fen(line["amount"]) == sum(_fen(p["amount"]) for p in mine)
        assert line["households"] == len({p["household"] for p in mine})


def test_notice_shows_nothing_it_must_not(demo: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tests.leakscan import pdf_text, scan
    from tests.rebuild import read_tables

    out = tmp_path / "公示.pdf"
    said = _run(capsys, "export", "relief-notice", "--db", str(demo), "--campaign", "1",
                "--out", str(out))
    assert "已导出" in said
    text = pdf_text(out)
    flat = re.sub(r"\s", "", text)
    con = sqlite3.connect(demo)
    rows = con.execute("SELECT name, id_number, phone, room, reason, status FROM "
                       "relief_beneficiary").fetchall()
    con.close()
    assert scan(out) == []
    posted = [r for r in rows if r[5] not in ("拟定", *COUNTED_OUT)]
    for name, id_number, phone, room, reason, _status in rows:
        if len(name) >= 2:
            assert name not in flat, name
        assert not id_number or id_number[6:14] not in flat  # not even the birth date
        assert not phone or phone not in flat
        assert not room or room not in flat
        assert reason not in flat, reason
    tables = read_tables(out)
    shown = [r for t in tables for r in t.rows if r.get("姓名") not in (None, "", "姓名")]
    assert len(shown) == len(posted)
    assert all("*" in r["姓名"] for r in shown)
    assert set(tables[0].header) == {"序号", "姓名", "慰问类别", "慰问金（元）", "慰问品"}
    assert re.search(r"公示期：\d{4}年\d+月\d+日至\d{4}年\d+月\d+日，共7天", flat)
    assert "0571-88123456" in flat  # where to object


def test_notice_refuses_a_short_posting(demo: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:  # argparse refuses it before anything is read
        main.main(["export", "relief-notice", "--db", str(demo), "--campaign", "1",
                   "--days", "5", "--out", str(tmp_path / "p.pdf")])
    assert stop.value.code == 2 and not (tmp_path / "p.pdf").exists()
    assert "须为 7 到 60 之间的整数" in capsys.readouterr().err
    err = _run(capsys, "export", "relief-notice", "--db", str(demo), "--campaign", "9",
               "--out", str(tmp_path / "p.pdf"), rc=2)
    assert "找不到编号为 9 的慰问活动" in err


def test_handover_pdf_page_totals_and_overall(demo: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import pdfplumber

    out = tmp_path / "签收.pdf"
    _run(capsys, "export", "relief-handover", "--db", str(demo), "--campaign", "1",
         "--out", str(out))
    people = _people(capsys, demo)
    due = [p for p in people if p["status"] in ("已审批", "已发放")]
    seen: list[int] = []
    overall = None
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            if "慰问金发放签收表" not in text.split("\n")[0]:
                continue  # the goods sheet
            grid = [r for t in page.extract_tables() for r in t]
            amounts = [_fen(r[5]) for r in grid if r[0] and r[0].isdigit()]
            subtotal = [r for r in grid if r[0] and "本页小计" in r[0]]
            assert len(subtotal) == 1
            cells = [c for c in subtotal[0] if c]
            assert _fen(cells[1]) == sum(amounts) == _fen(cells[2])  # figures and capitals
            seen += amounts
            total = [r for r in grid if r[0] and r[0].strip() == "合计"]
            if total:
                overall = [c for c in total[0] if c]
            assert not re.search(r"\d{18}|\d{17}X", text)
    assert overall is not None
    assert _fen(overall[1]) == _fen(overall[2]) == sum(seen) == sum(_fen(p["amount"]) for p in due)
    assert len(seen) == len(due)


def test_handover_xlsx_and_goods(demo: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    out = tmp_path / "签收.xlsx"
    _run(capsys, "export", "relief-handover", "--db", str(demo), "--campaign", "1",
         "--out", str(out), "--order", "strokes")
    people = _people(capsys, demo)
    due = [p for p in people if p["status"] in ("已审批", "已发放")]
    wb = openpyxl.load_workbook(out)
    ws = wb["慰问金"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True)]
    body = [r for r in rows if r[0]]
    total = rows[-1]
    assert sorted(r[1] for r in body) == sorted(p["name"] for p in due)
    assert all(r[2] is None or re.fullmatch(r"\d{3}[\dX]", r[2]) for r in body)
    assert round(sum(r[5] for r in body) * 100) == round(total[5] * 100) == sum(
        _fen(p["amount"]) for p in due)
    assert _fen(total[6].split("人民币（大写）")[1].split("　")[0]) == round(total[5] * 100)
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    goods = wb["慰问品"]
    g = [r for r in goods.iter_rows(min_row=3, values_only=True) if r[0]]
    with_goods = [p for p in due if p["category"] in ("低保户", "重度残疾人家庭", "独居老人")]
    assert len(g) == len(with_goods)


def test_bureau_attachments_match_the_json(demo: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    out = tmp_path / "附件.xlsx"
    _run(capsys, "export", "relief-summary", "--db", str(demo), "--campaign", "1",
         "--out", str(out))
    c = json.loads(_run(capsys, "relief", "--db", str(demo), "--json"))[0]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["附件1", "附件2"]
    summary = [r for r in wb["附件1"].iter_rows(min_row=3, values_only=True)]
    assert [(r[1], r[2], r[3], round(r[4] * 100)) for r in summary] == [
        (t["category"], t["households"], t["people"], _fen(t["amount"])) for t in c["totals"]]
    detail = [r for r in wb["附件2"].iter_rows(min_row=3, values_only=True) if r[0]]
    header = next(wb["附件2"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert "困难原因" not in header and "住址" not in header
    at = header.index("金额（元）")
    assert round(sum(r[at] for r in detail[:-1]) * 100) == _fen(c["totals"][-1]["amount"])
    assert wb["附件1"]["A1"].value.startswith("附件1")


def test_log_holds_every_change_the_demo_made(demo: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    out = tmp_path / "记录.xlsx"
    said = _run(capsys, "export", "relief-log", "--db", str(demo), "--campaign", "1",
                "--out", str(out))
    rows = [r for r in openpyxl.load_workbook(out).active.iter_rows(min_row=3, values_only=True)]
    con = sqlite3.connect(demo)
    assert len(rows) == con.execute("SELECT count(*) FROM relief_log WHERE campaign_id = 1"
                                    ).fetchone()[0]
    assert f"{len(rows)} 条" in said
    people = {r[0]: r for r in con.execute(
        "SELECT id, name, status, amount_fen FROM relief_beneficiary").fetchall()}
    log = con.execute("SELECT beneficiary_id, what, old, new, why, clerk FROM relief_log "
                      "WHERE beneficiary_id IS NOT NULL ORDER BY id").fetchall()
    con.close()
    assert {r[2] for r in rows} == {"李敏"}  # the clerk column of the sheet
    for bid, (_id, name, status, _amount) in people.items():
        mine = [e for e in log if e[0] == bid]
        assert mine[0][1] == "新增"
        steps = [e for e in mine if e[1] == "状态"]
        # replaying the status entries gives the row's status
        assert (steps[-1][3] if steps else "拟定") == status, name
        assert all(a[3] == b[2] for a, b in zip(steps, steps[1:], strict=False))
    changed = [e for e in log if e[1] == "金额"]
    assert len(changed) == 1 and changed[0][4]
    assert any(e[1] == "更正" for e in log) and any(e[1] == "异议处理" for e in log)


def _relief_dump(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    out = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE "
                                "'relief%' ORDER BY name").fetchall():
        out.append((table, con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()))
    con.close()
    return out


def test_retention_cleanup_leaves_relief_alone(demo: Path) -> None:
    from models.datafile.db import open_database
    from models.signups.retention import cleanup_personal_data

    before = _relief_dump(demo)
    open_database(demo)
    try:
        assert cleanup_personal_data(1, today=date(2040, 1, 1)).preview.signups > 0
    finally:
        close_database()
    assert _relief_dump(demo) == before


def test_restore_brings_the_log_back_with_its_data(demo: Path) -> None:
    from models.datafile import backup as bk
    from models.datafile.db import open_database
    from models.datafile.restore import restore_from
    from models.relief.beneficiaries import update_beneficiary

    before = _relief_dump(demo)
    info = bk.backup_now(demo)
    open_database(demo)
    try:
        update_beneficiary(1, {"amount_fen": 12345}, "备份之后的改动")
    finally:
        close_database()
    assert _relief_dump(demo) != before
    restore_from(demo, info.path)
    close_database()
    assert _relief_dump(demo) == before


def test_clerk_from_the_command_line(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "经办人：张敏" in _run(capsys, "relief", "--db", str(demo), "--clerk", "张敏")
    assert "经办人：张敏" in _run(capsys, "relief", "--db", str(demo))
    assert "经办人姓名" in _run(capsys, "relief", "--db", str(demo), "--clerk", " ", rc=2)


def test_survey_import_from_the_command_line(demo: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "楼栋", "房号", "慰问类别", "家庭人口", "困难原因"])
    ws.append(["新来户", "50幢", "101室", "独居老人", 1, "独居"])
    ws.append(["错类别", "50幢", "102室", "五保户", 1, ""])
    path = tmp_path / "摸底.xlsx"
    wb.save(path)
    before = len(_people(capsys, demo))
    out = _run(capsys, "relief", "--db", str(demo), "--campaign", "1", "--import", str(path))
    assert "已导入 1 户（人）" in out and "第 3 行 错类别" in out
    people = _people(capsys, demo)
    assert len(people) == before + 1 and people[-1]["name"] == "新来户"
    assert people[-1]["amount"] == "300.00" and people[-1]["status"] == "拟定"
    ws.delete_rows(2)
    wb.save(path)
    err = _run(capsys, "relief", "--db", str(demo), "--campaign", "1", "--import", str(path),
               rc=2)
    assert "没有可导入的行" in err and len(_people(capsys, demo)) == before + 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_prints_the_relief_workbooks_one_page_wide(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every page LibreOffice prints carries the first and the last column's header: a sheet
    split across page widths would give pages of overflow columns without 序号."""
    import subprocess

    from pypdf import PdfReader

    made = {"relief-handover": ("序号", "日期"), "relief-summary": ("序号", "金额（元）"),
            "relief-log": ("序号", "原因")}
    for kind, (first, last) in made.items():
        xlsx = tmp_path / f"{kind}.xlsx"
        _run(capsys, "export", kind, "--db", str(demo), "--campaign", "1", "--out", str(xlsx))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)],
                       check=True, capture_output=True, timeout=180)
        pages = [p.extract_text() for p in PdfReader(tmp_path / f"{kind}.pdf").pages]
        assert pages, kind
        for text in pages:
            compact = text.replace(" ", "").replace("\n", "")
            assert first in compact and last in compact, (kind, text[:200])
