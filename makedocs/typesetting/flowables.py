"""Platypus flowables every PDF output may use: labels, balanced display paragraphs, rules."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from makedocs.adapters.reportlab import last_line_words
from makedocs.typesetting.styles import RuleStyle, TextStyle

#: Balancing narrows a display paragraph's measure by this factor at a time ...
BALANCE_STEP = 0.94
#: ... down to this share of the full measure at most.
BALANCE_NARROWEST = 0.6
_SHIFT = {TA_CENTER: 0.5, TA_RIGHT: 1.0}


class Balanced(Paragraph):
    """A display paragraph (titles, covers) whose last line is never a lone word.

    The measure is narrowed step by step until the words are shared between the lines, as a
    typesetter would break a title by hand. Only the breaks move: centred and right-aligned
    lines stay centred or flush right in the full measure.
    """

    shift = 0.0  # how far the narrowed measure moves right to keep the alignment

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        measure = availWidth
        _w, height = super().wrap(measure, availHeight)
        while (
            round(height / self.style.leading) > 1
            and last_line_words(self) < 2
            and measure > availWidth * BALANCE_NARROWEST
        ):
            measure *= BALANCE_STEP
            _w, height = super().wrap(measure, availHeight)
        self.shift = (availWidth - measure) * _SHIFT.get(self.style.alignment, 0.0)
        self.width = availWidth
        return availWidth, height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        super().drawOn(canvas, x + self.shift, y, _sW)


def balanced(markup: str, style: Any) -> Balanced:
    return Balanced(markup, style)


class Label(Flowable):
    """One line of letter-spaced text (kickers, bylines, dividers); wraps only if it must."""

    def __init__(self, text: str, ts: TextStyle, compositor: Any, *, align: str = "") -> None:
        super().__init__()
        self.text = compositor.cased(text, ts)
        self.ts = ts
        self.compositor = compositor
        self.align = align or ts.align
        self.spaceBefore = ts.space_before
        self.spaceAfter = ts.space_after
        self.lines: list[str] = [self.text]
        self.measure = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.measure = availWidth
        self.lines = self.compositor.wrap_line(self.text, self.ts, availWidth)
        return availWidth, self.ts.leading * len(self.lines)

    def draw(self) -> None:
        ts = self.ts
        y = ts.leading * len(self.lines) - ts.size
        x = {"centre": self.measure / 2, "right": self.measure}.get(self.align, 0.0)
        for line in self.lines:
            self.compositor.draw_line(self.canv, x, y, line, ts, align=self.align)
            y -= ts.leading


class Rule(Flowable):
    """A horizontal rule, flush left or centred, with the rule style's space around it."""

    def __init__(self, rule: RuleStyle, colour: Any, *, align: str = "centre") -> None:
        super().__init__()
        self.rule = rule
        self.colour = colour
        self.spaceBefore = rule.space_before
        self.spaceAfter = rule.space_after
        self.align = align
        self.measure = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.measure = availWidth
        return availWidth, self.rule.thickness

    def draw(self) -> None:
        canvas, rule = self.canv, self.rule
        canvas.saveState()
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(rule.thickness)
        x = (self.measure - rule.length) / 2 if self.align == "centre" else 0
        canvas.line(x, rule.thickness / 2, x + rule.length, rule.thickness / 2)
        canvas.restoreState()
