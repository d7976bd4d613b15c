"""帮助 → 关于: the version, and where everything is (the data file, its format version, the fonts
PDFs are printed with, the log and backup folders): what a helper on the telephone asks first."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

# exporters.pdf.fonts roles, as a clerk would name them ("bold" is the body font drawn bold).
FONT_ROLES = (("title", "公文标题"), ("body", "正文"), ("heading1", "一级标题"),
              ("heading2", "二级标题"), ("song", "宋体"))


def _html_escape(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(value: str) -> str:
    """A value as rich text, its lines kept."""
    return "<br>".join(_html_escape(line) for line in value.splitlines())


def font_lines() -> list[str]:
    """One line per role: the font file used, or why none could be read."""
    from exporters.atomic import ExportError
    from exporters.pdf.fonts import font_set

    try:
        fonts = font_set()
    except ExportError as exc:
        return [str(exc)]
    lines = []
    for role, label in FONT_ROLES:
        choice = fonts.choices[role]
        where = "程序自带" if choice.bundled else "本机字体"
        lines.append(f"{label}：{choice.path.name}（{where}）")
    return lines


def about_facts(data_file: Path) -> list[tuple[str, str]]:
    """(label, value) rows shown by the dialog, in order."""
    from models.datafile.backup import backups_dir
    from models.datafile.paths import log_dir
    from models.datafile.schema import SCHEMA_VERSION
    from resources import app_version

    return [
        ("版本", app_version()),
        ("数据文件", str(data_file)),
        ("数据格式版本", str(SCHEMA_VERSION)),
        ("打印字体", "\n".join(font_lines())),
        ("出错记录（日志）文件夹", str(log_dir())),
        ("备份文件夹", str(backups_dir(data_file))),
    ]


class AboutDialog(QDialog):
    def __init__(self, data_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于社区活动助手"))
        rows = "".join(f"<tr><td><b>{_html_escape(label)}：</b></td>"
                       f"<td>{_cell(value)}</td></tr>"
                       for label, value in about_facts(data_file))
        self.text = QLabel(
            self.tr("<h3>社区活动助手</h3><p>社区居委会、街道办的活动方案、居民名册、"
                    "报名签到与台账工具。</p><p>所有数据只保存在本机的数据文件中，不联网。</p>")
            + f"<table cellspacing='4'>{rows}</table>")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        # The paths are for reading out or copying into an e-mail to whoever helps.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Chinese even where Qt's own translations are missing (a build that lost them).
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
