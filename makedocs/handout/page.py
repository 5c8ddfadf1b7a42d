"""A laid-out page as a list of drawing operations, drawn onto any canvas at any scale.

Layout (measuring, fitting) happens once per page; the same plan is then drawn into the
event's own PDF, into the combined PDF, and into each cell of a 2- or 4-up sheet, so a batch
never measures anything twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from makedocs.typesetting.compositor import Compositor
from makedocs.typesetting.qr import draw_qr
from makedocs.typesetting.styles import TextStyle


@dataclass(frozen=True, slots=True)
class Fill:
    """A rectangle of a theme colour."""

    x: float
    y: float
    width: float
    height: float
    colour: str

    def draw(self, canvas: Any, c: Compositor) -> None:
        canvas.saveState()
        canvas.setFillColor(c.palette[self.colour])
        canvas.rect(self.x, self.y, self.width, self.height, stroke=0, fill=1)
        canvas.restoreState()


@dataclass(frozen=True, slots=True)
class Text:
    """A wrapped paragraph with its bottom-left corner at ``(x, y)``."""

    paragraph: Any  # a wrapped ReportLab Paragraph (Balanced)
    x: float
    y: float

    def draw(self, canvas: Any, c: Compositor) -> None:
        self.paragraph.drawOn(canvas, self.x, self.y)


@dataclass(frozen=True, slots=True)
class Line:
    """One letter-spaced line with its baseline at ``y``, starting at ``x`` (or centred on
    it, or ending at it)."""

    text: str
    ts: TextStyle
    x: float
    y: float
    align: str = "left"

    def draw(self, canvas: Any, c: Compositor) -> None:
        c.draw_line(canvas, self.x, self.y, self.text, self.ts, align=self.align)


@dataclass(frozen=True, slots=True)
class Code:
    """A QR code: ``(x, y)`` is its lower-left corner, ``side`` its width without the quiet
    zone, ``quiet`` the light margin round it."""

    url: str
    x: float
    y: float
    side: float
    quiet: float
    dark: str
    light: str

    def draw(self, canvas: Any, c: Compositor) -> None:
        draw_qr(
            canvas,
            self.url,
            self.x,
            self.y,
            self.side,
            self.quiet,
            dark=c.palette[self.dark],
            light=c.palette[self.light],
        )


@dataclass(frozen=True, slots=True)
class Link:
    """A clickable area (the QR code opens its address on screen too)."""

    url: str
    x: float
    y: float
    width: float
    height: float

    def draw(self, canvas: Any, c: Compositor) -> None:
        rect = (self.x, self.y, self.x + self.width, self.y + self.height)
        canvas.linkURL(self.url, rect, relative=1, thickness=0)


@dataclass(frozen=True, slots=True)
class Stroke:
    """A straight line (cut marks)."""

    x0: float
    y0: float
    x1: float
    y1: float
    thickness: float
    colour: str

    def draw(self, canvas: Any, c: Compositor) -> None:
        canvas.saveState()
        canvas.setStrokeColor(c.palette[self.colour])
        canvas.setLineWidth(self.thickness)
        canvas.line(self.x0, self.y0, self.x1, self.y1)
        canvas.restoreState()


Op = Fill | Text | Line | Code | Link | Stroke


@dataclass(frozen=True, slots=True)
class Page:
    """One side of a handout, ``width`` x ``height`` points, drawn by ``ops`` in order."""

    width: float
    height: float
    ops: tuple[Op, ...]

    def draw(self, canvas: Any, c: Compositor) -> None:
        for op in self.ops:
            op.draw(canvas, c)
