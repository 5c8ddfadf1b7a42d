"""Element tables of the theme -> TextStyle and RuleStyle; theme colours -> PDF colours.

An element table (``[booklet.caption]``, ``[notes.body]``) holds the element's ``style``,
``size`` and ``colour``, and whichever of the optional keys the element uses: ``leading``
(not for one-line elements), ``align``, ``space_before``, ``space_after``, ``indent_left``,
``indent_right``, ``first_line_indent``, ``bullet_indent``, ``hyphenate``, ``tracking``,
``capitals`` and ``max_word_space``. A key an element's table does not have is a property
the element does not use (no indent, no spacing), not a default: themes can only set keys the
bundled default has.

Which font family an element is set in is the renderer's choice (the booklet maps its tables'
``font`` roles to families), so ``text_style`` takes the family already resolved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from makedocs.theme import STYLES, Theme
from makedocs.typesetting.values import Table

if TYPE_CHECKING:
    from makedocs.colour import Press

ALIGNMENTS = ("left", "right", "centre", "justify")


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How one kind of element is set, in points; ``colour`` names a theme colour."""

    family: str
    style: str
    size: float
    leading: float  # line height (0 for an element that is only ever one line)
    colour: str
    align: str = "left"
    space_before: float = 0.0
    space_after: float = 0.0
    indent_left: float = 0.0
    indent_right: float = 0.0
    first_line_indent: float = 0.0
    bullet_indent: float = 0.0
    hyphenate: bool = False
    tracking: float = 0.0  # letter spacing, for labels
    capitals: bool = False  # labels set in capitals
    max_word_space: float = 0.0  # justified spaces stretch to at most this x the font's (0: any)


@dataclass(frozen=True, slots=True)
class RuleStyle:
    """A horizontal rule: its length, thickness and colour name, and the space around it."""

    length: float
    thickness: float
    colour: str
    space_before: float = 0.0
    space_after: float = 0.0


def text_style(
    table: Table, family: str, *, line: float | None = None, width: float | None = None
) -> TextStyle:
    """The element ``table`` set in ``family``. ``line`` is what ``1line`` means (the output's
    body leading), ``width`` what ``100%`` of an indent means (the text block's width)."""
    size = table.length("size", positive=True)

    def length(key: str, share: float | None = None) -> float:
        return table.length(key, em=size, line=line, share=share) if key in table else 0.0

    return TextStyle(
        family=family,
        style=table.choice("style", STYLES),
        size=size,
        leading=table.length("leading", em=size, line=line, positive=True)
        if "leading" in table
        else 0.0,
        colour=table.colour("colour"),
        align=table.choice("align", ALIGNMENTS) if "align" in table else "left",
        space_before=length("space_before"),
        space_after=length("space_after"),
        indent_left=length("indent_left", width),
        indent_right=length("indent_right", width),
        first_line_indent=length("first_line_indent"),
        bullet_indent=length("bullet_indent"),
        hyphenate=table.flag("hyphenate") if "hyphenate" in table else False,
        tracking=length("tracking"),
        capitals=table.flag("capitals") if "capitals" in table else False,
        max_word_space=table.number("max_word_space", minimum=1)
        if "max_word_space" in table
        else 0.0,
    )


def rule_style(
    table: Table, *, em: float | None = None, line: float | None = None, width: float | None = None
) -> RuleStyle:
    """A rule table: ``length`` (``%`` of ``width``), ``thickness``, ``colour``, and optional
    ``space_before``/``space_after``."""

    def space(key: str) -> float:
        return table.length(key, em=em, line=line) if key in table else 0.0

    return RuleStyle(
        length=table.length("length", em=em, line=line, share=width, positive=True),
        thickness=table.length("thickness", positive=True),
        colour=table.colour("colour"),
        space_before=space("space_before"),
        space_after=space("space_after"),
    )


def palette(theme: Theme, press: Press | None = None) -> dict[str, Any]:
    """Every theme colour by name as a ReportLab colour; for a ``press`` (``--cmyk``), its CMYK
    ink through the press's ICC profile (see makedocs/colour.py)."""
    from reportlab.lib.colors import CMYKColor, HexColor

    if press is None:
        return {name: HexColor(value) for name, value in theme.colours.items()}
    return {name: CMYKColor(*press.ink(value)) for name, value in theme.colours.items()}


def area_palette(theme: Theme, press: Press | None = None) -> dict[str, Any]:
    """:func:`palette` for large filled areas (a cover): for a press, a colour that would be
    solid black ink alone is the theme's rich black instead."""
    from reportlab.lib.colors import CMYKColor

    if press is None:
        return palette(theme)
    return {name: CMYKColor(*press.area(value)) for name, value in theme.colours.items()}


Palette = Mapping[str, Any]
