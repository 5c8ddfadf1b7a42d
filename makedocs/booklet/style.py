"""The theme's ``[booklet]`` tables -> page geometry, font roles, palette and element styles.

Every design value of the booklet is in the theme: geometry and crop marks here, each kind of
element in its own table (``[booklet.body]``, ``[booklet.pull_quote]``, ``[booklet.cover.title]``
...) read by the module that sets it. They are all read before the first page is laid out, so a
bad value is one ``theme.toml:LINE: [booklet.x] key: problem`` error and no half-built PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from makedocs.theme import Theme
from makedocs.typesetting.compositor import Compositor
from makedocs.typesetting.hyphenation import patterns
from makedocs.typesetting.styles import (
    RuleStyle,
    TextStyle,
    area_palette,
    palette,
    rule_style,
    text_style,
)
from makedocs.typesetting.values import Table
from makedocs.units import Length

if TYPE_CHECKING:
    from makedocs.colour import Press

#: The booklet's font roles: an element table's ``font`` names one, [booklet] maps it to a family.
ROLES = ("body", "display", "label", "code")
PAGE_SIZES = ("letter", "a4")


@dataclass(frozen=True, slots=True)
class Marks:
    """Crop marks: the gap between the bleed and a mark, its length and line width, in points."""

    gap: float
    length: float
    thickness: float


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the finished page sits on the PDF page, in points.

    ``offset`` is the distance from the MediaBox corner to the trim corner: the bleed plus,
    with crop marks, room for the marks outside the bleed.
    """

    width: float  # finished (trimmed) page
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    marks: Marks
    bleed: float = 0.0
    crop_marks: bool = False

    @property
    def mark_start(self) -> float:
        """How far from the trim the crop marks start: beyond the bleed, and never closer
        to the trim than two gaps."""
        return max(self.bleed, self.marks.gap * 2) + self.marks.gap

    @property
    def offset(self) -> float:
        if self.crop_marks:
            return self.mark_start + self.marks.length
        return self.bleed

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.offset, self.height + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return o, o, o + self.width, o + self.height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        o, b = self.offset, self.bleed
        return o - b, o - b, o + self.width + b, o + self.height + b

    @property
    def text_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    def text_left(self, page: int) -> float:
        """Left edge of the text block on ``page`` (1-based): odd pages are right-hand pages,
        so their inner (spine) margin is on the left."""
        return self.offset + (self.inner if page % 2 else self.outer)


@dataclass(frozen=True, slots=True)
class BookletStyle:
    """The booklet's geometry, font roles and palette, and the reader of its element tables."""

    theme: Theme
    geometry: Geometry
    roles: dict[str, str]  # role -> font family
    palette: dict[str, Any]  # ReportLab Color or CMYKColor by theme colour name
    areas: dict[str, Any]  # the same for large filled areas (rich black in CMYK)
    line: float  # the body leading: what "1lines" means
    hyphenate: bool
    image_ppi: float
    image_min_ppi: float
    image_warn_ppi: float
    press: Press | None  # --cmyk: the press colours and pictures are converted for
    size_name: str  # what the page size is called ("half-letter"), for the page map

    @property
    def cmyk(self) -> bool:
        return self.press is not None

    @property
    def registration(self) -> Any:
        """The crop marks' colour: on every plate at full strength (the separation "All")
        in CMYK, so they print on each film; black otherwise."""
        from reportlab.lib.colors import CMYKColorSep, black

        return CMYKColorSep(1, 1, 1, 1, spotName="All") if self.press else black

    def table(self, *path: str) -> Table:
        """``[booklet.PATH]``."""
        return Table(self.theme, "booklet", *path)

    def element(self, *path: str, width: float | None = None) -> TextStyle:
        """The text style of ``[booklet.PATH]``; ``%`` indents are of ``width`` (by default the
        text block's)."""
        table = self.table(*path)
        family = self.roles[table.choice("font", ROLES)]
        return text_style(table, family, line=self.line, width=width or self.geometry.text_width)

    def rule(self, *path: str, em: float | None = None, width: float | None = None) -> RuleStyle:
        """The rule of ``[booklet.PATH]``; a ``%`` length is of ``width`` (by default the
        text block's)."""
        return rule_style(
            self.table(*path), em=em, line=self.line, width=width or self.geometry.text_width
        )

    def colour(self, name: str) -> Any:
        return self.palette[name]

    def area_colour(self, name: str) -> Any:
        """A theme colour filling a large area (the cover)."""
        return self.areas[name]

    def compositor(self, fonts: Any, language: str, keep: Iterable[str] = ()) -> Compositor:
        """The compositor the booklet sets type with: its fonts, palette and hyphenation (in
        ``language``'s patterns, never breaking a word of ``keep``)."""
        return Compositor(fonts, self.palette, patterns(language) if self.hyphenate else "", keep)


def load_style(
    theme: Theme,
    page_size: str,
    *,
    bleed: Length | None = None,
    crop_marks: bool = False,
    cmyk: bool = False,
) -> BookletStyle:
    """Read ``[booklet]`` for ``page_size`` ("letter" or "a4")."""
    booklet = Table(theme, "booklet")
    if page_size not in booklet.data:
        raise theme.error(f"[booklet.{page_size}] page size is missing", "booklet")
    size = booklet.table(page_size)
    margins = booklet.table("margins")
    marks = booklet.table("marks")
    geometry = Geometry(
        width=size.length("width", positive=True),
        height=size.length("height", positive=True),
        top=margins.length("top"),
        bottom=margins.length("bottom"),
        inner=margins.length("inner"),
        outer=margins.length("outer"),
        marks=Marks(
            gap=marks.length("gap"),
            length=marks.length("length", positive=True),
            thickness=marks.length("thickness", positive=True),
        ),
        bleed=bleed.points if bleed is not None else 0.0,
        crop_marks=crop_marks,
    )
    if geometry.text_width < 72 or geometry.text_height < 144:
        raise theme.error(
            f"[booklet.margins] leave no room for text on {page_size} pages",
            "booklet",
            "margins",
        )
    body = booklet.table("body")
    press = _press(theme) if cmyk else None
    return BookletStyle(
        theme=theme,
        geometry=geometry,
        roles={role: booklet.family(f"{role}_font") for role in ROLES},
        palette=palette(theme, press),
        areas=area_palette(theme, press),
        line=body.length("leading", em=body.length("size", positive=True), positive=True),
        hyphenate=booklet.flag("hyphenate"),
        image_ppi=booklet.number("image_ppi", minimum=1),
        image_min_ppi=booklet.number("image_min_ppi", minimum=1),
        image_warn_ppi=booklet.number("image_warn_ppi", minimum=1),
        press=press,
        size_name=size.text("name"),
    )


def cmyk_only(colour: Any) -> Any:
    """ReportLab's colour check for a CMYK booklet: press colours and the registration
    separation pass, anything else (an RGB colour that escaped the palette) is a bug. Unlike
    ReportLab's own "sep_cmyk" check, it never turns a rich black into plain black."""
    from reportlab.lib.colors import CMYKColor, toColor

    found = toColor(colour)
    if not isinstance(found, CMYKColor):
        raise ValueError(f"{colour!r} is not a CMYK colour, in a CMYK booklet")
    return found


def _press(theme: Theme) -> Press:
    from makedocs.colour import load_press

    return load_press(theme)


def font_families(theme: Theme) -> tuple[str, ...]:
    """The font families the booklet sets text in (for glyph checks before a build)."""
    booklet = Table(theme, "booklet")
    return tuple(dict.fromkeys(booklet.family(f"{role}_font") for role in ROLES))
