"""Checks and sums on a plan that the editor shows as the clerk types (no database needed)."""
from __future__ import annotations

from dataclasses import dataclass, field

from models.common.money import parse_money, yuan_text
from models.plans.records import AgendaRow, BudgetRow, PlanRecord


@dataclass
class BudgetTotals:
    planned_fen: int = 0
    actual_fen: int = 0
    by_payer: dict[str, int] = field(default_factory=dict)
    actual_by_payer: dict[str, int] = field(default_factory=dict)


def budget_totals(lines: list[BudgetRow]) -> BudgetTotals:
    totals = BudgetTotals()
    for line in lines:
        amount = line.amount_fen
        totals.planned_fen += amount
        payer = line.payer or "未注明"
        totals.by_payer[payer] = totals.by_payer.get(payer, 0) + amount
        if line.actual_fen is not None:
            totals.actual_fen += line.actual_fen
            totals.actual_by_payer[payer] = totals.actual_by_payer.get(payer, 0) + line.actual_fen
    return totals


def yuan(fen: int | None) -> str:
    """Fen as yuan with two decimals: 12345 -> "123.45"; None -> ""."""
    return "" if fen is None else yuan_text(fen)


def parse_yuan(text: str) -> int:
    """What a clerk typed as money -> fen (models.common.money: 30元5 is 30.50, a negative or a
    third decimal is refused); raises MoneyError, a ValueError with the clerk's reason."""
    return parse_money(text)


@dataclass
class AgendaProblem:
    row: int
    message: str


def agenda_problems(rec: PlanRecord) -> list[AgendaProblem]:
    """End before start, slots outside the activity's time, and overlapping slots."""
    problems: list[AgendaProblem] = []
    slots: list[tuple[int, AgendaRow]] = [(i, s) for i, s in enumerate(rec.agenda)]
    for i, slot in slots:
        if slot.start and slot.end and slot.end <= slot.start:
            problems.append(AgendaProblem(i, f"第{i + 1}行：结束时间应晚于开始时间。"))
        if rec.start and slot.start and slot.start < rec.start:
            problems.append(AgendaProblem(i, f"第{i + 1}行：开始时间早于活动开始时间。"))
        if rec.end and slot.end and slot.end > rec.end:
            problems.append(AgendaProblem(i, f"第{i + 1}行：结束时间晚于活动结束时间。"))
    timed = [(i, s) for i, s in slots if s.start and s.end and s.end > s.start]
    for a in range(len(timed)):
        for b in range(a + 1, len(timed)):
            (i, x), (j, y) = timed[a], timed[b]
            same_place = not x.place or not y.place or x.place == y.place
            if same_place and x.start < y.end and y.start < x.end:  # type: ignore[operator]
                problems.append(AgendaProblem(j, f"第{j + 1}行与第{i + 1}行时间重叠。"))
    return problems
