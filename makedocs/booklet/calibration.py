"""The duplex test sheet (``makedocs booklet --test-sheet``): one sheet, printed once, that shows
which way the printer turns the paper and how far off it prints the back.

FRONT and BACK are one landscape sheet of the ``page_size`` paper, laid out as the imposition
lays out the booklet's sheets: with ``duplex`` "long-edge" the back is turned 180 degrees, and
``back_offset`` moves it as it moves every back page. So a sheet printed with the settings the
booklet will use shows exactly what the booklet will get.

- Which way: arrows and a big FRONT and BACK. Turned over like a book page, BACK is upright
  when ``duplex`` matches the printer; the text says what to change if not.
- How far off: a ruler on each side, centred on the sheet, a millimetre scale across and one
  up, with long centre lines. The back's ruler is the front's mirrored, so on a true printer
  it lies exactly behind it; each side's ticks point away from the other's, so held to the
  light both can be read. Where the back's centre lines cross the front's scales is the
  correction to add to ``back_offset``: the front's numbers are printed as corrections (the
  back is mirrored across, not up, so "up" counts the other way: a back that shows through
  2 mm too high needs -2 mm).

Every size, colour and distance is in the theme's ``[test_sheet]`` tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from makedocs.booklet.impose import PAPERS, Duplex
from makedocs.errors import MakedocsError
from makedocs.fonts import FontBook
from makedocs.theme import STYLES
from makedocs.units import Offset

TEST_PAPERS = ("letter", "a4")
#: Words a line never breaks inside, so a command or a setting reads as one.
_KEEP = (
    "--duplex long-edge",
    "--duplex short-edge",
    "flip on short edge",
    "flip on long edge",
    "back_offset =",
)
_NBSP = "\u00a0"


def write_test_sheet(
    target: BinaryIO,
    paper: str,
    fonts: FontBook,
    *,
    duplex: Duplex = "short-edge",
    back_offset: Offset = Offset(),  # noqa: B008 - Offset is frozen
) -> None:
    """Write the two-page landscape test sheet (front, back) for ``paper`` to ``target``."""
    from makedocs.adapters.reportlab import ReaderCanvas
    from makedocs.typesetting.compositor import Compositor
    from makedocs.typesetting.styles import palette

    if paper not in TEST_PAPERS:
        raise MakedocsError(f"paper must be 'letter' or 'a4', got {paper!r}")
    if duplex not in ("short-edge", "long-edge"):
        raise MakedocsError(f"duplex must be 'short-edge' or 'long-edge', got {duplex!r}")
    short, long = PAPERS[paper]
    sheet = _Sheet.read(fonts.theme, width=long, height=short)
    c = Compositor(fonts, palette(fonts.theme))
    canvas = ReaderCanvas(
        target,
        pagesize=(sheet.width, sheet.height),
        invariant=True,
        pageCompression=1,
        initialFontName=c.font(sheet.family, sheet.advice.style),  # else Helvetica is referenced
    )
    canvas.setCreator("makedocs")
    canvas.setProducer("makedocs")
    canvas.setTitle("makedocs duplex test sheet")
    canvas.setAuthor("makedocs")
    canvas.setSubject(
        "Which way does this printer turn the paper, and where does it print the back?"
    )
    for front in (True, False):
        canvas.saveState()
        if not front:
            if duplex == "long-edge":  # the whole side turned about its centre, as imposed
                canvas.transform(-1, 0, 0, -1, sheet.width, sheet.height)
            canvas.translate(back_offset.x.points, back_offset.y.points)
        sheet.draw(canvas, c, front=front, duplex=duplex, back_offset=back_offset)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()


@dataclass(frozen=True, slots=True)
class _Ruler:
    """The calibration ruler's design, in points (``[test_sheet.ruler]``)."""

    reach: float
    step: float
    tick: float
    mm_tick: float
    major: float
    major_tick: float
    line: float
    centre_line: float
    centre_width: float
    grid: float
    grid_line: float
    colour: str
    grid_colour: str
    label_gap: float
    label: Any  # TextStyle of the numbers

    def positions(self) -> list[tuple[float, float]]:
        """(distance from the centre in points, tick length) for every tick of one scale."""
        count = int(self.reach / self.step + 1e-6)
        found = []
        for i in range(-count, count + 1):
            at = i * self.step
            found.append((at, self._length(at)))
        return found

    def _length(self, at: float) -> float:
        if _multiple(at, self.major):
            return self.major_tick
        if _multiple(at, _MM):
            return self.mm_tick
        return self.tick

    def numbers(self) -> list[float]:
        """Distances (in points) that carry a number: every ``major``."""
        count = int(self.reach / self.major + 1e-6)
        return [i * self.major for i in range(-count, count + 1)]


_MM = 72 / 25.4


def _multiple(value: float, of: float) -> bool:
    ratio = value / of
    return abs(ratio - round(ratio)) < 1e-6


@dataclass(frozen=True, slots=True)
class _Sheet:
    width: float
    height: float
    family: str
    colour: str
    side: Any
    side_baseline: float
    caption: Any
    caption_baseline: float
    advice: Any
    advice_baseline: float
    heading: Any
    margin: float
    column_gap: float
    arrow: _Arrow
    tip: float
    length: float
    corner_length: float
    corner_inset: float
    ruler: _Ruler

    @classmethod
    def read(cls, theme: Any, *, width: float, height: float) -> _Sheet:
        from makedocs.typesetting.styles import TextStyle
        from makedocs.typesetting.values import Table

        sheet = Table(theme, "test_sheet")
        family, colour = sheet.family("font"), sheet.colour("colour")

        def text(table: Table, colour: str = colour) -> TextStyle:
            size = table.length("size", positive=True)
            leading = table.length("leading", em=size) if "leading" in table else 0.0
            return TextStyle(family, table.choice("style", STYLES), size, leading, colour)

        arrow, ruler = sheet.table("arrow"), sheet.table("ruler")
        advice = sheet.table("advice")
        number = ruler.table("label")
        found = cls(
            width=width,
            height=height,
            family=family,
            colour=colour,
            side=text(sheet.table("side")),
            side_baseline=sheet.table("side").length("baseline"),
            caption=text(sheet.table("caption")),
            caption_baseline=sheet.table("caption").length("baseline"),
            advice=text(advice),
            advice_baseline=advice.length("baseline"),
            heading=text(sheet.table("heading")),
            margin=advice.length("margin"),
            column_gap=advice.length("column_gap"),
            arrow=_Arrow(
                shaft=arrow.length("shaft", positive=True),
                head_width=arrow.length("head_width", positive=True),
                head_length=arrow.length("head_length", positive=True),
            ),
            tip=arrow.length("tip"),
            length=arrow.length("length"),
            corner_length=arrow.length("corner_length"),
            corner_inset=arrow.length("corner_inset"),
            ruler=_Ruler(
                reach=ruler.length("reach", positive=True),
                step=ruler.length("step", positive=True),
                tick=ruler.length("tick", positive=True),
                mm_tick=ruler.length("mm_tick", positive=True),
                major=ruler.length("major", positive=True),
                major_tick=ruler.length("major_tick", positive=True),
                line=ruler.length("line", positive=True),
                centre_line=ruler.length("centre_line", positive=True),
                centre_width=ruler.length("centre_width", positive=True),
                grid=ruler.length("grid", positive=True),
                grid_line=ruler.length("grid_line", positive=True),
                colour=ruler.colour("colour"),
                grid_colour=ruler.colour("grid_colour"),
                label_gap=number.length("gap"),
                label=text(number, ruler.colour("colour")),
            ),
        )
        r = found.ruler
        if r.step * 400 < r.reach:
            raise ruler.error("step", "is too small for the reach: at most 400 ticks a side")
        if not _multiple(r.major, r.step) or r.major > r.reach:
            raise ruler.error("major", "must be a whole number of steps, within the reach")
        if 2 * found.margin + found.column_gap >= width:
            raise advice.error("margin", "leaves no room for the text")
        return found

    # --- drawing ------------------------------------------------------------------------

    def draw(self, canvas: Any, c: Any, *, front: bool, duplex: str, back_offset: Offset) -> None:
        """One side, upright (the caller turns and moves the back)."""
        ink = c.palette[self.colour]
        width, height = self.width, self.height
        canvas.setFillColor(ink)
        canvas.setStrokeColor(ink)
        tip = height - self.tip
        self.arrow.draw(canvas, width / 2, tip - self.length, tip)
        # Small arrows in the corners make a 180-degree turn obvious even at a glance.
        for x in (self.corner_inset, width - self.corner_inset):
            self.arrow.draw(canvas, x, tip - self.corner_length, tip)
        c.draw_line(
            canvas,
            width / 2,
            height - self.caption_baseline,
            "this edge up",
            self.caption,
            align="centre",
        )
        label = "FRONT" if front else "BACK"
        c.draw_line(
            canvas, width / 2, height / 2 + self.side_baseline, label, self.side, align="centre"
        )
        self._ruler(canvas, c, front=front)
        self._advice(canvas, c, front=front, duplex=duplex, back_offset=back_offset)

    def _ruler(self, canvas: Any, c: Any, *, front: bool) -> None:
        """The scales across and up through the sheet's centre, and the faint grid. Seen from
        the front through the paper the back is mirrored across, so the front's across-ticks
        stand above the centre line and the back's below it, and both sides' up-ticks stand
        right of the centre line in their own view (so on either side of it, seen through).
        Only the front has numbers, the corrections to read off: below and left of its
        centre lines, clear of both sides' ticks."""
        r = self.ruler
        cx, cy = self.width / 2, self.height / 2
        canvas.saveState()
        count = int(r.reach / r.grid + 1e-6)
        extent = count * r.grid
        canvas.setStrokeColor(c.palette[r.grid_colour])
        canvas.setLineWidth(r.grid_line)
        for i in range(-count, count + 1):
            canvas.line(cx + i * r.grid, cy - extent, cx + i * r.grid, cy + extent)
            canvas.line(cx - extent, cy + i * r.grid, cx + extent, cy + i * r.grid)
        canvas.setStrokeColor(c.palette[r.colour])
        canvas.setLineWidth(r.centre_width)
        canvas.line(cx - r.centre_line, cy, cx + r.centre_line, cy)
        canvas.line(cx, cy - r.centre_line, cx, cy + r.centre_line)
        canvas.setLineWidth(r.line)
        up = 1 if front else -1  # which side of the across line the across-ticks stand on
        for at, length in r.positions():
            canvas.line(cx + at, cy, cx + at, cy + up * length)
            canvas.line(cx, cy + at, cx + length, cy + at)
        if front:
            size = r.label.size
            for at in r.numbers():
                y = cy - r.label_gap - size * 0.75
                if at:
                    c.draw_line(canvas, cx + at, y, _signed(at), r.label, align="centre")
                else:  # the origin, beside the centre line rather than across it
                    c.draw_line(canvas, cx - r.label_gap, y, "0", r.label, align="right")
                if at:  # up counts the other way: a back seen too high has to come down
                    x = cx - r.label_gap
                    c.draw_line(
                        canvas, x, cy + at - size * 0.35, _signed(-at), r.label, align="right"
                    )
        canvas.restoreState()

    def _advice(
        self, canvas: Any, c: Any, *, front: bool, duplex: str, back_offset: Offset
    ) -> None:
        """Two columns at the foot: which way the paper turns, and (on the front) how to read
        the rulers."""
        other = "long-edge" if duplex == "short-edge" else "short-edge"
        flip = f"flip on {'short' if duplex == 'short-edge' else 'long'} edge"
        turn = [
            f"If BACK is upright: your printer is ready (makedocs uses --duplex {duplex}).",
            f"If BACK is upside down: use --duplex {other}, or set the printer to '{flip}'.",
        ]
        columns: list[tuple[str, list[str]]]
        if front:
            columns = [
                (
                    "1. Which way does the printer turn the paper?",
                    [
                        "Print both pages on one sheet, double-sided, with the settings you "
                        "will use for the booklet. Hold the sheet with FRONT facing you and the "
                        "arrows pointing up, then turn it over from left to right, like "
                        "turning the page of a book.",
                        *turn,
                    ],
                ),
                (
                    "2. Does the other side land right behind this one?",
                    [
                        "Hold the sheet up to a window, this side towards you. The long centre "
                        "lines of the other side show through: read where they cross the "
                        "scales on this side, across and then up, in millimetres.",
                        "Add those to the offset this sheet was printed with "
                        f'(back_offset = "{back_offset}") and set the sums in makedocs.toml, '
                        "[printer], back_offset. Print this sheet again: the lines meet at 0.",
                    ],
                ),
            ]
        else:
            columns = [("", turn)]
        column = (self.width - 2 * self.margin - self.column_gap) / 2
        laid = [self._lines(c, heading, paragraphs, column) for heading, paragraphs in columns]
        rows = max(len(lines) for lines in laid)
        top = self.advice_baseline + self.advice.leading * (rows - 1)
        for index, lines in enumerate(laid):
            x = self.margin + index * (column + self.column_gap)
            if len(laid) == 1:
                x, column = self.width / 2, self.width - 2 * self.margin
            y = top
            for text, style in lines:
                c.draw_line(canvas, x, y, text, style, align="centre" if len(laid) == 1 else "left")
                y -= self.advice.leading

    def _lines(
        self, c: Any, heading: str, paragraphs: list[str], width: float
    ) -> list[tuple[str, Any]]:
        lines: list[tuple[str, Any]] = [(heading, self.heading)] if heading else []
        for paragraph in paragraphs:
            for phrase in _KEEP:
                paragraph = paragraph.replace(phrase, phrase.replace(" ", _NBSP))
            for line in c.wrap_line(paragraph, self.advice, width):
                lines.append((line.replace(_NBSP, " "), self.advice))
        return lines


def _signed(points: float) -> str:
    mm = round(points / _MM)
    return "0" if mm == 0 else f"{mm:+d}"  # a plain hyphen: what the user types


@dataclass(frozen=True, slots=True)
class _Arrow:
    """An upward arrow drawn as a path, so no arrow glyph is needed in the font."""

    shaft: float  # width of the shaft
    head_width: float
    head_length: float

    def draw(self, canvas: Any, x: float, y_tail: float, y_tip: float) -> None:
        shaft, head = self.shaft / 2, self.head_width / 2
        neck = y_tip - self.head_length
        path = canvas.beginPath()
        path.moveTo(x - shaft, y_tail)
        path.lineTo(x + shaft, y_tail)
        path.lineTo(x + shaft, neck)
        path.lineTo(x + head, neck)
        path.lineTo(x, y_tip)
        path.lineTo(x - head, neck)
        path.lineTo(x - shaft, neck)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
