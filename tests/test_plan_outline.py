"""The document's outline: sections the clerk renames, moves, hides and adds, four levels of
numbering from the outline's depth, the clerk's own sections as prose or a list; older files
migrate to the outline and print as before."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exporters.pdf import official as o
from exporters.plans.pdf import build_plan_pdf_bytes, plan_story
from models.plans.json_form import PlanFormatError, record_from_dict, record_to_dict
from models.plans.outline import default_outline
from models.plans.records import PART_NAMES, ContentRow, PlanRecord, RequirementRow, SectionRow
from tests import pdf_reading as R
from tests.seed_plans import SEED_PLANS

DATA = Path(__file__).parent / "data"


def headings(rec: PlanRecord) -> list[str]:
    styles = o.make_styles()
    heads = (styles.h1, styles.h2, styles.h3, styles.h4)
    return [f.getPlainText() for f in plan_story(rec, styles)
            if getattr(f, "style", None) in heads]


def relief() -> PlanRecord:
    return PlanRecord(
        title="慰问方案", background="春节将至。",
        content=[ContentRow("摸底", "入户核实。", [ContentRow("核对名单", "逐户核对。")])],
        requirements=[RequirementRow("按时上报。")], budget=[],
    )


@pytest.mark.parametrize("make", SEED_PLANS, ids=lambda f: f.__name__)
def test_the_default_outline_prints_what_an_empty_outline_prints(make) -> None:  # type: ignore[no-untyped-def]
    rec = make()
    before = build_plan_pdf_bytes(rec)
    rec.outline = default_outline(rec.kind)
    assert build_plan_pdf_bytes(rec) == before


def test_rename_move_hide_and_add_sections() -> None:
    rec = relief()
    rec.outline = [
        SectionRow("相关要求", "工作要求"),  # moved first
        SectionRow("活动背景", "工作背景"),  # renamed
        SectionRow("活动内容", "活动内容", hidden=True),  # hidden
        SectionRow("", "资金保障", text="资金由街道列支。\n专款专用。"),  # the clerk's own
        SectionRow("", "违规处理", 2, form="列表", text="追回慰问金\n取消资格"),
    ]
    assert headings(rec) == ["一、工作要求", "二、工作背景", "三、资金保障", "（一）违规处理"]
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(rec)))
    assert "摸底" not in text and "活动内容" not in text
    # prose kept as paragraphs, never numbered; a list numbered
    assert "资金由街道列支。专款专用。" in text
    assert "1.追回慰问金2.取消资格" in text
    order = [text.index(h) for h in ("工作要求", "工作背景", "资金保障", "违规处理")]
    assert order == sorted(order)


def test_four_levels_number_from_the_outline_depth() -> None:
    rec = PlanRecord(title="层级", outline=[
        SectionRow("", "甲", 1, text="正文。"),
        SectionRow("", "乙", 2, text="正文。"),
        SectionRow("", "丙", 3, text="正文。"),
        SectionRow("", "丁", 4, text="正文。"),
        SectionRow("", "戊", 4, text="正文。"),
        SectionRow("", "己", 2, text="正文。"),
        SectionRow("", "庚", 3, text="正文。"),
        SectionRow("", "辛", 1, text="正文。"),
    ])
    assert headings(rec) == ["一、甲", "（一）乙", "1.丙", "（1）丁", "（2）戊", "（二）己", "1.庚",
                             "二、辛"]


def test_items_inside_a_block_go_one_level_below_its_section() -> None:
    rec = relief()
    rec.outline = [SectionRow("", "工作安排", 1, text="分两步。"),
                   SectionRow("活动内容", "第一步", 2)]
    # the content items sit at level 3 under a level-2 section, their children at level 4
    assert headings(rec) == ["一、工作安排", "（一）第一步", "1.摸底", "（1）核对名单"]


def test_an_empty_section_takes_no_number() -> None:
    rec = relief()
    rec.outline = [SectionRow("活动总结", "活动总结"), SectionRow("活动背景", "背景"),
                   SectionRow("", "空的", text="  \n")]
    assert headings(rec) == ["一、背景"]


def test_outline_round_trips_through_the_json_form() -> None:
    rec = relief()
    rec.outline = [SectionRow("", "资金保障", 2, True, "列表", "甲\n乙"),
                   SectionRow("活动内容", "")]
    assert record_from_dict(record_to_dict(rec)) == rec
    data = record_to_dict(rec)
    data["outline"][0]["key"] = "no_such_part"
    with pytest.raises(PlanFormatError, match=r"outline\[0\]\.key"):
        record_from_dict(data)


def test_templates_start_with_their_kinds_outline() -> None:
    from models.plans.templates import plan_from_template

    plan = plan_from_template("double_ninth", 2026)
    assert [r.key for r in plan.outline] == list(PART_NAMES)
    assert plan_from_template("matchmaking", 2026).outline == default_outline("plan")


def test_the_notice_template_prints_as_a_notice() -> None:
    from models.plans.demo import DEMO_PLANS, demo_plan

    notice = demo_plan(next(d for d in DEMO_PLANS if d.key == "population_day"))
    assert notice.kind == "notice"
    level1 = [h for h in headings(notice) if not h.startswith("（")]
    # its opening has no heading, its content items are its own points, and the working data
    # (budget, staff, materials, agenda...) stays in the plan without printing
    assert level1 == ["一、宣传时间和地点", "二、宣传对象", "三、宣传内容", "四、集中宣传咨询",
                      "五、入户宣传", "六、进单位宣传", "七、健康义诊", "八、组织领导",
                      "九、工作要求"]
    text = R.all_text(R.read_pages(build_plan_pdf_bytes(notice)))
    for gone in ("费用预算", "人员安排", "目标社区分析", "活动流程", "一、活动主题"):
        assert gone not in text
    assert notice.budget and notice.staff and notice.agenda  # kept, not printed


def test_hidden_parts_are_known_by_their_fields() -> None:
    from models.plans.outline import PART_FIELDS, hidden_fields
    from models.plans.records import scalar_fields

    named = {f for names in PART_FIELDS.values() for f in names}
    # every field that prints in a section belongs to one part (the rest is the frame: title,
    # 主送, 附件, 落款, and the list's bookkeeping)
    frame = {"kind", "title", "category", "status", "recipients", "issuer", "issue_date",
             "attachments", "outline"}
    everything = set(scalar_fields(PlanRecord)) | {
        f for f in PlanRecord.__dataclass_fields__ if f != "id"}
    assert everything - named == frame
    rec = relief()
    rec.outline = [SectionRow("活动背景", "背景", hidden=True), SectionRow("活动内容", "内容")]
    assert {"background", "requirements", "budget"} <= hidden_fields(rec)
    assert "content" not in hidden_fields(rec)


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_older_files_migrate_to_the_outline_and_print_as_before(
        version: int, tmp_path: Path) -> None:
    from models.datafile.db import close_database, open_database
    from models.plans.service import list_plans, load_plan

    path = tmp_path / f"v{version}.db"
    shutil.copy(DATA / f"schema_v{version}.db", path)
    open_database(path)
    try:
        plans = [load_plan(p.id) for p in list_plans()]
    finally:
        close_database()
    assert plans
    for rec in plans:
        assert rec.outline == default_outline(rec.kind), rec.title
        before = build_plan_pdf_bytes(rec)
        rec.outline = []  # what the same plan printed with before the outline existed
        assert build_plan_pdf_bytes(rec) == before, rec.title


def test_a_version_5_file_keeps_the_clerks_outline(tmp_path: Path) -> None:
    from models.datafile.db import close_database, open_database
    from models.plans.service import list_plans, load_plan, save_plan

    path = tmp_path / "v5.db"
    shutil.copy(DATA / "schema_v5.db", path)
    open_database(path)
    try:
        rec = next(load_plan(p.id) for p in list_plans() if "提纲示例" in p.title)
        assert [(r.key, r.heading, r.level, r.hidden, r.form) for r in rec.outline] == [
            ("活动背景", "工作背景", 1, False, "段落"), ("", "资金保障", 1, False, "段落"),
            ("", "经费来源", 2, False, "列表"), ("活动内容", "工作步骤", 1, False, "段落"),
            ("相关要求", "工作要求", 1, True, "段落"), ("", "违规处理", 1, False, "段落")]
        assert headings(rec) == ["一、工作背景", "二、资金保障", "（一）经费来源", "三、工作步骤",
                                 "（一）摸底", "四、违规处理"]
        rec.outline[0].heading = "背景情况"
        rec.outline.insert(0, rec.outline.pop(5))  # moved to the top
        save_plan(rec)
        again = load_plan(rec.id or 0)
    finally:
        close_database()
    assert [r.heading for r in again.outline][:2] == ["违规处理", "背景情况"]


def test_every_part_an_outline_can_name_has_a_printer() -> None:
    from exporters.plans.document import part_builders

    assert list(part_builders()) == list(PART_NAMES)
