"""Platypus flowables every PDF output may use: text paragraphs, balanced display paragraphs,
labels, rules and pictures."""

from __future__ import annotations

import itertools
import re
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from makedocs.adapters.reportlab import (
    draw_picture,
    last_line_words,
    line_count,
    line_words,
    settle_loose_lines,
)
from makedocs.typesetting.styles import RuleStyle, TextStyle

#: Balancing narrows a display paragraph's measure by this factor at a time ...
BALANCE_STEP = 0.94
#: ... down to this share of the full measure at most.
BALANCE_NARROWEST = 0.6
_SHIFT = {TA_CENTER: 0.5, TA_RIGHT: 1.0}


class Text(Paragraph):
    """A paragraph of the shared pipeline. A justified line is never looser than the style's
    ``maxWordSpace`` allows: such a line takes a word (or, hyphenated, part of one) from the
    line above where both then keep the limit, and is otherwise set with its spaces at the
    limit, ending short of the margin, rather than with rivers of white."""

    _wrapped: tuple[float, Any] | None = None  # the width last wrapped for, and its lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # The lines depend on the width only: a paragraph asked again (a table's cell, a
        # KeepTogether's part, one that did not fit) keeps the lines it has.
        wrapped = self._wrapped
        if (
            wrapped is not None
            and wrapped[0] == availWidth
            and wrapped[1] is self.__dict__.get("blPara")
        ):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self.settle_loose_lines()
        self._wrapped = (availWidth, self.blPara)
        return size

    def settle_loose_lines(self) -> None:
        """Rag the lines of the last wrap whose spaces stretch beyond the style's limit."""
        style = self.style
        most = getattr(style, "maxWordSpace", 0.0)
        if most and style.alignment == TA_JUSTIFY:
            space = stringWidth(" ", style.fontName, style.fontSize)
            settle_loose_lines(self, space, most)


class Balanced(Text):
    """A display paragraph (titles, covers) whose last line is never a lone word, and whose
    breaks keep a run of capitalised words (a name: "North Korea") on one line where they can.

    The measure is narrowed step by step until the words are shared between the lines, as a
    typesetter would break a title by hand. Only the breaks move: centred and right-aligned
    lines stay centred or flush right in the full measure. Names are tried as unbreakable
    units first (every run of capitalised words, then two-word runs only); a trial is kept if
    it needs no more lines than breaking freely would, and its breaks are then written into
    the text, so the PDF holds ordinary spaces.
    """

    shift = 0.0  # how far the narrowed measure moves right to keep the alignment

    def __init__(self, text: str, style: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.source = text
        self._chosen: dict[float, tuple[str, float]] = {}  # available width -> markup, measure

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self.source is None:  # a part ReportLab split off: its lines are already chosen
            return super().wrap(availWidth, availHeight)
        choice = self._chosen.get(availWidth)
        if choice is None:
            choice = self._chosen[availWidth] = _choose_breaks(
                self.source, self.style, availWidth, availHeight
            )
        markup, measure = choice
        if markup != self.text:
            Paragraph.__init__(self, markup, self.style)
        _w, height = super().wrap(measure, availHeight)
        self.shift = (availWidth - measure) * _SHIFT.get(self.style.alignment, 0.0)
        self.width = availWidth
        return availWidth, height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        super().drawOn(canvas, x + self.shift, y, _sW)


def balanced(markup: str, style: Any) -> Balanced:
    return Balanced(markup, style)


def _narrowed(markup: str, style: Any, width: float, height: float) -> tuple[Paragraph, float]:
    """``markup`` wrapped in the widest measure (from ``width`` down) whose last line is not a
    lone word, or the narrowest allowed."""
    para = Paragraph(markup, style)
    measure = width
    para.wrap(measure, height)
    while (
        line_count(para) > 1 and last_line_words(para) < 2 and measure > width * BALANCE_NARROWEST
    ):
        measure *= BALANCE_STEP
        para.wrap(measure, height)
    return para, measure


def _choose_breaks(markup: str, style: Any, width: float, height: float) -> tuple[str, float]:
    """The markup to set (``markup``, or it with the line breaks of a trial keeping names
    whole) and the measure to wrap it in."""
    free, measure = _narrowed(markup, style, width, height)
    if line_count(free) < 2:
        return markup, measure
    words = Paragraph(markup, style).getPlainText().split()
    for trial in dict.fromkeys(_joined(markup, longest) for longest in (None, 2)):
        if trial == markup:
            continue
        para, _measure = _narrowed(trial, style, width, height)
        lines = line_words(para)
        if (
            len(lines) <= line_count(free)
            and len(lines[-1]) >= 2
            and [w for line in lines for w in line] == words  # no name was cut to fit
        ):
            return _with_breaks(markup, [len(line) for line in lines]), width
    return markup, measure


_TAG = re.compile(r"(<[^>]*>)")
_WORD_OR_SPACE = re.compile(r"(\s+)")
#: A name ends at a word ending in one of these ("Beyond Utopia: Documenting" is two units).
_RUN_ENDS = tuple(":;,.!?)]—–")
#: Words that title case capitalises but that are no part of a name: in "The Road From South
#: Korea" the name is "South Korea", not the whole title.
_TITLE_CASE_SMALL = frozenset(
    re.findall(
        r"\w+",
        "a an and as at but by for from in into nor of on or over the to up via with about above "
        "across after against along among around before behind below beneath beside between "
        "beyond down during inside near off onto out past since than through toward towards "
        "under until upon within without",
    )
)


def _capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    return word.strip("\"'“‘([").rstrip("\"'”’)]:;,.!?—–").lower() not in _TITLE_CASE_SMALL


def _joined(markup: str, longest: int | None) -> str:
    """``markup`` with each run of capitalised words (of at most ``longest`` words, or any)
    joined by no-break spaces."""
    out = []
    for part in _TAG.split(markup):
        if part.startswith("<"):
            out.append(part)
            continue
        pieces = _WORD_OR_SPACE.split(part)  # word, space, word, ...
        runs: list[list[int]] = []  # indices of the words of each run
        for i in range(0, len(pieces), 2):
            word = pieces[i]
            if not word or not _capitalised(word):
                continue
            previous = pieces[i - 2] if i >= 2 else ""
            if runs and runs[-1][-1] == i - 2 and not previous.endswith(_RUN_ENDS):
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            if len(run) > 1 and (longest is None or len(run) <= longest):
                for i in run[1:]:
                    pieces[i - 1] = "\u00a0"
        out.append("".join(pieces))
    return "".join(out)


def _with_breaks(markup: str, counts: list[int]) -> str:
    """``markup`` with a line break after the first ``counts[0]`` words, the next
    ``counts[1]`` words, and so on."""
    targets = set(itertools.accumulate(counts[:-1]))
    out = []
    done = 0  # words finished
    in_word = False
    for part in _TAG.split(markup):
        if part.startswith("<"):
            out.append(part)
            continue
        for piece in _WORD_OR_SPACE.split(part):
            if not piece:
                continue
            if piece.isspace():
                if in_word:
                    done += 1
                    in_word = False
                    if done in targets:
                        piece = "<br/>"
                out.append(piece)
            else:
                in_word = True
                out.append(piece)
    return "".join(out)


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


class PictureBox(Flowable):
    """A picture ``width`` x ``height`` points (an adapters.reportlab.Picture, embedded once
    per PDF however often it is drawn), centred in the frame."""

    _fixedWidth = _fixedHeight = 1  # noqa: N815 (ReportLab's names: tables size it as it is)

    def __init__(self, picture: Any, width: float, height: float) -> None:
        super().__init__()
        self.picture = picture
        self.width = width
        self.height = height
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        draw_picture(self.canv, self.picture, 0, 0, self.width, self.height)
