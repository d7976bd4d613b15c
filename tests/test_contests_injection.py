"""Formula injection in the contests' workbooks (see tests/test_formula_injection.py): entrant
names, titles, the contest's title, a judge's name and unit, all starting with = + - @, a tab or a
carriage return, come out of the score sheet, the results notice and the certificate register as
text cells, never formulas."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from models.contests import service as svc
from models.contests.records import NewContest, NewEntry
from tests.test_formula_injection import STARTS, norm, payload


def _cells(path: Path) -> list:
    wb = load_workbook(path)  # formulas as written
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]


def test_contest_sheets_write_payloads_as_text(db_path: Path, tmp_path: Path) -> None:
    from exporters.contests.certificates import (
        TEXT_ONLY,
        Layout,
        certificate_register,
        contest_drafts,
        print_certificates,
    )
    from exporters.contests.results import Posting, export_results_xlsx
    from exporters.contests.score_sheet import export_score_sheet_xlsx
    from models.contests.register import list_certificates

    title = payload("=", "contest")
    c = svc.create_contest(NewContest(title, ["摄影"], issuer=payload("@", "issuer")))
    rng = random.Random(2)
    names = [payload(s, f"name{k}").strip() for k, s in enumerate(STARTS)]
    titles = [payload(s, f"title{k}").strip() for k, s in enumerate(STARTS)]
    ids = [svc.add_entry(c.id, NewEntry(c.categories[0].id, n, t, date(2026, 10, 20)), rng).id
           for n, t in zip(names, titles, strict=True)]
    judge = svc.add_judge(c.id, payload("+", "judge"), payload("-", "unit"))
    svc.set_scores(judge.id, {e: str(9 - i) for i, e in enumerate(ids)})
    files = {"score.xlsx": [title, payload("+", "judge"), payload("-", "unit"), *titles],
             "results.xlsx": [title, *titles],
             "register.xlsx": [*names, payload("=", "clerk")]}
    export_score_sheet_xlsx(c.id, tmp_path / "score.xlsx")
    export_results_xlsx(c.id, tmp_path / "results.xlsx", Posting(date(2026, 10, 25)))
    day = date(2026, 10, 29)
    print_certificates(contest_drafts(c.id, day), tmp_path / "c.pdf", Layout(mode=TEXT_ONLY),
                       day, payload("=", "clerk"))
    certificate_register(list_certificates(c.id), tmp_path / "register.xlsx")
    for name, expected in files.items():
        cells = _cells(tmp_path / name)
        assert not [c.coordinate for c in cells if c.data_type == "f"], name
        texts = [norm(str(c.value)) for c in cells]
        for want in expected:
            assert any(norm(want) in t for t in texts), (name, want)
