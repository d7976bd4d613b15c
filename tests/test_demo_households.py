"""The demo file keeps its residents by household, as a register does: read back from the file,
every resident is in exactly one household with one head, members live at the household's door,
children carry the head's family name, and `residents households --json` agrees."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import main
from models.datafile.db import close_database
from models.residents.rules import RELATIONS


def test_the_demo_registers_households(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.db"
    assert main.main(["demo", "--db", str(db)]) == 0
    close_database()
    con = sqlite3.connect(db)
    people = con.execute("SELECT r.id, r.name, r.relation, r.building, r.unit, r.room, "
                         "h.building, h.unit, h.room, r.household_id FROM resident r "
                         "LEFT JOIN household h ON h.id = r.household_id "
                         "WHERE r.deleted = 0").fetchall()
    heads = dict(con.execute("SELECT household_id, name FROM resident WHERE relation = '户主'"))
    households = con.execute("SELECT count(*) FROM household").fetchone()[0]
    con.close()
    assert people and all(p[9] is not None for p in people), "everyone is in a household"
    assert len(heads) == households > len(people) // 6
    for _, name, relation, *where in people:
        assert relation in RELATIONS
        assert where[0:3] == where[3:6], f"{name} lives at the household's door"
        if relation in {"子", "女", "孙子", "孙女"}:
            assert name[0] == heads[where[6]][0]
    capsys.readouterr()
    assert main.main(["residents", "households", "--db", str(db), "--json"]) == 0
    close_database()
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == households
