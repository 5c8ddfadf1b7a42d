"""Measuring and fitting slide text with the metrics of the font the slide names.

A text box is a width and height in points (insets already taken off). Text is wrapped the
way PowerPoint wraps it (greedy, at spaces; a word longer than the line breaks anywhere) using
FontBook widths, so Hangul runs are measured with the bundled Korean font. Line height is the
font's own (ascent + descent + line gap, 1.22 em for Calibri/Carlito) times the paragraph's line
spacing. Fitting steps the size down to a floor; what still does not fit is split by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from makedocs.fonts import FontBook

#: Fraction of a box we allow ourselves to fill: PowerPoint, Keynote and LibreOffice differ by
#: a few per cent in kerning and line height, and a speaker's edit should not overflow at once.
SAFETY = 0.94


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph as it will be set: text, style, indent, space before, line spacing."""

    text: str
    style: str = "regular"
    indent: float = 0.0  # points taken from the line width (bullet hanging indent)
    space_before: float = 0.0  # in ems of the paragraph's size
    line_spacing: float = 1.0


@dataclass(frozen=True, slots=True)
class Box:
    """Room for text, in points, after insets."""

    width: float
    height: float


class Measure:
    """Wraps and measures paragraphs for one font family; sizes step down by ``step`` points."""

    def __init__(self, fonts: FontBook, family: str, step: float) -> None:
        self.fonts = fonts
        self.family = family
        self.step = step
        self._widths: dict[tuple[str, str], float] = {}
        self._line_heights: dict[str, float] = {}

    def line_height(self, style: str) -> float:
        """Single-spaced line height in ems."""
        found = self._line_heights.get(style)
        if found is None:
            found = self._line_heights[style] = self.fonts.line_height(self.family, style)
        return found

    def width(self, text: str, style: str, size: float) -> float:
        """Width at ``size`` points (widths are linear in size, so cache them at 1 pt)."""
        key = (text, style)
        unit = self._widths.get(key)
        if unit is None:
            unit = self.fonts.width(text, self.family, style, 1.0)
            self._widths[key] = unit
        return unit * size

    def lines(self, text: str, style: str, size: float, width: float) -> list[str]:
        """Greedy wrap of ``text`` into lines no wider than ``width`` points."""
        out: list[str] = []
        for hard in text.split("\n"):
            out.extend(self._wrap(hard, style, size, width))
        return out

    def _wrap(self, text: str, style: str, size: float, width: float) -> list[str]:
        words = text.split(" ")
        lines: list[str] = []
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if self.width(candidate, style, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            # A word wider than the line: PowerPoint breaks it between characters.
            while self.width(word, style, size) > width and len(word) > 1:
                cut = _longest_prefix(self, word, style, size, width)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
        return lines

    def height(self, paras: Sequence[Para], size: float, width: float) -> float:
        """Height in points of ``paras`` set at ``size`` in a column ``width`` wide."""
        total = 0.0
        for n, para in enumerate(paras):
            count = len(self.lines(para.text, para.style, size, width - para.indent))
            total += count * size * self.line_height(para.style) * para.line_spacing
            if n:
                total += para.space_before * size
        return total

    def fits(self, paras: Sequence[Para], size: float, box: Box) -> bool:
        return self.height(paras, size, box.width * SAFETY) <= box.height * SAFETY

    def best_size(
        self, paras: Sequence[Para], box: Box, largest: float, smallest: float
    ) -> float | None:
        """The largest size from ``largest`` down to ``smallest`` at which ``paras`` fit."""
        size = largest
        while size >= smallest - 1e-9:
            if self.fits(paras, size, box):
                return size
            size -= self.step
        if self.fits(paras, smallest, box):
            return smallest
        return None


def _longest_prefix(measure: Measure, word: str, style: str, size: float, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if measure.width(word[:mid], style, size) <= width:
            low = mid
        else:
            high = mid - 1
    return low


#: Marks text cut short; the no-break space keeps the ellipsis on the line of its last word.
ELLIPSIS = "\u00a0…"

_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\")\]]*\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """Split prose at sentence ends (kept with their closing quotes)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        parts.append(text[start:end].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


def first_sentence(text: str) -> str:
    found = sentences(text)
    return found[0] if found else text.strip()


_CLAUSE_END = re.compile(r"[,;:—–]$")


def key_sentence(text: str, max_words: int) -> str:
    """The first sentence of ``text``, cut at a clause if it is too long to read off a slide.

    The whole paragraph is in the speaker notes, so a slide may show a shortened sentence,
    always ending in an ellipsis when it was shortened.
    """
    sentence = first_sentence(text)
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    cut = max_words
    for n in range(max_words, max_words // 2, -1):
        if _CLAUSE_END.search(words[n - 1]):
            cut = n
            break
    head = " ".join(words[:cut]).rstrip(",;:—– ")
    return head + ELLIPSIS


def split_text(
    measure: Measure, para: Para, size: float, box: Box, reserve: str = ""
) -> tuple[str, str]:
    """Cut one paragraph that does not fit into a head that fits at ``size`` and the rest.

    Cuts at the last sentence end that fits; else at the last word that fits, marked with an
    ellipsis; else (one enormous word) between characters. The head is never empty, and
    head + rest hold every word of the paragraph.
    """

    def fits(text: str) -> bool:  # ``reserve``: text that will follow the head (" (cont.)")
        return measure.fits([_with(para, text + reserve)], size, box)

    parts = sentences(para.text)
    for n in range(len(parts) - 1, 0, -1):
        candidate = " ".join(parts[:n])
        if fits(candidate):
            return candidate, " ".join(parts[n:])
    words = para.text.split(" ")
    n = _last_fitting(len(words) - 1, lambda k: fits(" ".join(words[:k]) + ELLIPSIS))
    if n:
        return " ".join(words[:n]) + ELLIPSIS, "…\u00a0" + " ".join(words[n:])
    text = para.text
    n = _last_fitting(len(text) - 1, lambda k: fits(text[:k] + "…"))
    n = max(n, 1)
    return text[:n] + "…", "…" + text[n:]


def _last_fitting(high: int, fits: Callable[[int], bool]) -> int:
    """The largest k in 1..high with fits(k) (fits is monotonic), or 0."""
    low, best = 1, 0
    while low <= high:
        mid = (low + high) // 2
        if fits(mid):
            best, low = mid, mid + 1
        else:
            high = mid - 1
    return best


def _with(para: Para, text: str) -> Para:
    return Para(text, para.style, para.indent, para.space_before, para.line_spacing)
