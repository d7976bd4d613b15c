"""What an import did (or would do) with every data row, and its summary.

Every data row ends as exactly one of: imported (a new resident), updated (a registered person
whose values changed; each change old -> new), unchanged (a registered person, nothing new),
rejected (with its reason), or a duplicate (a row repeating an earlier row of the same file), so
imported + rejected + duplicates + updated + unchanged = data rows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from models.residents.imports.matching import FieldChange
from models.residents.records import ResidentRecord

IMPORTED, REJECTED, DUPLICATE = "imported", "rejected", "duplicate"
UPDATED, UNCHANGED = "updated", "unchanged"
OUTCOME_LABELS = {IMPORTED: "已导入", REJECTED: "未导入", DUPLICATE: "重复", UPDATED: "更新",
                  UNCHANGED: "无变化"}


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
    outcome: str  # one of OUTCOME_LABELS
    name: str
    reason: str = ""  # why rejected, in Chinese
    code: str = ""  # short code of the refusal (no_name, number_cell, name_match, ...)
    duplicate_of: str = ""  # "sheet!row" of the earlier row
    duplicate_of_resident: int | None = None  # the registered person an update/refusal names
    notes: str = ""  # what was noticed on an imported row
    record: ResidentRecord | None = None  # the values imported (or that would be)
    resident_id: int | None = None
    changes: list[FieldChange] = field(default_factory=list)  # updated: old -> new per field
    matched_by: str = ""  # "id" or "name" (name and birth date) for a registered person
    group: int | None = None  # the household of this row within the file
    relation: str = ""

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row}"

    @property
    def explanation(self) -> str:
        if self.outcome == REJECTED:
            return self.reason
        if self.outcome == DUPLICATE:
            return f"与{self.duplicate_of}重复"
        if self.outcome == UPDATED:
            how = "（按姓名和出生日期匹配）" if self.matched_by == "name" else ""
            done = [str(c) for c in self.changes if c.apply]
            kept = [c.label for c in self.changes if not c.apply]
            text = f"已登记的居民（编号 {self.duplicate_of_resident}）{how}：" + "；".join(done)
            return text + (f"；未采用：{'、'.join(kept)}" if kept else "")
        if self.outcome == UNCHANGED:
            return f"已登记的居民（编号 {self.duplicate_of_resident}），没有变化"
        return self.notes


@dataclass
class MissingPerson:
    """A registered person of a building the file covers whom the file does not list."""

    resident_id: int
    name: str
    place: str


@dataclass
class ImportReport:
    source: str
    sheets: list[SheetMapping]
    rows: list[RowOutcome]
    missing: list[MissingPerson] = field(default_factory=list)
    households: int = 0  # households found in the file
    new_households: int = 0  # of them, made by this import

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

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    def summary_lines(self, *, changes: int = 200) -> list[str]:
        """The report's summary, with up to `changes` updated rows listed field by field; its
        last line is exactly "imported=N rejected=M duplicates=K updated=U unchanged=V"."""
        lines = [f"文件：{self.source}"]
        # Counted in one pass each (a sheet at a time over 100,000 rows took 0.1 s).
        per_sheet = Counter(r.sheet for r in self.rows)
        counts = Counter(r.outcome for r in self.rows)
        for s in self.sheets:
            lines.append(f"工作表“{s.sheet}”：" + (f"表头在第{s.header_row}行，数据"
                                                  f"{per_sheet[s.sheet]}行"
                                                  if s.header_row else "未找到表头，已跳过"))
        lines.append(f"共 {len(self.rows)} 行数据：导入 {counts[IMPORTED]} 人，"
                     f"更新 {counts[UPDATED]} 人，无变化 {counts[UNCHANGED]} 人，"
                     f"未导入 {counts[REJECTED]} 行，重复 {counts[DUPLICATE]} 行")
        if self.households:
            lines.append(f"表中共 {self.households} 户，其中新建 {self.new_households} 户")
        reasons: dict[str, int] = {}
        for r in self.rows:
            if r.outcome == REJECTED:
                reasons[r.reason] = reasons.get(r.reason, 0) + 1
        for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            lines.append(f"  未导入 {n} 行：{reason}")
        updated = [r for r in self.rows if r.outcome == UPDATED]
        for r in updated[:changes]:
            lines.append(f"  更新 {r.where} {r.name}（编号 {r.duplicate_of_resident}）："
                         + "；".join(str(c) for c in r.changes if c.apply))
        if len(updated) > changes:
            lines.append(f"  ……另有 {len(updated) - changes} 人更新，见导入报告")
        if self.missing:
            lines.append(f"表中楼栋里已登记、但本表没有的居民 {len(self.missing)} 人（迁出？去世？"
                         "状态未改动，请核实后在居民名册中设置）：")
            lines += [f"  {m.name}（编号 {m.resident_id}）{m.place}" for m in self.missing[:50]]
            if len(self.missing) > 50:
                lines.append(f"  ……另有 {len(self.missing) - 50} 人")
        lines.append(f"imported={counts[IMPORTED]} rejected={counts[REJECTED]} "
                     f"duplicates={counts[DUPLICATE]} updated={counts[UPDATED]} "
                     f"unchanged={counts[UNCHANGED]}")
        return lines
