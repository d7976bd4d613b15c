"""Beneficiaries of a campaign: adding (from the register or typed in), changing, moving through
the statuses, objections during the posting, and corrections after hand-over.

Every change is logged (models/relief/audit.py) in the same transaction, one entry per field
changed, old -> new, with the clerk and the reason. A row handed over (已发放) is locked: it is
never edited again, and a correction is a new log entry (correct()), the row untouched.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from models.common.errors import UserError
from models.common.id_number import parse_id_number
from models.common.money import yuan_text
from models.datafile.db import database
from models.relief import audit
from models.relief.household import household_of
from models.relief.records import (
    APPROVED,
    ENDED,
    FORWARD,
    HANDED_OVER,
    STATUSES,
    BeneficiaryRecord,
    NewBeneficiary,
    ObjectionRecord,
)
from models.relief.service import NotFound, campaign_row, read_goods, record, text
from models.relief.tables import (
    ReliefBeneficiary,
    ReliefCampaign,
    ReliefCategory,
    ReliefObjection,
)

EDITABLE = {  # field -> what the log calls it
    "category_id": "类别", "amount_fen": "金额", "household_size": "家庭人口", "reason": "困难原因",
    "name": "姓名", "id_number": "身份证号", "phone": "联系电话", "building": "楼栋",
    "unit": "单元", "room": "房号", "address": "住址",
}
MAX_HOUSEHOLD = 20


class Locked(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(f"“{name}”的慰问已发放，记录已锁定，不能修改；如有差错请做“更正”登记。")


def row(beneficiary_id: int) -> ReliefBeneficiary:
    b = ReliefBeneficiary.get_or_none(ReliefBeneficiary.id == beneficiary_id)
    if b is None:
        raise NotFound(f"找不到编号为 {beneficiary_id} 的慰问对象。")
    return b


def to_record(b: ReliefBeneficiary, category: str) -> BeneficiaryRecord:
    return BeneficiaryRecord(b.id, b.campaign_id, b.category_id, category, b.resident_id, b.name,
                             b.id_number, b.phone, b.building, b.unit, b.room, b.address,
                             b.household, b.household_size, b.reason, b.amount_fen, b.status,
                             b.status_date, bool(b.false_report), bool(b.locked))


def _category(campaign_id: int, category_id: int) -> ReliefCategory:
    k = ReliefCategory.get_or_none((ReliefCategory.id == category_id)
                                   & (ReliefCategory.campaign == campaign_id))
    if k is None:
        raise NotFound(f"这次慰问活动没有编号为 {category_id} 的类别。")
    return k


def _standard(k: ReliefCategory, size: int) -> int:
    return k.amount_fen * (size if k.basis == "每人" else 1)


def _id_number(raw: str) -> str:
    if not raw.strip():
        return ""
    check = parse_id_number(raw)
    if not check.ok:
        raise UserError(f"身份证号“{raw.strip()}”{check.reason}")
    return check.value or ""


def _size(n: int) -> int:
    if not 1 <= n <= MAX_HOUSEHOLD:
        raise UserError(f"家庭人口须在 1 到 {MAX_HOUSEHOLD} 人之间。")
    return n


def _show(field: str, value: object) -> str:
    if field == "amount_fen":
        return f"{yuan_text(int(str(value)))}元"
    if field == "category_id":
        k = ReliefCategory.get_or_none(ReliefCategory.id == value)
        return k.name if k is not None else str(value)
    return str(value)


def add_beneficiary(campaign_id: int, new: NewBeneficiary, why: str = "") -> BeneficiaryRecord:
    """Propose a person or household for aid. A resident's name, ID, phone and address are
    copied from the register; the aid is the category's standard unless given."""
    with database.atomic():
        c = campaign_row(campaign_id)
        k = _category(c.id, new.category_id)
        fields = dict(name=new.name, id_number=new.id_number, phone=new.phone,
                      building=new.building, unit=new.unit, room=new.room, address=new.address)
        if new.resident_id is not None:
            from models.residents.tables import Resident

            r = Resident.get_or_none(Resident.id == new.resident_id)
            if r is None:
                raise NotFound(f"找不到编号为 {new.resident_id} 的居民。")
            fields = dict(name=r.name, id_number=r.id_number or "", phone=r.phone,
                          building=r.building, unit=r.unit, room=r.room, address=r.address)
        fields["name"] = text(fields["name"], "慰问对象姓名")
        fields["id_number"] = _id_number(fields["id_number"])
        size = _size(new.household_size)
        amount = _standard(k, size) if new.amount_fen is None else new.amount_fen
        if amount < 0:
            raise UserError("慰问金额不能是负数。")
        b = ReliefBeneficiary.create(
            campaign=c.id, category=k.id, resident=new.resident_id, household_size=size,
            household=household_of(new.resident_id, fields["building"], fields["unit"],
                                   fields["room"], fields["address"]),
            reason=new.reason.strip(), amount_fen=amount, status_date=date.today(),
            created=datetime.now(), **{f: v.strip() for f, v in fields.items()})
        audit.write("新增", campaign_id=c.id, beneficiary_id=b.id, subject=b.name,
                    new=f"{k.name}，{size} 人，{yuan_text(amount)}元", why=why or new.reason)
        return to_record(b, k.name)


def get_beneficiary(beneficiary_id: int) -> BeneficiaryRecord:
    with database.atomic():
        b = row(beneficiary_id)
        return to_record(b, b.category.name)


def _from_tuple(t: Any) -> BeneficiaryRecord:
    (bid, campaign, category_id, category, resident, name, id_number, phone, building, unit,
     room, address, household, size, reason, amount, status, status_date, false_report,
     locked) = t
    return BeneficiaryRecord(bid, campaign, category_id, category, resident, name, id_number,
                             phone, building, unit, room, address, household, size, reason,
                             amount, status, status_date, bool(false_report), bool(locked))


def _select() -> Any:
    B = ReliefBeneficiary
    return (B.select(B.id, B.campaign, B.category, ReliefCategory.name, B.resident, B.name,
                     B.id_number, B.phone, B.building, B.unit, B.room, B.address, B.household,
                     B.household_size, B.reason, B.amount_fen, B.status, B.status_date,
                     B.false_report, B.locked)
            .join(ReliefCategory).order_by(B.id))


def _records(sql: str, params: Sequence[object]) -> list[BeneficiaryRecord]:
    """Rows of _select() through the bare cursor: peewee's converters on twenty columns were
    most of the time of the window's first page (bench/bench_relief.py); only the date needs
    one."""
    day = ReliefBeneficiary.status_date.python_value
    return [_from_tuple((*t[:17], day(t[17]), *t[18:]))
            for t in database.obj.execute_sql(sql, params)]


@cache
def _page_sql() -> str:
    """The SQL of a page of a campaign (parameters: campaign, limit, offset), built once."""
    sql, params = _select().where(ReliefBeneficiary.campaign == -7).limit(-8).offset(-9).sql()
    if list(params) != [-7, -8, -9]:
        raise RuntimeError(f"unexpected parameters of a page: {params}")
    return str(sql)


def list_beneficiaries(campaign_id: int, order: str = "added", offset: int = 0,
                       limit: int | None = None) -> list[BeneficiaryRecord]:
    """order: "added" (a page of it read from SQL: the window's lazy list), "building" (building,
    unit, room) or "strokes" (姓氏笔画). Read as plain tuples: 5,000 rows as model objects cost
    several times more."""
    with database.atomic():
        campaign_row(campaign_id)
        if order == "added" and limit is not None:
            return _records(_page_sql(), (campaign_id, limit, offset))
        rows = _records(*_select().where(ReliefBeneficiary.campaign == campaign_id).sql())
    if order == "added":
        return rows[offset:]
    if order == "building":
        rows.sort(key=lambda r: (_natural(r.building), _natural(r.unit), _natural(r.room),
                                 r.id))
    else:
        from models.common.name_keys import stroke_key

        rows.sort(key=lambda r: (stroke_key(r.name), r.id))
    return rows[offset:None if limit is None else offset + limit]


def first_page(campaign_id: int, limit: int) -> tuple[int, list[BeneficiaryRecord]]:
    """How many a campaign has and the first `limit` in the order added, in one read (what the
    window's list shows first)."""
    with database.atomic():
        total = int(database.obj.execute_sql(
            f"SELECT COUNT(*) FROM {ReliefBeneficiary._meta.table_name} "
            "WHERE campaign_id = ?", (campaign_id,)).fetchone()[0])
        if not total:
            campaign_row(campaign_id)  # NotFound for a campaign that is not there
            return 0, []
        return total, _records(_page_sql(), (campaign_id, limit, 0))


def count_beneficiaries(campaign_id: int) -> int:
    with database.atomic():
        return ReliefBeneficiary.select().where(ReliefBeneficiary.campaign == campaign_id).count()


def _natural(value: str) -> tuple[int, str]:
    digits = "".join(ch for ch in value if ch.isdigit())[:9]
    return (int(digits) if digits else 10**9, value)


def update_beneficiary(beneficiary_id: int, changes: Mapping[str, object],
                       why: str) -> BeneficiaryRecord:
    """Change some fields (EDITABLE); each change is logged with why. Refused on a locked row."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise UserError(f"不能修改：{'、'.join(sorted(unknown))}。")
    reason = text(why, "修改的原因")
    with database.atomic():
        b = row(beneficiary_id)
        if b.locked:
            raise Locked(b.name)
        for field, value in changes.items():
            if field == "category_id":
                value = _category(b.campaign_id, int(str(value))).id
            elif field == "amount_fen":
                value = int(str(value))
                if value < 0:
                    raise UserError("慰问金额不能是负数。")
            elif field == "household_size":
                value = _size(int(str(value)))
            elif field == "id_number":
                value = _id_number(str(value))
            elif field == "name":
                value = text(str(value), "慰问对象姓名")
            else:
                value = str(value).strip()
            old = getattr(b, field)
            if old == value:
                continue
            audit.write(EDITABLE[field], campaign_id=b.campaign_id, beneficiary_id=b.id,
                        subject=b.name, old=_show(field, old), new=_show(field, value),
                        why=reason)
            setattr(b, field, value)
        b.household = household_of(b.resident_id, b.building, b.unit, b.room, b.address)
        b.save()
        return to_record(b, b.category.name)


def _posting_over(c: ReliefCampaign, day: date) -> str:
    """Why hand-over may not start on day ("" when it may)."""
    rec = record(c)
    if rec.posting_start is None or rec.posting_end is None:
        return "名单还没有公示（请先设定公示期并张榜公示）。"
    if day <= rec.posting_end and not rec.early_handover_reason:
        return (f"公示期到 {rec.posting_end} 才结束，公示期内不能发放；"
                "确需提前发放的，请先登记提前发放的原因。")
    return ""


def set_status(beneficiary_id: int, status: str, why: str = "",
               day: date | None = None) -> BeneficiaryRecord:
    """Move one step forward, or end the row (不予发放 / 已撤回, with a reason). 已发放 locks it."""
    if status not in STATUSES:
        raise UserError(f"状态只能是：{'、'.join(STATUSES)}。")
    day = day or date.today()
    with database.atomic():
        b = row(beneficiary_id)
        if b.locked:
            raise Locked(b.name)
        if b.status in ENDED:
            raise UserError(f"“{b.name}”已是“{b.status}”，不能再改状态；如需重新慰问请重新新增。")
        if status in ENDED:
            text(why, f"“{status}”的原因")
        elif FORWARD.index(status) != FORWARD.index(b.status) + 1:
            step = FORWARD[min(FORWARD.index(b.status) + 1, len(FORWARD) - 1)]
            raise UserError(f"“{b.name}”现在是“{b.status}”，下一步应为“{step}”，不能直接改为"
                            f"“{status}”。")
        if status in (APPROVED, HANDED_OVER):
            pending = ReliefObjection.select().where((ReliefObjection.beneficiary == b.id)
                                                     & (ReliefObjection.outcome == "")).count()
            if pending:
                raise UserError(f"“{b.name}”有 {pending} 条异议尚未处理完，请先登记处理结果。")
        if status == HANDED_OVER:
            refusal = _posting_over(b.campaign, day)
            if refusal:
                raise UserError(refusal)
        audit.write("状态", campaign_id=b.campaign_id, beneficiary_id=b.id, subject=b.name,
                    old=b.status, new=status, why=why)
        b.status, b.status_date = status, day
        b.locked = status == HANDED_OVER
        b.save()
        return to_record(b, b.category.name)


def correct(beneficiary_id: int, what: str, new: str, why: str) -> None:
    """A correction of a row handed over: a new log entry (what was wrong, what is right, why);
    the row itself stays as it was signed for."""
    with database.atomic():
        b = row(beneficiary_id)
        audit.write("更正", campaign_id=b.campaign_id, beneficiary_id=b.id, subject=b.name,
                    old=text(what, "更正的事项"), new=text(new, "更正后的内容"),
                    why=text(why, "更正的原因"))


def flag_false_report(beneficiary_id: int, why: str) -> BeneficiaryRecord:
    """Record that this household reported falsely (次年不予慰问). Allowed on a locked row: it
    changes no money, and it is logged."""
    with database.atomic():
        b = row(beneficiary_id)
        audit.write("虚报", campaign_id=b.campaign_id, beneficiary_id=b.id, subject=b.name,
                    old="否", new="是", why=text(why, "认定虚报的依据"))
        ReliefBeneficiary.update(false_report=True).where(ReliefBeneficiary.id == b.id).execute()
        return get_beneficiary(b.id)


def add_objection(beneficiary_id: int, content: str, received: date | None = None) -> int:
    with database.atomic():
        b = row(beneficiary_id)
        o = ReliefObjection.create(beneficiary=b.id, received=received or date.today(),
                                   content=text(content, "异议内容"))
        audit.write("异议", campaign_id=b.campaign_id, beneficiary_id=b.id, subject=b.name,
                    new=o.content)
        return o.id


def decide_objection(objection_id: int, outcome: str, day: date | None = None) -> None:
    with database.atomic():
        o = ReliefObjection.get_or_none(ReliefObjection.id == objection_id)
        if o is None:
            raise NotFound(f"找不到编号为 {objection_id} 的异议。")
        b = o.beneficiary
        result = text(outcome, "异议处理结果")
        audit.write("异议处理", campaign_id=b.campaign_id, beneficiary_id=b.id, subject=b.name,
                    old=o.outcome or "未处理", new=result)
        o.outcome, o.decided = result, day or date.today()
        o.save()


def objections(beneficiary_id: int) -> list[ObjectionRecord]:
    with database.atomic():
        q = ReliefObjection.select().where(ReliefObjection.beneficiary == beneficiary_id)
        return [ObjectionRecord(o.id, o.beneficiary_id, o.received, o.content, o.outcome,
                                o.decided) for o in q.order_by(ReliefObjection.id)]


def goods_of(beneficiary_id: int) -> list[tuple[str, int]]:
    with database.atomic():
        return read_goods(row(beneficiary_id).category.goods)
