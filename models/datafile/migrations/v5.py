"""Schema step 4 -> 5: section, the document's outline (models/plans/outline.py).

Every plan of the file gets the outline it printed with before outlines existed: the fixed
skeleton of a plan, or of a notice (its opening and its content items without headings). The
keys and headings are frozen here as they were at version 5, so the step keeps its meaning.
"""
from __future__ import annotations

import peewee as pw

V5_SQL: tuple[str, ...] = (
    'CREATE TABLE "section" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "key" VARCHAR(255) NOT NULL, "heading" TEXT NOT NULL, '
    '"level" INTEGER NOT NULL, "hidden" INTEGER NOT NULL, "form" VARCHAR(255) NOT NULL, '
    '"text" TEXT NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "section_plan_id" ON "section" ("plan_id")',
)

# Each part's name is also its heading in the default outline.
_PLAN_OUTLINE: tuple[str, ...] = (
    "活动主题", "活动背景", "指导思想", "活动目的和意义", "活动原则", "目标社区分析",
    "活动时间和地点", "组织单位", "参加对象", "活动内容", "活动流程", "分组与任务", "人员安排",
    "物资与现场布置", "宣传安排", "活动亮点", "费用预算", "风险及应急预案", "阶段安排", "组织领导",
    "相关要求", "评比表彰", "活动反馈", "活动总结",
)
_NOTICE_OPENING = ("活动背景", "指导思想", "活动目的和意义", "活动主题")


def _notice_outline() -> list[tuple[str, str]]:
    rows = [(key, "") for key in _NOTICE_OPENING]
    rows += [(key, "" if key == "活动内容" else key)
             for key in _PLAN_OUTLINE if key not in _NOTICE_OPENING]
    return rows


def migrate_4_to_5(db: pw.SqliteDatabase) -> None:
    for sql in V5_SQL:
        db.execute_sql(sql)
    outlines = {"plan": [(key, key) for key in _PLAN_OUTLINE], "notice": _notice_outline()}
    plans = db.execute_sql('SELECT "id", "kind" FROM "plan" ORDER BY "id"').fetchall()
    for plan_id, kind in plans:
        rows = outlines["notice" if kind == "notice" else "plan"]
        db.execute_sql(
            'INSERT INTO "section" ("plan_id", "position", "key", "heading", "level", "hidden", '
            '"form", "text") VALUES ' + ", ".join(["(?, ?, ?, ?, 1, 0, '段落', '')"] * len(rows)),
            [v for pos, (key, heading) in enumerate(rows) for v in (plan_id, pos, key, heading)],
        )
