"""Plain records of a plan and its parts, as the editor, the exporters and the templates see them.

Each field carries its Chinese label and kind in its metadata, so the editor and the PDF name a
field the same way. Field names match the columns of models.plans.tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

# The list's vocabulary and row live with the list (imported by the window's first paint
# without this module's records); re-exported here.
from models.plans.summary import CATEGORIES, STATUSES, PlanSummary  # noqa: F401 - re-exported

KINDS: dict[str, str] = {"plan": "活动方案", "notice": "通知"}
ORGANISER_ROLES: tuple[str, ...] = ("主办", "承办", "协办", "媒体支持")
PAYERS: tuple[str, ...] = ("社区提供", "自筹", "赞助", "上级拨款")
STAGES: tuple[str, ...] = ("活动前", "活动中", "活动后")
LEADER_ROLES: tuple[str, ...] = ("组长", "副组长", "成员")
# How a section the clerk added holds its text: paragraphs as written, or a numbered list.
SECTION_FORMS: tuple[str, ...] = ("段落", "列表")
# The parts of a plan an outline section can hold (models.plans.outline), in their default order;
# each is also its default heading. "" is a section of the clerk's own text.
PART_NAMES: tuple[str, ...] = (
    "活动主题", "活动背景", "指导思想", "活动目的和意义", "活动原则", "目标社区分析",
    "活动时间和地点", "组织单位", "参加对象", "活动内容", "活动流程", "分组与任务", "人员安排",
    "物资与现场布置", "宣传安排", "活动亮点", "费用预算", "风险及应急预案", "阶段安排", "组织领导",
    "相关要求", "评比表彰", "活动反馈", "活动总结",
)


def col(label: str, default: Any = "", kind: str = "text", choices: tuple[str, ...] = ()) -> Any:
    """A record field with its label and kind (text, long, int, float, money, date, datetime,
    bool, choice)."""
    meta = {"label": label, "kind": kind, "choices": choices}
    if isinstance(default, list):
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class OrganiserRow:
    role: str = col("角色", "主办", "choice", ORGANISER_ROLES)
    name: str = col("单位名称")


@dataclass
class ContentRow:
    title: str = col("内容")
    body: str = col("说明", kind="long")
    children: list[ContentRow] = col("子项", [], "rows")


@dataclass
class AgendaRow:
    start: datetime | None = col("开始", None, "datetime")
    end: datetime | None = col("结束", None, "datetime")
    what: str = col("内容")
    place: str = col("地点")
    who: str = col("负责人")


@dataclass
class GroupRow:
    name: str = col("小组")
    leader: str = col("组长")
    members: str = col("成员")
    task: str = col("任务", kind="long")
    target: str = col("目标")


@dataclass
class StaffRow:
    role: str = col("岗位")
    headcount: str = col("人数")
    source: str = col("来源")
    duty: str = col("职责", kind="long")


@dataclass
class MaterialRow:
    item: str = col("物品")
    quantity: str = col("数量")
    provider: str = col("提供方")
    note: str = col("备注")
    ready: bool = col("已备好", False, "bool")


@dataclass
class PublicityRow:
    channel: str = col("渠道")
    content: str = col("内容", kind="long")
    stage: str = col("阶段", "活动前", "choice", STAGES)
    when: str = col("时间")
    who: str = col("负责人")
    deadline: date | None = col("截止日期", None, "date")


@dataclass
class HighlightRow:
    title: str = col("亮点")
    when: str = col("时间")
    place: str = col("地点")
    note: str = col("说明", kind="long")


@dataclass
class BudgetRow:
    item: str = col("项目")
    quantity: float = col("数量", 1.0, "float")
    unit: str = col("单位")
    unit_price_fen: int = col("单价（元）", 0, "money")
    payer: str = col("承担方", "社区提供", "choice", PAYERS)
    actual_fen: int | None = col("实际支出（元）", None, "money")
    note: str = col("备注")

    @property
    def amount_fen(self) -> int:
        return round(self.quantity * self.unit_price_fen)


@dataclass
class RiskRow:
    risk: str = col("风险")
    measure: str = col("应对措施", kind="long")
    owner: str = col("责任人")


@dataclass
class PhaseTaskRow:
    task: str = col("任务", kind="long")
    deadline: date | None = col("期限", None, "date")
    owner: str = col("负责人")


@dataclass
class PhaseRow:
    name: str = col("阶段")
    start: date | None = col("开始日期", None, "date")
    end: date | None = col("结束日期", None, "date")
    deliverable: str = col("成果与上报材料", kind="long")
    report_due: date | None = col("上报截止", None, "date")
    tasks: list[PhaseTaskRow] = col("任务", [], "rows")


@dataclass
class LeaderRow:
    role: str = col("职务分工", "成员", "choice", LEADER_ROLES)
    name: str = col("姓名")
    post: str = col("单位职务")
    duty: str = col("职责", kind="long")


@dataclass
class RequirementRow:
    text: str = col("要求", kind="long")


@dataclass
class AwardRow:
    name: str = col("评比项目")
    levels: str = col("奖项设置")
    judges: str = col("评委")
    honourees: str = col("表彰对象", kind="long")


@dataclass
class AttachmentRow:
    title: str = col("附件名称")
    note: str = col("说明")


@dataclass
class SectionRow:
    """One section of the document's outline (models.plans.outline): a part of the plan (key)
    or, with no key, a section the clerk added whose body is its own text."""

    key: str = col("内容来源", "", "choice", ("", *PART_NAMES))  # "" the clerk's own text
    heading: str = col("标题")  # "" prints the body with no heading (a notice's opening)
    level: int = col("层级", 1, "int")  # 1 一、 2 （一） 3 1. 4 （1）
    hidden: bool = col("不打印", False, "bool")
    form: str = col("正文形式", "段落", "choice", SECTION_FORMS)
    text: str = col("正文", kind="long")


@dataclass
class PlanRecord:
    id: int | None = None
    kind: str = col("文种", "plan", "choice", tuple(KINDS))
    title: str = col("标题")
    category: str = col("活动类别", "其他", "choice", CATEGORIES)
    status: str = col("状态", "草稿", "choice", STATUSES)
    theme: str = col("活动主题")
    slogan: str = col("口号")
    recipients: str = col("主送单位")
    background: str = col("活动背景", kind="long")
    guiding_ideology: str = col("指导思想", kind="long")
    purpose: str = col("目的和意义", kind="long")
    principles: str = col("活动原则", kind="long")
    target_analysis: str = col("目标社区分析", kind="long")
    start: datetime | None = col("开始时间", None, "datetime")
    end: datetime | None = col("结束时间", None, "datetime")
    festival: str = col("节日", "")
    places: str = col("活动地点", kind="long")
    time_note: str = col("时间说明")
    participants: str = col("参加对象", kind="long")
    min_age: int | None = col("最小年龄", None, "int")
    max_age: int | None = col("最大年龄", None, "int")
    required_tags: str = col("限定人群")
    companion_age: int | None = col("需家属陪同的年龄（含）", None, "int")
    capacity: int | None = col("名额", None, "int")
    capacity_counts_companions: bool = col("陪同人员占名额", False, "bool")
    fee_fen: int = col("费用（元/人）", 0, "money")
    reg_place: str = col("报名方式")
    reg_start: date | None = col("报名开始", None, "date")
    reg_end: date | None = col("报名截止", None, "date")
    leadership_note: str = col("组织领导", kind="long")
    first_responsible: str = col("第一责任人")
    feedback: str = col("活动反馈", kind="long")
    feedback_due: date | None = col("反馈截止", None, "date")
    summary: str = col("活动总结", kind="long")
    issuer: str = col("落款单位")
    issue_date: date | None = col("成文日期", None, "date")
    organisers: list[OrganiserRow] = col("组织单位", [], "rows")
    content: list[ContentRow] = col("活动内容", [], "rows")
    agenda: list[AgendaRow] = col("活动流程", [], "rows")
    groups: list[GroupRow] = col("分组与任务", [], "rows")
    staff: list[StaffRow] = col("人员安排", [], "rows")
    materials: list[MaterialRow] = col("物资与现场布置", [], "rows")
    publicity: list[PublicityRow] = col("宣传安排", [], "rows")
    highlights: list[HighlightRow] = col("活动亮点", [], "rows")
    budget: list[BudgetRow] = col("费用预算", [], "rows")
    risks: list[RiskRow] = col("风险及应急预案", [], "rows")
    phases: list[PhaseRow] = col("阶段安排", [], "rows")
    leaders: list[LeaderRow] = col("领导小组", [], "rows")
    requirements: list[RequirementRow] = col("相关要求", [], "rows")
    awards: list[AwardRow] = col("评比表彰", [], "rows")
    attachments: list[AttachmentRow] = col("附件", [], "rows")
    # Empty: the kind's default outline (models.plans.outline.default_outline).
    outline: list[SectionRow] = col("提纲", [], "rows")


# attribute of PlanRecord -> row record class; the storage side is in models.plans.service.
PART_ROWS: dict[str, type] = {
    "organisers": OrganiserRow,
    "content": ContentRow,
    "agenda": AgendaRow,
    "groups": GroupRow,
    "staff": StaffRow,
    "materials": MaterialRow,
    "publicity": PublicityRow,
    "highlights": HighlightRow,
    "budget": BudgetRow,
    "risks": RiskRow,
    "phases": PhaseRow,
    "leaders": LeaderRow,
    "requirements": RequirementRow,
    "awards": AwardRow,
    "attachments": AttachmentRow,
    "outline": SectionRow,
}


def label_of(record_type: type, name: str) -> str:
    for f in fields(record_type):
        if f.name == name:
            return str(f.metadata.get("label", name))
    raise KeyError(name)


def scalar_fields(record_type: type) -> list[str]:
    """Names of the fields that are not nested rows (and not the id)."""
    return [
        f.name for f in fields(record_type) if f.metadata.get("kind") != "rows" and f.name != "id"
    ]
