"""Fonts are found once: Windows official fonts (or an override folder) first, the bundled
TrueType font for every role that is missing; never a standard PDF font."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from exporters.pdf.fonts import BUNDLED_FONT, ROLES, font_set, windows_font_dir


@pytest.fixture(autouse=True)
def no_env_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAA_FONT_DIR", raising=False)


def test_every_role_falls_back_to_the_bundled_truetype(tmp_path: Path) -> None:
    if windows_font_dir().is_dir():
        pytest.skip("this machine has Windows fonts")
    fonts = font_set(tmp_path)
    assert fonts.all_bundled
    for role in ROLES:
        choice = fonts.choices[role]
        assert choice.path == BUNDLED_FONT and choice.subfont == 0
        assert "Helvetica" not in fonts.name(role)
        assert pdfmetrics.getFont(fonts.name(role)).face.name  # registered with reportlab


def test_override_folder_fonts_win_and_unreadable_files_are_skipped(tmp_path: Path) -> None:
    # A copy of the bundled face under the Windows name of 黑体, and a broken "仿宋".
    shutil.copy(BUNDLED_FONT, tmp_path / "SimHei.TTF")
    (tmp_path / "simfang.ttf").write_bytes(b"not a font at all")
    fonts = font_set(tmp_path)
    assert fonts.choices["heading1"].path == tmp_path / "SimHei.TTF"
    assert fonts.choices["bold"].path == fonts.choices["body"].path  # 仿宋, drawn bold
    assert fonts.choices["title"].path == tmp_path / "SimHei.TTF"  # no 小标宋: 黑体
    assert fonts.choices["body"].path != tmp_path / "simfang.ttf"
    assert not fonts.choices["heading1"].bundled


def test_fonts_are_found_once(tmp_path: Path) -> None:
    assert font_set(tmp_path) is font_set(tmp_path)


def test_environment_variable_names_a_font_folder(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(BUNDLED_FONT, tmp_path / "simkai.ttf")
    monkeypatch.setenv("CAA_FONT_DIR", str(tmp_path))
    assert font_set().choices["heading2"].path == tmp_path / "simkai.ttf"


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_character_missing_from_a_font_is_drawn_by_the_bundled_font(tmp_path: Path) -> None:
    # A "仿宋" with no Chinese in it stands for an official font that lacks a rare character.
    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans is not installed")
    import io

    import pdfplumber

    from exporters.plans.pdf import build_plan_pdf_bytes
    from tests.plan_factory import notice

    shutil.copy(DEJAVU, tmp_path / "simfang.ttf")
    fonts = font_set(tmp_path)
    assert fonts.choices["body"].path == tmp_path / "simfang.ttf"
    rec = notice()
    data = build_plan_pdf_bytes(rec, fonts=fonts)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    text = "".join(c["text"] for c in chars)
    assert rec.purpose[:20] in text
    han = {c["fontname"].split("+")[-1] for c in chars if "\u4e00" <= c["text"] <= "\u9fff"}
    latin = {c["fontname"].split("+")[-1] for c in chars if c["text"] == "2"}
    assert han == {"WenQuanYiMicroHei-0"}
    assert "DejaVuSans" in latin
