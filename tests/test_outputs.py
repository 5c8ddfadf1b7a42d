"""The seed build read back with real parsers: pypdf for the booklet, python-pptx for the deck."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

from makedocs.errors import Warned
from makedocs.model import Paragraph, plain_text
from makedocs.sources.text import parse_text
from tests.conftest import SEED, words
from tests.pdfcheck import embedded_fonts


def test_booklet_has_a_cover_and_starts_each_story_on_its_own_page(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "booklet.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Beyond Utopia" in pages[0]
    # The contents page lists every title; apart from it, a title opens exactly one page.
    contents = next(i for i, t in enumerate(pages) if t.startswith("Contents"))
    starts = [
        i for i, t in enumerate(pages) if "Humans of North Korea: YuSung" in t and i != contents
    ]
    assert len(starts) == 1 and starts[0] > contents > 0
    opener = next(i for i, t in enumerate(pages) if "Documenting the Escape" in t and i != contents)
    assert contents < opener < starts[0]


def test_booklet_pages_are_half_letter(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "booklet.pdf")
    for page in reader.pages:
        assert round(float(page.trimbox.width)) == 396
        assert round(float(page.trimbox.height)) == 612


def test_every_font_in_the_booklet_is_embedded(seed_build: Path) -> None:
    fonts = embedded_fonts(PdfReader(seed_build / "booklet.pdf"))
    assert fonts and all(fonts.values()), fonts
    assert any("NotoSerif" in name for name in fonts)


def test_every_paragraph_of_the_seed_is_in_the_booklet_in_order(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "booklet.pdf")
    # Letters only: hyphenation splits words at line ends ("impor- tant") and a drop cap is
    # drawn apart from the rest of its word ("S haring"); neither changes the letters.
    text = "".join(words(" ".join(p.extract_text() for p in reader.pages))).casefold()
    position = 0
    for story in parse_text(SEED, "seed", Warned()):
        for block in story.blocks:
            if isinstance(block, Paragraph):
                probe = "".join(words(plain_text(block.content))[:4]).casefold()
                found = text.find(probe, position)
                assert found >= 0, probe
                position = found


def test_deck_is_16_9_with_story_titles_and_notes(seed_build: Path) -> None:
    deck = Presentation(str(seed_build / "deck.pptx"))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    assert "Beyond Utopia: Documenting the Escape From North Korea" in titles
    assert "Humans of North Korea: YuSung" in titles
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert "The price of beans has been steadily going down" in notes
    assert "Are these real strawberries?!" in notes
