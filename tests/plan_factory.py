"""Plans for the PDF tests and the bench: every part filled with realistic Chinese content."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from models.plans.records import (
    AgendaRow,
    AttachmentRow,
    AwardRow,
    BudgetRow,
    ContentRow,
    GroupRow,
    HighlightRow,
    LeaderRow,
    MaterialRow,
    OrganiserRow,
    PhaseRow,
    PhaseTaskRow,
    PlanRecord,
    PublicityRow,
    RequirementRow,
    RiskRow,
    StaffRow,
)

D = datetime(2026, 10, 18)


def full_plan() -> PlanRecord:
    """A Double Ninth elders' outing with every part of the skeleton filled."""
    return PlanRecord(
        kind="plan",
        title="幸福里社区2026年“九九重阳·浓浓敬老情”重阳节登高踏秋暨健康义诊活动方案",
        category="重阳敬老",
        theme="九九重阳，浓浓敬老情",
        slogan="尊老敬老，从我做起",
        background=(
            "重阳节是中华民族的传统节日，登高望远、敬老爱老是重阳节的重要习俗。"
            "幸福里社区60周岁以上老年人占常住人口的百分之二十八，其中独居老人43人，"
            "空巢老人较多，精神文化需求日益增长。"
        ),
        guiding_ideology=(
            "以习近平新时代中国特色社会主义思想为指导，深入贯彻积极应对人口老龄化国家战略，"
            "弘扬中华民族孝亲敬老传统美德，营造全社会尊老、敬老、爱老、助老的良好氛围。"
        ),
        purpose=(
            "丰富社区老年人的精神文化生活，增强老年人体质。\n"
            "搭建邻里交流平台，促进社区和谐，提升居民的幸福感和获得感。"
        ),
        principles=(
            "以人为本：充分尊重老年人意愿，活动安排以老年人的身体状况和实际需求为出发点。\n"
            "安全第一：做好安全预案，全程配备医护人员，确保活动安全有序。\n"
            "节俭办事：厉行节约，不铺张浪费，不搞形式主义。\n"
            "广泛参与：动员社区党员、志愿者、驻区单位共同参与，形成工作合力。"
        ),
        target_analysis=(
            "社区常住人口5091人，其中60周岁以上老年人1426人，80周岁以上高龄老人213人，"
            "独居老人43人。老年人以退休职工为主，文化程度较高，对健康知识和文体活动需求较大。"
        ),
        start=D.replace(hour=8, minute=30),
        end=D.replace(hour=11),
        festival="double_ninth",
        places="凤凰山公园南门广场（登高集合点）\n社区党群服务中心二楼会议室（义诊）",
        time_note="遇雨顺延至次日",
        participants="辖区内身体健康、能独立行走的老年居民；社区党员志愿者和医护人员。",
        min_age=50,
        max_age=80,
        required_tags="老年人、独居老人",
        companion_age=70,
        capacity=50,
        capacity_counts_companions=True,
        fee_fen=10000,
        reg_place="社区党群服务中心一楼服务窗口",
        reg_start=date(2026, 10, 8),
        reg_end=date(2026, 10, 14),
        leadership_note="成立重阳节活动领导小组，统筹活动的组织、协调和保障工作。",
        first_responsible="社区党委书记王建国",
        feedback="活动结束后向参加活动的老人发放活动反馈表，收集意见和建议。",
        feedback_due=date(2026, 10, 25),
        summary="活动结束后一周内形成书面总结，连同照片、签到表一并归档。",
        issuer="幸福里社区居民委员会",
        issue_date=date(2026, 9, 28),
        recipients="",
        organisers=[
            OrganiserRow("主办", "幸福里社区党委"),
            OrganiserRow("主办", "幸福里社区居民委员会"),
            OrganiserRow("承办", "社区老年人协会"),
            OrganiserRow("协办", "凤凰街道社区卫生服务中心"),
            OrganiserRow("媒体支持", "区融媒体中心"),
        ],
        content=[
            ContentRow("登高踏秋", "组织老年人沿公园步道登高，全程约2公里，沿途设置两个休息点。", [
                ContentRow("集合出发", "8:30在公园南门广场集合，签到后分组出发。"),
                ContentRow("沿途讲解", "由志愿者讲解重阳节的由来和习俗。"),
            ]),
            ContentRow("健康义诊",
                       "邀请社区卫生服务中心医生为老年人免费测量血压、血糖，开展健康咨询。", [
                ContentRow("健康讲座", "主题为“秋冬季老年人常见病预防”，约40分钟。"),
            ]),
            ContentRow("重阳茶话会", "品重阳糕、话家常，为当月过生日的老人集体祝寿。"),
        ],
        agenda=[
            AgendaRow(D.replace(hour=8, minute=30), D.replace(hour=9),
                      "签到、分组、发放帽子和饮用水", "公园南门广场", "李晓梅"),
            AgendaRow(D.replace(hour=9), D.replace(hour=10), "登高踏秋", "凤凰山步道", "张志强"),
            AgendaRow(D.replace(hour=10), D.replace(hour=10, minute=40), "健康讲座和义诊",
                      "党群服务中心会议室", "刘医生"),
            AgendaRow(D.replace(hour=10, minute=40), D.replace(hour=11), "重阳茶话会、集体祝寿",
                      "党群服务中心会议室", "王建国"),
        ],
        groups=[
            GroupRow("引导组", "张志强", "党员志愿者6人", "负责登高路线引导和沿途安全提示",
                     "全员安全往返"),
            GroupRow("医疗组", "刘医生", "医生2人、护士3人", "负责义诊和突发情况处置",
                     "测量血压100人次"),
            GroupRow("后勤组", "李晓梅", "社区工作人员4人", "负责物资准备、签到和茶话会布置",
                     "物资提前一天到位"),
        ],
        staff=[
            StaffRow("医生", "2", "社区卫生服务中心", "义诊、健康咨询"),
            StaffRow("护士", "3", "社区卫生服务中心", "测量血压血糖，处置突发情况"),
            StaffRow("志愿者", "12", "社区党员志愿服务队", "引导、搀扶、维持秩序"),
        ],
        materials=[
            MaterialRow("横幅", "2条", "社区", "“九九重阳 浓浓敬老情”", True),
            MaterialRow("遮阳帽", "60顶", "社区", "印社区标识"),
            MaterialRow("血压计", "4台", "卫生服务中心", ""),
            MaterialRow("重阳糕", "60份", "自筹", "活动当天早上送达"),
        ],
        publicity=[
            PublicityRow("社区公众号", "发布活动通知和报名方式", "活动前", "10月8日", "李晓梅",
                         date(2026, 10, 8)),
            PublicityRow("宣传栏", "张贴活动海报", "活动前", "10月8日至14日", "志愿者", None),
            PublicityRow("区融媒体", "现场采访报道", "活动中", "10月18日", "区融媒体中心", None),
            PublicityRow("工作群", "发布活动照片和总结", "活动后", "10月20日", "李晓梅",
                         date(2026, 10, 20)),
        ],
        highlights=[
            HighlightRow("免费体检卡", "活动前一周", "社区服务窗口", "提前发放100张免费体检卡。"),
        ],
        budget=[
            BudgetRow("场地租用", 1, "次", 0, "社区提供"),
            BudgetRow("遮阳帽", 60, "顶", 1500, "社区提供"),
            BudgetRow("重阳糕", 60, "份", 800, "自筹"),
            BudgetRow("横幅制作", 2, "条", 12000, "赞助"),
            BudgetRow("不可预见费", 1, "项", 20000, "社区提供"),
        ],
        risks=[
            RiskRow("天气变化", "关注天气预报，遇雨活动顺延至次日，提前电话通知参加人员。",
                    "李晓梅"),
            RiskRow("老人身体不适或摔伤",
                    "医护人员全程跟随，配备急救箱，联系就近医院绿色通道。", "刘医生"),
            RiskRow("人员走散", "分组活动，每组设组长，出发和返回时清点人数。", "张志强"),
        ],
        phases=[
            PhaseRow("筹备阶段", date(2026, 9, 20), date(2026, 10, 7), "活动方案、报名表",
                     date(2026, 10, 7), [
                PhaseTaskRow("制定活动方案并报街道审批", date(2026, 9, 30), "王建国"),
                PhaseTaskRow("联系卫生服务中心落实医护人员", date(2026, 10, 7), "李晓梅"),
            ]),
            PhaseRow("宣传报名阶段", date(2026, 10, 8), date(2026, 10, 14), "报名名单",
                     date(2026, 10, 15), [
                PhaseTaskRow("发布通知，接受报名，核对报名人员身体状况", date(2026, 10, 14),
                             "李晓梅"),
            ]),
            PhaseRow("总结阶段", date(2026, 10, 19), date(2026, 10, 31), "活动总结、照片、签到表",
                     date(2026, 10, 31), [
                PhaseTaskRow("整理活动资料，撰写总结并归档", date(2026, 10, 31), "李晓梅"),
            ]),
        ],
        leaders=[
            LeaderRow("组长", "王建国", "社区党委书记", "全面负责"),
            LeaderRow("副组长", "陈丽", "社区居委会主任", "协助组长工作"),
            LeaderRow("成员", "李晓梅", "社区工作人员", "负责后勤保障"),
        ],
        requirements=[
            RequirementRow("高度重视：各小组要明确分工，责任到人，确保活动顺利开展。"),
            RequirementRow("厉行节约：严格执行预算，不得收受任何礼品。"),
            RequirementRow("按时报送：请于2026年10月31日前将附件1至3报送街道民政办。"),
        ],
        awards=[
            AwardRow("健康老人评选", "“健康老人”10名", "社区评议小组",
                     "积极参加社区活动、身体健康、家庭和睦的老人"),
            AwardRow("摄影比赛", "一等奖1名、二等奖2名、三等奖3名", "区摄影家协会会员", ""),
        ],
        attachments=[
            AttachmentRow("重阳节活动报名表"),
            AttachmentRow("活动签到表"),
            AttachmentRow("活动反馈表", "活动结束后发放"),
        ],
    )


def notice() -> PlanRecord:
    """A notice: recipients line and numbered points."""
    return PlanRecord(
        kind="notice",
        title="关于开展2027年春节送温暖慰问活动的通知",
        category="春节送温暖",
        recipients="各社区居委会、街道各科室",
        purpose="为切实做好2027年春节期间困难群众的慰问工作，让困难群众过一个欢乐祥和的春节，现将有关事项通知如下。",
        requirements=[
            RequirementRow("摸底调查：各社区于2026年12月20日前完成困难家庭摸底，逐户核实。"),
            RequirementRow("张榜公示：慰问名单须在社区公示栏公示不少于5个工作日。"),
            RequirementRow("严肃纪律：严禁优亲厚友，严禁截留挪用慰问资金。"),
        ],
        attachments=[AttachmentRow("困难家庭慰问名单"), AttachmentRow("慰问资金发放表")],
        issuer="凤凰街道办事处",
        issue_date=date(2026, 11, 28),
    )


def long_plan(repeat: int = 12) -> PlanRecord:
    """The full plan with its repeating parts multiplied, for many pages (~2.4 pages a repeat)."""
    rec = full_plan()
    base_agenda = list(rec.agenda)
    rec.agenda = []
    for day in range(repeat):
        for row in base_agenda:
            shift = timedelta(days=day)
            rec.agenda.append(AgendaRow(row.start + shift if row.start else None,
                                        row.end + shift if row.end else None,
                                        row.what, row.place, row.who))
    rec.content = rec.content * repeat
    rec.risks = rec.risks * repeat
    rec.budget = rec.budget * repeat
    rec.phases = rec.phases * repeat
    rec.background = "\n".join([rec.background] * repeat)
    return rec
