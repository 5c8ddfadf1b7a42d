"""Where each printed booklet page begins in the content, so other editions can cite its folios.

The booklet build produces a :class:`PageMap`; the accessible edition consumes it to place
page-break markers and a page list, so "page 7" means the same place on paper, in the EPUB and
on the web page. The numbers therefore come from the booklet's own layout, never from a second
estimate.

This module knows nothing of the model: a page start is a position given by indices into
``collection.stories`` and ``story.blocks`` and a character offset into the block's reader-visible
text (``makedocs.model.block_text``), which is what the booklet's typesetter can count as it
breaks lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class PageStart:
    """The first thing printed on one page.

    - ``story=None``: a page outside the stories (covers, inside cover, contents, a padding
      blank). Those before the first story page are front matter, those after the last are back
      matter, and one between two stories belongs to the end of the story before it.
    - ``story=i, block=None``: the page story ``i`` opens on (its title, or its cover picture);
      the folio the contents page prints for the story.
    - ``story=i, block=j, offset=k``: the page begins in block ``j`` of story ``i``, ``k``
      characters into that block's text (0: at the block's start). An offset inside a word (a
      hyphenated line end) means that word.
    """

    folio: str
    story: int | None
    block: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if not self.folio.strip():
            raise ValueError("a page needs a folio")
        if self.story is None and self.block is not None:
            raise ValueError(f"page {self.folio}: a block without a story")
        if self.block is None and self.offset:
            raise ValueError(f"page {self.folio}: an offset without a block")
        if (self.story is not None and self.story < 0) or (self.block or 0) < 0 or self.offset < 0:
            raise ValueError(f"page {self.folio}: negative position")


@dataclass(frozen=True, slots=True)
class PageMap:
    """Every printed page in order, and what the page numbers refer to.

    ``edition`` names the paginated source for the EPUB's ``pageBreakSource`` (for example
    "Beyond Utopia, printed booklet (half-letter)"); it must not be a file path.
    """

    pages: tuple[PageStart, ...]
    edition: str = ""

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for page in self.pages:
            if page.folio in seen:
                raise ValueError(f"folio {page.folio!r} occurs twice")
            seen.add(page.folio)

    def opening(self, story: int) -> str | None:
        """The folio story ``story`` opens on (what the contents page prints), if it was placed."""
        for page in self.pages:
            if page.story == story:
                return page.folio
        return None


def offset_after(text: str, start: int, printed: str) -> int:
    """Where in ``text`` the reading continues after ``printed``, which was set from ``text``
    starting at ``start``: the offset of the first character not yet printed (past white
    space), or one inside a word when the print broke it (a hyphenated line end).

    Only the characters that are not white space are matched, in order, so line breaks,
    collapsed spaces and no-break spaces do not count; a printed character that ``text`` does
    not have there (the hyphen of a broken word, the dash before an attribution) is skipped.
    """
    letters = _letters(text)
    before = len(_letters(text[:start])) if start else 0  # letters before ``start``
    matched = before
    wanted = "".join(printed.split())
    done = 0
    while done < len(wanted):
        same = _common_prefix(wanted, done, letters, matched)
        done += same + 1  # past the run that matched, and the character after it (not there)
        matched += same
    if matched == len(letters):
        return len(text)  # the usual case: the rest of the block was printed
    if matched == before:  # nothing of it printed: the next letter from ``start`` on
        rest = text[start:]
        return start + len(rest) - len(rest.lstrip())
    return _places(text)[matched]


def _letters(text: str) -> str:
    """``text`` without its white space."""
    return "".join(text.split())


@lru_cache(maxsize=64)
def _places(text: str) -> list[int]:
    """Where each character of ``text`` that is not white space is (kept for the next call:
    a block is matched again for every page it is split across)."""
    return [i for i, char in enumerate(text) if not char.isspace()]


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` have in common at their start."""
    low, high = 0, min(len(a) - i, len(b) - j)
    while low < high:  # compared a slice at a time: the strings are mostly the same
        middle = (low + high + 1) // 2
        if a[i : i + middle] == b[j : j + middle]:
            low = middle
        else:
            high = middle - 1
    return low
