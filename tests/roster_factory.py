"""A messy residents' roster (.xlsx) made on the spot, with its truth, for the import tests.

The workbook looks like the rosters neighbourhood offices keep: a notes sheet, then one sheet per
building, each with a merged title row, a date line, a header row (row 3) whose wording and column
order differ from sheet to sheet, blank rows, the building cell merged down the sheet (or written
once, or on every row), a total line and a "made by" line, and per-row quirks: IDs kept in number
cells (digits lost), bad check digits, rows without a name, the same ID twice (also across
sheets), spaces (ASCII and ideographic) in names, full-width digits in IDs and phones, an ID's x
in lower case or typed in groups, phones with dashes, spaces, +86 or a second number, M/F for the
sex, dates as date cells or text of six kinds, sex and birth date left for the ID to give,
出生年月 without the day, tags joined with 、. The generator refuses to write a roster that lacks
any of these (a change of seed or sheets could otherwise lose one quietly).

The truth is written from what the generator put in each cell, never from the importer's output.
Its format (residents_sample.truth.json, the roster some machines keep beside the project, has the
same) lists every data row in sheet order:

- {"sheet", "row", "outcome": "import", "expect": {name, gender, birth, id, phone, building, room,
  tags}}: name without any space, gender 男/女 (the cell's, else the ID's), birth ISO (the cell's,
  else the ID's; a cell without the day takes the day from the ID), id 18 characters with an
  upper-case X or null, phone 11 digits or null, building from its (merged) cell, tags split on 、.
- {"sheet", "row", "outcome": "reject", "why": "id kept as a number: digits lost" | "bad check
  digit" | "no name"}.
- {"sheet", "row", "outcome": "duplicate", "of": "sheet!row"}: the same ID as that earlier row.

"sheets" gives each data sheet's header_row (1-based), data_rows and columns (field -> 0-based
column, in the importer's field names); "counts" sums the outcomes. Title, date, header, blank,
total and "made by" rows are not data rows.

Shapes are a list of sheet specs (NotesSheet, BuildingSheet, and tests/household_factory.py's
HouseholdSheet, a household register; the quarterly-update pair is made there too): a new shape
is one more spec class whose write() fills its worksheet and
returns its truth rows; a new way of typing a value is one more entry in QUIRKS (and _typed).

    python -m tests.roster_factory FOLDER [SEED]   writes the roster and its truth there
"""
from __future__ import annotations

import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.common.id_number import check_digit
from tests.resident_factory import GIVEN, SURNAMES

NUMBER_CELL = "id kept as a number: digits lost"
BAD_CHECK = "bad check digit"
NO_NAME = "no name"

# Header wordings, in column order: (field, wording). "seq" is the 序号 column no field takes.
LAYOUTS: dict[str, tuple[tuple[str, str], ...]] = {
    "plain": (("seq", "序号"), ("name", "姓名"), ("gender", "性别"), ("birth", "出生日期"),
              ("id_number", "身份证号码"), ("phone", "联系电话"), ("building", "楼栋"),
              ("room", "房号"), ("tags", "人员类别"), ("notes", "备注")),
    "room_first": (("seq", "编号"), ("building", "楼号"), ("room", "门牌号"), ("name", "姓 名"),
                   ("gender", "性 别"), ("id_number", "公民身份号码"), ("birth", "出生年月"),
                   ("phone", "手机号码"), ("tags", "标签"), ("notes", "说明")),
    "id_first": (("seq", "序号"), ("name", "居民姓名"), ("id_number", "身份证号"),
                 ("gender", "性别"), ("birth", "出生年月日"), ("phone", "联系方式"),
                 ("building", "幢号"), ("room", "住址（室）"), ("tags", "类别"), ("notes", "附注")),
    "phone_first": (("seq", "序号"), ("name", "名字"), ("phone", "手机"), ("id_number", "身份证"),
                    ("gender", "性别"), ("birth", "生日"), ("building", "栋"), ("room", "室号"),
                    ("tags", "人员类型"), ("notes", "备注")),
}

TAGS = ("党员", "志愿者", "低保户", "残疾人", "退役军人", "独居老人", "高龄", "楼道长")
AREAS = ("420102", "420106", "420111", "510104", "510107", "370202")


@dataclass
class Person:
    """Who a row is about, as the truth knows them."""

    name: str
    gender: str  # 男 / 女
    birth: date
    id_number: str | None
    phone: str | None
    room: str
    tags: tuple[str, ...]

    def expect(self, building: str) -> dict[str, Any]:
        return {"name": self.name, "gender": self.gender, "birth": self.birth.isoformat(),
                "id": self.id_number, "phone": self.phone, "building": building,
                "room": self.room, "tags": list(self.tags)}


class Maker:
    """What the sheets share while they are written: the dice, names and IDs used so far, and
    the rows imported with an ID (which a later duplicate row copies)."""

    def __init__(self, seed: int, community: str, made: str) -> None:
        self.rng = random.Random(seed)
        self.community = community
        self.made = made
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.with_id: list[tuple[str, Person]] = []  # ("sheet!row", person) of imported rows
        self.used: Counter[str] = Counter()  # quirks ("what:kind") on rows the truth checks

    def name(self) -> str:
        rng = self.rng
        while True:
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 1, 2))))
            if name not in self.names:
                self.names.add(name)
                return name

    def id_number(self, birth: date, gender: str, *, no_x: bool = False) -> str:
        rng = self.rng
        while True:
            seq = rng.randrange(1, 500) * 2 + (1 if gender == "男" else 0)  # odd: a man
            first17 = f"{rng.choice(AREAS)}{birth:%Y%m%d}{seq:03d}"
            id18 = first17 + check_digit(first17)
            if id18 not in self.ids and not (no_x and id18.endswith("X")):
                self.ids.add(id18)
                return id18

    def person(self, *, with_id: bool = True, no_x: bool = False) -> Person:
        rng = self.rng
        gender = rng.choice("男女")
        birth = date(1932, 1, 1) + timedelta(days=rng.randrange(92 * 365))
        phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        tags = tuple(rng.sample(TAGS, rng.choice((0, 0, 0, 1, 1, 2))))
        return Person(self.name(), gender, birth,
                      self.id_number(birth, gender, no_x=no_x) if with_id else None,
                      phone, self.room(), tags)

    def room(self) -> str:
        rng = self.rng
        return f"{rng.randint(1, 4)}单元{rng.randint(1, 18)}{rng.randint(1, 4):02d}室"


class SheetSpec(Protocol):
    name: str

    def write(self, ws: Worksheet, maker: Maker) -> tuple[list[dict], dict | None]:
        """Fill the worksheet; return its truth rows and its "sheets" entry (None: no table)."""
        ...


@dataclass(frozen=True)
class NotesSheet:
    """A sheet of instructions to whoever fills the roster in: no table, nothing to import."""

    name: str = "填表说明"
    lines: tuple[str, ...] = ("各楼栋楼道长负责填写本楼居民，每季度核对一次。",
                              "身份证号一栏请先设为文本格式再录入。",
                              "类别可填多个，用顿号隔开。")

    def write(self, ws: Worksheet, maker: Maker) -> tuple[list[dict], dict | None]:
        for line in self.lines:
            ws.append([line])
        return [], None


# Per data row, what it will come out as, with its weight.
ROW_KINDS = (("import", 74), ("no_id", 8), ("number_cell", 5), ("bad_check", 4),
             ("no_name", 3), ("duplicate", 6))


@dataclass(frozen=True)
class BuildingSheet:
    """One building's residents. building_cells: "merged" (one cell merged down the data rows),
    "first" (written on the first data row only, "same as above" below) or "every" row.
    header_again_after: the header repeated after that many people (a printed page's header)."""

    name: str
    building: str
    layout: str
    people: int
    blank_rows: int = 2
    building_cells: str = "merged"
    header_again_after: int | None = None

    def write(self, ws: Worksheet, maker: Maker) -> tuple[list[dict], dict | None]:
        assert self.building_cells in ("merged", "first", "every")
        # A repeated header cannot sit inside the merged building range.
        assert not (self.header_again_after and self.building_cells == "merged")
        rng = maker.rng
        layout = LAYOUTS[self.layout]
        col = {f: i for i, (f, _w) in enumerate(layout)}
        width = len(layout)
        header = [w for _f, w in layout]
        ws.cell(1, 1, f"{maker.community}居民花名册（{self.building}）")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(2, 1, f"制表日期：{maker.made}")
        _put(ws, 3, header)
        for i in range(width):
            ws.column_dimensions[chr(ord("A") + i)].width = 14
        blanks = set(rng.sample(range(2, self.people + 1), self.blank_rows))
        truth: list[dict] = []
        row_no = 3
        first_data = 0
        for n in range(1, self.people + 1):
            row_no += 1
            if n in blanks:
                row_no += 1  # a row left empty before this person
            if self.header_again_after and n == self.header_again_after + 1:
                _put(ws, row_no, header)
                row_no += 1
            cells, outcome = self._row(maker, n, col, width, row_no)
            first_data = first_data or row_no
            if self.building_cells == "every" or n == 1:
                cells[col["building"]] = self.building
            _put(ws, row_no, cells)
            if type(cells[col["id_number"]]) is float:
                ws.cell(row_no, col["id_number"] + 1).number_format = "0.00E+00"
            if isinstance(cells[col["birth"]], datetime):
                ws.cell(row_no, col["birth"] + 1).number_format = "yyyy-mm-dd"
            truth.append({"sheet": self.name, "row": row_no, **outcome})
        if self.building_cells == "merged":
            c = col["building"] + 1
            ws.merge_cells(start_row=first_data, start_column=c, end_row=row_no, end_column=c)
        ws.cell(row_no + 1, 1, f"合计：{self.people}人")
        ws.cell(row_no + 2, 1, "制表人：楼道长\u3000\u3000审核人：社区主任")
        columns = {f: i for f, i in col.items() if f != "seq"}
        return truth, {"sheet": self.name, "header_row": 3, "data_rows": self.people,
                       "columns": columns}

    def _row(self, maker: Maker, n: int, col: dict[str, int], width: int, row_no: int,
             ) -> tuple[list[Any], dict]:
        rng = maker.rng
        kinds, weights = zip(*ROW_KINDS, strict=True)
        kind = rng.choices(kinds, weights)[0]
        if kind == "duplicate" and not maker.with_id:
            kind = "import"
        cells: list[Any] = [None] * width
        cells[col["seq"]] = n
        partial_ok = LAYOUTS[self.layout][col["birth"]][1] == "出生年月"
        if kind == "duplicate":
            of, earlier = rng.choice(maker.with_id)
            # The same person again, maybe moved house; sex and birth may be left to the ID.
            person = Person(earlier.name, earlier.gender, earlier.birth, earlier.id_number,
                            earlier.phone, rng.choice((earlier.room, maker.room())),
                            earlier.tags)
            maker.used.update(self._fill(rng, cells, col, person, partial_ok))
            return cells, {"outcome": "duplicate", "of": of}
        person = maker.person(with_id=kind != "no_id", no_x=kind == "number_cell")
        used = self._fill(rng, cells, col, person, partial_ok, sure=kind in ("no_id", "no_name"))
        assert person.id_number or kind == "no_id"
        if kind == "number_cell":
            # Excel keeps 15 significant digits of a number: the last three are gone.
            cells[col["id_number"]] = float(int(person.id_number[:15]) * 1000)
            return cells, {"outcome": "reject", "why": NUMBER_CELL}
        if kind == "bad_check":
            good = person.id_number[17]
            cells[col["id_number"]] = person.id_number[:17] + rng.choice(
                [c for c in "0123456789X" if c != good])
            return cells, {"outcome": "reject", "why": BAD_CHECK}
        if kind == "no_name":
            cells[col["name"]] = rng.choice((None, None, "\u3000"))
            return cells, {"outcome": "reject", "why": NO_NAME}
        if person.id_number:
            maker.with_id.append((f"{self.name}!{row_no}", person))
        maker.used.update(used)
        expect = person.expect(self.building)
        if cells[col["phone"]] is None:
            expect["phone"] = None
        return cells, {"outcome": "import", "expect": expect}

    @staticmethod
    def _fill(rng: random.Random, cells: list[Any], col: dict[str, int], p: Person,
              partial_ok: bool, *, sure: bool = False) -> list[str]:
        """The person's cells as people type them; returns the quirks used ("what:kind").
        sure: sex and a full birth date are written (no ID to give them, or a row that must
        have enough in it to count as data)."""
        omit = bool(p.id_number) and not sure
        used: list[str] = []
        cells[col["name"]] = _cell(rng, used, "name", p.name)
        cells[col["gender"]] = _cell(rng, used, "gender", p.gender, omit=omit)
        cells[col["birth"]] = _cell(rng, used, "birth", p.birth, omit=omit,
                                    partial=partial_ok and omit)
        if p.id_number:
            cells[col["id_number"]] = _cell(rng, used, "id", p.id_number)
        if p.phone:
            cells[col["phone"]] = _cell(rng, used, "phone", p.phone, omit=True)
        cells[col["room"]] = p.room
        cells[col["tags"]] = "、".join(p.tags) or None
        if rng.random() < 0.05:
            cells[col["notes"]] = rng.choice(("租户", "长期外出", "新迁入"))
        return used


def _put(ws: Worksheet, row: int, values: list[Any]) -> None:
    for c, value in enumerate(values, start=1):
        if value is not None:
            ws.cell(row, c, value)


_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# How a value is typed into its cell: kind -> weight, then the cell for each kind.
QUIRKS: dict[str, dict[str, int]] = {
    "name": {"plain": 80, "ascii": 8, "ideo": 8, "tail": 4},
    "gender": {"plain": 60, "space": 10, "letter": 14, "long": 4, "none": 12},
    "birth": {"date": 25, "nian": 15, "dots": 12, "slash": 12, "compact": 12, "dash": 6,
              "none": 10, "month": 8},
    "id": {"plain": 88, "lower": 4, "full": 4, "spaced": 4},
    "phone": {"plain": 40, "dashes": 14, "spaces": 14, "plus": 10, "full": 10, "none": 10,
              "two": 2},
}


def _typed(what: str, kind: str, v: Any) -> Any:
    """The value v as the cell holds it when typed the `kind` way."""
    if what == "name":
        return {"ascii": f" {v} ", "ideo": f"{v[0]}\u3000{v[1:]}", "tail": v + "\u3000"}.get(
            kind, v)
    if what == "gender":
        return {"space": v + " ", "letter": "M" if v == "男" else "F",
                "long": v + "性"}.get(kind, v)
    if what == "birth":
        if kind == "date":
            return datetime(v.year, v.month, v.day)
        return {"nian": f"{v.year}年{v.month}月{v.day}日", "dots": f"{v.year}.{v.month}.{v.day}",
                "slash": f"{v:%Y/%m/%d}", "compact": f"{v:%Y%m%d}", "dash": f"{v:%Y-%m-%d}",
                "month": f"{v.year}年{v.month}月"}[kind]  # 出生年月: the ID gives the day
    if what == "id":
        return {"lower": v.lower(), "full": v.translate(_FULL_DIGITS),
                "spaced": f"{v[:6]} {v[6:14]} {v[14:]}"}.get(kind, v)
    return {"dashes": f"{v[:3]}-{v[3:7]}-{v[7:]}", "spaces": f"{v[:3]} {v[3:7]} {v[7:]}",
            "plus": f"+86 {v}", "full": v.translate(_FULL_DIGITS),
            "two": f"{v}/139{v[3:]}"}.get(kind, v)  # two phones: the first is the one


def _cell(rng: random.Random, used: list[str], what: str, value: Any, *, omit: bool = False,
          partial: bool = False) -> Any:
    weights = dict(QUIRKS[what])
    if not omit:
        weights.pop("none", None)
    if not partial:
        weights.pop("month", None)
    if what == "id" and value.endswith("X"):
        weights["lower"] *= 8  # only an X can be written in lower case
    elif what == "id":
        weights.pop("lower")
    if what == "name" and len(value) < 2:
        weights.pop("ideo")
    kind = rng.choices(list(weights), list(weights.values()))[0]
    used.append(f"{what}:{kind}")
    return None if kind == "none" else _typed(what, kind, value)


def default_sheets() -> list[SheetSpec]:
    """The roster the tests use: about 350 data rows over seven sheets of four layouts."""
    return [
        NotesSheet(),
        BuildingSheet("1幢", "1幢", "plain", 52, blank_rows=1),
        BuildingSheet("2幢", "2幢", "room_first", 47, blank_rows=2),
        BuildingSheet("3幢", "3幢", "id_first", 58, blank_rows=3),
        BuildingSheet("5幢", "5幢", "phone_first", 44, building_cells="first",
                      header_again_after=30),
        BuildingSheet("6号楼", "6幢", "room_first", 50, blank_rows=1, building_cells="every"),
        BuildingSheet("7幢", "7幢", "plain", 55, blank_rows=2),
        BuildingSheet("8幢", "8幢", "id_first", 41, blank_rows=0),
    ]


@dataclass
class RosterSpec:
    seed: int = 11
    community: str = "柳岸社区"
    made: str = "2026年9月"
    sheets: list[SheetSpec] = field(default_factory=default_sheets)
    # Whether every kind of row and cell of QUIRKS must be there (the building sheets' quirks; a
    # roster of household registers only, tests/household_factory.py, checks its own).
    check_quirks: bool = True


def make_roster(target: Path, spec: RosterSpec | None = None) -> dict[str, Any]:
    """Write the roster workbook to target and its truth beside it (NAME.truth.json, from the
    workbook's NAME.xlsx); return the truth."""
    spec = spec or RosterSpec()
    maker = Maker(spec.seed, spec.community, spec.made)
    wb = Workbook()
    wb.remove(wb.active)
    rows: list[dict] = []
    sheets: list[dict] = []
    for sheet in spec.sheets:
        truth_rows, entry = sheet.write(wb.create_sheet(sheet.name), maker)
        rows.extend(truth_rows)
        if entry:
            sheets.append(entry)
    counts = {k: sum(1 for r in rows if r["outcome"] == k) for k in ("import", "reject",
                                                                     "duplicate")}
    counts["total"] = len(rows)
    truth = {"seed": spec.seed, "rows": rows, "sheets": sheets, "counts": counts}
    if spec.check_quirks:
        _every_quirk_is_there(rows, maker.used)
    wb.save(target)
    truth_path(target).write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    return truth


def truth_path(workbook: Path) -> Path:
    return workbook.with_name(workbook.stem + ".truth.json")


def _every_quirk_is_there(rows: list[dict], used: Counter[str]) -> None:
    """A change of seed or sheets must not quietly lose a kind of row, or a way of typing a
    value, that the tests rely on."""
    kinds = {r.get("why") or r["outcome"] for r in rows}
    if any(r["outcome"] == "import" and r["expect"]["id"] is None for r in rows):
        kinds.add("no id")
    missing = sorted({NUMBER_CELL, BAD_CHECK, NO_NAME, "duplicate", "import", "no id"} - kinds)
    missing += sorted(f"{what}:{kind}" for what, table in QUIRKS.items() for kind in table
                      if not used[f"{what}:{kind}"])
    if missing:
        raise ValueError(f"the roster lacks some kinds of row or cell: {missing}")


@dataclass(frozen=True)
class Roster:
    """A roster workbook and its truth, as the import tests take it."""

    label: str
    xlsx: Path
    truth: dict[str, Any]

    def columns(self, sheet: str) -> dict[str, int]:
        """field -> 0-based column of that sheet, where the truth says ({} if it does not)."""
        entry = next((s for s in self.truth["sheets"] if s["sheet"] == sheet), {})
        return entry.get("columns") or SHARED_COLUMNS.get(sheet, {})


# The shared sample's truth file gives no columns; its first sheet's, read off the workbook.
SHARED_COLUMNS = {"1幢": {"name": 1, "gender": 2, "birth": 3, "id_number": 4, "phone": 5,
                         "building": 6, "room": 7, "tags": 8, "notes": 9}}


def load_roster(label: str, xlsx: Path) -> Roster:
    return Roster(label, xlsx, json.loads(truth_path(xlsx).read_text(encoding="utf-8")))


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    made = make_roster(folder / "residents_made.xlsx",
                       RosterSpec(seed=int(sys.argv[2])) if len(sys.argv) > 2 else None)
    print(made["counts"])
