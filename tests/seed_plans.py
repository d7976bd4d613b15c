"""Nine test plans in the nine shapes of the seed document (篇1 to 篇9), written in the project's
own words. Each carries the quirks real clerks type: lines that start with numbers that are words
("三、四、五年级", "3.5公里", "12、13号楼", "一、二年级", "(1)班"), a sign-up text that is already a
sentence ("也可电话报名"), a capacity "左右", leadership posts with no names yet, budget lines
with notes and without amounts, a notice with its 主送 line, a campaign whose dates have no time.
"""
from __future__ import annotations

from datetime import date, datetime

from models.plans.records import (
    AgendaRow,
    AttachmentRow,
    AwardRow,
    BudgetRow,
    ContentRow,
    GroupRow,
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


def early_learning() -> PlanRecord:
    """篇1: a morning of parent-child games and a talk; games with prizes, sub-items, risks."""
    return PlanRecord(
        title="青桐社区“陪伴成长”亲子早教半日活动方案",
        category="亲子早教",
        theme="让科学育儿走进家门口",
        purpose="帮助年轻父母了解零到三岁幼儿的成长特点，\n学会在家里陪孩子做简单的益智游戏。",
        start=datetime(2026, 5, 16, 9, 0), end=datetime(2026, 5, 16, 11, 30),
        places="社区亲子小屋\n12、13号楼之间的草坪",
        participants="一、二岁幼儿及其父母\n三岁以内幼儿的祖辈照护人",
        capacity=30,
        reg_place="社区服务窗口，也可电话报名",
        content=[
            ContentRow("育儿讲座", "请幼儿园老师讲“怎样培养孩子的专注力”。"),
            ContentRow("亲子游戏", "", [
                ContentRow("心有灵犀", "妈妈做动作，孩子猜词语，猜对的家庭得小贴纸。"),
                ContentRow("小小搬运工", "父母拉着孩子把积木运到对面，用时少的获胜。\n"
                           "(1)班的孩子和(2)班的孩子分开比赛。"),
            ]),
            ContentRow("", "现场设育儿咨询台，答复家长的日常问题。"),
        ],
        awards=[AwardRow("游戏奖励", "每个游戏前三名各得绘本一套", "", "获胜家庭")],
        risks=[RiskRow("幼儿磕碰", "地面铺软垫，配急救包", "网格员小周"),
               RiskRow("下雨", "改在社区活动室进行", "")],
        issuer="青桐社区居民委员会", issue_date=date(2026, 5, 6),
    )


def free_clinic() -> PlanRecord:
    """篇2: a hospital's clinic for expectant mothers; figures, publicity, budget notes."""
    return PlanRecord(
        title="青桐社区孕期口腔健康义诊方案",
        category="义诊与健康讲座",
        background="社区周边新建小区多，年轻家庭逐年增加。\n孕期口腔问题常被忽视，需要上门讲解。",
        target_analysis="常住人口约四千八百人，登记在册的孕妇十一人。\n"
                        "3.5公里内只有一家口腔专科门诊，居民看牙不方便。",
        start=datetime(2026, 6, 20, 8, 30), end=datetime(2026, 6, 20, 11, 30),
        time_note="具体日期待医院排班后确定",
        places="社区卫生服务站二楼会议室",
        participants="辖区孕妇及家属",
        capacity=50,
        reg_place="社区服务窗口或电话报名（讲座）；义诊现场排队即可",
        content=[ContentRow("免费口腔检查", "医生逐一检查并填写检查卡。"),
                 ContentRow("孕期护牙讲座", "讲清孕期护牙的要点。"),
                 ContentRow("到场服务", "为到场孕妇提供免费牙刷和一份护牙手册。")],
        publicity=[PublicityRow("社区公告栏", "张贴义诊海报", "活动前", "活动前一周", "社工小林",
                                date(2026, 6, 13)),
                   PublicityRow("", "", "活动后", "活动当天", "", None)],
        budget=[BudgetRow("宣传海报", 10, "张", 800, "社区提供", None, "彩色打印"),
                BudgetRow("牙刷、手册", 50, "份", 1200, "赞助", None, "由医院提供")],
        attachments=[AttachmentRow("媒体执行方案", "时间另定")],
        issuer="青桐社区居民委员会",
    )


def elders_outing() -> PlanRecord:
    """篇3: a Double Ninth outing; an age rule for the climb only, a contest, honoured elders."""
    return PlanRecord(
        title="青桐社区重阳登高及戏曲欣赏活动方案",
        category="重阳敬老",
        festival="double_ninth",
        start=datetime(2026, 10, 18, 8, 0), end=datetime(2026, 10, 18, 16, 0),
        places="南山公园\n区文化馆小剧场",
        participants="辖区六十周岁以上老人",
        min_age=60, companion_age=75, capacity=60, capacity_counts_companions=True,
        reg_place="社区党群服务中心一楼",
        reg_start=date(2026, 10, 8), reg_end=date(2026, 10, 14),
        content=[
            ContentRow("登高", "沿步道登山，全程约3.5公里。\n"
                       "登高只限七十五周岁以下、无心脑血管病的老人；戏曲欣赏不限年龄。"),
            ContentRow("活动内容", "老人书画作品展，请区书画院老师现场点评。"),
            ContentRow("具体活动", "作品请于10月10日前交到社区文化站。"),
        ],
        awards=[AwardRow("书画评比", "一等奖两名、二等奖四名", "区书画院老师",
                         "获奖老人由冠名企业负责人颁奖")],
        leaders=[LeaderRow("组长", "", "社区党委书记", ""),
                 LeaderRow("副组长", "", "社区居委会主任", "负责现场安全")],
        issuer="青桐社区居民委员会", issue_date=date(2026, 9, 28),
    )


def volunteers() -> PlanRecord:
    """篇4: a standing party-member volunteer corps; teams, ledger, minimums, assessment."""
    return PlanRecord(
        title="青桐社区党员志愿服务队组建方案",
        category="党员志愿服务",
        guiding_ideology="以服务居民为出发点，发挥在职党员和退休党员的作用。",
        time_note="长期开展，不设固定日期",
        participants="社区在册党员、到社区报到的在职党员",
        groups=[GroupRow("环境整治队", "", "", "楼道清理、绿地保洁", "每月不少于两次"),
                GroupRow("帮老助残队", "", "", "为独居老人代购、陪诊", "")],
        phases=[PhaseRow("组建阶段", date(2026, 3, 1), date(2026, 3, 31), "志愿者花名册",
                         date(2026, 4, 3), [PhaseTaskRow("发放报名表，汇总成花名册", None, "")])],
        requirements=[RequirementRow("服务队办公室设在社区党群服务中心二楼。"),
                      RequirementRow("每名队员每年参加志愿服务不少于二十小时。"),
                      RequirementRow("服务记录录入台账，年底作为党员评议的依据。")],
        summary="年底评选优秀志愿者，给予表扬。",
        issuer="中共青桐社区委员会",
    )


def matchmaking() -> PlanRecord:
    """篇5: a 七夕 social; fee, age rule, timed programme, organisers still to be found."""
    return PlanRecord(
        title="青桐社区七夕青年联谊会方案",
        category="联谊交友",
        festival="qixi",
        start=datetime(2026, 8, 19, 18, 30), end=datetime(2026, 8, 19, 21, 0),
        places="社区文化广场",
        participants="辖区单身青年，名额50人左右，男女各半",
        min_age=22, max_age=38, capacity=50, fee_fen=3000,
        reg_place="社区服务窗口，或由所在单位工会统一报名",
        organisers=[OrganiserRow("主办", "青桐社区居民委员会"), OrganiserRow("协办", "待定"),
                    OrganiserRow("媒体支持", "待联系")],
        agenda=[AgendaRow(datetime(2026, 8, 19, 18, 30), datetime(2026, 8, 19, 19, 0),
                          "签到、佩戴号码牌", "广场入口", "志愿者"),
                AgendaRow(datetime(2026, 8, 19, 19, 0), datetime(2026, 8, 19, 20, 30),
                          "自我介绍、互动游戏", "舞台", "主持人")],
        budget=[BudgetRow("场地布置", 1, "项", 0, "自筹", None, "费用待核"),
                BudgetRow("饮料点心", 1, "批", 0, "自筹", None, "")],
        issuer="青桐社区居民委员会",
    )


def civility() -> PlanRecord:
    """篇6: a school's civility campaign; squads, stars, a preparation list."""
    return PlanRecord(
        title="青桐小学“文明伴我行”主题教育活动方案",
        category="文明共建",
        principles="一、二年级以养成教育为主\n三、四、五年级以实践体验为主",
        start=datetime(2026, 3, 2), end=datetime(2026, 3, 31),
        participants="全校学生",
        capacity=180,
        reg_place="由学校按班级统一组织，无需个人报名",
        staff=[StaffRow("文明监督岗", "每班2人", "高年级学生", "课间巡查")],
        materials=[MaterialRow("文明星徽章", "200枚", "学校大队部", "", False),
                   MaterialRow("评比栏", "", "", "挂在教学楼一楼", False)],
        leaders=[LeaderRow("组长", "", "校长", ""), LeaderRow("成员", "", "各班班主任", "")],
        issuer="青桐小学",
    )


def womens_day() -> PlanRecord:
    """篇7: a school's Women's Day week; each item its own date and grade; a feedback form."""
    return PlanRecord(
        title="青桐小学“感恩妈妈”三八节主题周活动方案",
        category="三八妇女节",
        festival="womens_day",
        start=datetime(2026, 3, 4), end=datetime(2026, 3, 8),
        participants="一至六年级学生",
        content=[
            ContentRow("3月4日　给妈妈写一封信", "三、四、五年级：写一封感谢信带回家。"),
            ContentRow("3月6日　为妈妈做一件事", "一、二年级：回家帮妈妈做一件家务。"),
        ],
        feedback="请家长填写反馈表：孩子做了什么、家长的感受、对学校的建议。",
        feedback_due=date(2026, 3, 10),
        issuer="青桐小学德育处",
    )


def population_notice() -> PlanRecord:
    """篇8: a bureau's notice, not a plan: 主送, numbered points of its own."""
    return PlanRecord(
        kind="notice",
        title="关于做好2026年世界人口日宣传工作的通知",
        category="世界人口日宣传",
        recipients="各居民小组、辖区各单位",
        background="为做好今年世界人口日宣传，现就有关事项通知如下：",
        requirements=[RequirementRow("7月11日上午在社区广场集中设点宣传。"),
                      RequirementRow("各居民小组于7月15日前上报宣传情况。")],
        attachments=[AttachmentRow("宣传情况统计表", "")],
        issuer="青桐街道卫生健康办公室", issue_date=date(2026, 6, 26),
    )


def relief() -> PlanRecord:
    """篇9: a relief campaign; beneficiaries, phases with deadlines, posting, penalty, funds."""
    return PlanRecord(
        title="青桐街道2027年春节走访慰问困难群众工作方案",
        category="春节送温暖",
        background="春节将至，为把党和政府的关怀送到困难群众手中，制定本方案。",
        participants="低保户、特困供养人员\n因病因灾临时困难家庭",
        start=datetime(2027, 1, 10), end=datetime(2027, 2, 5),
        phases=[
            PhaseRow("摸底阶段", date(2027, 1, 10), date(2027, 1, 15), "慰问对象名单",
                     date(2027, 1, 15), [PhaseTaskRow("入户核实，名单在社区公示栏公示三天",
                                                      date(2027, 1, 14), "民政专干")]),
            PhaseRow("发放阶段", date(2027, 1, 20), date(2027, 2, 5), "", None, []),
        ],
        requirements=[RequirementRow("虚报冒领的，追回慰问金并取消当年慰问资格。"),
                      RequirementRow("慰问资金由街道民政经费列支，专款专用。")],
        leaders=[LeaderRow("组长", "", "街道办事处主任", "")],
        attachments=[AttachmentRow("慰问对象花名册", "")],
        issuer="青桐街道办事处", issue_date=date(2027, 1, 5),
    )


SEED_PLANS = (early_learning, free_clinic, elders_outing, volunteers, matchmaking, civility,
              womens_day, population_notice, relief)
