"""Model -> semantic XHTML elements (lxml), shared by the EPUB and the one-file web page.

One ``match`` arm per block type. The same elements serve both outputs: the EPUB wraps each
story in its own XHTML document, the web page puts them all in one HTML body (``html.py`` drops
the XML-only attributes). Semantics come from HTML and DPUB-ARIA, never from styling: an
epigraph is a ``blockquote`` with ``role="doc-epigraph"``, a picture a ``figure`` with its
description in ``alt``, the drop cap only a class for CSS ``::first-letter``, so the words read
exactly as written.

Page-break markers (``marks.py``) are placed here: before a block, or inside its text before the
word where a printed page begins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from lxml import etree

from makedocs.edition.lang import main_language, runs, whole_language
from makedocs.edition.marks import Mark, Placement
from makedocs.edition.style import EditionStyle
from makedocs.model import (
    Attribution,
    Block,
    CallToAction,
    CodeBlock,
    Collection,
    Divider,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Story,
    Strong,
    Table,
    Text,
    plain_text,
    story_text,
)

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB}}}type"
NSMAP = {None: XHTML, "epub": EPUB}

#: Link schemes a reader can follow without running anything: everything else (javascript:,
#: file:, relative paths to the author's disk) is printed as text without a link.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Opening punctuation that may come before a drop-capped letter, as in the booklet.
_OPENERS = "\"'“‘«‹([¿¡—–-…"

Element = etree._Element
#: An image -> (src, width, height) as the output embeds it.
ImageSource = Callable[[Image], tuple[str, int, int]]


def h(tag: str) -> str:
    return f"{{{XHTML}}}{tag}"


def sub(parent: Element, tag: str, attrib: dict[str, str] | None = None, text: str = "") -> Element:
    element = etree.SubElement(parent, h(tag), attrib or {})
    if text:
        element.text = text
    return element


def append_text(parent: Element, text: str) -> None:
    """Add text after the last child of ``parent`` (lxml keeps it in that child's tail)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def set_lang(element: Element, language: str) -> None:
    """Both attributes: ``lang`` for HTML readers, ``xml:lang`` for XHTML (EPUB needs both)."""
    element.set("lang", language)
    element.set(XML_LANG, language)


def safe_href(url: str) -> str | None:
    """The URL as an href if a reader can safely follow it, else None."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or (scheme != "mailto" and not parts.netloc):
        return None
    if any(ord(char) < 0x20 or char.isspace() for char in url):
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def bare_url(url: str) -> str:
    """A URL as printed: without its scheme and trailing slash."""
    for prefix in ("https://", "http://", "mailto:"):
        if url.lower().startswith(prefix):
            url = url[len(prefix) :]
            break
    return url.rstrip("/")


def word_start(text: str, offset: int) -> int:
    """Where the word at ``offset`` begins (or the next word, if ``offset`` is a space)."""
    if offset >= len(text):
        return len(text)
    if text[offset].isspace():
        while offset < len(text) and text[offset].isspace():
            offset += 1
        return offset
    while offset > 0 and not text[offset - 1].isspace():
        offset -= 1
    return offset


def text_parts(block: Block) -> list[Inlines]:
    """The pieces of a block's text in reading order, as ``model.block_text`` joins them with
    newlines: the text a PageStart offset counts in. Pictures and dividers have none."""
    match block:
        case Paragraph(content=content) | Heading(content=content):
            return [content]
        case Quote(paragraphs=paragraphs, attribution=attribution):
            return [*paragraphs, *([(Text(attribution),)] if attribution else [])]
        case (
            PullQuote(content=content, attribution=attribution)
            | Epigraph(content=content, attribution=attribution)
        ):
            return [content, *([(Text(attribution),)] if attribution else [])]
        case Attribution(text=text):
            return [(Text(text),)]
        case ListBlock(items=items):
            return list(items)
        case Table(header=header, rows=rows, caption=caption):
            # block_text joins cells with a tab and rows with a newline: one character apart
            # either way. A row without cells still has its (empty) place in that text. The
            # caption, if any, comes first.
            cells = [cell for row in (header, *rows) for cell in (row or ((),))]
            return [caption, *cells] if caption else cells
        case CodeBlock(text=text):
            return [(Text(text),)]
        case CallToAction(text=text, url=url):
            return [(Text(text),), (Text(url),)]
        case Image() | Divider():
            return []
    raise TypeError(f"not a block: {block!r}")


def split_marks(
    parts: Sequence[Inlines], marks: Sequence[tuple[int, Mark]]
) -> tuple[list[Mark], list[list[tuple[int, Mark]]]]:
    """Markers before the block, and per part the markers at a word inside it."""
    before: list[Mark] = []
    inside: list[list[tuple[int, Mark]]] = [[] for _ in parts]
    texts = [plain_text(part) for part in parts]
    for offset, mark in sorted(marks, key=lambda item: item[0]):
        start = 0
        for index, text in enumerate(texts):
            end = start + len(text)
            last = index == len(texts) - 1
            if offset < end or last:
                local = word_start(text, min(max(offset - start, 0), len(text)))
                if index == 0 and local == 0:
                    before.append(mark)
                else:
                    inside[index].append((local, mark))
                break
            start = end + 1  # the newline block_text puts between parts
        else:
            before.append(mark)  # a block without text: the marker goes before it
    return before, inside


@dataclass(slots=True)
class _Cursor:
    """Walks one run of inlines, placing markers at their character positions."""

    position: int
    marks: list[tuple[int, Mark]]


class Writer:
    """Elements for one collection. ``story_level`` is the heading level of story titles: 1 in
    the EPUB (one document per story), 2 on the web page (under the collection's title)."""

    def __init__(
        self,
        collection: Collection,
        style: EditionStyle,
        placement: Placement,
        images: ImageSource,
        *,
        story_level: int,
    ) -> None:
        self.collection = collection
        self.meta = collection.meta
        self.language = collection.meta.language
        self.style = style
        self.placement = placement
        self.images = images
        self.story_level = story_level
        #: The language of the element being written into (a Korean story's section is "ko").
        self.context = self.language

    # --- whole documents' content ------------------------------------------------------------

    @property
    def has_back(self) -> bool:
        return has_back_matter(self.collection)

    def front(self, parent: Element) -> None:
        """The title page and the about text (the booklet's cover and inside cover)."""
        meta = self.meta
        marks = list(self.placement.front)
        title_page = sub(parent, "section", {"class": "titlepage", EPUB_TYPE: "titlepage"})
        if marks:
            self.marker(title_page, marks.pop(0))
        if meta.organisation:
            self.text_element(title_page, "p", (Text(meta.organisation),), {"class": "label"})
        self.text_element(title_page, "h1", (Text(meta.title),), {"class": "book-title"})
        if meta.subtitle:
            self.text_element(
                title_page,
                "p",
                (Text(meta.subtitle),),
                {"class": "subtitle", "role": "doc-subtitle"},
            )
        if meta.about or meta.url:
            attrib = {"class": "about"}
            if meta.organisation:
                attrib["aria-label"] = meta.organisation
            about = sub(parent, "section", attrib)
            if marks:
                self.marker(about, marks.pop(0))
            if meta.about:
                self.text_element(about, "p", (Text(meta.about),))
            if meta.url:
                self.link_paragraph(about, meta.url)
            for mark in marks:
                self.marker(about, mark)
        else:
            for mark in marks:
                self.marker(title_page, mark)

    def back(self, parent: Element) -> Element | None:
        """The call to action and the organisation's address (the booklet's back cover)."""
        if not self.has_back:
            return None
        meta = self.meta
        section = sub(parent, "section", {"class": "back", "id": "back"})
        for mark in self.placement.back:
            self.marker(section, mark)
        if meta.call_to_action:
            self.text_element(
                section,
                f"h{self.story_level}",
                (Text(meta.call_to_action),),
                {"class": "call-to-action"},
            )
        if meta.url:
            self.link_paragraph(section, meta.url)
        if meta.organisation:
            self.text_element(section, "p", (Text(meta.organisation),), {"class": "label"})
        return section

    def link_paragraph(self, parent: Element, url: str) -> None:
        href = safe_href(url)
        paragraph = sub(parent, "p", {"class": "address"})
        target = sub(paragraph, "a", {"href": href}) if href else paragraph
        target.text = bare_url(url)

    def story(self, parent: Element, index: int) -> Element:
        """One story as a ``section`` (``doc-chapter``) with its title heading first."""
        story = self.collection.stories[index]
        marks = self.placement.story(index)
        key = story_id(index)
        section = sub(
            parent,
            "section",
            {
                "id": key,
                "class": "story",
                EPUB_TYPE: "chapter",
                "role": "doc-chapter",
                "aria-labelledby": f"{key}-title",
            },
        )
        language = main_language(story_text(story), self.language)
        if language:
            set_lang(section, language)
        self.context = language or self.language
        for mark in marks.opening:
            self.marker(section, mark)
        self.story_header(section, story, key)
        state = _StoryState(level=self.story_level)
        for number, block in enumerate(story.blocks):
            self.block(section, block, marks.blocks.get(number, []), state)
        for mark in marks.end:
            self.marker(section, mark)
        self.context = self.language
        return section

    def story_header(self, section: Element, story: Story, key: str) -> None:
        header = sub(section, "header")
        if story.kicker:
            self.text_element(header, "p", (Text(story.kicker),), {"class": "kicker label"})
        self.text_element(
            header,
            f"h{self.story_level}",
            (Text(story.title),),
            {"id": f"{key}-title", "class": "story-title"},
        )
        if story.subtitle:
            self.text_element(
                header, "p", (Text(story.subtitle),), {"class": "subtitle", "role": "doc-subtitle"}
            )
        if story.byline:
            self.text_element(header, "p", (Text(story.byline),), {"class": "byline label"})
        if story.image is not None:
            self.figure(section, story.image, {"class": "opening-picture"})

    # --- blocks ------------------------------------------------------------------------------

    def block(
        self, parent: Element, block: Block, marks: list[tuple[int, Mark]], state: _StoryState
    ) -> None:
        parts = text_parts(block)
        before, inside = split_marks(parts, marks)
        for mark in before:
            self.marker(parent, mark)
        match block:
            case Paragraph(content=content):
                classes = [] if isinstance(state.previous, Paragraph) else ["first"]
                if state.opens(block) and drop_cap(content):
                    classes.append("opening")
                attrib = {"class": " ".join(classes)} if classes else {}
                self.text_element(parent, "p", content, attrib, inside[0])
            case Heading(level=level, content=content):
                level = state.heading(level)
                self.text_element(parent, f"h{level}", content, {"class": "subheading"}, inside[0])
            case Quote(paragraphs=paragraphs, attribution=attribution):
                quote_element = sub(parent, "blockquote")
                for number, paragraph in enumerate(paragraphs):
                    self.text_element(quote_element, "p", paragraph, {}, inside[number])
                if attribution:
                    self.attribution(quote_element, attribution, inside[len(paragraphs)])
            case PullQuote(content=content, attribution=attribution):
                quote_element = sub(
                    parent,
                    "blockquote",
                    {"class": "pullquote", "role": "doc-pullquote", EPUB_TYPE: "pullquote"},
                )
                self.text_element(quote_element, "p", content, {}, inside[0])
                if attribution:
                    self.attribution(quote_element, attribution, inside[1])
            case Epigraph(content=content, attribution=attribution):
                quote_element = sub(
                    parent,
                    "blockquote",
                    {"class": "epigraph", "role": "doc-epigraph", EPUB_TYPE: "epigraph"},
                )
                self.text_element(quote_element, "p", content, {}, inside[0])
                if attribution:
                    self.attribution(quote_element, attribution, inside[1])
            case Attribution(text=text):
                self.text_element(parent, "p", (Text(text),), {"class": "attribution"}, inside[0])
            case Image():
                self.figure(parent, block)
            case ListBlock(ordered=ordered, items=items, start=start):
                attrib = {"start": str(start)} if ordered and start != 1 else {}
                listing = sub(parent, "ol" if ordered else "ul", attrib)
                for number, item in enumerate(items):
                    self.text_element(listing, "li", item, {}, inside[number], hoist=False)
            case CallToAction(text=text, url=url):
                paragraph = sub(parent, "p", {"class": "call-to-action"})
                self.text_element(paragraph, "strong", (Text(text),), {}, inside[0], hoist=False)
                sub(paragraph, "br")
                href = safe_href(url)
                target = sub(paragraph, "a", {"href": href}) if href else paragraph
                self.inlines(target, (Text(url),), self.context, inside[1])
            case Divider():
                sub(parent, "hr", {"class": "scene-break"})
            case Table(header=header, rows=rows, align=align, caption=caption):
                self.table(parent, header, rows, align, caption, inside)
            case CodeBlock(text=text):
                code = sub(sub(parent, "pre"), "code")
                self.inlines(code, (Text(text),), self.context, inside[0])
            case _:
                raise TypeError(f"not a block: {block!r}")
        state.previous = block

    def table(
        self,
        parent: Element,
        header: tuple[Inlines, ...],
        rows: tuple[tuple[Inlines, ...], ...],
        align: tuple[str, ...],
        caption: Inlines,
        marks: list[list[tuple[int, Mark]]],
    ) -> None:
        """A table with its caption and its header row as column header cells
        (``th scope="col"``). ``marks`` are per part, as ``text_parts`` lists them; those of a
        row without cells go into the next cell."""
        table = sub(parent, "table")
        pending = iter(marks)
        carried: list[tuple[int, Mark]] = []
        if caption:
            self.text_element(table, "caption", caption, {}, next(pending), hoist=False)

        def cells(row_parent: Element, row: tuple[Inlines, ...], tag: str) -> None:
            nonlocal carried
            if not row:
                carried += [(0, mark) for _, mark in next(pending)]
                return
            tr = sub(row_parent, "tr")
            for column, cell in enumerate(row):
                attrib = {"scope": "col"} if tag == "th" else {}
                if column < len(align) and align[column] in ("left", "center", "right"):
                    attrib["class"] = f"align-{align[column]}"
                here = [*carried, *next(pending)]
                carried = []
                self.text_element(tr, tag, cell, attrib, here, hoist=False)

        cells(sub(table, "thead") if header else table, header, "th")
        body = sub(table, "tbody")
        for row in rows:
            cells(body, row, "td")
        for _, mark in carried:
            self.marker(parent, mark)

    def attribution(self, parent: Element, text: str, marks: list[tuple[int, Mark]]) -> None:
        """A quotation's source, inside the quote's ``footer`` as W3C HTML 5.2 describes it."""
        footer = sub(parent, "footer")
        self.text_element(footer, "cite", (Text(text),), {}, marks, hoist=False)

    def figure(self, parent: Element, image: Image, attrib: dict[str, str] | None = None) -> None:
        """A picture with its description in ``alt`` and caption and credit in ``figcaption``;
        a decorative one says so (``alt=""``, ``role="presentation"``)."""
        src, width, height = self.images(image)
        captioned = bool(image.caption or image.credit)
        if image.decorative and not captioned:
            wrapper = sub(parent, "div", {"class": "picture", **(attrib or {})})
        else:
            wrapper = sub(parent, "figure", attrib or {})
        img = sub(
            wrapper,
            "img",
            {"src": src, "alt": "" if image.decorative else image.alt.strip()},
        )
        img.set("width", str(width))
        img.set("height", str(height))
        if image.decorative:
            img.set("role", "presentation")
        else:
            language = whole_language(image.alt, self.context, self.language)
            if language:
                set_lang(img, language)
        if captioned:
            caption = sub(wrapper, "figcaption")
            if image.caption:
                self.text_element(caption, "span", (Text(image.caption),), {"class": "caption"})
            if image.caption and image.credit:
                append_text(caption, " ")
            if image.credit:
                self.text_element(caption, "span", (Text(image.credit),), {"class": "credit"})

    # --- text --------------------------------------------------------------------------------

    def text_element(
        self,
        parent: Element,
        tag: str,
        content: Inlines,
        attrib: dict[str, str] | None = None,
        marks: Sequence[tuple[int, Mark]] = (),
        *,
        hoist: bool = True,
    ) -> Element:
        """An element holding a run of inlines. Markers at the very start go before it when
        ``hoist`` (not possible inside a list), so they never touch a ``::first-letter``."""
        pending = list(marks)
        if hoist:
            for offset, mark in list(pending):
                if offset == 0:
                    self.marker(parent, mark)
                    pending.remove((offset, mark))
        element = sub(parent, tag, attrib)
        context = self.context
        language = whole_language(plain_text(content), context, self.language)
        if language:
            set_lang(element, language)
            context = language
        self.inlines(element, content, context, pending)
        return element

    def inlines(
        self,
        parent: Element,
        content: Inlines,
        context: str,
        marks: Sequence[tuple[int, Mark]] = (),
    ) -> None:
        cursor = _Cursor(0, sorted(marks, key=lambda item: item[0]))
        self._walk(parent, content, context, cursor)
        for _, mark in cursor.marks:
            self.marker(parent, mark)

    def _walk(self, parent: Element, content: Inlines, context: str, cursor: _Cursor) -> None:
        for node in content:
            match node:
                case Text(text=text):
                    self._text(parent, text, context, cursor)
                case Emphasis(children=children):
                    self._flush(parent, cursor)
                    self._walk(sub(parent, "em"), children, context, cursor)
                case Strong(children=children):
                    self._flush(parent, cursor)
                    self._walk(sub(parent, "strong"), children, context, cursor)
                case Link(children=children, url=url):
                    self._flush(parent, cursor)
                    href = safe_href(url)
                    target = sub(parent, "a", {"href": href}) if href else parent
                    self._walk(target, children, context, cursor)
                case LineBreak():
                    self._flush(parent, cursor)
                    sub(parent, "br")
                    cursor.position += 1

    def _flush(self, parent: Element, cursor: _Cursor) -> None:
        """Markers due at or before the cursor."""
        while cursor.marks and cursor.marks[0][0] <= cursor.position:
            self.marker(parent, cursor.marks.pop(0)[1])

    def _text(self, parent: Element, text: str, context: str, cursor: _Cursor) -> None:
        start = cursor.position
        done = 0
        while cursor.marks and cursor.marks[0][0] < start + len(text):
            cut = max(cursor.marks[0][0] - start, done)
            self._runs(parent, text[done:cut], context)
            self.marker(parent, cursor.marks.pop(0)[1])
            done = cut
        self._runs(parent, text[done:], context)
        cursor.position = start + len(text)

    def _runs(self, parent: Element, text: str, context: str) -> None:
        for piece, language in runs(text, context, self.language):
            if language:
                span = sub(parent, "span", {}, piece)
                set_lang(span, language)
            else:
                append_text(parent, piece)

    def marker(self, parent: Element, mark: Mark) -> None:
        """Where a printed page begins: labelled with its folio for assistive technology."""
        sub(
            parent,
            "span",
            {
                "id": mark.id,
                "class": "pagebreak",
                EPUB_TYPE: "pagebreak",
                "role": "doc-pagebreak",
                "aria-label": mark.folio,
            },
        )

    def contents(self, parent: Element, entries: Sequence[tuple[str, str]]) -> Element:
        """An ordered list of links: (href, title)."""
        listing = sub(parent, "ol")
        for href, title in entries:
            item = sub(listing, "li")
            self.text_element(item, "a", (Text(title),), {"href": href}, hoist=False)
        return listing


@dataclass(slots=True)
class _StoryState:
    """What the block before knows: heading levels stay in order, the drop cap opens the story."""

    level: int
    previous: Block | None = None
    last_heading: int = 0
    opened: bool = False

    def heading(self, source_level: int) -> int:
        """A source heading's level under the story title, never skipping a level."""
        if not self.last_heading:
            self.last_heading = self.level
        wanted = self.level + max(1, source_level - 1)
        level = min(wanted, self.last_heading + 1, 6)
        self.last_heading = level
        return level

    def opens(self, block: Paragraph) -> bool:
        """The story's first paragraph, with only an epigraph before it (as in print)."""
        if self.opened:
            return False
        self.opened = True
        return self.previous is None or isinstance(self.previous, Epigraph)


def drop_cap(content: Inlines) -> bool:
    """Whether the booklet would drop-cap this paragraph: it starts with a Latin letter."""
    first = content[0] if content else None
    text = first.text if isinstance(first, Text) else ""
    text = text.lstrip(_OPENERS)
    return bool(text) and text[0].isalpha() and ord(text[0]) <= 0x24F


def story_id(index: int) -> str:
    return f"story-{index + 1}"


def has_back_matter(collection: Collection) -> bool:
    return bool(collection.meta.call_to_action or collection.meta.url)
