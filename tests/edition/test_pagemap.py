"""PageMap: what the booklet hands over, and where the edition puts each page's marker."""

from __future__ import annotations

import io

import html5lib
import pytest

from makedocs.config import Settings
from makedocs.edition import render_html
from makedocs.edition.marks import Mark, place
from makedocs.edition.xhtml import split_marks
from makedocs.errors import Warned
from makedocs.load import new_context
from makedocs.model import (
    Collection,
    ListBlock,
    Metadata,
    Paragraph,
    Quote,
    Source,
    Story,
    Text,
    block_text,
)
from makedocs.pagemap import PageMap, PageStart


def _collection(stories: int = 2, blocks: int = 3, **meta: str) -> Collection:
    source = Source("s.md", 1)
    return Collection(
        Metadata(title="T", **meta),
        tuple(
            Story(
                f"Story {n}",
                tuple(
                    Paragraph((Text(f"Paragraph {b} of story {n}."),), source)
                    for b in range(blocks)
                ),
                source,
            )
            for n in range(stories)
        ),
    )


def test_a_page_start_refuses_positions_that_cannot_be() -> None:
    with pytest.raises(ValueError):
        PageStart("", 0)
    with pytest.raises(ValueError):
        PageStart("3", None, 1)
    with pytest.raises(ValueError):
        PageStart("3", 0, None, 5)
    with pytest.raises(ValueError):
        PageStart("3", 0, -1)


def test_a_folio_may_occur_only_once() -> None:
    with pytest.raises(ValueError, match="twice"):
        PageMap((PageStart("1", None), PageStart("1", 0)))


def test_the_opening_folio_is_the_first_page_of_the_story() -> None:
    pages = PageMap(
        (PageStart("1", None), PageStart("3", 0), PageStart("4", 0, 2, 10), PageStart("5", 1))
    )
    assert [pages.opening(i) for i in range(3)] == ["3", "5", None]


def test_pages_outside_stories_go_to_front_between_and_back() -> None:
    pages = PageMap(
        (
            PageStart("i", None),
            PageStart("ii", None),
            PageStart("1", 0),
            PageStart("2", 0, 1, 4),
            PageStart("3", None),  # a blank verso before the next story
            PageStart("4", 1),
            PageStart("5", 1, 2, 0),
            PageStart("6", None),
        )
    )
    placed = place(pages, _collection(url="https://example.org"), has_back=True)
    assert [m.folio for m in placed.front] == ["i", "ii"]
    assert [m.folio for m in placed.story(0).opening] == ["1"]
    assert [(o, m.folio) for o, m in placed.story(0).blocks[1]] == [(4, "2")]
    assert [m.folio for m in placed.story(0).end] == ["3"]
    assert [m.folio for m in placed.story(1).opening] == ["4"]
    assert [(o, m.folio) for o, m in placed.story(1).blocks[2]] == [(0, "5")]
    assert [m.folio for m in placed.back] == ["6"]
    assert [where for _, where in placed.order] == ["front", "front", 0, 0, 0, 1, 1, "back"]
    assert [m.id for m, _ in placed.order][:3] == ["page-i", "page-ii", "page-1"]


def test_without_back_matter_the_last_pages_end_the_last_story() -> None:
    pages = PageMap((PageStart("1", 0), PageStart("2", None)))
    placed = place(pages, _collection(stories=1), has_back=False)
    assert [m.folio for m in placed.story(0).end] == ["2"] and not placed.back


def test_a_page_map_for_another_collection_is_refused() -> None:
    with pytest.raises(ValueError, match="no story 5"):
        place(PageMap((PageStart("1", 5),)), _collection(), has_back=False)
    with pytest.raises(ValueError, match="no block 9"):
        place(PageMap((PageStart("1", 0, 9),)), _collection(), has_back=False)


def test_folios_that_are_not_safe_ids_still_get_unique_ids() -> None:
    pages = PageMap((PageStart("1", 0), PageStart("1 a", 0, 1), PageStart("1-a", 0, 2)))
    ids = [m.id for m, _ in place(pages, _collection(), has_back=False).order]
    assert ids == ["page-1", "page-1-a", "page-at-3"]


def test_pages_beginning_inside_quotes_and_lists_are_marked_in_the_right_part() -> None:
    source = Source("s.md", 1)
    quote = Quote(
        ((Text("First paragraph here."),), (Text("Second one follows now."),)), "Someone", source
    )
    listing = ListBlock(False, ((Text("alpha beta"),), (Text("gamma delta"),)), source)
    assert block_text(quote).index("one follows") == 29 and block_text(quote).index("Someone") == 46
    assert block_text(listing).index("delta") == 17
    collection = Collection(Metadata(title="T"), (Story("S", (quote, listing), source),))
    pages = PageMap(
        (
            PageStart("1", 0),
            PageStart("2", 0, 0, 31),  # in "one", in the quote's second paragraph
            PageStart("3", 0, 0, 46),  # where the attribution begins
            PageStart("4", 0, 1, 17),  # at "delta", in the list's second item
        )
    )
    out = io.BytesIO()
    render_html(collection, new_context(Settings(), Warned()), out, pages)
    root = html5lib.parse(out.getvalue(), treebuilder="lxml").getroot()

    def marker(folio: str):
        (found,) = [e for e in root.iter() if e.get("aria-label") == folio]
        return found

    second = marker("2").getparent()
    assert (
        second.tag.endswith("p")
        and second.text == "Second "
        and marker("2").tail == "one follows now."
    )
    assert marker("3").getparent().tag.endswith("cite") and marker("3").tail == "Someone"
    item = marker("4").getparent()
    assert item.tag.endswith("li") and item.text == "gamma " and marker("4").tail == "delta"


def test_a_page_offset_on_a_separator_begins_the_next_part() -> None:
    parts = [(Text("alpha beta"),), (Text("gamma"),), (), (Text("delta"),)]
    mark = Mark("9", "page-9")
    # "alpha beta\ngamma\n\ndelta": 10 is the first newline, 16 the second, 17 the empty part's
    assert split_marks(parts, [(10, mark)]) == ([], [[], [(0, mark)], [], []])
    assert split_marks(parts, [(17, mark)]) == ([], [[], [], [], [(0, mark)]])
    assert split_marks(parts, [(8, mark)]) == ([], [[(6, mark)], [], [], []])
    assert split_marks(parts, [(0, mark)]) == ([mark], [[], [], [], []])
    assert split_marks(parts, [(99, mark)]) == ([], [[], [], [], [(5, mark)]])
