"""An organisation's template keeps its theme fonts: runs inherit them (``+mn-lt``/``+mj-lt``),
and text is measured with a bundled metric-compatible font, or else a wider stand-in, which
``--check-template`` names."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from makedocs.cli import main
from makedocs.deck.style import deck_style
from makedocs.theme import load_theme
from tests.conftest import FIXTURES
from tests.deck.measure import measure
from tests.deck.test_org_template import MAPPING, config, deck
from tests.deck.test_render import fitted

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def themed_fonts(tmp_path: Path, major: str, minor: str) -> Path:
    """The renamed-layouts fixture with its theme's heading and body fonts replaced."""
    path = tmp_path / f"{major}-{minor}.pptx".replace(" ", "_")
    prs = Presentation(str(FIXTURES / "renamed-layouts.pptx"))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    blob = theme.blob
    head, tail = blob.split(b"<a:minorFont>")
    head = head.replace(b'<a:latin typeface="Calibri"', f'<a:latin typeface="{major}"'.encode())
    tail = tail.replace(b'<a:latin typeface="Calibri"', f'<a:latin typeface="{minor}"'.encode(), 1)
    theme.blob = head + b"<a:minorFont>" + tail
    prs.save(str(path))
    return path


def check(tmp_path: Path, template: Path) -> str:
    result = CliRunner().invoke(
        main,
        ["deck", "--check-template", str(template), "--config", str(config(tmp_path, MAPPING))],
    )
    assert result.exit_code == 0, result.output
    return result.output


def faces(path: Path) -> tuple[set[str | None], set[str | None]]:
    """The latin typefaces runs name: in placeholders, and in text boxes."""
    prs = Presentation(str(path))
    in_placeholders: set[str | None] = set()
    in_boxes: set[str | None] = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            found = in_placeholders if shape.is_placeholder else in_boxes
            for run in shape.element.iter(f"{A}r"):
                latin = run.find(f"{A}rPr/{A}latin")
                found.add(latin.get("typeface") if latin is not None else None)
    return in_placeholders, in_boxes


def test_text_inherits_a_georgia_theme_and_is_measured_with_the_stand_in(tmp_path: Path) -> None:
    template = themed_fonts(tmp_path, "Georgia", "Georgia")
    out, output = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    assert "template font 'Georgia' has no bundled metrics" in output
    in_placeholders, in_boxes = faces(out)
    assert in_placeholders == {None}  # no typeface named: the theme's Georgia shows
    assert in_boxes == {"+mn-lt"}  # the QR code's address: the theme's body font
    for run in Presentation(str(out)).slides[2].shapes.title.element.iter(f"{A}rPr"):
        assert run.find(f"{A}ea") is None
    stand_in = deck_style(load_theme("default")).metrics
    assert fitted(out, measure(stand_in.stand_in, stand_in.stand_in_margin)) == []
    report = check(tmp_path, template)
    assert "theme font: Georgia" in report
    assert "headings: Georgia, measured with the stand-in Noto Sans, every width 10% wider" in (
        report
    )
    assert "body: Georgia, measured with the stand-in Noto Sans" in report


@pytest.mark.parametrize(
    ("major", "minor", "lines"),
    [
        (
            "Arial",
            "Arial",
            ["headings: Arial, measured with Liberation Sans (metric-compatible)"],
        ),
        (
            "Cambria",
            "Calibri",
            [
                "headings: Cambria, measured with Caladea (metric-compatible)",
                "body: Calibri, measured with Carlito (metric-compatible)",
            ],
        ),
    ],
)
def test_check_template_names_the_font_each_theme_font_is_measured_with(
    tmp_path: Path, major: str, minor: str, lines: list[str]
) -> None:
    template = themed_fonts(tmp_path, major, minor)
    report = check(tmp_path, template)
    for line in lines:
        assert line in report
    out, output = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    assert "warning" not in output  # metric-compatible: nothing to warn about
    assert faces(out)[0] == {None}


def test_titles_and_body_are_measured_in_their_own_theme_fonts(tmp_path: Path) -> None:
    """Headings in Times New Roman, body in Arial: each box re-measured in its own font fits."""
    from tests.deck.measure import text_height

    template = themed_fonts(tmp_path, "Times New Roman", "Arial")
    out, _ = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    serif, sans = measure("liberation_serif"), measure("liberation_sans")
    prs = Presentation(str(out))
    checked = 0
    for slide in prs.slides:
        for shape in slide.placeholders:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            kind = shape.placeholder_format.type
            title = "TITLE" in str(kind)  # TITLE or CENTER_TITLE
            need, room = text_height(shape, serif if title else sans)
            assert need <= room, (shape.name, need, room)
            checked += 1
    assert checked > 20


def test_the_bundled_templates_keep_naming_their_fonts(seed_deck: Path) -> None:
    style = deck_style(load_theme("default"))
    in_placeholders, in_boxes = faces(seed_deck)
    assert in_placeholders == in_boxes == {style.latin_typeface}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[deck.metrics]\ncompatible = [["Arial", "nowhere", 1.0]]\n',
            r"\[deck\.metrics\] compatible must be a list of \[typeface, \[fonts\] family",
        ),
        (
            '[deck.metrics]\nstand_in = "nowhere"\n',
            r"\[deck\.metrics\] stand_in must be a font family of \[fonts\]",
        ),
        ('[deck.body]\nmarker = "gold"\n', r"\[deck\.body\] marker must be a slot of the colour"),
    ],
)
def test_a_bad_font_or_colour_slot_is_an_error_at_its_line(
    tmp_path: Path, text: str, message: str
) -> None:
    from makedocs.errors import MakedocsError

    (tmp_path / "theme.toml").write_text(text, "utf-8")
    with pytest.raises(MakedocsError, match=rf"theme\.toml:2: {message}"):
        deck_style(load_theme(str(tmp_path)))
