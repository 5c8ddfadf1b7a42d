"""The theme's ``[handout]`` tables -> page sizes, margins, font roles and element styles.

Everything is read before the first event is laid out, so a bad value is one
``theme.toml:LINE: [handout.x] key: problem`` error, and a batch of a hundred events reads the
theme once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from makedocs.handout.content import Limits
from makedocs.theme import Theme
from makedocs.typesetting.styles import TextStyle, palette, text_style
from makedocs.typesetting.values import Table
from makedocs.units import Length

ROLES = ("display", "text", "label")
#: The smallest QR code the handout prints on a full page, and its quiet zone (ISO 18004).
MIN_QR = Length.mm(25).points
MIN_QUIET_MODULES = 4


@dataclass(frozen=True, slots=True)
class Element:
    """A text element that fits itself: its style at full size, the size it may step down to
    and how many lines it may take (0: as many as its room allows)."""

    ts: TextStyle
    min_size: float
    max_lines: int


@dataclass(frozen=True, slots=True)
class Box:
    """Padding of a coloured band."""

    colour: str
    x: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class HandoutStyle:
    theme: Theme
    width: float  # the page
    height: float
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    gap: float
    min_edge: float
    middle: float  # 0..1: where the quote and summary sit in their room
    palette: dict[str, Any]
    elements: dict[str, Element]
    panel: Box
    imprint_after: float
    quote_bar: tuple[float, str]  # thickness, colour
    limits: Limits
    summary_min_sentences: int
    rule: tuple[float, str, float]  # thickness, colour, space after
    column_gap: float
    host_prefix: str
    qr_size: float
    qr_quiet_modules: int
    qr_dark: str
    qr_light: str
    qr_min_flyer: float
    qr_column: float
    band: Box
    back_qr_size: float
    back_middle: float
    marks: tuple[float, float, str]  # length, thickness, colour

    def element(self, name: str) -> Element:
        return self.elements[name]


_ELEMENTS = (
    "imprint",
    "title",
    "subtitle",
    "quote",
    "quote.attribution",
    "summary",
    "event.title",
    "event.date",
    "event.time",
    "event.venue",
    "event.address",
    "event.host",
    "event.notes",
    "url",
    "call_to_action",
    "call_to_action.url",
    "call_to_action.alone",
    "back.heading",
    "back.about",
    "back.story",
)


def load_style(theme: Theme, page_size: str) -> HandoutStyle:
    """Read ``[handout]`` for ``page_size`` ("letter" or "a4")."""
    handout = Table(theme, "handout")
    if page_size not in handout.data:
        raise theme.error(f"[handout.{page_size}] page size is missing", "handout")
    size = handout.table(page_size)
    width, height = size.length("width", positive=True), size.length("height", positive=True)
    margins = handout.table("margins")
    roles = {role: handout.family(f"{role}_font") for role in ROLES}
    elements = {}
    for name in _ELEMENTS:
        table = Table(theme, "handout", *name.split("."))
        ts = text_style(table, roles[table.choice("font", ROLES)])
        low = table.length("min_size", positive=True) if "min_size" in table else ts.size
        if low > ts.size:
            raise table.error("min_size", f"is larger than size ({ts.size:g}pt)")
        lines = int(table.number("max_lines", whole=True, minimum=1)) if "max_lines" in table else 0
        elements[name] = Element(ts, low, lines)
    panel, band, qr = handout.table("panel"), handout.table("call_to_action"), handout.table("qr")
    quote_bar, rule = Table(theme, "handout", "quote", "bar"), handout.table("rule")
    summary, marks = handout.table("summary"), handout.table("up")
    qr_size = qr.length("size", positive=True)
    if qr_size < MIN_QR - 1e-6:
        raise qr.error("size", "must be at least 25mm, or phones cannot read the code from a page")
    back_qr = handout.table("back").length("qr_size", positive=True)
    if back_qr < MIN_QR - 1e-6:
        raise handout.table("back").error("qr_size", "must be at least 25mm")
    min_edge = handout.length("min_edge")
    if min_edge < Length.inches(0.25).points - 1e-6:
        raise handout.error("min_edge", "must be at least 0.25in: printers cannot print nearer")
    style = HandoutStyle(
        theme=theme,
        width=width,
        height=height,
        margins=tuple(  # type: ignore[arg-type]
            max(margins.length(side), min_edge) for side in ("top", "right", "bottom", "left")
        ),
        gap=handout.length("gap"),
        min_edge=min_edge,
        middle=handout.length("middle", share=1.0),
        palette=palette(theme),
        elements=elements,
        panel=Box(
            panel.colour("colour"),
            panel.length("padding_x"),
            panel.length("padding_top"),
            panel.length("padding_bottom"),
        ),
        imprint_after=handout.table("imprint").length("space_after"),
        quote_bar=(quote_bar.length("thickness", positive=True), quote_bar.colour("colour")),
        limits=Limits(
            summary=int(summary.number("max_words", whole=True, minimum=1)),
            quote=int(Table(theme, "handout", "quote").number("max_words", whole=True, minimum=1)),
            about=int(
                Table(theme, "handout", "back", "about").number("max_words", whole=True, minimum=1)
            ),
        ),
        summary_min_sentences=int(summary.number("min_sentences", whole=True, minimum=1)),
        rule=(
            rule.length("thickness", positive=True),
            rule.colour("colour"),
            rule.length("space_after"),
        ),
        column_gap=handout.table("event").length("column_gap"),
        host_prefix=Table(theme, "handout", "event", "host").text("prefix"),
        qr_size=qr_size,
        qr_quiet_modules=int(qr.number("quiet_zone", whole=True, minimum=MIN_QUIET_MODULES)),
        qr_dark=qr.colour("dark"),
        qr_light=qr.colour("light"),
        qr_min_flyer=qr.length("min_flyer_size", positive=True),
        qr_column=qr.length("column"),
        band=Box(band.colour("band"), band.length("padding_x"), *(band.length("padding_y"),) * 2),
        back_qr_size=back_qr,
        back_middle=handout.table("back").length("middle", share=1.0),
        marks=(
            marks.length("mark_length", positive=True),
            marks.length("mark_thickness", positive=True),
            marks.colour("mark_colour"),
        ),
    )
    top, right, bottom, left = style.margins
    if width - left - right < 3 * 72 or height - top - bottom < 5 * 72:
        raise theme.error(
            f"[handout.margins] leave no room for a handout on {page_size} paper",
            "handout",
            "margins",
        )
    return style


def font_families(theme: Theme) -> tuple[str, ...]:
    """The families the handout sets text in (for glyph checks before a build)."""
    handout = Table(theme, "handout")
    return tuple(dict.fromkeys(handout.family(f"{role}_font") for role in ROLES))
