"""Fitting text by measuring: wrapping, stepping sizes down to the floors, continuation slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from makedocs.deck.fit import Box, Para, split_text
from tests.deck.conftest import build_deck
from tests.deck.measure import measure
from tests.deck.test_render import fitted


@pytest.fixture(scope="module")
def m():
    return measure()


def test_wrapped_lines_are_no_wider_than_the_box(m) -> None:
    text = "Every text box is measured with the metrics of the font the slide names. " * 4
    lines = m.lines(text.strip(), "regular", 24, 400)
    assert len(lines) > 3
    assert all(m.width(line, "regular", 24) <= 400 for line in lines)
    assert " ".join(lines) == " ".join(text.split())


def test_widths_are_carlito_metrics_and_hangul_uses_the_korean_font(m) -> None:
    # Calibri/Carlito: "Hello" is 2.2275 em at any size (advance widths 1.0 em = 2048 units)
    assert m.width("Hello", "regular", 10) == pytest.approx(m.width("Hello", "regular", 20) / 2)
    assert m.width("HELLO", "bold", 20) > m.width("HELLO", "regular", 20)
    hangul = m.width("우리는", "regular", 20)
    assert hangul > 0 and m.fonts.missing("우리는 밤에", "deck") == set()
    assert any(r.font.name.startswith("NanumGothic") for r in m.fonts.runs("우리는 a", "deck"))


def test_size_steps_down_to_the_floor_then_gives_up(m) -> None:
    box = Box(500, 150)
    short = [Para("A short sentence.")]
    assert m.best_size(short, box, 36, 18) == 36
    longer = [Para("word " * 60)]
    size = m.best_size(longer, box, 36, 18)
    assert size is not None and 18 <= size < 36
    assert m.fits(longer, size, box) and not m.fits(longer, size + 2, box)
    assert m.best_size([Para("word " * 400)], box, 36, 18) is None


def test_split_text_cuts_at_a_sentence_when_it_can(m) -> None:
    para = Para("First sentence here. " * 10 + "Last one.")
    head, rest = split_text(m, para, 24, Box(400, 100))
    assert head.endswith(".") and rest.startswith("First sentence") or rest == "Last one."
    assert m.fits([Para(head)], 24, Box(400, 100))
    assert " ".join((head + " " + rest).split()) == " ".join(para.text.split())


def test_long_titles_and_text_never_overflow(tmp_path: Path) -> None:
    words = " ".join(f"Word{n}" for n in range(60))
    (tmp_path / "src").mkdir()
    story = tmp_path / "src" / "long.md"
    story.write_text(
        f"# {words}\n\n"
        + ("A sentence that goes on and on about the border and the night. " * 40)
        + "\n\n- "
        + "\n- ".join(
            "An item that is long enough to wrap over two lines at least." for _ in range(14)
        )
        + "\n",
        "utf-8",
    )
    path, _ = build_deck(tmp_path / "d.pptx", sources=(story,))
    assert fitted(path) == []
    prs = Presentation(str(path))
    names = [s.shapes.title.text_frame.text for s in prs.slides]
    assert any(n.endswith("(cont.)") for n in names)
    sizes = {
        r.font.size.pt
        for s in prs.slides
        for sh in s.placeholders
        if sh.placeholder_format.idx == 1
        for p in sh.text_frame.paragraphs
        for r in p.runs
    }
    assert min(sizes) >= 18
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.top + shape.height <= prs.slide_height


def test_enormous_words_are_cut_between_characters_and_never_overflow(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    story = tmp_path / "src" / "w.md"
    url = "https://example.org/" + "a" * 300
    story.write_text(
        f"# {'Supercalifragilistic' * 6}\n\n{url} is where it was.\n\n"
        f"> “{'x' * 500}”\n> — {'y' * 200}\n\n- {'z' * 400}\n- short\n\n“{'q' * 250}”\n\n"
        + "우리는밤에강을건넜습니다" * 12
        + ".\n",
        "utf-8",
    )
    path, _ = build_deck(tmp_path / "d.pptx", sources=(story,))
    assert fitted(path) == []
    prs = Presentation(str(path))
    shown = "".join(s.shapes.title.text_frame.text for s in prs.slides)
    assert shown.count("x") == 500  # the quote, cut across slides, loses no character


def test_split_text_keeps_every_word(m) -> None:
    text = "one two three four five six seven eight nine ten " * 8
    head, rest = split_text(m, Para(text.strip()), 28, Box(300, 80))
    joined = (head.removesuffix("\u00a0…") + " " + rest.removeprefix("…\u00a0")).split()
    assert joined == text.split()
    giant = "x" * 400
    head, rest = split_text(m, Para(giant), 28, Box(300, 80))
    assert head.endswith("…") and rest.startswith("…")
    assert head[:-1] + rest[1:] == giant
    assert m.fits([Para(head)], 28, Box(300, 80))
