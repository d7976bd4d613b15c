"""Masking of personal data on anything public (docs/printing.md): one function per kind of
value, used by every public export so no list leaks a full ID or phone."""
from __future__ import annotations

import re

_MOBILE = re.compile(r"^1\d{10}$")


def mask_name(name: str) -> str:
    """张三明 -> 张*明, 张三 -> 张*, 欧阳娜娜 -> 欧**娜."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(id_number: str) -> str:
    """330102199001011234 -> 330102********1234 (first six, last four)."""
    s = id_number.strip()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; a landline keeps its area code and last four digits."""
    s = phone.strip()
    if _MOBILE.match(s):
        return s[:3] + "****" + s[-4:]
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    if len(digits) <= 4:
        return s
    keep_head = s.index("-") + 1 if "-" in s else min(3, len(s) - 4)
    out = [ch if (i < keep_head or i in digits[-4:] or not ch.isdigit()) else "*"
           for i, ch in enumerate(s)]
    return "".join(out)
