"""Small ReportLab flowables the booklet needs and platypus lacks.

Page control (``NextPage``), story markers read by the document template for the contents,
outline and running heads, a drop cap, the contents list itself, and an attribution that keeps
its paragraph's last lines. Labels, rules and balanced titles are shared with every PDF output
(makedocs.typesetting.flowables).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.doctemplate import ActionFlowable, IndexingFlowable
from reportlab.platypus.flowables import Flowable


class NextPage(ActionFlowable):
    """End the current page; the next one is of ``kind`` (see pages.KINDS).

    With ``recto`` the next page must be a right-hand (odd) page: if it would be even, a blank
    page is inserted first. The blank has no furniture, so no folio shows on it.
    """

    def __init__(self, kind: str, *, recto: bool = False) -> None:
        super().__init__()
        self.kind = kind
        self.recto = recto

    def apply(self, doc: Any) -> None:
        if doc.placed == 0 and doc.kinds and doc.kinds[-1] == "body":
            # The previous page filled up exactly, so an empty body page has just begun:
            # turn it into the page wanted rather than leave it blank with a folio.
            if self.recto and doc.page % 2 == 0:
                doc.retarget("blank")
                doc.next_kind = self.kind
                doc.handle_pageEnd()
            else:
                doc.retarget(self.kind)
            return
        if self.recto and (doc.page + 1) % 2 == 0:
            doc.next_kind = "blank"
            doc.handle_pageBreak()
            doc.clean_hanging()  # begins the blank page
            doc.next_kind = self.kind
            doc.handle_pageEnd()
        else:
            doc.next_kind = self.kind
            doc.handle_pageBreak()

    def __repr__(self) -> str:
        return f"NextPage({self.kind!r}, recto={self.recto})"


class Marker(Flowable):
    """Takes no space and draws nothing; the document template reacts when it is placed.

    ``story`` markers start a story (contents entry, outline entry, running head); a bare
    marker just gives a page that is drawn entirely by its template (covers) something to hold.
    """

    def __init__(self, key: str = "", title: str = "", head: str = "", outline: str = "") -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.head = head
        self.outline = outline or title

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.key:
            self.canv.bookmarkPage(self.key)


class DropCap(Flowable):
    """A large initial spanning ``lines`` lines of the paragraph set beside it.

    Its cap height runs from the cap height of the first line down to the baseline of the
    last spanned line, as in hand-set books. Used as the "image" of an ImageAndFlowables.
    """

    def __init__(
        self,
        text: str,
        font: str,
        colour: Any,
        *,
        body_font: str,
        body_size: float,
        leading: float,
        lines: int,
        gap: float,
    ) -> None:
        super().__init__()
        from reportlab.pdfbase import pdfmetrics

        face = pdfmetrics.getFont(font).face
        body = pdfmetrics.getFont(body_font).face
        self.text = text
        self.font = font
        self.colour = colour
        self.first_baseline = body.ascent / 1000 * body_size  # ReportLab's first baseline
        body_cap = body.capHeight / 1000 * body_size
        span = (lines - 1) * leading + body_cap
        self.size = span / (face.capHeight / 1000)
        self.drop = (lines - 1) * leading
        self.width = pdfmetrics.stringWidth(text, font, self.size) + gap
        # A hair under ``lines`` leadings: ImageAndFlowables rounds up to whole lines.
        self.height = lines * leading - 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.setFont(self.font, self.size)
        baseline = self.height + 1 - self.first_baseline - self.drop
        canvas.drawString(0, baseline, self.text)
        canvas.restoreState()


class Contents(IndexingFlowable):
    """The contents page: story title (with its subtitle) left, page number right, both links.

    Entries arrive as ``TOCEntry`` notifications whose text is the story key; ``rows`` turns
    the {key: page} of the previous pass into a Table (every story gets a row even in the
    first pass, so the contents take the same room in every pass and the numbers converge).
    """

    def __init__(self, rows: Any) -> None:
        super().__init__()
        self.rows = rows
        self.entries: list[tuple[str, int]] = []  # (key, page) placed in this pass
        self.previous: list[tuple[str, int]] = []  # ... and in the pass before
        self.table: Any = None

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            _level, key, page, _name = stuff
            self.entries.append((key, page))

    def beforeBuild(self) -> None:  # noqa: N802 (ReportLab's names)
        self.previous, self.entries = self.entries, []

    def isSatisfied(self) -> bool:  # noqa: N802
        return self.entries == self.previous

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.table = self.rows(dict(self.previous), availWidth)
        self.width, self.height = self.table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        return self.table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        self.table.drawOn(canvas, x, y, _sW)


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
