"""The character readings behind pinyin_keys (resources/strokes/pinyin_readings.tsv) are exactly
what pypinyin gives one character at a time, for every character of the two ranges the app asks
it about; the table replaced asking pypinyin at run time (importing it took ~0.15 s of an
import, for 160-odd lookups).

Made again, e.g. after a pypinyin upgrade, by `python -m tests.test_pinyin_table --write`."""
from __future__ import annotations

import sys

from models.common import name_keys

RANGES = (range(0x3400, 0xA000), range(0x20000, 0x30000))


def pypinyin_reading(ch: str) -> str:
    """What char_pinyin gave before the table: pypinyin's reading of one character, no tone."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.NORMAL, errors="default")[0].lower().replace("ü", "v")


def derive_table() -> str:
    """One line per reading: the reading, a tab, its characters in code point order."""
    by_reading: dict[str, list[str]] = {}
    for span in RANGES:
        for cp in span:
            ch = chr(cp)
            reading = pypinyin_reading(ch)
            if reading != ch:  # a character pypinyin does not know comes back as itself
                by_reading.setdefault(reading, []).append(ch)
    return "".join(f"{r}\t{''.join(chars)}\n" for r, chars in sorted(by_reading.items()))


def test_table_is_what_pypinyin_reads_for_every_character() -> None:
    shipped = name_keys.READINGS_FILE.read_text(encoding="utf-8")
    assert shipped == derive_table()
    assert len(name_keys._readings()) > 40_000


def test_char_pinyin_reads_every_character_as_pypinyin_does() -> None:
    differ = [chr(cp) for span in RANGES for cp in span
              if name_keys.char_pinyin(chr(cp)) != pypinyin_reading(chr(cp))]
    assert differ == []
    # Outside those ranges, as before: lower case, never pypinyin (〇 is known to it as "ling").
    assert [name_keys.char_pinyin(c) for c in "〇AÉ·a1"] == ["〇", "a", "é", "·", "a", "1"]


def test_names_read_with_surnames() -> None:
    assert name_keys.pinyin_keys("单田芳") == ("shantianfang", "stf")
    assert name_keys.pinyin_keys("尉迟恭") == ("yuchigong", "ycg")
    assert name_keys.pinyin_keys("吕") == ("lv", "l")
    assert name_keys.pinyin_keys("阿依古丽·买买提") == ("ayiguli·maimaiti", "aygl·mmt")
    assert name_keys.pinyin_keys("") == ("", "")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    name_keys.READINGS_FILE.write_text(derive_table(), encoding="utf-8")
