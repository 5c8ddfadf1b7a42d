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
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATTRIBUTION = re.compile(rf"^\s*(?:[{DASHES}]|--)\s*(.+)$", re.S)


@dataclass(slots=True)
class _StoryDraft:
    title: str
    source: Source
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def parse_markdown(path: Path, display: str, warned: Warned) -> list[Story]:
    """Parse one Markdown file into stories."""
    from markdown_it import MarkdownIt

    text = read_source(path, display, warned)
    meta, body, offset = _front_matter(text, display, warned)
    md = MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"])
    tokens = md.parse(body)
    reader = _Reader(tokens, display, offset, Path(display).parent.as_posix(), warned)
    drafts = reader.read(meta)
    if not drafts:
        raise MakedocsError("file is empty: no stories found", display, 1)
    return [_finish(draft, display, warned) for draft in drafts]


def _front_matter(text: str, display: str, warned: Warned) -> tuple[dict[str, Any], str, int]:
    match = _FRONT.match(text)
    if not match:
        return {}, text, 0
    import yaml

    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
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
    if not isinstance(meta, dict):
        raise MakedocsError("front matter must be a mapping of keys to values", display, 2)
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            warned.warn(f"unknown front matter key {key!r}", display, _key_line(match, key))
    lines = match.group(0).count("\n")
    return meta, "\n" * lines + text[match.end() :], 0


def _key_line(match: re.Match[str], key: object) -> int:
    for number, line in enumerate(match.group(0).split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


class _Reader:
    """Walks markdown-it's flat token stream and builds blocks."""

    def __init__(self, tokens: list[Any], display: str, offset: int, base: str, warned: Warned):
        self.tokens = tokens
        self.pos = 0
        self.display = display
        self.offset = offset
        self.base = base
        self.warned = warned

    def source(self, token: Any) -> Source:
        line = token.map[0] + 1 + self.offset if token.map else 1
        return Source(self.display, line)

    def read(self, meta: dict[str, Any]) -> list[_StoryDraft]:
        drafts: list[_StoryDraft] = []
        if str(meta.get("title") or "").strip():
            drafts.append(_StoryDraft(str(meta["title"]), Source(self.display, 2), meta=meta))
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "heading_open" and token.tag == "h1":
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
                drafts.append(_StoryDraft(title, self.source(token), meta=meta if first else {}))
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
            path=str(token.attrGet("src") or ""),
            alt=alt.strip(),
            caption=caption.strip(),
            credit=credit.strip(),
            source=source,
            base_dir=self.base,
        )

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
        stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
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
                stack.append((kind, [], str(child.attrGet("href") or "")))
            elif kind in ("em_close", "strong_close", "link_close") and len(stack) > 1:
                opened, items, href = stack.pop()
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
            _, items, _ = stack.pop()
            stack[-1][1].extend(items)
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
        focus = _focus(meta.get("image_focus"), display)
        image = Image(
            path=str(meta["image"]),
            alt=str(meta.get("image_alt") or ""),
            caption=str(meta.get("image_caption") or ""),
            credit=str(meta.get("image_credit") or ""),
            source=draft.source,
            base_dir=Path(display).parent.as_posix(),
            focus=focus,
            decorative=bool(meta.get("image_decorative", False)),
        )
    tags = meta.get("tags") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    elif not isinstance(tags, list | tuple):
        tags = [tags]  # "tags: 2024" is one tag, not a crash
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


def _focus(value: object, display: str) -> tuple[float, float]:
    if value is None:
        return (0.5, 0.5)
    try:
        x, y = (float(part) for part in str(value).split(","))
    except ValueError:
        raise MakedocsError(
            f"image_focus must be 'x,y' fractions, not {value!r}", display
        ) from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise MakedocsError("image_focus values must be between 0 and 1", display)
    return (x, y)
