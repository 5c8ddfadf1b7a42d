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
  the Markdown file; ``---`` is a divider (a scene break in print, a slide break in the deck).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError, Warned
from makedocs.model import (
    Attribution,
    Block,
    Divider,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Source,
    Story,
    Strong,
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
    md = MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"])
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
        node = yaml.compose(match.group(1) or "", Loader=yaml.BaseLoader)
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


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "yes", "on", "y"})
_FALSE = frozenset({"false", "no", "off", "n"})
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?$")


def _is_null(node: Any) -> bool:
    return node.style is None and node.value in _NULLS


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
            return self.paragraph(inline, self.source(token))
        if kind == "heading_open":
            inline = self.tokens[self.pos + 1]
            self.pos += 3
            level = int(token.tag[1])
            return [Heading(level, self.inlines(inline.children or []), self.source(token))]
        if kind == "hr":
            self.pos += 1
            return [Divider(self.source(token))]
        if kind == "blockquote_open":
            return [self.blockquote()]
        if kind in ("bullet_list_open", "ordered_list_open"):
            return [self.list_block()]
        if kind in ("fence", "code_block", "html_block"):
            self.pos += 1
            content = token.content.strip("\n")
            if not content.strip():
                return []
            if kind == "html_block":
                self.warned.warn(
                    "raw HTML is printed as text", self.display, self.source(token).line
                )
            return [Paragraph((Text(content),), self.source(token))]
        self.pos += 1
        return []

    def paragraph(self, inline: Any, source: Source) -> list[Block]:
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        if images and all(
            c.type in ("image", "softbreak") or (c.type == "text" and not c.content.strip())
            for c in children
        ):
            return [self.image(c, source) for c in images]
        content = self.inlines(children)
        text = plain_text(content)
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
            elif token.type == "blockquote_close":
                depth -= 1
                if depth == 0:
                    self.pos += 1
                    break
            elif token.type == "inline":
                paragraphs.extend(self.split_lines(token))
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
            return [self.inlines(children)]
        return [self.inlines(children[:cut]), self.inlines(children[cut + 1 :])]

    def list_block(self) -> Block:
        open_token = self.tokens[self.pos]
        ordered = open_token.type == "ordered_list_open"
        start = int(open_token.attrGet("start") or 1)
        close = "ordered_list_close" if ordered else "bullet_list_close"
        items: list[tuple[Inline, ...]] = []
        depth = 0
        self.pos += 1
        current: list[Inline] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == open_token.type:
                depth += 1
            elif token.type == close:
                if depth == 0:
                    self.pos += 1
                    break
                depth -= 1
            elif token.type == "list_item_open" and depth == 0:
                current = []
            elif token.type == "list_item_close" and depth == 0:
                items.append(tuple(current))
            elif token.type == "inline":
                if current:
                    current.append(LineBreak())
                current.extend(self.inlines(token.children or []))
            self.pos += 1
        return ListBlock(ordered, tuple(items), self.source(open_token), start)

    def inlines(self, children: list[Any]) -> tuple[Inline, ...]:
        """Inline tokens -> inlines. Emphasis nested deeper than MAX_INLINE_DEPTH keeps its text
        and drops its markup (with a warning): 1,000 nested asterisks would otherwise make a
        model too deep for any renderer to walk."""
        # (kind, items, href, kept): a markup not kept adds its text to the level around it
        stack: list[tuple[str, list[Inline], str, bool]] = [("root", [], "", True)]
        depth = 0
        dropped = False
        for child in children:
            kind = child.type
            if kind in ("text", "code_inline", "html_inline"):
                if child.content:
                    stack[-1][1].append(Text(child.content))
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
            source=draft.source,
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
