"""The bundled themes: each builds every output, they look different, and large print keeps
its promises (body at 18 pt or more, no italics, ragged right) in the PDF itself."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.cli import main
from makedocs.outputs import outputs
from makedocs.theme import load_theme, theme_names
from tests.conftest import ROOT, SEEDS
from tests.pdfcheck import embedded_fonts

THEMES = ("default", "bold", "large-print")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {}
    for theme in THEMES:
        out = tmp_path_factory.mktemp(theme)
        result = CliRunner().invoke(
            main,
            [
                "build",
                str(SEEDS),
                "-o",
                str(out),
                "--theme",
                theme,
                "--config",
                str(ROOT / "makedocs.toml"),
            ],
        )
        assert result.exit_code == 0, result.output
        found[theme] = out
    return found


def test_three_themes_are_bundled_and_described() -> None:
    assert set(THEMES) <= set(theme_names())
    result = CliRunner().invoke(main, ["themes"])
    for theme in THEMES:
        line = next(line for line in result.output.splitlines() if line.startswith(theme + " "))
        assert len(line.split(None, 1)[1]) > 20  # a real description
        assert load_theme(theme).description


def test_each_theme_builds_every_output_and_they_differ(builds: dict[str, Path]) -> None:
    expected = sorted(o.filename for o in outputs().values() if o.in_build)
    for theme, out in builds.items():
        assert sorted(p.name for p in out.iterdir()) == expected, theme
    for name in expected:
        contents = {theme: (out / name).read_bytes() for theme, out in builds.items()}
        assert len(set(contents.values())) == len(THEMES), f"{name} is the same in two themes"


def _sizes(pdf: Path, pages: range | None = None) -> Counter[float]:
    """Characters per font size on the given pages (pypdfium2 reads the real sizes)."""
    document = pdfium.PdfDocument(str(pdf))
    found: Counter[float] = Counter()
    try:
        for index in pages or range(len(document)):
            text = document[index].get_textpage()
            for char in range(text.count_chars()):
                if text.get_text_range(char, 1).strip():
                    found[round(pdfium.raw.FPDFText_GetFontSize(text, char), 1)] += 1
    finally:
        document.close()
    return found


def _story_pages(pdf: Path) -> range:
    """The pages between the contents and the back cover."""
    return range(3, len(PdfReader(pdf).pages) - 1)


def test_large_print_body_text_is_at_least_18_pt(builds: dict[str, Path]) -> None:
    pdf = builds["large-print"] / "booklet.pdf"
    sizes = _sizes(pdf, _story_pages(pdf))
    body, count = sizes.most_common(1)[0]
    assert body >= 18.0, sizes
    # Everything a reader reads runs at 14 pt or more (folios and running heads included).
    assert min(sizes) >= 12.0, sizes
    assert count > 0.8 * sum(sizes.values())


def test_large_print_has_no_italic_font_at_all(builds: dict[str, Path]) -> None:
    for name in ("booklet.pdf", "speaker-notes.pdf"):
        fonts = embedded_fonts(PdfReader(builds["large-print"] / name))
        assert fonts and not [f for f in fonts if "italic" in f.lower()], (name, fonts)
    assert any(
        "italic" in f.lower() for f in embedded_fonts(PdfReader(builds["default"] / "booklet.pdf"))
    )


def _quote_faces(deck: Path) -> set[tuple[bool | None, bool | None]]:
    """(bold, italic) of every run of the quote slides' quotations."""
    from pptx import Presentation

    faces = set()
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.startswith("\u201c"):
                for paragraph in shape.text_frame.paragraphs:
                    faces |= {(run.font.bold, run.font.italic) for run in paragraph.runs}
    return faces


def test_large_print_quote_slides_are_bold_not_italic(builds: dict[str, Path]) -> None:
    """The deck follows the theme's [deck.quote] style: no italics in large print."""
    assert _quote_faces(builds["large-print"] / "deck.pptx") == {(True, False)}
    assert _quote_faces(builds["default"] / "deck.pptx") == {(False, True)}


def _right_edges(pdf: Path) -> list[list[float]]:
    """The right end of every text line, page by page, on the story pages."""
    document = pdfium.PdfDocument(str(pdf))
    edges: list[list[float]] = []
    try:
        for index in _story_pages(pdf):
            text = document[index].get_textpage()
            lines: dict[float, float] = {}
            for char in range(text.count_chars()):
                if not text.get_text_range(char, 1).strip():
                    continue
                left, bottom, right, top = text.get_charbox(char, loose=True)
                key = round(bottom)
                lines[key] = max(lines.get(key, 0.0), right)
            edges.append(list(lines.values()))
    finally:
        document.close()
    return edges


def _share_at_the_margin(pdf: Path) -> float:
    """How many lines end at their page's right margin (left and right pages differ)."""
    at_margin = total = 0
    for page in _right_edges(pdf):
        if len(page) < 5:
            continue
        margin = max(page)
        at_margin += sum(1 for edge in page if margin - edge < 1.5)
        total += len(page)
    return at_margin / total


def test_large_print_is_ragged_right_where_the_default_is_justified(
    builds: dict[str, Path],
) -> None:
    assert _share_at_the_margin(builds["default"] / "booklet.pdf") > 0.6
    assert _share_at_the_margin(builds["large-print"] / "booklet.pdf") < 0.25
