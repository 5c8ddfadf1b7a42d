"""Theme tables read strictly: lengths with units or relative to the element, named colours."""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import MakedocsError
from makedocs.theme import Theme, load_theme
from makedocs.typesetting.styles import text_style
from makedocs.typesetting.values import Table


def _theme(tmp_path: Path, text: str) -> Theme:
    (tmp_path / "theme.toml").write_text(text, encoding="utf-8")
    return load_theme(str(tmp_path))


def test_lengths_are_absolute_or_relative_to_what_the_key_measures_against(
    tmp_path: Path,
) -> None:
    theme = _theme(
        tmp_path,
        '[booklet.pull_quote]\nsize = "12pt"\nleading = "1.5em"\nindent_left = "25%"\n'
        'indent_right = "2lines"\n',
    )
    table = Table(theme, "booklet", "pull_quote")
    assert table.length("size") == 12
    assert table.length("leading", em=12) == 18
    assert table.length("indent_left", share=200) == 50
    assert table.length("indent_right", line=14.5) == 29
    style = text_style(table, "serif", line=10, width=300)
    assert (style.size, style.leading, style.indent_left, style.indent_right) == (12, 18, 75, 20)
    assert style.colour == "accent" and style.align == "centre"  # the default's, inherited


def test_a_relative_length_without_a_base_is_refused_at_its_line(tmp_path: Path) -> None:
    theme = _theme(tmp_path, '\n[booklet.marks]\ngap = "2em"\n')
    with pytest.raises(MakedocsError) as caught:
        Table(theme, "booklet", "marks").length("gap")
    assert str(caught.value) == (
        f"{tmp_path / 'theme.toml'}:3: [booklet.marks] gap: not a length: '2em' "
        "(em is not allowed here)"
    )


def test_sizes_must_be_positive_and_numbers_whole_where_they_count(tmp_path: Path) -> None:
    theme = _theme(tmp_path, '[booklet.body]\nsize = "0pt"\n[booklet.drop_cap]\nlines = -1\n')
    with pytest.raises(MakedocsError, match=r"theme\.toml:2: \[booklet\.body\] size: must be more"):
        Table(theme, "booklet", "body").length("size", positive=True)
    with pytest.raises(MakedocsError, match=r":4: \[booklet\.drop_cap\] lines: must be a whole"):
        Table(theme, "booklet", "drop_cap").number("lines", whole=True)


def test_a_colour_is_a_name_from_the_colours_table(tmp_path: Path) -> None:
    theme = _theme(tmp_path, '[colours]\nrust = "#993300"\n\n[booklet.caption]\ncolour = "rust"\n')
    assert Table(theme, "booklet", "caption").colour("colour") == "rust"
    broken = _theme(tmp_path, '[booklet.caption]\ncolour = "#993300"\n')
    with pytest.raises(MakedocsError, match=r":2: \[booklet\.caption\] colour: '#993300' is not"):
        Table(broken, "booklet", "caption").colour("colour")


def test_true_is_not_a_length(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "[booklet.marks]\nlength = true\n")
    with pytest.raises(MakedocsError, match=r":2: \[booklet\.marks\] length: not a length: True"):
        Table(theme, "booklet", "marks").length("length")


def test_the_booklet_names_the_families_its_roles_use(tmp_path: Path) -> None:
    from makedocs.booklet.style import font_families

    # code blocks are set in the code role's family (issue 9: code in a monospaced font)
    assert font_families(load_theme("default")) == ("serif", "sans", "mono")
    assert font_families(_theme(tmp_path, '[booklet]\nlabel_font = "serif"\n')) == (
        "serif",
        "mono",
    )
