"""From a sheet's raw rows to candidate residents: which rows are data, and each one's values.

Pure (no database): title, date, header, blank, total and "made by" rows are not data rows;
merged cells are filled in; every data row becomes either a cleaned ResidentRecord or a refusal
with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from models.id_number import parse_id_number
from models.imports.reader import SheetData
from models.resident_records import ResidentRecord
from models.text_norm import collapse_spaces, remove_spaces
from models.value_parsers import (
    clean_name,
    clean_text,
    parse_date,
    parse_gender,
    parse_phone,
    parse_tags,
)

# A line that is not a person: totals, who made or checked the sheet, dates, notes under a table.
_NOT_DATA = re.compile(
    r"^(合计|总计|小计|共计|累计|总人数|制表|填表|填报|审核|审批|负责人|联系人|统计|日期|说明|注[:：])")


@dataclass
class CandidateRow:
    sheet: str
    row: int  # 1-based, as Excel shows it
    record: ResidentRecord | None = None  # None when refused
    code: str = ""  # refusal code (no_name, number_cell, bad_check_digit, ...)
    reason: str = ""  # refusal in Chinese
    notes: list[str] = field(default_factory=list)  # warnings on an accepted row
    raw_name: str = ""

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row}"


def _blank(value: Any) -> bool:
    if value is None or value == "":
        return True
    # str.strip() knows the ideographic and no-break spaces; the regex catches zero-width ones.
    return isinstance(value, str) and (not value.strip() or not remove_spaces(value))


def fill_merged(sheet: SheetData, first_data: int) -> list[list[Any]]:
    """Copy of the rows with every merged range below the header filled with its top-left value."""
    rows = [list(r) for r in sheet.rows]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r1 < first_data or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0, first_data), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    row[c] = value
    return rows


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


def _cell(row: list[Any], col: int | None) -> Any:
    if col is None or col >= len(row):
        return None
    return row[col]


def evaluate_sheet(sheet: SheetData, header_index: int, columns: dict[int, str],
                   today: date) -> list[CandidateRow]:
    """Every data row of the sheet below header_index (0-based), in order."""
    filled = fill_merged(sheet, header_index + 1)
    col_of = {f: c for c, f in columns.items()}
    out: list[CandidateRow] = []
    last_building: Any = None
    for i in range(header_index + 1, len(sheet.rows)):
        raw = sheet.rows[i]
        row = filled[i]
        building = _cell(row, col_of.get("building"))
        # A building written once above "same as above" rows, merged or not.
        if _blank(building):
            building = last_building
        else:
            last_building = building
        if not is_data_row(raw, columns):
            continue
        out.append(evaluate_row(sheet.name, i + 1, row, col_of, building, today))
    return out


def evaluate_row(sheet: str, row_no: int, row: list[Any], col_of: dict[str, int],
                 building: Any, today: date) -> CandidateRow:
    cand = CandidateRow(sheet, row_no)
    name = clean_name(_cell(row, col_of.get("name")))
    cand.raw_name = collapse_spaces(clean_text(_cell(row, col_of.get("name"))))
    if not name.ok:
        cand.code, cand.reason = name.code, name.reason
        return cand
    rec = ResidentRecord(name=name.value)
    raw_id = _cell(row, col_of.get("id_number"))
    idc = None
    if not _blank(raw_id):
        idc = parse_id_number(raw_id, today=today)
        if not idc.ok:
            cand.code, cand.reason = idc.code, idc.reason
            return cand
        rec.id_number = idc.value
        if idc.converted_from_15:
            cand.notes.append("15位旧身份证号已转换为18位")

    gender = parse_gender(_cell(row, col_of.get("gender")))
    if gender.ok and gender.value:
        rec.gender = gender.value
        if idc and idc.gender != rec.gender:
            cand.notes.append(f"性别与身份证号不符（表中为{rec.gender}，身份证号为{idc.gender}），"
                              "已按表格导入")
    else:
        if not gender.ok:
            cand.notes.append(f"{gender.reason}，已按身份证号填写" if idc else gender.reason)
        rec.gender = idc.gender if idc else ""

    raw_birth = _cell(row, col_of.get("birth"))
    birth = parse_date(raw_birth)
    if birth.ok and birth.value:
        rec.birth = birth.value
        if idc and idc.birth and birth.partial and (birth.value.year, birth.value.month) == (
                idc.birth.year, idc.birth.month):
            rec.birth = idc.birth  # 出生年月 without the day: the ID gives the day
        elif idc and idc.birth and rec.birth != idc.birth:
            cand.notes.append(f"出生日期与身份证号不符（表中为{rec.birth.isoformat()}，"
                              f"身份证号为{idc.birth.isoformat()}），已按表格导入")
        elif birth.partial:
            cand.notes.append("出生年月没有日，已记为当月1日")
        if rec.birth > today:
            cand.notes.append(f"出生日期{rec.birth.isoformat()}晚于今天，未导入该日期")
            rec.birth = idc.birth if idc else None
    else:
        if not birth.ok:
            cand.notes.append(f"{birth.reason}；" + ("已按身份证号填写" if idc else "出生日期留空"))
            rec.notes = _append(rec.notes, f"原出生日期：{clean_text(raw_birth)}")
        rec.birth = idc.birth if idc else None

    raw_phone = _cell(row, col_of.get("phone"))
    phone = parse_phone(raw_phone)
    if phone.ok:
        rec.phone = phone.value or ""
    else:
        cand.notes.append(f"{phone.reason}；原号码已写入备注")
        rec.notes = _append(rec.notes, f"原电话：{clean_text(raw_phone)}")

    rec.building = collapse_spaces(clean_text(building))
    for attr in ("unit", "room", "address", "household"):
        setattr(rec, attr, collapse_spaces(clean_text(_cell(row, col_of.get(attr)))))
    rec.tags = parse_tags(_cell(row, col_of.get("tags")))
    rec.notes = _append(clean_text(_cell(row, col_of.get("notes"))), rec.notes)
    cand.record = rec
    return cand


def _append(text: str, more: str) -> str:
    return f"{text}；{more}" if text and more else (text or more)
