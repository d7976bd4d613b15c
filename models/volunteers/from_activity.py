"""A service record from an activity, in one step: the plan's people (the agenda's 负责人, the
groups' leaders and members, the leading group) and the volunteers checked in at its sign-up
list, each matched to a volunteer, with the time from the agenda (its first start to its last
end; else the activity's own start and end). A draft: the clerk edits it before saving
(ui/volunteers/service_dialog.py), nothing is written here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.common.errors import UserError
from models.volunteers.records import NewService, Served, VolunteerRecord
from models.volunteers.rules import ACTIVE, SERVICE
from models.volunteers.service import list_volunteers

_NAMES = re.compile(r"[、，,；;\s/]+")
DEFAULT_MINUTES = 120  # when neither the agenda nor the activity gives its times


@dataclass
class ActivityDraft:
    service: NewService
    notes: list[str] = field(default_factory=list)  # names not matched, the time's source


def _names(text: str) -> list[str]:
    return [n for n in _NAMES.split(text) if 2 <= len(n) <= 5]


def draft_from_activity(plan_id: int, team_id: int | None = None) -> ActivityDraft:
    from models.plans.service import load_plan
    from models.signups.service import list_signups

    rec = load_plan(plan_id)
    if rec.start is None:
        raise UserError(f"活动“{rec.title}”还没有开始时间，无法记为某一天的服务。")
    day = rec.start.date()
    spans = [(a.start, a.end) for a in rec.agenda if a.start and a.end and a.end > a.start]
    notes: list[str] = []
    if spans:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        notes.append(f"时长取自活动流程（{start:%H:%M}—{end:%H:%M}）")
    elif rec.end and rec.end > rec.start:
        start, end = rec.start, rec.end
        notes.append(f"时长取自活动时间（{start:%H:%M}—{end:%H:%M}）")
    else:
        start = end = rec.start
        notes.append("活动没有结束时间，每人先按 2 小时计，请改为实际时长")
    minutes = int((end - start).total_seconds() // 60) or DEFAULT_MINUTES
    people = [v for v in list_volunteers(today=day) if v.status == ACTIVE and v.joined <= day]
    by_name: dict[str, list[VolunteerRecord]] = {}
    for v in people:
        by_name.setdefault(v.name, []).append(v)
    chosen: dict[int, Served] = {}
    staff: list[tuple[str, str]] = [(a.who, "负责人") for a in rec.agenda]
    staff += [(g.leader, "组长") for g in rec.groups] + [(g.members, "组员") for g in rec.groups]
    staff += [(le.name, "领导小组") for le in rec.leaders]
    unmatched: list[str] = []
    for text, role in staff:
        for name in _names(text):
            found = by_name.get(name, [])
            if len(found) == 1:
                chosen.setdefault(found[0].id, Served(found[0].id, minutes, role, name))
            elif len(found) > 1:
                notes.append(f"“{name}”有 {len(found)} 位志愿者同名，请在名单中选定")
            elif name not in unmatched:
                unmatched.append(name)
    by_resident = {v.resident_id: v for v in people if v.resident_id is not None}
    checked = 0
    for s in list_signups(plan_id):
        came = by_resident.get(s.resident_id) if s.checked_in and s.resident_id else None
        if came is not None:
            checked += 1
            chosen.setdefault(came.id, Served(came.id, minutes, "", came.name))
    notes.append(f"签到的志愿者 {checked} 人")
    if unmatched:
        notes.append(f"不是志愿者（未列入）：{'、'.join(unmatched[:10])}")
    place = rec.places.splitlines()[0] if rec.places else ""
    return ActivityDraft(NewService(day, team_id, list(chosen.values()), SERVICE, place,
                                    rec.title, plan_id), notes)
