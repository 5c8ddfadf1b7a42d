"""Slide plan + template geometry -> fitted slides: explicit sizes, continuation slides.

Each text box is measured with the font its text is set in (each stretch in its own face). A
box steps its size down to the theme's floor; what still does not fit moves to a continuation
slide. Titles never split: a title that does not fit at the floor takes room from the body
below. Slide titles stay unique, and only continuations say so: "Title (cont.)", then
"(cont. 2)" where a story runs to more slides under one title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from makedocs.deck.fit import SAFETY, Box, Measure, Measures, Para, split_para
from makedocs.deck.plan import Cell, Grid, Item, Plan, Slide
from makedocs.deck.rich import style_name
from makedocs.deck.style import DeckStyle
from makedocs.deck.template import TOLERANCE, Rect, Slot, Template
from makedocs.units import EMU_PER_PT

NBSP = "\u00a0"  # keeps "(cont.)" on the line of the word before it
CONT = NBSP + "(cont.)"
#: Room every title keeps for the continuation mark it may be given: "(cont. 22)".
TITLE_RESERVE = NBSP + "(cont.\u00a022)"
#: Slides that introduce what follows keep their title as it is.
_OPENERS = ("title", "section")
T = TypeVar("T")

__all__ = ["Paginator", "attribution_para", "body_paras", "continued_title", "style_name"]


def box_of(rect: Rect) -> Box:
    return Box(rect.text_width_pt, rect.text_height_pt)


class Paginator:
    def __init__(self, template: Template, style: DeckStyle, measures: Measures) -> None:
        self.template = template
        self.style = style
        self.measures = measures

    def measure(self, slot: Slot) -> Measure:
        """The measure of the face the slot's text is set in."""
        face = slot.face or self.template.face(None)
        return self.measures.get(face.family, face.margin)

    # --- paragraphs as they will be set ---------------------------------------------------

    def body_paras(self, slide: Slide, items: tuple[Item, ...], slot: Slot) -> list[Para]:
        return body_paras(self.style, slide, [i for i in items if i.text], slot)

    def title_para(
        self, slide: Slide, slot: Slot, spacing: float | None = None, text: str | None = None
    ) -> Para:
        spacing = self.style.title.line_spacing if spacing is None else spacing
        return Para(
            slide.title if text is None else text,
            style_name(slot.bold, slot.italic),
            line_spacing=spacing,
            marks=slide.title_marks,
        )

    # --- fitting ----------------------------------------------------------------------------

    def fit_title(self, slide: Slide, slot: Slot, largest: float) -> float | None:
        para = self.title_para(slide, slot)
        return self.measure(slot).best_size(
            [replace(para, text=para.text + TITLE_RESERVE)],
            box_of(slot.rect),
            max(largest, self.style.title.min),
            self.style.title.min,
        )

    def paginate(self, plan: Plan) -> list[Slide]:
        titles = Titles()
        out: list[Slide] = []
        for slide in plan.slides:
            pieces = self.fit(slide)
            if slide.kind == "quote" and titles.would_mark(pieces):
                # A quote's words are its slide's title: one that an earlier slide already
                # shows is marked "(cont.)", so it is fitted again with room for the mark.
                pieces = self.fit_quote(slide, self.template.slots[slide.role], TITLE_RESERVE)
            out.extend(titles.mark(piece) for piece in pieces)
        return out

    def fit(self, slide: Slide) -> list[Slide]:
        slots = self.template.slots[slide.role]
        if slide.kind == "quote":
            return self.fit_quote(slide, slots)
        if slide.kind == "image":
            return [slide]  # the image slide's band is sized by the renderer's own fitting
        title_slot = slots["title"]
        theme = self.style.title
        largest = {
            "title": title_slot.size or theme.cover_size,
            "section": title_slot.size or theme.section_size,
        }.get(slide.kind, title_slot.size or theme.size)
        title_size = self.fit_title(slide, title_slot, largest)
        body_slot = slots.get("body")
        if title_size is None:
            slide, title_slot, body_slot = self.grow_title(slide, title_slot, body_slot)
            title_size = theme.min
        if body_slot is not None and slide.grid is not None:
            return Tables(self, body_slot).fit(slide, title_size)
        if body_slot is not None and slide.code is not None:
            return self.fit_code(slide, body_slot, title_size)
        if body_slot is None or not any(i.text for i in slide.items):
            return [replace(slide, title_size=title_size)]
        largest_body = self.body_largest(slide, body_slot)
        smallest = self.style.body.min
        return self.split_body(slide, body_slot, title_size, largest_body, smallest)

    def grow_title(
        self, slide: Slide, title: Slot, body: Slot | None
    ) -> tuple[Slide, Slot, Slot | None]:
        """A title too long for its box at the floor size takes room from the body below.

        Titles are never split; past the theme's share of the slide the visible title is
        shortened with an ellipsis (the full title stays in the notes).
        """
        size = self.style.title.min
        rect = title.rect
        measure = self.measure(title)
        para = self.title_para(slide, title)
        reserved = replace(para, text=para.text + TITLE_RESERVE)
        width = rect.text_width_pt * SAFETY
        needed_pt = measure.height([reserved], size, width) / SAFETY
        limit = round(self.template.height * self.style.title.max_height)
        cy = round(needed_pt * EMU_PER_PT) + rect.insets[1] + rect.insets[3]
        if cy > limit:
            cy = limit
            box = Box(rect.text_width_pt, (limit - rect.insets[1] - rect.insets[3]) / EMU_PER_PT)
            head, _ = split_para(measure, para, size, box, reserve=TITLE_RESERVE)
            slide = replace(
                slide,
                title=head.text,
                title_marks=head.marks,
                notes=(slide.title, *slide.notes),
            )
        delta = cy - rect.cy
        new_title = replace(title, rect=rect.moved(cy=cy))
        new_body = None
        if body is not None:
            new_body = replace(
                body, rect=body.rect.moved(y=body.rect.y + delta, cy=body.rect.cy - delta)
            )
        slide = replace(
            slide,
            title_box=new_title.rect.box,
            body_box=new_body.rect.box if new_body else None,
        )
        return slide, new_title, new_body

    def body_largest(self, slide: Slide, slot: Slot) -> float:
        """Start from the larger of the template's size and the theme's reading size."""
        body = self.style.body
        template = slot.size or body.list_size
        if slide.kind in ("content", "summary") and not any(i.bullet for i in slide.items):
            return max(template, body.size)  # one key sentence: set it large
        if slide.kind in ("title", "section", "closing"):
            return max(template, body.min)
        return max(template, body.list_size)

    def pack(self, slide: Slide, slot: Slot, size: float) -> list[list[Item]]:
        """Greedily fill slides at ``size``; a paragraph too long for a slide is cut."""
        box = box_of(slot.rect)
        measure = self.measure(slot)
        pages: list[list[Item]] = []
        pending = list(slide.items)
        while pending:
            page: list[Item] = []
            while pending:
                item = pending[0]
                if not item.text:  # notes only: travels with the text before it
                    page.append(pending.pop(0))
                    continue
                trial = (*page, item)
                if measure.fits(self.body_paras(slide, trial, slot), size, box):
                    page.append(pending.pop(0))
                    continue
                if not any(i.text for i in page):
                    para = self.body_paras(slide, (item,), slot)[0]
                    head, rest = split_para(measure, para, size, box)
                    page.append(replace(item, text=head.text, marks=head.marks))
                    pending.pop(0)
                    if rest.text:
                        pending.insert(0, Item(rest.text, (), item.bullet, rest.marks))
                break
            pages.append(page)
        return pages

    def split_body(
        self, slide: Slide, slot: Slot, title_size: float, largest: float, smallest: float
    ) -> list[Slide]:
        """As few slides as the floor size allows, at the largest size that keeps that count.

        All slides cut from one get the same body size, so a list does not jump in size.
        """
        box = box_of(slot.rect)
        measure = self.measure(slot)
        _, pages = self.fewest(lambda s: self.pack(slide, slot, s), largest, smallest)
        sizes = [
            measure.best_size(self.body_paras(slide, tuple(p), slot), box, largest, smallest)
            or smallest
            for p in pages
        ]
        common = min(sizes)
        out: list[Slide] = []
        start = slide.start
        for n, page in enumerate(pages):
            out.append(
                replace(
                    self.page(slide, n, len(pages)),
                    items=tuple(page),
                    title_size=title_size,
                    body_size=common,
                    start=start,
                )
            )
            start += sum(1 for i in page if i.text and i.bullet)
        return out

    def fewest(
        self, pages_at: Callable[[float], list[T] | None], largest: float, smallest: float
    ) -> tuple[float, list[T]]:
        """The largest size from ``largest`` down that needs no more pages than the floor
        (``pages_at`` returns None at a size it may not use; never at the floor)."""
        at_floor = pages_at(smallest)
        assert at_floor is not None
        size = largest
        while size - 1e-9 > smallest:
            pages = pages_at(size)
            if pages is not None and len(pages) <= len(at_floor):
                return size, pages
            size -= self.measures.step
        return smallest, at_floor

    @staticmethod
    def page(slide: Slide, n: int, count: int) -> Slide:
        """The ``n``-th of ``count`` slides cut from ``slide``: notes on the first, the link on
        the last; the title stays (``Titles`` marks the continuations)."""
        return replace(
            slide,
            notes=slide.notes if n == 0 else (),
            continued=n > 0,
            url=slide.url if n == count - 1 else None,
        )

    # --- quotes ---------------------------------------------------------------------------

    def fit_quote(self, slide: Slide, slots: dict[str, Slot], reserve: str = "") -> list[Slide]:
        """A quotation on as few slides as its words allow.

        In the layout's own boxes when it fits there; else the quote takes the room of the
        whole slide down to the theme's bottom margin, the attribution right after it, so a
        quote that fits on one slide at the floor size is never split. Only a quote too long
        even for that is cut, at sentence ends. Each piece leaves room for ``reserve`` after
        its words (a continuation mark it will be given).
        """

        def held(piece: Para) -> Para:
            return replace(piece, text=piece.text + reserve) if reserve else piece

        quote = self.style.quote
        face = quote.style  # the theme's: italic, or bold where italics are hard to read
        slot = replace(slots["title"], bold="bold" in face, italic="italic" in face)
        body = slots["body"]
        measure = self.measure(slot)
        largest = max(slot.size or 0, quote.size, quote.min)
        smallest = quote.min
        spacing = quote.line_spacing
        attribution, attribution_size = self.quote_attribution(slide, body)
        para = self.title_para(slide, slot, spacing)
        rect = slot.rect
        below = body.rect.y >= rect.y + rect.cy - TOLERANCE
        if below and measure.fits([held(para)], smallest, box_of(rect)):
            size = measure.best_size([held(para)], box_of(rect), largest, smallest) or smallest
            fitted = replace(
                slide,
                attribution=attribution,
                title_size=size,
                attribution_size=self.below_quote(attribution_size, size),
            )
            return [fitted]
        # The quote and then its attribution share the room of both boxes, down to the
        # theme's bottom margin.
        attribution_h = 0
        if attribution:
            needed = self.measure(body).height(
                [attribution_para(self.style, attribution)],
                attribution_size,
                body.rect.text_width_pt * SAFETY,
            )
            attribution_h = round(needed / SAFETY * EMU_PER_PT) + sum(body.rect.insets[1::2])
        top = min(rect.y, body.rect.y)
        bottom = max(
            rect.y + rect.cy,
            body.rect.y + body.rect.cy,
            round(self.template.height * self.style.fallback.bottom),
        )
        gap = round(self.template.height * self.style.fallback.gap) if attribution else 0
        area = Rect(rect.x, top, rect.cx, bottom - top - attribution_h - gap, rect.insets, "t")
        box = box_of(area)
        pieces: list[Para] = []
        rest: Para | None = para
        while rest is not None:
            if measure.fits([held(rest)], smallest, box):
                pieces.append(rest)
                break
            head, rest = split_para(measure, rest, smallest, box, reserve)
            pieces.append(head)
        out = []
        for n, piece in enumerate(pieces):
            last = n == len(pieces) - 1
            size = measure.best_size([held(piece)], box, largest, smallest) or smallest
            height = measure.height([held(piece)], size, box.width * SAFETY) / SAFETY
            quote_cy = min(area.cy, round(height * EMU_PER_PT) + sum(rect.insets[1::2]))
            free = area.cy - quote_cy
            shift = {"b": free, "ctr": free // 2}.get(rect.anchor, 0)
            y = area.y + shift
            quote_box = (area.x, y, area.cx, quote_cy)
            body_box = (body.rect.x, y + quote_cy + gap, body.rect.cx, attribution_h)
            out.append(
                replace(
                    self.page(slide, n, len(pieces)),
                    title=piece.text,
                    title_marks=piece.marks,
                    items=slide.items if last else (),
                    attribution=attribution if last else None,
                    title_size=size,
                    attribution_size=attribution_size,
                    title_box=quote_box,
                    body_box=body_box if last and attribution else None,
                )
            )
        return out

    def below_quote(self, attribution_size: float, quote_size: float) -> float:
        """The credit line never outsizes its quotation: a template's body placeholder (a
        layout used in place of a missing Quote layout) may be set larger than the quote had
        to shrink to. It keeps the theme's proportion to the quote, down to the body floor."""
        quote = self.style.quote
        proportional = quote_size * quote.attribution_size / quote.size
        return max(min(attribution_size, proportional), self.style.body.min)

    def quote_attribution(self, slide: Slide, body: Slot) -> tuple[str | None, float]:
        """The credit line as shown (shortened if longer than its box) and its size."""
        quote, body_min = self.style.quote, self.style.body.min
        size = max(body.size or quote.attribution_size, body_min)
        attribution = slide.attribution
        if not attribution:
            return None, size
        measure = self.measure(body)
        room = box_of(body.rect)
        para = attribution_para(self.style, attribution)
        fitted = measure.best_size([para], room, size, body_min)
        if fitted is None:  # a credit line longer than its box: shorten (notes keep it)
            head, _ = split_para(measure, para, body_min, room)
            return head.text.removeprefix("— "), body_min
        return attribution, fitted

    # --- code -------------------------------------------------------------------------------

    def fit_code(self, slide: Slide, slot: Slot, title_size: float) -> list[Slide]:
        """Code as written, in the monospaced font: never reflowed. The size steps down until
        the longest line fits; past the floor, long lines wrap with a visible marker; what
        does not fit on one slide continues on the next, between lines."""
        code = self.style.code
        measure = self.measures.get(code.font)
        lines = (slide.code or "").expandtabs(code.tab).rstrip("\n").split("\n")
        width = slot.rect.text_width_pt * SAFETY
        height = slot.rect.text_height_pt * SAFETY
        floor = self.style.body.min

        def set_at(size: float) -> list[str] | None:
            """The lines as set at ``size`` (None: a line is too wide above the floor)."""
            out: list[str] = []
            for line in lines:
                if measure.width(line, "regular", size) <= width:
                    out.append(line)
                elif size > floor:
                    return None
                else:
                    out.extend(wrap_code(measure, line, size, width, code.wrap_marker))
            return out

        def pages_at(size: float) -> list[list[str]] | None:
            shown = set_at(size)
            if shown is None:
                return None
            line = size * measure.line_height("regular") * code.line_spacing
            per = max(1, int(height // line))
            return [shown[n : n + per] for n in range(0, len(shown), per)]

        size, pages = self.fewest(pages_at, max(code.size, floor), floor)
        return [
            replace(
                self.page(slide, n, len(pages)),
                code="\n".join(page),
                title_size=title_size,
                body_size=size,
            )
            for n, page in enumerate(pages)
        ]


def wrap_code(measure: Measure, line: str, size: float, width: float, marker: str) -> list[str]:
    """A line of code too wide at the floor, cut between characters; every piece after the
    first starts with ``marker`` so a reader sees it continues the line above."""
    out: list[str] = []
    rest = line
    prefix = ""
    while True:
        text = prefix + rest
        if measure.width(text, "regular", size) <= width or len(text) <= len(prefix) + 1:
            out.append(text)
            return out
        n = len(prefix) + 1
        while n < len(text) and measure.width(text[: n + 1], "regular", size) <= width:
            n += 1
        out.append(text[:n])
        rest, prefix = text[n:], marker


class Tables:
    """A table fitted like other text: cell text measured in its face, column widths from the
    words, the size stepped down to the body floor; rows that still do not fit continue on the
    next slide under the repeated header row."""

    def __init__(self, paginator: Paginator, slot: Slot) -> None:
        self.paginator = paginator
        self.style = paginator.style
        self.table = paginator.style.table
        self.slot = slot
        self.measure = paginator.measure(slot)
        self.width = slot.rect.cx / EMU_PER_PT
        self.height = slot.rect.cy / EMU_PER_PT

    def para(self, cell: Cell, header: bool) -> Para:
        style = "bold" if header else "regular"
        return Para(cell.text, style, line_spacing=self.table.line_spacing, marks=cell.marks)

    def widths(self, grid: Grid, size: float) -> list[float]:
        """Column widths (points) filling the slot: each column's words never broken if the
        longest words all fit, the rest of the width shared by how much text each holds."""
        pad = 2 * self.table.padding_x
        columns = grid.columns
        natural = [pad] * columns
        least = [pad] * columns
        for header, row in ((True, grid.header), *((False, r) for r in grid.rows)):
            for n, cell in enumerate(row):
                para = self.para(cell, header)
                widest, word = self.measure.extent(para.text, para.style, size, para.marks)
                natural[n] = max(natural[n], widest / SAFETY + pad)
                least[n] = max(least[n], word / SAFETY + pad)
        room = self.width
        if sum(natural) <= room:
            return [w * room / sum(natural) for w in natural]
        if sum(least) <= room:
            spare = (room - sum(least)) / max(sum(natural) - sum(least), 1e-9)
            return [lo + (hi - lo) * spare for lo, hi in zip(least, natural, strict=True)]
        return [w * room / sum(least) for w in least]

    def row_height(
        self,
        row: Sequence[Cell],
        header: bool,
        widths: Sequence[float],
        size: float,
        cap: float | None = None,
    ) -> float:
        """Height (points) of a row: its tallest cell and the padding. With a ``cap``, only
        known to exceed it when it does (a long cell is not wrapped to its end)."""
        pad_x, pad_y = self.table.padding_x, self.table.padding_y
        limit = None if cap is None else max(cap - 2 * pad_y, 0.0) * SAFETY
        tallest = 0.0
        for n, width in enumerate(widths):
            cell = row[n] if n < len(row) else Cell("")
            para = self.para(cell, header)
            column = (width - 2 * pad_x) * SAFETY
            text = self.measure.height([para], size, column, cap=limit) / SAFETY
            tallest = max(tallest, text)
            if cap is not None and tallest + 2 * pad_y > cap:
                break
        return tallest + 2 * pad_y

    def header(self, grid: Grid, widths: Sequence[float], size: float) -> tuple[Cell, ...]:
        """The header row; a cell that would make it taller than half the room is cut short
        with an ellipsis (the notes hold the whole table)."""
        half = self.height / 2
        if not grid.header or self.row_height(grid.header, True, widths, size) <= half:
            return grid.header
        pad_x, pad_y = self.table.padding_x, self.table.padding_y
        out = []
        for n, width in enumerate(widths):
            cell = grid.header[n] if n < len(grid.header) else Cell("")
            para = self.para(cell, True)
            box = Box(width - 2 * pad_x, (half - 2 * pad_y) * SAFETY)
            if cell.text and not self.measure.fits([para], size, box):
                head, _ = split_para(self.measure, para, size, box)
                cell = Cell(head.text, head.marks)
            out.append(cell)
        return tuple(out)

    def pages(self, grid: Grid, size: float) -> list[list[tuple[Cell, ...]]]:
        """Body rows per slide at ``size``; a row too tall for a slide of its own is cut."""
        widths = self.widths(grid, size)
        header = self.header(grid, widths, size)
        head = self.row_height(header, True, widths, size) if header else 0.0
        room = self.height - head
        pages: list[list[tuple[Cell, ...]]] = []
        page: list[tuple[Cell, ...]] = []
        used = 0.0
        pending = list(grid.rows)
        while pending:
            row = pending.pop(0)
            h = self.row_height(row, False, widths, size, cap=room - used)
            if used + h <= room:
                page.append(row)
                used += h
                continue
            if page:
                pages.append(page)
                page, used = [], 0.0
                pending.insert(0, row)
                continue
            first, rest = self.cut_row(row, widths, size, room)  # alone and still too tall
            page.append(first)
            pages.append(page)
            page, used = [], 0.0
            if rest is not None:
                pending.insert(0, rest)
        if page or not pages:
            pages.append(page)
        return pages

    def cut_row(
        self, row: tuple[Cell, ...], widths: Sequence[float], size: float, room: float
    ) -> tuple[tuple[Cell, ...], tuple[Cell, ...] | None]:
        """A row taller than a slide: each cell's head that fits, and a row of the rests."""
        pad_x, pad_y = self.table.padding_x, self.table.padding_y
        heads, rests = [], []
        for n, width in enumerate(widths):
            cell = row[n] if n < len(row) else Cell("")
            para = self.para(cell, False)
            box = Box((width - 2 * pad_x), max(room - 2 * pad_y, size) * SAFETY)
            if not cell.text or self.measure.fits([para], size, box):
                heads.append(cell)
                rests.append(Cell(""))
                continue
            head, rest = split_para(self.measure, para, size, box)
            heads.append(Cell(head.text, head.marks))
            rests.append(Cell(rest.text, rest.marks))
        more = any(c.text for c in rests)
        return tuple(heads), tuple(rests) if more else None

    def fit(self, slide: Slide, title_size: float) -> list[Slide]:
        grid = slide.grid
        assert grid is not None
        floor = self.style.body.min
        largest = max(self.table.size, floor)
        size, pages = self.paginator.fewest(lambda s: self.pages(grid, s), largest, floor)
        widths = self.widths(grid, size)
        header = self.header(grid, widths, size)
        emu = [round(w * EMU_PER_PT) for w in widths]
        emu[-1] += round(self.width * EMU_PER_PT) - sum(emu)  # exactly the slot's width
        out = []
        for n, rows in enumerate(pages):
            heights = [self.row_height(header, True, widths, size)] if header else []
            heights += [self.row_height(row, False, widths, size) for row in rows]
            fitted = replace(
                grid,
                header=header,
                rows=tuple(rows),
                widths=tuple(emu),
                heights=tuple(round(h * EMU_PER_PT) for h in heights),
            )
            out.append(
                replace(
                    self.paginator.page(slide, n, len(pages)),
                    grid=fitted,
                    title_size=title_size,
                    body_size=size,
                )
            )
        return out


def body_paras(style: DeckStyle, slide: Slide, items: list[Item], slot: Slot) -> list[Para]:
    """Body paragraphs as they are measured and set: hanging indents for bullets and numbers,
    space before every paragraph but the first."""
    body = style.body
    kind = style_name(slot.bold, slot.italic)
    out = []
    for n, item in enumerate(items):
        indent = 0.0
        if item.bullet:
            indent = body.number_indent if slide.ordered else body.bullet_indent
        space = body.paragraph_space if n else 0.0
        out.append(Para(item.text, kind, indent, space, body.line_spacing, item.marks))
    return out


def attribution_para(style: DeckStyle, attribution: str) -> Para:
    return Para(f"— {attribution}", "regular", line_spacing=style.body.line_spacing)


def continued_title(title: str, n: int) -> str:
    """The title of the ``n``-th slide cut from one: "Title", "Title (cont.)", "(cont. 2)"."""
    if n == 0:
        return title
    return title + (CONT if n == 1 else f"{NBSP}(cont.{NBSP}{n})")


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


class Titles:
    """Every slide title unique (screen-reader users navigate by them), with as little added
    as that needs: a slide whose title an earlier slide already has is a continuation,
    "Title (cont.)", then "Title (cont. 2)" and so on. The title and section slides keep
    their titles; so does the first slide of a title, unless one of those already has it.
    A second story of the same title is numbered, not continued: "Title (2)".
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def mark(self, slide: Slide) -> Slide:
        """``slide``, its title marked if an earlier slide has it; slides come in deck order."""
        key = _key(slide.title)
        if key in self.taken:
            n = 1 if slide.kind not in _OPENERS else 2
            while _key(_numbered(slide, n)) in self.taken:
                n += 1
            slide = replace(slide, title=_numbered(slide, n))
            key = _key(slide.title)
        self.taken.add(key)
        return slide

    def would_mark(self, slides: list[Slide]) -> bool:
        """Whether ``mark`` would change the title of any of ``slides``, given next."""
        seen = set(self.taken)
        for slide in slides:
            key = _key(slide.title)
            if key in seen:
                return True
            seen.add(key)
        return False


def _numbered(slide: Slide, n: int) -> str:
    if slide.kind in _OPENERS:
        return f"{slide.title}{NBSP}({n})"
    return continued_title(slide.title, n)
