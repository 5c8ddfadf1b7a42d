"""Model -> model passes run once per build, before any renderer sees the collection.

Everything that must hold in *every* output is done here, once, not in the renderers: so the
booklet, the deck, the speaker notes, ``inspect`` (and any later EPUB, HTML or handout) are all
made from the same already-safe model and no renderer can forget a field:

- control characters are refused at their line;
- pathologically long paragraphs and unbreakable runs of characters are split, with a warning
  (never inside code, which is set as written and wrapped where it must be by the renderers);
- only http(s) and mailto links stay links; any other link is printed as its text, with a
  warning (``smb://``, ``file:``, ``C:/…``, ``ms-word:``, ``launch:``, relative paths);
- redaction (makedocs.redaction) runs last, so no pass can re-add a name.

The walks are generic over the model's dataclasses: every string is text unless the model lists
it in ``NOT_TEXT_FIELDS`` (paths, the language code) or ``URL_FIELDS`` (link addresses), so a
field added to the model later is redacted by default rather than leaked by default.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from makedocs.errors import MakedocsError, Warned
from makedocs.links import is_clickable
from makedocs.model import (
    NOT_TEXT_FIELDS,
    URL_FIELDS,
    VERBATIM_FIELDS,
    Block,
    CallToAction,
    Collection,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Metadata,
    Paragraph,
    Source,
    Strong,
    Text,
    plain_text,
)
from makedocs.redaction import Found, NearMiss, Redactor, _leaves

__all__ = [
    "Found",
    "NearMiss",
    "Redactor",
    "apply_transforms",
    "link_urls",
    "redact",
    "refuse_unprintable",
    "safe_links",
    "split_long_paragraphs",
    "split_long_words",
    "texts",
]


def redact(collection: Collection, names: Mapping[str, str]) -> Collection:
    """``collection`` with each real name in ``names`` replaced by its alias everywhere."""
    return Redactor(names).collection(collection)


def apply_transforms(
    collection: Collection,
    redact_names: Mapping[str, str],
    warned: Warned,
    config: Config = None,
) -> Collection:
    """Every model pass of a build, in order. Redaction runs last so nothing re-adds a name.

    ``config`` names the settings file, which the collection metadata came from.
    """
    refuse_unprintable(collection, config)
    collection = split_long_paragraphs(collection, warned)
    collection = split_long_words(collection, warned, config)
    collection = safe_links(collection, warned, config)
    return redact(collection, redact_names)


# --- walking every string ----------------------------------------------------------------------


def texts(
    collection: Collection, config: Config = None, *, urls: bool = True
) -> Iterator[tuple[str, Source | None]]:
    """Every reader-visible string of the model with the source line it came from.

    A run of inlines is one string (so "**Hannah** Song" is found whole). Stories come first,
    then the collection metadata, which comes from the config file (``config``, no line).
    Image paths and the language code are not text and are skipped; link addresses are
    included unless ``urls`` is false.
    """
    for story in collection.stories:
        yield from _strings(story, story.source, urls)
    for name, value, source in _meta_fields(collection.meta, config):
        key = ("Metadata", name)
        if key not in NOT_TEXT_FIELDS and (urls or key not in URL_FIELDS):
            yield from _strings(value, source, urls)


def link_urls(collection: Collection, config: Config = None) -> Iterator[tuple[str, Source | None]]:
    """Every link address of the model (links, calls to action, the collection's url)."""
    for story in collection.stories:
        yield from _urls(story, story.source)
    for name, value, source in _meta_fields(collection.meta, config):
        if ("Metadata", name) in URL_FIELDS and value:
            yield value, source


@dataclasses.dataclass(frozen=True, slots=True)
class ConfigRef:
    """The settings file the collection metadata came from, and the line of each field, so a
    message about the title or the url points at ``makedocs.toml:LINE``."""

    file: str
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict)

    def source(self, field: str = "") -> Source:
        return Source(self.file, self.lines.get(field, 0))


Config = ConfigRef | str | None


def _config_source(config: Config, field: str = "") -> Source | None:
    if isinstance(config, ConfigRef):
        return config.source(field)
    return Source(config, 0) if config else None


def _meta_fields(meta: Metadata, config: Config) -> Iterator[tuple[str, Any, Source | None]]:
    """Each metadata field with the source line it was set on."""
    for item in dataclasses.fields(meta):
        yield item.name, getattr(meta, item.name), _config_source(config, item.name)


def _strings(
    value: object, source: Source | None, urls: bool
) -> Iterator[tuple[str, Source | None]]:
    if isinstance(value, str):
        if value:
            yield value, source
    elif isinstance(value, tuple):
        if value and all(_is_inline(item) for item in value):
            text = plain_text(value)
            if text:
                yield text, source
            if urls:
                yield from _urls(value, source)
            return
        for item in value:
            yield from _strings(item, source, urls)
    elif dataclasses.is_dataclass(value) and not isinstance(value, Source):
        own = getattr(value, "source", None)
        here = own if isinstance(own, Source) else source
        kind = type(value).__name__
        for item in dataclasses.fields(value):
            key = (kind, item.name)
            if key in NOT_TEXT_FIELDS or (not urls and key in URL_FIELDS):
                continue
            yield from _strings(getattr(value, item.name), here, urls)


def _urls(value: object, source: Source | None) -> Iterator[tuple[str, Source | None]]:
    if isinstance(value, tuple):
        for item in value:
            yield from _urls(item, source)
    elif dataclasses.is_dataclass(value) and not isinstance(value, Source):
        own = getattr(value, "source", None)
        here = own if isinstance(own, Source) else source
        kind = type(value).__name__
        for item in dataclasses.fields(value):
            found = getattr(value, item.name)
            if (kind, item.name) in URL_FIELDS:
                if isinstance(found, str) and found:
                    yield found, here
            elif (kind, item.name) not in NOT_TEXT_FIELDS:
                yield from _urls(found, here)


def _map_text(
    value: Any, change: Callable[[str, Source | None], str], source: Source | None
) -> Any:
    """``value`` with ``change`` applied to every text string (never paths or addresses, nor
    text set as written, such as code); unchanged objects are returned as they are."""
    if isinstance(value, str):
        return change(value, source) if value else value
    if isinstance(value, tuple):
        items = tuple(_map_text(item, change, source) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, Source) or not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    own = getattr(value, "source", None)
    here = own if isinstance(own, Source) else source
    kind = type(value).__name__
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(value):
        key = (kind, item.name)
        if key in NOT_TEXT_FIELDS or key in URL_FIELDS or key in VERBATIM_FIELDS:
            continue
        old = getattr(value, item.name)
        new = _map_text(old, change, here)
        if new is not old:
            changes[item.name] = new
    return dataclasses.replace(value, **changes) if changes else value


def _map_collection(
    collection: Collection, change: Callable[[str, Source | None], str], config: Config
) -> Collection:
    stories = tuple(_map_text(story, change, story.source) for story in collection.stories)
    meta = collection.meta
    changes = {}
    for name, value, source in _meta_fields(meta, config):
        if ("Metadata", name) in NOT_TEXT_FIELDS or ("Metadata", name) in URL_FIELDS:
            continue
        new = _map_text(value, change, source)
        if new is not value:
            changes[name] = new
    meta = dataclasses.replace(meta, **changes) if changes else meta
    if meta is collection.meta and all(
        a is b for a, b in zip(stories, collection.stories, strict=True)
    ):
        return collection
    return Collection(meta, stories)


# Characters no PDF text or PPTX XML can carry. Files with them are refused when read, but YAML
# and TOML escapes ("\b", "\u0000", "\ud800") can still put them into a title.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def refuse_unprintable(collection: Collection, config: Config = None) -> None:
    """Raise at the source line of the first string holding a control character.

    Stories are looked at before the metadata, so a title copied from a story into the
    metadata is blamed on the story's line.
    """
    for text, source in texts(collection, config):
        found = UNPRINTABLE.search(text)
        if found:
            raise MakedocsError(
                f"text contains the control character U+{ord(found.group()):04X}; remove it",
                source.file if source else None,
                source.line if source and source.line else None,
            )


# --- links -------------------------------------------------------------------------------------


def safe_links(collection: Collection, warned: Warned, config: Config = None) -> Collection:
    """Keep only links a reader may safely click (see makedocs.links.is_clickable); print any
    other link as its text, with a warning at its line."""

    def inlines(content: tuple[Inline, ...], source: Source) -> tuple[Inline, ...]:
        out: list[Inline] = []
        changed = False
        for node in content:
            match node:
                case Link(children=children, url=url) if not is_clickable(url):
                    warned.warn(_unsafe_message(url), source.file, source.line or None)
                    out.extend(inlines(children, source))
                    changed = True
                case (
                    Link(children=children)
                    | Emphasis(children=children)
                    | Strong(children=children)
                ):
                    inner = inlines(children, source)
                    if inner is not children:
                        node = dataclasses.replace(node, children=inner)
                        changed = True
                    out.append(node)
                case _:
                    out.append(node)
        return tuple(out) if changed else content

    def walk(value: Any, source: Source) -> Any:
        if isinstance(value, CallToAction) and not is_clickable(value.url):
            warned.warn(_unsafe_message(value.url), value.source.file, value.source.line or None)
            return Paragraph((Text(value.text), LineBreak(), Text(value.url)), value.source)
        if isinstance(value, tuple):
            if value and all(_is_inline(item) for item in value):
                return inlines(value, source)
            items = tuple(walk(item, source) for item in value)
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if isinstance(value, Source) or not dataclasses.is_dataclass(value):
            return value
        own = getattr(value, "source", None)
        here = own if isinstance(own, Source) else source
        changes = {}
        for item in dataclasses.fields(value):
            old = getattr(value, item.name)
            if isinstance(old, tuple):
                new = walk(old, here)
                if new is not old:
                    changes[item.name] = new
        return dataclasses.replace(value, **changes) if changes else value

    stories = tuple(walk(story, story.source) for story in collection.stories)
    meta = collection.meta
    if meta.url and not is_clickable(meta.url):
        where = _config_source(config, "url")
        warned.warn(_unsafe_message(meta.url), *((where.file, where.line or None) if where else ()))
        meta = dataclasses.replace(meta, url=None)
    if meta is collection.meta and all(
        a is b for a, b in zip(stories, collection.stories, strict=True)
    ):
        return collection
    return Collection(meta, stories)


def _unsafe_message(url: str) -> str:
    shown = url if len(url) <= 80 else url[:77] + "..."
    return (
        f"link to {shown!r} is printed as text, not made clickable: only https, http and "
        "mailto links are (others can open files or programs on the reader's computer)"
    )


# --- unbreakable runs --------------------------------------------------------------------------

#: A run of characters without a space longer than this is no word in any language the stories
#: are written in (a lost line break, a pasted data blob): it is cut into pieces of at most
#: ``WORD_PIECE`` characters, each of which fits a line of the booklet, so line breaking never
#: has to split a word letter by letter (a 19,900-character word took 18 s in the deck alone).
MAX_WORD_CHARS = 200
WORD_PIECE = 40
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
_BREAK_AFTER = "/-_.,;:?&=+|\\)]}}"


def split_long_words(collection: Collection, warned: Warned, config: Config = None) -> Collection:
    """Cut every run of more than MAX_WORD_CHARS non-space characters into pieces of at most
    WORD_PIECE characters (after punctuation where there is some), with a warning at its line."""
    warned_at: set[tuple[str | None, int | None]] = set()

    def change(text: str, source: Source | None) -> str:
        if len(text) <= MAX_WORD_CHARS or not _LONG_RUN.search(text):
            return text
        where = (source.file, source.line or None) if source else (None, None)
        if where not in warned_at:
            warned_at.add(where)
            longest = max(len(run) for run in _LONG_RUN.findall(text))
            warned.warn(
                f"a run of {longest:,} characters without a space was broken into pieces of "
                f"{WORD_PIECE} so it can be typeset; add spaces (or line breaks) where they belong",
                *where,
            )
        return _LONG_RUN.sub(lambda m: " ".join(_pieces(m.group(0))), text)

    return _map_collection(collection, change, config)


def _pieces(run: str) -> list[str]:
    pieces: list[str] = []
    while len(run) > WORD_PIECE:
        window = run[:WORD_PIECE]
        cut = max(window.rfind(c) for c in _BREAK_AFTER) + 1
        if cut < WORD_PIECE // 2:
            cut = WORD_PIECE
        pieces.append(run[:cut])
        run = run[cut:]
    pieces.append(run)
    return pieces


# --- very long paragraphs ----------------------------------------------------------------------

#: Paragraphs longer than this are split. Line breaking re-measures the rest of a paragraph on
#: every page it continues onto, so one 1 MB paragraph (a file whose line breaks were lost) takes
#: ReportLab minutes; in pieces of ``PARAGRAPH_PIECE`` it takes seconds. Real paragraphs are far
#: shorter, so nothing an author wrote on purpose is touched.
MAX_PARAGRAPH_CHARS = 20_000
PARAGRAPH_PIECE = 8_000
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s+")


def split_long_paragraphs(collection: Collection, warned: Warned) -> Collection:
    """Split paragraphs over MAX_PARAGRAPH_CHARS at sentence ends, with a warning at each."""
    stories = []
    changed = False
    for story in collection.stories:
        blocks: list[Block] = []
        for block in story.blocks:
            if isinstance(block, Paragraph) and _length(block.content) > MAX_PARAGRAPH_CHARS:
                pieces = _split_inlines(block.content)
                warned.warn(
                    f"paragraph of {_length(block.content):,} characters split into "
                    f"{len(pieces)} paragraphs at sentence ends so it can be typeset",
                    block.source.file,
                    block.source.line,
                )
                blocks.extend(Paragraph(piece, block.source) for piece in pieces)
                changed = True
            else:
                blocks.append(block)
        stories.append(dataclasses.replace(story, blocks=tuple(blocks)) if changed else story)
    if not changed:
        return collection
    return dataclasses.replace(collection, stories=tuple(stories))


def _length(content: tuple[Inline, ...]) -> int:
    leaves: list[str] = []
    _leaves(content, leaves)
    return sum(len(leaf) for leaf in leaves)


def _split_inlines(content: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """Pieces of about PARAGRAPH_PIECE characters, cut in top-level text at a sentence end
    (else at a space, else anywhere); styled runs are never cut."""
    pieces: list[tuple[Inline, ...]] = []
    current: list[Inline] = []
    size = 0
    for node in content:
        if not isinstance(node, Text):
            current.append(node)
            size += _length((node,))
            continue
        text = node.text
        while size + len(text) > PARAGRAPH_PIECE:
            cut = _cut(text, max(0, PARAGRAPH_PIECE - size))
            if cut is None:
                break
            head, text = text[:cut].rstrip(), text[cut:].lstrip()
            if head:
                current.append(Text(head))
            if current:
                pieces.append(tuple(current))
            current, size = [], 0
        if text:
            current.append(Text(text))
            size += len(text)
        if size > PARAGRAPH_PIECE and current:
            pieces.append(tuple(current))
            current, size = [], 0
    if current:
        pieces.append(tuple(current))
    return pieces


def _cut(text: str, want: int) -> int | None:
    """Where to cut ``text`` near ``want``: after a sentence, else at a space, else at ``want``."""
    if want >= len(text):
        return None
    window = text[want : want + PARAGRAPH_PIECE]
    found = _SENTENCE_END.search(window)
    if found:
        return want + found.end()
    space = text.find(" ", want)
    if space != -1 and space < want + PARAGRAPH_PIECE:
        return space + 1
    return max(want, 1)


# --- helpers -----------------------------------------------------------------------------------


def _is_inline(value: object) -> bool:
    return isinstance(value, Text | Emphasis | Strong | Link | LineBreak)
