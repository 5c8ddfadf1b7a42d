"""booklet.pdf: the reading-order booklet (pages as a reader turns them; for screens and shops)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.options import Option
from makedocs.outputs import Job, Output, count
from makedocs.units import Length

if TYPE_CHECKING:
    from makedocs.booklet.render import BookletOptions, BookletResult
    from makedocs.config import Settings
    from makedocs.theme import Theme

SETTINGS = {
    "booklet": {
        "recto": Option("flag", True, help="stories open on right-hand pages"),
        "bleed": Option(
            "length",
            None,
            low=Length(0),
            high=Length.mm(20),
            help="print-shop bleed: the page grows by this on every side",
            example="3mm",
        ),
        "crop_marks": Option("flag", False, help="crop marks outside the bleed, for a print shop"),
        "cmyk": Option(
            "flag",
            False,
            help="PDF/X-1a for a print shop: CMYK through the theme's [print] profile",
        ),
    }
}


@dataclass(frozen=True, slots=True)
class BookletPDF:
    """The booklet's bytes and what its layout found (pages, where stories open)."""

    data: bytes
    result: BookletResult


def _options(values: Mapping[str, Any], settings: Settings) -> BookletOptions:
    from makedocs.booklet.render import BookletOptions

    bleed = values["bleed"]
    return BookletOptions(
        page_size=settings.page_size,
        recto=values["recto"],
        bleed=bleed if bleed and bleed.emu else None,
        crop_marks=values["crop_marks"],
        cmyk=values["cmyk"],
    )


def _make(job: Job) -> BookletPDF:
    import io
    from dataclasses import replace

    from makedocs.booklet.render import render_booklet

    buffer = io.BytesIO()
    options = replace(job.options, page_size=job.page_size)
    result = render_booklet(job.collection, job.ctx, buffer, options)
    data = buffer.getvalue()
    if options.cmyk:  # for a print shop: PDF/X-1a, with the press's profile as output intent
        from makedocs.booklet.pdfx import make_pdfx
        from makedocs.colour import load_press

        data = make_pdfx(data, load_press(job.ctx.theme))
    return BookletPDF(data, result)


def _write(job: Job, product: BookletPDF, out: BinaryIO) -> str:
    out.write(product.data)
    return count(product.result.pages, "page")


def fonts(theme: Theme) -> tuple[str, ...]:
    from makedocs.booklet.style import font_families

    return font_families(theme)


def _print_width(theme: Theme, page_size: str) -> float:
    from makedocs.booklet.style import load_style

    return load_style(theme, page_size).geometry.text_width


OUTPUT = Output(
    name="booklet",
    filename="booklet.pdf",
    summary="the booklet, pages in reading order",
    make=_make,
    write=_write,
    options=_options,
    settings=SETTINGS,
    preview="spreads",
    theme_table="booklet",
    fonts=fonts,
    print_width=_print_width,
)
