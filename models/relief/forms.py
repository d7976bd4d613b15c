"""A campaign's categories and phases as a clerk types them, one a line, read into records or
refused with the line and the reason (the window's 新建慰问活动 dialog; no Qt here).

    低保户 每户 500 大米10公斤=60 食用油5升=70     (name, 每户/每人, money, goods=value ...)
    困难党员 每人 500
    2026-12-10 审核 民政专干                      (deadline, phase, who)
"""
from __future__ import annotations

from datetime import date

from models.common.errors import UserError
from models.common.money import MoneyError, parse_money
from models.relief.records import BASES, PER_HOUSEHOLD, NewCategory, NewPhase


def parse_categories(text: str) -> list[NewCategory]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        name, rest = parts[0], parts[1:]
        basis = rest.pop(0) if rest and rest[0] in BASES else PER_HOUSEHOLD
        amount = 0
        goods: list[tuple[str, int]] = []
        try:
            if rest and "=" not in rest[0]:
                amount = parse_money(rest.pop(0))
            for item in rest:
                thing, sep, value = item.partition("=")
                if not sep or not thing:
                    raise UserError(f"“{item}”请写成 物品=单价，如 大米10公斤=60。")
                goods.append((thing, parse_money(value)))
        except MoneyError as exc:
            raise UserError(f"慰问类别第 {n} 行（{line.strip()}）：{exc}") from None
        except UserError as exc:
            raise UserError(f"慰问类别第 {n} 行：{exc}") from None
        if not amount and not goods:
            raise UserError(f"慰问类别第 {n} 行（{line.strip()}）请写明慰问金额或慰问品，"
                            "如 低保户 每户 500。")
        out.append(NewCategory(name, basis, amount, goods))
    return out


def parse_phases(text: str) -> list[NewPhase]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        try:
            due = date.fromisoformat(parts[0])
        except ValueError:
            raise UserError(f"阶段第 {n} 行（{line.strip()}）要以截止日期开头，"
                            "如 2026-12-10 审核 民政专干。") from None
        if len(parts) < 2:
            raise UserError(f"阶段第 {n} 行请写上阶段名称，如 2026-12-10 审核 民政专干。")
        out.append(NewPhase(parts[1], due, " ".join(parts[2:])))
    return out
