"""Keys derived from a name: full pinyin and initials (for finding people), and the stroke-order
sort key (姓氏笔画, for printing lists). Both come from a table of characters read once, so
100,000 names take a fraction of a second.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from resources import resource_path

STROKES_FILE = resource_path("strokes", "cnchar_strokes.tsv")
# Each character's reading as pypinyin gives it alone, without tone (tests/test_pinyin_table.py
# makes it and checks it against pypinyin for every character).
READINGS_FILE = resource_path("strokes", "pinyin_readings.tsv")

# pypinyin reads these characters by their everyday reading; as a surname they are read so.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "乐": "yue", "曾": "zeng",
    "盖": "ge", "查": "zha", "覃": "qin", "尉": "wei", "缪": "miao", "翟": "zhai", "召": "shao",
    "种": "chong", "繁": "po", "员": "yun", "便": "pian", "秘": "bi", "冼": "xian", "谌": "chen",
    "万": "wan", "沈": "shen", "任": "ren", "华": "hua", "纪": "ji", "过": "guo", "折": "she",
    "隗": "wei", "句": "gou", "长": "chang", "重": "chong", "柏": "bai", "薄": "bo", "宓": "mi",
    "燕": "yan", "阚": "kan", "黑": "he", "殷": "yin", "哈": "ha", "藏": "zang", "石": "shi",
}
# Compound surnames whose reading differs from their characters read one by one.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "皇甫": ("huang", "fu"),
}


def _tsv(path: Path) -> Iterator[tuple[str, str]]:
    """The two fields of each line of a table file (tab between them)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            left, _, right = line.rstrip("\n").partition("\t")
            yield left, right


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    table: dict[str, str] = {}
    for reading, chars in _tsv(READINGS_FILE):  # a reading, then every character read so
        table.update(dict.fromkeys(chars, reading))
    return table


def char_pinyin(ch: str) -> str:
    """The reading of one character without tone ("张" -> "zhang"); other characters lower-cased."""
    return _readings().get(ch) or ch.lower()


def name_syllables(name: str) -> list[str]:
    """One reading per character, the surname read as a surname."""
    if not name:
        return []
    table = _readings()
    compound = COMPOUND_SURNAMES.get(name[:2])
    if compound:
        return [*compound, *[table.get(c) or c.lower() for c in name[2:]]]
    first = SURNAME_READINGS.get(name[0]) or table.get(name[0]) or name[0].lower()
    return [first, *[table.get(c) or c.lower() for c in name[1:]]]


def pinyin_keys(name: str) -> tuple[str, str]:
    """("zhangsan", "zs") for 张三: full pinyin and initials, lower case, no spaces."""
    syl = name_syllables(name)
    return "".join(syl), "".join([s[:1] for s in syl])  # (s[:1]: "" for an empty one)


@lru_cache(maxsize=1)
def _stroke_table() -> dict[str, str]:
    return {ch: seq for ch, seq in _tsv(STROKES_FILE) if ch and seq}


def stroke_count(ch: str) -> int | None:
    seq = _stroke_table().get(ch)
    return len(seq) if seq else None


def stroke_sequence(ch: str) -> str | None:
    """"张" -> "5153154" (1 横, 2 竖, 3 撇, 4 点, 5 折), None for a character not in the table."""
    return _stroke_table().get(ch)


@lru_cache(maxsize=1)
def _stroke_keys() -> dict[str, str]:
    """Six hex digits a known character: its rank (fewer strokes first, then stroke by stroke
    横竖撇点折)."""
    table = _stroke_table()
    ordered = sorted(table, key=lambda c: (len(table[c]), table[c], ord(c)))
    return {c: f"{i:06x}" for i, c in enumerate(ordered)}


def stroke_key(name: str) -> str:
    """Sort key for 姓氏笔画 order: the surname's stroke count, ties by the shape of the strokes in
    the order 横竖撇点折, the same surname kept together, then the next character, and so on.
    Derived data: recomputed on every write of a resident (see models/residents/service.py)."""
    keys = _stroke_keys()
    # Unknown characters after every known one, by code point.
    return "".join([keys.get(c) or f"{0x200000 + ord(c):06x}" for c in name])
