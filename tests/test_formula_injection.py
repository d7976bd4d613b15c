"""Formula injection (issue 10, defect 6): every workbook and CSV the app writes, fed residents,
sign-ups, a plan and an import report whose every text field starts with = + - @, a tab or a
carriage return. Read back with openpyxl (formulas as written, not values): no formula cell
anywhere and the typed text there as text; CSV fields start with an apostrophe instead. Then
LibreOffice opens each file (xlsx -> csv, csv -> xlsx) and the text comes out literally, never
evaluated.

The writers: exporters/residents/roster.py (xlsx and csv, full and masked),
exporters/residents/import_report.py, exporters/signups/sheets.py (roster full and masked,
sign-in sheet, blank form, attendance). The blank form has no person's text but the plan's title
and places; the attendance sheet the title and the buildings.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest

STARTS = ("=", "+", "-", "@", "\t", "\r")


def payload(start: str, what: str) -> str:
    """Live in a spreadsheet if written as a formula: a link, or a sum that would show 3."""
    if start in "=+-@":
        return f'{start}HYPERLINK("http://x.invalid/{what}","{what}")'
    return f"{start}=1+2+{what}"


def norm(text: str) -> str:
    """XML reads a bare carriage return as a line feed; the text is otherwise the same."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Outputs:
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    # per output: texts that must be found there as typed (a cell or a field contains them)
    expect: dict[str, list[str]] = field(default_factory=dict)


def _people(n0: int) -> list:
    from models.common.id_number import check_digit
    from models.residents.records import ResidentRecord

    out = []
    for k, start in enumerate(STARTS):
        first17 = f"330102{date(1950 + k, 1, 2):%Y%m%d}{n0 + k:03d}"
        out.append(ResidentRecord(
            name=payload(start, f"name{k}"), gender="男" if k % 2 else "女",
            birth=date(1950 + k, 1, 2), id_number=first17 + check_digit(first17),
            phone=f"1380000{n0 + k:04d}", building=payload(start, f"bld{k}"),
            unit=payload(start, f"unit{k}"), room="", address="",
            tags=[payload(start, f"tag{k}")]))
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outputs]:
    from exporters.residents.import_report import write_import_report
    from exporters.residents.roster import export_residents
    from exporters.signups import sheets
    from models.datafile.db import close_database, database, open_database
    from models.residents import store
    from models.residents.imports.importer import REJECTED, ImportReport, RowOutcome
    from models.signups.records import CompanionRecord, NewSignup
    from models.signups.service import sign_up
    from tests.signup_factory import make_activity

    folder = tmp_path_factory.mktemp("inject")
    open_database(folder / "t.db")
    try:
        people = _people(1)
        with database.atomic():
            ids = store.bulk_insert(people, datetime(2026, 9, 1, 8, 0))
        plan = make_activity(payload("=", "title"), capacity=None,
                             places=payload("+", "place") + "\n" + payload("@", "place2"))
        for k, (rid, start) in enumerate(zip(ids, STARTS, strict=True)):
            result = sign_up(plan, NewSignup(
                resident_id=rid, notes=payload(start, f"note{k}"),
                companions=[CompanionRecord(payload(start, f"comp{k}"), "子女", 5)]),
                override_note="允许", now=datetime(2026, 10, 1, 9, k))
            assert result.saved, result
        out = Outputs(folder)
        names = [p.name for p in people]
        everything = [t for p in people for t in (p.name, p.building, p.unit, p.tags[0])]
        for suffix in (".xlsx", ".csv"):
            path = folder / f"residents{suffix}"
            assert export_residents(path, title=payload("=", "restitle")) == len(people)
            out.files[f"residents{suffix}"] = path
            out.expect[f"residents{suffix}"] = everything + (
                [payload("=", "restitle")] if suffix == ".xlsx" else [])
            path = folder / f"residents_masked{suffix}"
            assert export_residents(path, masked=True) == len(people)
            out.files[f"residents_masked{suffix}"] = path
            out.expect[f"residents_masked{suffix}"] = [p.building for p in people] + [
                p.tags[0] for p in people]
        # The sign-up trims its notes and companions' names: a leading tab or CR is not kept.
        notes = [payload(s, f"note{k}").strip() for k, s in enumerate(STARTS)]
        comps = [payload(s, f"comp{k}").strip() for k, s in enumerate(STARTS)]
        title = payload("=", "title")
        for masked in (False, True):
            key = "roster_masked.xlsx" if masked else "roster.xlsx"
            out.files[key] = folder / key
            assert sheets.export_roster(plan, out.files[key], masked=masked) == len(people)
            out.expect[key] = [title, *([] if masked else names + notes + comps),
                               *[p.building for p in people]]
        out.files["signin.xlsx"] = folder / "signin.xlsx"
        sheets.export_signin_xlsx(plan, out.files["signin.xlsx"])
        out.expect["signin.xlsx"] = [title, *names, *comps]
        out.files["form.xlsx"] = folder / "form.xlsx"
        sheets.export_signup_form(plan, out.files["form.xlsx"])
        out.expect["form.xlsx"] = [title, payload("+", "place")]
        out.files["attendance.xlsx"] = folder / "attendance.xlsx"
        sheets.export_attendance(plan, out.files["attendance.xlsx"])
        out.expect["attendance.xlsx"] = [title, *[p.building for p in people]]
        report = ImportReport(source=payload("=", "file") + ".xlsx", sheets=[], rows=[
            RowOutcome(sheet=payload(s, f"sheet{k}"), row=k + 2, outcome=REJECTED,
                       name=payload(s, f"rej{k}"), reason=payload(s, f"why{k}"))
            for k, s in enumerate(STARTS)])
        out.files["import_report.xlsx"] = folder / "import_report.xlsx"
        write_import_report(out.files["import_report.xlsx"], report)
        out.expect["import_report.xlsx"] = [payload("=", "file"), *[
            payload(s, f"{w}{k}") for k, s in enumerate(STARTS) for w in ("sheet", "rej", "why")]]
        yield out
    finally:
        close_database()


XLSX = ["residents.xlsx", "residents_masked.xlsx", "roster.xlsx", "roster_masked.xlsx",
        "signin.xlsx", "form.xlsx", "attendance.xlsx", "import_report.xlsx"]
CSV = ["residents.csv", "residents_masked.csv"]


def test_every_writer_is_covered() -> None:
    """A new Workbook( or csv writer in exporters/ needs its place in this file."""
    root = Path(__file__).resolve().parent.parent / "exporters"
    writers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                     if "Workbook(" in p.read_text(encoding="utf-8")
                     or "csv.writer(" in p.read_text(encoding="utf-8"))
    # The contests' sheets are fed the same payloads in tests/test_contests_injection.py, the
    # relief ones in tests/test_relief_injection.py, the volunteers' in tests/test_volunteers_cli.py
    # (test_hostile_text_stays_text...).
    assert writers == ["contests/certificates.py", "contests/results.py",
                       "contests/score_sheet.py", "relief/bureau.py", "relief/handover.py",
                       "relief/log_sheet.py", "residents/import_report.py",
                       "residents/roster.py", "signups/sheets.py",
                       "volunteers/certificate.py", "volunteers/form.py", "volunteers/ledger.py"]


@pytest.mark.parametrize("key", XLSX)
def test_xlsx_has_no_formula_and_keeps_the_text(outputs: Outputs, key: str) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(outputs.files[key])  # formulas as written, not their values
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{key} {ws.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str):
                    texts.append(norm(cell.value))
    for text in outputs.expect[key]:
        assert any(norm(text) in t for t in texts), f"{key}: {text!r} not written as text"


@pytest.mark.parametrize("key", CSV)
def test_csv_fields_are_neutralised(outputs: Outputs, key: str) -> None:
    with outputs.files[key].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    fields = [f for r in rows for f in r]
    assert not [f for f in fields if f.startswith(STARTS)]
    for text in outputs.expect[key]:
        assert any(f == "'" + text or ("'" + text) in f for f in fields), (key, text)


def _soffice(args: list[str], folder: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    # A profile of its own: another soffice running on the machine does not get in the way.
    profile = (folder / "lo-profile").as_uri()
    env = {**os.environ, "HOME": str(folder)}
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", *args],
                   check=True, capture_output=True, timeout=240, env=env)


def test_libreoffice_shows_the_xlsx_text_literally(outputs: Outputs) -> None:
    out = outputs.folder / "lo-csv"
    # Every sheet of every workbook to CSV (UTF-8), the cells as LibreOffice shows them.
    _soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,"
              "false,false,-1", "--outdir", str(out), *[str(outputs.files[k]) for k in XLSX]],
             outputs.folder)
    for key in XLSX:
        stem = outputs.files[key].stem
        shown = [norm(f) for p in sorted(out.glob(f"{stem}-*.csv"))
                 for r in csv.reader(p.open(encoding="utf-8", newline="")) for f in r]
        assert shown, f"LibreOffice wrote nothing for {key}"
        for text in outputs.expect[key]:
            assert any(norm(text) in f for f in shown), f"{key}: {text!r} evaluated or lost"


def test_libreoffice_does_not_evaluate_the_csv(outputs: Outputs) -> None:
    import openpyxl

    out = outputs.folder / "lo-xlsx"
    _soffice(["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out),
              *[str(outputs.files[k]) for k in CSV]], outputs.folder)
    for key in CSV:
        ws = openpyxl.load_workbook(out / (outputs.files[key].stem + ".xlsx")).active
        cells = [c for row in ws.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], key
        values = [norm(str(c.value)) for c in cells if c.value is not None]
        for text in outputs.expect[key]:
            assert any(norm("'" + text) in v for v in values), f"{key}: {text!r}"


def test_drop_down_choices_stay_choices(db_path: Path, tmp_path: Path) -> None:
    """A tag typed with a quote: the blank form's 所属人群 list keeps it as one choice (a bare
    quote ended the list's string early, and what followed was read as formula)."""
    import openpyxl

    from exporters.signups.sheets import export_signup_form
    from tests.signup_factory import make_activity

    tag = '低保"&"x'  # unescaped, the list formula became "低保"&"x": a live concatenation
    plan = make_activity("读书会", capacity=None, required_tags=tag)
    path = tmp_path / "form.xlsx"
    export_signup_form(plan, path)
    ws = openpyxl.load_workbook(path).active
    (dv,) = [d for d in ws.data_validations.dataValidation if "低保" in (d.formula1 or "")]
    assert dv.formula1 == '"低保""&""x"'
