"""The content model: a closed set of frozen dataclasses shared by every parser and renderer.

Parsers produce these types; renderers consume them with one ``match`` arm per type. Nothing
here does I/O or knows about PDF or PPTX. Every block carries its ``Source`` (file and line) so
errors and warnings can point back at what the author wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Version of the JSON form (``makedocs inspect --json``); bump when the shape changes.
SCHEMA_VERSION = 2


@dataclass(frozen=True, slots=True)
class Source:
    """Where something came from: the path as the user gave it (never made absolute) and line."""

    file: str
    line: int


# --- inlines -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


Inline = Text | Emphasis | Strong | Link | LineBreak
Inlines = tuple[Inline, ...]


# --- blocks --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    content: Inlines
    source: Source


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: Inlines
    source: Source


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation: one or more paragraphs, with an optional attribution."""

    paragraphs: tuple[Inlines, ...]
    attribution: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class PullQuote:
    """A short line lifted out of the text and set large; its marks are part of the text."""

    content: Inlines
    source: Source
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Epigraph:
    """A quotation opening a story, with the source it is credited to."""

    content: Inlines
    attribution: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class Attribution:
    """A closing credit line ("— Yusung Park, escaped North Korea in 2008"), dash removed."""

    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class Image:
    """A picture. ``path`` is as written in the source, resolved against ``base_dir``."""

    path: str
    alt: str
    caption: str
    credit: str
    source: Source
    base_dir: str = "."
    focus: tuple[float, float] = (0.5, 0.5)
    decorative: bool = False


@dataclass(frozen=True, slots=True)
class ListBlock:
    """An ordered or unordered list; each item is a paragraph of inlines.

    (Named ListBlock rather than List so it never reads as ``typing.List``.)
    """

    ordered: bool
    items: tuple[Inlines, ...]
    source: Source
    start: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table: an optional header row and body rows of cells, each cell a run of inlines.

    ``align`` holds one entry per column: ``"left"``, ``"center"``, ``"right"`` or ``""`` (the
    renderer's default). Rows may have fewer cells than there are columns. ``caption`` is the
    table's title, if it has one (empty otherwise).
    """

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    align: tuple[str, ...]
    source: Source
    caption: Inlines = ()

    @property
    def columns(self) -> int:
        return max([len(self.header), *(len(row) for row in self.rows)], default=0)


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """Preformatted text, set as written: never reflowed, hyphenated or made typographic."""

    text: str
    language: str
    source: Source


@dataclass(frozen=True, slots=True)
class CallToAction:
    text: str
    url: str
    source: Source


@dataclass(frozen=True, slots=True)
class Divider:
    """A scene break in the booklet; a slide break in the deck."""

    source: Source


Block = (
    Heading
    | Paragraph
    | Quote
    | PullQuote
    | Epigraph
    | Attribution
    | Image
    | ListBlock
    | Table
    | CodeBlock
    | CallToAction
    | Divider
)


# --- documents -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    blocks: tuple[Block, ...]
    source: Source
    subtitle: str | None = None
    kicker: str | None = None
    byline: str | None = None
    date: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    image: Image | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str = "Stories"
    subtitle: str | None = None
    organisation: str | None = None
    url: str | None = None
    call_to_action: str | None = None
    about: str | None = None
    date: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Collection:
    meta: Metadata
    stories: tuple[Story, ...] = field(default_factory=tuple)


# --- what the fields are -------------------------------------------------------------------

#: Fields that are not reader-visible text: a path (redacting an image path would break loading
#: it) or a language code. Every other string of the model is text, so a field added later is
#: redacted and checked by default rather than leaked by default.
NOT_TEXT_FIELDS = frozenset(
    {
        ("Image", "path"),
        ("Image", "base_dir"),
        ("Metadata", "language"),
        ("CodeBlock", "language"),  # a code block's info string: never shown
    }
)
#: Fields that hold a link address (searched and redacted in decoded form).
URL_FIELDS = frozenset({("Link", "url"), ("CallToAction", "url"), ("Metadata", "url")})
#: Text set exactly as written: still text (redacted, checked for glyphs), but never changed
#: typographically, split or reflowed by a pass that would improve prose.
VERBATIM_FIELDS = frozenset({("CodeBlock", "text")})


# --- small pure helpers shared by every consumer --------------------------------------------


def plain_text(content: Inlines) -> str:
    """The visible text of a run of inlines (line breaks become newlines)."""
    out: list[str] = []
    for node in content:
        match node:
            case Text(text=text):
                out.append(text)
            case Emphasis(children=children) | Strong(children=children):
                out.append(plain_text(children))
            case Link(children=children):
                out.append(plain_text(children))
            case LineBreak():
                out.append("\n")
    return "".join(out)


def block_text(block: Block) -> str:
    """All reader-visible words of one block, in reading order (used for notes and checks)."""
    match block:
        case Heading(content=content) | Paragraph(content=content):
            return plain_text(content)
        case Quote(paragraphs=paragraphs, attribution=attribution):
            parts = [plain_text(p) for p in paragraphs]
            if attribution:
                parts.append(attribution)
            return "\n".join(parts)
        case (
            PullQuote(content=content, attribution=attribution)
            | Epigraph(content=content, attribution=attribution)
        ):
            text = plain_text(content)
            return f"{text}\n{attribution}" if attribution else text
        case Attribution(text=text):
            return text
        case Image(alt=alt, caption=caption, credit=credit):
            return "\n".join(part for part in (caption, credit) if part) or alt
        case ListBlock(items=items):
            return "\n".join(plain_text(item) for item in items)
        case Table(header=header, rows=rows, caption=caption):
            cells = "\n".join(
                "\t".join(plain_text(cell) for cell in row) for row in (header, *rows)
            )
            return f"{plain_text(caption)}\n{cells}" if caption else cells
        case CodeBlock(text=text):
            return text
        case CallToAction(text=text, url=url):
            return f"{text}\n{url}"
        case Divider():
            return ""
    raise TypeError(f"not a block: {block!r}")


def story_text(story: Story) -> str:
    """Every word of a story in reading order: title, front matter shown in print, blocks."""
    head = [story.kicker, story.title, story.subtitle, story.byline]
    parts = [part for part in head if part]
    parts.extend(block_text(block) for block in story.blocks)
    return "\n".join(part for part in parts if part)
