"""Importing residents: detect each sheet's table, preview, then import in one transaction.

Every data row ends in the report as imported, rejected (with its reason) or a duplicate (of an
earlier row "sheet!row", or of a resident already registered), so imported + rejected +
duplicates = data rows. A failure or a cancel rolls the whole import back: the data file is as
it was. Bulk rows go through the sqlite3 cursor's executemany (peewee's insert_many is ~5x slower).
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from models.common.errors import UserError
from models.datafile.backup import BackupInfo, backup_before
from models.datafile.db import database
from models.residents import store
from models.residents.imports.mapping import (
    IMPORT_FIELDS,
    find_header_row,
    header_with_next_row,
)
from models.residents.imports.reader import LIMITS, ImportLimits, SheetData, iter_sheets, read_file
from models.residents.imports.rows import CandidateRow, evaluate_sheet
from models.residents.records import ResidentRecord

# progress(done, total): return False (or raise ImportCancelled) to cancel.
Progress = Callable[[int, int], bool | None]

IMPORTED, REJECTED, DUPLICATE = "imported", "rejected", "duplicate"
OUTCOME_LABELS = {IMPORTED: "已导入", REJECTED: "未导入", DUPLICATE: "重复"}


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("导入已取消，数据文件没有任何改动。")


@dataclass
class SheetMapping:
    """How one sheet is read. header_row is 1-based (None: no table, sheet skipped); columns maps
    a 0-based column to a field of IMPORT_FIELDS. The GUI may change both and pass it back."""

    sheet: str
    header_row: int | None
    columns: dict[int, str] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)  # the header row's texts, for the dialog

    def column_of(self, field_name: str) -> int | None:
        return next((c for c, f in self.columns.items() if f == field_name), None)


@dataclass
class RowOutcome:
    sheet: str
    row: int
    outcome: str  # IMPORTED / REJECTED / DUPLICATE
    name: str
    reason: str = ""  # why rejected, in Chinese
    code: str = ""  # short code of the refusal (no_name, number_cell, bad_check_digit, ...)
    duplicate_of: str = ""  # "sheet!row", or "居民“张三”（编号 12）"
    duplicate_of_resident: int | None = None
    notes: str = ""  # what was noticed on an imported row
    record: ResidentRecord | None = None  # the values imported (or that would be)
    resident_id: int | None = None

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row}"

    @property
    def explanation(self) -> str:
        if self.outcome == REJECTED:
            return self.reason
        if self.outcome == DUPLICATE:
            return f"与{self.duplicate_of}重复"
        return self.notes


@dataclass
class ImportReport:
    source: str
    sheets: list[SheetMapping]
    rows: list[RowOutcome]

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def imported(self) -> int:
        return self.count(IMPORTED)

    @property
    def rejected(self) -> int:
        return self.count(REJECTED)

    @property
    def duplicates(self) -> int:
        return self.count(DUPLICATE)

    def summary_lines(self) -> list[str]:
        """The report's summary; its last line is exactly "imported=N rejected=M duplicates=K"."""
        lines = [f"文件：{self.source}"]
        for s in self.sheets:
            n = sum(1 for r in self.rows if r.sheet == s.sheet)
            lines.append(f"工作表“{s.sheet}”：" + (f"表头在第{s.header_row}行，数据{n}行"
                                                  if s.header_row else "未找到表头，已跳过"))
        lines.append(f"共 {len(self.rows)} 行数据：导入 {self.imported} 人，"
                     f"未导入 {self.rejected} 行，重复 {self.duplicates} 行")
        reasons: dict[str, int] = {}
        for r in self.rows:
            if r.outcome == REJECTED:
                reasons[r.reason] = reasons.get(r.reason, 0) + 1
        for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            lines.append(f"  未导入 {n} 行：{reason}")
        lines.append(f"imported={self.imported} rejected={self.rejected} "
                     f"duplicates={self.duplicates}")
        return lines


@dataclass
class ImportPreview:
    sheets: list[SheetMapping]
    rows: dict[str, list[RowOutcome]]  # per sheet: its first rows as they would come out
    data_rows: dict[str, int]  # per sheet: how many data rows


def detect_mapping(sheet: SheetData) -> SheetMapping:
    index = find_header_row(sheet.rows)
    if index is None:
        return SheetMapping(sheet.name, None)
    last, columns = header_with_next_row(sheet.rows, index)
    texts = [_cell(c) for c in sheet.rows[index]]
    if last != index:  # two header rows: "证件/身份证号" where both say something
        below = [_cell(c) for c in sheet.rows[last]]
        width = max(len(texts), len(below))
        texts += [""] * (width - len(texts))
        below += [""] * (width - len(below))
        texts = [f"{a}/{b}" if a and b and a != b else (a or b) for a, b in zip(
            texts, below, strict=True)]
    return SheetMapping(sheet.name, last + 1, columns, texts)


def _cell(value: object) -> str:
    return str(value) if value is not None else ""


class NoTableFound(UserError):
    """No sheet of the file has a roster's header row."""

    def __init__(self, source: str, sheets: int) -> None:
        where = "文件中" if sheets <= 1 else f"文件的 {sheets} 个工作表中"
        super().__init__(
            f"在“{Path(source).name}”{where}没有找到名单的表头，没有导入任何人。表头是写着"
            "“姓名”和至少另一项（如性别、身份证号、电话）的那一行；请确认选对了文件。")


def _mappings(sheets: list[SheetData], override: dict[str, SheetMapping] | None,
              ) -> list[SheetMapping]:
    return [_mapping_of(sheet, override) for sheet in sheets]


def _mapping_of(sheet: SheetData, override: dict[str, SheetMapping] | None) -> SheetMapping:
    given = (override or {}).get(sheet.name)
    if given is None:
        return detect_mapping(sheet)
    bad = set(given.columns.values()) - set(IMPORT_FIELDS)
    if bad:
        raise UserError(f"工作表“{sheet.name}”的列对应中有未知的字段：{'、'.join(sorted(bad))}")
    return given


def _sheet_candidates(sheet: SheetData, mapping: SheetMapping, today: date,
                      ) -> list[CandidateRow]:
    if mapping.header_row is None or "name" not in mapping.columns.values():
        return []
    return evaluate_sheet(sheet, mapping.header_row - 1, mapping.columns, today)


def _no_id_key(rec: ResidentRecord) -> tuple:
    """Who a resident without an ID number is: every value the sheet gave must agree."""
    return (rec.name, rec.gender, rec.birth.isoformat() if rec.birth else None, rec.phone,
            rec.building, rec.unit, rec.room)


def _existing_keys() -> tuple[dict[str, tuple[int, str, bool]], dict[tuple, int]]:
    db = database.obj
    by_id = {r[0]: (r[1], r[2], bool(r[3])) for r in db.execute_sql(
        "SELECT id_number, id, name, deleted FROM resident WHERE id_number IS NOT NULL")}
    no_id: dict[tuple, int] = {}
    for r in db.execute_sql("SELECT id, name, gender, birth, phone, building, unit, room "
                            "FROM resident WHERE id_number IS NULL"):
        no_id.setdefault(tuple(r[1:]), r[0])
    return by_id, no_id


def _resolve(cands: list[CandidateRow], check: Callable[[int], None]) -> list[RowOutcome]:
    by_id, no_id = _existing_keys()
    seen_id: dict[str, str] = {}
    seen_key: dict[tuple, str] = {}
    out: list[RowOutcome] = []
    for n, c in enumerate(cands):
        if n % 1000 == 0:
            check(n)
        if c.record is None:
            out.append(RowOutcome(c.sheet, c.row, REJECTED, c.raw_name, c.reason, c.code))
            continue
        rec, notes = c.record, "；".join(c.notes) if c.notes else ""
        res = RowOutcome(c.sheet, c.row, IMPORTED, rec.name, notes=notes, record=rec)
        if rec.id_number:
            if rec.id_number in seen_id:
                res.outcome, res.duplicate_of = DUPLICATE, seen_id[rec.id_number]
            elif rec.id_number in by_id:
                rid, name, deleted = by_id[rec.id_number]
                res.outcome, res.duplicate_of_resident = DUPLICATE, rid
                res.duplicate_of = (f"已登记的居民“{name}”（编号 {rid}）"
                                    + ("（在回收站中）" if deleted else ""))
            else:
                seen_id[rec.id_number] = c.where
        else:
            key = _no_id_key(rec)
            if key in seen_key:
                res.outcome, res.duplicate_of = DUPLICATE, seen_key[key]
            elif key in no_id:
                res.outcome, res.duplicate_of_resident = DUPLICATE, no_id[key]
                res.duplicate_of = f"已登记的居民“{rec.name}”（编号 {no_id[key]}）"
            else:
                seen_key[key] = c.where
        out.append(res)
    return out


def preview_import(path: Path | str, mappings: dict[str, SheetMapping] | None = None, *,
                   limit: int = 20, today: date | None = None,
                   limits: ImportLimits = LIMITS) -> ImportPreview:
    """Each sheet's mapping and its first rows as they would come out (nothing is written;
    duplicates against residents already registered are shown too)."""
    sheets = read_file(path, limits)
    maps = _mappings(sheets, mappings)
    if not any(m.header_row and "name" in m.columns.values() for m in maps):
        raise NoTableFound(str(path), len(maps))
    today = today or date.today()
    rows: dict[str, list[RowOutcome]] = {}
    counts: dict[str, int] = {}
    with database.atomic():
        for sheet, mapping in zip(sheets, maps, strict=True):
            counter = [0]
            cands: list[CandidateRow] = []
            if mapping.header_row is not None and "name" in mapping.columns.values():
                cands = evaluate_sheet(sheet, mapping.header_row - 1, mapping.columns, today,
                                       limit=limit, counter=counter)
            counts[sheet.name] = counter[0]
            rows[sheet.name] = _resolve(cands, lambda _n: None)
    return ImportPreview(maps, rows, counts)


def import_residents(path: Path | str, mappings: dict[str, SheetMapping] | None = None, *,
                     progress: Progress | None = None, today: date | None = None,
                     reading: Progress | None = None,
                     limits: ImportLimits = LIMITS) -> ImportReport:
    """Import every sheet of the file in one transaction and report every data row.

    reading(sheets done, sheets in the file) is called after each sheet is read and checked;
    then progress(done, total) now and then while the rows are written. Either returning False
    or raising ImportCancelled cancels, and then nothing at all is written. A file that is not
    a roster (no sheet with a header row) or beyond the limits is refused (UserError)."""
    with _gc_paused():
        return _import(path, mappings, progress, today, reading, limits)


_gc_lock = threading.Lock()
_gc_depth = [0, False]  # imports running, whether the collector was on before the first


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while an import runs: 100,000 rows make ~500,000
    objects that live until the report is done, and the collector walked them over and over
    (1.1-1.4 s of a 6 s import in bench_residents.py). Rows make no reference cycles; the
    collector is switched back on (if it was on) when the last import ends, even on an error."""
    with _gc_lock:
        if _gc_depth[0] == 0:
            _gc_depth[1] = gc.isenabled()
            gc.disable()
        _gc_depth[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth[0] -= 1
            if _gc_depth[0] == 0 and _gc_depth[1]:
                gc.enable()


def _import(path: Path | str, mappings: dict[str, SheetMapping] | None,
            progress: Progress | None, today: date | None,
            reading: Progress | None = None, limits: ImportLimits = LIMITS) -> ImportReport:
    today = today or date.today()
    maps: list[SheetMapping] = []
    cands: list[CandidateRow] = []
    # Sheet by sheet as they are read (the next one is parsed meanwhile); a sheet's raw rows are
    # dropped once its rows are checked.
    for done, (sheet, count) in enumerate(iter_sheets(path, limits), start=1):
        mapping = _mapping_of(sheet, mappings)
        maps.append(mapping)
        cands.extend(_sheet_candidates(sheet, mapping, today))
        if reading is not None and reading(done, count) is False:
            raise ImportCancelled()
    if not any(m.header_row and "name" in m.columns.values() for m in maps):
        raise NoTableFound(str(path), len(maps))
    total = len(cands)
    # Steps: resolving counts as half of the work, writing as the other half.

    def check(done: int) -> None:
        if progress is not None and progress(min(done, total), total) is False:
            raise ImportCancelled()

    check(0)
    backup = _backup_first() if any(c.record is not None for c in cands) else None
    try:
        with database.atomic():
            outcomes = _resolve(cands, lambda n: check(n // 2))
            _write([o for o in outcomes if o.outcome == IMPORTED],
                   lambda n: check(total // 2 + n // 2))
            check(total)
    except BaseException:
        # Nothing was imported (the transaction rolled back): the backup is the file as it still
        # is, so it goes, or every retry on a full disk would leave one more (issue 10).
        if backup is not None:
            backup.path.unlink(missing_ok=True)
        raise
    return ImportReport(str(path), maps, outcomes)


def _backup_first() -> BackupInfo | None:
    """A "before-import" backup, so a wrong file imported can be undone by a restore; skipped
    while the data file holds nothing (no plan, no resident) as there is nothing to lose."""
    path = database.obj.database
    if not path or path == ":memory:":
        return None
    with database.atomic():
        empty = database.obj.execute_sql(
            "SELECT NOT EXISTS (SELECT 1 FROM resident) AND NOT EXISTS (SELECT 1 FROM plan)"
        ).fetchone()[0]
    return None if empty else backup_before(path, "import")


def _write(rows: list[RowOutcome], check: Callable[[int], None]) -> None:
    if not rows:
        return
    records = [r.record for r in rows if r.record is not None]
    ids = store.bulk_insert(records, datetime.now().replace(microsecond=0), check)
    for rid, r in zip(ids, rows, strict=True):
        r.resident_id = rid
