"""What the plan editor shows: its sections in order, a line of help for each, and its look.

Data rather than code, so the order of the sections (the familiar skeleton of a plan) is read at
a glance and the editor module stays about behaviour.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont

from models.common.errors import UserError
from models.plans.festivals import FESTIVALS, festival_date
from models.plans.records import BudgetRow, PlanRecord
from models.plans.rules import budget_totals, yuan
from ui.plans.fields import FieldSpec

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# (section title, what it holds): a list of scalar fields, or the name of a list of rows.
SECTIONS: list[tuple[str, list[str] | str]] = [
    ("基本信息", ["kind", "title", "category", "status", "theme", "slogan", "recipients"]),
    ("背景与目的", ["background", "guiding_ideology", "purpose", "principles"]),
    ("目标社区分析", ["target_analysis"]),
    ("时间与地点", ["start", "end", "festival", "places", "time_note"]),
    ("组织单位", "organisers"),
    (
        "参加对象与报名",
        [
            "participants", "min_age", "max_age", "required_tags", "companion_age", "capacity",
            "capacity_counts_companions", "fee_fen", "reg_place", "reg_start", "reg_end",
        ],
    ),
    ("活动内容", "content"),
    ("活动流程", "agenda"),
    ("分组与任务", "groups"),
    ("人员安排", "staff"),
    ("物资与现场布置", "materials"),
    ("宣传安排", "publicity"),
    ("活动亮点", "highlights"),
    ("费用预算", "budget"),
    ("风险及应急预案", "risks"),
    ("阶段安排", "phases"),
    ("组织领导", "leaders"),
    ("相关要求", "requirements"),
    ("评比表彰", "awards"),
    ("反馈与总结", ["feedback", "feedback_due", "summary"]),
    ("附件", "attachments"),
    ("落款", ["issuer", "issue_date"]),
    ("提纲", "outline"),  # the printed document's order, headings and levels
]
GRID_HINT = "双击单元格或直接打字即可编辑，按 Delete 清空所选单元格。"
# One line under a section's title: what belongs here, in the clerk's words.
HINTS: dict[str, str] = {
    "基本信息": "标题会出现在打印件的最上方；文种选“通知”时可填写主送单位。",
    "背景与目的": "可分段填写，每段一行；打印时按段落排版。",
    "目标社区分析": "社区和目标人群的基本情况，如人口、老年人数、儿童数等。",
    "时间与地点": "开始、结束时间用于检查活动流程；多个地点可分行填写。",
    "组织单位": "主办、承办、协办和媒体支持单位。" + GRID_HINT,
    "参加对象与报名": "年龄、名额和费用会用于报名时的资格检查；不限制的项目保持“不限”。",
    "活动内容": "每行一项，按层级缩进显示，编号样式与打印件一致（最多四级）。"
              "选中一行后按 Ctrl+→ 降级、Ctrl+← 升级，Ctrl+↑／Ctrl+↓ 上移下移，"
              "Insert 在其后添加同级一行；"
              "只填内容、不填说明的一行可作小标题，下面的各项降一级即可。",
    "活动流程": "每行一个时段。时间有误或互相重叠的行会标红，原因写在表格下方。",
    "分组与任务": "各小组的组长、成员、任务和目标。" + GRID_HINT,
    "人员安排": "各岗位所需人数、来源和职责。" + GRID_HINT,
    "物资与现场布置": "需要准备的物品，备好后勾选“已备好”。",
    "宣传安排": "宣传渠道、内容和时间（活动前、活动中、活动后）。" + GRID_HINT,
    "活动亮点": GRID_HINT,
    "费用预算": "金额＝数量×单价，自动计算；合计随输入即时更新。金额按元填写，如 120 或 120.50。",
    "风险及应急预案": "可能出现的风险、应对措施和责任人。" + GRID_HINT,
    "阶段安排": "上方为各阶段，选中一个阶段后可在下方编辑它的任务。",
    "组织领导": "领导小组成员，以及第一责任人和领导小组的职责。",
    "相关要求": "每行一条要求，打印时自动编号。",
    "评比表彰": GRID_HINT,
    "反馈与总结": "活动结束后填写反馈和总结。",
    "附件": "随方案一起印发的表格和名单，打印时按顺序编号。",
    "落款": "落款单位和成文日期印在正文右下方。",
    "提纲": "打印件各部分的顺序、标题和层级（1 为一、2 为（一）、3 为 1.、4 为（1））。"
            "改标题即改打印件的标题；用上移、下移（Ctrl+↑／Ctrl+↓）调整顺序，升级、降级"
            "（Ctrl+←／Ctrl+→）调整层级；勾选“不打印”隐藏一部分；"
            "“添加”后内容来源留空，即可写自己的一节（段落或列表）。标题留空则不印标题。",
}
LEADERSHIP_FIELDS = ["first_responsible", "leadership_note"]
AMOUNT = FieldSpec("amount_fen", "金额（元）", "money", read_only=True)

STYLE = """
QListWidget#sections {
    border: none; outline: 0; background: #f3f5f7; padding-top: 6px;
}
QListWidget#sections::item { padding: 5px 12px; }
QListWidget#sections::item:selected {
    background: #dce8f5; color: #1d3f66; border-left: 3px solid #2f6db5;
}
QLabel#sectionTitle { font-weight: bold; color: #22313f; }
QLabel#planTitle { font-weight: bold; color: #22313f; }
QLabel#problems { color: #b03a2e; }
QLabel#gridHint { color: #b03a2e; }
QLabel#totals { color: #22313f; background: #f6f8fa; border: 1px solid #dde3ea; padding: 6px 10px; }
QLabel#status { color: #5d6d7e; }
QLabel#sectionHint { color: #6b7785; }
QLabel#detailTitle { font-weight: bold; color: #34495e; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanEditor", text)


def _payer_part(payer: str, fen: int) -> str:
    return _tr("%1 %2 元").replace("%1", payer).replace("%2", yuan(fen))


def budget_summary(lines: list[BudgetRow]) -> str:
    """The line under the budget grid: planned and actual totals, each split by payer."""
    totals = budget_totals(lines)
    text = _tr("计划合计 %1 元").replace("%1", yuan(totals.planned_fen))
    if totals.by_payer:
        parts = [_payer_part(payer, fen) for payer, fen in totals.by_payer.items()]
        text += _tr("（其中：%1）").replace("%1", "，".join(parts))
    text += "\n" + _tr("实际支出 %1 元").replace("%1", yuan(totals.actual_fen))
    if totals.actual_by_payer:
        parts = [_payer_part(payer, fen) for payer, fen in totals.actual_by_payer.items()]
        text += _tr("（其中：%1）").replace("%1", "，".join(parts))
    return text


def festival_note(rec: PlanRecord) -> str:
    """Which day the plan's festival falls on in the activity's year ("" without a festival);
    lunar festivals move every year, so the clerk sees whether the dates agree."""
    key = rec.festival
    if key not in FESTIVALS:
        return ""
    year = (rec.start or datetime.now()).year
    try:
        day = festival_date(key, year)
    except UserError:  # a year outside the calendar tables
        return ""
    text = _tr("%1年的%2是 %3月%4日（%5）").replace("%1", str(year))
    text = text.replace("%2", FESTIVALS[key]).replace("%3", str(day.month))
    text = text.replace("%4", str(day.day)).replace("%5", _tr(WEEKDAYS[day.weekday()]))
    if rec.start and rec.start.date() != day:
        text += _tr("；活动开始日期与节日不在同一天。")
    return text


def scaled_font(font: QFont, factor: float) -> QFont:
    """The font grown by `factor`: sizes follow the clerk's font setting, not pixels."""
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(round(font.pixelSize() * factor))
    return scaled
