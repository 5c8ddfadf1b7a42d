"""Accessibility of the edition: what would make it weaker, the build's refusals, and the EPUB's
accessibility metadata, whose every value is derived from what this build actually contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

from makedocs.edition.lang import valid_tag
from makedocs.edition.style import AA_TEXT_CONTRAST, EditionStyle, weak_contrasts
from makedocs.errors import MakedocsError
from makedocs.model import (
    CallToAction,
    Collection,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    Inlines,
    Link,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Source,
    Strong,
    Table,
    plain_text,
)
from makedocs.preflight import images
from makedocs.theme import Theme

#: A screen reader reads alt text in one breath, with no way to pause or go back inside it.
MAX_ALT_CHARS = 250
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
_FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|tiff?|bmp|heic)$", re.I)
_SAYS_NOTHING = frozenset(
    {"image", "img", "photo", "photograph", "picture", "pic", "graphic", "untitled", "alt"}
)
# Link texts that do not say where they go (WCAG 2.4.4), for readers who list the links alone.
_VAGUE_LINKS = frozenset(
    {"here", "click here", "this", "link", "more", "read more", "this link", "website"}
)
# ISO 8601 dates as the EPUB's dc:date wants them.
_W3CDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Finding(NamedTuple):
    """One place the edition would be weaker. The fields are ``makedocs.check.Finding``'s, in
    its order, so ``check.Finding(*finding)`` converts (``check`` imports this module, so this
    module cannot import ``check``)."""

    level: str  # "error" or "warning"
    message: str
    path: str | None = None
    line: int | None = None


# --- refusals at build time --------------------------------------------------------------------


def refuse_inaccessible(collection: Collection) -> None:
    """Stop the build where the edition would leave a reader out: a picture with no
    description, or a collection language a reading system cannot use."""
    for image in images(collection):
        if not image.alt.strip() and not image.decorative:
            raise MakedocsError(_no_alt(image), image.source.file, image.source.line)
    language = collection.meta.language
    if not valid_tag(language):
        raise MakedocsError(_bad_language(language))


def _no_alt(image: Image) -> str:
    return (
        f"image {image.path} has no alt text; describe it for readers who cannot see it "
        "(![description](...) or image_alt), or mark a cover image_decorative: true"
    )


def _bad_language(language: str) -> str:
    return (
        f"[collection] language {language!r} is not a language tag such as en or ko; "
        "screen readers choose their voice by it"
    )


def is_date(text: str) -> bool:
    """Whether ``text`` is a date as the EPUB's ``dc:date`` wants it (YYYY, YYYY-MM, YYYY-MM-DD)."""
    return bool(_W3CDTF.match(text))


# --- makedocs check ----------------------------------------------------------------------------


def edition_findings(collection: Collection, theme: Theme | None = None) -> list[Finding]:
    """Everywhere the accessible edition would be weaker, for ``makedocs check``.

    Errors are what the EPUB and web page builds refuse; warnings are what they would print
    less well than the author meant. With ``theme``, its edition colours are checked too.
    """
    findings = list(_image_findings(collection))
    findings.extend(_table_findings(collection))
    findings.extend(_link_findings(collection))
    findings.extend(_heading_findings(collection))
    meta = collection.meta
    if not valid_tag(meta.language):
        findings.append(Finding("error", _bad_language(meta.language)))
    if meta.date and not is_date(meta.date):
        findings.append(
            Finding(
                "warning",
                f"[collection] date {meta.date!r} is not written YYYY-MM-DD; the EPUB leaves "
                "it out",
            )
        )
    if theme is not None:
        findings.extend(_theme_findings(theme))
    return findings


def _theme_findings(theme: Theme) -> Iterator[Finding]:
    from makedocs.edition.css import stylesheet
    from makedocs.edition.style import load_edition_style

    try:
        style = load_edition_style(theme)
        stylesheet(style, web=True)  # every size and font list is read, and checked, here
    except MakedocsError as error:
        yield Finding("error", error.message, error.path, error.line)
        return
    for scheme, name, ratio in weak_contrasts(style):
        error = style.error("", scheme, name)
        yield Finding(
            "warning",
            f"[edition.{scheme}] {name} has a contrast of {ratio:.2f}:1 with the background; "
            f"WCAG 2.2 AA needs {AA_TEXT_CONTRAST}:1, so the EPUB makes no conformance claim",
            error.path,
            error.line,
        )


def _image_findings(collection: Collection) -> Iterator[Finding]:
    for image in images(collection):
        where = (image.source.file, image.source.line)
        alt = image.alt.strip()
        name = PurePosixPath(image.path)
        if image.decorative:
            if alt:
                yield Finding(
                    "warning",
                    f"image {image.path} is marked decorative, so its alt text is hidden from "
                    "screen readers; remove image_decorative if the picture carries meaning",
                    *where,
                )
            continue
        if not alt:
            yield Finding("error", _no_alt(image), *where)
        elif _FILE_NAME.search(alt) or alt in (name.name, name.stem):
            yield Finding(
                "warning",
                f"the alt text of {image.path} is a file name; describe what the picture shows",
                *where,
            )
        elif alt.casefold().strip(".") in _SAYS_NOTHING:
            yield Finding(
                "warning",
                f"the alt text of {image.path} ({alt!r}) says nothing about the picture; "
                "describe what it shows",
                *where,
            )
        elif image.caption and alt.casefold() == image.caption.strip().casefold():
            yield Finding(
                "warning",
                f"the alt text of {image.path} repeats its caption, so screen readers read it "
                "twice; describe what the picture shows instead",
                *where,
            )
        if len(alt) > MAX_ALT_CHARS:
            yield Finding(
                "warning",
                f"the alt text of {image.path} is {len(alt)} characters; screen readers read "
                f"it in one go, so keep it under {MAX_ALT_CHARS} and put the rest in the "
                "caption or the text",
                *where,
            )


def tables(collection: Collection) -> Iterator[Table]:
    for story in collection.stories:
        for block in story.blocks:
            if isinstance(block, Table):
                yield block


def _table_findings(collection: Collection) -> Iterator[Finding]:
    for table in tables(collection):
        where = (table.source.file, table.source.line)
        if not table.header:
            yield Finding(
                "warning",
                "table has no header row; screen readers then read each cell without its "
                "column's name, so the EPUB makes no conformance claim",
                *where,
            )
        elif any(not plain_text(cell).strip() for cell in table.header):
            yield Finding(
                "warning",
                "a column of this table has an empty header cell; name every column",
                *where,
            )


def _link_findings(collection: Collection) -> Iterator[Finding]:
    from makedocs.edition.xhtml import safe_href

    for url, text, source in links(collection):
        where = (source.file, source.line)
        if safe_href(url) is None:
            yield Finding(
                "warning",
                f"link to {url!r} is not a web or mail address; the accessible edition shows "
                "its text without a link",
                *where,
            )
        elif not text.strip():
            yield Finding("warning", f"link to {url} has no text for a reader to follow", *where)
        elif text.strip().casefold().strip(".:!") in _VAGUE_LINKS:
            yield Finding(
                "warning",
                f"link text {text.strip()!r} does not say where it goes; screen reader users "
                "often hear the links alone, so name the destination",
                *where,
            )


def links(collection: Collection) -> Iterator[tuple[str, str, Source]]:
    """Every link of the stories: (url, link text, source)."""
    for story in collection.stories:
        for block in story.blocks:
            if isinstance(block, CallToAction):
                yield block.url, block.url, block.source
                continue
            for content in _inline_runs(block):
                for link in _links_in(content):
                    yield link.url, plain_text(link.children), block.source


def _inline_runs(block: object) -> list[Inlines]:
    match block:
        case Paragraph(content=content) | Heading(content=content):
            return [content]
        case PullQuote(content=content) | Epigraph(content=content):
            return [content]
        case Quote(paragraphs=paragraphs):
            return list(paragraphs)
        case ListBlock(items=items):
            return list(items)
        case Table(header=header, rows=rows, caption=caption):
            return [caption, *(cell for row in (header, *rows) for cell in row)]
    return []


def _links_in(content: Inlines) -> Iterator[Link]:
    for node in content:
        match node:
            case Link(children=children):
                yield node
                yield from _links_in(children)
            case Emphasis(children=children) | Strong(children=children):
                yield from _links_in(children)


def _heading_findings(collection: Collection) -> Iterator[Finding]:
    for story in collection.stories:
        previous = 1  # the story title
        for block in story.blocks:
            if isinstance(block, Heading):
                if block.level > previous + 1:
                    yield Finding(
                        "warning",
                        f"heading level {block.level} follows level {previous}; the "
                        f"accessible edition makes it level {previous + 1} so no level is "
                        "skipped",
                        block.source.file,
                        block.source.line,
                    )
                    previous += 1
                else:
                    previous = block.level


# --- the EPUB's accessibility metadata ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Accessibility:
    """What this build's edition offers, from which the metadata is written."""

    pictures: bool  # any picture at all (visual content)
    described: bool  # any picture with a description (decorative ones have none)
    paged: bool  # page-break markers and a page list from the printed booklet
    conformant: bool  # every automated WCAG 2.2 AA check passed
    tables: bool = False  # any table (each with a header row when conformant)

    def properties(self) -> list[tuple[str, str]]:
        """(meta property, value) pairs for the package document, in a fixed order."""
        modes = ["textual", *(["visual"] if self.pictures else [])]
        features = ["structuralNavigation", "tableOfContents", "readingOrder"]
        if self.described:
            features.append("alternativeText")
        if self.paged:
            features += ["pageBreakMarkers", "pageNavigation"]
        features += ["displayTransformability", "ARIA"]
        out = [("schema:accessMode", mode) for mode in modes]
        out.append(("schema:accessModeSufficient", "textual"))
        if self.pictures:
            out.append(("schema:accessModeSufficient", "textual,visual"))
        out += [("schema:accessibilityFeature", feature) for feature in features]
        out.append(("schema:accessibilityHazard", "none"))
        out.append(("schema:accessibilitySummary", self.summary()))
        if self.conformant:
            out.append(("dcterms:conformsTo", CONFORMS_TO))
        return out

    def summary(self) -> str:
        parts = [
            "Each story is its own chapter, with its title and headings in order, and a table "
            "of contents links to every story.",
            "Text is marked with its language, Korean words in English text and English words "
            "in Korean text included, so screen readers use the right voice.",
        ]
        if self.described:
            parts.append(
                "Every picture that carries meaning has a text description; decorative "
                "pictures are marked as such."
            )
        elif self.pictures:
            parts.append("The only pictures are decorative and are marked as such.")
        if self.tables and self.conformant:
            parts.append("Tables have a header row of column headers.")
        if self.paged:
            parts.append(
                "Page-break markers and a page list give the page numbers of the printed booklet."
            )
        parts.append(
            "Text reflows to the reader's font and size, without fixed page sizes; there is no "
            "sound, video or animation."
        )
        if self.conformant:
            parts.append(
                "Text colours have a contrast of at least 4.5:1 with the background. The "
                "publication meets WCAG 2.2 Level AA as checked automatically by makedocs."
            )
        else:
            parts.append(
                "Not every automated check passed (text contrast of at least 4.5:1, a header "
                "row for every table), so no WCAG conformance is claimed."
            )
        return " ".join(parts)


def assess(collection: Collection, style: EditionStyle, *, paged: bool) -> Accessibility:
    pictures = list(images(collection))
    found = list(tables(collection))
    return Accessibility(
        pictures=bool(pictures),
        described=any(not image.decorative for image in pictures),
        paged=paged,
        conformant=not weak_contrasts(style)
        and valid_tag(collection.meta.language)
        and all(table.header for table in found),
        tables=bool(found),
    )
