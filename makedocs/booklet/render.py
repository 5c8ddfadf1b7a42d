"""Model + theme -> reading-order booklet PDF (ReportLab platypus).

Page order: front cover, inside front cover (about), contents, then each story opening on a
right-hand page, then the back cover. Folios are physical page numbers (the cover is page 1),
and the PDF's page labels say the same, so "page 7" means the same thing in a viewer and on
paper.

Theme parsing lives in style.py, typesetting in typeset.py, page kinds and furniture in
pages.py, covers in covers.py; this module only puts them together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from makedocs.booklet.style import cmyk_only, load_style
from makedocs.context import BuildContext
from makedocs.model import Collection
from makedocs.pagemap import PageMap
from makedocs.units import Length

#: Pages on one folded sheet (two on each side): a saddle-stitched booklet has 4n pages.
PAGES_PER_SHEET = 4


@dataclass(frozen=True, slots=True)
class BookletOptions:
    page_size: str = "letter"
    recto: bool = True  # stories open on right-hand pages
    bleed: Length | None = None
    crop_marks: bool = False
    cmyk: bool = False


@dataclass(frozen=True, slots=True)
class BookletResult:
    pages: int
    kinds: tuple[str, ...] = ()  # kind of each page, for callers and tests
    story_pages: tuple[int, ...] = ()  # 1-based page each story opens on
    #: Where each printed page begins in the stories, for the accessible edition's page list.
    page_map: PageMap = PageMap(())


def render_booklet(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: BookletOptions
) -> BookletResult:
    """Write the reading-order booklet to ``out``."""
    from makedocs.adapters.reportlab import Flow, ReaderCanvas, build_once
    from makedocs.booklet.covers import Covers
    from makedocs.booklet.flowables import Marker, NextPage
    from makedocs.booklet.pages import Document, Furniture
    from makedocs.booklet.typeset import ImagePlacer, Typesetter, check_images
    from makedocs.typesetting.compositor import document_info
    from makedocs.typesetting.hyphenation import name_words

    style = load_style(
        ctx.theme,
        options.page_size,
        bleed=options.bleed,
        crop_marks=options.crop_marks,
        cmyk=options.cmyk,
    )
    meta = collection.meta
    stories = list(collection.stories)
    check_images(stories, ctx)
    # The running heads show the collection's and the stories' titles: names never hyphenated.
    names = name_words(meta.title, *(story.title for story in stories))
    t = Typesetter(ctx, style, meta.language, names)
    images = ImagePlacer(ctx, t, style, stories)
    furniture = Furniture(style, meta, t.c, Covers(meta, style, t.c))
    body = t.elements["body"]
    doc = Document(
        out,
        pagesize=style.geometry.media,
        **document_info(meta, title=meta.title, font=t.font(body.family, body.style)),
        enforceColorSpace=cmyk_only if options.cmyk else None,  # fails on any stray RGB
        pageTemplates=furniture.templates(),
        running_title=meta.title,
    )

    keyed = [(f"story-{i + 1}", story) for i, story in enumerate(stories)]
    front: list[Any] = [Marker()]  # the front cover, drawn by its template
    front += [NextPage("inside"), Marker()]
    front += [NextPage("contents"), Marker(key="contents", title="", outline=t.contents_title)]
    front += t.contents_heading()
    front.append(t.contents_table(keyed, style.geometry.text_width))

    def chunks() -> Iterator[list[Any]]:
        """Each story's flowables, made only as the layout reaches the story before it, so a
        story's paragraphs and pictures are let go once they are on the page."""
        for index, (key, story) in enumerate(keyed):
            yield [
                NextPage("opener", recto=options.recto),
                *t.story(story, key, story.title, images, index=index),
            ]
        # The back cover is the last page of a folded booklet: page 4n, blanks before it.
        yield [NextPage("back", multiple=PAGES_PER_SHEET), Marker()]

    # One pass: the contents' page numbers are forms, drawn once every story has its page.
    # The pictures are prepared meanwhile, in order of use (in press colours, one at a time).
    with ctx.images.ahead(() if style.press else images.wanted()):
        build_once(
            doc,
            Flow(front, chunks()),
            lambda canvas: t.contents_folios(canvas, doc.opened),
            ReaderCanvas,
        )
    edition = f"{meta.title}, printed booklet ({style.size_name})"
    return BookletResult(
        pages=doc.page,
        kinds=tuple(doc.kinds),
        story_pages=tuple(doc.story_pages),
        page_map=doc.page_map(edition),
    )
