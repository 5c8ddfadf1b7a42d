"""The theme's ``[booklet]`` table -> page geometry, type scale, colours and paragraph styles.

Only this module reads the table, so a misspelt length or a missing page size is reported once,
as ``theme.toml: [booklet] key: problem``, before any page is laid out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.theme import Theme
from makedocs.units import Length

# Room outside the bleed for crop marks: the gap between the bleed and a mark, and its length.
MARK_GAP = Length.parse("3pt").points
MARK_LENGTH = Length.parse("14pt").points

_DEFAULT_SIZES = {
    "body_size": "10pt",
    "leading": "14.5pt",
    "title_size": "23pt",
    "subtitle_size": "12pt",
    "label_size": "7.5pt",
    "cover_title_size": "34pt",
    "cover_subtitle_size": "13pt",
    "pull_quote_size": "14pt",
    "epigraph_size": "9.5pt",
    "caption_size": "8pt",
    "folio_size": "8pt",
    "running_head_size": "6.75pt",
    "toc_size": "10.5pt",
}


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
    bleed: float = 0.0
    crop_marks: bool = False

    @property
    def offset(self) -> float:
        if self.crop_marks:
            return max(self.bleed, MARK_GAP * 2) + MARK_GAP + MARK_LENGTH
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
    """Everything the booklet takes from the theme, already converted to points and colours."""

    geometry: Geometry
    sizes: dict[str, float]
    colours: dict[str, Any]  # ReportLab Color or CMYKColor by theme colour name
    body_family: str
    display_family: str
    label_family: str
    hyphenate: bool
    drop_cap_lines: int
    image_ppi: float
    image_min_ppi: float
    image_warn_ppi: float
    cmyk: bool

    def size(self, name: str) -> float:
        return self.sizes[name]

    def colour(self, name: str) -> Any:
        return self.colours[name]


def load_style(
    theme: Theme,
    page_size: str,
    *,
    bleed: Length | None = None,
    crop_marks: bool = False,
    cmyk: bool = False,
) -> BookletStyle:
    """Parse ``theme.booklet`` for ``page_size`` ("letter" or "a4")."""
    spec = theme.booklet
    where = (theme.directory / "theme.toml").as_posix()

    def length(
        table: dict[str, Any], key: str, default: str | None = None, label: str = ""
    ) -> float:
        value = table.get(key, default)
        name = f"[booklet{label}] {key}"
        if value is None:
            raise MakedocsError(f"{name} is missing", where)
        try:
            return Length.parse(value).points
        except (ValueError, TypeError) as error:
            raise MakedocsError(f"{name}: {error}", where) from None

    size_table = spec.get(page_size)
    if not isinstance(size_table, dict):
        raise MakedocsError(f"[booklet.{page_size}] page size is missing", where)
    margins = spec.get("margins", {})
    geometry = Geometry(
        width=length(size_table, "width", label=f".{page_size}"),
        height=length(size_table, "height", label=f".{page_size}"),
        top=length(margins, "top", "0.75in", ".margins"),
        bottom=length(margins, "bottom", "0.85in", ".margins"),
        inner=length(margins, "inner", "0.65in", ".margins"),
        outer=length(margins, "outer", "0.8in", ".margins"),
        bleed=bleed.points if bleed is not None else 0.0,
        crop_marks=crop_marks,
    )
    if geometry.text_width < 72 or geometry.text_height < 144:
        raise MakedocsError(f"[booklet] margins leave no room for text on {page_size} pages", where)
    sizes = {key: length(spec, key, default) for key, default in _DEFAULT_SIZES.items()}
    colours = {name: colour(value, cmyk) for name, value in theme.colours.items()}
    for needed in ("ink", "muted", "accent", "paper", "cover", "cover_ink"):
        if needed not in colours:
            raise MakedocsError(f"[colours] {needed} is missing", where)
    colours.setdefault("rule", colours["accent"])
    families = {}
    for key, default in (("body_font", "serif"), ("display_font", "serif"), ("label_font", "sans")):
        families[key] = str(spec.get(key, default))
        if families[key] not in theme.fonts:
            raise MakedocsError(f"[booklet] {key} {families[key]!r} is not a font family", where)

    def number(key: str, default: float) -> float:
        value = spec.get(key, default)
        if not isinstance(value, int | float) or value <= 0:
            raise MakedocsError(f"[booklet] {key} must be a positive number", where)
        return float(value)

    return BookletStyle(
        geometry=geometry,
        sizes=sizes,
        colours=colours,
        body_family=families["body_font"],
        display_family=families["display_font"],
        label_family=families["label_font"],
        hyphenate=bool(spec.get("hyphenate", True)),
        drop_cap_lines=int(number("drop_cap_lines", 3)),
        image_ppi=number("image_ppi", 300),
        image_min_ppi=number("image_min_ppi", 150),
        image_warn_ppi=number("image_warn_ppi", 200),
        cmyk=cmyk,
    )


def font_families(theme: Theme) -> tuple[str, ...]:
    """The font families the booklet sets text in (for glyph checks before a build)."""
    spec = theme.booklet
    return tuple(
        dict.fromkeys(str(spec[key]) for key in ("body_font", "display_font", "label_font"))
    )


def colour(value: str, cmyk: bool = False) -> Any:
    """A ``#rrggbb`` theme colour as a ReportLab colour; with ``cmyk`` a CMYK one.

    The conversion is the device formula with full under-colour removal (grey goes to black
    ink only), the same rule images.py uses for photos, so text and pictures match.
    """
    from reportlab.lib.colors import CMYKColor, HexColor

    rgb = HexColor(value)
    if not cmyk:
        return rgb
    return CMYKColor(*rgb_to_cmyk(rgb.red, rgb.green, rgb.blue))


def rgb_to_cmyk(red: float, green: float, blue: float) -> tuple[float, float, float, float]:
    black = 1 - max(red, green, blue)
    if black >= 1:
        return 0.0, 0.0, 0.0, 1.0
    scale = 1 - black
    return tuple(  # type: ignore[return-value]
        round(v, 4)
        for v in (
            (1 - red - black) / scale,
            (1 - green - black) / scale,
            (1 - blue - black) / scale,
            black,
        )
    )


def hyphenation_language(language: str) -> str:
    """The pyphen dictionary for a BCP 47 tag ("en" -> "en"), or "" if there is none."""
    import pyphen

    tag = language.replace("-", "_")
    return pyphen.language_fallback(tag) or ""
