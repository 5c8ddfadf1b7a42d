"""PageMap: what the booklet hands over, and where the edition puts each page's marker."""

from __future__ import annotations

import pytest

from makedocs.edition.marks import place
from makedocs.model import Collection, Metadata, Paragraph, Source, Story, Text
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
