"""Laying out a handout: every block measured with the embedded fonts, fitted, then placed.

The front, top to bottom: a panel with the organisation and the title (and subtitle); the
quotation and the summary in the room left in the middle; a rule, then the event (left) and
the QR code with its address (right); the call to action in a band at the foot. Without an
event the call to action is set large beside the QR code instead.

Fitting, in the order a designer would give things up:

- titles, event fields, the address under the code and the call to action each step down in
  size to their theme minimum to stay within their number of lines (a long venue wraps, then
  shrinks); past that, MakedocsError names the field to shorten;
- the quotation and the summary step down together; only when they are at their minimum are
  sentences taken off the end of the summary (never fewer than one), and only then is the
  quotation given up for a shorter one, or none;
- every block's height includes its glyphs' ascent and descent, so nothing overlaps, and
  everything stays inside the margins (at least ``min_edge`` from the sheet's edges and cuts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.handout.content import CLAUSE_ENDS, ELLIPSIS, Content, Quotation, Summary
from makedocs.handout.dates import long_date
from makedocs.handout.events import Event
from makedocs.handout.page import Code, Fill, Line, Link, Op, Page, Text
from makedocs.handout.style import Box, HandoutStyle
from makedocs.links import bare_url
from makedocs.typesetting.compositor import FIT_STEP, Compositor, link
from makedocs.typesetting.qr import qr_modules
from makedocs.typesetting.styles import TextStyle

_UNBOUNDED = 100_000.0
#: The quotation and summary step down together by this share of their size at a time.
_SHRINK = 0.05
TooLong = Callable[[int, int, float], MakedocsError]


@dataclass(frozen=True, slots=True)
class Frame:
    """A page and the box inside its margins."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def x0(self) -> float:
        return self.left

    @property
    def x1(self) -> float:
        return self.width - self.right

    @property
    def y0(self) -> float:
        return self.bottom

    @property
    def y1(self) -> float:
        return self.height - self.top

    @property
    def inner_width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Block:
    """Text set at one size, ready to place: a wrapped paragraph, or letter-spaced lines.
    ``height`` runs from the top of the first line to the lowest descender."""

    height: float
    size: float
    lines: int
    ts: TextStyle
    width: float
    paragraph: Any = None
    labels: tuple[str, ...] = ()
    ascent: float = 0.0  # of the first line's face, in points

    def place(self, x: float, top: float) -> list[Op]:
        if self.paragraph is not None:
            return [Text(self.paragraph, x, top - self.lines * self.ts.leading)]
        ts = self.ts
        left = x + ts.indent_left
        width = self.width - ts.indent_left - ts.indent_right
        anchor = {"centre": left + width / 2, "right": left + width}.get(ts.align, left)
        align = ts.align if ts.align in ("centre", "right") else "left"
        return [
            Line(text, ts, anchor, top - self.ascent - i * ts.leading, align)
            for i, text in enumerate(self.labels)
        ]


@dataclass(frozen=True, slots=True)
class Stack:
    """Blocks one under another with the space between them; ``height`` in all."""

    items: tuple[tuple[Block, float], ...]  # (block, space above it)
    height: float

    def place(self, x: float, top: float) -> list[Op]:
        ops: list[Op] = []
        for block, space in self.items:
            top -= space
            ops += block.place(x, top)
            top -= block.height
        return ops


def stack(blocks: list[Block], gaps: list[float] | None = None) -> Stack:
    """``blocks`` stacked; between two, the larger of the upper's space_after and the lower's
    space_before (or ``gaps`` given)."""
    items: list[tuple[Block, float]] = []
    height = 0.0
    for index, block in enumerate(blocks):
        if index == 0:
            space = 0.0
        elif gaps is not None:
            space = gaps[index - 1]
        else:
            space = max(blocks[index - 1].ts.space_after, block.ts.space_before)
        items.append((block, space))
        height += space + block.height
    return Stack(tuple(items), height)


class Layout:
    """Lays out handouts in one style; caches every measurement, so a batch of events with
    the same collection measures the title, quotation and summary once."""

    def __init__(self, style: HandoutStyle, c: Compositor, language: str) -> None:
        self.style = style
        self.c = c
        self.language = language
        self._blocks: dict[tuple[Any, ...], Block] = {}
        self._styles: dict[tuple[str, float], Any] = {}
        self._middles: dict[tuple[Any, ...], tuple[Stack, int] | None] = {}

    # --- setting one element -------------------------------------------------------------

    def _scaled(self, name: str, size: float) -> TextStyle:
        ts = self.style.element(name).ts
        if size == ts.size:
            return ts
        ratio = size / ts.size
        return replace(ts, size=size, leading=ts.leading * ratio, tracking=ts.tracking * ratio)

    def at(self, name: str, text: str, width: float, size: float, url: str = "") -> Block:
        """``text`` as element ``name`` at ``size``, ``width`` wide."""
        key = (name, text, width, size, url)
        found = self._blocks.get(key)
        if found is not None:
            return found
        ts = self._scaled(name, size)
        fonts = self.c.fonts
        ascent = fonts.ascent(ts.family, ts.style) * size
        ink = ascent + fonts.descent(ts.family, ts.style) * size
        if ts.tracking or ts.capitals:
            room = width - ts.indent_left - ts.indent_right
            labels = tuple(self.c.wrap_line(text, ts, room))
            lines = len(labels)
            if any(self.c.line_width(label, ts) > room + 0.01 for label in labels):
                lines = 10_000  # a word wider than the room: never fits at this size
            height = ts.leading * (len(labels) - 1) + ink
            found = Block(height, size, lines, ts, width, labels=labels, ascent=ascent)
        else:
            from makedocs.typesetting.flowables import balanced

            markup = self.c.markup(text, ts.family, ts.style)
            if url:
                markup = link(url, markup)
            para = balanced(markup, self._paragraph_style(name, ts))
            _w, height = para.wrap(width, _UNBOUNDED)
            lines = max(1, round(height / ts.leading))
            height = max(height, ts.leading * (lines - 1) + ink)
            found = Block(height, size, lines, ts, width, paragraph=para, ascent=ascent)
        self._blocks[key] = found
        return found

    def _paragraph_style(self, name: str, ts: TextStyle) -> Any:
        key = (name, ts.size)
        found = self._styles.get(key)
        if found is None:
            found = self.c.paragraph_style(f"handout-{name}", ts, spaceBefore=0, spaceAfter=0)
            self._styles[key] = found
        return found

    def fit(self, name: str, text: str, width: float, too_long: TooLong, url: str = "") -> Block:
        """``text`` at the largest size, down to the element's minimum, that keeps it within
        its lines; ``too_long(lines, max_lines, size)`` is raised when none does."""
        element = self.style.element(name)
        size = element.ts.size
        while True:
            block = self.at(name, text, width, size, url)
            if not element.max_lines or block.lines <= element.max_lines:
                return block
            if size <= element.min_size:
                raise too_long(min(block.lines, 99), element.max_lines, size)
            size = max(element.min_size, size - FIT_STEP)

    # --- the front -----------------------------------------------------------------------

    def front(self, content: Content, event: Event | None, frame: Frame) -> Page:
        s = self.style
        ops: list[Op] = []
        x0, x1, y0 = frame.x0, frame.x1, frame.y0
        width = frame.inner_width
        # The panel with the organisation and the title.
        heading = [("title", content.title, _title_error(content))]
        if content.subtitle:
            heading.append(("subtitle", content.subtitle, _content_error("subtitle", content)))
        panel_bottom, panel_ops = self._panel(content, heading, frame)
        ops += panel_ops
        # The foot: the band, then the event and the QR code above it.
        qr_url = (event.url if event and event.url else "") or content.url
        bottom = y0
        if event and content.call_to_action:
            band_height, band_ops = self._band(content, qr_url, x0, y0, width)
            ops += band_ops
            bottom = y0 + band_height + s.gap
        row_top, row_ops = self._row(content, event, qr_url, x0, x1, bottom)
        ops += row_ops
        middle_bottom = bottom
        if row_ops:
            thickness, colour, after = s.rule
            rule_y = row_top + after
            ops.append(Fill(x0, rule_y, width, thickness, colour))
            middle_bottom = rule_y + thickness + s.gap
        # The middle: quotation and summary in the room left.
        middle_top = panel_bottom - s.gap
        room = middle_top - middle_bottom
        middle = self._middle(content, width, room) if room > 0 else None
        if middle is None:
            if not (content.summary.count or content.quotations):
                return Page(frame.width, frame.height, tuple(ops))
            raise self._no_room(content, event)
        column, quoted = middle
        top = middle_top - (room - column.height) * s.middle
        ops += self._middle_ops(column, quoted, x0, top)
        return Page(frame.width, frame.height, tuple(ops))

    def _panel(
        self, content: Content, heading: list[tuple[str, str, TooLong]], frame: Frame
    ) -> tuple[float, list[Op]]:
        """The coloured band across the top: the organisation, then the heading blocks."""
        s, c = self.style, self.c
        panel: Box = s.panel
        x = frame.x0 + panel.x
        width = frame.inner_width - 2 * panel.x
        y = frame.y1 - panel.top
        ops: list[Op] = []
        if content.organisation:
            imprint = s.element("imprint").ts
            text = c.fit_line(content.organisation, imprint, width)
            cap = c.fonts.font(c.fonts.family(imprint.family).file(imprint.style)).face.capHeight
            baseline = y - cap / 1000 * imprint.size
            ops.append(Line(text, imprint, x, baseline))
            y = baseline - s.imprint_after
        blocks = [self.fit(name, text, width, error) for name, text, error in heading]
        column = stack(blocks)
        ops += column.place(x, y)
        bottom = y - column.height - panel.bottom
        fill = Fill(frame.x0, bottom, frame.inner_width, frame.y1 - bottom, panel.colour)
        return bottom, [fill, *ops]

    def _band(
        self, content: Content, qr_url: str, x: float, y: float, width: float
    ) -> tuple[float, list[Op]]:
        """The call to action in a coloured band across the foot (with the organisation's
        address when the QR code opens an event's own page)."""
        s = self.style
        band = s.band
        room = width - 2 * band.x
        blocks = [
            self.fit(
                "call_to_action",
                content.call_to_action,
                room,
                _content_error("call_to_action", content),
            )
        ]
        if content.url and qr_url != content.url:
            shown = bare_url(content.url)
            blocks.append(
                self.at(
                    "call_to_action.url", shown, room, self._size("call_to_action.url"), content.url
                )
            )
        column = stack(blocks)
        height = column.height + band.top + band.bottom
        ops: list[Op] = [Fill(x, y, width, height, band.colour)]
        ops += column.place(x + band.x, y + height - band.top)
        return height, ops

    def _size(self, name: str) -> float:
        return self.style.element(name).ts.size

    def _row(
        self,
        content: Content,
        event: Event | None,
        qr_url: str,
        x0: float,
        x1: float,
        bottom: float,
    ) -> tuple[float, list[Op]]:
        """The event (or, without one, the call to action set large) on the left and the QR
        code on the right, bottom-aligned on ``bottom``; returns the row's top."""
        s = self.style
        width = x1 - x0
        code_width = code_height = 0.0
        code_ops: list[Op] = []
        if qr_url:
            code_width, code_height, code_ops = self._code(
                qr_url, s.qr_size, _url_error(event, content)
            )
        left_width = width - code_width - (s.column_gap if code_ops else 0.0)
        left: Stack | None = None
        if event is not None:
            left = self._event(event, left_width)
        elif content.call_to_action:
            block = self.fit(
                "call_to_action.alone",
                content.call_to_action,
                left_width,
                _content_error("call_to_action", content),
            )
            left = stack([block])
        if left is None and not code_ops:
            return bottom, []
        height = max(left.height if left else 0.0, code_height)
        top = bottom + height
        ops: list[Op] = []
        if left is not None:
            ops += left.place(x0, top)
        ops += _moved(code_ops, x1 - code_width, top)
        return top, ops

    def _code(self, url: str, side: float, too_long: TooLong) -> tuple[float, float, list[Op]]:
        """A QR code with its address under it, centred in a column at least as wide as the
        theme's: (the column's width, its height, ops relative to its top-left corner)."""
        s = self.style
        quiet = s.qr_quiet_modules * side / qr_modules(url)
        tile = side + 2 * quiet
        width = max(tile, s.qr_column)
        left = (width - tile) / 2
        shown = self.fit("url", bare_url(url), width, too_long, url)
        space = shown.ts.space_before
        ops: list[Op] = [
            Code(url, left + quiet, -quiet - side, side, quiet, s.qr_dark, s.qr_light),
            Link(url, left, -tile, tile, tile),
            *shown.place(0.0, -tile - space),
        ]
        return width, tile + space + shown.height, ops

    def _event(self, event: Event, width: float) -> Stack:
        origin = event.origin

        def too_long(key: str) -> TooLong:
            def error(lines: int, most: int, size: float) -> MakedocsError:
                return origin.error(
                    key,
                    f"is too long for the handout: at {size:g}pt it takes {lines} lines and "
                    f"{most} fit; shorten it",
                )

            return error

        parts = [
            ("title", event.title),
            ("date", long_date(event.date, self.language)),
            ("time", event.time),
            ("venue", event.venue),
            ("address", event.address),
            ("host", f"{self.style.host_prefix}{event.host}" if event.host else ""),
            ("notes", event.notes),
        ]
        blocks = [
            self.fit(f"event.{key}", text, width, too_long(key)) for key, text in parts if text
        ]
        return stack(blocks)

    def _middle(self, content: Content, width: float, room: float) -> tuple[Stack, int] | None:
        """The quotation and summary for ``room``, and how many of the blocks are the
        quotation's (the bar runs down their side)."""
        key = (content.quotations, content.summary, width, round(room, 2))
        if key not in self._middles:
            self._middles[key] = self._fit_middle(content, width, room)
        return self._middles[key]

    def _fit_middle(self, content: Content, width: float, room: float) -> tuple[Stack, int] | None:
        """The quotation and summary that fit ``room``: see the module's docstring."""
        summary = content.summary
        total = summary.count
        quotes: list[Quotation | None] = list(content.quotations)
        for candidates in (quotes, [None]):
            for wanted in (min(self.style.summary_min_sentences, total), min(1, total)):
                for quote in candidates:
                    for factor in self._factors(("quote", "summary")):
                        found = self._try_middle(quote, summary, factor, width, room, wanted)
                        if found is not None:
                            return found
        return self._first_words(summary, width, room) if total else None

    def _first_words(self, summary: Summary, width: float, room: float) -> tuple[Stack, int] | None:
        """The last resort, for a first sentence too long for the page (a paragraph with no
        sentence end): as many of its words as fit at the smallest size, with an ellipsis."""
        size = self.style.element("summary").min_size
        words = summary.paragraphs[0][0].removesuffix(ELLIPSIS).split()
        best: Block | None = None
        low, high = 1, len(words) - 1
        while low <= high:
            n = (low + high) // 2
            text = " ".join(words[:n]).rstrip(CLAUSE_ENDS) + ELLIPSIS
            block = self.at("summary", text, width, size)
            if block.height <= room:
                best, low = block, n + 1
            else:
                high = n - 1
        return (stack([best]), 0) if best is not None else None

    def _sized(self, name: str, factor: float) -> float:
        element = self.style.element(name)
        return max(element.min_size, round(element.ts.size * factor * 4) / 4)

    def _try_middle(
        self,
        quote: Quotation | None,
        summary: Summary,
        factor: float,
        width: float,
        room: float,
        wanted: int,
    ) -> tuple[Stack, int] | None:
        blocks: list[Block] = []
        gaps: list[float] = []
        used = 0.0
        if quote is not None:
            text = self.at("quote", quote.text, width, self._sized("quote", factor))
            blocks.append(text)
            used = text.height
            if quote.attribution:
                name = "quote.attribution"
                who = self.at(name, f"— {quote.attribution}", width, self._size(name))
                gaps.append(who.ts.space_before)
                blocks.append(who)
                used += who.ts.space_before + who.height
            if used > room:
                return None
        quoted = len(blocks)
        if not summary.count:
            return (stack(blocks, gaps), quoted) if blocks else None
        size = self._sized("summary", factor)
        space = self.style.element("summary").ts.space_before if blocks else 0.0
        rest = room - used - space
        best: list[Block] | None = None
        low, high = max(wanted, 1), summary.count
        while low <= high:  # the most sentences that fit
            n = (low + high) // 2
            paragraphs = [self.at("summary", p, width, size) for p in summary.first(n)]
            height = sum(p.height for p in paragraphs)
            height += paragraphs[0].ts.space_after * (len(paragraphs) - 1)
            if height <= rest:
                best, low = paragraphs, n + 1
            else:
                high = n - 1
        if best is None:
            return None
        if blocks:
            gaps.append(space)
        gaps += [best[0].ts.space_after] * (len(best) - 1)
        return stack(blocks + best, gaps), quoted

    def _middle_ops(self, middle: Stack, quoted: int, x: float, top: float) -> list[Op]:
        """The middle's text, with the bar down the quotation's side."""
        ops = middle.place(x, top)
        if quoted:
            thickness, colour = self.style.quote_bar
            height = sum(space + block.height for block, space in middle.items[:quoted])
            ops.insert(0, Fill(x, top - height, thickness, height, colour))
        return ops

    def _no_room(self, content: Content, event: Event | None) -> MakedocsError:
        if event is not None:
            filled = [key for key in ("notes", "address", "host", "title") if getattr(event, key)]
            key = max(filled, key=lambda k: len(getattr(event, k)), default="venue")
            return event.origin.error(
                key, "leaves no room for the summary on the handout; shorten it"
            )
        source = content.summary.source
        return MakedocsError(
            "the summary does not fit the handout even at its smallest size; shorten its "
            "first sentence",
            source.file if source else None,
            source.line if source else None,
        )

    # --- the back ------------------------------------------------------------------------

    def back(self, content: Content, frame: Frame) -> Page:
        """The call to action in the panel; under it, what the organisation is about, the
        collection's stories and the QR code, larger, as one group."""
        s = self.style
        ops: list[Op] = []
        words = content.call_to_action or content.title
        heading = [("back.heading", words, _content_error("call_to_action", content))]
        panel_bottom, panel_ops = self._panel(content, heading, frame)
        ops += panel_ops
        room = panel_bottom - s.gap - frame.y0
        code_width, code_height, code_ops = 0.0, 0.0, []
        if content.url:
            code_width, code_height, code_ops = self._code(
                content.url, s.back_qr_size, _url_error(None, content)
            )
            code_height += s.gap
        text = self._back_middle(content, frame.inner_width, room - code_height)
        height = text.height + code_height if text.items else code_height - s.gap
        top = panel_bottom - s.gap - (room - height) * s.back_middle
        ops += text.place(frame.x0, top)
        if code_ops:
            below = top - (text.height + s.gap if text.items else 0.0)
            ops += _moved(code_ops, frame.x0 + (frame.inner_width - code_width) / 2, below)
        return Page(frame.width, frame.height, tuple(ops))

    def _back_middle(self, content: Content, width: float, room: float) -> Stack:
        """What the organisation is about, then the collection's stories, at the largest size
        that holds them all; else, at the smallest, without the last stories, then without
        the last sentences."""
        about = content.about
        factors = self._factors(("back.about", "back.story"))

        def column(factor: float, sentences: int, stories: int) -> Stack:
            size = self._sized("back.about", factor)
            story_size = self._sized("back.story", factor)
            blocks = [self.at("back.about", p, width, size) for p in about.first(sentences)]
            blocks += [self.at("back.story", t, width, story_size) for t in content.stories]
            return stack(blocks[: len(blocks) - len(content.stories) + stories])

        for factor in factors:
            found = column(factor, about.count, len(content.stories))
            if found.height <= room:
                return found
        for stories in range(len(content.stories), -1, -1):
            for sentences in range(about.count, -1, -1):
                found = column(factors[-1], sentences, stories)
                if found.height <= room:
                    return found
        return stack([])

    def _factors(self, names: tuple[str, ...]) -> list[float]:
        """Shares of full size for elements that step down together, down to all their
        minimums."""
        s = self.style
        floor = min(s.element(n).min_size / s.element(n).ts.size for n in names)
        factors, factor = [1.0], 1.0
        while factor > floor:
            factor = max(floor, factor - _SHRINK)
            factors.append(factor)
        return factors


def _moved(ops: list[Op], x: float, y: float) -> list[Op]:
    """Ops laid out relative to (0, 0), moved to (x, y)."""
    out: list[Op] = []
    for op in ops:
        if isinstance(op, Text | Line | Code | Link | Fill):
            out.append(replace(op, x=op.x + x, y=op.y + y))
        else:
            out.append(op)
    return out


def _title_error(content: Content) -> TooLong:
    def error(lines: int, most: int, size: float) -> MakedocsError:
        where = content.title_source
        what = "the story's title" if where else "the collection's title ([collection] title)"
        return MakedocsError(
            f"{what} is too long for the handout: at {size:g}pt it takes {lines} lines and "
            f"{most} fit; shorten it",
            where.file if where else None,
            where.line if where else None,
        )

    return error


def _content_error(key: str, content: Content) -> TooLong:
    names = {
        "subtitle": "the subtitle",
        "call_to_action": "the call to action ([collection] call_to_action)",
    }

    def error(lines: int, most: int, size: float) -> MakedocsError:
        return MakedocsError(
            f"{names.get(key, key)} is too long for the handout: at {size:g}pt it takes "
            f"{lines} lines and {most} fit; shorten it"
        )

    return error


def _url_error(event: Event | None, content: Content) -> TooLong:
    def error(lines: int, most: int, size: float) -> MakedocsError:
        message = (
            f"is too long to print under the QR code: at {size:g}pt it takes {lines} lines "
            f"and {most} fit; shorten it"
        )
        if event is not None and event.url:
            return event.origin.error("url", message)
        return MakedocsError(f"the web address ([collection] url) {message}")

    return error
