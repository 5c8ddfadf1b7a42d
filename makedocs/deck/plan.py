"""Model -> slide plan: which slides a talk needs, in order, as plain data.

No python-pptx and no measuring here. Every word of every story lands in the speaker notes of
exactly one slide, in order; the slides themselves show short readable text: a story's key
sentences (the first sentence of each paragraph of a paragraph group), its summary, its lists,
its quotations and its pictures. Fitting (``paginate``) may later cut a slide into continuation
slides; the notes travel with the items they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from makedocs.deck.fit import ELLIPSIS, key_span
from makedocs.deck.rich import Marks, cut, from_inlines
from makedocs.deck.style import DeckStyle
from makedocs.model import (
    Attribution,
    CallToAction,
    CodeBlock,
    Collection,
    Divider,
    Epigraph,
    Heading,
    Image,
    Inlines,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Story,
    Table,
    block_text,
)

#: Slide kinds -> template layout role.
ROLE = {
    "title": "title",
    "agenda": "content",
    "section": "section",
    "summary": "content",
    "content": "content",
    "heading": "title_only",
    "list": "content",
    "quote": "quote",
    "image": "title_only",
    "closing": "picture",
    "credits": "content",
    "table": "content",
    "code": "content",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One paragraph on a slide (with its bold, italic and linked stretches) and the full text
    it stands for in the notes."""

    text: str
    notes: tuple[str, ...] = ()
    bullet: bool = False
    marks: Marks = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell's text and formatting."""

    text: str
    marks: Marks = ()


@dataclass(frozen=True, slots=True)
class Grid:
    """A table on a slide: header row, body rows, column alignment; fitting adds the column
    widths and row heights (EMU, header first) and the size its text is set at."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[str, ...]
    widths: tuple[int, ...] = ()
    heights: tuple[int, ...] = ()

    @property
    def columns(self) -> int:
        return max([len(self.header), *(len(row) for row in self.rows)], default=0)


@dataclass(frozen=True, slots=True)
class Slide:
    kind: str
    title: str
    items: tuple[Item, ...] = ()
    notes: tuple[str, ...] = ()  # slide-level notes, before the items' notes
    section: int = 0
    ordered: bool = False
    start: int = 1
    attribution: str | None = None
    image: Image | None = None
    url: str | None = None
    continued: bool = False
    title_marks: Marks = ()  # bold, italic and linked stretches of the title
    grid: Grid | None = None  # a table slide's table
    code: str | None = None  # a code slide's text, as written (fitting sets its lines as items)
    # set by fitting:
    title_size: float = 0
    body_size: float = 0
    attribution_size: float = 0
    title_box: tuple[int, int, int, int] | None = None  # EMU, when fitting moved the title
    body_box: tuple[int, int, int, int] | None = None

    @property
    def role(self) -> str:
        return ROLE[self.kind]

    def all_notes(self) -> list[str]:
        out = list(self.notes)
        for item in self.items:
            out.extend(item.notes)
        return [n for n in out if n.strip()]


@dataclass(slots=True)
class Plan:
    slides: list[Slide] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def plan_deck(collection: Collection, style: DeckStyle) -> Plan:
    """The slides for ``collection``, before fitting."""
    meta = collection.meta
    plan = Plan(sections=["Introduction"])
    head = [meta.subtitle, meta.organisation]
    plan.slides.append(
        Slide(
            "title",
            meta.title,
            tuple(Item(t) for t in head if t),
            notes=tuple(t for t in (meta.title, meta.subtitle, meta.organisation, meta.date) if t),
        )
    )
    if len(collection.stories) > 1:
        titles = tuple(Item(s.title, (s.title,), bullet=True) for s in collection.stories)
        plan.slides.append(Slide("agenda", style.agenda_title, titles, ordered=True))
    seen_quotes: set[str] = set()
    images: list[Image] = []
    for story in collection.stories:
        plan.sections.append(story.title)
        _story(plan, story, style, len(plan.sections) - 1, seen_quotes, images)
    plan.sections.append("Closing")
    closing = len(plan.sections) - 1
    if meta.call_to_action or meta.url:
        lines = [meta.organisation]  # the URL is drawn under its QR code by the renderer
        plan.slides.append(
            Slide(
                "closing",
                meta.call_to_action or meta.organisation or meta.title,
                tuple(Item(t) for t in lines if t),
                notes=tuple(t for t in (meta.call_to_action, meta.url, meta.about) if t),
                section=closing,
                url=meta.url,
            )
        )
    credits = _credits(images)
    if credits:
        plan.slides.append(
            Slide(
                "credits",
                style.credits_title,
                tuple(Item(c, (c,), bullet=True) for c in credits),
                section=closing,
            )
        )
    if plan.slides[-1].section != closing:
        plan.sections.pop()
    return plan


def _credits(images: list[Image]) -> list[str]:
    out: list[str] = []
    for image in images:
        if not image.credit:
            continue
        line = f"{image.caption} — {image.credit}" if image.caption else image.credit
        if line not in out:
            out.append(line)
    return out


class _Story:
    """Walks one story's blocks, grouping paragraphs into content slides."""

    def __init__(self, plan: Plan, story: Story, style: DeckStyle, section: int) -> None:
        self.plan = plan
        self.story = story
        self.style = style
        self.section = section
        self.group: list[Paragraph] = []
        self.heading: str | None = None
        self.heading_marks: Marks = ()
        self.heading_notes: list[str] = []
        self.text_source = PurePath(story.source.file).suffix.lower() == ".txt"

    def add(self, slide: Slide) -> None:
        self.plan.slides.append(slide)

    def flush(self, keep_heading: bool = False) -> None:
        """Turn the pending paragraph group into content slides of a few key sentences.

        A heading nothing has used yet gets a slide of its own, unless the next block (a list)
        takes it as its title (``keep_heading``).
        """
        group, self.group = self.group, []
        if not group:
            if self.heading_notes and not keep_heading:
                self.add(
                    Slide(
                        "heading",
                        self.title,
                        notes=tuple(self.heading_notes),
                        section=self.section,
                        title_marks=self.title_marks,
                    )
                )
                self.heading_notes = []
            return
        size = self.style.key_sentences
        words = self.style.key_sentence_words
        for start in range(0, len(group), size):
            chunk = group[start : start + size]
            many = len(chunk) > 1
            items = tuple(_key_item(p.content, words, many) for p in chunk)
            notes = tuple(self.heading_notes) if start == 0 else ()
            self.add(
                Slide(
                    "content",
                    self.title,
                    items,
                    notes=notes,
                    section=self.section,
                    title_marks=self.title_marks,
                )
            )
        self.heading_notes = []

    @property
    def title(self) -> str:
        """What slides of the current stretch are titled: the heading, else the story's."""
        return self.heading or self.story.title

    @property
    def title_marks(self) -> Marks:
        return self.heading_marks if self.heading else ()

    def titled(
        self, kind: str, items: tuple[Item, ...] = (), notes: tuple[str, ...] = (), **more: Any
    ) -> Slide:
        """A slide under the current title that takes the pending heading's notes."""
        notes = (*self.heading_notes, *notes)
        self.heading_notes = []
        return Slide(
            kind,
            self.title,
            items,
            notes=notes,
            section=self.section,
            title_marks=self.title_marks,
            **more,
        )

    def paragraph(self, block: Paragraph) -> None:
        if self.group:
            previous = self.group[-1]
            adjacent = previous.source.line + 1 == block.source.line
            if (self.text_source and not adjacent) or len(self.group) >= self.style.key_sentences:
                self.flush()
        self.group.append(block)


def _story(
    plan: Plan,
    story: Story,
    style: DeckStyle,
    section: int,
    seen_quotes: set[str],
    images: list[Image],
) -> None:
    walker = _Story(plan, story, style, section)
    head = [story.subtitle, story.byline]
    notes = [t for t in (story.kicker, story.title, story.subtitle, story.byline, story.date) if t]
    plan.slides.append(
        Slide(
            "section",
            story.title,
            tuple(Item(t) for t in head if t),
            notes=tuple(notes),
            section=section,
        )
    )
    if story.image is not None:
        images.append(story.image)
        plan.slides.append(_image_slide(story.image, story.title, section))
    if story.summary:
        plan.slides.append(
            Slide(
                "summary",
                story.title,
                (Item(story.summary, (story.summary,)),),
                section=section,
            )
        )
    for block in story.blocks:
        match block:
            case Paragraph():
                walker.paragraph(block)
            case Heading():
                walker.flush()
                walker.heading, walker.heading_marks = from_inlines(block.content)
                walker.heading_notes = [walker.heading]
            case Divider():
                walker.flush()
                walker.heading = None
                walker.heading_marks = ()
            case Epigraph() | PullQuote() | Quote():
                walker.flush()
                _quote(walker, block, seen_quotes)
            case Image():
                walker.flush()
                images.append(block)
                walker.add(_image_slide(block, walker.title, section))
            case ListBlock():
                walker.flush(keep_heading=True)
                items = tuple(_item(item, bullet=True) for item in block.items)
                walker.add(walker.titled("list", items, ordered=block.ordered, start=block.start))
            case Table():
                walker.flush(keep_heading=True)
                slide = walker.titled("table", notes=(block_text(block),), grid=_grid(block))
                if block.caption:  # a table's own title titles its slide
                    title, marks = from_inlines(block.caption)
                    slide = replace(slide, title=title, title_marks=marks)
                walker.add(slide)
            case CodeBlock():
                walker.flush(keep_heading=True)
                walker.add(walker.titled("code", notes=(block.text,), code=block.text))
            case Attribution():
                walker.flush()
                _attribution(plan, block, section)
            case CallToAction():
                walker.flush()
                walker.add(
                    Slide(
                        "content",
                        block.text,
                        (Item(block.url, (block_text(block),)),),
                        section=section,
                    )
                )
    walker.flush()


def _quote(walker: _Story, block: Epigraph | PullQuote | Quote, seen: set[str]) -> None:
    if isinstance(block, Quote):
        text, marks = _joined(block.paragraphs)
    else:
        text, marks = from_inlines(block.content)
    full = f"{text}\n— {block.attribution}" if block.attribution else text
    key = " ".join(text.split())
    if key in seen:  # the same words again: a second identical slide helps nobody
        _append_notes(walker.plan, full)
        return
    seen.add(key)
    walker.add(
        Slide(
            "quote",
            text,
            notes=(full,),
            section=walker.section,
            attribution=block.attribution,
            title_marks=marks,
        )
    )


def _joined(paragraphs: tuple[Inlines, ...]) -> tuple[str, Marks]:
    """Paragraphs as one text, a line break between them, their marks kept."""
    text, marks = "", ()
    for content in paragraphs:
        part, part_marks = from_inlines(content)
        if text:
            text += "\n"
        marks = (*marks, *cut(part_marks, 0, len(part), len(text)))
        text += part
    return text, marks


def _item(content: Inlines, bullet: bool = False) -> Item:
    """A whole paragraph (a list item) as it is shown; the notes hold its plain text."""
    text, marks = from_inlines(content)
    return Item(text, (text,), bullet=bullet, marks=marks)


def _key_item(content: Inlines, max_words: int, bullet: bool) -> Item:
    """A paragraph's key sentence (see ``key_span``) with its formatting; notes hold it all."""
    text, marks = from_inlines(content)
    start, end, shortened = key_span(text, max_words)
    shown = text[start:end] + (ELLIPSIS if shortened else "")
    return Item(shown, (text,), bullet=bullet, marks=cut(marks, start, end))


def _grid(table: Table) -> Grid:
    def cells(row: tuple[Inlines, ...]) -> tuple[Cell, ...]:
        return tuple(Cell(*from_inlines(cell)) for cell in row)

    return Grid(cells(table.header), tuple(cells(row) for row in table.rows), table.align)


def _attribution(plan: Plan, block: Attribution, section: int) -> None:
    """A closing credit line goes under the story's last text slide (and its notes)."""
    last = plan.slides[-1]
    text = f"— {block.text}"
    if last.section == section and last.kind in ("content", "list", "summary"):
        plan.slides[-1] = _with_item(last, Item(text, (text,)))
    else:
        _append_notes(plan, text)


def _with_item(slide: Slide, item: Item) -> Slide:
    return replace(slide, items=(*slide.items, item))


def _append_notes(plan: Plan, text: str) -> None:
    last = plan.slides[-1]
    plan.slides[-1] = replace(last, items=(*last.items, Item("", (text,))))


def _image_slide(image: Image, title: str, section: int) -> Slide:
    """A photo slide shows its caption; without one, what the photo shows (its alt text); a
    decorative photo with neither is titled as a continuation of what it illustrates."""
    title = image.caption or (image.alt if not image.decorative else "") or title
    notes = [t for t in (image.caption, image.credit) if t]
    if image.alt and not image.decorative:
        notes.append(f"Picture: {image.alt}")
    return Slide("image", title, notes=tuple(notes), section=section, image=image)
