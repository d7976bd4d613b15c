"""Clean-up of old personal data: the personal details of sign-ups for activities that took place
more than N years ago are removed, the counts stay.

What goes: the registrant's name, phone, initials, notes, receipt number, override note and rule
warnings (they quote the person's age or tags), the link to the resident in the register, the
notes of the status log, and the companions' names, phones and ages (no figure uses a companion's
age; a child's exact age beside an activity is more than the counts need).
What stays: each sign-up's status, position, times, fee, walk-in and waitlist flags, its
companions (as many as there were, with their relation: 子女 / 配偶), the status log's times, and
in signup_kept the coarse groups the activity's figures break down by (sex, age band on the
activity's day, building; never the unit, room, birth date or ID number). So signup_counts and
activity_figures of a cleaned activity are the same before and after (tests/test_retention.py).

The clean-up runs in one transaction after a backup ("before-cleanup"), so it can be undone by
restoring that backup. With secure_delete and a WAL checkpoint the removed values are gone from
the data file's bytes too; the backups made before (that one included) still hold them until
rotation removes them.

Relief campaigns (models/relief) and their audit log are never touched: money and goods handed out
must stay traceable (tests/test_relief_cli.py checks their tables are the same after a clean-up).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.common.errors import UserError
from models.datafile import backup as bk
from models.datafile.db import database
from models.residents.rules import age_on
from models.signups.figures import age_band
from models.signups.service import as_date

CLEARED_NAME = "（已清除）"  # what lists show in place of a removed name
_CHUNK = 900  # SQLite's default limit on bound parameters is 999


class CleanupRefused(UserError):
    pass


@dataclass
class CleanupPreview:
    years: int
    cutoff: date  # activities on or after this day are left alone
    activities: int
    signups: int
    companions: int
    oldest: date | None = None  # the earliest and latest activity day concerned
    newest: date | None = None

    def text(self) -> str:
        cutoff = cn_date(self.cutoff)
        if not self.signups:
            return f"没有 {cutoff}以前（{self.years} 年前）结束的活动的报名需要清理。"
        span = ""
        if self.oldest and self.newest:
            span = (f"（{cn_date(self.oldest)}）" if self.oldest == self.newest else
                    f"（{cn_date(self.oldest)}至{cn_date(self.newest)}）")
        companions = f"（含同行人 {self.companions} 人）" if self.companions else ""
        return (f"将清除 {cutoff}以前结束的 {self.activities} 个活动{span}中 "
                f"{self.signups} 条报名{companions}的姓名、电话、备注等个人信息；"
                f"报名、签到、未到人数和费用保持不变。")


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class CleanupResult:
    preview: CleanupPreview
    backup: Path | None  # None when there was nothing to clean

    def text(self) -> str:
        p = self.preview
        if not p.signups:
            return p.text()
        return (f"已清除 {p.activities} 个活动中 {p.signups} 条报名的个人信息。"
                f"清理前的数据已备份到“{self.backup}”。")


def cutoff_for(years: int, today: date | None = None) -> date:
    """The day N years before today (29 February becomes 28 February)."""
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise CleanupRefused(f"年数须为 1 或更大的整数（收到：{years}）。"
                             "为免误删近期活动的报名，不能清理不满一年的数据。")
    if years > 200:  # before year 1 the calendar ends (issue 10: --years 2026 was a traceback)
        raise CleanupRefused(f"年数须为 1 到 200 之间的整数（收到：{years}）。")
    today = today or date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


# Sign-ups not yet cleaned of activities whose last day (end, else start) is before the cutoff.
_TARGETS = (
    "FROM signup s JOIN plan p ON p.id = s.plan_id "
    "LEFT JOIN signup_kept k ON k.signup_id = s.id "
    "WHERE k.signup_id IS NULL AND coalesce(p.\"end\", p.start) IS NOT NULL "
    "AND date(coalesce(p.\"end\", p.start)) < ? ")


def _preview(years: int, cutoff: date) -> CleanupPreview:
    n, acts, first, last = database.obj.execute_sql(
        "SELECT count(*), count(DISTINCT s.plan_id), min(date(coalesce(p.\"end\", p.start))), "
        "max(date(coalesce(p.\"end\", p.start))) " + _TARGETS, (cutoff.isoformat(),)).fetchone()
    comp = database.obj.execute_sql(
        "SELECT count(*) FROM companion c WHERE c.signup_id IN (SELECT s.id " + _TARGETS + ")",
        (cutoff.isoformat(),)).fetchone()[0]
    return CleanupPreview(years, cutoff, acts, n, comp, as_date(first), as_date(last))


def preview_cleanup(years: int, *, today: date | None = None) -> CleanupPreview:
    """How many sign-ups of how many activities the clean-up would clear; changes nothing."""
    cutoff = cutoff_for(years, today)
    with database.atomic():
        return _preview(years, cutoff)


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[at:at + _CHUNK] for at in range(0, len(ids), _CHUNK)]


def cleanup_personal_data(years: int, *, today: date | None = None) -> CleanupResult:
    """Back the data file up, then clear the personal details of the sign-ups preview_cleanup
    counts, in one transaction (a failure or a kill leaves the file as it was)."""
    cutoff = cutoff_for(years, today)
    today = today or date.today()
    first = preview_cleanup(years, today=today)
    if not first.signups:
        return CleanupResult(first, None)
    path = database.obj.database
    backup = bk.backup_before(path, "cleanup").path if path and path != ":memory:" else None
    db = database.obj
    # secure_delete zeroes the space the old values leave behind; the checkpoint after the
    # transaction moves the pages into the file and empties the WAL, so the removed details are
    # not left in the file's free space or in the -wal file beside it.
    secure = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    db.execute_sql("PRAGMA secure_delete = ON")
    try:
        preview = _clear(years, cutoff, today)
    except BaseException:
        # Nothing was cleared (rolled back): the backup is the file as it still is, and a retry
        # on a full disk would otherwise leave one more each time.
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    finally:
        db.execute_sql(f"PRAGMA secure_delete = {int(secure)}")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return CleanupResult(preview, backup)


def _clear(years: int, cutoff: date, today: date) -> CleanupPreview:
    with database.atomic():
        preview = _preview(years, cutoff)  # again inside the transaction: what is cleared
        rows = database.obj.execute_sql(
            "SELECT s.id, r.gender, r.birth, r.building, p.start " + _TARGETS.replace(
                "LEFT JOIN", "LEFT JOIN resident r ON r.id = s.resident_id LEFT JOIN", 1),
            (cutoff.isoformat(),)).fetchall()
        kept = []
        for sid, gender, birth, building, start in rows:
            born, day = as_date(birth), as_date(start)
            band = age_band(age_on(born, day) if (born and day) else None)
            kept.append((sid, gender or "", band, building or "", today.isoformat()))
        cur = database.obj.cursor()
        cur.executemany("INSERT INTO signup_kept (signup_id, gender, age_band, building, cleaned) "
                        "VALUES (?, ?, ?, ?, ?)", kept)
        for chunk in _chunks([k[0] for k in kept]):
            marks = ",".join("?" * len(chunk))
            cur.execute(
                "UPDATE signup SET name = ?, phone = '', name_initials = '', phone_digits = '', "
                "notes = '', receipt_no = '', override_note = '', warnings = '', "
                f"resident_id = NULL WHERE id IN ({marks})", [CLEARED_NAME, *chunk])
            cur.execute("UPDATE companion SET name = '', phone = '', age = NULL "
                        f"WHERE signup_id IN ({marks})", chunk)
            cur.execute(f"UPDATE signup_log SET note = '' WHERE signup_id IN ({marks})", chunk)
    return preview


__all__ = ["CLEARED_NAME", "CleanupPreview", "CleanupRefused", "CleanupResult",
           "cleanup_personal_data", "cutoff_for", "preview_cleanup"]
