"""``makedocs check``: lint content before printing.

It runs the build's own early checks (see preflight.py) and more over the *unredacted*
sources, and reports every finding as ``path:line: level: message``. The fonts and the printed
width it checks against come from the registered outputs, not from a list kept here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from makedocs.errors import MakedocsError, Warned
from makedocs.model import Collection, Source, Story
from makedocs.preflight import glyph_messages, images, line_of, missing_glyphs, probe
from makedocs.transforms import (
    Config,
    refuse_unprintable,
    safe_links,
    split_long_words,
    texts,
)

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.context import BuildContext
    from makedocs.redaction import NearMiss

#: Titles longer than this wrap onto many lines in print and overflow slide titles.
MAX_TITLE_CHARS = 80
#: Print wants 300 ppi; below ``MIN_PPI`` a photo prints visibly soft or pixelated.
PRINT_PPI = 300
MIN_PPI = 150
_WARNING_LINE = re.compile(r"^(?P<path>.*?)(?::(?P<line>\d+))?: warning: (?P<message>.*)$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One lint result."""

    level: str  # "error" or "warning"
    message: str
    path: str | None = None
    line: int | None = None

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.path and self.line else (self.path or "")
        return (
            f"{where}: {self.level}: {self.message}" if where else f"{self.level}: {self.message}"
        )


# --- the linter --------------------------------------------------------------------------------


def check_sources(
    sources: Sequence[Path],
    settings: Settings,
    *,
    theme: str | None = None,
    page_size: str | None = None,
) -> list[Finding]:
    """Lint every source file; a file that does not parse is one error, the others go on."""
    from makedocs.load import new_context
    from makedocs.sources import PARSERS, expand_sources

    findings: list[Finding] = []
    try:
        files = expand_sources(sources)
    except MakedocsError as error:
        return [Finding("error", error.message, error.path, error.line)]
    warned = Warned()
    stories: list[Story] = []
    for file in files:
        try:
            stories.extend(PARSERS[file.suffix.lower()](file, file.as_posix(), warned))
        except MakedocsError as error:
            findings.append(Finding("error", error.message, error.path, error.line))
    for item in warned.items:
        findings.append(from_warning(item))
    collection = Collection(settings.meta, tuple(stories))
    try:
        ctx = new_context(settings, Warned(), theme)
    except MakedocsError as error:
        return [*findings, Finding("error", error.message, error.path, error.line)]
    try:
        refuse_unprintable(collection, settings.origin())
    except MakedocsError as error:
        findings.append(Finding("error", error.message, error.path, error.line))
    # what the build's own passes would warn about (unsafe links, unbreakable runs)
    passes = Warned()
    safe_links(split_long_words(collection, passes, settings.origin()), passes, settings.origin())
    findings.extend(from_warning(item) for item in passes.items)
    findings.extend(_check_titles(collection))
    findings.extend(_output_findings(collection, ctx))
    findings.extend(_check_images(collection, ctx, page_size or settings.page_size))
    findings.extend(_check_glyphs(collection, ctx, settings.path))
    findings.extend(_check_redacted(collection, settings.redact, settings.origin()))
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[str, int]:
    return (finding.path or "", finding.line or 0)


def from_warning(item: str) -> Finding:
    match = _WARNING_LINE.match(item)
    if not match:
        return Finding("warning", item.removeprefix("warning: "))
    line = match["line"]
    return Finding("warning", match["message"], match["path"] or None, int(line) if line else None)


def _check_titles(collection: Collection) -> Iterator[Finding]:
    for story in collection.stories:
        if len(story.title) > MAX_TITLE_CHARS:
            yield Finding(
                "warning",
                f"title is {len(story.title)} characters; keep titles under {MAX_TITLE_CHARS} "
                "so they fit a slide and two lines of a page",
                story.source.file,
                story.source.line,
            )


def _output_findings(collection: Collection, ctx: BuildContext) -> Iterator[Finding]:
    """What each output says it would do less well with these sources (the accessible
    edition: pictures nobody described, tables without a header row ...)."""
    from makedocs.outputs import outputs

    for item in outputs().values():
        if item.findings is not None:
            for found in item.findings(collection, ctx.theme):
                yield Finding(found.level, found.message, found.path, found.line)


def _check_images(collection: Collection, ctx: BuildContext, page_size: str) -> Iterator[Finding]:
    width_pt = print_width(ctx, page_size)
    for image in images(collection):
        where = (image.source.file, image.source.line)
        try:
            prepared = probe(image, ctx)
        except MakedocsError as error:
            yield Finding("error", error.message, *where)
            continue
        pixels = prepared.original_width
        ppi = pixels * 72.0 / width_pt
        if ppi < PRINT_PPI:
            needed = round(width_pt / 72.0 * PRINT_PPI)
            yield Finding(
                "error" if ppi < MIN_PPI else "warning",
                f"image {image.path} is {pixels} pixels wide: {ppi:.0f} ppi across the text "
                f"block; print needs {PRINT_PPI} ppi ({needed} pixels)",
                *where,
            )


def print_width(ctx: BuildContext, page_size: str) -> float:
    """The widest a picture prints in any output that prints pictures, in points."""
    from makedocs.outputs import outputs

    widths = [
        item.print_width(ctx.theme, page_size)
        for item in outputs().values()
        if item.print_width is not None
    ]
    return max(widths)


def _check_glyphs(
    collection: Collection, ctx: BuildContext, config: str | None
) -> Iterator[Finding]:
    from makedocs.outputs import outputs

    families = [f for item in outputs().values() for f in item.fonts(ctx.theme)]
    found = missing_glyphs(collection, ctx, list(dict.fromkeys(families)))
    for char, places in sorted(found.items()):
        for message, source in glyph_messages(char, places):
            path = source.file if source else config
            yield Finding("error", message, path, line_of(source))


def _check_redacted(
    collection: Collection, names: Mapping[str, str], config: Config
) -> Iterator[Finding]:
    """Where each redacted name still is (in text and in decoded link addresses), and every
    near-miss that redaction leaves as written, so an editor can decide."""
    from makedocs.transforms import Redactor, link_urls

    redactor = Redactor(names)
    if not redactor:
        return

    def place(source: Source | None) -> tuple[str | None, int | None]:
        return (source.file if source else None), line_of(source)

    for text, source in texts(collection, config, urls=False):
        for found in redactor.find(text):
            shown = "" if found.text == found.name else f" (as {found.text!r})"
            yield Finding(
                "warning",
                f"redacted name {found.name!r}{shown} is in the source; outputs print "
                f"{redactor.names[found.name]!r}",
                *place(source),
            )
        for near in redactor.near_misses(text):
            yield Finding("warning", _near_miss_message(near), *place(source))
    for url, source in link_urls(collection, config):
        for found in redactor.find_in_url(url):
            shown = "" if found.text == found.name else f" (as {found.text!r})"
            yield Finding(
                "warning",
                f"redacted name {found.name!r}{shown} is in the link address "
                f"{_short_url(url)!r}; outputs link to it with {redactor.names[found.name]!r}",
                *place(source),
            )
        for near in redactor.near_misses(url, url=True):
            yield Finding(
                "warning",
                f"in the link address {_short_url(url)!r}: {_near_miss_message(near)}",
                *place(source),
            )


def _near_miss_message(near: NearMiss) -> str:
    if near.longer_word:
        return (
            f"{near.word!r} starts with the redacted name {near.name!r} but is a longer word, "
            "so it is not redacted; add it to [privacy] redact if it names the person"
        )
    shown = near.text if near.word == near.text else f"{near.text}' in '{near.word}"
    return (
        f"'{shown}' looks like the redacted name {near.name!r} but is not redacted; add it "
        "to [privacy] redact if it is the same person"
    )


def _short_url(url: str) -> str:
    from makedocs.links import decode_url

    shown = decode_url(url)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def report(findings: Sequence[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.level == "error")
    return errors, len(findings) - errors
