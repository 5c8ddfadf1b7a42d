"""Page kinds, page templates and page furniture: running heads, folios, boxes, crop marks.

Every page has a *kind* (``KINDS``) that decides its furniture: covers are drawn whole, body
pages get running heads and folios, openers a folio only, blank versos and the contents none.
The document template picks each page's template from its kind and side (odd pages are
right-hand pages) and records the stories as they are placed, for the contents, the outline
and the running heads.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from makedocs.booklet.covers import Covers
from makedocs.booklet.flowables import Marker, Position, carry_position
from makedocs.booklet.style import BookletStyle
from makedocs.model import Metadata
from makedocs.pagemap import PageMap, PageStart
from makedocs.typesetting.compositor import Compositor

#: Page kinds, and the kind a page of each kind is followed by unless a break says otherwise.
KINDS = {
    "cover": "inside",
    "inside": "contents",
    "contents": "contents",
    "opener": "body",
    "body": "body",
    "blank": "body",
    "back": "back",
}
_FOLIO = frozenset({"opener", "body"})
_HEADS = frozenset({"body"})
_LABELS = {"cover": "Cover", "inside": "Inside cover", "back": "Back cover"}


class Document(BaseDocTemplate):
    """Chooses each page's template by kind and side, and records stories as they are
    placed: contents entries, outline, running heads, and where each page's text begins
    (``starts``: the Position of the first positioned flowable placed on each page, or None).
    """

    def __init__(self, target: BinaryIO, *, running_title: str, **kw: Any) -> None:
        self.running_title = running_title
        super().__init__(target, **kw)

    def beforeDocument(self) -> None:  # noqa: N802 (ReportLab's name)
        self.next_kind = "cover"
        self.kinds: list[str] = []
        self.story_pages: list[int] = []
        self.opened: dict[str, int] = {}  # marker key -> the page it was placed on
        self.story_head = self.running_title
        self.placed = 0  # flowables placed on the current page
        self.starts: list[Position | None] = []

    def handle_pageBegin(self) -> None:  # noqa: N802
        kind = self.next_kind
        page = self.page + 1
        self.pageTemplate = self._templates[f"{kind}-{page % 2}"]
        self.kinds.append(kind)
        self.starts.append(None)
        self.next_kind = KINDS[kind]
        self.placed = 0
        super().handle_pageBegin()

    def page_map(self, edition: str) -> PageMap:
        """Where each page of the last build begins, labelled as the PDF's page labels say."""
        pages = []
        for number, (kind, start) in enumerate(zip(self.kinds, self.starts, strict=True), 1):
            folio = _LABELS.get(kind, str(number))
            if start is None:
                pages.append(PageStart(folio, None))
            elif start.block is None:
                pages.append(PageStart(folio, start.story))
            else:
                pages.append(PageStart(folio, start.story, start.block, start.offset))
        return PageMap(tuple(pages), edition=edition)

    @property
    def _templates(self) -> dict[str, Any]:
        return {t.id: t for t in self.pageTemplates}

    def retarget(self, kind: str) -> None:
        """Make the page just begun, still empty, a page of ``kind`` instead."""
        self.kinds[-1] = kind
        self.next_kind = KINDS[kind]
        self.pageTemplate = self._templates[f"{kind}-{self.page % 2}"]
        self.pageTemplate.onPage(self.canv, self)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
        # Called for page breaks and actions too; only what takes a place on the page counts.
        if not isinstance(flowable, PageBreak | ActionFlowable):
            self.placed += 1
            position = getattr(flowable, "position", None)
            if position is not None and self.starts[-1] is None:
                self.starts[-1] = position
        if isinstance(flowable, Marker) and flowable.key:
            self.canv.addOutlineEntry(flowable.outline, flowable.key, level=0)
            self.opened[flowable.key] = self.page
            if flowable.title:
                self.story_head = flowable.head
                self.story_pages.append(self.page)


class Furniture:
    """What is drawn around the text: covers, heads, folios, boxes and marks."""

    def __init__(self, style: BookletStyle, meta: Metadata, c: Compositor, covers: Covers):
        self.style = style
        self.meta = meta
        self.c = c
        self.covers = covers
        g = style.geometry
        head = style.table("running_head")
        self.head = style.element("running_head")
        self.head_width = head.length("max_width", share=g.text_width, positive=True)
        self.head_baseline = head.length("baseline", share=g.top)
        self.folio = style.element("folio")
        self.folio_baseline = style.table("folio").length("baseline", share=g.bottom)

    def templates(self) -> list[PageTemplate]:
        """One template per kind and side; only the frame's side margins differ."""
        g = self.style.geometry
        out = []
        for kind in KINDS:
            for parity in (0, 1):
                frame = TextFrame(
                    g.text_left(2 - parity),
                    g.offset + g.bottom,
                    g.text_width,
                    g.text_height,
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                    id=f"{kind}-{parity}",
                )
                out.append(
                    PageTemplate(
                        f"{kind}-{parity}",
                        [frame],
                        onPage=self.begin,
                        onPageEnd=self.end,
                        pagesize=g.media,
                    )
                )
        return out

    def begin(self, canvas: Any, doc: Any) -> None:
        """Boxes and page labels when the page begins; covers are drawn whole here."""
        _boxes(canvas, self.style)
        kind = doc.kinds[-1]
        page = doc.page
        if kind == "cover":
            self.covers.front(canvas)
        elif kind == "inside":
            self.covers.inside(canvas)
        elif kind == "back":
            self.covers.back(canvas)
        previous = doc.kinds[-2] if len(doc.kinds) > 1 else None
        if kind in _LABELS:
            canvas.addPageLabel(page - 1, prefix=_LABELS[kind])
        elif previous is None or previous in _LABELS:
            canvas.addPageLabel(page - 1, style="D", start=page)

    def end(self, canvas: Any, doc: Any) -> None:
        """Running heads and folio, drawn when the page is finished (the story is known)."""
        g = self.style.geometry
        kind = doc.kinds[-1]
        page = doc.page
        centre = g.text_left(page) + g.text_width / 2
        if kind in _HEADS:
            text = self.meta.title if page % 2 == 0 else doc.story_head
            line = self.c.fit_line(text, self.head, self.head_width)
            y = g.offset + g.height - self.head_baseline
            self.c.draw_line(canvas, centre, y, line, self.head, align="centre")
        if kind in _FOLIO:
            y = g.offset + self.folio_baseline
            self.c.draw_line(canvas, centre, y, str(page), self.folio, align="centre")
        if g.crop_marks:
            _crop_marks(canvas, self.style)


class TextFrame(Frame):
    """A frame that hands a positioned flowable's Position on to the pieces it splits into, so
    a page that begins inside a paragraph knows where in the text it begins."""

    def split(self, flowable: Any, canv: Any) -> list[Any]:
        return carry_position(flowable, super().split(flowable, canv))


def _boxes(canvas: Any, style: BookletStyle) -> None:
    """TrimBox is the finished page; BleedBox adds the bleed; MediaBox adds room for marks."""
    g = style.geometry
    canvas.setTrimBox(g.trim_box)
    canvas.setBleedBox(g.bleed_box)
    canvas.setArtBox(g.trim_box)


def _crop_marks(canvas: Any, style: BookletStyle) -> None:
    """Hairline trim marks at each corner, starting outside the bleed, in registration
    colour (every ink at full strength, so they print on every plate)."""
    g = style.geometry
    x0, y0, x1, y1 = g.trim_box
    start, length = g.mark_start, g.marks.length
    canvas.saveState()
    canvas.setStrokeColor(style.registration)
    canvas.setLineWidth(g.marks.thickness)
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            canvas.line(x + sx * start, y, x + sx * (start + length), y)
            canvas.line(x, y + sy * start, x, y + sy * (start + length))
    canvas.restoreState()
