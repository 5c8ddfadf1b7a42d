"""The theme's ``[deck]`` tables -> DeckStyle: every size, spacing, ratio and colour of the deck.

Nothing here has a default: the bundled theme is the default and guarantees every key, so
this module only checks types and converts units. A value of the wrong kind is an error at the
line of the theme file that set it. Sizes are in points; minimums are hard floors: fitting steps
a box's size down no further and splits onto a continuation slide instead, so projected text
stays readable at the back of a hall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.theme import STYLES, Theme
from makedocs.units import Length

#: Accessibility floors no theme may go under (points).
BODY_FLOOR = 18
TITLE_FLOOR = 28

# Field kinds, named by annotation: a number of points (or a length with a unit), a fraction
# of the slide or of a box, a colour (a [colours] name or #rrggbb), a slot of the colour scheme
# (dk1, lt1, ... accent1 ...: follows the template's scheme), a rectangle in fractions, a font
# family of [fonts], a list of [typeface, family, width margin].
Points = float
Fraction = float
Colour = str
SchemeSlot = str
Rect = tuple[float, ...]
Family = str
FaceStyle = str  # one of the theme's font STYLES
FontMatches = tuple[tuple[str, str, float], ...]

#: The colour scheme's slots, in the order the schema requires.
SCHEME_SLOTS = (
    "dk1", "lt1", "dk2", "lt2",
    "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    "hlink", "folHlink",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TitleStyle:
    size: Points
    cover_size: Points
    section_size: Points
    min: Points
    line_spacing: float
    max_height: Fraction


@dataclass(frozen=True, slots=True)
class BodyStyle:
    size: Points
    list_size: Points
    subtitle_size: Points
    min: Points
    line_spacing: float
    paragraph_space: float
    bullet: str
    bullet_indent: Points
    number_indent: Points
    numbering: str
    marker: SchemeSlot  # bullets and list numbers (they are text: contrast counts)


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    size: Points
    min: Points
    line_spacing: float
    attribution_size: Points
    style: FaceStyle


@dataclass(frozen=True, slots=True)
class CaptionStyle:
    size: Points
    side_size: Points
    credit_size: Points
    line_spacing: float
    max_height: Fraction
    credit_max_height: Fraction
    padding: Points
    credit_gap: Points
    footer: Points
    max_band: Fraction


@dataclass(frozen=True, slots=True)
class ScrimStyle:
    colour: Colour
    alpha: Fraction
    text_colour: Colour
    muted_colour: Colour


@dataclass(frozen=True, slots=True)
class PictureStyle:
    max_px: int
    portrait_below: float
    graphic_margin: Fraction


@dataclass(frozen=True, slots=True)
class QrStyle:
    size: Fraction
    margin: Fraction
    gap: Points
    module_px: int
    area: Rect


@dataclass(frozen=True, slots=True)
class SlideNumberStyle:
    size: Points
    box: Rect


@dataclass(frozen=True, slots=True)
class TableStyle:
    size: Points
    line_spacing: float
    padding_x: Points
    padding_y: Points
    header_fill: SchemeSlot
    header_text: SchemeSlot
    body_fill: SchemeSlot
    band_fill: SchemeSlot
    body_text: SchemeSlot
    rule: SchemeSlot
    rule_width: Points


@dataclass(frozen=True, slots=True)
class CodeStyle:
    font: Family
    typeface: str
    size: Points
    line_spacing: float
    tab: int
    wrap_marker: str


@dataclass(frozen=True, slots=True)
class MetricsStyle:
    compatible: FontMatches
    stand_in: Family
    stand_in_margin: float


@dataclass(frozen=True, slots=True)
class FallbackStyle:
    margin: Fraction
    title: Rect
    gap: Fraction
    bottom: Fraction


@dataclass(frozen=True, slots=True)
class DeckStyle:
    font: str  # the [fonts] family text is measured with (Carlito for Calibri)
    latin_typeface: str  # what the PPTX names
    east_asian_typeface: str
    size_step: Points
    key_sentences: int
    key_sentence_words: int
    words_per_minute: float
    agenda_title: str
    credits_title: str
    link_on_dark: SchemeSlot  # the colour links take on the dark title, section, quote slides
    scheme: dict[str, Colour]  # the bundled templates' colour scheme: slot -> #rrggbb
    title: TitleStyle
    body: BodyStyle
    quote: QuoteStyle
    caption: CaptionStyle
    scrim: ScrimStyle
    picture: PictureStyle
    qr: QrStyle
    slide_number: SlideNumberStyle
    fallback: FallbackStyle
    table: TableStyle
    code: CodeStyle
    metrics: MetricsStyle


_TABLES: dict[str, type] = {
    "TitleStyle": TitleStyle,
    "BodyStyle": BodyStyle,
    "QuoteStyle": QuoteStyle,
    "CaptionStyle": CaptionStyle,
    "ScrimStyle": ScrimStyle,
    "PictureStyle": PictureStyle,
    "QrStyle": QrStyle,
    "SlideNumberStyle": SlideNumberStyle,
    "FallbackStyle": FallbackStyle,
    "TableStyle": TableStyle,
    "CodeStyle": CodeStyle,
    "MetricsStyle": MetricsStyle,
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_RECT_SIZES = {("qr", "area"): 4, ("slide_number", "box"): 4, ("fallback", "title"): 2}


def deck_style(theme: Theme) -> DeckStyle:
    """Read and check the theme's ``[deck]`` tables."""
    style = _read(DeckStyle, theme.deck, ("deck",), theme)
    for key, floor in (("body", BODY_FLOOR), ("title", TITLE_FLOOR), ("quote", TITLE_FLOOR)):
        if getattr(style, key).min < floor:
            raise theme.error(
                f"[deck.{key}] min may not go below {floor} pt (text must stay readable)",
                "deck",
                key,
                "min",
            )
    return style


def _read(cls: type, table: dict[str, Any], key: tuple[str, ...], theme: Theme) -> Any:
    values: dict[str, Any] = {}
    for f in fields(cls):
        where = (*key, f.name)
        kind = str(f.type)
        value = table[f.name]
        if kind in _TABLES:
            values[f.name] = _read(_TABLES[kind], value, where, theme)
        elif kind == "dict[str, Colour]":
            values[f.name] = {
                slot: _value("Colour", v, (*where, slot), theme) for slot, v in value.items()
            }
        else:
            values[f.name] = _value(kind, value, where, theme)
    return cls(**values)


def _value(kind: str, value: Any, key: tuple[str, ...], theme: Theme) -> Any:
    """Check and convert one value; a wrong one is an error at its line."""
    table, name = ".".join(key[:-1]), key[-1]

    def fail(what: str) -> MakedocsError:
        return theme.error(f"[{table}] {name} must be {what}, not {value!r}", *key)

    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "str":
        if not isinstance(value, str) or not value:
            raise fail("text")
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise fail("a whole number of at least 1")
        return value
    if kind == "float":
        if not number or value <= 0:
            raise fail("a positive number")
        return float(value)
    if kind == "FaceStyle":
        if value not in STYLES:
            raise fail(" or ".join(repr(style) for style in STYLES))
        return value
    if kind == "Fraction":
        if not number or not 0 < value <= 1:
            raise fail("a fraction between 0 and 1")
        return float(value)
    if kind == "Points":
        try:
            points = Length.parse(value).points if number or isinstance(value, str) else -1
        except ValueError:
            points = -1
        if points <= 0:
            raise fail("a size in points or a length (12, 0.2in, 5mm)")
        return points
    if kind == "SchemeSlot":
        if value not in SCHEME_SLOTS:
            raise fail(f"a slot of the colour scheme ({', '.join(SCHEME_SLOTS)})")
        return value
    if kind == "Family":
        if not isinstance(value, str) or value not in theme.fonts:
            raise fail("a font family of [fonts]")
        return value
    if kind == "FontMatches":
        return _font_matches(value, fail, theme)
    if kind == "Colour":
        if isinstance(value, str) and _HEX.match(value):
            return value.lower()
        if isinstance(value, str) and value in theme.colours:
            return theme.colours[value]
        raise fail("a colour name from [colours] or #rrggbb")
    if kind == "Rect":
        size = _RECT_SIZES[key[-2:]]
        if (
            not isinstance(value, list)
            or len(value) != size
            or not all(isinstance(v, int | float) and 0 <= v <= 1 for v in value)
        ):
            raise fail(f"a list of {size} fractions of the slide")
        return tuple(float(v) for v in value)
    raise AssertionError(kind)  # pragma: no cover


def _font_matches(value: Any, fail: Any, theme: Theme) -> FontMatches:
    """``[[typeface, family, margin], ...]``: margin 1 for metric-compatible, more if close."""
    what = "a list of [typeface, [fonts] family, width margin of at least 1]"
    if not isinstance(value, list):
        raise fail(what)
    out = []
    for entry in value:
        if (
            not isinstance(entry, list)
            or len(entry) != 3
            or not isinstance(entry[0], str)
            or entry[1] not in theme.fonts
            or not isinstance(entry[2], int | float)
            or isinstance(entry[2], bool)
            or entry[2] < 1
        ):
            raise fail(what)
        out.append((entry[0], entry[1], float(entry[2])))
    return tuple(out)
