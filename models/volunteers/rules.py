"""The volunteers' rules, pure (no database): hours typed and shown, star levels, who may join a
team, the months a member is held to, and the minimums with their reasons."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from models.common.errors import UserError

POLITICAL = ("中共党员", "预备党员", "入党积极分子", "共青团员", "群众")
ACTIVE, PAUSED, LEFT = "在册", "暂停", "退出"
STATUSES = (ACTIVE, PAUSED, LEFT)
SERVICE, TRAINING = "服务", "培训"
TIMES, HOURS = "次", "小时"
# The national star scheme (星级志愿者): cumulative hours for one to five stars.
STAR_HOURS = (100, 300, 600, 1000, 1500)
MAX_MINUTES = 24 * 60  # one person, one service, one day

_HM = re.compile(r"^(\d+)\s*(?:小时|时|h)\s*(?:(\d+)\s*(?:分钟|分|m|min)?)?$", re.IGNORECASE)
_M = re.compile(r"^(\d+)\s*(?:分钟|分|m|min)$", re.IGNORECASE)
_COLON = re.compile(r"^(\d+)[:：](\d{1,2})$")


def parse_minutes(raw: str) -> int:
    """Time served as typed: "2" or "1.5" (hours), "90分", "1小时20分", "1:20". Whole minutes."""
    text = raw.strip().replace("．", ".")
    minutes: int | None = None
    if m := _HM.match(text):
        minutes = int(m.group(1)) * 60 + int(m.group(2) or 0)
    elif m := _M.match(text):
        minutes = int(m.group(1))
    elif m := _COLON.match(text):
        if int(m.group(2)) < 60:
            minutes = int(m.group(1)) * 60 + int(m.group(2))
    else:
        try:
            hours = Decimal(text)
        except InvalidOperation:
            hours = None
        if hours is not None and hours.is_finite():
            whole = hours * 60
            if whole == whole.to_integral_value():
                minutes = int(whole)
            else:
                raise UserError(f"时长“{raw}”折合不成整分钟，请写成“1小时20分”或“80分”。")
    if minutes is None:
        raise UserError(f"看不懂时长“{raw}”：请写小时数（如 2 或 1.5）、“90分”或“1小时20分”。")
    if not 0 < minutes <= MAX_MINUTES:
        raise UserError(f"时长“{raw}”不合理：一次服务应在 1 分钟到 24 小时之间。")
    return minutes


def hours_text(minutes: int) -> str:
    """Exact: 750 -> "12小时30分", 720 -> "12小时", 45 -> "45分"."""
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m}分"
    return f"{h}小时{m}分" if m else f"{h}小时"


def stars(minutes: int) -> int:
    return sum(1 for h in STAR_HOURS if minutes >= h * 60)


def stars_text(minutes: int) -> str:
    n = stars(minutes)
    if n == len(STAR_HOURS):
        return "五星"
    need = hours_text(STAR_HOURS[n] * 60 - minutes)
    have = "一二三四"[n - 1] + "星" if n else "未达星级"
    return f"{have}（再服务 {need} 升{'一二三四五'[n]}星）"


def eligibility_problem(eligible: str, political: str) -> str:
    """Why this person does not meet the team's rule ("" when they do or there is none)."""
    allowed = [p for p in re.split(r"[、,，\s]+", eligible) if p]
    if not allowed or political in allowed:
        return ""
    now = political or "未填写"
    return f"本队限{'、'.join(allowed)}，此人政治面貌为{now}"


def _active_on(day: date, joined: date, left: date | None,
               pauses: Sequence[tuple[date, date | None]]) -> bool:
    if day < joined or (left is not None and day >= left):
        return False
    return not any(s <= day and (e is None or day < e) for s, e in pauses)


def active_months(year: int, joined: date, left: date | None,
                  pauses: Sequence[tuple[date, date | None]]) -> list[int]:
    """The months of the year a member is held to: those in which they were in the register
    (joined, not left, not paused) on the 15th."""
    if not pauses and joined <= date(year, 1, 15) and (left is None or left > date(year, 12, 15)):
        return list(range(1, 13))  # the usual member, without twelve checks
    return [m for m in range(1, 13) if _active_on(date(year, m, 15), joined, left, pauses)]


def active_days(start: date, end: date, joined: date, left: date | None,
                pauses: Sequence[tuple[date, date | None]]) -> int:
    """Days from start to end (both included) the member was in the register (pauses do not
    overlap: set_status opens one at a time)."""
    one = timedelta(days=1)
    lo = max(start, joined)
    hi = end if left is None else min(end, left - one)
    if hi < lo:
        return 0
    n = (hi - lo).days + 1
    for s, e in pauses:
        p_lo, p_hi = max(s, lo), hi if e is None else min(hi, e - one)
        if p_hi >= p_lo:
            n -= (p_hi - p_lo).days + 1
    return max(0, n)


def required(per_year: int, months: int) -> int:
    """A member held to `months` months of the year owes per_year in proportion, rounded up."""
    return -(-per_year * months // 12)


@dataclass
class MemberCheck:
    done: int  # times, or minutes when the measure is hours
    owed: int  # likewise
    measure: str
    months: int
    projected: int | None  # done at the current pace by the year's end (None: year over)
    reason: str  # "" when met or on course

    @property
    def met(self) -> bool:
        return self.done >= self.owed

    @property
    def short(self) -> int:
        return max(0, self.owed - self.done)


def _amount(value: int, measure: str) -> str:
    return hours_text(value) if measure == HOURS else f"{value} 次"


def member_check(done: int, per_year: int, measure: str, months: int,
                 elapsed: int, total: int) -> MemberCheck:
    """done: the year's times (or minutes for 小时); per_year in times or hours; months: the
    months held to; elapsed and total: active days so far and in the whole year."""
    owed = required(per_year * 60 if measure == HOURS else per_year, months)
    projected = None if elapsed >= total or elapsed == 0 else done * total // elapsed
    reason = ""
    if done < owed:
        held = "全年" if months == 12 else f"本年在册 {months} 个月，按比例"
        gap = _amount(owed - done, measure)
        if projected is None:
            reason = (f"{held}应至少 {_amount(owed, measure)}，实际 {_amount(done, measure)}，"
                      f"差 {gap}")
        elif projected < owed:
            reason = (f"{held}应至少 {_amount(owed, measure)}，目前 {_amount(done, measure)}，"
                      f"照此进度到年底约 {_amount(projected, measure)}，可能达不到（还差 {gap}）")
    return MemberCheck(done, owed, measure, months, projected, reason)


def team_month_reasons(counts: dict[int, int], per_month: int, months: Sequence[int]) -> list[str]:
    """The months (held to) in which the team served fewer times than the rule asks."""
    return [f"{m}月服务 {counts.get(m, 0)} 次，应至少 {per_month} 次"
            for m in months if counts.get(m, 0) < per_month]
