"""Fonts for every PDF, found once.

The official-document roles (title, body 仿宋, heading1 黑体, heading2 楷体, song 宋体) use the
Windows fonts when present and otherwise the TrueType font shipped in resources/fonts, so a PDF
never depends on the machine and never falls back to Helvetica (which prints boxes for Chinese).
"bold" is the body font drawn filled and stroked (Chinese fonts have no bold face; see FAUX_BOLD).
Every font is registered with reportlab as a subset-embedded TrueType font.

Folders searched, in order: the `font_dir` argument (tests), the CAA_FONT_DIR environment
variable, %WINDIR%\\Fonts, then %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts (where Windows 10+ puts a
font installed for one user only, as 方正小标宋 often is). A file reportlab cannot read (CFF
outlines, damaged) is skipped and the next candidate tried.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from exporters.atomic import ExportError
from resources import resource_path

BUNDLED_FONT = resource_path("fonts", "wqy-microhei.ttc")
BUNDLED_SUBFONT = 0

ROLES: tuple[str, ...] = ("title", "body", "heading1", "heading2", "bold", "song")

# role -> candidate (file name, subfont index), best first; names are matched case-insensitively.
_XBS = [("FZXBSJW.TTF", 0), ("FZXBSK.TTF", 0), ("方正小标宋简体.ttf", 0), ("方正小标宋_GBK.ttf", 0)]
CANDIDATES: dict[str, list[tuple[str, int]]] = {
    # 小标宋 where installed; else 黑体 reads as the bold title offices print without it.
    "title": _XBS + [("simhei.ttf", 0), ("simsun.ttc", 0)],
    "body": [("simfang.ttf", 0), ("仿宋_GB2312.ttf", 0), ("FangSong_GB2312.ttf", 0)],
    "heading1": [("simhei.ttf", 0)],
    "heading2": [("simkai.ttf", 0), ("楷体_GB2312.ttf", 0), ("KaiTi_GB2312.ttf", 0)],
    # "bold" has no file of its own: Chinese official fonts have no bold face, so it is the body
    # font drawn filled and stroked, as Word's 仿宋加粗 (see FAUX_BOLD).
    "song": [("simsun.ttc", 0), ("simsun.ttf", 0)],
}


@dataclass(frozen=True)
class FontChoice:
    role: str
    name: str  # the name registered with reportlab
    path: Path
    subfont: int
    bundled: bool


@dataclass(frozen=True)
class FontSet:
    """Registered font names by role; .title, .body ... are names to use in styles."""

    choices: dict[str, FontChoice]

    def name(self, role: str) -> str:
        return self.choices[role].name

    @property
    def title(self) -> str:
        return self.name("title")

    @property
    def body(self) -> str:
        return self.name("body")

    @property
    def heading1(self) -> str:
        return self.name("heading1")

    @property
    def heading2(self) -> str:
        return self.name("heading2")

    @property
    def bold(self) -> str:
        return self.name("bold")

    @property
    def song(self) -> str:
        return self.name("song")

    @property
    def all_bundled(self) -> bool:
        return all(c.bundled for c in self.choices.values())


_lock = threading.Lock()
_sets: dict[tuple[str, ...], FontSet] = {}
_registered: dict[tuple[str, int], str] = {}  # (file, subfont) -> registered name
# Registered names to draw filled and stroked (exporters.pdf.cjk.CJKParagraph does it).
FAUX_BOLD: set[str] = set()


def windows_font_dir() -> Path:
    return Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows") / "Fonts"


def search_dirs(font_dir: Path | str | None = None) -> list[Path]:
    dirs: list[Path] = []
    if font_dir:
        dirs.append(Path(font_dir))
    env = os.environ.get("CAA_FONT_DIR")
    if env:
        dirs.append(Path(env))
    dirs.append(windows_font_dir())
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _index(folder: Path) -> dict[str, Path]:
    try:
        return {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError:
        return {}


def _register(path: Path, subfont: int) -> str | None:
    key = (str(path), subfont)
    if key in _registered:
        return _registered[key]
    name = f"CAA-{len(_registered) + 1}-{path.stem}-{subfont}"
    try:
        font = TTFont(name, str(path), subfontIndex=subfont)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        # CFF outlines (OTF), a damaged file, a missing face: try the next candidate.
        return None
    pdfmetrics.registerFont(font)
    _registered[key] = name
    return name


def bundled_font_name() -> str:
    """The registered name of the bundled font, the stand-in for a character a font lacks."""
    with _lock:
        name = _register(BUNDLED_FONT, BUNDLED_SUBFONT)
    if name is None:
        raise ExportError(f"找不到打印所需的字体文件“{BUNDLED_FONT}”，请重新安装本程序。")
    return name


def has_glyph(font_name: str, ch: str) -> bool:
    """Whether a registered TrueType font draws ch (standard fonts: assume yes)."""
    table = _glyphs.get(font_name)
    if table is None:
        face = getattr(pdfmetrics.getFont(font_name), "face", None)
        table = _glyphs[font_name] = getattr(face, "charToGlyph", None) or {}
    return not table or ord(ch) in table


_glyphs: dict[str, dict[int, int]] = {}


def font_set(font_dir: Path | str | None = None) -> FontSet:
    """The fonts for official documents, registered with reportlab (cached per search path)."""
    dirs = search_dirs(font_dir)
    key = tuple(str(d) for d in dirs)
    with _lock:
        cached = _sets.get(key)
        if cached is not None:
            return cached
        indexes = [_index(d) for d in dirs]
        choices: dict[str, FontChoice] = {}
        for role in ROLES:
            if role != "bold":
                choices[role] = _choose(role, indexes)
        choices["bold"] = _faux_bold(choices["body"])
        result = FontSet(choices)
        _sets[key] = result
        return result


def _faux_bold(body: FontChoice) -> FontChoice:
    key = (str(body.path), body.subfont)
    name = _bold_names.get(key)
    if name is None:
        # The same file under a second name, so the bold runs are told apart when drawn.
        name = f"{body.name}-Bold"
        pdfmetrics.registerFont(TTFont(name, str(body.path), subfontIndex=body.subfont))
        _bold_names[key] = name
        FAUX_BOLD.add(name)
    return FontChoice("bold", name, body.path, body.subfont, body.bundled)


_bold_names: dict[tuple[str, int], str] = {}


def _choose(role: str, indexes: list[dict[str, Path]]) -> FontChoice:
    for file_name, subfont in CANDIDATES[role]:
        for index in indexes:
            path = index.get(file_name.lower())
            if path is None:
                continue
            name = _register(path, subfont)
            if name:
                return FontChoice(role, name, path, subfont, bundled=False)
    name = _register(BUNDLED_FONT, BUNDLED_SUBFONT)
    if name is None:
        raise ExportError(f"找不到打印所需的字体文件“{BUNDLED_FONT}”，请重新安装本程序。")
    return FontChoice(role, name, BUNDLED_FONT, BUNDLED_SUBFONT, bundled=True)
