"""Text clean-up shared by the parsers: full-width to half-width, every kind of space."""
from __future__ import annotations

import re

# Full-width ASCII block (！ to ～) -> ASCII; the ideographic space -> a space.
_FULL = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL[0x3000] = 0x20
_ANY_SPACE = re.compile(r"[\s\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+")
# Control characters that are not spaces (NUL, BEL, ESC, DEL, the C1 block): never stored. A
# NUL in a name broke search and was written back out; openpyxl refuses them in a cell.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def to_halfwidth(text: str) -> str:
    return text.translate(_FULL)


def remove_spaces(text: str) -> str:
    """Every space, ASCII or ideographic, and invisible ones (zero-width, BOM, no-break)."""
    return _ANY_SPACE.sub("", text)


def collapse_spaces(text: str) -> str:
    return _ANY_SPACE.sub(" ", text).strip()
