"""Household registers (户籍登记表) and a quarterly-update pair, with their truth, for the import
tests (an extension of tests/roster_factory.py: HouseholdSheet is one more sheet spec).

The register is laid out the usual way: a merged title row, a date line, a two-row header (the
group headings 户信息 / 基本信息 / 联系方式 / 其他 merged over the field names, 序号 merged down
both rows), then households one after another: the head's row (与户主关系 = 户主) carries the
building, unit and room; each household's members leave them blank, write 同上 (or 〃, 同左), or
repeat them. Phones are sometimes written "手机：138…" or "电话:138…"; minority names are written
with a lookalike of the middle dot (•, ・, ･, ‧, ∙) where the ID card has "·" (U+00B7).

Truth rows (the roster_factory format) add to "expect": unit, relation and household (the
household's key, "9幢:h1"…, the same for every member). A quarterly pair is the same register three
months later: make_quarterly_pair writes both files and a changes file saying what was done: per ID
the fields changed (old, new), the people born and moved in (new rows), and the ones who died or
moved out (missing from the second file), each with its ID.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.roster_factory import Maker, Person, truth_path

# (group heading, ((field, wording), ...)); "seq" is the 序号 column merged down both rows.
REGISTER_LAYOUT: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("", (("seq", "序号"),)),
    ("户信息", (("building", "楼栋"), ("unit", "单元"), ("room", "房号"),
              ("relation", "与户主关系"))),
    ("基本信息", (("name", "姓名"), ("gender", "性别"), ("id_number", "身份证号码"),
                ("birth", "出生日期"))),
    ("联系方式", (("phone", "联系电话"),)),
    ("其他", (("tags", "人员类别"), ("notes", "备注"))),
)
MEMBER_RELATIONS = ("配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿")
DOTS = ("\u2022", "\u30fb", "\uff65", "\u2027", "\u2219")  # • ・ ･ ‧ ∙ -> ·
MINORITY = ("阿依古丽", "买买提", "艾力", "努尔", "古丽娜尔", "吐尔逊", "热依拉", "阿不都")
SAME_WORDS = ("同上", "同上", "〃", "同左")
ADDRESS_STYLES = ("blank", "same", "repeat")  # how members' rows give the address
PHONE_STYLES = {"plain": 70, "shouji": 20, "dianhua": 10}


@dataclass
class Member:
    person: Person
    relation: str
    phone_style: str = "plain"
    dot: str = ""  # the lookalike written for "·" in a minority name


@dataclass
class Household:
    key: str
    building: str
    unit: str
    room: str
    members: list[Member]
    style: str = "blank"  # ADDRESS_STYLES


@dataclass
class RegisterState:
    """The households of a register and the quirks used while making them."""

    households: list[Household] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def _person(maker: Maker, *, born: date | None = None, minority: bool = False,
            with_id: bool = True) -> tuple[Person, str]:
    p = maker.person(with_id=with_id)
    dot = ""
    if minority:
        rng = maker.rng
        first, last = rng.sample(MINORITY, 2)
        name = f"{first}·{last}"
        while name in maker.names:
            name += rng.choice(MINORITY[:3])
        maker.names.add(name)
        p = replace(p, name=name)
        # Every lookalike in turn, so each register has them all.
        dot = DOTS[maker.used["minority"] % len(DOTS)]
        maker.used["minority"] += 1
    if born is not None:
        idn = maker.id_number(born, p.gender) if with_id else None
        p = replace(p, birth=born, id_number=idn)
    return replace(p, tags=()), dot


def make_households(maker: Maker, count: int, building: str, *, first_key: int = 1,
                    prefix: str = "") -> list[Household]:
    rng = maker.rng
    out = []
    for n in range(count):
        unit, room = f"{rng.randint(1, 3)}单元", f"{rng.randint(1, 18)}{rng.randint(1, 4):02d}室"
        size = rng.choice((1, 2, 2, 3, 3, 4, 5))
        members = []
        for i in range(size):
            person, dot = _person(maker, minority=rng.random() < 0.12)
            relation = ("户主" if i == 0 else "配偶" if i == 1 and rng.random() < 0.7
                        else rng.choice(MEMBER_RELATIONS[1:]))
            style = rng.choices(list(PHONE_STYLES), list(PHONE_STYLES.values()))[0]
            members.append(Member(person, relation, style, dot))
        out.append(Household(f"{prefix}h{first_key + n}", building, unit, room, members,
                             ADDRESS_STYLES[n % 3]))
    return out


def _phone_cell(m: Member) -> str | None:
    phone = m.person.phone
    if not phone:
        return None
    return {"plain": phone, "shouji": f"手机：{phone}", "dianhua": f"电话:{phone}"}[m.phone_style]


def write_register(ws: Worksheet, name: str, title: str, households: list[Household],
                   used: set[str]) -> tuple[list[dict], dict]:
    """Fill the worksheet with the households; truth rows and the sheet's entry."""
    fields = [f for _g, group in REGISTER_LAYOUT for f, _w in group]
    col = {f: i for i, f in enumerate(fields)}
    width = len(fields)
    ws.cell(1, 1, title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "填报单位：柳岸社区居委会")
    at = 1
    for heading, group in REGISTER_LAYOUT:
        if heading:
            ws.cell(3, at, heading)
            if len(group) > 1:
                ws.merge_cells(start_row=3, start_column=at, end_row=3,
                               end_column=at + len(group) - 1)
        for f, wording in group:
            ws.cell(3 if f == "seq" else 4, at, wording)
            at += 1
    ws.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)  # 序号 down both rows
    truth: list[dict] = []
    row = 4
    seq = 0
    for hh in households:
        for i, m in enumerate(hh.members):
            row += 1
            seq += 1
            p = m.person
            cells: list[Any] = [None] * width
            cells[col["seq"]] = seq
            if i == 0 or hh.style == "repeat":
                cells[col["building"]], cells[col["unit"]], cells[col["room"]] = (
                    hh.building, hh.unit, hh.room)
            elif hh.style == "same":
                word = SAME_WORDS[(seq + i) % len(SAME_WORDS)]
                cells[col["building"]] = cells[col["unit"]] = cells[col["room"]] = word
                used.add(f"same:{word}")
            if i > 0:
                used.add(f"address:{hh.style}")
            cells[col["relation"]] = m.relation
            cells[col["name"]] = p.name.replace("·", m.dot) if m.dot else p.name
            if m.dot:
                used.add(f"dot:{m.dot}")
            cells[col["gender"]] = p.gender
            cells[col["id_number"]] = p.id_number
            cells[col["birth"]] = p.birth.isoformat()
            cells[col["phone"]] = _phone_cell(m)
            used.add(f"phone:{m.phone_style}")
            for c, value in enumerate(cells, start=1):
                if value is not None:
                    ws.cell(row, c, value)
            truth.append({"sheet": name, "row": row, "outcome": "import", "expect": {
                "name": p.name, "gender": p.gender, "birth": p.birth.isoformat(),
                "id": p.id_number, "phone": p.phone, "building": hh.building, "unit": hh.unit,
                "room": hh.room, "tags": [], "relation": m.relation, "household": hh.key}})
    ws.cell(row + 1, 1, f"合计：{len(households)}户{seq}人")
    columns = {f: i for f, i in col.items() if f != "seq"}
    return truth, {"sheet": name, "header_row": 4, "data_rows": seq, "columns": columns}


QUIRKS_NEEDED = ({f"address:{s}" for s in ADDRESS_STYLES} | {f"dot:{d}" for d in DOTS}
                 | {f"phone:{s}" for s in PHONE_STYLES} | {"same:同上", "same:〃"})


@dataclass(frozen=True)
class HouseholdSheet:
    """A household register sheet for tests.roster_factory.make_roster (a SheetSpec)."""

    name: str
    building: str
    households: int = 40

    def write(self, ws: Worksheet, maker: Maker) -> tuple[list[dict], dict | None]:
        state = RegisterState(make_households(maker, self.households, self.building,
                                              prefix=f"{self.name}:"))
        title = f"{maker.community}户籍登记表（{self.building}）"
        truth, entry = write_register(ws, self.name, title, state.households, state.used)
        missing = QUIRKS_NEEDED - state.used
        if missing:
            raise ValueError(f"the register lacks some kinds of cell: {sorted(missing)}")
        return truth, entry


def _save(target: Path, name: str, title: str, households: list[Household]) -> dict:
    wb = Workbook()
    ws = wb.active
    ws.title = name
    used: set[str] = set()
    rows, entry = write_register(ws, name, title, households, used)
    truth = {"rows": rows, "sheets": [entry],
             "counts": {"import": len(rows), "reject": 0, "duplicate": 0, "total": len(rows)}}
    wb.save(target)
    truth_path(target).write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    return truth


def make_quarterly_pair(folder: Path, seed: int = 5) -> dict[str, Any]:
    """Write register_q3.xlsx and register_q4.xlsx (three months later) with their truths, and
    quarterly_changes.json: {"changed": {id: {field: [old, new]}}, "new": [id], "missing":
    [id], "deceased": [id], "moved_out": [id], "no_id_phone": [name, old, new]}."""
    folder.mkdir(parents=True, exist_ok=True)
    maker = Maker(seed, "柳岸社区", "2026年9月")
    rng = maker.rng
    q3 = make_households(maker, 12, "9幢") + make_households(maker, 10, "10幢", first_key=13)
    # One member without an ID (a child not yet registered): matched by name and birth date.
    kid, _dot = _person(maker, born=date(2019, 5, 6), with_id=False)
    q3[0].members.append(Member(kid, "孙子"))
    title = "柳岸社区户籍登记表"
    _save(folder / "register_q3.xlsx", "户籍登记", f"{title}（2026年第三季度）", q3)
    q4 = [replace(h, members=[replace(m) for m in h.members]) for h in q3]
    changed: dict[str, dict[str, list[str]]] = {}
    # A death: the second member of a household of two or more (not the first three).
    dead_house = next(h for h in q4[6:] if len(h.members) >= 2)
    dead = dead_house.members.pop(1)
    # Moved out: a whole household (another one).
    gone = q4.pop(next(i for i in range(8, len(q4)) if q4[i] is not dead_house))
    # A household moved to another flat of the community: every member's unit and room change.
    moved = q4[5]
    old_unit, old_room = moved.unit, moved.room
    moved.unit, moved.room = "4单元", "1801室"  # make_households uses units 1-3
    for m in moved.members:
        changed.setdefault(m.person.id_number or "", {}).update(
            unit=[old_unit, "4单元"], room=[old_room, "1801室"])
    # Changed phones, in four other households (each member there has an ID).
    for hh in rng.sample([h for h in q4[1:] if h is not moved], 4):
        m = rng.choice(hh.members)
        new = f"139{rng.randrange(10**8):08d}"
        changed.setdefault(m.person.id_number or "", {})["phone"] = [m.person.phone or "", new]
        m.person = replace(m.person, phone=new)
    # The no-ID child's phone changes (only a confirmed name match applies it).
    old_phone = q4[0].members[-1].person.phone or ""
    q4[0].members[-1].person = replace(q4[0].members[-1].person, phone="13600001111")
    # A birth, in household 3.
    baby, _dot = _person(maker, born=date(2026, 10, 2))
    q4[2].members.append(Member(baby, "孙女"))
    # Moved in: a new household.
    newcomers = make_households(maker, 1, "10幢", first_key=99)
    q4 += newcomers
    _save(folder / "register_q4.xlsx", "户籍登记", f"{title}（2026年第四季度）", q4)
    info = {"changed": changed,
            "new": [m.person.id_number for m in [q4[2].members[-1], *newcomers[0].members]],
            "deceased": [dead.person.id_number],
            "moved_out": [m.person.id_number for m in gone.members],
            "no_id_phone": [kid.name, old_phone, "13600001111"]}
    info["missing"] = info["deceased"] + info["moved_out"]
    (folder / "quarterly_changes.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info
