"""Prize levels per category, typed as a line each: 一等奖1、二等奖2、三等奖3、优秀奖 (a level
without a number takes every entry left; a level of 0 places gives none)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.common.errors import UserError
from models.contests.records import ContestRecord
from ui.widgets.enter_keys import keep_enter_in_fields


def levels_text(levels: list[tuple[str, int | None]]) -> str:
    return "、".join(f"{n}{p}" if p is not None else n for n, p in levels)


def parse_levels(text: str) -> list[tuple[str, int | None]]:
    """"一等奖1、二等奖2、优秀奖" -> [("一等奖", 1), ("二等奖", 2), ("优秀奖", None)]."""
    out: list[tuple[str, int | None]] = []
    for part in text.replace("，", "、").replace(",", "、").split("、"):
        part = part.strip()
        if not part:
            continue
        digits = len(part) - len(part.rstrip("0123456789"))
        name, count = (part[:-digits], int(part[-digits:])) if digits else (part, None)
        if not name.strip():
            raise UserError(f"“{part}”缺少奖项名称，请写成“一等奖1”这样。")
        out.append((name.strip(), count))
    if not out:
        raise UserError("请至少填写一个奖项，如：一等奖1、二等奖2、三等奖3、优秀奖。")
    names = [n for n, _p in out]
    if len(set(names)) != len(names):
        raise UserError("奖项名称有重复，请检查。")
    return out


class LevelsDialog(QDialog):
    def __init__(self, contest: ContestRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("奖项设置"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("每类一行：奖项名称后写名额，不写名额的奖项给其余全部作品。")))
        self.fields: dict[int, QLineEdit] = {}
        for cat in contest.categories:
            edit = QLineEdit(levels_text(cat.levels))
            self.fields[cat.id] = edit
            form.addRow(cat.name, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        keep_enter_in_fields(self)

    def value(self) -> dict[int, list[tuple[str, int | None]]]:
        """Raises UserError on a line that cannot be read."""
        return {cid: parse_levels(edit.text()) for cid, edit in self.fields.items()}
