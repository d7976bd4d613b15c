"""Target-group figures (目标社区分析): the population by sex, age band, tag and building on a
chosen date, the count and list of a target group, and a paragraph for a plan's target analysis.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from models.datafile.db import database
from models.residents.query import birth_bound
from models.residents.records import ResidentQuery, ResidentRow
from models.residents.service import list_tags, natural_key, search_residents

# (label, lowest age, highest age or None) -- ages in full years on the chosen date.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-6岁", 0, 6), ("7-17岁", 7, 17), ("18-59岁", 18, 59), ("60-79岁", 60, 79),
    ("80岁及以上", 80, None),
)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass
class PopulationFigures:
    on: date
    total: int
    by_sex: list[CountRow]  # 男, 女, and 未填 when any
    by_age_band: list[CountRow]  # AGE_BANDS, and 出生日期未填 when any
    by_tag: list[CountRow]
    by_building: list[CountRow]
    # Households (户): how many have someone still here, people in them, and households by
    # size ("3人户") and by household tag (低保户, 特困…).
    households: int = 0
    people_in_households: int = 0
    by_household: list[CountRow] = field(default_factory=list)

    @property
    def per_household(self) -> float:
        return self.people_in_households / self.households if self.households else 0.0


@dataclass(frozen=True)
class TargetGroup:
    key: str
    label: str  # as it reads in a sentence: "14岁以下儿童"
    min_age: int | None = None
    max_age: int | None = None
    tags: tuple[str, ...] = ()
    gender: str | None = None


TARGET_GROUPS: dict[str, TargetGroup] = {g.key: g for g in (
    TargetGroup("children", "14岁以下儿童", max_age=13),
    TargetGroup("minors", "未成年人（18岁以下）", max_age=17),
    TargetGroup("elders60", "60岁及以上老人", min_age=60),
    TargetGroup("elders70", "70岁及以上老人", min_age=70),
    TargetGroup("elders80", "80岁及以上高龄老人", min_age=80),
    TargetGroup("pregnant", "孕妇", tags=("孕妇",)),
    TargetGroup("alone", "独居老人", tags=("独居老人",)),
    TargetGroup("empty_nest", "空巢老人", tags=("空巢老人",)),
    TargetGroup("disabled", "残疾人", tags=("残疾人",)),
    TargetGroup("low_income", "低保户", tags=("低保户",)),
    TargetGroup("veterans", "退役军人", tags=("退役军人",)),
    TargetGroup("party", "党员", tags=("党员",)),
    TargetGroup("volunteers", "志愿者", tags=("志愿者",)),
)}


@dataclass
class TargetGroupResult:
    group: TargetGroup
    on: date
    count: int
    residents: list[ResidentRow]  # in 姓氏笔画 order, up to the limit asked for


# Who the figures count: not in the recycle bin, and still here (not moved away or died).
LIVE = "deleted = 0 AND status = '在册'"


def _scalar(sql: str, params: Iterable[object] = ()) -> int:
    return database.obj.execute_sql(sql, tuple(params)).fetchone()[0]


def population_figures(on: date | None = None) -> PopulationFigures:
    """Residents not in the recycle bin, counted on `on` (today when None)."""
    on = on or date.today()
    with database.atomic():
        total = _scalar(f"SELECT count(*) FROM resident WHERE {LIVE}")
        sexes = dict(database.obj.execute_sql(
            f"SELECT gender, count(*) FROM resident WHERE {LIVE} GROUP BY gender").fetchall())
        bands = []
        for label, low, high in AGE_BANDS:
            sql, params = f"SELECT count(*) FROM resident WHERE {LIVE} AND birth <= ?", [
                birth_bound(on, low).isoformat()]
            if high is not None:
                sql += " AND birth > ?"
                params.append(birth_bound(on, high + 1).isoformat())
            bands.append(CountRow(label, _scalar(sql, params)))
        no_birth = _scalar(f"SELECT count(*) FROM resident WHERE {LIVE} AND birth IS NULL")
        unborn = _scalar(f"SELECT count(*) FROM resident WHERE {LIVE} AND birth > ?",
                         [on.isoformat()])
        buildings = database.obj.execute_sql(
            f"SELECT building, count(*) FROM resident WHERE {LIVE} GROUP BY building"
        ).fetchall()
    by_sex = [CountRow(s, sexes.get(s, 0)) for s in ("男", "女")]
    if sexes.get("", 0):
        by_sex.append(CountRow("未填", sexes[""]))
    if no_birth or unborn:
        bands.append(CountRow("出生日期未填或晚于该日", no_birth + unborn))
    by_building = [CountRow(b or "未填楼栋", n) for b, n in
                   sorted(buildings, key=lambda bn: (bn[0] == "", natural_key(bn[0])))]
    by_tag = [CountRow(t.name, t.count) for t in list_tags() if t.count or t.builtin]
    from models.residents.households import household_figures

    hf = household_figures()
    by_household = [CountRow(f"{n}人户", k) for n, k in hf.by_size]
    by_household += [CountRow(f"户标签：{t}", k) for t, k in hf.by_tag]
    return PopulationFigures(on, total, by_sex, bands, by_tag, by_building, hf.households,
                             hf.people, by_household)


def target_group(group: TargetGroup | str, on: date | None = None, *, limit: int = 1000,
                 building: str | None = None) -> TargetGroupResult:
    """How many residents (and who, up to limit) belong to the group on `on`."""
    g = TARGET_GROUPS[group] if isinstance(group, str) else group
    on = on or date.today()
    query = ResidentQuery(tags=g.tags, min_age=g.min_age, max_age=g.max_age, age_date=on,
                          gender=g.gender, building=building, order="strokes")
    found = search_residents(query, limit=limit)
    return TargetGroupResult(g, on, found.total, found.rows)


def _share(n: int, total: int) -> str:
    return f"{n * 100 / total:.1f}%" if total else "0%"


def target_analysis_text(on: date | None = None,
                         groups: Iterable[str | TargetGroup] = ("children", "elders70",
                                                                "pregnant")) -> str:
    """A paragraph for a plan's 目标社区分析, e.g. "截至2026年11月28日，本社区登记居民5091人…"."""
    on = on or date.today()
    fig = population_figures(on)
    day = f"{on.year}年{on.month}月{on.day}日"
    if fig.total == 0:
        return f"截至{day}，居民名册中尚无登记居民。"
    sexes = "、".join(f"{r.label}{r.count}人" for r in fig.by_sex if r.label in ("男", "女"))
    bands = "，".join(f"{r.label}{r.count}人" for r in fig.by_age_band)
    elders = sum(r.count for r in fig.by_age_band if r.label in ("60-79岁", "80岁及以上"))
    homes = f"（{fig.households}户）" if fig.households else ""
    parts = [f"截至{day}，本社区登记居民{fig.total}人{homes}，其中{sexes}。",
             f"按年龄分：{bands}；60岁及以上老年人共{elders}人，占{_share(elders, fig.total)}。"]
    focus = []
    for g in groups:
        res = target_group(g, on, limit=0)
        focus.append(f"{res.group.label}{res.count}人")
    if focus:
        parts.append("重点人群：" + "，".join(focus) + "。")
    return "".join(parts)
