"""Themes: the bundled default is the base and the schema; a theme sets only what it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import MakedocsError
from makedocs.theme import load_theme, theme_names


def _theme(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_one_colour_theme_changes_that_colour_and_nothing_else(tmp_path: Path) -> None:
    default = load_theme("default")
    mine = load_theme(str(_theme(tmp_path / "mine", '[colours]\naccent = "#0055AA"\n')))
    assert mine.colours["accent"] == "#0055aa"
    assert {k: v for k, v in mine.colours.items() if k != "accent"} == {
        k: v for k, v in default.colours.items() if k != "accent"
    }
    assert mine.tables == default.tables
    assert mine.fonts == default.fonts


def test_a_theme_extends_another_theme_folder(tmp_path: Path) -> None:
    _theme(tmp_path / "base", '[colours]\naccent = "#112233"\n[booklet.body]\nsize = "11pt"\n')
    child = _theme(tmp_path / "child", 'extends = "../base"\n[colours]\nink = "#000000"\n')
    theme = load_theme(str(child))
    assert theme.colours["accent"] == "#112233"
    assert theme.colours["ink"] == "#000000"
    assert theme.booklet["body"]["size"] == "11pt"
    assert theme.where("booklet", "body", "size").endswith("base/theme.toml:4")
    assert theme.where("colours", "ink").endswith("child/theme.toml:3")


def test_a_misspelt_key_is_an_error_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    folder = _theme(
        tmp_path / "t", '[booklet.body]\nsize = "11pt"\n\n[booklet.margins]\ntpo = "1in"\n'
    )
    with pytest.raises(MakedocsError) as caught:
        load_theme(str(folder))
    assert str(caught.value) == (
        f"{folder / 'theme.toml'}:5: unknown key 'tpo' in [booklet.margins] (did you mean 'top'?)"
    )


def test_an_unknown_table_is_an_error(tmp_path: Path) -> None:
    folder = _theme(tmp_path / "t", "[bookelt]\nbody_size = 1\n")
    with pytest.raises(
        MakedocsError, match=r"theme\.toml:1: unknown key 'bookelt' \(did you mean 'booklet'\?\)"
    ):
        load_theme(str(folder))


def test_themes_that_extend_each_other_in_a_circle_are_refused(tmp_path: Path) -> None:
    _theme(tmp_path / "a", 'extends = "../b"\n')
    _theme(tmp_path / "b", 'extends = "../a"\n')
    with pytest.raises(MakedocsError, match="circle"):
        load_theme(str(tmp_path / "a"))


def test_a_bad_colour_names_the_file_and_line(tmp_path: Path) -> None:
    folder = _theme(tmp_path / "t", '\n[colours]\nink = "black"\n')
    with pytest.raises(MakedocsError, match=r"theme\.toml:3: colour ink must be #rrggbb"):
        load_theme(str(folder))


def test_a_font_file_beside_the_theme_is_found_before_the_bundled_ones(tmp_path: Path) -> None:
    from makedocs.resources import FONTS_DIR

    folder = _theme(tmp_path / "t", '[fonts.serif]\nregular = "Mine.ttf"\n')
    (folder / "Mine.ttf").write_bytes((FONTS_DIR / "NotoSans-Regular.ttf").read_bytes())
    theme = load_theme(str(folder))
    assert theme.fonts["serif"].files["regular"] == folder / "Mine.ttf"
    assert theme.fonts["serif"].files["bold"].name == "NotoSerif-Bold.ttf"  # inherited


def test_an_unknown_theme_name_lists_the_bundled_ones() -> None:
    with pytest.raises(MakedocsError, match="default"):
        load_theme("no-such-theme")
    assert "default" in theme_names()


def test_deep_nesting_is_refused_before_the_toml_parser_recurses(tmp_path: Path) -> None:
    folder = _theme(tmp_path / "t", "[booklet]\nbody_size = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(MakedocsError, match=r"theme\.toml:2: arrays or tables nested"):
        load_theme(str(folder))
