"""Model passes other than redaction (tests/privacy has those): long paragraphs, control chars."""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import MakedocsError, Warned
from makedocs.model import (
    Collection,
    Emphasis,
    Metadata,
    Paragraph,
    Source,
    Story,
    Text,
    plain_text,
)
from makedocs.transforms import (
    MAX_PARAGRAPH_CHARS,
    PARAGRAPH_PIECE,
    apply_transforms,
    refuse_unprintable,
    split_long_paragraphs,
)

SRC = Source("s.md", 7)


def _collection(*blocks: Paragraph, meta: Metadata | None = None) -> Collection:
    return Collection(meta or Metadata(), (Story("T", blocks, Source("s.md", 1)),))


def test_a_huge_paragraph_is_split_at_sentence_ends_keeping_every_word() -> None:
    sentence = "We crossed the river at night. "
    text = sentence * (3 * MAX_PARAGRAPH_CHARS // len(sentence))
    styled = Emphasis((Text("kept whole"),))
    paragraph = Paragraph((Text(text), styled, Text(" " + text)), SRC)
    warned = Warned()
    out = split_long_paragraphs(_collection(paragraph), warned)
    pieces = out.stories[0].blocks
    assert len(pieces) > 4 and all(isinstance(p, Paragraph) for p in pieces)
    assert all(p.source == SRC for p in pieces)
    assert all(len(plain_text(p.content)) <= 2 * PARAGRAPH_PIECE for p in pieces)
    assert all(
        plain_text(p.content).endswith("night.") for p in pieces[:-1] if styled not in p.content
    )
    assert sum(styled in p.content for p in pieces) == 1
    joined = " ".join(plain_text(p.content) for p in pieces)
    assert joined.split() == plain_text(paragraph.content).split()
    assert len(warned.items) == 1 and warned.items[0].startswith("s.md:7: warning: paragraph of")


def test_a_huge_paragraph_without_sentences_or_spaces_is_still_split() -> None:
    paragraph = Paragraph((Text("x" * (MAX_PARAGRAPH_CHARS + 5000)),), SRC)
    out = split_long_paragraphs(_collection(paragraph), Warned())
    pieces = out.stories[0].blocks
    assert len(pieces) == 4
    assert "".join(plain_text(p.content) for p in pieces) == "x" * (MAX_PARAGRAPH_CHARS + 5000)


def test_ordinary_paragraphs_are_left_alone() -> None:
    collection = _collection(Paragraph((Text("Short. " * 500),), SRC))
    assert split_long_paragraphs(collection, Warned()) is collection


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0c", "\ud800", "\x7f"])
def test_control_characters_from_yaml_escapes_are_refused_at_their_line(char: str) -> None:
    collection = _collection(Paragraph((Text("fine"),), SRC), Paragraph((Text(f"a{char}"),), SRC))
    with pytest.raises(MakedocsError) as caught:
        refuse_unprintable(collection)
    assert str(caught.value) == (
        f"s.md:7: text contains the control character U+{ord(char):04X}; remove it"
    )


def test_a_control_character_in_the_config_names_the_config(tmp_path: Path) -> None:
    collection = _collection(Paragraph((Text("ok"),), SRC), meta=Metadata(title="A\bB"))
    with pytest.raises(MakedocsError) as caught:
        apply_transforms(collection, {}, Warned(), "makedocs.toml")
    assert str(caught.value).startswith("makedocs.toml: text contains the control character")


def test_tabs_and_newlines_are_text() -> None:
    refuse_unprintable(_collection(Paragraph((Text("a\tb\nc"),), SRC)))
