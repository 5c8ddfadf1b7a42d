"""Tables and code blocks in the booklet, styled by ``[booklet.table]`` and ``[booklet.code]``.

A table is a ReportLab ``Table`` whose cells are paragraphs set through the shared compositor
(per-run font fallback, so a Hangul cell is set in the Korean face; bold, italic and links
kept). Its columns share the text block's width by how much text each holds, as a browser's
automatic table layout does: every column gets at least its longest word, the rest of the width
goes where the text is. A table whose longest words do not fit side by side steps its type
down to the theme's ``min_size``; only then are long words broken. It never overflows the text
block, splits between rows across pages with its header row repeated, and keeps its caption.

A code block is drawn line by line as written, in the theme's code font: never reflowed,
hyphenated or made typographic. A line too long for the text block shrinks the whole block
(down to ``min_size``); a line still too long is wrapped at a character, and its rest starts,
indented, behind a drawn hooked arrow, so that copying the text out of the PDF gives the code
and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reportlab.platypus.flowables import Flowable

from makedocs.model import CodeBlock, Emphasis, Inlines, LineBreak, Link, Strong, Table, Text
from makedocs.typesetting.compositor import FIT_STEP, with_face
from makedocs.typesetting.styles import TextStyle

if TYPE_CHECKING:
    from makedocs.booklet.typeset import Typesetter
    from makedocs.fonts import FontBook
    from makedocs.typesetting.compositor import Compositor

#: Added to every measured width: ReportLab's own line measuring rounds differently, and a word
#: that fits only by a hair must not be broken.
_SLACK = 0.5
_UNBOUNDED = 100_000.0
_SPACES = re.compile(r"(\s+)")
#: ReportLab alignment per model alignment ("" is the renderer's default: left).
_ALIGN = {"left": "left", "center": "centre", "right": "right", "": "left"}


class BlockSetter:
    """Reads ``[booklet.table]`` and ``[booklet.code]`` once, and sets tables and code."""

    def __init__(self, t: Typesetter) -> None:
        self.t = t
        self.c: Compositor = t.c
        style = t.style
        self.width = style.geometry.text_width
        self.height = style.geometry.text_height
        table = style.table("table")
        line = t.leading
        self.header = style.element("table", "header")
        self.body = style.element("table", "body")
        self.caption = style.element("table", "caption")
        # no keepWithNext: ReportLab would wrap caption and table in a KeepTogether, which
        # moves a table longer than the room left to the next page whole (see table())
        self.caption_style = self.c.paragraph_style("table-caption", self.caption)
        self.min_size = min(
            table.length("min_size", em=self.body.size, positive=True), self.body.size
        )
        self.pad_x = table.length("padding_x", em=self.body.size)
        self.pad_y = table.length("padding_y", em=self.body.size)
        self.rules = {
            key: table.length(key) for key in ("top_rule", "head_rule", "bottom_rule", "row_rule")
        }
        self.rule_colour = style.colour(table.colour("rule_colour"))
        self.row_rule_colour = style.colour(table.colour("row_rule_colour"))
        self.table_space = (
            table.length("space_before", line=line),
            table.length("space_after", line=line),
        )
        self.keep_whole = table.length("keep_whole", line=line, share=style.geometry.text_height)
        self.code = _code_spec(t)
        self._styles: dict[tuple[str, str, float], Any] = {}

    # --- tables --------------------------------------------------------------------------

    def table(self, block: Table) -> list[Any]:
        from reportlab.platypus import CondPageBreak
        from reportlab.platypus import Table as RLTable

        columns = block.columns
        if not columns:
            return []
        header = _padded(block.header, columns) if block.header else None
        rows = [_padded(row, columns) for row in block.rows]
        align = [_ALIGN.get(a, "left") for a in (*block.align, *[""] * columns)[:columns]]
        scale, widths = self.layout(header, rows)
        if scale * self.body.size <= self.min_size and self.broken_words(header, rows, widths):
            self.t.ctx.warned.warn(
                f"this table is too wide for the page even at {self.min_size:g} pt: long words "
                "in its cells are broken; give it fewer columns or shorter words",
                block.source.file,
                block.source.line,
            )
        data: list[list[Any]] = []
        if header is not None:
            data.append(
                [
                    self.cell(cell, self.header, a, scale)
                    for cell, a in zip(header, align, strict=True)
                ]
            )
        data.extend(
            [self.cell(cell, self.body, a, scale) for cell, a in zip(row, align, strict=True)]
            for row in rows
        )
        if not data:
            return []
        heights = [self.row_height(row, widths) for row in data]
        head_height = heights[0] if header is not None else 0.0
        table = RLTable(
            data,
            colWidths=widths,
            repeatRows=1 if header is not None else 0,
            splitByRow=1,
            # Rows are kept whole (ReportLab's split rows repeat the header mid-page), unless a
            # row is taller than a page under the header: then it must split, or nothing fits.
            splitInRow=int(max(heights) + head_height > self.height),
            hAlign="LEFT",
        )
        table.setStyle(self.table_style(header is not None, len(data)))
        before, after = self.table_space
        parts: list[Any] = []
        if block.caption:
            caption = self.c.paragraph(
                self.c.inlines(block.caption, self.caption.family, self.caption.style),
                self.caption_style,
            )
            caption.spaceBefore = max(before, self.caption.space_before)
            heights.insert(0, caption.wrap(self.width, _UNBOUNDED)[1] + self.caption.space_after)
            parts.append(caption)
        else:
            table.spaceBefore = before
        table.spaceAfter = after
        parts.append(table)
        # A short table is never split; a long one starts where its caption, its header and
        # two rows fit (ReportLab splits tables between rows, but has no orphan control).
        whole = sum(heights)
        head = len(heights) - len(rows) + min(2, len(rows))
        need = whole if whole <= self.keep_whole else sum(heights[:head])
        return [CondPageBreak(need + before), *parts]

    def row_height(self, row: list[Any], widths: list[float]) -> float:
        """The height of a row of cell paragraphs in columns ``widths`` wide."""
        tallest = max(
            (
                cell.wrap(width - 2 * self.pad_x, _UNBOUNDED)[1]
                for cell, width in zip(row, widths, strict=True)
            ),
            default=0.0,
        )
        return tallest + 2 * self.pad_y

    def layout(
        self, header: list[Inlines] | None, rows: list[list[Inlines]]
    ) -> tuple[float, list[float]]:
        """The scale of the table's type (1 at the theme's sizes) and its column widths."""
        scale = 1.0
        while True:
            least, most = self.measure(header, rows, scale)
            if sum(least) <= self.width or scale * self.body.size <= self.min_size:
                return scale, share(least, most, self.width)
            size = max(self.min_size, scale * self.body.size - FIT_STEP)
            scale = size / self.body.size

    def measure(
        self, header: list[Inlines] | None, rows: list[list[Inlines]], scale: float
    ) -> tuple[list[float], list[float]]:
        """Per column: the width its longest word needs, and the width of its widest cell set
        on one line (padding included)."""
        columns = len(rows[0]) if rows else len(header or [])
        least = [0.0] * columns
        most = [0.0] * columns
        rows_and_styles = [(header, self.header)] if header is not None else []
        rows_and_styles += [(row, self.body) for row in rows]
        for row, ts in rows_and_styles:
            assert row is not None
            for index, cell in enumerate(row):
                word, line = measure(self.c.fonts, cell, ts, self.size(ts, scale))
                least[index] = max(least[index], word)
                most[index] = max(most[index], line)
        padding = 2 * self.pad_x + _SLACK
        return [w + padding for w in least], [w + padding for w in most]

    def broken_words(
        self, header: list[Inlines] | None, rows: list[list[Inlines]], widths: list[float]
    ) -> bool:
        least, _most = self.measure(header, rows, self.min_size / self.body.size)
        return any(need > width + 0.01 for need, width in zip(least, widths, strict=True))

    def size(self, ts: TextStyle, scale: float) -> float:
        """``ts``'s size in a table set at ``scale``: smaller in proportion, but never below
        ``min_size`` (or its own size, if that is smaller still)."""
        return max(ts.size * scale, min(ts.size, self.min_size))

    def cell(self, content: Inlines, ts: TextStyle, align: str, scale: float) -> Any:
        key = (f"{ts.family}/{ts.style}/{ts.size}", align, scale)
        style = self._styles.get(key)
        if style is None:
            size = self.size(ts, scale)
            scaled = replace(ts, size=size, leading=ts.leading * size / ts.size, align=align)
            style = self.c.paragraph_style(f"table-{len(self._styles)}", scaled)
            self._styles[key] = style
        return self.c.paragraph(self.c.inlines(content, ts.family, ts.style), style)

    def table_style(self, has_header: bool, rows: int) -> Any:
        from reportlab.platypus import TableStyle

        body = self.c.paragraph_style("table-body", self.body)
        commands: list[tuple[Any, ...]] = [
            # Cells hold paragraphs, but the table still sets a font and colour for them: name
            # ours, or an unembedded Helvetica and RGB black creep in.
            ("FONTNAME", (0, 0), (-1, -1), body.fontName),
            ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad_y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad_y),
        ]
        rules = self.rules
        first_body = 1 if has_header else 0
        if rules["top_rule"]:
            commands.append(("LINEABOVE", (0, 0), (-1, 0), rules["top_rule"], self.rule_colour))
        if has_header:
            commands.append(("VALIGN", (0, 0), (-1, 0), "BOTTOM"))
            if rules["head_rule"]:
                commands.append(
                    ("LINEBELOW", (0, 0), (-1, 0), rules["head_rule"], self.rule_colour)
                )
        if rules["row_rule"] and rows - first_body > 1:
            commands.append(
                (
                    "LINEBELOW",
                    (0, first_body),
                    (-1, -2),
                    rules["row_rule"],
                    self.row_rule_colour,
                )
            )
        if rules["bottom_rule"]:
            for row in (-1, "splitlast"):
                commands.append(
                    ("LINEBELOW", (0, row), (-1, row), rules["bottom_rule"], self.rule_colour)
                )
        return TableStyle(commands)

    # --- code ----------------------------------------------------------------------------

    def code_block(self, block: CodeBlock) -> list[Any]:
        return [Code(block.text, self.code, self.c.fonts)]


def share(least: list[float], most: list[float], width: float) -> list[float]:
    """Column widths filling ``width``: each column's widest cell if they all fit (the room
    left over shared in proportion), else each its longest word and the rest of the width in
    proportion to how much more each would take; if even the longest words do not fit side by
    side, ``width`` in proportion to them (and long words break)."""
    if not least:
        return []
    if sum(most) <= width:
        total = sum(most)
        return [w + (width - total) * w / total for w in most]
    if sum(least) <= width:
        wants = [m - s for s, m in zip(least, most, strict=True)]
        extra = width - sum(least)
        total = sum(wants)
        return [s + extra * w / total for s, w in zip(least, wants, strict=True)]
    total = sum(least)
    return [width * s / total for s in least]


def measure(fonts: FontBook, content: Inlines, ts: TextStyle, size: float) -> tuple[float, float]:
    """The width of the longest word of ``content`` set in ``ts`` at ``size``, and of its
    widest line (lines end at line breaks)."""
    longest = widest = 0.0
    for line in _lines(content, ts.style):
        line_width = word = 0.0
        for text, style in line:
            for piece in _SPACES.split(text):
                if not piece:
                    continue
                w = fonts.width(piece, ts.family, style, size)
                line_width += w
                if piece.isspace():
                    longest, word = max(longest, word), 0.0
                else:
                    word += w
        longest = max(longest, word)
        widest = max(widest, line_width)
    return longest, widest


def _lines(content: Inlines, style: str) -> list[list[tuple[str, str]]]:
    """``content`` as lines of (text, face) runs."""
    lines: list[list[tuple[str, str]]] = [[]]

    def walk(nodes: Inlines, face: str) -> None:
        for node in nodes:
            match node:
                case Text(text=text):
                    lines[-1].append((text, face))
                case Emphasis(children=children):
                    walk(children, with_face(face, "italic"))
                case Strong(children=children):
                    walk(children, with_face(face, "bold"))
                case Link(children=children):
                    walk(children, face)
                case LineBreak():
                    lines.append([])

    walk(content, style)
    return lines


def _padded(row: tuple[Inlines, ...], columns: int) -> list[Inlines]:
    return [*row, *[()] * (columns - len(row))]


# --- code ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """``[booklet.code]`` in points and ReportLab colours."""

    family: str
    style: str
    size: float
    min_size: float
    leading: float  # at ``size``; scaled with it
    colour: Any
    background: Any
    rule: float
    rule_colour: Any
    mark_colour: Any
    indent: float  # in ems of the size the block is set at
    pad_x: float
    pad_y: float
    tab: int
    space_before: float
    space_after: float


def _code_spec(t: Typesetter) -> CodeSpec:
    style = t.style
    table = style.table("code")
    ts = style.element("code")
    colour = style.colour
    return CodeSpec(
        family=ts.family,
        style=ts.style,
        size=ts.size,
        min_size=min(table.length("min_size", em=ts.size, positive=True), ts.size),
        leading=ts.leading,
        colour=colour(ts.colour),
        background=colour(table.colour("background")),
        rule=table.length("rule"),
        rule_colour=colour(table.colour("rule_colour")),
        mark_colour=colour(table.colour("mark_colour")),
        indent=table.length("continuation_indent", em=1.0),
        pad_x=table.length("padding_x", em=ts.size),
        pad_y=table.length("padding_y", em=ts.size),
        tab=int(table.number("tab", whole=True, minimum=1)),
        space_before=ts.space_before,
        space_after=ts.space_after,
    )


@dataclass(frozen=True, slots=True)
class CodeLine:
    """One printed line: its text, and whether it continues the line above (wrapped)."""

    text: str
    continued: bool = False


class Code(Flowable):
    """A code block: lines as written on a tinted ground, shrunk or wrapped to fit, split
    between lines across pages (never leaving a single line alone on either page)."""

    def __init__(
        self,
        text: str,
        spec: CodeSpec,
        fonts: FontBook,
        *,
        laid_out: tuple[float, float, list[CodeLine]] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.spec = spec
        self.fonts = fonts
        self.spaceBefore = spec.space_before
        self.spaceAfter = spec.space_after
        # (width laid out for, size, printed lines)
        self.laid_out = laid_out

    # --- layout ----------------------------------------------------------------------------

    def layout(self, width: float) -> tuple[float, list[CodeLine]]:
        if self.laid_out is None or self.laid_out[0] != width:
            self.laid_out = (width, *self.fit(width))
        return self.laid_out[1], self.laid_out[2]

    def fit(self, width: float) -> tuple[float, list[CodeLine]]:
        """The size (the theme's, or smaller down to ``min_size``, so the longest line fits)
        and the printed lines (wrapped at a character if one is still too long)."""
        spec = self.spec
        inner = max(width - 2 * spec.pad_x, 1.0)
        lines = self.text.expandtabs(spec.tab).split("\n")
        unit = max((self.line_width(line, 1.0) for line in lines), default=0.0)
        size = spec.size
        while unit * size > inner and size > spec.min_size:
            size = max(spec.min_size, size - FIT_STEP)
        if unit * size <= inner:
            return size, [CodeLine(line) for line in lines]
        indent = spec.indent * size
        out: list[CodeLine] = []
        for line in lines:
            out.extend(self.wrap_line(line, size, inner, indent))
        return size, out

    def wrap_line(self, line: str, size: float, inner: float, indent: float) -> list[CodeLine]:
        """``line`` cut at characters so each piece fits; pieces after the first are set
        ``indent`` in (behind the continuation mark)."""
        out: list[CodeLine] = []
        start = 0
        room = inner
        used = 0.0
        for index, char in enumerate(line):
            w = self.line_width(char, size)
            if used + w > room and index > start:
                out.append(CodeLine(line[start:index], continued=bool(out)))
                start, used, room = index, 0.0, max(inner - indent, w)
            used += w
        out.append(CodeLine(line[start:], continued=bool(out)))
        return out

    def line_width(self, text: str, size: float) -> float:
        return self.fonts.width(text, self.spec.family, self.spec.style, size)

    def leading(self, size: float) -> float:
        return self.spec.leading * size / self.spec.size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        size, lines = self.layout(availWidth)
        self.width = availWidth
        self.height = 2 * self.spec.pad_y + len(lines) * self.leading(size)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        size, lines = self.layout(availWidth)
        fits = int((availHeight - 2 * self.spec.pad_y) // self.leading(size))
        fits = min(fits, len(lines) - 2)  # at least two lines go on to the next page ...
        if fits < 2 or len(lines) < 4:  # ... and two stay on this one
            return []
        head, rest = lines[:fits], lines[fits:]
        first = Code(self.text, self.spec, self.fonts, laid_out=(availWidth, size, head))
        second = Code(self.text, self.spec, self.fonts, laid_out=(availWidth, size, rest))
        first.spaceAfter = 0
        second.spaceBefore = 0
        return [first, second]

    # --- drawing ---------------------------------------------------------------------------

    def draw(self) -> None:
        spec = self.spec
        size, lines = self.layout(self.width)
        canvas = self.canv
        leading = self.leading(size)
        canvas.saveState()
        canvas.setFillColor(spec.background)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if spec.rule:
            canvas.setFillColor(spec.rule_colour)
            canvas.rect(0, 0, spec.rule, self.height, stroke=0, fill=1)
        ascent = self.fonts.ascent(spec.family, spec.style)
        descent = self.fonts.descent(spec.family, spec.style)
        # the glyphs' extent centred in each line's slot
        drop = (leading - (ascent + descent) * size) / 2 + ascent * size
        indent = spec.indent * size
        top = self.height - spec.pad_y
        canvas.setFillColor(spec.colour)
        for number, line in enumerate(lines):
            baseline = top - number * leading - drop
            x = spec.pad_x + (indent if line.continued else 0.0)
            if line.continued:
                self.mark(spec.pad_x, baseline, size, indent)
            if not line.text:
                continue
            text = canvas.beginText(x, baseline)
            for run in self.fonts.runs(line.text, spec.family, spec.style):
                text.setFont(self.fonts.font(run.font).fontName, size)
                text.textOut(run.text)
            canvas.drawText(text)
        canvas.restoreState()

    def mark(self, x: float, baseline: float, size: float, indent: float) -> None:
        """A hooked arrow (↪) drawn, not typed, in front of a wrapped line's rest."""
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.spec.mark_colour)
        canvas.setLineWidth(size * 0.07)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        left = x + indent * 0.2
        right = x + indent * 0.7
        high = baseline + size * 0.62
        low = baseline + size * 0.22
        head = size * 0.18
        path = canvas.beginPath()
        path.moveTo(left, high)
        path.lineTo(left, low)
        path.lineTo(right, low)
        path.moveTo(right - head, low + head)
        path.lineTo(right, low)
        path.lineTo(right - head, low - head)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
