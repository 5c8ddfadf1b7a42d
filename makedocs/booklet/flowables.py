"""Small ReportLab flowables the booklet needs and platypus lacks.

Page control (``NextPage``), story markers read by the document template for the contents,
outline and running heads (and positions for the page map), a drop-capped paragraph, the
contents' page numbers, and an attribution that keeps its paragraph's last lines. Labels,
rules and balanced titles are shared with every PDF output (makedocs.typesetting.flowables).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import Flowable

from makedocs.adapters.reportlab import (
    actual_text,
    break_lines,
    emit,
    line_count,
    on_draw,
    paragraph_text,
    show,
    table_cells,
    text_object,
)
from makedocs.pagemap import offset_after
from makedocs.typesetting.flowables import Text


class NextPage(ActionFlowable):
    """End the current page; the next one is of ``kind`` (see pages.KINDS).

    With ``recto`` the next page must be a right-hand (odd) page; with ``multiple`` its number
    must be a multiple of it (the back cover of a saddle-stitched booklet is page 4n). Blank
    pages are inserted first as needed; a blank has no furniture, so no folio shows on it.
    """

    def __init__(self, kind: str, *, recto: bool = False, multiple: int = 0) -> None:
        super().__init__()
        self.kind = kind
        self.recto = recto
        self.multiple = multiple

    def blanks(self, number: int) -> int:
        """How many blank pages must come before page ``number`` becomes this kind."""
        count = 0
        while (self.recto and (number + count) % 2 == 0) or (
            self.multiple and (number + count) % self.multiple
        ):
            count += 1
        return count

    def apply(self, doc: Any) -> None:
        if doc.placed == 0 and doc.kinds and doc.kinds[-1] == "body":
            # The previous page filled up exactly, so an empty body page has just begun:
            # turn it into the page wanted rather than leave it blank with a folio.
            blanks = self.blanks(doc.page)
            if not blanks:
                doc.retarget(self.kind)
                return
            doc.retarget("blank")
            for _ in range(blanks - 1):
                doc.next_kind = "blank"
                doc.handle_pageEnd()
                doc.clean_hanging()  # begins that blank page
            doc.next_kind = self.kind
            doc.handle_pageEnd()
            return
        blanks = self.blanks(doc.page + 1)
        if not blanks:
            doc.next_kind = self.kind
            doc.handle_pageBreak()
            return
        doc.next_kind = "blank"
        doc.handle_pageBreak()
        doc.clean_hanging()  # begins the blank page
        for _ in range(blanks - 1):
            doc.next_kind = "blank"
            doc.handle_pageEnd()
            doc.clean_hanging()
        doc.next_kind = self.kind
        doc.handle_pageEnd()

    def __repr__(self) -> str:
        return f"NextPage({self.kind!r}, recto={self.recto}, multiple={self.multiple})"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a flowable's text comes from: story ``story``'s block ``block`` (None: the story's
    opening), ``offset`` characters into ``text``, the block's reader-visible text
    (``model.block_text``). Read by the document template for the booklet's page map."""

    story: int
    block: int | None = None
    offset: int = 0
    text: str = ""


def place(flowables: list[Any], story: int, block: int, text: str) -> None:
    """Give each flowable set from a block (and each one a KeepTogether holds) its
    Position: where in ``text`` its printed words begin."""
    from reportlab.platypus import Spacer

    at = 0
    for flowable in _leaves(flowables):
        if isinstance(flowable, Spacer):
            continue  # space begins nothing: a page that starts with it starts with what follows
        printed = printed_text(flowable)
        start = offset_after(text, at, "") if printed.strip() else at
        flowable.position = Position(story, block, start, text)
        at = offset_after(text, start, printed)


def carry_position(flowable: Any, parts: list[Any]) -> list[Any]:
    """Give the pieces a positioned ``flowable`` was split into the Positions they begin at:
    the first where it did, each next one where the text printed before it ends."""
    position = getattr(flowable, "position", None)
    if position is None:
        return parts
    offset = position.offset
    for part in parts:
        if getattr(part, "position", None) is not None:
            continue  # a KeepTogether's own content, placed when the block was set
        part.position = Position(position.story, position.block, offset, position.text)
        offset = offset_after(position.text, offset, printed_text(part))
    return parts


def printed_text(flowable: Any) -> str:
    """The words a flowable prints, as text (empty for pictures, rules and spaces)."""
    initial = getattr(flowable, "initial", None)
    lead = initial.text if initial is not None else ""
    if hasattr(flowable, "getPlainText"):
        return lead + paragraph_text(flowable)
    inner = getattr(flowable, "para", None)  # WithTail
    if inner is not None:
        return printed_text(inner)
    cells = table_cells(flowable)  # a table: its cells in reading order
    if cells:
        return " ".join(_cell_text(cell) for cell in cells)
    return str(getattr(flowable, "text", "") or "")  # Label, code


def _cell_text(cell: Any) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, list | tuple):
        return " ".join(_cell_text(item) for item in cell)
    return printed_text(cell)


def _leaves(flowables: list[Any]) -> list[Any]:
    out: list[Any] = []
    for flowable in flowables:
        content = getattr(flowable, "_content", None)  # KeepTogether
        out.extend(_leaves(content) if isinstance(content, list) else [flowable])
    return out


class Marker(Flowable):
    """Takes no space and draws nothing; the document template reacts when it is placed.

    ``story`` markers start a story (contents entry, outline entry, running head); a bare
    marker just gives a page that is drawn entirely by its template (covers) something to hold.
    """

    def __init__(
        self,
        key: str = "",
        title: str = "",
        head: str = "",
        outline: str = "",
        story: int | None = None,
    ) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.head = head
        self.outline = outline or title
        if story is not None:
            self.position = Position(story)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.key:
            self.canv.bookmarkPage(self.key)


@dataclass(frozen=True, slots=True)
class Initial:
    """A drop cap: the letter (with any opening punctuation) and how it is set.

    Its cap height runs from the cap height of the first line down to the baseline of the last
    line it spans, as in hand-set books, so its size depends on how many lines that is.
    ``word`` is the whole first word as it is read ("Sharing"), for text extraction.
    """

    text: str
    word: str
    font: str
    colour: Any
    lines: int  # the lines it spans at most (the theme's); fewer in a shorter paragraph
    gap: float  # between the initial and the text beside it
    body_cap: float  # cap height of the text face at the text size, in points
    leading: float
    alone: bool = False  # the initial is a word of its own ("I went"): a space follows it

    def size(self, lines: int) -> float:
        from reportlab.pdfbase import pdfmetrics

        face = pdfmetrics.getFont(self.font).face
        return ((lines - 1) * self.leading + self.body_cap) / (face.capHeight / 1000)

    def advance(self, lines: int) -> float:
        """How far the lines beside a ``lines``-line initial are indented."""
        from reportlab.pdfbase import pdfmetrics

        return pdfmetrics.stringWidth(self.text, self.font, self.size(lines)) + self.gap


#: The canvas callback that ends the first word's marked-content span (see DropCapParagraph).
_WORD_END = "makedocs-initial-word-end"


class DropCapParagraph(Text):
    """A story's first paragraph with its initial dropped into its first lines.

    The lines beside the initial are broken narrower and drawn indented (as ReportLab's own
    ParagraphAndImage does), so whatever the paragraph's length every line slot beside the cap
    holds text and the first full-width line follows directly: the cap spans the theme's
    ``lines``, or as many as the paragraph has (``cap_lines``). It splits across pages like any
    paragraph, never inside the lines beside the cap.

    The initial is drawn in the paragraph's own text object, at the start of its first line
    (lowered to the last line it spans), so extraction that ignores marked content reads
    "S" + "haring" as one word. For readers that honour ``/ActualText`` (poppler, PDFium,
    Acrobat), the first word's glyphs carry the whole word and the initial carries a tab:
    exactly nothing would be truer, but PDFium ignores an empty ActualText and would read the
    letter twice, while every extractor drops a tab as white space.
    """

    def __init__(
        self,
        text: Any,
        style: Any = None,
        *args: Any,
        initial: Initial | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.initial = initial
        self.cap_lines = 0
        self._wrapped: float | None = None  # the width the lines were last broken for

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        initial = self.initial
        if initial is None:
            return super().wrap(availWidth, availHeight)
        if self._wrapped == availWidth:
            return availWidth, self.height  # the lines do not depend on the height offered
        style = self.style
        measure = availWidth - style.leftIndent - style.rightIndent
        lines = initial.lines
        while True:
            indent = initial.advance(lines)
            widths = [measure - style.firstLineIndent - indent] + [measure - indent] * (lines - 1)
            count = break_lines(self, [*widths, measure], [indent] * lines + [0.0])
            if count >= lines or lines <= 2:
                break
            lines = max(count, 2)  # a shorter paragraph: a smaller cap, re-broken beside it
        self.cap_lines = lines
        self.settle_loose_lines()
        self.width = availWidth
        self.height = max(count, lines) * style.leading
        self._wrapped = availWidth
        return availWidth, self.height

    @property
    def text_lines(self) -> int:
        """Lines of text at the last wrap (a paragraph of one line takes no cap)."""
        return line_count(self)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        if self.initial is None:
            return super().split(availWidth, availHeight)
        self.wrap(availWidth, availHeight)
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, rest = parts
        if line_count(first) < self.cap_lines:
            return []  # the lines beside the cap are never parted from it
        first.initial = self.initial
        first._wrapped = None
        return [first, rest]

    def beginText(self, x: float, y: float) -> Any:  # noqa: N802 (ReportLab's name)
        text = super().beginText(x, y)
        initial, lines = self.initial, self.cap_lines
        if initial is not None and lines:
            leading = self.style.leading
            emit(text, actual_text("\t"))
            show(
                text,
                # After a one-letter word a space (drawn, but blank) keeps the next word apart
                # for extractors that read the letter in line.
                initial.text + " " if initial.alone else initial.text,
                initial.font,
                initial.size(lines),
                initial.colour,
                rise=-(lines - 1) * leading,
            )
            emit(text, "EMC")
            emit(text, actual_text(initial.word))  # ended by the callback after the word
            self.canv.setNamedCB(_WORD_END, _end_span)
        return text


def drop_cap_markup(word_rest: str, after: str) -> str:
    """Markup for the rest of the first word and what follows it, with the callback that
    ends the word's marked-content span between them."""
    return f"{word_rest}{on_draw(_WORD_END)}{after}"


def _end_span(canvas: Any, kind: str, label: Any) -> None:
    emit(text_object(canvas), "EMC")


class Folio(Flowable):
    """A page number not known until the whole booklet is laid out (a contents entry's): a
    box of fixed size that shows a form drawn once the layout is done (``folio_form``), and
    links to the page. The booklet is therefore laid out once, not once per pass."""

    def __init__(self, key: str, width: float, height: float) -> None:
        super().__init__()
        self.key = key
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(folio_form(self.key))
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)


def folio_form(key: str) -> str:
    """The name of the form that holds the page number of ``key``'s page."""
    return f"folio-{key}"


class WithTail(Flowable):
    """A paragraph and what must not be parted from its last lines (a closing attribution).

    If the whole does not fit, the paragraph is split so that at least ``min_lines`` of it
    travel to the next page with the tail: an attribution never stands alone on a page, and
    no gap opens as it would if the whole paragraph were kept together.
    """

    def __init__(self, para: Any, tail: list[Any], min_lines: int = 2) -> None:
        super().__init__()
        self.para = para
        self.tail = tail
        self.min_lines = min_lines
        self.spaceBefore = para.getSpaceBefore()
        self.spaceAfter = tail[-1].getSpaceAfter() if tail else para.getSpaceAfter()
        self._sizes: list[tuple[Any, float, float]] = []
        self._para_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _w, self._para_height = self.para.wrap(availWidth, availHeight)
        self._sizes = [
            (f, f.wrap(availWidth, availHeight)[1], f.getSpaceBefore()) for f in self.tail
        ]
        self.width = availWidth
        self.height = self._para_height + sum(h + s for _f, h, s in self._sizes)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        leading = self.para.style.leading
        target = min(availHeight, self._para_height - self.min_lines * leading)
        if target < leading:
            return []
        parts = self.para.split(availWidth, target)
        if len(parts) < 2:
            return []
        return [parts[0], WithTail(parts[1], self.tail, self.min_lines)]

    def draw(self) -> None:
        y = self.height - self._para_height
        self.para.drawOn(self.canv, 0, y)
        for flowable, height, space in self._sizes:
            y -= space + height
            flowable.drawOn(self.canv, 0, y)
