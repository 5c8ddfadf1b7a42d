"""Markdown stories (markdown-it-py) with optional YAML front matter.

Conventions (also in README.md):
- front matter keys: title, subtitle, kicker, byline, date, summary, tags, image, image_alt,
  image_caption, image_credit, image_focus ("x,y" fractions), image_decorative;
- the story title is the front matter ``title`` or else the first ``# Heading``; every later
  level-1 heading starts another story in the same file;
- a block quote right after the title is the *epigraph*; elsewhere it is a *block quote*. In both,
  a last line starting with an em dash (``— Source``) or ``--`` is the attribution;
- a paragraph that is one quotation from start to end (at most 300 characters) is a *pull quote*;
- a paragraph starting with an em dash is an *attribution* line;
- ``![alt](path "caption | credit")`` alone in a paragraph is an image; paths are relative to
  the Markdown file; ``---`` is a divider (a scene break in print, a slide break in the deck);
- GFM tables are tables (inline formatting in cells, alignment from the delimiter row); a
  paragraph ``Table: ...`` right before or after one is its caption;
- fenced and indented code is a code block: its text exactly as written, its language the first
  word of the info string.

Whatever else markdown-it reads that the model cannot hold (raw HTML, footnotes, strikethrough,
pictures in running text, lists and quotes nested in each other, headings below level 2,
definition and task lists) is kept as well as it can be and warned about at its line, so nothing
is garbled in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError, Warned
from makedocs.model import (
    Attribution,
    Block,
    CodeBlock,
    Divider,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Source,
    Story,
    Strong,
    Table,
    Text,
    plain_text,
)
from makedocs.sources.paths import picture_path
from makedocs.sources.reading import read_source
from makedocs.typography import DASHES, is_whole_quotation, nest_quotes, smarten

FRONT_MATTER_KEYS = frozenset(
    [
        "title",
        "subtitle",
        "kicker",
        "byline",
        "date",
        "summary",
        "tags",
        "image",
        "image_alt",
        "image_caption",
        "image_credit",
        "image_focus",
        "image_decorative",
    ]
)
MAX_PULL_QUOTE_CHARS = 300
#: Emphasis, strong and links nest at most this deep in the model (real text uses two or three).
MAX_INLINE_DEPTH = 12
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATTRIBUTION = re.compile(rf"^\s*(?:[{DASHES}]|--)\s*(.+)$", re.S)
#: The caption of a table, in a paragraph of its own right before or after it (as in Pandoc).
CAPTION_PREFIX = "Table:"
_ALIGN = re.compile(r"text-align:\s*(left|center|right)")
_LINE_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.I)
_TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9-]*)")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_STRIKE = re.compile(r"~~(?=\S)[^~]*~~")
_TASK = re.compile(r"^\[[ xX]\]\s")
_LISTS = ("bullet_list_open", "ordered_list_open")
#: What the constructs markdown-it produces are called in a warning.
_CONSTRUCTS = {
    "blockquote_open": "block quote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "fence": "code block",
    "code_block": "code block",
    "table_open": "table",
    "heading_open": "heading",
    "hr": "divider (---)",
    "html_block": "raw HTML block",
}


@dataclass(slots=True)
class _StoryDraft:
    title: str
    source: Source
    blocks: list[Block] = field(default_factory=list)
    meta: _Front = field(default_factory=lambda: _Front())


def parse_markdown(path: Path, display: str, warned: Warned) -> list[Story]:
    """Parse one Markdown file into stories."""
    from markdown_it import MarkdownIt

    text = read_source(path, display, warned)
    meta, body, offset = _front_matter(text, display, warned)
    md = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["replacements", "smartquotes", "table"]
    )
    # Every link becomes a link token, so makedocs.transforms.safe_links treats them all alike:
    # markdown-it would leave a javascript: or file: link as raw "[text](url)" without a word.
    md.validateLink = lambda url: True
    tokens = md.parse(body)
    reader = _Reader(tokens, display, offset, Path(display).parent.as_posix(), warned)
    drafts = reader.read(meta)
    if not drafts:
        raise MakedocsError("file is empty: no stories found", display, 1)
    return [_finish(draft, display, warned) for draft in drafts]


@dataclass(slots=True)
class _Front:
    """Front matter values (text as the author wrote it, tags, True/False) and their lines."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def line(self, key: str) -> int:
        return self.lines.get(key, 2)


def _front_matter(text: str, display: str, warned: Warned) -> tuple[_Front, str, int]:
    """Read the YAML front matter as text, exactly as written.

    Values are never typed by YAML: ``date: 2024-02-30`` stays that text (and is then checked
    as a date), ``title: 010`` stays ``010``, a tag such as ``!!int abc`` gives ``abc``. Every
    problem names its line: a duplicate key, a list where text belongs, a control character.
    Aliases are never expanded, so "billion laughs" stays one small node.
    """
    match = _FRONT.match(text)
    if not match:
        return _Front(), text, 0
    import yaml

    try:
        node = _compose(match.group(1) or "")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        opened = str(getattr(error, "context", "") or "")
        if context is not None and opened.startswith(("while parsing a flow", "while scanning a")):
            mark = context  # a "[", "{" or quote never closed: point at where it opened
            opened = f" ({opened} that starts on this line)"
        else:
            opened = ""
        line = mark.line + 2 if mark is not None else 1
        problem = (getattr(error, "problem", None) or "invalid YAML") + opened
        raise MakedocsError(f"invalid front matter: {problem}", display, line) from None
    except RecursionError:
        raise MakedocsError("front matter is nested too deeply", display, 2) from None
    front = _Front()
    if node is None or (isinstance(node, yaml.ScalarNode) and _is_null(node)):
        pass
    elif not isinstance(node, yaml.MappingNode):
        raise MakedocsError("front matter must be a mapping of keys to values", display, 2)
    else:
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 2
            if not isinstance(key_node, yaml.ScalarNode):
                raise MakedocsError("front matter keys must be words", display, line)
            key = key_node.value
            if key in front.lines:
                raise MakedocsError(
                    f"front matter key {key!r} appears twice (first on line {front.lines[key]}); "
                    "keep one",
                    display,
                    line,
                )
            front.lines[key] = line
            if key not in FRONT_MATTER_KEYS:
                warned.warn(f"unknown front matter key {key!r}", display, line)
                continue
            front.values[key] = _front_value(key, value_node, display)
    lines = match.group(0).count("\n")
    return front, "\n" * lines + text[match.end() :], 0


def _compose(text: str) -> Any:
    """The YAML node tree of ``text``, untyped. libyaml's parser, where PyYAML was built with
    it, is 14 times faster (front matter was 6% of reading 400 stories); on an error the pure
    Python parser reads it again, so every message stays PyYAML's own wording."""
    import yaml

    loader = getattr(yaml, "CBaseLoader", None)
    if loader is not None:
        try:
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.BaseLoader)


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "yes", "on", "y"})
_FALSE = frozenset({"false", "no", "off", "n"})
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?$")


def _is_null(node: Any) -> bool:
    return not node.style and node.value in _NULLS  # plain: None from PyYAML, "" from libyaml


def _front_value(key: str, node: Any, display: str) -> Any:
    """One front matter value: text, a list of tags, True/False or None, checked at its line."""
    import yaml

    line = node.start_mark.line + 2
    if key == "tags" and isinstance(node, yaml.SequenceNode):
        tags = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                raise MakedocsError("tags must be a list of words, not of lists", display, line)
            tag = _scalar(key, item, display)
            if tag and tag.strip():
                tags.append(tag.strip())
        return tags
    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        hint = "; quote it if the brackets are part of the text" if kind == "a list" else ""
        raise MakedocsError(f"front matter {key} must be text, not {kind}{hint}", display, line)
    value = _scalar(key, node, display)
    if value is None:
        return None
    if key == "tags":
        return [t.strip() for t in value.split(",") if t.strip()]
    if key == "image_decorative":
        if value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        raise MakedocsError(f"image_decorative must be true or false, not {value!r}", display, line)
    if key == "date":
        _check_date(value, display, line)
    return value


def _scalar(key: str, node: Any, display: str) -> str | None:
    from makedocs.transforms import UNPRINTABLE

    if _is_null(node):
        return None
    value = str(node.value)
    bad = UNPRINTABLE.search(value)
    if bad:
        raise MakedocsError(
            f"front matter {key} contains the control character U+{ord(bad.group()):04X}; "
            "remove it",
            display,
            node.start_mark.line + 2,
        )
    return value


def _check_date(value: str, display: str, line: int) -> None:
    """A date written like YAML's (2024-05-01) must exist; other wordings are free text."""
    import datetime

    found = _ISO_DATE.match(value.strip())
    if not found:
        return
    try:
        datetime.date(*(int(part) for part in found.groups()))
    except ValueError:
        raise MakedocsError(
            f"date {value!r} is not a calendar date; write it as YYYY-MM-DD", display, line
        ) from None


class _Reader:
    """Walks markdown-it's flat token stream and builds blocks."""

    def __init__(self, tokens: list[Any], display: str, offset: int, base: str, warned: Warned):
        self.tokens = tokens
        self.pos = 0
        self.display = display
        self.offset = offset
        self.base = base
        self.warned = warned
        self.line = 1  # of the block being read, for warnings
        self.warned_at: set[tuple[int, str]] = set()

    def warn(self, message: str, line: int | None = None) -> None:
        """Warn once per message and line (a tag that opens and closes is one warning)."""
        key = (line or self.line, message)
        if key not in self.warned_at:
            self.warned_at.add(key)
            self.warned.warn(message, self.display, key[0])

    def line_of(self, token: Any) -> int:
        return token.map[0] + 1 + self.offset if token.map else self.line

    def source(self, token: Any) -> Source:
        line = token.map[0] + 1 + self.offset if token.map else 1
        return Source(self.display, line)

    def read(self, meta: _Front) -> list[_StoryDraft]:
        drafts: list[_StoryDraft] = []
        if str(meta.get("title") or "").strip():
            source = Source(self.display, meta.line("title"))
            drafts.append(_StoryDraft(str(meta.get("title")), source, meta=meta))
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "heading_open" and token.tag == "h1":
                self.line = self.source(token).line
                inline = self.tokens[self.pos + 1]
                title = plain_text(self.inlines(inline.children or []))
                self.pos += 3
                if not title.strip():
                    self.warned.warn(
                        "empty title; titling the story after the file",
                        self.display,
                        self.source(token).line,
                    )
                    title = Path(self.display).stem.replace("-", " ").replace("_", " ").title()
                if drafts and not drafts[-1].blocks and drafts[-1].title == title:
                    continue  # "# Title" repeating the front matter title
                first = not drafts and not meta.get("title")
                drafts.append(
                    _StoryDraft(title, self.source(token), meta=meta if first else _Front())
                )
                continue
            block_list = self.block()
            if not block_list:
                continue
            if not drafts:
                stem = Path(self.display).stem.replace("-", " ").replace("_", " ").title()
                self.warned.warn(
                    "no title before the text; titling the story after the file",
                    self.display,
                    block_list[0].source.line,
                )
                drafts.append(_StoryDraft(stem, block_list[0].source, meta=meta))
            for block in block_list:
                if isinstance(block, Quote) and not drafts[-1].blocks:
                    block = Epigraph(
                        block.paragraphs[0] if len(block.paragraphs) == 1 else _join(block),
                        block.attribution,
                        block.source,
                    )
                drafts[-1].blocks.append(block)
        return drafts

    def block(self) -> list[Block]:
        token = self.tokens[self.pos]
        self.line = self.source(token).line
        kind = token.type
        if kind == "paragraph_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            if self.is_caption(inline) and self.at("table_open"):
                return [self.table(self.caption(inline))]
            return self.paragraph(inline, self.source(token))
        if kind == "heading_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            level = int(token.tag[1])
            if level > 2:
                self.warn(
                    f"a level-{level} heading ({'#' * level}) is printed like a level-2 heading "
                    "(##): the booklet and the deck have one level of heading inside a story"
                )
            content = self.inlines(inline.children or [], inside="a heading")
            return [Heading(level, content, self.source(token))]
        if kind == "hr":
            self.pos += 1
            return [Divider(self.source(token))]
        if kind == "blockquote_open":
            return [self.blockquote()]
        if kind in ("bullet_list_open", "ordered_list_open"):
            return [self.list_block()]
        if kind == "table_open":
            return [self.table()]
        if kind in ("fence", "code_block"):
            self.pos += 1
            return self.code(token)
        if kind == "html_block":
            self.pos += 1
            text = self.html_block(token, "its text is set as a paragraph")
            return [Paragraph((Text(text),), self.source(token))] if text else []
        self.pos += 1
        return []

    def at(self, kind: str) -> bool:
        return self.pos < len(self.tokens) and self.tokens[self.pos].type == kind

    # --- tables and code -----------------------------------------------------------------

    def is_caption(self, inline: Any) -> bool:
        children = inline.children or []
        return bool(
            children
            and children[0].type == "text"
            and children[0].content.startswith(CAPTION_PREFIX)
            and inline.content[len(CAPTION_PREFIX) :].strip()
        )

    def caption(self, inline: Any) -> Inlines:
        content = list(self.inlines(inline.children or [], inside="a table caption"))
        first = content[0]
        assert isinstance(first, Text)
        rest = first.text[len(CAPTION_PREFIX) :].lstrip()
        return (Text(rest), *content[1:]) if rest else tuple(content[1:])

    def table(self, caption: Inlines = ()) -> Table:
        """A GFM table; a ``Table: ...`` paragraph right after it is its caption (unless the
        one right before it was)."""
        open_token = self.tokens[self.pos]
        header: tuple[Inlines, ...] = ()
        rows: list[tuple[Inlines, ...]] = []
        align: list[str] = []
        row: list[Inlines] = []
        self.pos += 1
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            kind = token.type
            if kind == "table_close":
                break
            if kind == "tr_open":
                row = []
                self.line = self.line_of(token)
            elif kind == "th_open":
                found = _ALIGN.search(str(token.attrGet("style") or ""))
                align.append(found.group(1) if found else "")
            elif kind == "inline":
                row.append(self.inlines(token.children or [], inside="a table cell"))
            elif kind == "tr_close":
                if _in_head(self.tokens, self.pos) and not (header or rows):
                    header = tuple(row)
                else:
                    rows.append(tuple(row))
        if not any(plain_text(cell).strip() for cell in header):
            header = ()  # a header row with no text is no header (the edition says so)
        if (
            not caption
            and self.at("paragraph_open")
            and self.pos + 1 < len(self.tokens)
            and self.is_caption(self.tokens[self.pos + 1])
        ):
            caption = self.caption(self.tokens[self.pos + 1])
            self.pos += 3
        return Table(header, tuple(rows), tuple(align), self.source(open_token), caption)

    def code(self, token: Any) -> list[Block]:
        """A code block: its text exactly as written (markdown-it makes nothing typographic
        inside code), its language the info string's first word."""
        text = token.content.rstrip("\n")
        if not text.strip():
            return []
        words = str(token.info or "").split()
        language = words[0].strip("{}").lstrip(".") if words else ""
        if token.type == "code_block":
            self.warn(
                "text indented by four spaces is a code block, set as written in the monospaced "
                "font; remove the indent if it is a paragraph (and fence code with ```)"
            )
        return [CodeBlock(text, language, self.source(token))]

    def html_block(self, token: Any, kept: str) -> str:
        """The text of a raw HTML block without its tags ("" for a comment), with a warning
        that says what becomes of it: ``kept`` when there is text."""
        text, comment = _html_text(token.content)
        line = self.line_of(token)
        if text:
            self.warn(f"raw HTML is not supported: its tags are left out and {kept}", line)
        elif comment:
            self.warn("an HTML comment is left out of every output", line)
        else:
            self.warn("raw HTML is not supported: this block has no text and is left out", line)
        return smarten(text)

    def inside(self, token: Any, container: str) -> Inlines:
        """A block markdown-it found inside a list item or block quote that the model has no
        place for there: warned about, its text (if any) returned to be set plainly."""
        kind = token.type
        line = self.line_of(token)
        what = _CONSTRUCTS[kind]
        if kind == "html_block":
            text = self.html_block(token, f"its text is set as text of the {container}")
            return (Text(text),) if text else ()
        if kind == "hr":
            self.warn(f"a {what} inside a {container} is not supported and is left out", line)
            return ()
        if kind in _LISTS and container == "list":
            self.warn(
                "a list inside a list is not supported: its items are joined to the item "
                "they are in",
                line,
            )
            return ()
        self.warn(
            f"a {what} inside a {container} is not supported: its text is set as plain text "
            f"of the {container}",
            line,
        )
        if kind in ("fence", "code_block"):
            return (Text(token.content.rstrip("\n")),)
        return ()

    def paragraph(self, inline: Any, source: Source) -> list[Block]:
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        if images and all(
            c.type in ("image", "softbreak") or (c.type == "text" and not c.content.strip())
            for c in children
        ):
            return [self.image(c, source) for c in images]
        content = self.inlines(children)
        if images:
            self.warn(
                "a picture inside running text is set after its paragraph, its description "
                "in the text where it stood; give a picture a paragraph of its own"
            )
        text = plain_text(content)
        if any(
            child.type == "softbreak" and i + 1 < len(children) and _definition(children[i + 1])
            for i, child in enumerate(children)
        ):
            self.warn(
                "definition lists are not supported: the term and its definition are "
                "printed as written"
            )
        match = _ATTRIBUTION.match(text)
        if match and len(text) < 200 and "\n" not in text.strip():
            return [Attribution(match.group(1).strip(), source)]
        if len(text) <= MAX_PULL_QUOTE_CHARS and is_whole_quotation(nest_quotes(text)):
            return [PullQuote(_nest(content), source)]
        blocks: list[Block] = [Paragraph(content, source)]
        blocks.extend(self.image(c, source) for c in images)
        return blocks

    def image(self, token: Any, source: Source) -> Image:
        alt = "".join(child.content for child in token.children or []) or token.content
        title = str(token.attrGet("title") or "")
        caption, _, credit = title.partition("|")
        return Image(
            path=self.picture(str(token.attrGet("src") or ""), source.line, encoded=True),
            alt=alt.strip(),
            caption=caption.strip(),
            credit=credit.strip(),
            source=source,
            base_dir=self.base,
        )

    def picture(self, written: str, line: int, *, encoded: bool) -> str:
        try:
            return picture_path(written, encoded=encoded)
        except ValueError as error:
            raise MakedocsError(str(error), self.display, line) from None

    def blockquote(self) -> Block:
        open_token = self.tokens[self.pos]
        self.pos += 1
        paragraphs: list[tuple[Inline, ...]] = []
        depth = 1
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "blockquote_open":
                depth += 1
                self.inside(token, "block quote")
            elif token.type == "blockquote_close":
                depth -= 1
                if depth == 0:
                    self.pos += 1
                    break
            elif token.type == "inline":
                self.line = self.line_of(token)
                paragraphs.extend(self.split_lines(token))
            elif token.type in _CONSTRUCTS:
                text = self.inside(token, "block quote")
                if text:
                    paragraphs.append(text)
            self.pos += 1
        attribution = None
        if paragraphs:
            match = _ATTRIBUTION.match(plain_text(paragraphs[-1]))
            if match and len(paragraphs) > 1:
                attribution = match.group(1).strip()
                paragraphs.pop()
        return Quote(tuple(paragraphs), attribution, self.source(open_token))

    def split_lines(self, inline: Any) -> list[tuple[Inline, ...]]:
        """Split a quote paragraph so a final ``— Source`` line can be told apart."""
        children = inline.children or []
        cut = None
        for i, child in enumerate(children):
            if child.type in ("softbreak", "hardbreak"):
                rest = "".join(c.content for c in children[i + 1 :] if c.type == "text")
                if _ATTRIBUTION.match(rest):
                    cut = i
        if cut is None:
            return [self.inlines(children, inside="a block quote")]
        return [
            self.inlines(children[:cut], inside="a block quote"),
            self.inlines(children[cut + 1 :], inside="a block quote"),
        ]

    def list_block(self) -> Block:
        open_token = self.tokens[self.pos]
        ordered = open_token.type == "ordered_list_open"
        start = int(open_token.attrGet("start") or 1)
        items: list[tuple[Inline, ...]] = []
        depth = 0
        self.pos += 1
        current: list[Inline] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type in _LISTS:  # a list in this list, of either kind
                depth += 1
                self.inside(token, "list")
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                if depth == 0:
                    self.pos += 1
                    break
                depth -= 1
            elif token.type == "list_item_open" and depth == 0:
                current = []
            elif token.type == "list_item_close" and depth == 0:
                items.append(tuple(current))
            elif token.type == "inline":
                self.line = self.line_of(token)
                children = token.children or []
                if children and children[0].type == "text" and _TASK.match(children[0].content):
                    self.warn(
                        "task list check boxes are not supported: "
                        f"{children[0].content[:3]} is printed as written",
                        self.line_of(token),
                    )
                if current:
                    current.append(LineBreak())
                current.extend(self.inlines(children, inside="a list"))
            elif token.type in _CONSTRUCTS:
                text = self.inside(token, "list")
                if text:
                    if current:
                        current.append(LineBreak())
                    current.extend(text)
            self.pos += 1
        return ListBlock(ordered, tuple(items), self.source(open_token), start)

    def inlines(self, children: list[Any], inside: str = "") -> tuple[Inline, ...]:
        """Inline tokens -> inlines. Emphasis nested deeper than MAX_INLINE_DEPTH keeps its text
        and drops its markup (with a warning): 1,000 nested asterisks would otherwise make a
        model too deep for any renderer to walk. A picture ``inside`` a heading, cell, list or
        quote cannot be shown there: its description takes its place, with a warning."""
        # (kind, items, href, kept): a markup not kept adds its text to the level around it
        stack: list[tuple[str, list[Inline], str, bool]] = [("root", [], "", True)]
        depth = 0
        dropped = False
        for child in children:
            kind = child.type
            if kind == "text":
                self.unsupported_text(child.content)
            if kind in ("text", "code_inline"):
                if child.content:
                    stack[-1][1].append(Text(child.content))
            elif kind == "html_inline":
                if _LINE_BREAK_TAG.match(child.content.strip()):
                    stack[-1][1].append(LineBreak())
                elif child.content.startswith("<!--"):
                    self.warn("an HTML comment is left out of every output")
                else:
                    tag = _TAG_NAME.match(child.content)
                    name = f"<{tag.group(1).lower()}>" if tag else child.content.strip()[:20]
                    self.warn(
                        f"inline HTML is not supported: the tag {name} is left out and the "
                        "text around it kept"
                    )
            elif kind == "softbreak":
                stack[-1][1].append(Text(" "))
            elif kind == "hardbreak":
                stack[-1][1].append(LineBreak())
            elif kind in ("em_open", "strong_open", "link_open"):
                keep = depth < MAX_INLINE_DEPTH
                dropped = dropped or not keep
                items = [] if keep else stack[-1][1]
                depth += keep
                stack.append((kind, items, str(child.attrGet("href") or ""), keep))
            elif kind in ("em_close", "strong_close", "link_close") and len(stack) > 1:
                opened, items, href, kept = stack.pop()
                if not kept:
                    continue
                depth -= 1
                node: Inline
                if opened == "em_open":
                    node = Emphasis(tuple(items))
                elif opened == "strong_open":
                    node = Strong(tuple(items))
                else:
                    node = Link(tuple(items), href)
                stack[-1][1].append(node)
            elif kind == "image":
                alt = "".join(c.content for c in child.children or [])
                if inside:
                    self.warn(
                        f"a picture inside {inside} is not supported: its description is "
                        "printed in its place"
                    )
                if alt:
                    stack[-1][1].append(Text(alt))
        while len(stack) > 1:
            _, items, _, kept = stack.pop()
            if kept:
                stack[-1][1].extend(items)
        if dropped:
            self.warned.warn(
                f"emphasis nested more than {MAX_INLINE_DEPTH} deep; the inner markup is "
                "dropped and its text kept",
                self.display,
                self.line,
            )
        return _merge_text(stack[0][1])

    def unsupported_text(self, text: str) -> None:
        """Markdown extensions markdown-it leaves as text here: say so rather than print
        ``[^1]`` or ``~~words~~`` without a word."""
        footnote = _FOOTNOTE.search(text)
        if footnote:
            self.warn(
                f"footnotes are not supported: {footnote.group()} is printed as written; put "
                "the note in the text"
            )
        if _STRIKE.search(text):
            self.warn("strikethrough (~~text~~) is not supported: it is printed as written")


def _in_head(tokens: list[Any], pos: int) -> bool:
    """Whether the row that just closed (before ``pos``) is in the table's head."""
    return pos < len(tokens) and tokens[pos].type == "thead_close"


def _definition(token: Any) -> bool:
    """A line starting with ``: `` after a term: a definition list (Pandoc, PHP Markdown)."""
    return token.type == "text" and re.match(r"^:[ \t]", token.content) is not None


class _HTMLText(HTMLParser):
    """The text of some HTML: tags, comments, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.comment = False
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in ("br", "p", "div", "li", "tr", "td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comment = True


def _html_text(html: str) -> tuple[str, bool]:
    """(the text of ``html`` with its spacing collapsed, whether it held a comment)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split()), parser.comment


def _merge_text(items: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for item in items:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return tuple(merged)


def _nest(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if all(isinstance(item, Text) for item in content):
        return (Text(nest_quotes(plain_text(content))),)
    return content


def _join(quote: Quote) -> tuple[Inline, ...]:
    joined: list[Inline] = []
    for paragraph in quote.paragraphs:
        if joined:
            joined.append(LineBreak())
        joined.extend(paragraph)
    return tuple(joined)


def _finish(draft: _StoryDraft, display: str, warned: Warned) -> Story:
    meta = draft.meta
    if not draft.blocks:
        raise MakedocsError(
            f"story {draft.title!r} has a title but no text", display, draft.source.line
        )
    image = None
    if meta.get("image"):
        focus = _focus(meta.get("image_focus"), display, meta.line("image_focus"))
        try:
            path = picture_path(str(meta.get("image")), encoded=False)
        except ValueError as error:
            raise MakedocsError(str(error), display, meta.line("image")) from None
        image = Image(
            path=path,
            alt=str(meta.get("image_alt") or ""),
            caption=str(meta.get("image_caption") or ""),
            credit=str(meta.get("image_credit") or ""),
            source=Source(draft.source.file, meta.line("image")),  # its own line, for messages
            base_dir=Path(display).parent.as_posix(),
            focus=focus,
            decorative=meta.get("image_decorative") is True,
        )
    tags = meta.get("tags") or ()
    return Story(
        title=smarten(draft.title),
        blocks=tuple(draft.blocks),
        source=draft.source,
        subtitle=_opt(meta.get("subtitle")),
        kicker=_opt(meta.get("kicker")),
        byline=_opt(meta.get("byline")),
        date=_opt(meta.get("date")),
        summary=_opt(meta.get("summary")),
        tags=tuple(str(t) for t in tags),
        image=image,
    )


def _opt(value: object) -> str | None:
    return None if value is None else smarten(str(value))


def _focus(value: object, display: str, line: int) -> tuple[float, float]:
    if value is None:
        return (0.5, 0.5)
    try:
        x, y = (float(part) for part in str(value).split(","))
    except ValueError:
        raise MakedocsError(
            f"image_focus must be 'x,y' fractions, not {value!r}", display, line
        ) from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise MakedocsError(
            f"image_focus values must be between 0 and 1, not {value!r}", display, line
        )
    return (x, y)
