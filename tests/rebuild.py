"""An attacker's reading of a masked output: every table in the file (xlsx sheets, CSV, the PDF's
ruled table) read back as rows under their header, then each masked value rebuilt from the other
columns of the same output by enumerating the candidates that fit what is visible.

- ID numbers shown as 6+4 (330102********1234): the hidden eight digits are a birth date. Every
  date the output allows (出生日期, 出生年份, 年龄 on the activity's day, an age band, a tag that
  implies an age, an age breakdown of the same file that puts everyone in one band) is tried and
  kept when the check digit fits. With nothing else known the attacker still assumes a birth in
  the last 120 years.
- Phones: 10 ** (digits hidden), and none when a full number elsewhere in the file fits.
- Names: a 拼音/首字母 column beside a masked name gives it away. (The row order of a list
  sorted on the hidden characters is tested in test_public_exports_masked.py by swapping them.)
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from models.residents.rules import age_on

MIN_CANDIDATES = 1000
MASKED_ID = re.compile(r"^(\d{6})\*{8}(\d{3}[\dX])$")
# An attacker's knowledge of what a tag says about age (WHO's reproductive age for 孕妇).
TAG_AGES: dict[str, tuple[int, int]] = {
    "孕妇": (15, 49), "独居老人": (60, 120), "空巢老人": (60, 120), "高龄老人": (80, 120),
}
HEADERS = ("姓名", "身份证号", "联系电话", "序号")


@dataclass
class Table:
    where: str  # sheet name or file name
    title: str
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _tables_from_grid(where: str, grid: list[list[str]]) -> list[Table]:
    """The header row is the first that names a person's column; the rows below it up to the end
    (blank rows skipped); the cells above it are the title."""
    for i, row in enumerate(grid):
        if any(cell.strip() in HEADERS for cell in row):
            header = [c.strip() for c in row]
            title = "\n".join(c for r in grid[:i] for c in r if c)
            table = Table(where, title, header)
            for r in grid[i + 1:]:
                if any(c.strip() for c in r):
                    table.rows.append({h: (r[k] if k < len(r) else "") for k, h in
                                       enumerate(header) if h})
            return [table]
    # No personal table (an 出勤统计 sheet): kept whole, its first row as header.
    if not grid:
        return []
    return [Table(where, "", [c.strip() for c in grid[0]],
                  [{str(k): c for k, c in enumerate(r)} for r in grid[1:]])]


def read_tables(path: Path) -> list[Table]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path)
        out = []
        for ws in wb.worksheets:
            grid = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            out += _tables_from_grid(ws.title, grid)
        wb.close()
        return out
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return _tables_from_grid(path.name, [list(r) for r in csv.reader(fh)])
    if suffix == ".pdf":
        import pdfplumber

        grid: list[list[str]] = []
        title = ""
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                title = title or (page.extract_text() or "").split("\n")[0]
                for t in page.extract_tables():
                    grid += [[_text(c).replace("\n", "") for c in r] for r in t]
        tables = _tables_from_grid(path.name, grid)
        for t in tables:
            t.title = title
        return tables
    raise ValueError(path)


def activity_day(tables: list[Table]) -> date:
    """The day ages are counted on: the activity's date in a title (时间：2026年10月29日), else
    today (the day an export without a date was made)."""
    for t in tables:
        m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", t.title)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
    return date.today()


def band_range(text: str) -> tuple[int, int] | None:
    """"60-79岁" -> (60, 79); "80岁及以上" -> (80, 120)."""
    m = re.search(r"(\d+)\s*[-－—~至]\s*(\d+)", text)
    if m:
        return int(m[1]), int(m[2])
    m = re.search(r"(\d+)\s*岁?(及以上|以上)", text)
    if m:
        return int(m[1]), 120
    return None


def _dates(lo: date, hi: date) -> Iterator[date]:
    d = lo
    while d <= hi:
        yield d
        d += timedelta(days=1)


@dataclass
class Known:
    """What the output says about one person's birth."""

    day: date
    birth: date | None = None
    year: int | None = None
    ages: list[tuple[int, int]] = field(default_factory=list)  # (min, max) age on `day`

    def window(self) -> tuple[date, date]:
        lo, hi = self.day - timedelta(days=int(120 * 365.25)), self.day
        if self.birth:
            lo, hi = max(lo, self.birth), min(hi, self.birth)
        if self.year:
            lo, hi = max(lo, date(self.year, 1, 1)), min(hi, date(self.year, 12, 31))
        for a, b in self.ages:
            # age_on(d, day) in [a, b]  <=>  day - (b + 1) years < d <= day - a years
            lo = max(lo, _years_before(self.day, b + 1) + timedelta(days=1))
            hi = min(hi, _years_before(self.day, a))
        return lo, hi

    def fits(self, d: date) -> bool:
        return all(a <= age_on(d, self.day) <= b for a, b in self.ages)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year - years, day=28)


# GB 11643: the check character is _CHECK[sum(weight * digit) % 11] over the first 17 digits.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(c) * w for c, w in zip(digits, weights, strict=True))


@lru_cache(maxsize=8)
def _dates_by_residue(lo: date, hi: date) -> tuple[tuple[date, ...], ...]:
    """Every date from lo to hi, grouped by what its eight digits add to the check sum mod 11."""
    groups: list[list[date]] = [[] for _ in range(11)]
    for d in _dates(lo, hi):
        groups[_weighted(f"{d:%Y%m%d}", _WEIGHTS[6:14]) % 11].append(d)
    return tuple(tuple(g) for g in groups)


def id_candidates(masked: str, known: Known, stop: int | None = None) -> list[str]:
    """Every full ID that fits a 6+4 masked ID and what is known of the birth (at most stop):
    the dates whose digits make the check character come out as shown."""
    m = MASKED_ID.match(masked)
    assert m, masked
    region, tail = m[1], m[2]
    fixed = _weighted(region, _WEIGHTS[:6]) + _weighted(tail[:3], _WEIGHTS[14:])
    residue = (_CHECK.index(tail[3]) - fixed) % 11
    lo, hi = known.window()
    out = []
    for d in _dates_by_residue(*Known(known.day).window())[residue]:
        if lo <= d <= hi and known.fits(d):
            out.append(f"{region}{d:%Y%m%d}{tail}")
            if stop is not None and len(out) >= stop:
                break
    return out


def _one_band_for_all(tables: list[Table]) -> tuple[int, int] | None:
    """An age breakdown (按年龄段 … rows with counts) where one band holds everyone: then every
    person of the file is in that band."""
    for t in tables:
        rows = [list(r.values()) for r in t.rows]
        labels = [t.header, *rows]
        bands: list[tuple[tuple[int, int] | None, int]] = []
        in_age = False
        for r in labels:
            first = (r[0] if r else "").strip()
            if first.startswith("按"):
                in_age = "年龄" in first
                continue
            if in_age and len(r) > 1:
                count = int(r[1]) if str(r[1]).strip().isdigit() else 0
                bands.append((band_range(first), count))
        used = [b for b, n in bands if n > 0]
        if len(used) == 1 and used[0] is not None:
            return used[0]
    return None


def known_for(row: dict[str, str], day: date, all_in: tuple[int, int] | None) -> Known:
    known = Known(day)
    for head, value in row.items():
        value = (value or "").strip()
        if not value:
            continue
        if head in ("出生日期", "出生年月日"):
            m = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", value)
            if m:
                known.birth = date(int(m[1]), int(m[2]), int(m[3]))
            elif re.match(r"^\d{4}", value):
                known.year = int(value[:4])
        elif head in ("出生年份", "出生年"):
            known.year = int(re.sub(r"\D", "", value)[:4])
        elif head == "年龄" and value.isdigit():
            known.ages.append((int(value), int(value)))
        elif head == "年龄段":
            rng = band_range(value)
            if rng:
                known.ages.append(rng)
        elif head in ("标签", "所属人群"):
            for tag, rng in TAG_AGES.items():
                if tag in value:
                    known.ages.append(rng)
    if all_in is not None:
        known.ages.append(all_in)
    return known


@dataclass
class Finding:
    where: str
    value: str
    candidates: int

    def __str__(self) -> str:
        return f"{self.where}: {self.value} narrowed to {self.candidates} candidates"


def id_findings(tables: list[Table], stop: int = MIN_CANDIDATES) -> list[Finding]:
    """Masked IDs of the output that the rest of it narrows below MIN_CANDIDATES."""
    day = activity_day(tables)
    all_in = _one_band_for_all(tables)
    out = []
    for t in tables:
        for row in t.rows:
            masked = (row.get("身份证号") or "").strip()
            if not MASKED_ID.match(masked):
                continue
            n = len(id_candidates(masked, known_for(row, day, all_in), stop=stop))
            if n < MIN_CANDIDATES:
                out.append(Finding(t.where, masked, n))
    return out


def masked_ids(tables: list[Table]) -> int:
    return sum(1 for t in tables for r in t.rows
               if MASKED_ID.match((r.get("身份证号") or "").strip()))


def phone_findings(tables: list[Table], full_text: str) -> list[Finding]:
    """Masked phones with fewer than MIN_CANDIDATES completions, or one that a full number
    elsewhere in the output completes."""
    numbers = set(re.findall(r"\d{7,}", full_text))
    out = []
    for t in tables:
        for row in t.rows:
            for head in ("联系电话", "家属电话", "电话"):
                value = (row.get(head) or "").strip()
                if "*" not in value:
                    continue
                pattern = re.compile("^" + re.escape(value).replace(r"\*", r"\d")
                                     .replace(r"\-", "").replace(" ", "").replace("-", "") + "$")
                hidden = value.count("*")
                fits = [n for n in numbers if pattern.match(n)]
                n = 1 if fits else 10 ** hidden
                if n < MIN_CANDIDATES:
                    out.append(Finding(t.where, value, n))
    return out


def name_findings(tables: list[Table]) -> list[Finding]:
    """A masked name beside a column that spells it out (拼音, 首字母)."""
    out = []
    for t in tables:
        spelled = [h for h in t.header if any(k in h for k in ("拼音", "首字母", "姓名全称"))]
        for row in t.rows:
            if "*" in (row.get("姓名") or "") and any(row.get(h) for h in spelled):
                out.append(Finding(t.where, row["姓名"], 1))
    return out
