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


def _theme(tmp_path: Path, text: str):
    """A theme that sets only what it changes; the rest comes from the bundled default."""
    path = tmp_path / "brand" / "theme.toml"
    path.parent.mkdir()
    path.write_text(text, "utf-8")
    return load_theme(str(path)), path


def test_a_theme_with_weak_contrast_gets_no_conformance_claim_and_a_warning(
    tmp_path: Path, every_block: Built
) -> None:
    theme, path = _theme(tmp_path, '[edition.light]\nmuted = "#aaaaaa"\n')
    buffer = io.BytesIO()
    render_epub(every_block.collection, BuildContext.create(theme, Warned()), buffer)
    props = Epub(buffer.getvalue()).properties()
    assert "dcterms:conformsTo" not in props
    assert "no WCAG conformance is claimed" in props["schema:accessibilitySummary"][0]
    (weak,) = [
        f for f in edition_findings(every_block.collection, theme) if "contrast" in f.message
    ]
    assert weak.message.startswith("[edition.light] muted has a contrast of 2.32:1")
    assert (weak.level, weak.path, weak.line) == ("warning", path.as_posix(), 2)


def test_an_absolute_size_in_the_theme_is_refused_at_its_line(
    tmp_path: Path, every_block: Built
) -> None:
    theme, path = _theme(tmp_path, '# brand\n[edition]\ntitle_size = "24px"\n')
    with pytest.raises(MakedocsError, match="relative size") as caught:
        render_epub(every_block.collection, BuildContext.create(theme, Warned()), io.BytesIO())
    assert (caught.value.path, caught.value.line) == (path.as_posix(), 3)
    (error,) = [f for f in edition_findings(every_block.collection, theme) if f.level == "error"]
    assert (error.path, error.line) == (path.as_posix(), 3)


def test_a_theme_that_changes_one_colour_changes_only_that_one(tmp_path: Path) -> None:
    theme, _ = _theme(tmp_path, '[colours]\npaper = "#fbf8f1"\n')
    mine, default = load_edition_style(theme), load_edition_style(load_theme())
    assert mine.light.background == "#fbf8f1"
    assert (mine.values, mine.dark) == (default.values, default.dark)
    assert (mine.light.text, mine.light.muted) == (default.light.text, default.light.muted)
