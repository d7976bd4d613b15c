"""Relief on top of the register's households: members of one household are one household for
the campaign's duplicate check even when their own address cells differ, and a person the
register says moved away or died is flagged with the day, read from the data file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from models.relief import audit
from models.relief.beneficiaries import add_beneficiary
from models.relief.checks import check_campaign
from models.relief.records import NewBeneficiary
from models.relief.service import get_campaign
from models.residents import households as hh
from models.residents.records import ResidentRecord
from models.residents.service import save_resident
from tests.test_relief import campaign


def resident(name: str, room: str) -> int:
    got = save_resident(ResidentRecord(name=name, building="2幢", unit="1单元", room=room))
    assert got.saved and got.resident_id is not None, got.problems
    return got.resident_id


def test_members_of_one_household_are_one_household_whatever_their_rooms(db_path: Path) -> None:
    audit.set_clerk("李敏")
    head, wife = resident("王建国", "301室"), resident("刘桂兰", "")
    other = resident("赵六", "302室")
    home = hh.create_household(building="2幢", unit="1单元", room="301室", number="0012",
                               head_id=head)
    hh.move_to_household(wife, home, "配偶")
    cid = campaign()
    cats = get_campaign(cid).categories
    a = add_beneficiary(cid, NewBeneficiary(cats[0].id, resident_id=head)).id
    b = add_beneficiary(cid, NewBeneficiary(cats[1].id, resident_id=wife)).id
    c = add_beneficiary(cid, NewBeneficiary(cats[1].id, resident_id=other)).id
    twice = {f.beneficiary_id: f.reason for f in check_campaign(cid) if f.kind == "重复"}
    assert set(twice) == {a, b}
    assert "户号0012" in twice[a] and "刘桂兰" in twice[a]
    assert c not in twice


def test_people_who_left_or_died_are_flagged_with_the_day(db_path: Path) -> None:
    audit.set_clerk("李敏")
    moved, died = resident("孙一", "101室"), resident("周二", "102室")
    here = resident("吴三", "103室")
    cid = campaign()
    cat = get_campaign(cid).categories[0].id
    ids = {rid: add_beneficiary(cid, NewBeneficiary(cat, resident_id=rid)).id
           for rid in (moved, died, here)}
    hh.set_status([moved], "迁出", date(2026, 11, 3))
    hh.set_status([died], "死亡", date(2026, 11, 20))
    found = {f.beneficiary_id: (f.kind, f.reason) for f in check_campaign(cid)}
    assert found[ids[moved]] == (
        "已迁出", "居民名册记载孙一已于2026年11月3日迁出，请核实是否仍住在本社区。")
    assert found[ids[died]] == ("已去世", "居民名册记载周二已于2026年11月20日去世，请核实。")
    assert ids[here] not in found
