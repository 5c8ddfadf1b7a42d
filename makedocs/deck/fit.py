"""Measuring and fitting slide text with the metrics of the font the slide names.

A text box is a width and height in points (insets already taken off). Text is wrapped the
way PowerPoint wraps it (greedy, at spaces; a word longer than the line breaks anywhere) using
FontBook widths, each stretch in its own face (a bold word is wider), so Hangul runs are
measured with the bundled Korean font. Line height is the font's own (ascent + descent + line
gap, 1.22 em for Calibri/Carlito) times the paragraph's line spacing. Fitting steps the size
down to a floor; what still does not fit is split by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from makedocs.deck.rich import Marks, cut, styled
from makedocs.fonts import FontBook

#: Fraction of a box we allow ourselves to fill: PowerPoint, Keynote and LibreOffice differ by
#: a few per cent in kerning and line height, and a speaker's edit should not overflow at once.
SAFETY = 0.94


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph as it will be set: text, style, indent, space before, line spacing, and
    the marks of its bold, italic and linked stretches (``style`` is the paragraph's own)."""

    text: str
    style: str = "regular"
    indent: float = 0.0  # points taken from the line width (bullet hanging indent)
    space_before: float = 0.0  # in ems of the paragraph's size
    line_spacing: float = 1.0
    marks: Marks = ()


@dataclass(frozen=True, slots=True)
class Box:
    """Room for text, in points, after insets."""

    width: float
    height: float


Stretch = tuple[str, str]  # text, font style


@dataclass(frozen=True, slots=True)
class _Word:
    """A word as wrapping sees it: its pieces' widths at 1 pt (one per differently styled
    stretch), whether it has any text, and its pieces (for breaking it between characters)."""

    units: tuple[float, ...]
    text: bool
    pieces: tuple[Stretch, ...]


@dataclass(frozen=True, slots=True)
class _Hard:
    """One hard line of a paragraph, split into words once: the words, and the width at 1 pt
    of the space after each word but the last."""

    words: tuple[_Word, ...]
    spaces: tuple[float, ...]


class Measure:
    """Wraps and measures paragraphs for one font family; sizes step down by ``step`` points.

    ``margin`` widens every width: 1 for a metric-compatible font, more for a stand-in that
    only approximates the font a template names.
    """

    def __init__(self, fonts: FontBook, family: str, step: float, margin: float = 1.0) -> None:
        self.fonts = fonts
        self.family = family
        self.step = step
        self.margin = margin
        self._widths: dict[tuple[str, str], float] = {}
        self._line_heights: dict[str, float] = {}
        #: (text, style, marks) -> its hard lines split into words, measured at 1 pt
        self._split: dict[tuple[str, str, Marks], tuple[_Hard, ...]] = {}
        #: (text, style, marks, size, width) -> (line count, whether it is the whole count
        #: or only known to be at least that)
        self._counts: dict[tuple[str, str, Marks, float, float], tuple[int, bool]] = {}
        self.wraps = 0  # paragraphs wrapped (a cached count is not wrapped again)

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
            unit = self.fonts.width(text, self.family, style, 1.0) * self.margin
            self._widths[key] = unit
        return unit * size

    def lines(
        self,
        text: str,
        style: str,
        size: float,
        width: float,
        marks: Marks = (),
        limit: int | None = None,
    ) -> list[str]:
        """Greedy wrap of ``text`` into lines no wider than ``width`` points (only the first
        ``limit`` + 1 lines when a caller just needs to know there are more than ``limit``)."""
        out: list[str] = []
        position = 0
        for hard in text.split("\n"):
            stretches = styled(hard, cut(marks, position, position + len(hard)), style)
            rest = None if limit is None else limit + 1 - len(out)
            out.extend(self._wrap(stretches, size, width, rest))
            position += len(hard) + 1
            if limit is not None and len(out) > limit:
                break
        return out

    def line_count(
        self,
        text: str,
        style: str,
        size: float,
        width: float,
        marks: Marks = (),
        limit: int | None = None,
    ) -> int:
        """``len(self.lines(...))``, without making the lines, and remembered: fitting asks
        for the same paragraph at the same size and width again and again (every trial page,
        every size step of every page)."""
        key = (text, style, marks, size, width)
        found = self._counts.get(key)
        if found is not None:
            count, whole = found
            if whole:
                return count if limit is None else min(count, limit + 1)
            if limit is not None and limit + 1 <= count:  # it has at least ``count`` lines
                return limit + 1
        count = self._count(self._hard_lines(text, style, marks), size, width, limit)
        self._counts[key] = (count, limit is None or count <= limit)
        return count

    def _hard_lines(self, text: str, style: str, marks: Marks) -> tuple[_Hard, ...]:
        key = (text, style, marks)
        found = self._split.get(key)
        if found is None:
            hard_lines = []
            position = 0
            for hard in text.split("\n"):
                stretches = styled(hard, cut(marks, position, position + len(hard)), style)
                position += len(hard) + 1
                words, spaces = _words(stretches)
                unit = self._unit
                hard_lines.append(
                    _Hard(
                        tuple(
                            _Word(tuple(unit(t, s) for t, s in w), bool(_text(w)), tuple(w))
                            for w in words
                        ),
                        tuple(unit(" ", s) for s in spaces),
                    )
                )
            found = self._split[key] = tuple(hard_lines)
        return found

    def _unit(self, text: str, style: str) -> float:
        """Width at 1 pt (``width`` multiplies it by the size)."""
        unit = self._widths.get((text, style))
        if unit is None:
            unit = self._widths[(text, style)] = (
                self.fonts.width(text, self.family, style, 1.0) * self.margin
            )
        return unit

    def _count(
        self, hard_lines: tuple[_Hard, ...], size: float, width: float, limit: int | None
    ) -> int:
        """How many lines ``lines`` would give (at most ``limit`` + 1): the same greedy wrap,
        the same arithmetic in the same order, counting instead of building strings."""
        self.wraps += 1
        total = 0
        for hard in hard_lines:
            rest = None if limit is None else limit + 1 - total
            total += self._count_hard(hard, size, width, rest)
            if limit is not None and total > limit:
                break
        return total

    def _count_hard(self, hard: _Hard, size: float, width: float, limit: int | None) -> int:
        """``len(self._wrap(...))`` for one hard line."""
        if limit is not None and limit <= 0:
            return 0
        lines = 0
        full = False  # whether the line holds any text (``_wrap``'s ``line`` is not "")
        line_width = 0.0
        spaces = hard.spaces
        for n, word in enumerate(hard.words):
            units = word.units
            if len(units) == 1:
                word_width = units[0] * size
            else:
                word_width = 0
                for unit in units:
                    word_width += unit * size
            candidate = line_width + spaces[n - 1] * size + word_width if full else word_width
            if candidate <= width:
                full = full or word.text
                line_width = candidate
                continue
            if full:
                lines += 1
            if limit is not None and lines >= limit:
                return lines
            if word_width <= width:
                full, line_width = word.text, word_width
                continue
            full, line_width = False, 0.0
            for text, style in word.pieces:
                for char in text:
                    char_width = self.width(char, style, size)
                    if full and line_width + char_width > width:
                        lines += 1
                        full, line_width = False, 0.0
                        if limit is not None and lines >= limit:
                            return lines
                    full = True
                    line_width += char_width
        return lines + 1

    def _wrap(
        self, stretches: list[Stretch], size: float, width: float, limit: int | None = None
    ) -> list[str]:
        words, spaces = _words(stretches)
        if limit is not None and limit <= 0:
            return []
        lines: list[str] = []
        line, line_width = "", 0.0
        for n, word in enumerate(words):
            word_width = sum(self.width(t, s, size) for t, s in word)
            if line:
                candidate = line_width + self.width(" ", spaces[n - 1], size) + word_width
            else:
                candidate = word_width
            if candidate <= width:
                line = f"{line} {_text(word)}" if line else _text(word)
                line_width = candidate
                continue
            if line:
                lines.append(line)
            if limit is not None and len(lines) >= limit:
                return lines
            if word_width <= width:
                line, line_width = _text(word), word_width
                continue
            # A word wider than the line: PowerPoint breaks it between characters.
            line, line_width = "", 0.0
            for text, style in word:
                for char in text:
                    char_width = self.width(char, style, size)
                    if line and line_width + char_width > width:
                        lines.append(line)
                        line, line_width = "", 0.0
                        if limit is not None and len(lines) >= limit:
                            return lines
                    line += char
                    line_width += char_width
        lines.append(line)
        return lines

    def extent(self, text: str, style: str, size: float, marks: Marks = ()) -> tuple[float, float]:
        """(widest line unwrapped, widest word): the width a text would like, and the least
        it can take without breaking a word."""
        widest = longest = 0.0
        position = 0
        for hard in text.split("\n"):
            stretches = styled(hard, cut(marks, position, position + len(hard)), style)
            position += len(hard) + 1
            widest = max(widest, sum(self.width(t, s, size) for t, s in stretches))
            for word in _words(stretches)[0]:
                longest = max(longest, sum(self.width(t, s, size) for t, s in word))
        return widest, longest

    def height(
        self, paras: Sequence[Para], size: float, width: float, cap: float | None = None
    ) -> float:
        """Height in points of ``paras`` set at ``size`` in a column ``width`` wide. With a
        ``cap``, wrapping stops once the text is surely taller (the result is then only
        known to exceed the cap): fitting a long text into a small box stays cheap."""
        total = 0.0
        for n, para in enumerate(paras):
            if n:
                total += para.space_before * size
            line = size * self.line_height(para.style) * para.line_spacing
            limit = None if cap is None else max(0, int((cap - total) / line)) + 1
            count = self.line_count(
                para.text, para.style, size, width - para.indent, para.marks, limit
            )
            total += count * line
            if cap is not None and total > cap:
                return total
        return total

    def fits(self, paras: Sequence[Para], size: float, box: Box) -> bool:
        room = box.height * SAFETY
        return self.height(paras, size, box.width * SAFETY, cap=room) <= room

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


class Measures:
    """One ``Measure`` per (family, margin), made when first asked for: an organisation's
    template may set titles and body text in different theme fonts."""

    def __init__(self, fonts: FontBook, step: float) -> None:
        self.fonts = fonts
        self.step = step
        self._made: dict[tuple[str, float], Measure] = {}

    def get(self, family: str, margin: float = 1.0) -> Measure:
        key = (family, margin)
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = Measure(self.fonts, family, self.step, margin)
        return found


def _words(stretches: list[Stretch]) -> tuple[list[list[Stretch]], list[str]]:
    """Words (each a list of styled pieces) split at spaces, and the style of each space."""
    words: list[list[Stretch]] = [[]]
    spaces: list[str] = []
    for text, style in stretches:
        for n, part in enumerate(text.split(" ")):
            if n:
                spaces.append(style)
                words.append([])
            if part:
                words[-1].append((part, style))
    return words, spaces


def _text(word: list[Stretch]) -> str:
    return "".join(t for t, _ in word)


#: Marks text cut short; the no-break space keeps the ellipsis on the line of its last word.
ELLIPSIS = "\u00a0…"

_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\")\]]*\s+(?=\S)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (closing quotes kept with their sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        spans.append(_strip(text, start, end))
        start = match.end()
    spans.append(_strip(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """Split prose at sentence ends (kept with their closing quotes)."""
    return [text[a:b] for a, b in sentence_spans(text)]


_CLAUSE_END = re.compile(r"[,;:—–]$")
_WORD = re.compile(r"\S+")


def key_span(text: str, max_words: int) -> tuple[int, int, bool]:
    """Where the key sentence of ``text`` lies: (start, end, whether it was shortened).

    The first sentence, cut at a clause (or else after ``max_words`` words) if it is too long
    to read off a slide.
    """
    spans = sentence_spans(text)
    a, b = spans[0] if spans else _strip(text, 0, len(text))
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, a, b)]
    if len(words) <= max_words:
        return a, b, False
    count = max_words
    for n in range(max_words, max_words // 2, -1):
        start, end = words[n - 1]
        if _CLAUSE_END.search(text[start:end]):
            count = n
            break
    end = words[count - 1][1]
    while end > a and text[end - 1] in ",;:—– ":
        end -= 1
    return a, end, True


def key_sentence(text: str, max_words: int) -> str:
    """The first sentence of ``text``, cut at a clause if it is too long to read off a slide.

    The whole paragraph is in the speaker notes, so a slide may show a shortened sentence,
    always ending in an ellipsis when it was shortened.
    """
    start, end, shortened = key_span(text, max_words)
    return text[start:end] + (ELLIPSIS if shortened else "")


def split_para(
    measure: Measure, para: Para, size: float, box: Box, reserve: str = ""
) -> tuple[Para, Para]:
    """Cut one paragraph that does not fit into a head that fits at ``size`` and the rest.

    Cuts at the last sentence end that fits; else at the last word that fits, marked with an
    ellipsis; else (one enormous word) between characters. The head is never empty, head +
    rest hold every word of the paragraph, and both keep their stretches' formatting.
    """
    text = para.text

    def piece(start: int, end: int, before: str = "", after: str = "") -> Para:
        marks = cut(para.marks, start, end, len(before))
        return replace(para, text=before + text[start:end] + after, marks=marks)

    def fits(head: Para) -> bool:  # ``reserve``: text that will follow the head (" (cont.)")
        return measure.fits([replace(head, text=head.text + reserve)], size, box)

    spans = sentence_spans(text)
    for n in range(len(spans) - 1, 0, -1):
        head = piece(spans[0][0], spans[n - 1][1])
        if fits(head):
            return head, piece(spans[n][0], len(text))
    ends = [m.start() for m in re.finditer(" ", text)]  # the end of every word but the last
    n = _last_fitting(len(ends), lambda k: fits(piece(0, ends[k - 1], after=ELLIPSIS)))
    if n:
        cut_at = ends[n - 1]
        return piece(0, cut_at, after=ELLIPSIS), piece(cut_at + 1, len(text), before="…\u00a0")
    n = _last_fitting(len(text) - 1, lambda k: fits(piece(0, k, after="…")))
    n = max(n, 1)
    return piece(0, n, after="…"), piece(n, len(text), before="…")


def split_text(
    measure: Measure, para: Para, size: float, box: Box, reserve: str = ""
) -> tuple[str, str]:
    """``split_para`` for plain text: the head's and the rest's text."""
    head, rest = split_para(measure, para, size, box, reserve)
    return head.text, rest.text


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
