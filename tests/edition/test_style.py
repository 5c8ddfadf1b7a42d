"""The stylesheet comes from the theme: contrast of the theme's actual colours, relative units,
and an honest conformance claim when a theme falls short."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from makedocs.context import BuildContext
from makedocs.edition import edition_findings, render_epub
from makedocs.edition.css import stylesheet
from makedocs.edition.style import AA_TEXT_CONTRAST, contrast, load_edition_style
from makedocs.errors import MakedocsError, Warned
from makedocs.resources import TEMPLATES_DIR
from makedocs.theme import load_theme
from tests.edition.conftest import Built
from tests.edition.reading import Epub

_ABSOLUTE = re.compile(r"(?<![\w#-])\d+(\.\d+)?(px|pt|pc|cm|mm|in|q)\b", re.I)
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic fail


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_of_the_default_theme_has_aa_contrast(scheme: str) -> None:
    theme = load_theme()
    style = load_edition_style(theme)
    palette = getattr(style, scheme)
    if scheme == "light":  # the light scheme is the booklet's own colours
        assert palette.text == theme.colours["ink"] and palette.background == theme.colours["paper"]
    for name, colour in palette.foregrounds().items():
        ratio = contrast(colour, palette.background)
        assert ratio >= AA_TEXT_CONTRAST, f"{scheme} {name} {colour}: {ratio:.2f}:1"


@pytest.mark.parametrize("web", [False, True])
def test_the_stylesheet_uses_only_the_palettes_and_relative_sizes(web: bool) -> None:
    style = load_edition_style(load_theme())
    css = stylesheet(style, web=web)
    colours = {found.lower() for found in _HEX.findall(css)}
    palettes = set(vars_of(style.light)) | set(vars_of(style.dark))
    assert colours == palettes
    assert not _ABSOLUTE.search(css), _ABSOLUTE.search(css)
    assert "@page" not in css and "!important" not in css
    assert css.count("{") == css.count("}")


def vars_of(palette: object) -> list[str]:
    return [getattr(palette, name) for name in ("text", "muted", "accent", "background")]


def _theme_with(tmp_path: Path, replace: dict[str, str]) -> Path:
    text = (TEMPLATES_DIR / "default" / "theme.toml").read_text("utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "theme.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_theme_with_weak_contrast_gets_no_conformance_claim_and_a_warning(
    tmp_path: Path, every_block: Built
) -> None:
    theme = load_theme(str(_theme_with(tmp_path, {'muted = "muted"': 'muted = "#aaaaaa"'})))
    buffer = io.BytesIO()
    render_epub(every_block.collection, BuildContext.create(theme, Warned()), buffer)
    props = Epub(buffer.getvalue()).properties()
    assert "dcterms:conformsTo" not in props
    assert "no WCAG conformance is claimed" in props["schema:accessibilitySummary"][0]
    messages = [f.message for f in edition_findings(every_block.collection, theme)]
    assert any("[edition.light] muted has a contrast of 2.32:1" in m for m in messages), messages


def test_an_absolute_size_in_the_theme_is_refused_at_the_theme(tmp_path: Path, every_block) -> None:
    path = _theme_with(tmp_path, {'title_size = "1.9em"': 'title_size = "24px"'})
    with pytest.raises(MakedocsError, match="relative size") as caught:
        render_epub(
            every_block.collection,
            BuildContext.create(load_theme(str(path)), Warned()),
            io.BytesIO(),
        )
    assert caught.value.path == path.as_posix()


def test_a_theme_without_an_edition_table_uses_the_default_values(tmp_path: Path) -> None:
    text = (TEMPLATES_DIR / "default" / "theme.toml").read_text("utf-8")
    path = tmp_path / "theme.toml"
    path.write_text(text[: text.index("[edition]")], "utf-8")
    theme = load_theme(str(path))
    assert theme.edition == {}
    mine, default = load_edition_style(theme), load_edition_style(load_theme())
    assert (mine.values, mine.light, mine.dark) == (default.values, default.light, default.dark)
