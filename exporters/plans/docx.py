"""A plan or a notice as a Word file: the same typed document as its PDF (exporters.plans.
document), written by exporters.doc.docx."""
from __future__ import annotations

from pathlib import Path

from exporters.doc.docx import docx_bytes, export_docx
from exporters.plans.document import plan_document
from models.plans.records import PlanRecord


def build_plan_docx_bytes(rec: PlanRecord) -> bytes:
    """The .docx of a plan or notice, in memory."""
    return docx_bytes(plan_document(rec))


def export_plan_docx(rec: PlanRecord, out: Path | str) -> Path:
    """Write the plan's .docx to out, atomically (a failure leaves any old file as it was)."""
    return export_docx(plan_document(rec), out)
