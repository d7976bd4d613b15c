"""The register of certificates issued (证书发放登记): who got which certificate, its number, the
date on it and who printed it.

issue_certificates numbers a batch and records it in one transaction with the printing itself
(the write callback): if the PDF cannot be written, no number is taken and nothing is recorded.
A certificate printed again for the same entry or nomination keeps its number; its text, date
and issuer become what was printed last, and the register counts the printings.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from models.common.errors import UserError
from models.contests.tables import Certificate, ContestEntry, Nomination
from models.datafile.db import database


@dataclass
class CertificateDraft:
    """A certificate to print: for one entry (获奖证书) or one nomination (荣誉证书)."""

    kind: str
    name: str
    body: str
    issuer: str
    prefix: str  # a new number is the prefix and the next free three digits: 2026-P1-007
    entry_id: int | None = None
    nomination_id: int | None = None


@dataclass
class IssuedCertificate:
    number: str
    kind: str
    name: str
    body: str
    issuer: str
    issued: date
    issued_by: str
    printed: int  # how many times it has been printed
    entry_id: int | None
    nomination_id: int | None


def _issued(c: Certificate) -> IssuedCertificate:
    return IssuedCertificate(c.number, c.kind, c.name, c.body, c.issuer, c.issued, c.issued_by,
                             c.printed, c.entry_id, c.nomination_id)


def _next_number(prefix: str) -> str:
    taken = [c.number[len(prefix):] for c in Certificate.select(Certificate.number).where(
        Certificate.number.startswith(prefix))]
    last = max((int(t) for t in taken if t.isdigit()), default=0)
    return f"{prefix}{last + 1:03d}"


def issue_certificates[T](drafts: Sequence[CertificateDraft], day: date, issued_by: str,
                       write: Callable[[list[IssuedCertificate]], T]) -> T:
    """Number and record the drafts, then call write with them (it prints the PDF) inside the
    same transaction: a write that fails takes back every number. Returns what write returns."""
    if not drafts:
        raise UserError("没有可以发证书的获奖者或表彰对象。")
    for d in drafts:
        if (d.entry_id is None) == (d.nomination_id is None):
            raise UserError(f"“{d.name}”的证书须对应一件作品或一条表彰推荐。")
    with database.atomic():
        out: list[IssuedCertificate] = []
        for d in drafts:
            if d.entry_id is not None:
                if ContestEntry.get_or_none(ContestEntry.id == d.entry_id) is None:
                    raise UserError(f"“{d.name}”的作品已不在，证书未印。")
                row = Certificate.get_or_none(Certificate.entry == d.entry_id)
            else:
                if Nomination.get_or_none(Nomination.id == d.nomination_id) is None:
                    raise UserError(f"“{d.name}”的推荐已不在，证书未印。")
                row = Certificate.get_or_none(Certificate.nomination == d.nomination_id)
            if row is None:
                row = Certificate.create(number=_next_number(d.prefix), kind=d.kind,
                                         entry=d.entry_id, nomination=d.nomination_id,
                                         name=d.name, body=d.body, issuer=d.issuer, issued=day,
                                         issued_by=issued_by.strip(), printed=1)
            else:  # printed again: the same number
                row.kind, row.name, row.body, row.issuer = d.kind, d.name, d.body, d.issuer
                row.issued, row.issued_by = day, issued_by.strip()
                row.printed += 1
                row.save()
            out.append(_issued(row))
        return write(out)


def list_certificates(contest_id: int | None = None,
                      honour_list_id: int | None = None) -> list[IssuedCertificate]:
    """Certificates issued, by number: all, or those of one contest or one honour list (a
    certificate whose entry or nomination was deleted since is listed only under all)."""
    with database.atomic():
        q = Certificate.select().order_by(Certificate.number)
        if contest_id is not None:
            q = q.join(ContestEntry).where(ContestEntry.contest == contest_id)
        elif honour_list_id is not None:
            q = q.join(Nomination).where(Nomination.honour_list == honour_list_id)
        return [_issued(c) for c in q]
