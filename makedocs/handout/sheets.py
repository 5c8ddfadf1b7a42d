"""Sheets: one handout a page, or 2 or 4 flyers a sheet with cut marks (``--up``).

Each copy is the whole handout scaled into its cell. Two up, a landscape sheet holds two
portrait half-sheets; four up, a portrait sheet holds four quarter-sheets. The copy is laid
out on a page of its cell's shape (as wide as the full page), so it fills its cell, with
margins wide enough that, scaled, nothing comes nearer than ``min_edge`` to a cut or an edge.
The QR code must stay scannable once scaled: at least ``min_flyer_size`` wide, or the sheet
is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from makedocs.errors import MakedocsError
from makedocs.handout.layout import Frame
from makedocs.handout.page import Stroke
from makedocs.handout.style import HandoutStyle
from makedocs.units import Length

UPS = (1, 2, 4)


@dataclass(frozen=True, slots=True)
class Imposition:
    up: int
    sheet: tuple[float, float]
    frame: Frame  # the page one copy is laid out on, with its margins
    scale: float  # from that page to its cell
    cells: tuple[tuple[float, float], ...]  # lower-left corner of each cell on the sheet
    marks: tuple[Stroke, ...]


def impose(style: HandoutStyle, up: int) -> Imposition:
    """How ``up`` copies of a handout sit on a sheet of the style's paper."""
    if up not in UPS:
        raise MakedocsError(f"--up must be 1, 2 or 4, not {up}")
    width, height = style.width, style.height
    if up == 1:
        sheet = (width, height)
        cell = (width, height)
        cells: tuple[tuple[float, float], ...] = ((0.0, 0.0),)
    elif up == 2:
        sheet = (height, width)  # landscape: two portrait halves side by side
        cell = (height / 2, width)
        cells = ((0.0, 0.0), (height / 2, 0.0))
    else:
        sheet = (width, height)
        cell = (width / 2, height / 2)
        cells = ((0.0, height / 2), (width / 2, height / 2), (0.0, 0.0), (width / 2, 0.0))
    scale = cell[0] / width
    page = (width, cell[1] / scale)
    for what, side in (("front", style.qr_size), ("back", style.back_qr_size)):
        printed = side * scale
        if printed < style.qr_min_flyer - 1e-6:
            raise MakedocsError(
                f"at {up} up the QR code on the {what} would be "
                f"{Length.pt(printed).millimetres:.1f}mm wide, under the "
                f"{Length.pt(style.qr_min_flyer).millimetres:g}mm a phone needs to read it; "
                f"use fewer copies a sheet, or a larger [handout.qr] size in the theme"
            )
    top, right, bottom, left = (max(m, style.min_edge / scale) for m in style.margins)
    frame = Frame(page[0], page[1], top, right, bottom, left)
    return Imposition(up, sheet, frame, scale, cells, _marks(style, up, sheet))


def _marks(style: HandoutStyle, up: int, sheet: tuple[float, float]) -> tuple[Stroke, ...]:
    """Short lines on each cut line at the sheet's edges (and a cross where cuts meet),
    starting ``min_edge`` in from the edge, where any printer still prints."""
    length, thickness, colour = style.marks
    edge = style.min_edge
    width, height = sheet
    marks: list[Stroke] = []

    def vertical(x: float) -> None:
        marks.append(Stroke(x, edge, x, edge + length, thickness, colour))
        marks.append(Stroke(x, height - edge, x, height - edge - length, thickness, colour))

    def horizontal(y: float) -> None:
        marks.append(Stroke(edge, y, edge + length, y, thickness, colour))
        marks.append(Stroke(width - edge, y, width - edge - length, y, thickness, colour))

    if up >= 2:
        vertical(width / 2)
    if up == 4:
        horizontal(height / 2)
        cx, cy = width / 2, height / 2
        marks.append(Stroke(cx - length / 2, cy, cx + length / 2, cy, thickness, colour))
        marks.append(Stroke(cx, cy - length / 2, cx, cy + length / 2, thickness, colour))
    return tuple(marks)
