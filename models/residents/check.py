"""Checking one resident's values (pure: no database), shared by the form and the importer."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from models.common.id_number import parse_id_number
from models.common.parsers import clean_name, parse_gender, parse_phone
from models.common.text import collapse_spaces, strip_controls
from models.residents.records import FieldProblem, ResidentRecord
from models.residents.rules import age_on


def check_record(rec: ResidentRecord, *, today: date | None = None,
                 ) -> tuple[ResidentRecord, list[FieldProblem]]:
    """Cleaned copy and the problems, field by field. The ID number is the authority: an empty
    sex or birth date is taken from it, a different one is pointed out (a warning)."""
    today = today or date.today()
    problems: list[FieldProblem] = []
    out = replace(rec, tags=list(rec.tags))

    name = clean_name(rec.name)
    if name.ok:
        out.name = name.value
    else:
        problems.append(FieldProblem("name", name.reason))

    gender = parse_gender(rec.gender)
    if gender.ok:
        out.gender = gender.value or ""
    else:
        problems.append(FieldProblem("gender", gender.reason))

    if rec.birth is not None and rec.birth > today:
        problems.append(FieldProblem("birth", "出生日期晚于今天，请核对"))
    elif rec.birth is not None and age_on(rec.birth, today) > 130:
        problems.append(FieldProblem("birth", "出生日期过早（超过130岁），请核对"))

    raw_id = (rec.id_number or "").strip()
    out.id_number = None
    if raw_id:
        idc = parse_id_number(raw_id, today=today)
        if not idc.ok:
            problems.append(FieldProblem("id_number", idc.reason))
        else:
            out.id_number = idc.value
            if not out.gender:
                out.gender = idc.gender
            elif gender.ok and out.gender != idc.gender:
                problems.append(FieldProblem(
                    "gender", f"性别与身份证号不符：身份证号显示为{idc.gender}", "warning"))
            if rec.birth is None:
                out.birth = idc.birth
            elif rec.birth != idc.birth and idc.birth is not None:
                problems.append(FieldProblem(
                    "birth", f"出生日期与身份证号不符：身份证号显示为{idc.birth.isoformat()}",
                    "warning"))

    phone = parse_phone(rec.phone)
    if phone.ok:
        out.phone = phone.value or ""
    else:
        problems.append(FieldProblem("phone", phone.reason))

    # Control characters (a NUL pasted in) are never stored.
    for attr in ("building", "unit", "room", "household"):
        setattr(out, attr, collapse_spaces(strip_controls(getattr(rec, attr) or "")))
    out.address = strip_controls(rec.address or "").strip()
    out.notes = strip_controls(rec.notes or "").strip()
    tags: list[str] = []
    for tag in rec.tags:
        tag = collapse_spaces(strip_controls(tag))
        if tag and tag not in tags:
            tags.append(tag)
    out.tags = tags
    return out, problems
