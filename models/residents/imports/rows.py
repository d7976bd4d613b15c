"""From a sheet's raw rows to candidate residents: which rows are data, and each one's values.

Pure (no database): title, date, header, blank, total and "made by" rows are not data rows;
merged cells are filled in; every data row becomes either a cleaned ResidentRecord or a refusal
with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from models.common.id_number import parse_id_number
from models.common.parsers import (
    clean_name,
    clean_text,
    parse_date,
    parse_gender,
    parse_phone,
    parse_tags,
)
from models.common.text import collapse_spaces, remove_spaces
from models.residents.imports.mapping import is_header_word, looks_like_header
from models.residents.imports.reader import SheetData
from models.residents.records import ResidentRecord

# A line that is not a person: totals, who made or checked the sheet, dates, notes under a table.
_NOT_DATA = re.compile(
    r"^(合计|总计|小计|共计|累计|总人数|制表|填表|填报|审核|审批|负责人|联系人|统计|日期|说明|注[:：])")


_PHONE_LIST = re.compile(r"[/、,，;；]|\s{2,}")


@dataclass(slots=True)
class CandidateRow:
    sheet: str
    row: int  # 1-based, as Excel shows it
    record: ResidentRecord | None = None  # None when refused
    code: str = ""  # refusal code (no_name, number_cell, bad_check_digit, ...)
    reason: str = ""  # refusal in Chinese
    notes: list[str] = field(default_factory=list)  # warnings on an accepted row
    raw_name: str = ""
    relation: str = ""  # 与户主关系 as read (a refused head's row still starts a household)
    group: int | None = None  # the household this row belongs to, within the file
    same: bool = False  # an address cell says 同上 (or 〃, 同左): filled from the row above

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row}"


def _blank(value: Any) -> bool:
    if value is None or value == "":
        return True
    if type(value) is not str:
        return False
    # str.strip() knows the ideographic and no-break spaces; zero-width ones are stripped apart.
    return not value.strip().strip(_ZERO_WIDTH)


_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"


def merged_values(sheet: SheetData, first_data: int) -> dict[tuple[int, int], Any]:
    """(row, col) -> value for every cell of a merged range below the header but its top-left
    one, which holds the value (the others read as empty)."""
    out: dict[tuple[int, int], Any] = {}
    rows = sheet.rows
    for (r0, c0), (r1, c1) in sheet.merged:
        if r1 < first_data or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0, first_data), min(r1, len(rows) - 1) + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out[(r, c)] = value
    return out


def is_data_row(raw: list[Any], columns: dict[int, str]) -> bool:
    """Something in a mapped column other than the building (a 序号 or a building cell alone,
    e.g. the top of a merged building range over a blank row, is not a person), and not a
    total, date or "made by" line."""
    filled = [raw[c] for c, f in columns.items()
              if f != "building" and c < len(raw) and not _blank(raw[c])]
    if not filled:
        return False
    if len(filled) > 2:
        return True
    texts = [remove_spaces(str(v)) for v in raw if not _blank(v)]
    return not (texts and _NOT_DATA.match(texts[0]) and len(texts) <= 2)


def evaluate_sheet(sheet: SheetData, header_index: int, columns: dict[int, str],
                   today: date, *, limit: int | None = None,
                   counter: list[int] | None = None) -> list[CandidateRow]:
    """Every data row of the sheet below header_index (0-based), in order; with limit, only the
    first ones are evaluated, and counter (a one-item list) still receives how many there are.

    Written as one tight loop: it runs 100,000 times for a large roster (bench_residents.py)."""
    merged = merged_values(sheet, header_index + 1)
    merged_cols = sorted({c for (_r, c) in merged})
    col_of = {f: c for c, f in columns.items()}
    building_col = col_of.get("building")
    data_cols = [c for c, f in columns.items() if f != "building"]
    width = max(columns) + 1 if columns else 0
    # Column of each field, -1 when the sheet has none: rows get a trailing None for it.
    cols = tuple(col_of.get(f, -1) for f in ROW_FIELDS)
    out: list[CandidateRow] = []
    last_building: Any = None
    rows = sheet.rows
    name_col = col_of.get("name")
    # A header repeated down the sheet (printed pages each with their header) is not a person.
    header_name = (remove_spaces(str(rows[header_index][name_col]))
                   if name_col is not None and name_col < len(rows[header_index]) else None)
    for i in range(header_index + 1, len(rows)):
        raw = rows[i]
        raw = raw + [None] * (max(0, width - len(raw)) + 1)
        row = raw
        if merged_cols:
            for c in merged_cols:  # only the columns that have merged ranges
                if (raw[c] is None or raw[c] == "") and (i, c) in merged:
                    if row is raw:
                        row = list(raw)
                    row[c] = merged[(i, c)]
        # (its first character must be in the cell: a cheap test before removing spaces)
        if header_name and name_col is not None and type(raw[name_col]) is str and (
                len(raw[name_col]) < 12 and header_name[0] in raw[name_col]
                and remove_spaces(raw[name_col]) == header_name):
            continue
        # Nor is a row of field names (a second header row, 姓名 merged down into it): never
        # a person called "姓名".
        if name_col is not None and is_header_word(row[name_col]) and looks_like_header(row):
            continue
        building = row[building_col] if building_col is not None else None
        # A building written once above "same as above" rows (blank or 同上), merged or not.
        if building is None or building == "" or (type(building) is str and (
                not building.strip().strip(_ZERO_WIDTH) or building.strip() in SAME_MARKS)):
            building = last_building
        else:
            last_building = building
        filled = 0
        for c in data_cols:
            v = raw[c]
            if v is not None and v != "" and (type(v) is not str or v.strip().strip(_ZERO_WIDTH)):
                filled += 1
                if filled > 2:
                    break
        if filled == 0 or (filled <= 2 and not is_data_row(raw, columns)):
            continue
        if counter is not None:
            counter[0] += 1
        if limit is None or len(out) < limit:
            out.append(evaluate_row(sheet.name, i + 1, row, cols, building, today))
    return out


ROW_FIELDS = ("name", "id_number", "gender", "birth", "phone", "unit", "room", "address",
              "household", "tags", "notes", "relation")

# "Same as the row above", as registers write it in an address cell.
SAME_MARKS = frozenset({"同上", "同左", "〃", '"', "”", "“", "''", "’’", "同上栏", "仝上"})

# 与户主关系 as registers word it -> RELATIONS.
_RELATION_WORDS: dict[str, str] = {}
for _rel, _words in {
    "户主": "户主 本人 户主本人", "配偶": "配偶 妻 妻子 夫 丈夫", "子": "子 儿子 长子 次子",
    "女": "女 女儿 长女 次女", "父亲": "父亲 父", "母亲": "母亲 母", "孙子": "孙子 孙",
    "孙女": "孙女", "儿媳": "儿媳 媳妇", "女婿": "女婿", "其他": "其他 其它",
}.items():
    for _w in _words.split():
        _RELATION_WORDS[_w] = _rel


def parse_relation(raw: Any) -> tuple[str, str]:
    """(relation, note): a wording registers use, or "" with a note saying what was there."""
    if _blank(raw):
        return "", ""
    text = remove_spaces(str(raw))
    if text in _RELATION_WORDS:
        return _RELATION_WORDS[text], ""
    return "", f"与户主关系“{text[:10]}”无法识别，未填"


def evaluate_row(sheet: str, row_no: int, row: list[Any], cols: tuple[int, ...],
                 building: Any, today: date) -> CandidateRow:
    """One data row; row ends with a None that every absent field's column (-1) points at.

    Values are gathered in locals and the record built once at the end (this runs 100,000 times
    for a large roster); repeated values go through the caches below."""
    (c_name, c_id, c_gender, c_birth, c_phone, c_unit, c_room, c_address, c_household, c_tags,
     c_notes, c_relation) = cols
    cacheable = _CACHEABLE
    raw_name = row[c_name]
    relation, relation_note = ("", "") if c_relation < 0 else parse_relation(row[c_relation])
    if type(raw_name) is str and _PLAIN_NAME.fullmatch(raw_name):
        name_value = raw_name  # what clean_name gives such a name: nothing to remove or refuse
    else:
        name = clean_name(raw_name)
        if name.reason:
            return CandidateRow(sheet, row_no, None, name.code, name.reason, [],
                                collapse_spaces(clean_text(raw_name)), relation)
        name_value = name.value
    notes: list[str] = [relation_note] if relation_note else []
    extra = ""  # what goes to the record's notes after the sheet's own notes
    raw_id = row[c_id]
    idc = None
    id_number = None
    if raw_id is not None and raw_id != "" and not _blank(raw_id):
        idc = parse_id_number(raw_id, today=today)
        if idc.reason:
            return CandidateRow(sheet, row_no, None, idc.code, idc.reason, [], name_value,
                                relation)
        id_number = idc.value
        if idc.converted_from_15:
            notes.append("15位旧身份证号已转换为18位")

    raw_gender = row[c_gender]
    gender = cached_gender(raw_gender) if type(raw_gender) in cacheable else parse_gender(
        raw_gender)
    if gender.value and not gender.reason:
        sex = gender.value
        if idc and idc.gender != sex:
            notes.append(f"性别与身份证号不符（表中为{sex}，身份证号为{idc.gender}），已按表格导入")
    else:
        if gender.reason:
            notes.append(f"{gender.reason}，已按身份证号填写" if idc else gender.reason)
        sex = idc.gender if idc else ""

    raw_birth = row[c_birth]
    parsed = parse_date(raw_birth)
    birth: date | None
    if parsed.value and not parsed.reason:
        birth = parsed.value
        if idc and idc.birth and parsed.partial and (birth.year, birth.month) == (
                idc.birth.year, idc.birth.month):
            birth = idc.birth  # 出生年月 without the day: the ID gives the day
        elif idc and idc.birth and birth != idc.birth:
            notes.append(f"出生日期与身份证号不符（表中为{birth.isoformat()}，"
                         f"身份证号为{idc.birth.isoformat()}），已按表格导入")
        elif parsed.partial:
            notes.append("出生年月没有日，已记为当月1日")
        if birth > today:
            notes.append(f"出生日期{birth.isoformat()}晚于今天，未导入该日期")
            birth = idc.birth if idc else None
    else:
        if parsed.reason:
            notes.append(f"{parsed.reason}；" + ("已按身份证号填写" if idc else "出生日期留空"))
            extra = f"原出生日期：{clean_text(raw_birth)}"
        birth = idc.birth if idc else None

    raw_phone = row[c_phone]
    phone = parse_phone(raw_phone)
    if phone.reason and type(raw_phone) is str and _PHONE_LIST.search(raw_phone):
        # "13812345678/13987654321": the first number is kept, the others go to the notes.
        first, *rest = [p for p in _PHONE_LIST.split(raw_phone) if p.strip()]
        if parse_phone(first).ok and rest:
            phone = parse_phone(first)
            notes.append("表中有多个电话，第一个已导入，其余写入备注")
            extra = _append(extra, "其他电话：" + "、".join(p.strip() for p in rest))
    if phone.reason:
        notes.append(f"{phone.reason}；原号码已写入备注")
        extra = _append(extra, f"原电话：{clean_text(raw_phone)}")

    unit, room, address = row[c_unit], row[c_room], row[c_address]
    household, raw_tags = row[c_household], row[c_tags]
    rec = ResidentRecord(
        None, name_value, sex, birth, id_number, "" if phone.reason else (phone.value or ""),
        cached_text(building) if type(building) in cacheable else "",
        cached_text(unit) if type(unit) in cacheable else "",
        cached_text(room) if type(room) in cacheable else "",
        cached_text(address) if type(address) in cacheable else "",
        cached_text(household) if type(household) in cacheable else "",
        _append(cached_text(row[c_notes]), extra),
        list(cached_tags(raw_tags)) if type(raw_tags) in cacheable else [], relation)
    same = rec.room in SAME_MARKS or rec.unit in SAME_MARKS or rec.address in SAME_MARKS
    return CandidateRow(sheet, row_no, rec, "", "", notes, name_value, relation, None, same)


# The usual name: one to thirty characters of the main CJK block, so no space, dot, digit,
# symbol or control character for clean_name to remove or refuse (tests/test_import_fast_rows.py).
_PLAIN_NAME = re.compile("[\u4e00-\u9fff]{1,30}")

# bool is left out: True == 1 would share a cache entry with the number 1.
_CACHEABLE = frozenset({type(None), str, int, float, date, datetime})


def _hashable(value: Any) -> bool:
    return type(value) in _CACHEABLE


# Sheets repeat the same sexes, tags and rooms: parse each value once. Names and birth dates
# are parsed every time: nearly all differ (100,000 rows: 68,000 names, 59,000 dates), so caching
# them saved nothing and left 250,000 objects for the collector to walk when the program ends.
cached_gender = lru_cache(maxsize=1024)(parse_gender)


@lru_cache(maxsize=1 << 16)
def cached_text(value: Any) -> str:
    return collapse_spaces(clean_text(value))


@lru_cache(maxsize=4096)
def cached_tags(value: Any) -> tuple[str, ...]:
    return tuple(parse_tags(value))


def _append(text: str, more: str) -> str:
    return f"{text}；{more}" if text and more else (text or more)
