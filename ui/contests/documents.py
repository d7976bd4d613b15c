"""The documents of the 评比表彰 tab: score sheets, the results notice, certificates, the honour
roll and the certificate register, each exported to a file the clerk names or made as PDF bytes
for 打印… (ui/widgets/printing.py previews the very PDF the export writes).

Certificates are numbered in the register when they are made (models/contests/register.py), for
a file or for printing: a certificate made again keeps its number.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from models.common.changes import Changes

CONTESTS = Changes(contests=True)


def posting() -> Any:
    from exporters.contests.results import Posting

    return Posting(date.today())


def score_sheet_pdf(contest_id: int, path: Path) -> object:
    from exporters.contests.score_sheet import export_score_sheet_pdf

    return export_score_sheet_pdf(contest_id, path)


def score_sheet_xlsx(contest_id: int, path: Path) -> object:
    from exporters.contests.score_sheet import export_score_sheet_xlsx

    return export_score_sheet_xlsx(contest_id, path)


def results_pdf(contest_id: int, path: Path) -> object:
    from exporters.contests.results import export_results_pdf

    return export_results_pdf(contest_id, path, posting())


def results_xlsx(contest_id: int, path: Path) -> object:
    from exporters.contests.results import export_results_xlsx

    return export_results_xlsx(contest_id, path, posting())


def contest_certificates(contest_id: int, path: Path) -> object:
    from exporters.contests.certificates import Layout, contest_drafts, print_certificates

    today = date.today()
    return print_certificates(contest_drafts(contest_id, today), path, Layout(), today)


def honour_certificates(list_id: int, path: Path) -> object:
    from exporters.contests.certificates import Layout, honour_drafts, print_certificates

    today = date.today()
    return print_certificates(honour_drafts(list_id, today), path, Layout(), today)


def honour_roll_pdf(list_id: int, path: Path) -> object:
    from exporters.contests.honour_roll import export_honour_roll_pdf

    return export_honour_roll_pdf(list_id, path, posting())


def register_xlsx(list_or_contest: tuple[int | None, int | None], path: Path) -> object:
    from exporters.contests.certificates import certificate_register
    from models.contests.register import list_certificates

    return certificate_register(list_certificates(*list_or_contest), path)


# kind -> (label, suffix, writer, whether it writes to the data file)
KINDS: dict[str, tuple[str, str, Callable[[Any, Path], object], bool]] = {
    "score_pdf": ("评分表", ".pdf", score_sheet_pdf, False),
    "score_xlsx": ("评分表", ".xlsx", score_sheet_xlsx, False),
    "results_pdf": ("评选结果公示", ".pdf", results_pdf, False),
    "results_xlsx": ("评选结果公示", ".xlsx", results_xlsx, False),
    "contest_certificates": ("获奖证书", ".pdf", contest_certificates, True),
    "honour_roll": ("表彰名单公示", ".pdf", honour_roll_pdf, False),
    "honour_certificates": ("荣誉证书", ".pdf", honour_certificates, True),
    "register": ("证书发放登记表", ".xlsx", register_xlsx, False),
}


def pdf_bytes(kind: str, key: Any) -> bytes:
    """The PDF an export of this kind writes, as bytes for the print preview."""
    _label, suffix, writer, _w = KINDS[kind]
    assert suffix == ".pdf"
    with tempfile.TemporaryDirectory() as folder:  # the exporters write files (atomically)
        path = Path(folder) / f"print{suffix}"
        writer(key, path)
        return path.read_bytes()
