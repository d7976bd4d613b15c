"""Every public export is masked: each file in tests/public_exports.py is scanned for an unmasked
18-digit ID or 11-digit mobile number. The scanner itself is tested on xlsx, PDF and CSV files
holding the same synthetic people unmasked (found) and masked with models.common.masking (clean)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from models.common.masking import mask_id, mask_name, mask_phone
from tests.leakscan import find_leaks, scan
from tests.public_exports import PUBLIC_EXPORTS, PublicExport

ROOT = Path(__file__).resolve().parent.parent

# Synthetic people: made-up numbers in the right shape (not real persons).
PEOPLE = [
    ("张三明", "110101194910010018", "13800138000"),
    ("欧阳娜娜", "33010219900101123X", "15912345678"),
    ("李四", "440305200512310027", "0755-12345678"),  # a landline: not a mobile
]


@pytest.mark.parametrize("export", PUBLIC_EXPORTS, ids=lambda e: e.name)
def test_public_export_has_no_unmasked_numbers(export: PublicExport, db_path: Path,
                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = export.make(db_path, out)
    assert path.exists() and path.stat().st_size > 0
    assert scan(path) == [], f"{export.name} shows personal numbers unmasked"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_scan_catches_a_real_export_left_unmasked(suffix: str, db_path: Path,
                                                  tmp_path: Path) -> None:
    """The registry's scan is not blind on real exporter output: the internal, unmasked register
    is full of finds."""
    from tests.public_exports import residents_register

    out = tmp_path / "out"
    out.mkdir()
    path = residents_register(False, suffix)(db_path, out)
    assert len(scan(path)) >= 60


def rows(masked: bool) -> list[list[str]]:
    if not masked:
        return [list(p) for p in PEOPLE]
    return [[mask_name(n), mask_id(i), mask_phone(m)] for n, i, m in PEOPLE]


def write_xlsx(path: Path, data: list[list[str]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "签到表"
    ws.append(["姓名", "身份证号", "联系电话"])
    for r in data:
        ws.append(r)
    wb.save(path)
    return path


def write_pdf(path: Path, data: list[list[str]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont("WQY", str(font), subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("WQY", 12)
    y = 780
    for r in [["姓名", "身份证号", "联系电话"], *data]:
        c.drawString(60, y, "  ".join(r))
        y -= 20
    c.save()
    return path


def write_csv(path: Path, data: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号", "联系电话"])
        w.writerows(data)
    return path


@pytest.mark.parametrize("writer", [write_xlsx, write_pdf, write_csv], ids=["xlsx", "pdf", "csv"])
def test_scanner_finds_unmasked_and_passes_masked(writer, tmp_path: Path) -> None:
    ext = writer.__name__.split("_")[1]
    leaky = scan(writer(tmp_path / f"leaky.{ext}", rows(masked=False)))
    assert sorted(leaky) == sorted(["110101194910010018", "33010219900101123X",
                                    "440305200512310027", "13800138000", "15912345678"])
    assert scan(writer(tmp_path / f"clean.{ext}", rows(masked=True))) == []


def test_scanner_catches_numbers_stored_as_numbers_and_headers(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 13800138000  # a mobile typed as a number
    ws["A2"] = 13800138000.0
    ws.oddFooter.center.text = "联系人 159-1234-5678"
    path = tmp_path / "n.xlsx"
    wb.save(path)
    assert sorted(scan(path)) == ["13800138000", "13800138000", "159-1234-5678"]


def test_pattern_edges() -> None:
    assert find_leaks("编号 1234567890123456789") == []  # 19 digits: not an ID
    assert find_leaks("金额 13800138000.5 元") == ["13800138000"]
    assert find_leaks("110101********0018 138****8000") == []
    assert find_leaks("电话12800138000") == []  # 12x is not a mobile prefix


# --- rebuilding masked values from the other columns (issue 10, defect 5) ---------------------

@pytest.mark.parametrize("export", PUBLIC_EXPORTS, ids=lambda e: e.name)
def test_masked_values_cannot_be_rebuilt(export: PublicExport, db_path: Path,
                                         tmp_path: Path) -> None:
    """Read each public output back as tables and try to rebuild every masked ID, phone and
    name from the other columns of the same file: each keeps at least a thousand candidates."""
    from tests.leakscan import file_text
    from tests.rebuild import id_findings, name_findings, phone_findings, read_tables

    out = tmp_path / "out"
    out.mkdir()
    path = export.make(db_path, out)
    tables = read_tables(path)
    assert tables, f"{export.name}: no table read back"
    findings = (id_findings(tables) + phone_findings(tables, file_text(path))
                + name_findings(tables))
    assert not findings, f"{export.name}: " + "; ".join(map(str, findings[:5]))


@pytest.mark.parametrize("export", [e for e in PUBLIC_EXPORTS if e.masked_ids or e.masked_phones],
                         ids=lambda e: e.name)
def test_masked_values_are_there_to_attack(export: PublicExport, db_path: Path,
                                           tmp_path: Path) -> None:
    """The attack above is not idle: these outputs do carry 6+4 IDs and masked phones, read
    back as such (from the PDF's ruled table too)."""
    from tests.rebuild import masked_ids, read_tables

    out = tmp_path / "out"
    out.mkdir()
    tables = read_tables(export.make(db_path, out))
    if export.masked_ids:
        assert masked_ids(tables) >= 40
    if export.masked_phones:
        phones = [r["联系电话"] for t in tables for r in t.rows if "*" in r.get("联系电话", "")]
        assert len(phones) >= 40


def test_the_attacker_rebuilds_what_it_can() -> None:
    """The enumeration is right: a birth date beside a 6+4 ID gives the ID back exactly, a birth
    year leaves a few dozen, an age on a known day a few dozen, nothing else a few thousand."""
    from datetime import date

    from tests.rebuild import Known, id_candidates

    real = "11010119491001001X"
    masked = mask_id(real)
    day = date(2026, 10, 29)
    assert id_candidates(masked, Known(day, birth=date(1949, 10, 1))) == [real]
    by_year = id_candidates(masked, Known(day, year=1949))
    assert real in by_year and 20 <= len(by_year) <= 50
    by_age = id_candidates(masked, Known(day, ages=[(77, 77)]))
    assert real in by_age and 20 <= len(by_age) <= 50
    by_band = id_candidates(masked, Known(day, ages=[(60, 79)]))
    assert real in by_band and 500 <= len(by_band) < 1000  # 60-79 alone is too narrow
    everything = id_candidates(masked, Known(day))
    assert len(everything) > 3000
    from models.common.id_number import check_digit

    assert all(check_digit(c[:17]) == c[17] for c in everything)  # the app's own check digit


def test_one_age_band_for_everyone_narrows_every_id(db_path: Path, tmp_path: Path) -> None:
    """An activity for the elderly: everyone is 60-79, so an age breakdown in the same file
    (the roster's 出勤统计 sheet) would narrow each 6+4 ID to ~660 dates. The masked roster of
    such an activity leaves every ID at a thousand candidates or more."""
    from datetime import date

    from exporters.signups.sheets import export_roster
    from models.signups.records import NewSignup
    from models.signups.service import sign_up
    from tests.rebuild import _one_band_for_all, id_findings, masked_ids, read_tables
    from tests.signup_factory import make_activity, make_resident

    plan = make_activity("老年人健康讲座", capacity=None)
    for i in range(12):
        rid = make_resident(f"王{'一二三四五六七八九十甲乙'[i]}明", date(1950 + i, 3, 1 + i), seq=i)
        assert sign_up(plan, NewSignup(resident_id=rid)).saved
    path = export_roster(plan, tmp_path / "r.xlsx", masked=True) and tmp_path / "r.xlsx"
    tables = read_tables(path)
    assert masked_ids(tables) == 12
    findings = id_findings(tables)
    assert not findings, "; ".join(map(str, findings[:3]))
    assert _one_band_for_all(tables) is None  # no age breakdown left to read


@pytest.mark.parametrize("kind", ["residents.xlsx", "residents.csv", "residents-pinyin.csv",
                                  "signin.xlsx", "signin.pdf", "roster.xlsx"])
def test_row_order_does_not_tell_hidden_characters(kind: str, tmp_path: Path) -> None:
    """A list ordered by 姓氏笔画 (or pinyin) sorts on the hidden characters too: two people with
    the same visible 张*明 in two buildings come out in an order that says whose middle character
    has more strokes. Two data files that differ only in what is hidden (the middle characters
    swapped) give the same masked output."""
    from tests.rebuild import read_tables

    outputs = []
    for n, names in enumerate((("张一明", "张鑫明"), ("张鑫明", "张一明"))):
        outputs.append([(t.header, t.rows) for t in read_tables(
            _masked_pair_export(kind, names, tmp_path / str(n)))])
    assert outputs[0] == outputs[1]


def _masked_pair_export(kind: str, names: tuple[str, str], folder: Path) -> Path:
    from datetime import date

    from models.datafile.db import close_database, open_database
    from tests.signup_factory import make_activity, make_resident

    folder.mkdir()
    open_database(folder / "t.db")
    try:
        # What is visible differs (building, ID's last four, phone's last four), so the order
        # of the two rows can be seen.
        ids = [make_resident(name, date(1960, 5, 1), seq=seq, building=building,
                             phone=f"138000{seq}{seq}{seq}{seq}{seq}")
               for name, building, seq in zip(names, ("1幢", "2幢"), (7, 8), strict=True)]
        target = folder / f"out.{kind.split('.')[1]}"
        if kind.startswith("residents"):
            from exporters.residents.roster import export_residents

            order = "pinyin" if "pinyin" in kind else "strokes"
            export_residents(target, masked=True, order=order)
            return target
        from models.signups.records import NewSignup
        from models.signups.service import sign_up

        plan = make_activity(capacity=None)
        # Sign-up order is not hidden data: the same people sign up in the same order.
        for rid in ids:
            assert sign_up(plan, NewSignup(resident_id=rid)).saved
        if kind == "signin.pdf":
            from exporters.signups.signin_pdf import export_signin_pdf

            export_signin_pdf(plan, target, masked=True, order="strokes")
        elif kind == "signin.xlsx":
            from exporters.signups.sheets import export_signin_xlsx

            export_signin_xlsx(plan, target, masked=True, order="strokes")
        else:
            from exporters.signups.sheets import export_roster

            export_roster(plan, target, masked=True, order="strokes")
        return target
    finally:
        close_database()


def test_masked_register_leaves_health_tags_off(db_path: Path, tmp_path: Path) -> None:
    """孕妇 and 残疾人 are health (docs/printing.md: off lists that leave the office); 孕妇 beside a
    6+4 ID also puts the birth within a few decades. Aid and other tags stay."""
    from datetime import date

    from exporters.residents.roster import export_residents
    from tests.rebuild import id_findings, read_tables
    from tests.signup_factory import make_resident

    make_resident("孙丽华", date(1996, 4, 2), gender="女", tags=["党员", "孕妇"], seq=3)
    make_resident("周强", date(1950, 1, 9), tags=["残疾人", "低保户"], seq=4)
    path = tmp_path / "公示.csv"
    export_residents(path, masked=True)
    (table,) = read_tables(path)
    assert [r["标签"] for r in table.rows] == ["党员", "低保户"]  # 孙 (6 strokes) before 周 (8)
    assert id_findings([table]) == []


def test_command_line_masked_exports_resist_the_attack(db_path: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The clerk's command line path: `residents export --masked` and `export roster --masked`
    write what the attack above cannot rebuild, and a tag typed as a formula stays text."""
    import main
    from models.residents.service import ResidentRecord, save_resident
    from tests.leakscan import scan
    from tests.public_exports import activity_with_signups
    from tests.rebuild import id_findings, masked_ids, read_tables

    plan = activity_with_signups()
    formula = '=HYPERLINK("http://x.invalid","y")'  # a name like this is refused, a tag is not
    result = save_resident(ResidentRecord(name="王芳", building=formula, tags=[formula]),
                           allow_warnings=True)
    assert result.saved, result.problems
    outs = {"residents": tmp_path / "名册.csv", "roster": tmp_path / "报名名册.xlsx"}
    assert main.main(["residents", "export", "--db", str(db_path), "--masked",
                      "--out", str(outs["residents"])]) == 0
    assert main.main(["export", "roster", "--db", str(db_path), "--activity", str(plan),
                      "--masked", "--out", str(outs["roster"])]) == 0
    for path in outs.values():
        tables = read_tables(path)
        assert masked_ids(tables) >= 40 and id_findings(tables) == [] and scan(path) == []
    (row,) = [r for t in read_tables(outs["residents"]) for r in t.rows if r["姓名"] == "王*"]
    assert row["楼栋"] == row["标签"] == "'" + formula
    assert "已导出" in capsys.readouterr().out
