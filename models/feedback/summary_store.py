"""What the clerk keeps for an activity's summary: its outline (sections with headings the clerk
can rename, move, hide or add, as a plan's outline: models.plans.outline, same SectionRow) and up to
four photos with captions (the JPEG bytes themselves)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.datafile.base import database
from models.feedback.photos import JpegInfo, PhotoError, jpeg_info
from models.feedback.records import FeedbackError
from models.feedback.tables import SummaryPhoto, SummarySection
from models.plans.records import SECTION_FORMS, SectionRow

MAX_PHOTOS = 4  # a page of photos
MAX_CAPTION = 40

# The blocks the app fills from what it knows, in their default order.
OVERVIEW, ATTENDANCE, SPENDING, FEEDBACK, HONOURS, PHOTOS = (
    "活动概况", "参加情况", "经费使用", "反馈意见", "评比表彰", "活动照片")
SUMMARY_PARTS: tuple[str, ...] = (OVERVIEW, ATTENDANCE, SPENDING, FEEDBACK, HONOURS, PHOTOS)
RESULTS, SHORTCOMINGS = "主要成效", "存在的不足和改进措施"


def default_outline(summary_text: str = "") -> list[SectionRow]:
    """The app's blocks, then two sections of the clerk's prose (the first starts from the
    plan's own 活动总结 text, when it has one)."""
    rows = [SectionRow(key, key) for key in SUMMARY_PARTS]
    rows.append(SectionRow("", RESULTS, text=summary_text))
    rows.append(SectionRow("", SHORTCOMINGS))
    return rows


def load_outline(plan_id: int) -> list[SectionRow]:
    """The activity's summary outline: its own, or the default one."""
    rows = SummarySection.select().where(SummarySection.plan == plan_id).order_by(
        SummarySection.position, SummarySection.id)
    saved = [SectionRow(r.key, r.heading, r.level, r.hidden, r.form, r.text) for r in rows]
    if saved:
        return saved
    from models.plans.service import load_plan

    return default_outline(load_plan(plan_id).summary)


def save_outline(plan_id: int, rows: Sequence[SectionRow]) -> None:
    for i, r in enumerate(rows, 1):
        if r.key and r.key not in SUMMARY_PARTS:
            raise FeedbackError(f"第 {i} 节的内容来源“{r.key}”不认识。")
        if not r.key and not r.heading.strip():
            raise FeedbackError(f"第 {i} 节没有标题：自己写的一节要有标题。")
        if not 1 <= r.level <= 4:
            raise FeedbackError(f"第 {i} 节的层级须为 1 到 4。")
        if r.form not in SECTION_FORMS:
            raise FeedbackError(f"第 {i} 节的正文形式“{r.form}”不认识。")
    with database.atomic():
        from models.plans.service import load_plan

        load_plan(plan_id)  # PlanNotFound in plain words
        SummarySection.delete().where(SummarySection.plan == plan_id).execute()
        for pos, r in enumerate(rows):
            SummarySection.create(plan=plan_id, position=pos, key=r.key,
                                  heading=r.heading.strip(), level=r.level, hidden=r.hidden,
                                  form=r.form, text=r.text)


@dataclass
class Photo:
    id: int
    caption: str
    data: bytes
    info: JpegInfo


def list_photos(plan_id: int) -> list[Photo]:
    rows = SummaryPhoto.select().where(SummaryPhoto.plan == plan_id).order_by(
        SummaryPhoto.position, SummaryPhoto.id)
    return [Photo(r.id, r.caption, bytes(r.data), jpeg_info(bytes(r.data))) for r in rows]


def _caption(caption: str) -> str:
    caption = " ".join(caption.split())
    if len(caption) > MAX_CAPTION:
        raise PhotoError(f"照片说明最多 {MAX_CAPTION} 字（现有 {len(caption)} 字）。")
    return caption


def add_photo(plan_id: int, data: bytes, caption: str = "", name: str = "照片") -> int:
    """Keep a JPEG for the summary; refused past four photos or when it is not a JPEG."""
    jpeg_info(data, name)
    caption = _caption(caption)
    with database.atomic():
        from models.plans.service import load_plan

        load_plan(plan_id)
        n = SummaryPhoto.select().where(SummaryPhoto.plan == plan_id).count()
        if n >= MAX_PHOTOS:
            raise PhotoError(f"活动总结最多放 {MAX_PHOTOS} 张照片（一页），请先删去一张。")
        return int(SummaryPhoto.create(plan=plan_id, position=n, caption=caption, data=data).id)


def set_caption(photo_id: int, caption: str) -> None:
    SummaryPhoto.update(caption=_caption(caption)).where(SummaryPhoto.id == photo_id).execute()


def remove_photo(photo_id: int) -> None:
    SummaryPhoto.delete().where(SummaryPhoto.id == photo_id).execute()


def move_photo(plan_id: int, photo_id: int, step: int) -> None:
    with database.atomic():
        ids = [p.id for p in list_photos(plan_id)]
        if photo_id not in ids:
            return
        i = ids.index(photo_id)
        j = i + step
        if 0 <= j < len(ids):
            ids[i], ids[j] = ids[j], ids[i]
            for pos, pid in enumerate(ids):
                SummaryPhoto.update(position=pos).where(SummaryPhoto.id == pid).execute()
