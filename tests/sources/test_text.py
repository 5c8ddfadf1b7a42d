"""The organisation's plain-text format, checked on the seed exactly as they wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import MakedocsError, Warned
from makedocs.model import Attribution, Epigraph, Paragraph, PullQuote, Quote, story_text
from makedocs.sources.text import is_title_line, parse_text
from tests.conftest import SEED, words


@pytest.fixture(scope="module")
def stories() -> list:
    return parse_text(SEED, "seeds/link-stories.txt", Warned())


def test_the_seed_holds_two_stories_with_their_exact_titles(stories: list) -> None:
    assert [s.title for s in stories] == [
        "Beyond Utopia: Documenting the Escape From North Korea",
        "Humans of North Korea: YuSung",
    ]
    assert [s.source.line for s in stories] == [1, 20]


def test_the_first_story_opens_with_the_indiewire_epigraph(stories: list) -> None:
    epigraph = stories[0].blocks[0]
    assert isinstance(epigraph, Epigraph)
    assert epigraph.attribution == "IndieWire"
    text = epigraph.content[0].text
    assert text.startswith("\u201c\u2026When life hands you")
    assert text.endswith("turn it down.\u201d")


def test_the_second_story_ends_with_the_tellers_attribution(stories: list) -> None:
    last = stories[1].blocks[-1]
    assert isinstance(last, Attribution)
    assert last.text == "Yusung Park, escaped North Korea in 2008"
    assert last.source.line == 36


def test_an_unclosed_quotation_is_closed_and_its_inner_quote_nested(stories: list) -> None:
    pulls = [b for b in stories[1].blocks if isinstance(b, PullQuote)]
    assert len(pulls) == 2
    assert pulls[0].content[0].text == (
        "\u201cIf I saw her today I would walk up to her with a piece of roasted and corn and "
        "just say \u2018remember me?\u2019\u201d"
    )


def test_a_stranded_closing_mark_moves_back_to_the_quotation_it_closes(stories: list) -> None:
    blocks = stories[1].blocks
    index = next(i for i, b in enumerate(blocks) if b.source.line == 29)
    assert isinstance(blocks[index], PullQuote)
    assert blocks[index].content[0].text == (
        "\u201cIf I had told them the truth, they would have arrested us immediately.\u201d"
    )
    after = blocks[index + 1]
    assert isinstance(after, Paragraph)
    assert after.content[0].text.startswith("We left North Korea a year after")


def test_no_straight_quotes_survive(stories: list) -> None:
    for story in stories:
        text = story_text(story)
        assert '"' not in text and "'" not in text


def test_every_word_of_the_seed_appears_once_and_in_order(stories: list) -> None:
    source_words = words(SEED.read_text("utf-8"))
    model_words = [w for s in stories for w in words(story_text(s))]
    assert model_words == source_words


def test_typos_in_the_source_stay_typos(stories: list) -> None:
    assert "roasted and corn" in story_text(stories[1])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Humans of North Korea: YuSung", True),
        ("Beyond Utopia: Documenting the Escape From North Korea", True),
        ("It saddens me to think about all the family photos.", False),
        ("\u201cIf I had told them the truth", False),
        ("\u2014 Yusung Park, escaped North Korea in 2008", False),
        ("the river at night", False),
    ],
)
def test_title_lines_are_told_apart_from_prose(line: str, expected: bool) -> None:
    assert is_title_line(line) is expected


def test_a_quotation_with_a_source_mid_story_is_a_block_quote(tmp_path: Path) -> None:
    source = tmp_path / "s.txt"
    source.write_text('A Story\nFirst paragraph here.\n"Words matter." \u2013 A Reader\n', "utf-8")
    story = parse_text(source, "s.txt", Warned())[0]
    assert isinstance(story.blocks[1], Quote)
    assert story.blocks[1].attribution == "A Reader"


def test_an_empty_file_is_an_error_naming_it(tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("\n\n", "utf-8")
    with pytest.raises(MakedocsError, match="empty"):
        parse_text(source, "empty.txt", Warned())


def test_a_lone_line_is_kept_as_text_under_a_title_from_the_file_name(tmp_path: Path) -> None:
    source = tmp_path / "river-crossing.txt"
    source.write_text("Only A Title Here\n", "utf-8")
    warned = Warned()
    story = parse_text(source, "river-crossing.txt", warned)[0]
    assert story.title == "River Crossing"
    assert story.blocks[0].content[0].text == "Only A Title Here"
    assert warned.items[0].startswith("river-crossing.txt:1: warning:")


def test_bom_and_crlf_just_work(tmp_path: Path) -> None:
    source = tmp_path / "w.txt"
    source.write_bytes("\ufeffA Windows Story\r\nIt was written on Windows.\r\n".encode())
    story = parse_text(source, "w.txt", Warned())[0]
    assert story.title == "A Windows Story"
    assert story.blocks[0].content[0].text == "It was written on Windows."
