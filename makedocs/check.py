"""``makedocs check``: lint content before printing, and the build's own early checks.

The build calls :func:`validate_images` (a bad image fails fast, naming the Markdown line that
used it, before any renderer starts) and :func:`warn_missing_glyphs` (characters no bundled font
can draw are reported, never silently printed as empty boxes). ``makedocs check`` runs those and
more over the *unredacted* sources, and reports every finding as ``path:line: level: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from makedocs.errors import MakedocsError, Warned
from makedocs.model import Collection, Image, Source, Story
from makedocs.transforms import refuse_unprintable, safe_links, split_long_words, texts
from makedocs.units import Length

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.context import BuildContext
    from makedocs.images import PreparedImage
    from makedocs.redaction import NearMiss

#: Titles longer than this wrap onto many lines in print and overflow slide titles.
MAX_TITLE_CHARS = 80
#: Print wants 300 ppi; below ``MIN_PPI`` a photo prints visibly soft or pixelated.
PRINT_PPI = 300
MIN_PPI = 150
# Images are only checked for validity here; a tiny re-encode keeps that cheap.
_PROBE_PX = 64
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


# --- walking the model -----------------------------------------------------------------------


def images(collection: Collection) -> Iterator[Image]:
    """Every image of the collection: story covers and image blocks, in reading order."""
    for story in collection.stories:
        if story.image is not None:
            yield story.image
        for block in story.blocks:
            if isinstance(block, Image):
                yield block


# --- checks shared with the build ------------------------------------------------------------


def validate_images(collection: Collection, ctx: BuildContext) -> None:
    """Open every image once before rendering, so a bad one stops the build at its source line.

    Raises the first problem as a MakedocsError ``story.md:12: image photos/x.jpg: ...``.
    """
    for image in images(collection):
        _probe(image, ctx)


def _probe(image: Image, ctx: BuildContext) -> PreparedImage:
    if not image.path.strip():
        raise MakedocsError("image has no path", image.source.file, image.source.line)
    return ctx.images.get(
        ctx.image_path(image.base_dir, image.path),
        max_px=_PROBE_PX,
        ref_file=image.source.file,
        ref_line=image.source.line,
    )


def missing_glyphs(collection: Collection, ctx: BuildContext) -> dict[str, list[Source | None]]:
    """Characters no font of the theme's text families can draw -> where each one occurs."""
    families = _text_families(ctx)
    found: dict[str, list[Source | None]] = {}
    for text, source in texts(collection):
        for family in families:
            for char in ctx.fonts.missing(text, family):
                places = found.setdefault(char, [])
                if source not in places:
                    places.append(source)
    return found


def warn_missing_glyphs(collection: Collection, ctx: BuildContext) -> None:
    """Warn (into ``ctx.warned``) about characters that would print as empty boxes."""
    for char, places in sorted(missing_glyphs(collection, ctx).items()):
        for message, source in _glyph_messages(char, places):
            ctx.warned.warn(message, source.file if source else None, _line(source))


def _glyph_messages(char: str, places: list[Source | None]) -> Iterator[tuple[str, Source | None]]:
    label = describe_char(char)
    for source in places[:20]:
        yield f"no bundled font has {label}; it would print as an empty box", source
    if len(places) > 20:
        yield f"{label} occurs in {len(places) - 20} more places", None


def describe_char(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "unnamed character")
    return f"{char!r} (U+{ord(char):04X} {name})"


def _text_families(ctx: BuildContext) -> list[str]:
    """The font families the renderers set text in, per the theme (booklet and deck)."""
    theme = ctx.theme
    wanted = [
        theme.booklet.get("body_font"),
        theme.booklet.get("display_font"),
        theme.booklet.get("label_font"),
        theme.deck.get("font"),
    ]
    families = [name for name in dict.fromkeys(wanted) if name and name in theme.fonts]
    return families or [next(iter(theme.fonts))]


def _line(source: Source | None) -> int | None:
    return source.line if source and source.line else None


# --- the linter --------------------------------------------------------------------------------


def check_sources(sources: Sequence[Path], settings: Settings) -> list[Finding]:
    """Lint every source file; a file that does not parse is one error, the others go on."""
    from makedocs.build import new_context
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
        findings.append(_from_warning(item))
    collection = Collection(settings.meta, tuple(stories))
    ctx = new_context(settings, Warned())
    try:
        refuse_unprintable(collection, settings.path)
    except MakedocsError as error:
        findings.append(Finding("error", error.message, error.path, error.line))
    # what the build's own passes would warn about (unsafe links, unbreakable runs)
    passes = Warned()
    safe_links(split_long_words(collection, passes, settings.path), passes, settings.path)
    findings.extend(_from_warning(item) for item in passes.items)
    findings.extend(_check_titles(collection))
    findings.extend(_check_images(collection, ctx, settings))
    findings.extend(_check_glyphs(collection, ctx, settings.path))
    findings.extend(_check_redacted(collection, settings.redact, settings.path))
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[str, int]:
    return (finding.path or "", finding.line or 0)


def _from_warning(item: str) -> Finding:
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


def _check_images(
    collection: Collection, ctx: BuildContext, settings: Settings
) -> Iterator[Finding]:
    width_pt = text_block_width(ctx, settings.booklet.get("page_size", "letter"))
    for image in images(collection):
        where = (image.source.file, image.source.line)
        if not image.alt.strip() and not image.decorative:
            yield Finding(
                "error",
                f"image {image.path} has no alt text; describe it for readers who cannot see it "
                "(or mark a cover image_decorative: true)",
                *where,
            )
        try:
            prepared = _probe(image, ctx)
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


def text_block_width(ctx: BuildContext, page_size: str = "letter") -> float:
    """Width in points of the booklet's text block (page width less both margins)."""
    spec = ctx.theme.booklet
    page = spec.get(page_size) or spec.get("letter") or {}
    margins = spec.get("margins", {})
    try:
        width = Length.parse(page["width"]).points
        inner = Length.parse(margins.get("inner", "0pt")).points
        outer = Length.parse(margins.get("outer", "0pt")).points
    except (KeyError, TypeError, ValueError):
        return 4.2 * 72.0  # half-letter with the default margins
    return max(72.0, width - inner - outer)


def _check_glyphs(
    collection: Collection, ctx: BuildContext, config: str | None
) -> Iterator[Finding]:
    found = missing_glyphs(collection, ctx)
    for char, places in sorted(found.items()):
        for message, source in _glyph_messages(char, places):
            path = source.file if source else config
            yield Finding("error", message, path, _line(source))


def _check_redacted(
    collection: Collection, names: Mapping[str, str], config: str | None
) -> Iterator[Finding]:
    """Where each redacted name still is (in text and in decoded link addresses), and every
    near-miss that redaction leaves as written, so an editor can decide."""
    from makedocs.transforms import Redactor, link_urls

    redactor = Redactor(names)
    if not redactor:
        return

    def place(source: Source | None) -> tuple[str | None, int | None]:
        return (source.file if source else config), _line(source)

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
