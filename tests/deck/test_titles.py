"""Slide titles: unique, with only continuations marked ("(cont.)", then "(cont. 2)" where a
story needs more), and a photo slide titled by its caption."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation

from makedocs.model import Collection, Image, Metadata, Paragraph, Source, Story, Text
from tests.deck.conftest import render, write_photo

S = Source("s.md", 1)


def titles(path: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]


def key(title: str) -> str:
    return " ".join(title.split()).casefold()


def test_only_continuations_are_marked_and_titles_stay_unique(seed_deck: Path) -> None:
    names = titles(seed_deck)
    assert len({key(n) for n in names}) == len(names)
    assert not any(re.search(r"\(\d+\)$", key(n)) for n in names)  # no "(1)…(6)"
    story = "Humans of North Korea: YuSung"
    mine = [key(n) for n in names if key(n).startswith(story.casefold())]
    cont = key(story + "\u00a0(cont.)")
    # the section slide keeps the title; the slides after it continue it, numbered from the
    # second continuation on
    assert mine[:3] == [story.casefold(), cont, key(story + " (cont. 2)")]
    assert all(m == story.casefold() or m.startswith(cont[:-1]) for m in mine)


def test_a_photo_slide_shows_its_caption_not_a_suffix(photo_deck: Path) -> None:
    names = titles(photo_deck)
    assert "The river at the border" in names  # the story's picture
    assert "The bag we carried" in names  # a picture in the story
    assert "A woven pattern" in names
    assert not any("(photo)" in n for n in names)


def test_a_photo_without_caption_shows_what_it_shows(tmp_path: Path) -> None:
    write_photo(tmp_path / "p.jpg", (1600, 900), (10, 90, 40))
    image = Image("p.jpg", "Rice fields under snow", "", "", S, base_dir=str(tmp_path))
    decorative = Image("p.jpg", "", "", "", S, base_dir=str(tmp_path), decorative=True)
    story = Story(
        "Fields",
        (Paragraph((Text("We walked."),), S), image, decorative),
        S,
    )
    out, _ = render(Collection(Metadata(title="T"), (story,)), tmp_path / "d.pptx")
    names = titles(out)
    assert "Rice fields under snow" in names  # the alt text when there is no caption
    assert names[-1] == "Fields\u00a0(cont.\u00a02)"  # a decorative one continues its story
    assert len({key(n) for n in names}) == len(names)
