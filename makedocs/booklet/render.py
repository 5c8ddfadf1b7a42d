"""Model + theme -> reading-order booklet PDF (ReportLab platypus).

Page order: front cover, inside front cover (about), contents, then each story opening on a
right-hand page, then the back cover. Folios are physical page numbers (the cover is page 1),
and the PDF's page labels say the same, so "page 7" means the same thing in a viewer and on
paper.

Theme parsing lives in style.py, typesetting in typeset.py, page kinds and furniture in
pages.py, covers in covers.py; this module only puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from makedocs.booklet.style import load_style
from makedocs.context import BuildContext
from makedocs.model import Collection
from makedocs.units import Length


@dataclass(frozen=True, slots=True)
class BookletOptions:
    page_size: str = "letter"
    recto: bool = True  # stories open on right-hand pages
    bleed: Length | None = None
    crop_marks: bool = False
    cmyk: bool = False


@dataclass(frozen=True, slots=True)
class Imposition:
    """How booklet-print.pdf folds: see impose.impose()."""

    duplex: str = "short-edge"
    signature: int | None = None
    creep: Length = Length(0)


@dataclass(frozen=True, slots=True)
class BookletResult:
    pages: int
    kinds: tuple[str, ...] = ()  # kind of each page, for callers and tests
    story_pages: tuple[int, ...] = ()  # 1-based page each story opens on


def render_booklet(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: BookletOptions
) -> BookletResult:
    """Write the reading-order booklet to ``out``."""
    from makedocs.booklet.covers import Covers
    from makedocs.booklet.flowables import Contents, Marker, NextPage
    from makedocs.booklet.pages import Document, Furniture
    from makedocs.booklet.typeset import ImagePlacer, Typesetter, check_images
    from makedocs.typesetting.compositor import document_info

    style = load_style(
        ctx.theme,
        options.page_size,
        bleed=options.bleed,
        crop_marks=options.crop_marks,
        cmyk=options.cmyk,
    )
    meta = collection.meta
    stories = list(collection.stories)
    check_images(stories, ctx)
    t = Typesetter(ctx, style, meta.language)
    images = ImagePlacer(ctx, t, style)
    furniture = Furniture(style, meta, t.c, Covers(meta, style, t.c))
    body = t.elements["body"]
    doc = Document(
        out,
        pagesize=style.geometry.media,
        **document_info(meta, title=meta.title, font=t.font(body.family, body.style)),
        enforceColorSpace="cmyk" if options.cmyk else None,  # fails on any stray RGB
        pageTemplates=furniture.templates(),
        running_title=meta.title,
    )

    keyed = [(f"story-{i + 1}", story) for i, story in enumerate(stories)]
    flow: list[Any] = [Marker()]  # the front cover, drawn by its template
    flow += [NextPage("inside"), Marker()]
    flow += [NextPage("contents"), Marker(key="contents", title="", outline=t.contents_title)]
    flow += t.contents_heading()
    flow.append(Contents(t.contents_table(keyed)))
    for key, story in keyed:
        flow.append(NextPage("opener", recto=options.recto))
        flow.extend(t.story(story, key, story.title, images))
    flow += [NextPage("back"), Marker()]
    # Two passes or more: the contents show the pages the previous pass placed stories on.
    doc.multiBuild(flow, maxPasses=8)
    return BookletResult(pages=doc.page, kinds=tuple(doc.kinds), story_pages=tuple(doc.story_pages))


def booklet_options(
    table: dict[str, Any],
    *,
    page_size: str | None = None,
    recto: bool | None = None,
    bleed: str | None = None,
    crop_marks: bool | None = None,
    cmyk: bool | None = None,
    duplex: str | None = None,
    signature: int | None = None,
    creep: str | None = None,
    where: str | None = None,
) -> tuple[BookletOptions, Imposition]:
    """Options from the command line, else makedocs.toml's ``[booklet]`` table, else defaults.

    Lengths take units (``3mm``, ``0.125in``); a bare number means millimetres, as print
    shops quote bleed and creep.
    """
    from makedocs.errors import MakedocsError

    def pick(value: Any, key: str, default: Any) -> Any:
        return value if value is not None else table.get(key, default)

    def length(cli: Any, key: str) -> Length | None:
        value = pick(cli, key, None)
        source = None if cli is not None else where  # blame the file only for its values
        if value in (None, "", 0):
            return None
        bare = isinstance(value, int | float) or str(value).replace(".", "", 1).isdigit()
        try:
            found = Length.parse(f"{value}mm" if bare else str(value))
        except ValueError as error:
            raise MakedocsError(f"{key}: {error}", source) from None
        if found.emu < 0:
            raise MakedocsError(f"{key} cannot be negative", source)
        return found

    def flag(value: Any, key: str, default: bool) -> bool:
        found = pick(value, key, default)
        if not isinstance(found, bool):
            raise MakedocsError(f"[booklet] {key} must be true or false, not {found!r}", where)
        return found

    size = str(pick(page_size, "page_size", "letter"))
    if size not in ("letter", "a4"):
        raise MakedocsError(f"[booklet] page_size must be 'letter' or 'a4', not {size!r}", where)
    side = str(pick(duplex, "duplex", "short-edge"))
    if side not in ("short-edge", "long-edge"):
        raise MakedocsError(f"duplex must be 'short-edge' or 'long-edge', not {side!r}", where)
    sig = pick(signature, "signature", None)
    if sig is not None and (not isinstance(sig, int) or sig < 1):
        raise MakedocsError(f"signature must be a whole number of sheets, not {sig!r}", where)
    options = BookletOptions(
        page_size=size,
        recto=flag(recto, "recto", True),
        bleed=length(bleed, "bleed"),
        crop_marks=flag(crop_marks, "crop_marks", False),
        cmyk=flag(cmyk, "cmyk", False),
    )
    return options, Imposition(
        duplex=side, signature=sig, creep=length(creep, "creep") or Length(0)
    )
