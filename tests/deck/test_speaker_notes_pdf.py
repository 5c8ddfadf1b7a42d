"""dist/speaker-notes.pdf: the speaker's script, read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from makedocs.cli import main
from makedocs.errors import Warned
from makedocs.model import Paragraph, plain_text
from makedocs.sources.text import parse_text
from tests.conftest import SEED, words
from tests.deck.conftest import CONFIG
from tests.pdfcheck import embedded_fonts


def test_script_lists_every_slide_with_number_title_and_timing(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "speaker-notes.pdf")
    text = "\n".join(p.extract_text() for p in reader.pages)
    deck = Presentation(str(seed_build / "deck.pptx"))
    flat = " ".join(text.split())
    position = 0
    for number, slide in enumerate(deck.slides, start=1):
        title = " ".join(slide.shapes.title.text_frame.text.split())
        found = flat.find(f"{number}. {title[:40]}", position)
        assert found >= 0, (number, title)
        position = found
    assert len(re.findall(r"Estimated speaking time: \d+ min \d+ s", flat)) == len(deck.slides)
    assert "Total estimated speaking time" in flat
    assert "Introduction (under 1 min)" in flat  # each section of the deck is headed
    assert re.search(r"Humans of North Korea: YuSung \(about \d+ min\)", flat)


def test_script_carries_every_paragraph_in_order(seed_build: Path) -> None:
    reader = PdfReader(seed_build / "speaker-notes.pdf")
    text = " ".join(words(" ".join(p.extract_text() for p in reader.pages)))
    position = 0
    for story in parse_text(SEED, "seed", Warned()):
        for block in story.blocks:
            if isinstance(block, Paragraph):
                probe = " ".join(words(plain_text(block.content))[:8])
                found = text.find(probe, position)
                assert found >= 0, probe
                position = found


def test_script_embeds_bundled_fonts_and_no_helvetica(seed_build: Path) -> None:
    fonts = embedded_fonts(PdfReader(seed_build / "speaker-notes.pdf"))
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert any("NotoSans" in name for name in fonts)


def test_hangul_in_notes_uses_the_korean_font(photo_story: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.pdf"
    result = CliRunner().invoke(
        main,
        [
            "deck",
            str(photo_story),
            "-o",
            str(tmp_path / "d.pptx"),
            "--notes",
            str(out),
            "--config",
            str(CONFIG),
        ],
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    fonts = embedded_fonts(reader)
    assert any("NanumGothic" in name for name in fonts) and all(fonts.values())
    assert "우리는 밤에 강을 건넜습니다" in " ".join(p.extract_text() for p in reader.pages)


def test_a_code_slide_s_notes_are_set_as_written_in_the_monospaced_font(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from pypdf import PdfReader

    from makedocs.cli import main
    from tests.pdfcheck import embedded_fonts

    story = tmp_path / "src" / "code.md"
    story.parent.mkdir()
    story.write_text(
        "# Code Story\n\nA paragraph.\n\n```python\ndef escape(route):\n"
        "    return route  # keep   the spaces\n```\n",
        "utf-8",
    )
    notes = tmp_path / "notes.pdf"
    result = CliRunner().invoke(
        main, ["deck", str(story), "-o", str(tmp_path / "d.pptx"), "--notes", str(notes)]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(notes)
    assert any("NotoSansMono" in name for name in embedded_fonts(reader))
    # pypdf reads the spaces as drawn (pdftotext and pdfium guess spaces from gaps).
    lines = " ".join(page.extract_text() for page in reader.pages).splitlines()
    assert "    return route  # keep   the spaces" in lines
