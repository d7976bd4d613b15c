"""The made roster itself (tests/roster_factory.py), checked without the importer: the same seed
gives the same workbook, the truth points at the rows that hold people and at no other, and the
values it expects agree with the ID numbers it gives."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl

from models.common.id_number import check_digit
from tests.roster_factory import RosterSpec, make_roster, truth_path


def _cells(path: Path) -> list[tuple[str, list[tuple], list[str]]]:
    wb = openpyxl.load_workbook(path)
    return [(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)],
             sorted(str(m) for m in ws.merged_cells.ranges)) for ws in wb.worksheets]


def test_same_seed_same_roster_other_seed_other_roster(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    truth = make_roster(a)
    assert make_roster(b) == truth
    assert _cells(a) == _cells(b)
    assert json.loads(truth_path(a).read_text(encoding="utf-8")) == truth
    other = make_roster(c, RosterSpec(seed=12))
    assert other["rows"] != truth["rows"] and _cells(c) != _cells(a)


def test_truth_rows_are_the_people_rows(made_roster) -> None:
    wb = openpyxl.load_workbook(made_roster.xlsx)
    truth = made_roster.truth
    listed = {(t["sheet"], t["row"]) for t in truth["rows"]}
    assert len(listed) == len(truth["rows"]) == truth["counts"]["total"]
    assert truth["counts"]["total"] == sum(truth["counts"][k] for k in
                                           ("import", "reject", "duplicate"))
    tables = {s["sheet"]: s for s in truth["sheets"]}
    assert set(wb.sheetnames) - set(tables) == {"填表说明"}
    for name, s in tables.items():
        ws = wb[name]
        header = [c.value for c in ws[s["header_row"]]]
        people = 0
        for r in range(s["header_row"] + 1, ws.max_row + 1):
            values = [c.value for c in ws[r]]
            if (name, r) in listed:
                people += 1
                assert values[0] == people  # 序号 counts the people only
            else:  # a blank row, the header again, the total or the "made by" line
                first = values[0]
                assert values == header or not any(values[1:]), (name, r)
                assert first is None or first == header[0] or str(first).startswith(
                    ("合计", "制表人")), (name, r)
        assert people == s["data_rows"]
        assert ws.cell(ws.max_row - 1, 1).value == f"合计：{people}人"


def test_expected_values_agree_with_their_id_numbers(made_roster) -> None:
    imports = [t["expect"] for t in made_roster.truth["rows"] if t["outcome"] == "import"]
    assert any(e["id"] is None for e in imports)
    for e in imports:
        assert e["name"] and e["name"] == "".join(e["name"].split())
        assert e["gender"] in ("男", "女") and date.fromisoformat(e["birth"]) < date.today()
        if e["id"]:
            i = e["id"]
            assert len(i) == 18 and check_digit(i[:17]) == i[17]
            assert i[6:14] == e["birth"].replace("-", "")
            assert ("男" if int(i[16]) % 2 else "女") == e["gender"]
    ids = [e["id"] for e in imports if e["id"]]
    assert len(ids) == len(set(ids))  # a second row with the same ID is a duplicate, not an import
