"""Finding the header row under the title lines, and mapping header wording to fields."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from models.common.text import remove_spaces, to_halfwidth

# Fields an import can fill, with the Chinese label the mapping dialog shows.
IMPORT_FIELDS: dict[str, str] = {
    "name": "姓名", "gender": "性别", "birth": "出生日期", "id_number": "身份证号",
    "phone": "联系电话", "building": "楼栋", "unit": "单元", "room": "房号", "address": "住址",
    "household": "户号", "tags": "标签", "notes": "备注", "relation": "与户主关系",
}

# Exact wordings (spaces removed, half-width) first ...
_EXACT: dict[str, str] = {}
for _field, _words in {
    "name": "姓名 名字 居民姓名 人员姓名 成员姓名 户主姓名 名称",
    "gender": "性别",
    "birth": "出生日期 出生年月 出生年月日 生日 出生 出生时间 出生日期(年月日)",
    "id_number": "身份证号 身份证号码 公民身份号码 公民身份证号码 身份证 证件号码 证件号 "
                 "身份证件号码",
    "phone": "联系电话 手机号 手机号码 电话 联系方式 手机 电话号码 联系手机 固定电话",
    "building": "楼栋 楼号 幢 栋 楼幢 幢号 栋号 楼栋号 楼 所在楼栋",
    "unit": "单元 单元号",
    "room": "房号 门牌 门牌号 室 房间号 室号 住址(室) 房号(室)",
    "address": "住址 地址 家庭住址 居住地址 现住址 户籍地址 详细地址",
    "household": "户号 户编号",
    "tags": "标签 类别 人员类别 类型 人员类型 身份 分类 群体",
    "notes": "备注 说明 附注",
    "relation": "与户主关系 与户主的关系 家庭关系 关系 户内关系",
}.items():
    for _w in _words.split():
        _EXACT[_w] = _field

# ... then wording that merely contains a telling word, in this order.
_CONTAINS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"身份证|身份号码|证件号"), "id_number"),
    (re.compile(r"姓名|名字"), "name"),
    (re.compile(r"性别"), "gender"),
    (re.compile(r"出生|生日"), "birth"),
    (re.compile(r"电话|手机|联系方式"), "phone"),
    (re.compile(r"门牌|房号|房间|\(室\)"), "room"),
    (re.compile(r"单元"), "unit"),
    (re.compile(r"楼栋|楼号|幢|栋"), "building"),
    (re.compile(r"住址|地址"), "address"),
    (re.compile(r"类别|标签|类型"), "tags"),
    (re.compile(r"备注|说明"), "notes"),
    (re.compile(r"与户主"), "relation"),
]


def normalise_header(cell: Any) -> str:
    if cell is None:
        return ""
    text = remove_spaces(to_halfwidth(str(cell)))
    return text.replace("：", "").replace(":", "").replace("*", "")


def field_for_header(cell: Any, extra: Mapping[str, str] | None = None) -> str | None:
    """The field a header cell names. extra: another importer's own exact wordings (e.g. the
    volunteers' 政治面貌 -> political), tried first; the residents' import passes none."""
    text = normalise_header(cell)
    if not text or len(text) > 20:
        return None
    if extra and text in extra:
        return extra[text]
    if text in _EXACT:
        return _EXACT[text]
    for pattern, name in _CONTAINS:
        if pattern.search(text):
            return name
    return None


def map_header(cells: list[Any], extra: Mapping[str, str] | None = None) -> dict[int, str]:
    """Column index -> field; each field taken by its first column only."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    for col, cell in enumerate(cells):
        name = field_for_header(cell, extra)
        if name and name not in taken:
            out[col] = name
            taken.add(name)
    return out


def find_header_row(rows: list[list[Any]], *, look: int = 30,
                    extra: Mapping[str, str] | None = None) -> int | None:
    """Index of the header row among the first rows: the first with a name column and at least
    one other known column. None when the sheet has none (e.g. a notes sheet)."""
    for i, row in enumerate(rows[:look]):
        mapping = map_header(row, extra)
        if "name" in mapping.values() and len(mapping) >= 2:
            return i
    return None


# Words a header row is made of: every exact wording above, the fields' own labels, and columns
# a roster has that are not imported.
_OTHER_HEADERS = (
    "序号", "编号", "年龄", "民族", "籍贯", "政治面貌", "文化程度", "学历", "婚姻状况", "工作单位",
    "职业", "户籍所在地", "户籍", "人数", "基本信息", "联系信息", "居住信息",
    "证件", "证件信息", "证件类型", "所在小区", "小区", "网格", "签名", "本人签字", "签字",
    "户信息", "联系方式", "住址信息", "家庭信息")
HEADER_WORDS: frozenset[str] = (frozenset(_EXACT) | frozenset(IMPORT_FIELDS.values())
                                | frozenset(_OTHER_HEADERS))


# First characters worth a closer look (and what normalise_header removes in front): a cheap
# test run on every row's name cell before the full one.
_FIRST = frozenset(w[0] for w in HEADER_WORDS) | frozenset(" \u3000\t*：:（(")


def is_header_word(cell: Any) -> bool:
    return (type(cell) is str and cell[:1] in _FIRST
            and normalise_header(cell) in HEADER_WORDS)


def looks_like_header(cells: list[Any]) -> bool:
    """A row of field names, not a person: at least two cells filled, and at least two thirds
    of them known header words ("姓名 性别 身份证号", a second header row, a repeated header).
    A person's row has values there: 男, 13812345678, a date."""
    texts = [c for c in cells if c is not None and str(c).strip()]
    if len(texts) < 2:
        return False
    words = sum(1 for c in texts if is_header_word(c))
    return words * 3 >= len(texts) * 2


def header_with_next_row(rows: list[list[Any]], index: int,
                         extra: Mapping[str, str] | None = None) -> tuple[int, dict[int, str]]:
    """The header found at index, merged with the row under it when that row is a second header
    row (merged "证件" over "身份证号 | 类别", 姓名 merged down over both): its fields are added
    for the columns the first row left unmapped. Returns the last header row's index and the
    columns."""
    columns = map_header(rows[index], extra)
    below = index + 1
    if below >= len(rows) or not looks_like_header(rows[below]):
        return index, columns
    taken = set(columns.values())
    for col, name in map_header(rows[below], extra).items():
        if col not in columns and name not in taken:
            columns[col] = name
            taken.add(name)
    return below, columns
