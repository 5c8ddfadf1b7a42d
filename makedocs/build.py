"""One build, without Click: sources -> model -> renderers -> files in the output folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from makedocs.config import Settings
from makedocs.context import BuildContext
from makedocs.errors import MakedocsError, Warned
from makedocs.model import Collection
from makedocs.output import OutputSet, refuse_inside
from makedocs.sources import parse_sources
from makedocs.theme import load_theme


@dataclass(frozen=True, slots=True)
class Written:
    """One file a build produced, for the one-line report."""

    path: Path
    detail: str
    size: int

    def line(self) -> str:
        return f"{self.path}  {self.detail}  {_human(self.size)}"


def load_collection(sources: Sequence[Path], settings: Settings, warned: Warned) -> Collection:
    """Parse every source, attach the collection metadata, then run the model passes
    (redaction), so every renderer and ``inspect`` only ever see the transformed model."""
    from makedocs.transforms import apply_transforms

    stories = tuple(parse_sources(sources, warned))
    meta = settings.meta
    if settings.path is None and len(stories) == 1:
        meta = replace(meta, title=stories[0].title)
    collection = Collection(meta=meta, stories=stories)
    return apply_transforms(collection, settings.redact, warned, settings.path)


def new_context(settings: Settings, warned: Warned, theme: str | None = None) -> BuildContext:
    return BuildContext.create(load_theme(theme or settings.theme), warned)


Renderer = Callable[[Collection, BuildContext, BinaryIO], str]


def write_outputs(
    jobs: Sequence[tuple[Path, Renderer]],
    collection: Collection,
    ctx: BuildContext,
    protected: Sequence[Path],
) -> list[Written]:
    """Render every job to a temporary file, then rename all into place together.

    Images are opened and glyph coverage checked first, so bad input fails (or warns) at its
    source line before any renderer starts.
    """
    from makedocs.check import validate_images, warn_missing_glyphs

    for target, _ in jobs:
        refuse_inside(target, protected)
    validate_images(collection, ctx)
    warn_missing_glyphs(collection, ctx)
    written: list[tuple[Path, str]] = []
    with OutputSet() as outputs:
        for target, render in jobs:
            with outputs.open(target) as handle:
                detail = render(collection, ctx, _Scrubbing(handle))
            written.append((target, detail))
    return [Written(path, detail, path.stat().st_size) for path, detail in written]


# ReportLab writes these comments into every PDF, invariant mode or not. Files must carry only
# what makedocs.toml says, so they are blanked with spaces of the same length: every byte offset
# (and so the cross-reference table) stays valid.
_TOOL_COMMENTS = (
    b" ReportLab Generated PDF document (opensource)",
    b" ReportLab generated PDF document -- digest (opensource)",
)


class _Scrubbing:
    """A binary file wrapper that blanks the PDF library's self-advertising comments."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        data = bytes(data)
        for comment in _TOOL_COMMENTS:
            data = data.replace(comment, b" " * len(comment))
        return self._handle.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def booklet_job(options: Any, keep: list[bytes] | None = None) -> Renderer:
    """The reading-order booklet; its bytes are also appended to ``keep`` for imposition."""

    def run(collection: Collection, ctx: BuildContext, out: BinaryIO) -> str:
        import io

        from makedocs.booklet.render import render_booklet

        buffer = io.BytesIO()
        result = render_booklet(collection, ctx, buffer, options)
        out.write(buffer.getvalue())
        if keep is not None:
            keep.append(buffer.getvalue())
        return _count(result.pages, "page")

    return run


def booklet_print_job(options: Any, imposition: Any, keep: list[bytes] | None = None) -> Renderer:
    """The saddle-stitch print PDF, imposed from the booklet in ``keep`` (or a fresh one)."""

    def run(collection: Collection, ctx: BuildContext, out: BinaryIO) -> str:
        import io

        from makedocs.booklet.impose import impose
        from makedocs.booklet.render import render_booklet

        if keep:
            data = keep[-1]
        else:
            buffer = io.BytesIO()
            render_booklet(collection, ctx, buffer, options)
            data = buffer.getvalue()
        meta = collection.meta
        info = {
            "Title": meta.title,
            "Author": meta.organisation or "",
            "Subject": meta.subtitle or "",
        }
        sides = impose(
            io.BytesIO(data),
            out,
            duplex=imposition.duplex,
            signature=imposition.signature,
            creep=imposition.creep,
            metadata={k: v for k, v in info.items() if v},
        )
        return f"{_count(sides // 2, 'sheet')}, duplex {imposition.duplex}"

    return run


def write_test_sheet_file(target: Path, paper: str, settings: Settings) -> Written:
    """The one-sheet duplex test (see impose.write_test_sheet), written atomically."""
    from makedocs.booklet.impose import write_test_sheet

    fonts = new_context(settings, Warned()).fonts
    with OutputSet() as outputs, outputs.open(target) as handle:
        write_test_sheet(_Scrubbing(handle), paper, fonts)  # type: ignore[arg-type]
    return Written(target, "1 sheet, 2 sides", target.stat().st_size)


def deck_job(options: Any) -> Renderer:
    def run(collection: Collection, ctx: BuildContext, out: BinaryIO) -> str:
        from makedocs.deck.render import render_deck

        result = render_deck(collection, ctx, out, options)
        return _count(result.slides, "slide")

    return run


def speaker_notes_job(options: Any, page_size: str) -> Renderer:
    """The speaker's printable script for the deck ``options`` describes, on ``page_size``
    paper."""

    def run(collection: Collection, ctx: BuildContext, out: BinaryIO) -> str:
        from makedocs.deck.render import build_plan
        from makedocs.deck.speaker_notes_pdf import write_script

        # The deck job reports the template's warnings; do not repeat them.
        built = build_plan(collection, replace(ctx, warned=Warned()), options)
        return _count(write_script(built, collection, ctx, out, page_size), "page")

    return run


def build_all(
    sources: Sequence[Path],
    out_dir: Path,
    settings: Settings,
    *,
    booklet: Any,
    deck: Any,
    warned: Warned,
    imposition: Any = None,
) -> list[Written]:
    """The main job: every output of the collection into ``out_dir``."""
    from makedocs.booklet.render import Imposition

    imposition = imposition or Imposition()
    collection = load_collection(sources, settings, warned)
    ctx = new_context(settings, warned)
    kept: list[bytes] = []
    jobs = [
        (out_dir / "booklet.pdf", booklet_job(booklet, kept)),
        (out_dir / "deck.pptx", deck_job(deck)),
        (out_dir / "speaker-notes.pdf", speaker_notes_job(deck, booklet.page_size)),
        (out_dir / "booklet-print.pdf", booklet_print_job(booklet, imposition, kept)),
    ]
    return write_outputs(jobs, collection, ctx, sources)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


__all__ = ["MakedocsError", "Written", "build_all", "load_collection", "write_outputs"]
