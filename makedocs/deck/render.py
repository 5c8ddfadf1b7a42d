"""Model + theme -> PPTX deck (python-pptx).

Walking skeleton: a title slide, and per story a title slide and one slide per epigraph or pull
quote, with the story's text in the speaker notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from makedocs.context import BuildContext
from makedocs.model import (
    Collection,
    Epigraph,
    PullQuote,
    Quote,
    Story,
    block_text,
)

SLIDE_WIDTH_16_9 = 12192000
SLIDE_HEIGHT = 6858000


@dataclass(frozen=True, slots=True)
class DeckOptions:
    aspect: str = "16:9"


@dataclass(frozen=True, slots=True)
class DeckResult:
    slides: int


def render_deck(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: DeckOptions
) -> DeckResult:
    """Write the deck to ``out``."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width = SLIDE_WIDTH_16_9 if options.aspect == "16:9" else 9144000
    prs.slide_height = SLIDE_HEIGHT
    meta = collection.meta
    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = meta.title
    title_slide.placeholders[1].text = meta.subtitle or meta.organisation or ""
    for story in collection.stories:
        _story_slides(prs, story)
    prs.save(out)
    return DeckResult(slides=len(prs.slides))


def _story_slides(prs: Any, story: Story) -> None:
    opener = prs.slides.add_slide(prs.slide_layouts[2])
    opener.shapes.title.text = story.title
    opener.placeholders[1].text = story.byline or story.subtitle or ""
    opener.notes_slide.notes_text_frame.text = "\n\n".join(block_text(b) for b in story.blocks)
    for block in story.blocks:
        if isinstance(block, Epigraph | PullQuote | Quote):
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.shapes.title.text = block_text(block)
            slide.notes_slide.notes_text_frame.text = block_text(block)
