"""Service record certificates (志愿服务记录证明): issued from the ledger's own figures for a
period, numbered from the register of issued certificates (ZYZM-2026-0001, one series a year).
A certificate once issued keeps its figures, so the register shows what was certified."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee as pw

from models.common.errors import UserError
from models.datafile.db import database
from models.volunteers.ledger import period_totals
from models.volunteers.records import VolunteerRecord
from models.volunteers.service import get_volunteer
from models.volunteers.tables import ServiceCertificate


@dataclass
class Issuer:
    body: str = "社区居民委员会"  # 出具单位
    person_in_charge: str = ""  # 负责人
    handler: str = ""  # 经办人
    contact: str = ""  # 联系电话


@dataclass
class CertificateRecord:
    id: int
    number: str
    volunteer: VolunteerRecord
    start: date
    end: date
    services: int
    minutes: int
    content: str
    issuer: Issuer
    issued: date
    notes: str


def _next_number(year: int) -> str:
    prefix = f"ZYZM-{year}-"
    last = (ServiceCertificate.select(pw.fn.MAX(ServiceCertificate.number))
            .where(ServiceCertificate.number.startswith(prefix)).scalar())
    n = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{n:04d}"


def _record(c: ServiceCertificate, v: VolunteerRecord | None = None) -> CertificateRecord:
    return CertificateRecord(
        c.id, c.number, v or get_volunteer(c.volunteer_id), c.start, c.end, c.services,
        c.minutes, c.content, Issuer(c.issuer, c.person_in_charge, c.handler, c.contact),
        c.issued, c.notes)


def issue_certificate(volunteer_id: int, start: date | None, end: date | None, issuer: Issuer,
                      *, issued: date | None = None, notes: str = "") -> CertificateRecord:
    """Issue one; start defaults to the day joined, end to the day of issue."""
    issued = issued or date.today()
    with database.atomic():
        v = get_volunteer(volunteer_id)
        start = start or v.joined
        end = end or issued
        if end > issued:
            raise UserError("证明的截止日期不能晚于出具日期。")
        times, minutes, contents = period_totals(volunteer_id, start, end)
        if times == 0:
            raise UserError(f"{v.name} 在 {start:%Y-%m-%d} 至 {end:%Y-%m-%d} 没有志愿服务记录，"
                            "无法出具证明。")
        if not issuer.body.strip():
            raise UserError("请填写出具单位。")
        c = ServiceCertificate.create(
            volunteer=volunteer_id, number=_next_number(issued.year), start=start, end=end,
            minutes=minutes, services=times, content="、".join(contents[:8]),
            issuer=issuer.body.strip(), person_in_charge=issuer.person_in_charge.strip(),
            handler=issuer.handler.strip(), contact=issuer.contact.strip(), issued=issued,
            notes=notes.strip())
        return _record(c, v)


def list_certificates(year: int | None = None) -> list[CertificateRecord]:
    q = ServiceCertificate.select().order_by(ServiceCertificate.number)
    if year is not None:
        q = q.where(ServiceCertificate.number.startswith(f"ZYZM-{year}-"))
    with database.atomic():
        return [_record(c) for c in q]
