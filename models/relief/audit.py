"""The audit log of the relief wing and the clerk who signs it.

Every change to a campaign's beneficiaries (added, an amount, a category, a status, a correction
after hand-over, an objection) is written here in the same transaction as the change itself, with
the time, the clerk, old -> new and why. Entries are only ever added. The clerk's name is kept in
the data file (relief_setting), so the window and the command line write the same name; no change
is written before a clerk is set.
"""
from __future__ import annotations

from datetime import datetime

from models.common.errors import UserError
from models.datafile.db import database
from models.relief.records import LogEntry
from models.relief.tables import ReliefLog, ReliefSetting

CLERK_KEY = "clerk"


class NoClerk(UserError):
    def __init__(self) -> None:
        super().__init__("请先设置经办人姓名（慰问对象的每项改动都记下经办人）。")


def clerk() -> str:
    """The clerk's name kept in the data file, "" when none was set."""
    row = ReliefSetting.get_or_none(ReliefSetting.key == CLERK_KEY)
    return row.value if row is not None else ""


def set_clerk(name: str) -> str:
    """Set the clerk's name (a change of clerk is itself logged)."""
    name = " ".join(name.split())
    if not name:
        raise UserError("请填写经办人姓名。")
    if len(name) > 20:
        raise UserError("经办人姓名太长（最多 20 个字）。")
    with database.atomic():
        before = clerk()
        if before == name:
            return name
        ReliefSetting.replace(key=CLERK_KEY, value=name).execute()
        ReliefLog.create(at=datetime.now(), clerk=name, what="经办人", old=before, new=name)
    return name


def write(what: str, *, campaign_id: int | None, beneficiary_id: int | None = None,
          subject: str = "", old: str = "", new: str = "", why: str = "") -> None:
    """One log entry, in the caller's transaction; refused (NoClerk) when no clerk is set, so the
    change it describes is not made either."""
    who = clerk()
    if not who:
        raise NoClerk()
    ReliefLog.create(at=datetime.now(), clerk=who, campaign_id=campaign_id,
                     beneficiary_id=beneficiary_id, subject=subject, what=what, old=old, new=new,
                     why=why.strip())


def _entry(e: ReliefLog) -> LogEntry:
    return LogEntry(e.id, e.at, e.clerk, e.campaign_id, e.beneficiary_id, e.subject, e.what,
                    e.old, e.new, e.why)


def campaign_log(campaign_id: int) -> list[LogEntry]:
    with database.atomic():
        q = ReliefLog.select().where(ReliefLog.campaign_id == campaign_id).order_by(ReliefLog.id)
        return [_entry(e) for e in q]


def beneficiary_log(beneficiary_id: int) -> list[LogEntry]:
    with database.atomic():
        q = ReliefLog.select().where(ReliefLog.beneficiary_id == beneficiary_id).order_by(
            ReliefLog.id)
        return [_entry(e) for e in q]
