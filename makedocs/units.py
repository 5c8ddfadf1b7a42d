"""One length type for both coordinate systems: PDF points and PPTX EMU.

Lengths are stored as integer EMU (914400 per inch, as python-pptx does) and converted only at
the edges, so a theme value like ``"3mm"`` means the same thing to every renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMU_PER_INCH = 914400
EMU_PER_PT = 12700
EMU_PER_MM = 36000
EMU_PER_CM = 360000

_UNITS = {"in": EMU_PER_INCH, "pt": EMU_PER_PT, "mm": EMU_PER_MM, "cm": EMU_PER_CM, "emu": 1}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(in|pt|mm|cm|emu)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Length:
    """An absolute length in EMU."""

    emu: int

    @classmethod
    def parse(cls, text: str | int | float) -> Length:
        """Parse ``"0.125in"``, ``"3mm"``, ``"12pt"``; a bare number means points."""
        if isinstance(text, int | float):
            return cls(round(float(text) * EMU_PER_PT))
        match = _LENGTH.match(text)
        if not match:
            raise ValueError(f"not a length: {text!r} (use a number with in, pt, mm or cm)")
        return cls(round(float(match.group(1)) * _UNITS[match.group(2)]))

    @classmethod
    def pt(cls, value: float) -> Length:
        return cls(round(value * EMU_PER_PT))

    @classmethod
    def inches(cls, value: float) -> Length:
        return cls(round(value * EMU_PER_INCH))

    @classmethod
    def mm(cls, value: float) -> Length:
        return cls(round(value * EMU_PER_MM))

    @property
    def points(self) -> float:
        """Value in PDF points (1/72 in)."""
        return self.emu / EMU_PER_PT

    @property
    def millimetres(self) -> float:
        return self.emu / EMU_PER_MM

    def __add__(self, other: Length) -> Length:
        return Length(self.emu + other.emu)

    def __sub__(self, other: Length) -> Length:
        return Length(self.emu - other.emu)

    def __mul__(self, factor: float) -> Length:
        return Length(round(self.emu * factor))

    def __str__(self) -> str:
        return f"{self.points:g}pt"


@dataclass(frozen=True, slots=True)
class Offset:
    """A shift on a page: ``x`` to the right, ``y`` up, as the page is read."""

    x: Length = Length(0)
    y: Length = Length(0)

    def __str__(self) -> str:
        return f"{self.x.millimetres:g}mm, {self.y.millimetres:g}mm"
