"""Volunteers from the command line, as a clerk runs them: demo, then `volunteers --json`, the
ledger (xlsx and PDF), the forms and a certificate. The JSON's hours equal the ledger's and the
certificate's for the same person and period, and all equal a sum read from the data file with
SQL. Outputs are read back as an attacker: no formula in any cell, no phone or ID number on the
ledger (it does not need them), a typed text kept whole."""
from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import main
from models.datafile.db import close_database

YEAR = date.today().year


def _run(capsys: pytest.CaptureFixture[str], *args: str, rc: int = 0) -> str:
    capsys.readouterr()
    got = main.main(list(args))
    close_database()
    assert got == rc
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("vol") / "demo.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    close_database()
    return db


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def _sql(db: Path, sql: str, *params: object) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_json_hours_equal_the_ledger_the_certificate_and_the_file(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = json.loads(_run(capsys, "volunteers", "--db", str(demo_db), "--year", str(YEAR),
                             "--json"))
    assert len(people) == 60 and {p["team"] for p in people} == {
        "政策宣传服务队", "环境整治服务队", "关爱帮扶服务队", "平安巡逻服务队"}
    assert {"id", "name", "team", "times", "hours", "meets_minimum"} <= set(people[0])
    short = [p for p in people if not p["on_course"]]
    assert short and all("可能达不到" in p["reason"] or "差" in p["reason"] for p in short)
    assert any(p["eligibility"] for p in people), "the demo's 群众 member is shown, not dropped"
    # Against the file itself.
    for p in people:
        times, minutes = _sql(demo_db, "SELECT COUNT(*), COALESCE(SUM(h.minutes), 0) FROM "
                              "service_hours h JOIN service s ON s.id = h.service_id "
                              "WHERE h.volunteer_id = ? AND s.kind = '服务' AND s.day "
                              "BETWEEN ? AND ?", p["id"], f"{YEAR}-01-01", f"{YEAR}-12-31")[0]
        assert (p["times"], p["minutes"]) == (times, minutes)
    # The ledger's summary sheet, row by row.
    ledger = tmp_path / "台帐.xlsx"
    _run(capsys, "export", "volunteer-ledger", "--db", str(demo_db), "--year", str(YEAR),
         "--out", str(ledger))
    wb = load_workbook(ledger)
    assert wb.sheetnames[0] == "年度汇总" and "环境整治服务队" in wb.sheetnames
    ws = wb["年度汇总"]
    header = [c.value for c in ws[2]]
    col = {name: header.index(name) for name in ("志愿者编号", "服务次数", "服务时长", "折合分钟")}
    rows = {r[col["志愿者编号"]]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    for p in people:
        r = rows[p["number"]]
        assert (r[col["服务次数"]], r[col["服务时长"]], r[col["折合分钟"]]) == \
            (p["times"], p["hours"], p["minutes"])
    total = rows["合计"] if "合计" in rows else next(r for r in ws.iter_rows(values_only=True)
                                                    if r[0] == "合计")
    assert total[col["折合分钟"]] == sum(p["minutes"] for p in people)
    # A certificate for the year so far: the same hours.
    p = max(people, key=lambda q: q["minutes"])
    cert = tmp_path / "证明.pdf"
    out = _run(capsys, "export", "service-certificate", "--db", str(demo_db), "--volunteer",
               p["number"], "--from", f"{YEAR}-01-01", "--to", date.today().isoformat(),
               "--handler", "李明", "--out", str(cert))
    assert f"ZYZM-{date.today().year}-0001" in out
    text = _pdf_text(cert).replace("\n", "")
    assert f"累计志愿服务时长{p['hours']}" in text and f"志愿服务 {p['times']} 次" in text
    assert p["name"] in text and "证书编号" in text and "李明" in text
    assert _sql(demo_db, "SELECT minutes, services FROM service_certificate") == \
        [(p["minutes"], p["times"])]


def test_ledger_pdf_and_forms(demo_db: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "台帐.pdf"
    _run(capsys, "export", "volunteer-ledger", "--db", str(demo_db), "--year", str(YEAR),
         "--team", "环境整治服务队", "--out", str(pdf))
    text = _pdf_text(pdf)
    assert "环境整治服务队" in text and "8月服务 0 次，应至少 1 次" in text
    assert "政策宣传服务队" not in text
    for name in ("空白.pdf", "空白.xlsx"):
        _run(capsys, "export", "volunteer-form", "--db", str(demo_db), "--out",
             str(tmp_path / name))
    blank = _pdf_text(tmp_path / "空白.pdf")
    for box in ("党员志愿者登记表", "照片", "本人签名", "（盖章）", "身份证号", "政治面貌"):
        assert box in blank
    ws = load_workbook(tmp_path / "空白.xlsx").active
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"男,女"' in lists and any("入党积极分子" in f for f in lists)
    number = _sql(demo_db, "SELECT number FROM volunteer WHERE resident_id IS NULL "
                  "ORDER BY id LIMIT 1")[0][0]
    _run(capsys, "export", "volunteer-form", "--db", str(demo_db), "--volunteer", number,
         "--out", str(tmp_path / "填好.xlsx"))
    values = [c.value for row in load_workbook(tmp_path / "填好.xlsx").active.iter_rows()
              for c in row]
    name, phone = _sql(demo_db, "SELECT name, phone FROM volunteer WHERE number = ?", number)[0]
    assert name in values and phone in values and number in values


def test_refusals_are_plain_chinese_and_change_nothing(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _sql(demo_db, "SELECT COUNT(*) FROM service_certificate")
    for args, words in (
        (["export", "volunteer-form", "--volunteer", "ZY1999", "--out", "a.pdf"], "找不到志愿者"),
        (["export", "volunteer-ledger", "--year", str(YEAR), "--out", "a.docx"],
         "请用 .xlsx 或 .pdf"),
        (["export", "volunteer-ledger", "--year", str(YEAR), "--team", "没有这个队",
          "--out", "a.xlsx"], "找不到名为“没有这个队”的服务队"),
        (["export", "service-certificate", "--volunteer", "ZY20250001", "--from", "昨天",
          "--out", "c.pdf"], "看不懂"),
        (["export", "service-certificate", "--volunteer", "ZY20250001", "--from", "2001-01-01",
          "--to", "2001-12-31", "--out", "c.pdf"], "没有志愿服务记录"),
    ):
        out = _run(capsys, *args[:2], "--db", str(demo_db), *[
            str(tmp_path / a) if a.endswith((".pdf", ".xlsx", ".docx")) else a for a in args[2:]],
            rc=2)
        assert words in out and "Traceback" not in out
    assert _sql(demo_db, "SELECT COUNT(*) FROM service_certificate") == before
    assert not list(tmp_path.iterdir()), "nothing written"


def test_hostile_text_stays_text_and_the_ledger_holds_no_phone_or_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from models.datafile.db import open_database
    from models.volunteers.records import NewService, NewVolunteer, Served
    from models.volunteers.service import add_volunteer, create_team, record_service

    db = tmp_path / "h.db"
    open_database(db)
    team = create_team("=HYPERLINK(\"http://x\",\"队\")", "+1+1", "@SUM(A1)", "-2")
    v = add_volunteer(NewVolunteer(name="张三", team_id=team.id, phone="13812345678",
                                   id_number="110101199003074573", political="中共党员",
                                   skills="=1+1", joined=date(YEAR, 1, 1)))
    hostile = "=cmd|' /C calc'!A0\t<b>粗</b>&amp;"
    record_service(NewService(date(YEAR, 1, 2), team.id, [Served(v.id, 61, "=A1")],
                              place="@x", content=hostile))
    close_database()
    for out in ("l.xlsx", "l.pdf"):
        _run(capsys, "export", "volunteer-ledger", "--db", str(db), "--year", str(YEAR),
             "--out", str(tmp_path / out))
    _run(capsys, "export", "volunteer-form", "--db", str(db), "--volunteer", v.number,
         "--out", str(tmp_path / "f.xlsx"))
    from exporters.volunteers.certificate import export_register_xlsx
    from models.volunteers.certificates import Issuer, issue_certificate

    open_database(db)
    cert = issue_certificate(v.id, None, None, Issuer("=社区", handler="+经办"), notes="@备注")
    export_register_xlsx([cert], tmp_path / "r.xlsx")
    close_database()
    seen: list[str] = []
    for name in ("l.xlsx", "f.xlsx", "r.xlsx"):
        wb = load_workbook(tmp_path / name)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", f"{name}!{c.coordinate} is a formula: {c.value}"
                    if isinstance(c.value, str):
                        seen.append(c.value)
    joined = "\n".join(seen)
    assert hostile in joined and "=1+1" in joined and "1小时1分" in joined
    assert "+经办" in joined and "@备注" in joined
    ledger = [c.value for ws in load_workbook(tmp_path / "l.xlsx").worksheets
              for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    pdf = _pdf_text(tmp_path / "l.pdf")
    for secret in ("13812345678", "110101199003074573", "5678", "4573"):
        assert not any(secret in s for s in ledger) and secret not in pdf
    assert "<b>粗</b>&amp;" in pdf.replace("\n", "")


def test_ledger_prints_one_page_wide_in_libreoffice(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    ledger = tmp_path / "台帐.xlsx"
    _run(capsys, "export", "volunteer-ledger", "--db", str(demo_db), "--year", str(YEAR),
         "--out", str(ledger))
    wb = load_workbook(ledger)
    for ws in wb.worksheets:
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows, ws.title
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(ledger)],
                   check=True, capture_output=True, timeout=240)
    reader = PdfReader(tmp_path / "台帐.pdf")
    text = [p.extract_text() for p in reader.pages]
    # Every page carries its footer, and no column spilt onto a page of its own: each page
    # of a team's sheet shows the 时长合计 column beside the 日期 column.
    assert all("页" in t for t in text)
    team_pages = [t for t in text if "参加人员及时长" in t]
    assert team_pages and all("时长合计" in t and "日期" in t for t in team_pages)
