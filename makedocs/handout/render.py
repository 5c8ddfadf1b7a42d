"""Model + events + theme -> handout PDFs: lay every event out once, then draw the sheets.

``lay_out`` reads the theme, chooses the content and fits each event's page (fonts, theme and
content are read once for the whole batch; measurements are cached); ``write`` draws the
sheets of some or all events into one PDF. A batch writes each event's own PDF and the
combined one from the same laid-out pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from makedocs.context import BuildContext
from makedocs.handout.content import Content, select
from makedocs.handout.events import Event
from makedocs.handout.layout import Layout
from makedocs.handout.page import Page
from makedocs.handout.sheets import Imposition, impose
from makedocs.handout.style import load_style
from makedocs.model import Collection, Metadata
from makedocs.typesetting.compositor import Compositor, document_info


@dataclass(frozen=True, slots=True)
class Handouts:
    """Every event's pages (front, and back with ``--back``), laid out and ready to draw."""

    meta: Metadata
    content: Content
    events: tuple[Event | None, ...]  # None: a handout without an event
    pages: tuple[tuple[Page, ...], ...]  # per event
    imposition: Imposition
    compositor: Compositor
    font: str  # the first font of every page (else ReportLab names Helvetica)

    def title(self, index: int) -> str:
        """The PDF's title: the handout's, with the event's date and venue."""
        event = self.events[index]
        if event is None:
            return self.content.title
        return f"{self.content.title} — {event.venue}, {event.date.isoformat()}"


def lay_out(
    collection: Collection,
    ctx: BuildContext,
    events: Sequence[Event | None],
    page_size: str,
    *,
    back: bool = False,
    up: int = 1,
) -> Handouts:
    style = load_style(ctx.theme, page_size)
    imposition = impose(style, up)
    meta = collection.meta
    c = Compositor(ctx.fonts, style.palette)
    layout = Layout(style, c, meta.language)
    content = select(collection, style.limits)
    frame = imposition.frame
    back_page = layout.back(content, frame) if back else None
    pages = []
    for event in events:
        front = layout.front(content, event, frame)
        pages.append((front, back_page) if back_page else (front,))
    body = style.element("summary").ts
    return Handouts(
        meta, content, tuple(events), tuple(pages), imposition, c, c.font(body.family, body.style)
    )


def write(handouts: Handouts, out: BinaryIO, indices: Sequence[int] | None = None) -> int:
    """Draw the sheets of the events at ``indices`` (default: all) into one PDF; return how
    many sheet sides it has."""
    from makedocs.adapters.reportlab import ReaderCanvas

    chosen = list(range(len(handouts.events))) if indices is None else list(indices)
    title = handouts.title(chosen[0]) if len(chosen) == 1 else handouts.content.title
    info = document_info(handouts.meta, title=title, font=handouts.font)
    imposition = handouts.imposition
    canvas = ReaderCanvas(
        out,
        pagesize=imposition.sheet,
        invariant=info["invariant"],
        pageCompression=info["pageCompression"],
        initialFontName=info["initialFontName"],
        lang=info["lang"],
    )
    canvas.setTitle(info["title"])
    canvas.setAuthor(info["author"])
    canvas.setSubject(info["subject"])
    canvas.setCreator(info["creator"])
    canvas.setProducer(info["producer"])
    canvas.setKeywords(info["keywords"])
    sides = 0
    for index in chosen:
        for page in handouts.pages[index]:
            _sheet(canvas, page, imposition, handouts.compositor)
            sides += 1
    canvas.save()
    return sides


def _sheet(canvas: Any, page: Page, imposition: Imposition, c: Compositor) -> None:
    for x, y in imposition.cells:
        if imposition.up == 1:
            page.draw(canvas, c)
            continue
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(imposition.scale, imposition.scale)
        page.draw(canvas, c)
        canvas.restoreState()
    for mark in imposition.marks:
        mark.draw(canvas, c)
    canvas.showPage()
