"""A PageMap -> where each page-break marker goes in the edition's documents.

The writer asks, per document and block, which markers stand there; the page list takes them in
the PageMap's order. A page outside the stories goes to the front matter if it comes before the
first story page, to the back matter if it comes after the last, and otherwise to the end of
the story before it (a blank verso before a story that opens on a right-hand page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from makedocs.model import Collection
from makedocs.pagemap import PageMap

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Mark:
    """One page-break marker: the folio it is labelled with and its element id."""

    folio: str
    id: str


@dataclass(slots=True)
class StoryMarks:
    opening: list[Mark] = field(default_factory=list)  # before the story's heading
    blocks: dict[int, list[tuple[int, Mark]]] = field(default_factory=dict)  # block -> offsets
    end: list[Mark] = field(default_factory=list)  # after the story's last block


@dataclass(slots=True)
class Placement:
    front: list[Mark] = field(default_factory=list)
    stories: dict[int, StoryMarks] = field(default_factory=dict)
    back: list[Mark] = field(default_factory=list)
    #: Every marker in page order with the document it is in: "front", "back" or a story index.
    order: list[tuple[Mark, str | int]] = field(default_factory=list)

    def story(self, index: int) -> StoryMarks:
        return self.stories.get(index) or StoryMarks()

    def __bool__(self) -> bool:
        return bool(self.order)


def place(pages: PageMap | None, collection: Collection, *, has_back: bool) -> Placement:
    """Where each page of ``pages`` begins; back-matter pages go to the last story's end when
    the edition has no back matter of its own."""
    placement = Placement()
    if pages is None:
        return placement
    stories = collection.stories
    in_stories = [i for i, page in enumerate(pages.pages) if page.story is not None]
    first = in_stories[0] if in_stories else len(pages.pages)
    last = in_stories[-1] if in_stories else -1
    previous: int | None = None
    ids: set[str] = set()
    for index, page in enumerate(pages.pages):
        mark = Mark(page.folio, _id(page.folio, index, ids))
        where: str | int
        if page.story is None:
            if index < first:
                placement.front.append(mark)
                where = "front"
            elif index > last and (has_back or previous is None):
                placement.back.append(mark)
                where = "back"
            else:
                assert previous is not None
                placement.stories.setdefault(previous, StoryMarks()).end.append(mark)
                where = previous
        else:
            if page.story >= len(stories):
                raise ValueError(f"page {page.folio}: no story {page.story}")
            blocks = stories[page.story].blocks
            if page.block is not None and page.block >= len(blocks):
                raise ValueError(f"page {page.folio}: story {page.story} has no block {page.block}")
            marks = placement.stories.setdefault(page.story, StoryMarks())
            opens = page.block is None or (
                page.block == 0 and page.offset == 0 and previous != page.story
            )
            if opens:
                marks.opening.append(mark)
            else:
                assert page.block is not None
                marks.blocks.setdefault(page.block, []).append((page.offset, mark))
            previous = where = page.story
        placement.order.append((mark, where))
    return placement


def _id(folio: str, index: int, taken: set[str]) -> str:
    """``page-7`` for folio 7 (a readable fragment for a link to a page), else by position."""
    candidate = "page-" + _UNSAFE_ID.sub("-", folio.strip())
    if candidate in taken or candidate == "page-":
        candidate = f"page-at-{index + 1}"
    taken.add(candidate)
    return candidate
