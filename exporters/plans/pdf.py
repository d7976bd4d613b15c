"""A plan or a notice as an official-document PDF (GB/T 9704 layout, see exporters.pdf.official).

What prints is exporters.plans.document's typed document; exporters.doc.pdf lays it out, as
exporters.doc.docx writes the same document to Word.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from exporters.atomic import atomic_output
from exporters.doc import pdf as render
from exporters.pdf.fonts import FontSet
from exporters.pdf.official import Styles
from exporters.plans.document import plan_document
from models.plans.records import PlanRecord


def plan_story(rec: PlanRecord, styles: Styles) -> list[Flowable]:
    """Every flowable of the document, in order: title, 主送, the outline's sections, 附件,
    落款."""
    return render.story(plan_document(rec), styles)


def build_plan_pdf_bytes(rec: PlanRecord, *, fonts: FontSet | None = None) -> bytes:
    """The PDF of a plan or notice, in memory."""
    buf = io.BytesIO()
    write_plan_pdf(rec, buf, fonts=fonts)
    return buf.getvalue()


def write_plan_pdf(rec: PlanRecord, out: BinaryIO | Path | str, *,
                   fonts: FontSet | None = None) -> int:
    """Lay the plan out into out (a file path or a binary stream); returns the page count."""
    return render.write_pdf(plan_document(rec), out, fonts=fonts)


def export_plan_pdf(rec: PlanRecord, out: Path | str, *, fonts: FontSet | None = None) -> Path:
    """Write the plan's PDF to out, atomically (a failure leaves any old file as it was)."""
    target = Path(out)
    with atomic_output(target) as tmp:
        write_plan_pdf(rec, tmp, fonts=fonts)
    return target
