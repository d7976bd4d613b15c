"""`check`: what a data file holds and whether it is sound, read without changing a byte."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from models.datafile import db as dbmod


@dataclass
class FileReport:
    path: Path
    schema_version: int
    problems: list[str] = field(default_factory=list)  # from PRAGMA integrity_check; [] = ok
    counts: dict[str, int] = field(default_factory=dict)  # rows of every table

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path | str) -> FileReport:
    """Integrity, schema version and row counts of a data file. Raises the models.datafile.db errors
    for a file that is missing, not ours, damaged beyond reading, or newer than this program."""
    path = Path(path)
    if not path.is_file():
        raise dbmod.DataFileError(f"找不到数据文件“{path}”。")
    app_id, version = dbmod.inspect_file(path)
    if app_id != dbmod.APPLICATION_ID:
        raise dbmod.NotADataFileError(f"“{path.name}”不是本软件的数据文件，未作任何改动。")
    try:
        con = dbmod.connect_read_only(path)
    except sqlite3.DatabaseError as exc:
        raise dbmod.DamagedFileError(
            f"数据文件“{path.name}”无法读取，文件未作任何改动。（{exc}）") from exc
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    except sqlite3.DatabaseError as exc:
        raise dbmod.DamagedFileError(
            f"数据文件“{path.name}”已损坏，无法读取，文件未作任何改动。可以从备份恢复。（{exc}）"
        ) from exc
    finally:
        con.close()
    return FileReport(path=path, schema_version=version,
                      problems=[] if problems == ["ok"] else problems, counts=counts)
