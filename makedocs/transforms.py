"""Model -> model passes run once per build, before any renderer sees the collection.

Redaction lives here, not in the renderers, so every output (booklet text, bookmarks, PDF and
PPTX metadata, slides, speaker notes, ``inspect``) is made from the same already-redacted model
and no renderer can forget a field. The walk is generic over the model's dataclasses: every
string is redacted unless it is listed in ``_NOT_TEXT`` (file paths and the language code), so a
field added to the model later is redacted by default rather than leaked by default.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from makedocs.errors import MakedocsError, Warned
from makedocs.model import (
    Block,
    Collection,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Source,
    Strong,
    Text,
)

# Fields that are not reader-visible text: redacting an image path would break loading it, and
# Source only points back at the author's files (it never reaches an output).
_NOT_TEXT = frozenset({("Image", "path"), ("Image", "base_dir"), ("Metadata", "language")})
_URL_FIELDS = frozenset({("Link", "url"), ("CallToAction", "url"), ("Metadata", "url")})

# Invisible characters that could hide a name from a plain search ("Yu\u00adsung").
_INVISIBLE = "[\u00ad\u200b\u200c\u200d\u2060\ufeff]*"
_APOSTROPHES = "['\u2019\u2018\u02bc]"
_HYPHENS = "[-\u2010\u2011\u2013]"


@dataclass(frozen=True, slots=True)
class Found:
    """One place a redacted name occurs (for ``makedocs check``)."""

    name: str
    text: str
    start: int


class Redactor:
    """Replaces real names with aliases: whole words, any case, possessives and line breaks.

    Matching ignores case on purpose (a leaked "YUSUNG" or "yusung" is still a leak); the alias
    takes the case of what it replaces: "YUSUNG" -> "ALIAS", "yusung" -> "alias", otherwise the
    alias as written. "Yusung's" and "Yusung’s" keep their possessive ending. Longer names win,
    so "Hannah Song" is replaced before "Hannah".
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        cleaned = {_nfc(" ".join(real.split())): _nfc(alias) for real, alias in names.items()}
        self.names = {real: alias for real, alias in cleaned.items() if real}
        order = sorted(self.names, key=len, reverse=True)
        self._order = order
        self._text = _compile(order, "(?:\\s|\u00a0)+") if order else None
        self._url = _compile(order, "(?:[-_.+\\s]|%20)+") if order else None

    def __bool__(self) -> bool:
        return bool(self.names)

    # --- finding -----------------------------------------------------------------------------

    def find(self, text: str) -> Iterator[Found]:
        """Every occurrence of a redacted name in ``text``."""
        if self._text is None:
            return
        for match in self._text.finditer(text):
            yield Found(self._real(match), match.group(0), match.start())

    def _real(self, match: re.Match[str]) -> str:
        index = int(match.lastgroup[1:]) if match.lastgroup else 0
        return self._order[index]

    # --- replacing ---------------------------------------------------------------------------

    def text(self, text: str) -> str:
        if self._text is None or not text:
            return text
        return self._text.sub(self._replacement, text)

    def url(self, url: str) -> str:
        if self._url is None or not url:
            return url
        return self._url.sub(lambda m: re.sub(r"\s+", "-", self._replacement(m)), url)

    def _replacement(self, match: re.Match[str]) -> str:
        return _cased(self.names[self._real(match)], match.group(0))

    def inlines(self, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """Redact a run of inlines, also where a name spans nodes ("**Hannah** Song")."""
        if self._text is None:
            return content
        leaves: list[str] = []
        _leaves(content, leaves)
        joined = "".join(leaves)
        matches = list(self._text.finditer(joined))
        if not matches:
            return self._urls_only(content)
        edits: list[list[tuple[int, int, str]]] = [[] for _ in leaves]
        bounds: list[tuple[int, int]] = []
        position = 0
        for leaf in leaves:
            bounds.append((position, position + len(leaf)))
            position += len(leaf)
        for match in matches:
            start, end = match.span()
            replacement = self._replacement(match)
            placed = False
            for index, (a, b) in enumerate(bounds):
                if b <= start or a >= end or a == b:
                    continue
                local = (max(start, a) - a, min(end, b) - a)
                edits[index].append((*local, "" if placed else replacement))
                placed = True
        new_leaves = []
        for leaf, leaf_edits in zip(leaves, edits, strict=True):
            for start, end, replacement in sorted(leaf_edits, reverse=True):
                leaf = leaf[:start] + replacement + leaf[end:]
            new_leaves.append(leaf)
        rebuilt, _ = _rebuild(content, new_leaves, 0, self)
        return rebuilt

    def _urls_only(self, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
        if not any(_has_link(node) for node in content):
            return content
        leaves: list[str] = []
        _leaves(content, leaves)
        rebuilt, _ = _rebuild(content, leaves, 0, self)
        return rebuilt

    # --- the whole model ---------------------------------------------------------------------

    def collection(self, collection: Collection) -> Collection:
        """The collection with every reader-visible string redacted."""
        if not self:
            return collection
        return self._value(collection)

    def _value(self, value: Any) -> Any:
        if isinstance(value, Source) or value is None:
            return value
        if isinstance(value, tuple):
            if value and all(_is_inline(item) for item in value):
                return self.inlines(value)
            return tuple(self._value(item) for item in value)
        if isinstance(value, str):
            return self.text(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            kind = type(value).__name__
            changes: dict[str, Any] = {}
            for item in dataclasses.fields(value):
                old = getattr(value, item.name)
                if (kind, item.name) in _NOT_TEXT:
                    continue
                if (kind, item.name) in _URL_FIELDS and isinstance(old, str):
                    new = self.url(old)
                else:
                    new = self._value(old)
                if new is not old:
                    changes[item.name] = new
            return dataclasses.replace(value, **changes) if changes else value
        return value


def redact(collection: Collection, names: Mapping[str, str]) -> Collection:
    """``collection`` with each real name in ``names`` replaced by its alias everywhere."""
    return Redactor(names).collection(collection)


def apply_transforms(
    collection: Collection,
    redact_names: Mapping[str, str],
    warned: Warned,
    config: str | None = None,
) -> Collection:
    """Every model pass of a build, in order. Redaction runs last so nothing re-adds a name.

    ``config`` names the settings file, which the collection metadata came from.
    """
    refuse_unprintable(collection, config)
    collection = split_long_paragraphs(collection, warned)
    return redact(collection, redact_names)


# --- walking every string ----------------------------------------------------------------------


def texts(collection: Collection, config: str | None = None) -> Iterator[tuple[str, Source | None]]:
    """Every reader-visible string of the model with the source line it came from.

    Collection metadata comes from the config file (``config``, no line). Image paths and the
    language code are not text and are skipped.
    """
    yield from _strings(collection.meta, Source(config, 0) if config else None)
    for story in collection.stories:
        yield from _strings(story, story.source)


def _strings(value: object, source: Source | None) -> Iterator[tuple[str, Source | None]]:
    if isinstance(value, str):
        if value:
            yield value, source
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item, source)
    elif dataclasses.is_dataclass(value) and not isinstance(value, Source):
        own = getattr(value, "source", None)
        here = own if isinstance(own, Source) else source
        kind = type(value).__name__
        for item in dataclasses.fields(value):
            if (kind, item.name) not in _NOT_TEXT:
                yield from _strings(getattr(value, item.name), here)


# Characters no PDF text or PPTX XML can carry. Files with them are refused when read, but YAML
# and TOML escapes ("\b", "\u0000", "\ud800") can still put them into a title.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def refuse_unprintable(collection: Collection, config: str | None = None) -> None:
    """Raise at the source line of the first string holding a control character."""
    for text, source in texts(collection, config):
        found = _UNPRINTABLE.search(text)
        if found:
            raise MakedocsError(
                f"text contains the control character U+{ord(found.group()):04X}; remove it",
                source.file if source else None,
                source.line if source and source.line else None,
            )


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


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _char_pattern(char: str) -> str:
    if char in "'\u2019\u2018\u02bc":
        return _APOSTROPHES
    if char in "-\u2010\u2011\u2013":
        return _HYPHENS
    return re.escape(char)


def _name_pattern(name: str, separator: str) -> str:
    words = [_INVISIBLE.join(_char_pattern(c) for c in word) for word in name.split()]
    body = separator.join(words)
    end = r"(?!\w)"
    if len(name) > 1 and "\uac00" <= name[-1] <= "\ud7a3":
        # Korean writes particles straight after a name ("박연미는", "박연미의", "박연미다"):
        # no end boundary, since over-redacting a word beats leaking a name.
        end = ""
    return rf"(?<!\w){body}{end}"


def _compile(order: list[str], separator: str) -> re.Pattern[str]:
    alternatives = "|".join(
        f"(?P<n{index}>{_name_pattern(name, separator)})" for index, name in enumerate(order)
    )
    return re.compile(alternatives, re.IGNORECASE)


def _cased(alias: str, found: str) -> str:
    """The alias in the case of the text it replaces."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return alias.upper()
    if letters and all(c.islower() for c in letters):
        return alias.lower()
    return alias


def _is_inline(value: object) -> bool:
    return isinstance(value, Text | Emphasis | Strong | Link | LineBreak)


def _has_link(node: Inline) -> bool:
    match node:
        case Link():
            return True
        case Emphasis(children=children) | Strong(children=children):
            return any(_has_link(child) for child in children)
    return False


def _leaves(content: tuple[Inline, ...], out: list[str]) -> None:
    """The text of every leaf in reading order; a line break is a newline leaf."""
    for node in content:
        match node:
            case Text(text=text):
                out.append(text)
            case Emphasis(children=children) | Strong(children=children) | Link(children=children):
                _leaves(children, out)
            case LineBreak():
                out.append("\n")


def _rebuild(
    content: tuple[Inline, ...], leaves: list[str], index: int, redactor: Redactor
) -> tuple[tuple[Inline, ...], int]:
    """``content`` with its leaves replaced, in order; empty nodes are dropped."""
    out: list[Inline] = []
    for node in content:
        match node:
            case Text():
                if leaves[index]:
                    out.append(Text(leaves[index]))
                index += 1
            case LineBreak():
                if leaves[index]:
                    out.append(node)
                index += 1
            case Emphasis(children=children):
                inner, index = _rebuild(children, leaves, index, redactor)
                if inner:
                    out.append(Emphasis(inner))
            case Strong(children=children):
                inner, index = _rebuild(children, leaves, index, redactor)
                if inner:
                    out.append(Strong(inner))
            case Link(children=children, url=url):
                inner, index = _rebuild(children, leaves, index, redactor)
                if inner:
                    out.append(Link(inner, redactor.url(url)))
    return tuple(out), index
