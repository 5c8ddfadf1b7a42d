"""Decks rendered by LibreOffice: every character lies inside its slide, and nothing is tofu.

Skipped only where soffice is not installed (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from tests.deck.collection import write_collection
from tests.deck.conftest import build_deck
from tests.deck.test_render import fitted

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def to_pdf(deck: Path, out: Path) -> Path:
    profile = out / "lo-profile"
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(out)},
    )
    pdf = out / (deck.stem + ".pdf")
    assert pdf.is_file()
    return pdf


def outside(pdf: Path) -> list[tuple[int, str]]:
    """Characters whose box is not inside the page."""
    import pypdfium2 as pdfium

    bad = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for number in range(len(doc)):
            page = doc[number]
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if not char.strip():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                if left < -0.5 or bottom < -0.5 or right > width + 0.5 or top > height + 0.5:
                    bad.append((number + 1, char))
    finally:
        doc.close()
    return bad


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_collection(tmp_path_factory.mktemp("twenty") / "stories")
    return build_deck(folder.parent / "deck.pptx", sources=(folder,))[0]


def test_twenty_stories_fit_by_measurement(twenty: Path) -> None:
    deck = Presentation(str(twenty))
    assert len(deck.slides) > 60
    assert fitted(twenty) == []
    names = [s.shapes.title.text_frame.text for s in deck.slides]
    assert any(n.endswith("(cont.)") for n in names)  # some text really had to move on
    assert len(set(names)) == len(names)


def test_twenty_stories_in_4_3_fit_and_stay_on_the_slide(twenty: Path, tmp_path: Path) -> None:
    folder = write_collection(tmp_path / "stories")
    deck = build_deck(tmp_path / "d43.pptx", "--aspect", "4:3", sources=(folder,))[0]
    assert Presentation(str(deck)).slide_width == 9144000
    assert fitted(deck) == []
    assert outside(to_pdf(deck, tmp_path)) == []


@pytest.mark.parametrize("which", ["seed", "photo", "twenty"])
def test_every_character_lies_inside_the_slide_in_libreoffice(
    which: str, seed_deck: Path, photo_deck: Path, twenty: Path, tmp_path: Path
) -> None:
    import pypdfium2 as pdfium

    deck = {"seed": seed_deck, "photo": photo_deck, "twenty": twenty}[which]
    pdf = to_pdf(deck, tmp_path)
    doc = pdfium.PdfDocument(str(pdf))
    pages = len(doc)
    doc.close()
    assert pages == len(Presentation(str(deck)).slides)
    assert outside(pdf) == []


def test_seed_deck_text_is_all_in_the_pdf(seed_deck: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = to_pdf(seed_deck, tmp_path)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    for title in ("Beyond Utopia", "Humans of North Korea: YuSung", "Agenda"):
        assert title in text
    assert "\ufffd" not in text and "□" not in text
