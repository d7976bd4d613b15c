"""Formula injection in the relief workbooks (see tests/test_formula_injection.py): a campaign
title, category and goods names, beneficiaries' names and buildings, reasons, the clerk's name
and a correction, all starting with = + - @, a tab or a carriage return, come out of the sign-for
sheet, the bureau's attachments and the log as text cells, never formulas."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from models.relief import audit
from models.relief.beneficiaries import add_beneficiary, correct, get_beneficiary, set_status
from models.relief.records import NewBeneficiary, NewCampaign, NewCategory
from models.relief.service import allow_early_handover, create_campaign, get_campaign, set_posting
from tests.test_formula_injection import STARTS, norm, payload


def _cells(path: Path) -> list:
    wb = load_workbook(path)  # formulas as written
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]


def test_relief_sheets_write_payloads_as_text(db_path: Path, tmp_path: Path) -> None:
    from exporters.relief.bureau import export_summary_xlsx
    from exporters.relief.handover import export_handover_xlsx
    from exporters.relief.log_sheet import export_log_xlsx

    audit.set_clerk("@SUM(1+2)")  # a short payload: a clerk's name is at most 20 characters
    rec = create_campaign(NewCampaign(
        payload("=", "campaign"), date(2026, 12, 1), date(2027, 2, 1),
        funds_source=payload("+", "source"), issuer=payload("-", "issuer"),
        categories=[NewCategory(payload(s, f"cat{k}").strip(), "每户", 50000,
                                [(payload(s, f"goods{k}").strip(), 1000)])
                    for k, s in enumerate(STARTS[:4])]))
    set_posting(rec.id, date(2026, 12, 1))
    allow_early_handover(rec.id, payload("=", "early"))
    people = []
    for k, s in enumerate(STARTS):
        b = add_beneficiary(rec.id, NewBeneficiary(
            rec.categories[k % 4].id, name=payload(s, f"name{k}"),
            building=payload(s, f"bldg{k}"), room=f"{k}01室", reason=payload(s, f"why{k}")))
        for step in ("已核实", "已公示", "已审批", "已发放"):
            set_status(b.id, step, payload(s, f"step{k}"))
        correct(b.id, payload(s, f"what{k}"), payload(s, f"fix{k}"), payload(s, f"because{k}"))
        people.append(get_beneficiary(b.id))
    stored = get_campaign(rec.id)
    names = [p.name for p in people]
    goods = [item for c in stored.categories for item, _v in c.goods]
    cats = [c.name for c in stored.categories]
    export_handover_xlsx(rec.id, tmp_path / "handover.xlsx")
    export_summary_xlsx(rec.id, tmp_path / "summary.xlsx")
    export_log_xlsx(rec.id, tmp_path / "log.xlsx")
    files = {"handover.xlsx": [stored.title, *names, *[p.building for p in people], *cats,
                               *goods],
             "summary.xlsx": [stored.title, *cats],
             "log.xlsx": [stored.title, audit.clerk(), *names, *[p.reason for p in people]]}
    for name, expected in files.items():
        cells = _cells(tmp_path / name)
        assert not [c.coordinate for c in cells if c.data_type == "f"], name
        texts = [norm(str(c.value)) for c in cells]
        for want in expected:
            assert any(norm(want) in t for t in texts), (name, want)
