"""Search with text a clerk (or a script) may type that SQL or the command line would read as
syntax: LIKE wildcards and brackets alone match nobody (they matched every resident), and
`residents search -王` is the text -王, not an unknown option. On a real data file (the demo's
600 residents), through the command line and the service."""
from __future__ import annotations

from pathlib import Path

import pytest

import main
from models.datafile.db import close_database, open_database
from models.residents.records import ResidentQuery, ResidentRecord
from models.residents.service import save_resident, search_residents


@pytest.fixture()
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "activities.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def _search(db: Path, capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    rc = main.main(["residents", "search", "--db", str(db), *words])
    out = capsys.readouterr()
    return rc, out.out + out.err


def _count(text: str) -> int:
    last = text.strip().splitlines()[-1]
    assert last.startswith("共找到 "), text
    return int(last.split()[1])


@pytest.mark.parametrize("text", ["%", "_", "(", "%%", "_%_", "（）", "-", "%_("])
def test_wildcards_alone_match_nobody(demo_file: Path, capsys: pytest.CaptureFixture[str],
                                      text: str) -> None:
    rc, out = _search(demo_file, capsys, "--", text)
    assert rc == 0 and _count(out) == 0, out
    open_database(demo_file)
    try:
        assert search_residents(ResidentQuery(text=text)).total == 0
        assert search_residents(ResidentQuery()).total >= 600  # the file is not empty
    finally:
        close_database()


def test_leading_dash_is_search_text(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, plain = _search(demo_file, capsys, "王")
    wang = _count(plain)
    assert rc == 0 and wang > 0
    rc, out = _search(demo_file, capsys, "-王")
    assert rc == 0 and _count(out) == wang, out
    rc, out = _search(demo_file, capsys, "--", "-王")
    assert rc == 0 and _count(out) == wang, out
    rc, out = _search(demo_file, capsys, "-王", "--limit", "1")  # options still read after it
    assert rc == 0 and _count(out) == wang and len(out.strip().splitlines()) == 2, out
    # A misspelt option is still an error (two dashes: never search text).
    with pytest.raises(SystemExit) as caught:
        main.main(["residents", "search", "--db", str(demo_file), "--limt", "3", "王"])
    assert caught.value.code != 0


def test_control_characters_never_stored_or_searched(db_path: Path) -> None:
    """A NUL in a name is refused with its reason; in free text it is dropped, so what is stored
    is found by what a clerk can type."""
    refused = save_resident(ResidentRecord(name="张\x00三", gender="男"))
    assert not refused.saved and "控制字符" in refused.problems[0].message
    saved = save_resident(ResidentRecord(name="李四", gender="女", address="幸福\x00路\x071号",
                                         notes="备\x1b注", tags=["低\x00保"]))
    assert saved.saved and saved.record is not None and saved.record.notes == "备注"
    rid = saved.resident_id
    found = search_residents(ResidentQuery(text="幸福路1号")).rows
    assert [r.id for r in found] == [rid]
    row = found[0]
    assert row.address == "幸福路1号" and row.tags == "低保"
