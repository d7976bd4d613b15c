"""Find unmasked personal numbers in an output file: an 18-digit ID number or an 11-digit mobile
number, in xlsx cells (and sheet names, headers, footers, comments), PDF text, or CSV/text."""
from __future__ import annotations

import re
from pathlib import Path

# Any 18-character run of 17 digits and a check character, not part of a longer number: stricter
# than the ID rules on purpose, a public sheet has no business showing such a number at all.
ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
# A mainland mobile number, also when written 138-1234-5678 or 138 1234 5678.
MOBILE_RE = re.compile(r"(?<![0-9])1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])")


def find_leaks(text: str) -> list[str]:
    return [m.group(0) for rx in (ID_RE, MOBILE_RE) for m in rx.finditer(text)]


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13812345678.0 typed into Excel as a number
    return "" if value is None else str(value)


def xlsx_text(path: Path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path)  # not read-only: headers, footers and comments too
    parts: list[str] = []
    for ws in wb.worksheets:
        parts.append(ws.title)
        for hf in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter,
                   ws.firstHeader, ws.firstFooter):
            for side in (hf.left, hf.center, hf.right):
                parts.append(side.text or "")
        for row in ws.iter_rows():
            for cell in row:
                parts.append(_cell_text(cell.value))
                if cell.comment is not None:
                    parts.append(cell.comment.text)
    wb.close()
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    parts = [page.extract_text() or "" for page in reader.pages]
    meta = reader.metadata or {}
    parts += [str(v) for v in meta.values()]
    return "\n".join(parts)


def plain_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def file_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return xlsx_text(path)
    if suffix == ".pdf":
        return pdf_text(path)
    return plain_text(path)


def scan(path: Path) -> list[str]:
    """Unmasked IDs and mobiles found in the file; [] when it is clean."""
    return find_leaks(file_text(path))
