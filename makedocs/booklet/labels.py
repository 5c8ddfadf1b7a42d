"""Letter-spaced capitals for kickers, bylines, running heads and covers.

ReportLab paragraphs cannot letter-space, and capitals set solid look cramped, so labels are
drawn as one line with character spacing, run by run so fallback fonts (Hangul) still apply.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.flowables import Flowable

from makedocs.fonts import FontBook

TRACKING = 0.12  # letter spacing as a fraction of the size


def label_width(
    text: str, fonts: FontBook, family: str, size: float, style: str = "regular"
) -> float:
    spacing = size * TRACKING
    width = fonts.width(text, family, style, size)
    return width + spacing * max(len(text) - 1, 0)


def fit_label(
    text: str, fonts: FontBook, family: str, size: float, width: float, style: str = "regular"
) -> str:
    """``text`` in capitals, shortened to fit ``width``: the part before a colon, else whole
    words and an ellipsis. Running heads must stay on one line inside the margins."""
    candidate = text.upper()
    if label_width(candidate, fonts, family, size, style) <= width:
        return candidate
    if ":" in candidate:
        head = candidate.split(":", 1)[0].strip()
        if head and label_width(head, fonts, family, size, style) <= width:
            return head
    words = candidate.split()
    while len(words) > 1:
        words.pop()
        short = " ".join(words).rstrip(",;:—–-") + "…"
        if label_width(short, fonts, family, size, style) <= width:
            return short
    return words[0] if words else ""


def draw_label(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    fonts: FontBook,
    family: str,
    size: float,
    colour: Any,
    *,
    align: str = "left",
    style: str = "regular",
    tracking: float = TRACKING,
) -> float:
    """Draw one letter-spaced line with its baseline at ``y``; return its width."""
    spacing = size * tracking
    width = fonts.width(text, family, style, size) + spacing * max(len(text) - 1, 0)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    canvas.saveState()
    canvas.setFillColor(colour)
    obj = canvas.beginText(x, y)
    obj.setCharSpace(spacing)
    for run in fonts.runs(text, family, style):
        obj.setFont(fonts.font(run.font).fontName, size)
        obj.textOut(run.text)
    canvas.drawText(obj)
    canvas.restoreState()
    return width


class Label(Flowable):
    """One line of letter-spaced capitals; wraps onto more lines only if it must."""

    def __init__(
        self,
        text: str,
        fonts: FontBook,
        family: str,
        size: float,
        colour: Any,
        *,
        after: float = 0,
        align: str = "left",
    ) -> None:
        super().__init__()
        self.text = text.upper()
        self.fonts = fonts
        self.family = family
        self.size = size
        self.colour = colour
        self.align = align
        self.spaceAfter = after
        self.spaceBefore = 0
        self._lines: list[str] = [self.text]
        self._width = 0.0

    def spaced(self, before: float, after: float) -> Label:
        self.spaceBefore, self.spaceAfter = before, after
        self.align = "centre"
        return self

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._width = availWidth
        lines: list[str] = []
        for word in self.text.split(" "):
            if (
                lines
                and label_width(f"{lines[-1]} {word}", self.fonts, self.family, self.size)
                <= availWidth
            ):
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        self._lines = lines or [""]
        return availWidth, self.size * 1.5 * len(self._lines)

    def draw(self) -> None:
        line_height = self.size * 1.5
        y = line_height * len(self._lines) - self.size
        x = self._width / 2 if self.align == "centre" else 0.0
        for line in self._lines:
            draw_label(
                self.canv,
                x,
                y,
                line,
                self.fonts,
                self.family,
                self.size,
                self.colour,
                align=self.align,
            )
            y -= line_height
