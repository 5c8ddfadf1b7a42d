"""The build's early checks, shared with ``makedocs check``.

Before any renderer starts, :func:`validate_images` opens every picture (a bad one stops the
build at the Markdown line that used it) and :func:`warn_missing_glyphs` reports characters no
bundled font of the chosen outputs can draw, instead of printing them as empty boxes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from makedocs.errors import MakedocsError
from makedocs.model import Collection, Image, Source
from makedocs.transforms import texts

if TYPE_CHECKING:
    from makedocs.context import BuildContext
    from makedocs.images import PreparedImage

# Images are only checked for validity here; a tiny re-encode keeps that cheap.
_PROBE_PX = 64


def images(collection: Collection) -> Iterator[Image]:
    """Every image of the collection: story covers and image blocks, in reading order."""
    for story in collection.stories:
        if story.image is not None:
            yield story.image
        for block in story.blocks:
            if isinstance(block, Image):
                yield block


def validate_images(collection: Collection, ctx: BuildContext) -> None:
    """Open every image once before rendering, so a bad one stops the build at its source line.

    Raises the first problem as a MakedocsError ``story.md:12: image photos/x.jpg: ...``.
    """
    for image in images(collection):
        probe(image, ctx)


def probe(image: Image, ctx: BuildContext) -> PreparedImage:
    if not image.path.strip():
        raise MakedocsError("image has no path", image.source.file, image.source.line)
    return ctx.images.get(
        ctx.image_path(image.base_dir, image.path),
        max_px=_PROBE_PX,
        ref_file=image.source.file,
        ref_line=image.source.line,
    )


def missing_glyphs(
    collection: Collection, ctx: BuildContext, families: Sequence[str]
) -> dict[str, list[Source | None]]:
    """Characters no font of ``families`` can draw -> where each one occurs.

    The distinct characters of the whole collection are checked once (a few hundred), and
    only texts holding a missing one are looked at again to say where it is.
    """
    strings = list(texts(collection))
    alphabet = "".join({char for text, _ in strings for char in text})
    missing = {char for family in families for char in ctx.fonts.missing(alphabet, family)}
    found: dict[str, list[Source | None]] = {}
    if not missing:
        return found
    for text, source in strings:
        for char in sorted(missing.intersection(text)):
            places = found.setdefault(char, [])
            if source not in places:
                places.append(source)
    return found


def warn_missing_glyphs(collection: Collection, ctx: BuildContext, families: Sequence[str]) -> None:
    """Warn (into ``ctx.warned``) about characters that would print as empty boxes."""
    for char, places in sorted(missing_glyphs(collection, ctx, families).items()):
        for message, source in glyph_messages(char, places):
            ctx.warned.warn(message, source.file if source else None, line_of(source))


def glyph_messages(char: str, places: list[Source | None]) -> Iterator[tuple[str, Source | None]]:
    label = describe_char(char)
    for source in places[:20]:
        yield f"no bundled font has {label}; it would print as an empty box", source
    if len(places) > 20:
        yield f"{label} occurs in {len(places) - 20} more places", None


def describe_char(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "unnamed character")
    return f"{char!r} (U+{ord(char):04X} {name})"


def line_of(source: Source | None) -> int | None:
    return source.line if source and source.line else None
