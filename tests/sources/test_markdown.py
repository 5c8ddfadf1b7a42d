"""Markdown sources: front matter, the conventions for epigraph, pull quote and attribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import MakedocsError, Warned
from makedocs.model import (
    Attribution,
    Divider,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    Link,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Strong,
    block_text,
)
from makedocs.sources.markdown import parse_markdown
from tests.conftest import FIXTURES, words

STORY = FIXTURES / "markdown" / "story.md"


@pytest.fixture(scope="module")
def story():  # noqa: ANN201
    return parse_markdown(STORY, "story.md", Warned())[0]


def test_front_matter_fills_the_story(story) -> None:  # noqa: ANN001
    assert story.title == "The Price of Beans"
    assert story.subtitle == "A message in code"
    assert story.byline == "As told to a volunteer"
    assert story.tags == ("escape", "family")
    assert story.image is not None
    assert story.image.alt == "A river at dusk seen from a hillside"
    assert story.image.focus == (0.5, 0.3)


def test_block_types_follow_the_documented_conventions(story) -> None:  # noqa: ANN001
    kinds = [type(b) for b in story.blocks]
    assert kinds == [
        Epigraph,
        Paragraph,
        PullQuote,
        Paragraph,
        Image,
        Heading,
        ListBlock,
        Quote,
        Divider,
        Attribution,
    ]
    epigraph, quote = story.blocks[0], story.blocks[7]
    assert epigraph.attribution == "A mother from Hyesan"
    assert quote.attribution == "From the family\u2019s account"
    assert story.blocks[-1].text == "Told in Seoul, 2024"


def test_inline_emphasis_strong_and_links_are_kept(story) -> None:  # noqa: ANN001
    paragraph = story.blocks[1]
    assert any(isinstance(n, Emphasis) for n in paragraph.content)
    assert any(isinstance(n, Strong) for n in paragraph.content)
    link = next(n for n in story.blocks[3].content if isinstance(n, Link))
    assert link.url == "https://example.org/stories"


def test_an_image_alone_in_a_paragraph_is_an_image_block(story) -> None:  # noqa: ANN001
    image = story.blocks[4]
    assert image.path == "photos/bag.jpg"
    assert image.alt == "A small cloth bag on a table"
    assert (image.caption, image.credit) == ("The bag we carried", "Photo: Family archive")
    assert image.source.line == 23


def test_block_lines_point_at_the_markdown_source(story) -> None:  # noqa: ANN001
    assert [b.source.line for b in story.blocks[:3]] == [13, 16, 19]


def _model_words(blocks: tuple) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Image):
            out += words(f"{block.alt} {block.caption} {block.credit}")
        else:
            out += words(block_text(block))
    return out


def test_every_body_word_appears_once_in_order(story) -> None:  # noqa: ANN001
    body = STORY.read_text("utf-8").split("---\n", 2)[2]
    body = body.replace("(https://example.org/stories)", "").replace("photos/bag.jpg", "")
    assert _model_words(story.blocks) == words(body)


def test_every_word_of_a_two_story_file_appears_once_in_order() -> None:
    source = FIXTURES / "markdown" / "two-stories.md"
    stories = parse_markdown(source, "two.md", Warned())
    got = [w for s in stories for w in words(s.title) + _model_words(s.blocks)]
    # List numbers are markup (the model keeps ``start``), not words.
    text = source.read_text("utf-8").replace("1. ", "").replace("2. ", "")
    assert got == words(text)


def test_every_level_one_heading_starts_a_story() -> None:
    stories = parse_markdown(FIXTURES / "markdown" / "two-stories.md", "two.md", Warned())
    assert [s.title for s in stories] == ["First Crossing", "Second Crossing"]
    assert stories[0].blocks[1].ordered is True


def test_invalid_yaml_front_matter_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text("---\ntitle: ok\nsummary: [unclosed\n---\n\nText.\n", "utf-8")
    with pytest.raises(MakedocsError) as caught:
        parse_markdown(source, "bad.md", Warned())
    assert str(caught.value).startswith("bad.md:")
    assert "front matter" in str(caught.value)


def test_unknown_front_matter_keys_warn(tmp_path: Path) -> None:
    source = tmp_path / "k.md"
    source.write_text("---\ntitle: T\ncolour: red\n---\n\nText here.\n", "utf-8")
    warned = Warned()
    parse_markdown(source, "k.md", warned)
    assert warned.items == ["k.md:3: warning: unknown front matter key 'colour'"]
