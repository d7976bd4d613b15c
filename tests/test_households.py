"""Households (issue 14): a household register imports with every person's address and household
as the generator's truth says, field by field; the same register three months later reports and
applies exactly the changes made; people who left are out of lists, figures and searches."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import main
from models.residents import households as hh
from models.residents.figures import population_figures
from models.residents.imports.importer import (
    IMPORTED,
    REJECTED,
    UPDATED,
    ImportOptions,
    import_residents,
    preview_import,
)
from models.residents.records import ResidentQuery
from models.residents.service import (
    count_residents,
    find_by_id_number,
    get_resident,
    list_buildings,
    list_tags,
    search_residents,
)
from tests.household_factory import HouseholdSheet, make_quarterly_pair
from tests.roster_factory import NotesSheet, RosterSpec, make_roster


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("register") / "register.xlsx"
    spec = RosterSpec(seed=3, sheets=[NotesSheet(), HouseholdSheet("9幢", "9幢", 40),
                                      HouseholdSheet("10幢", "10幢", 30)], check_quirks=False)
    return path, make_roster(path, spec)


@pytest.fixture(scope="module")
def quarterly(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("quarterly")
    return folder, make_quarterly_pair(folder)


def _person(rec) -> dict:
    return {"name": rec.name, "gender": rec.gender, "birth": rec.birth.isoformat(),
            "id": rec.id_number, "phone": rec.phone or None, "building": rec.building,
            "unit": rec.unit, "room": rec.room, "relation": rec.relation}


def test_register_imports_every_address_and_household(db_path: Path, register) -> None:
    path, truth = register
    report = import_residents(path)
    assert (report.imported, report.rejected, report.duplicates) == (
        truth["counts"]["import"], 0, 0)
    assert report.households == 70 and report.new_households == 70
    by_where = {r.where: r for r in report.rows}
    home_of: dict[str, int] = {}
    for t in truth["rows"]:
        row = by_where[f"{t['sheet']}!{t['row']}"]
        assert row.outcome == IMPORTED, (t, row.explanation)
        stored = get_resident(row.resident_id)
        want = {k: v for k, v in t["expect"].items() if k not in ("tags", "household")}
        assert _person(stored) == want, t
        # One household per truth key, the same for every member, never shared with another.
        assert stored.household_id is not None
        assert home_of.setdefault(t["expect"]["household"], stored.household_id) == \
            stored.household_id
    assert len(set(home_of.values())) == len(home_of) == 70
    # Each household: its head, its address, its members.
    for key, hid in home_of.items():
        rows = [t["expect"] for t in truth["rows"] if t["expect"]["household"] == key]
        got = hh.get_household(hid)
        assert got.head is not None and got.head.name == rows[0]["name"]
        assert (got.building, got.unit, got.room) == (rows[0]["building"], rows[0]["unit"],
                                                      rows[0]["room"])
        assert sorted(m.name for m in got.members) == sorted(r["name"] for r in rows)
    # Names written with a lookalike of the middle dot were stored with "·", and "同上" nowhere.
    assert any("·" in t["expect"]["name"] for t in truth["rows"])
    assert search_residents(ResidentQuery(text="同上")).total == 0
    assert "同上" not in list_buildings()


def test_preview_shows_the_households_it_found(db_path: Path, register) -> None:
    path, _truth = register
    preview = preview_import(path, limit=5)
    assert preview.prepared is not None and preview.prepared.households == 70
    first = preview.rows["9幢"]
    assert first[0].relation == "户主" and first[0].group == 1
    assert count_residents() == 0  # nothing written


def _import(path: Path, **kw) -> object:
    return import_residents(path, options=ImportOptions(**kw))


def test_quarterly_update_reports_and_applies_exactly_the_changes(db_path: Path,
                                                                  quarterly) -> None:
    folder, info = quarterly
    first = import_residents(folder / "register_q3.xlsx")
    assert first.rejected == 0 and first.duplicates == 0
    before = count_residents()
    report = import_residents(folder / "register_q4.xlsx")
    rows = report.rows
    updated = {r.record.id_number: r for r in rows if r.outcome == UPDATED}
    assert set(updated) == set(info["changed"])
    for idn, fields in info["changed"].items():
        got = {c.field: [c.old, c.new] for c in updated[idn].changes}
        assert got == fields, idn
        stored = find_by_id_number(idn)
        for name, (_old, new) in fields.items():
            assert getattr(stored, name) == new
    assert sorted(r.record.id_number for r in rows if r.outcome == IMPORTED) == sorted(
        info["new"])
    # The child without an ID: same name and birth date, another phone: refused until confirmed.
    kid_name, old_phone, new_phone = info["no_id_phone"]
    refused = [r for r in rows if r.outcome == REJECTED]
    assert [r.code for r in refused] == ["name_match"] and refused[0].name == kid_name
    # Everyone else is unchanged; nobody is a duplicate.
    assert report.unchanged == len(rows) - len(updated) - len(info["new"]) - 1
    assert report.duplicates == 0
    assert count_residents() == before + len(info["new"])
    # Who died or moved out is listed, and left as they were.
    missing = {m.resident_id for m in report.missing}
    assert missing == {find_by_id_number(i).id for i in info["missing"]}
    assert all(find_by_id_number(i).status == "在册" for i in info["missing"])
    # The baby joined household 3; the newcomers are a household of their own.
    baby = find_by_id_number(info["new"][0])
    assert baby.household_id is not None and hh.household_of(baby.id).head is not None
    assert report.summary_lines()[-1] == (
        f"imported={len(info['new'])} rejected=1 duplicates=0 updated={len(updated)} "
        f"unchanged={report.unchanged}")
    line = next(x for x in report.summary_lines() if "联系电话：" in x)
    assert " -> 139" in line
    # Confirmed, the name match updates the child's phone; a third import changes nothing.
    again = _import(folder / "register_q4.xlsx", apply_name_matches=True)
    assert (again.imported, again.updated, again.rejected) == (0, 1, 0)
    kid = next(r for r in again.rows if r.outcome == UPDATED)
    assert kid.matched_by == "name" and [str(c) for c in kid.changes] == [
        f"联系电话：{old_phone} -> {new_phone}"]
    third = _import(folder / "register_q4.xlsx", apply_name_matches=True)
    assert third.unchanged == len(third.rows) and third.imported == third.updated == 0


def test_an_unticked_change_is_not_written(db_path: Path, quarterly) -> None:
    folder, info = quarterly
    import_residents(folder / "register_q3.xlsx")
    idn, fields = next((i, f) for i, f in info["changed"].items() if "phone" in f)
    from models.residents.imports.importer import prepare_import, write_prepared

    prepared = prepare_import(folder / "register_q4.xlsx")
    row = next(r for r in prepared.outcomes if r.record and r.record.id_number == idn)
    declined = frozenset({(row.where, "phone")})
    prepared = prepare_import(folder / "register_q4.xlsx",
                              options=ImportOptions(declined=declined))
    write_prepared(prepared)
    assert find_by_id_number(idn).phone == fields["phone"][0]


def test_people_who_left_are_out_of_lists_figures_and_searches(db_path: Path,
                                                                register) -> None:
    path, truth = register
    import_residents(path)
    everyone = count_residents()
    fig = population_figures(date(2026, 12, 1))
    one = truth["rows"][0]["expect"]
    person = find_by_id_number(one["id"])
    hid = person.household_id
    size = len(hh.members(hid))
    assert hh.set_status([person.id], "迁出", date(2026, 11, 3)) == 1
    assert count_residents() == everyone - 1
    assert search_residents(ResidentQuery(text=one["name"])).total == 0
    assert search_residents(ResidentQuery(text=one["name"], include_left=True)).total == 1
    assert population_figures(date(2026, 12, 1)).total == fig.total - 1
    assert len(hh.members(hid)) == size - 1
    assert len(hh.members(hid, include_left=True)) == size
    gone = next(m for m in hh.members(hid, include_left=True) if m.resident_id == person.id)
    assert (gone.status, gone.left_on) == ("迁出", date(2026, 11, 3))
    assert sum(t.count for t in list_tags()) >= 0
    figures = hh.household_figures()
    assert figures.people == everyone - 1 and figures.households == 70 - (size == 1)
    with pytest.raises(Exception, match="日期"):
        hh.set_status([person.id], "死亡")
    assert hh.set_status([person.id], "在册") == 1
    assert count_residents() == everyone


def test_moving_a_person_and_picking_the_head(db_path: Path, register) -> None:
    path, truth = register
    import_residents(path)
    a = find_by_id_number(truth["rows"][0]["expect"]["id"])
    new = hh.create_household(building="11幢", unit="1单元", room="101室", tags=["低保户"])
    hh.move_to_household(a.id, new, "户主")
    got = hh.household_of(a.id)
    assert got is not None and got.id == new and got.head.resident_id == a.id
    assert got.tags == ["低保户"] and got.label == f"11幢1单元101室 {a.name}户"
    assert [h.id for h in hh.list_households(hh.HouseholdQuery(tags=("低保户",)))] == [new]
    b = find_by_id_number(truth["rows"][1]["expect"]["id"])
    hh.move_to_household(b.id, new, "配偶")
    hh.set_head(new, b.id)
    assert hh.get_household(new).head.resident_id == b.id
    assert get_resident(a.id).relation == ""
    with pytest.raises(Exception, match="与户主关系"):
        hh.set_relation(a.id, "邻居")
    hh.move_to_household(a.id, None)
    hh.move_to_household(b.id, None)
    with pytest.raises(hh.HouseholdNotFound):
        hh.get_household(new)  # nobody left in it: it went


def test_command_line_households_and_status(db_path: Path, quarterly,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder, info = quarterly
    db = str(db_path)
    assert main.main(["residents", "import", str(folder / "register_q3.xlsx"), "--db", db]) == 0
    capsys.readouterr()
    assert main.main(["residents", "import", str(folder / "register_q4.xlsx"), "--db", db,
                      "--apply-name-matches"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (f"imported={len(info['new'])} rejected=0 duplicates=0 "
                       f"updated={len(info['changed']) + 1} unchanged={out[-1].split('=')[-1]}")
    assert main.main(["residents", "households", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 22 + 1  # 22 households, one moved out (still has members), one new
    gone = find_by_id_number(info["deceased"][0])
    assert main.main(["residents", "status", str(gone.id), "--set", "死亡", "--on",
                      "2026-11-20", "--db", db]) == 0
    assert "死亡" in capsys.readouterr().out
    assert main.main(["residents", "households", "--db", db, "--json"]) == 0
    members = [m["resident_id"] for h in json.loads(capsys.readouterr().out)
               for m in h["members"]]
    assert gone.id not in members
    assert main.main(["residents", "figures", "--db", db, "--on", "2026-12-01"]) == 0
    assert "户数：" in capsys.readouterr().out
    assert main.main(["residents", "status", "999999", "--set", "迁出", "--db", db]) == 2


def test_dialog_previews_households_and_changes_and_a_change_can_be_unticked(
        qtbot, db_path: Path, quarterly, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.operations import DataHub
    from ui.residents.import_dialog import PAGE_MAPPING, PAGE_PREVIEW, PAGE_REPORT, ImportDialog

    folder, info = quarterly
    import_residents(folder / "register_q3.xlsx")
    dialog = ImportDialog(DataHub())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(folder / "register_q4.xlsx"))
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_MAPPING, timeout=20000)
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=20000)
    assert dialog.preview_tabs.tabText(2) == "户（22）"
    assert dialog.preview_tabs.tabText(3) == f"表中没有的居民（{len(info['missing'])}）"
    tree = dialog.changes_panel.tree
    assert tree.topLevelItemCount() == len(info["changed"])
    # The clerk unticks one phone change with the keyboard (Space on the selected line).
    dialog.preview_tabs.setCurrentIndex(1)
    top = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if tree.topLevelItem(i).child(0).text(0) == "联系电话")
    item = top.child(0)
    old, new = item.text(1), item.text(2)
    tree.setFocus()
    tree.setCurrentItem(item)
    QTest.keyClick(tree.viewport(), Qt.Key.Key_Space)
    assert item.checkState(0) == Qt.CheckState.Unchecked
    dialog.grab().save(str(tmp_path / "preview_changes.png"))
    dialog.preview_tabs.setCurrentIndex(2)
    dialog.grab().save(str(tmp_path / "preview_households.png"))
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=20000)
    # Read back from the data file: the unticked phone is as it was, the others changed.
    import sqlite3

    con = sqlite3.connect(db_path)
    phones = {p for (p,) in con.execute("SELECT phone FROM resident")}
    con.close()
    assert old in phones and new not in phones
    for idn, fields in info["changed"].items():
        if "phone" in fields and fields["phone"][1] != new:
            assert find_by_id_number(idn).phone == fields["phone"][1]
    assert "更新" in dialog.report_label.text()


def test_the_dialog_flow_reads_the_file_once(db_path: Path, register, monkeypatch) -> None:
    from models.residents.imports import importer
    from models.residents.imports.importer import (
        load_file,
        prepare_import,
        preview_of,
        write_prepared,
    )

    path, truth = register
    reads: list[str] = []
    original = importer.iter_sheets

    def counted(*args, **kwargs):
        reads.append(str(args[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "iter_sheets", counted)
    loaded = load_file(path)
    mappings = {s.head.name: s.mapping for s in loaded.sheets}
    preview_of(prepare_import(loaded, mappings))
    report = write_prepared(prepare_import(loaded, mappings))  # a second preview: no read
    assert reads == [str(path)]
    assert report.imported == truth["counts"]["import"]
    # A mapping the clerk changed (phone column unmapped on one sheet): that sheet is read
    # again, and its rows come out without phones; the other sheet's rows are as loaded.
    from dataclasses import replace

    sheet = next(s for s in loaded.sheets if s.head.name == "9幢")
    changed = replace(sheet.mapping, columns={c: f for c, f in sheet.mapping.columns.items()
                                              if f != "phone"})
    prepared = prepare_import(loaded, {**mappings, "9幢": changed})
    assert len(reads) == 2
    phones = {r.sheet: set() for r in prepared.outcomes}
    for r in prepared.outcomes:
        phones[r.sheet].add(r.record.phone if r.record else None)
    assert phones["9幢"] == {""} and len(phones["10幢"]) > 1


def test_exports_and_tag_counts_leave_out_who_left(db_path: Path, register,
                                                   tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from exporters.residents.roster import export_residents
    from models.residents.service import add_tag, save_resident

    path, truth = register
    import_residents(path)
    one = find_by_id_number(truth["rows"][0]["expect"]["id"])
    add_tag("楼道长")
    rec = get_resident(one.id)
    rec.tags = ["楼道长"]
    assert save_resident(rec, allow_warnings=True).saved
    before = export_residents(tmp_path / "all.xlsx")
    assert next(t for t in list_tags() if t.name == "楼道长").count == 1
    hh.set_status([one.id], "死亡", date(2026, 11, 1))
    assert export_residents(tmp_path / "now.xlsx") == before - 1
    names = {c.value for row in load_workbook(tmp_path / "now.xlsx").active.iter_rows()
             for c in row}
    assert one.name not in names
    assert next(t for t in list_tags() if t.name == "楼道长").count == 0
    assert export_residents(tmp_path / "with.xlsx",
                            ResidentQuery(include_left=True)) == before


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "名册.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_same_as_above_without_households_and_grouping_by_address(db_path: Path,
                                                                   tmp_path: Path) -> None:
    path = _csv(tmp_path, "姓名,性别,身份证号,楼栋,房号,联系电话\n"
                          "张三,男,110101199003070011,3幢,101室,手机：13812345678\n"
                          "李四,女,,同上,〃,电话:13987654321\n"
                          "王五,男,,4幢,,\n"
                          "赵六,女,,4幢,202室,\n")
    report = import_residents(path)
    got = {r.name: (r.record.building, r.record.room, r.record.phone, r.group)
           for r in report.rows}
    # 同上 / 〃 take the row above; a blank room outside a household stays blank.
    assert got == {"张三": ("3幢", "101室", "13812345678", None),
                   "李四": ("3幢", "101室", "13987654321", None),
                   "王五": ("4幢", "", "", None), "赵六": ("4幢", "202室", "", None)}
    assert report.households == 0 and hh.list_households() == []


def test_households_by_address_when_the_clerk_asks(db_path: Path, tmp_path: Path) -> None:
    path = _csv(tmp_path, "姓名,性别,身份证号,楼栋,房号\n"
                          "张三,男,110101199003070011,3幢,101室\n"
                          "李四,女,,3幢,101室\n"
                          "王五,男,,3幢,102室\n")
    report = _import(path, households_by_address=True)
    assert report.households == 2
    homes = hh.list_households()
    assert [sorted(m.name for m in h.members) for h in homes] == [["张三", "李四"], ["王五"]]
    assert all(h.head is None for h in homes)  # no 与户主关系: nobody is made the head


def test_a_member_before_any_head_belongs_to_no_household(db_path: Path,
                                                          tmp_path: Path) -> None:
    path = _csv(tmp_path, "姓名,与户主关系,楼栋,房号,性别\n"
                          "李四,配偶,3幢,101室,女\n"
                          "张三,户主,3幢,102室,男\n"
                          "王五,儿子,,,男\n"
                          "赵六,邻居,,,女\n")
    report = import_residents(path)
    rows = {r.name: r for r in report.rows}
    assert rows["李四"].group is None and "没有户主行" in rows["李四"].notes
    assert rows["王五"].group == rows["张三"].group == rows["赵六"].group == 1
    assert (rows["王五"].record.room, rows["王五"].relation) == ("102室", "子")
    assert rows["赵六"].relation == "" and "无法识别" in rows["赵六"].notes


def _state(db: Path) -> tuple:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        people = con.execute(
            "SELECT id, name, gender, birth, id_number, phone, building, unit, room, address, "
            "household, notes, household_id, relation, status, left_on FROM resident "
            "ORDER BY id").fetchall()
        tags = con.execute("SELECT * FROM resident_tag ORDER BY 1, 2").fetchall()
        homes = con.execute("SELECT id, building, unit, room, address FROM household "
                            "ORDER BY id").fetchall()
        fts = con.execute("SELECT rowid, search_text FROM resident_fts ORDER BY 1").fetchall()
        return people, tags, homes, fts
    finally:
        con.close()


def test_the_last_import_can_be_undone(db_path: Path, quarterly,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder, info = quarterly
    db = str(db_path)
    empty = _state(db_path)
    assert main.main(["residents", "import", str(folder / "register_q3.xlsx"), "--db", db]) == 0
    after_q3 = _state(db_path)
    assert main.main(["residents", "import", str(folder / "register_q4.xlsx"), "--db", db,
                      "--apply-name-matches"]) == 0
    assert _state(db_path) != after_q3
    capsys.readouterr()
    assert main.main(["residents", "undo-import", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "register_q4.xlsx" in out and f"删除新增居民 {len(info['new'])} 人" in out
    assert _state(db_path) == after_q3
    assert main.main(["residents", "undo-import", "--db", db]) == 0
    assert _state(db_path) == empty
    assert main.main(["residents", "undo-import", "--db", db]) != 0
    assert "没有可以撤销的导入" in capsys.readouterr().err
