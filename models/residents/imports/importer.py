"""Importing residents: detect each sheet's table, prepare (check every row, group households,
match the register), then write in one transaction.

Every data row ends in the report as imported, updated, unchanged, rejected (with its reason) or a
duplicate of an earlier row of the file (models/residents/imports/report.py). A failure or a
cancel rolls the whole import back: the data file is as it was. Bulk rows go through the sqlite3
cursor's executemany (peewee's insert_many is ~5x slower).

The file is read once: the dialog loads it (load_file), shows the mapping from the loaded sheets,
prepares the import from them (the preview is the prepared import's first rows, its households,
its changes and who is missing) and writes what it prepared (write_prepared). The command line
does the same in one call (import_residents), reading sheet by sheet.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from models.common.errors import UserError
from models.datafile.backup import BackupInfo, backup_before
from models.datafile.db import database
from models.residents import store
from models.residents.imports.grouping import group_rows
from models.residents.imports.mapping import (
    IMPORT_FIELDS,
    find_header_row,
    header_with_next_row,
)
from models.residents.imports.matching import apply_changes
from models.residents.imports.reader import LIMITS, ImportLimits, SheetData, iter_sheets
from models.residents.imports.report import (  # noqa: F401 - re-exported for callers
    DUPLICATE,
    IMPORTED,
    OUTCOME_LABELS,
    REJECTED,
    UNCHANGED,
    UPDATED,
    ImportReport,
    MissingPerson,
    RowOutcome,
    SheetMapping,
)
from models.residents.imports.resolve import missing_people, resolve
from models.residents.imports.rows import CandidateRow, evaluate_sheet
from models.residents.imports.undo import before_values, log_import
from models.residents.rules import HEAD, PRESENT

# progress(done, total): return False (or raise ImportCancelled) to cancel.
Progress = Callable[[int, int], bool | None]

class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("导入已取消，数据文件没有任何改动。")


@dataclass
class ImportPreview:
    sheets: list[SheetMapping]
    rows: dict[str, list[RowOutcome]]  # per sheet: its first rows as they would come out
    data_rows: dict[str, int]  # per sheet: how many data rows
    prepared: PreparedImport | None = None  # everything, ready to write (write_prepared)


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


@dataclass(frozen=True)
class ImportOptions:
    """Choices the clerk makes. apply_name_matches: rows without an ID that match a registered
    person by name and birth date update that person (else they are refused, with that reason).
    households_by_address: without a 与户主关系 or 户号 column, rows with the same address are one
    household. declined: (sheet!row, field) changes the clerk unticked."""

    apply_name_matches: bool = False
    households_by_address: bool = False
    declined: frozenset[tuple[str, str]] = frozenset()


# Rows of each sheet a loaded file keeps (the mapping page shows the first 30 and the header is
# looked for among them); the rest are checked as they are read and dropped.
KEEP_ROWS = 32


@dataclass
class LoadedSheet:
    head: SheetData  # the sheet's first KEEP_ROWS rows only
    rows: int  # how many rows the sheet has
    mapping: SheetMapping  # as detected
    candidates: list[CandidateRow]  # its data rows checked with that mapping


@dataclass
class LoadedFile:
    """A file read once: each sheet's first rows, its detected mapping and its rows checked with
    it. Only a sheet whose mapping the clerk changes is read again (prepare_import)."""

    path: str
    sheets: list[LoadedSheet]
    today: date


def load_file(path: Path | str, limits: ImportLimits = LIMITS,
              reading: Progress | None = None, today: date | None = None) -> LoadedFile:
    """Read every sheet and check its rows with the detected mapping while the next sheet is
    parsed (reading(sheets done, sheets) after each; False cancels)."""
    today = today or date.today()
    sheets: list[LoadedSheet] = []
    with _gc_paused():
        for done, (sheet, count) in enumerate(iter_sheets(path, limits), start=1):
            mapping = detect_mapping(sheet)
            cands = _sheet_candidates(sheet, mapping, today)
            head = SheetData(sheet.name, sheet.rows[:KEEP_ROWS],
                             [m for m in sheet.merged if m[0][0] < KEEP_ROWS])
            sheets.append(LoadedSheet(head, len(sheet.rows), mapping, cands))
            if reading is not None and reading(done, count) is False:
                raise ImportCancelled()
    return LoadedFile(str(path), sheets, today)


def _loaded_candidates(source: LoadedFile, mappings: dict[str, SheetMapping] | None,
                       limits: ImportLimits) -> Iterator[tuple[SheetMapping, list[CandidateRow]]]:
    """Each sheet's mapping and checked rows: as loaded, or read again for a sheet whose
    mapping was changed."""
    maps = [_mapping_of(s.head, mappings) for s in source.sheets]
    again = {s.head.name: m for s, m in zip(source.sheets, maps, strict=True) if m != s.mapping}
    fresh: dict[str, list[CandidateRow]] = {}
    if again:
        for sheet, _count in iter_sheets(source.path, limits):
            if sheet.name in again:
                fresh[sheet.name] = _sheet_candidates(sheet, again[sheet.name], source.today)
    for s, m in zip(source.sheets, maps, strict=True):
        cands = fresh.get(s.head.name, s.candidates)
        for c in cands:  # a second preview starts from the rows as checked
            c.group = None
            if c.record is not None:
                c.record.household_id = None
        yield m, cands


@dataclass
class PreparedImport:
    """An import checked and matched against the register, nothing written yet."""

    source: str
    sheets: list[SheetMapping]
    outcomes: list[RowOutcome]
    targets: dict[int, int | None]  # household of the file -> registered household or None
    missing: list[MissingPerson]
    households: int
    options: ImportOptions

    def report(self) -> ImportReport:
        return ImportReport(self.source, self.sheets, self.outcomes, self.missing,
                            self.households, sum(1 for t in self.targets.values() if t is None))


def _sheet_candidates(sheet: SheetData, mapping: SheetMapping, today: date,
                      ) -> list[CandidateRow]:
    if mapping.header_row is None or "name" not in mapping.columns.values():
        return []
    return evaluate_sheet(sheet, mapping.header_row - 1, mapping.columns, today)


def prepare_import(source: Path | str | LoadedFile,
                   mappings: dict[str, SheetMapping] | None = None, *,
                   options: ImportOptions | None = None, today: date | None = None,
                   reading: Progress | None = None, progress: Progress | None = None,
                   limits: ImportLimits = LIMITS) -> PreparedImport:
    """Check every row, group households and match the register; nothing is written.

    source: a path (read sheet by sheet, each sheet's raw rows dropped once checked) or a file
    already loaded. reading(sheets done, sheets) after each sheet is checked, progress(done,
    total) while matching; either returning False cancels (ImportCancelled)."""
    with _gc_paused():
        return _prepare(source, mappings, options or ImportOptions(), today or date.today(),
                        reading, progress, limits)


def _prepare(source: Path | str | LoadedFile, mappings: dict[str, SheetMapping] | None,
             options: ImportOptions, today: date, reading: Progress | None,
             progress: Progress | None, limits: ImportLimits) -> PreparedImport:
    maps: list[SheetMapping] = []
    cands: list[CandidateRow] = []
    name = source.path if isinstance(source, LoadedFile) else str(source)
    if isinstance(source, LoadedFile):
        sheets = ((m, rows, len(source.sheets))
                  for m, rows in _loaded_candidates(source, mappings, limits))
    else:
        # Sheet by sheet as they are read (the next one is parsed meanwhile); a sheet's raw
        # rows are dropped once its rows are checked.
        sheets = ((m, _sheet_candidates(sheet, m, today), n) for sheet, n in
                  iter_sheets(source, limits) for m in [_mapping_of(sheet, mappings)])
    relation = number = False
    for done, (mapping, rows, count) in enumerate(sheets, start=1):
        maps.append(mapping)
        if mapping.header_row is not None:
            relation |= "relation" in mapping.columns.values()
            number |= "household" in mapping.columns.values()
        cands.extend(rows)
        if reading is not None and reading(done, count) is False:
            raise ImportCancelled()
    if not any(m.header_row and "name" in m.columns.values() for m in maps):
        raise NoTableFound(name, len(maps))
    households = 0
    if relation or number or options.households_by_address or any(c.same for c in cands):
        households = group_rows(cands, by_relation=relation, by_number=number and not relation,
                                by_address=options.households_by_address)
    total = len(cands)

    def check(done: int) -> None:
        if progress is not None and progress(min(done, total), total) is False:
            raise ImportCancelled()

    with database.atomic():
        resolved = resolve(cands, check, apply_name_matches=options.apply_name_matches)
        missing = missing_people(resolved.outcomes)
    for res in resolved.outcomes:
        for ch in res.changes:
            ch.apply = (res.where, ch.field) not in options.declined
    return PreparedImport(name, maps, resolved.outcomes, resolved.targets, missing, households,
                          options)


def preview_import(path: Path | str | LoadedFile,
                   mappings: dict[str, SheetMapping] | None = None, *,
                   limit: int = 20, today: date | None = None, limits: ImportLimits = LIMITS,
                   options: ImportOptions | None = None) -> ImportPreview:
    """Each sheet's mapping and its first rows as they would come out (nothing is written)."""
    prepared = prepare_import(path, mappings, options=options, today=today, limits=limits)
    return preview_of(prepared, limit)


def preview_of(prepared: PreparedImport, limit: int = 20) -> ImportPreview:
    rows: dict[str, list[RowOutcome]] = {m.sheet: [] for m in prepared.sheets}
    counts: dict[str, int] = dict.fromkeys(rows, 0)
    for r in prepared.outcomes:
        counts[r.sheet] += 1
        if len(rows[r.sheet]) < limit:
            rows[r.sheet].append(r)
    return ImportPreview(prepared.sheets, rows, counts, prepared)


def import_residents(path: Path | str | LoadedFile,
                     mappings: dict[str, SheetMapping] | None = None, *,
                     progress: Progress | None = None, today: date | None = None,
                     reading: Progress | None = None, limits: ImportLimits = LIMITS,
                     options: ImportOptions | None = None) -> ImportReport:
    """Prepare and write in one go (the command line): see prepare_import and write_prepared.
    A file that is not a roster (no sheet with a header row) or beyond the limits is refused
    (UserError)."""
    with _gc_paused():
        return _import(path, mappings, progress, today, reading, limits, options)

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


def _import(path: Path | str | LoadedFile, mappings: dict[str, SheetMapping] | None,
            progress: Progress | None, today: date | None,
            reading: Progress | None = None, limits: ImportLimits = LIMITS,
            options: ImportOptions | None = None) -> ImportReport:
    # Resolving counts as half of the work, writing as the other half.
    def half(done: int, total: int) -> bool | None:
        return progress(done // 2, total) if progress is not None else None

    prepared = prepare_import(path, mappings, options=options, today=today, reading=reading,
                              progress=half, limits=limits)
    return write_prepared(prepared, progress=progress)

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


def write_prepared(prepared: PreparedImport, *, progress: Progress | None = None,
                   ) -> ImportReport:
    """Write a prepared import in one transaction (after a "before-import" backup): new
    residents, the ticked changes of registered ones, and the households of the file."""
    with _gc_paused():
        return _write_prepared(prepared, progress)


def _write_prepared(prepared: PreparedImport, progress: Progress | None) -> ImportReport:
    rows = prepared.outcomes
    total = len(rows)

    def check(done: int) -> None:
        if progress is not None and progress(min(done, total), total) is False:
            raise ImportCancelled()

    check(total // 2)
    changing = any(r.outcome == IMPORTED or (r.outcome == UPDATED and any(
        c.apply for c in r.changes)) for r in rows)
    backup = _backup_first() if changing else None
    new_households = 0
    try:
        with database.atomic():
            new = [o for o in rows if o.outcome == IMPORTED]
            homes, created, addresses = _households(prepared, new)
            new_households = len(created)
            _write(new, lambda n: check(total // 2 + n // 2))
            updated = _write_updates([o for o in rows if o.outcome == UPDATED], homes)
            if changing:
                report = prepared.report()
                report.new_households = new_households
                log_import(Path(prepared.source).name, report.summary_lines(changes=0)[-1],
                           [o.resident_id for o in new if o.resident_id is not None],
                           created, updated, addresses)
            check(total)
    except BaseException:
        # Nothing was imported (the transaction rolled back): the backup is the file as it still
        # is, so it goes, or every retry on a full disk would leave one more (issue 10).
        if backup is not None:
            backup.path.unlink(missing_ok=True)
        raise
    report = prepared.report()
    report.new_households = new_households
    return report


def _households(prepared: PreparedImport, new: list[RowOutcome],
                ) -> tuple[dict[int, int], list[int], dict[int, list[str]]]:
    """file household -> its household id: the registered one, or one made now with the
    address of its head's row (else its first row); the registered ones take that address.
    Also the households made, and the registered ones' addresses before (for an undo)."""
    from models.residents.households import insert_household

    first: dict[int, RowOutcome] = {}
    for r in prepared.outcomes:
        if r.group is not None and r.record is not None and r.outcome != DUPLICATE and (
                r.group not in first or r.relation == HEAD and first[r.group].relation != HEAD):
            first[r.group] = r
    homes: dict[int, int] = {}
    created: list[int] = []
    addresses: dict[int, list[str]] = {}
    db = database.obj
    for group, target in prepared.targets.items():
        row = first.get(group)
        if row is None or row.record is None:
            continue  # every row of that household was refused
        rec = row.record
        if target is None:
            homes[group] = insert_household(rec.building, rec.unit, rec.room, rec.address,
                                            rec.household)
            created.append(homes[group])
        else:
            homes[group] = target
            if target not in addresses:
                addresses[target] = list(db.execute_sql(
                    "SELECT building, unit, room, address FROM household WHERE id = ?",
                    (target,)).fetchone())
            db.execute_sql("UPDATE household SET building = ?, unit = ?, room = ?, address = ? "
                           "WHERE id = ?", (rec.building, rec.unit, rec.room, rec.address,
                                            target))
    for r in new:
        if r.record is not None and r.group is not None and r.group in homes:
            r.record.household_id = homes[r.group]
    return homes, created, addresses


def _write(rows: list[RowOutcome], check: Callable[[int], None]) -> None:
    if not rows:
        return
    records = [r.record for r in rows if r.record is not None]
    ids = store.bulk_insert(records, datetime.now().replace(microsecond=0), check)
    for rid, r in zip(ids, rows, strict=True):
        r.resident_id = rid


def _write_updates(rows: list[RowOutcome], homes: dict[int, int]) -> dict[int, dict]:
    """The ticked changes of registered people: their own fields, their household and
    relationship, their status. Returns each changed person's values before (for an undo)."""
    from models.residents.households import delete_empty_households

    ids = [r.resident_id for r in rows if r.resident_id is not None]
    old = {rec.id: rec for at in range(0, len(ids), 5000)
           for rec in store.fetch_records(ids[at:at + 5000])}
    now = datetime.now().replace(microsecond=0)
    db = database.obj
    left: set[int] = set()
    saved: dict[int, dict] = {}
    for r in rows:
        ticked = [c for c in r.changes if c.apply]
        if r.resident_id is None or not ticked:
            continue
        before = old[r.resident_id]
        saved[r.resident_id] = before_values(before)
        fields = {c.field for c in ticked}
        if fields - {"household_id", "relation", "status"}:
            store.write(apply_changes(before, ticked), now)
        if "relation" in fields and r.record is not None:
            db.execute_sql("UPDATE resident SET relation = ? WHERE id = ?",
                           (r.record.relation, r.resident_id))
        if "household_id" in fields and r.group in homes:
            if before.household_id is not None:
                left.add(before.household_id)
            db.execute_sql("UPDATE resident SET household_id = ? WHERE id = ?",
                           (homes[r.group], r.resident_id))
        if "status" in fields:
            db.execute_sql("UPDATE resident SET status = ?, left_on = NULL WHERE id = ?",
                           (PRESENT, r.resident_id))
    if left:
        delete_empty_households(left)
    return saved
