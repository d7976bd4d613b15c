"""A survey list (摸底表) in Excel or CSV added to a campaign, with the residents import's
machinery (models/residents/imports: the file guard and reader, the header finder and its
wording of 姓名, 身份证号, 楼栋 ...), plus the relief columns: 慰问类别 (a category of the
campaign), 家庭人口, 困难原因 and 慰问金额 (empty: the category's standard).

A row whose ID is in the register is linked to that resident (name and address from the
register). A row that cannot be taken (no name, an unknown category, a bad ID, amount or size) is
refused with its sheet, row and reason, and the others are added, each logged as 新增 with the
file's name as the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.common.errors import UserError
from models.common.money import MoneyError, parse_money
from models.common.text import remove_spaces, to_halfwidth
from models.datafile.db import database
from models.relief.beneficiaries import MAX_HOUSEHOLD, add_beneficiary
from models.relief.records import NewBeneficiary
from models.relief.service import get_campaign

# Relief columns, by the words their headers contain (checked before the residents' mapping,
# which reads 类别 as the register's tags).
_RELIEF_HEADERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("慰问类别", "救助类别", "对象类别", "困难类别", "类别"), "category"),
    (("家庭人口", "家庭人数", "人口", "户人数", "人数"), "household_size"),
    (("困难原因", "致困原因", "原因"), "reason"),
    (("慰问金额", "慰问金", "金额"), "amount"),
)


@dataclass
class SurveyResult:
    added: int = 0
    refused: list[tuple[str, int, str, str]] = field(default_factory=list)  # sheet, row, name, why


def _relief_field(cell: Any) -> str | None:
    text = remove_spaces(to_halfwidth(str(cell or "")))
    for words, name in _RELIEF_HEADERS:
        if any(w in text for w in words):
            return name
    return None


def _columns(header: list[Any]) -> dict[str, int]:
    from models.residents.imports.mapping import field_for_header

    out: dict[str, int] = {}
    for col, cell in enumerate(header):
        name = _relief_field(cell) or field_for_header(cell)
        if name and name not in out and name != "tags":
            out[name] = col
    return out


def _cell(row: list[Any], col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    value = row[col]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_survey(campaign_id: int, path: Path | str) -> SurveyResult:
    from models.residents.imports.mapping import find_header_row
    from models.residents.imports.reader import read_file
    from models.residents.service import find_by_id_number

    rec = get_campaign(campaign_id)
    by_name = {c.name: c.id for c in rec.categories}
    result = SurveyResult()
    why = f"摸底表导入：{Path(path).name}"
    sheets = read_file(path)
    found = False
    with database.atomic():
        for sheet in sheets:
            head = find_header_row(sheet.rows)
            if head is None:
                continue
            cols = _columns(sheet.rows[head])
            if "name" not in cols or "category" not in cols:
                continue
            found = True
            for n, row in enumerate(sheet.rows[head + 1:], head + 2):
                get = {k: _cell(row, c) for k, c in cols.items()}
                if not any(get.values()):
                    continue
                name = get.get("name", "")
                try:
                    result.added += _add(campaign_id, get, by_name, why, find_by_id_number)
                except UserError as exc:
                    result.refused.append((sheet.name, n, name, str(exc)))
    if not found:
        raise UserError("表格中没有找到“姓名”和“慰问类别”两列，请检查表头。")
    return result


def _add(campaign_id: int, get: dict[str, str], by_name: dict[str, int], why: str,
         find_by_id_number: Any) -> int:
    if not get.get("name"):
        raise UserError("没有姓名。")
    category = get.get("category", "")
    if category not in by_name:
        raise UserError(f"慰问类别“{category}”不是本次活动的类别（{'、'.join(by_name)}）。")
    size_text = get.get("household_size") or "1"
    if not size_text.isdigit() or not 1 <= int(size_text) <= MAX_HOUSEHOLD:
        raise UserError(f"家庭人口“{size_text}”须为 1 到 {MAX_HOUSEHOLD} 的整数。")
    try:
        amount = parse_money(get["amount"]) if get.get("amount") else None
    except MoneyError as exc:
        raise UserError(f"慰问金额：{exc}") from None
    resident = find_by_id_number(get["id_number"]) if get.get("id_number") else None
    new = NewBeneficiary(by_name[category], name=get["name"],
                         resident_id=resident.id if resident is not None else None,
                         id_number=get.get("id_number", ""), phone=get.get("phone", ""),
                         building=get.get("building", ""), unit=get.get("unit", ""),
                         room=get.get("room", ""), address=get.get("address", ""),
                         household_size=int(size_text), reason=get.get("reason", ""),
                         amount_fen=amount)
    with database.atomic():  # a savepoint: a refused row leaves nothing behind
        add_beneficiary(campaign_id, new, why)
    return 1
