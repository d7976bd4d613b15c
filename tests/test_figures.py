"""Target-group figures on a chosen date: sex, age bands (birthdays counted), tags, buildings."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from models.residents.figures import population_figures, target_analysis_text, target_group
from models.residents.records import ResidentRecord
from models.residents.service import delete_residents, save_resident

ON = date(2026, 6, 1)


def _add(name: str, gender: str, birth: date | None, building: str = "", tags=()) -> int:
    res = save_resident(ResidentRecord(name=name, gender=gender, birth=birth, building=building,
                                       tags=list(tags)), today=date(2026, 11, 28))
    assert res.saved, res.problems
    return res.resident_id


def test_figures_and_target_groups(db_path: Path) -> None:
    _add("甲", "男", date(2020, 6, 1), "1幢")  # 6 on ON: 0-6
    _add("乙", "女", date(2019, 6, 1), "1幢")  # 7 on ON exactly: 7-17
    _add("丙", "女", date(2012, 6, 2), "2幢")  # 13, a child under 14
    _add("丁", "男", date(1956, 6, 1), "10幢", ["党员"])  # 70 today: elders70
    _add("戊", "女", date(1956, 6, 2), "10幢")  # 69 until tomorrow
    _add("己", "女", date(1995, 1, 1), "2幢", ["孕妇"])
    _add("庚", "", None)
    gone = _add("辛", "男", date(1930, 1, 1), "1幢")
    delete_residents([gone])
    fig = population_figures(ON)
    assert fig.total == 7
    assert [(r.label, r.count) for r in fig.by_sex] == [("男", 2), ("女", 4), ("未填", 1)]
    assert [(r.label, r.count) for r in fig.by_age_band] == [
        ("0-6岁", 1), ("7-17岁", 2), ("18-59岁", 1), ("60-79岁", 2), ("80岁及以上", 0),
        ("出生日期未填或晚于该日", 1)]
    assert [(r.label, r.count) for r in fig.by_building] == [
        ("1幢", 2), ("2幢", 2), ("10幢", 2), ("未填楼栋", 1)]
    assert {r.label: r.count for r in fig.by_tag}["孕妇"] == 1
    kids = target_group("children", ON)
    assert kids.count == 3 and {r.name for r in kids.residents} == {"甲", "乙", "丙"}
    assert [r.name for r in target_group("elders70", ON).residents] == ["丁"]
    assert target_group("elders70", date(2026, 6, 2)).count == 2
    assert target_group("pregnant", ON).count == 1
    text = target_analysis_text(ON)
    assert text.startswith("截至2026年6月1日，本社区登记居民7人，其中男2人、女4人。")
    assert "14岁以下儿童3人" in text and "70岁及以上老人1人" in text and "孕妇1人" in text
