"""Model + theme -> reading-order booklet PDF (ReportLab platypus).

Page order: front cover, inside front cover (about), contents, then each story opening on a
right-hand page, then the back cover. Each page has a *kind* (``KINDS``) that decides its
furniture: covers are drawn whole, body pages get running heads and folios, blank versos and
the contents get none. Folios are physical page numbers (the cover is page 1), and the PDF's
page labels say the same, so "page 7" means the same thing in a viewer and on paper.

Typesetting lives in typeset.py, covers in covers.py, theme parsing in style.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from makedocs.booklet.style import BookletStyle, load_style
from makedocs.context import BuildContext
from makedocs.model import Collection
from makedocs.units import Length

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


@dataclass(frozen=True, slots=True)
class BookletOptions:
    page_size: str = "letter"
    recto: bool = True  # stories open on right-hand pages
    bleed: Length | None = None
    crop_marks: bool = False
    cmyk: bool = False


@dataclass(frozen=True, slots=True)
class Imposition:
    """How booklet-print.pdf folds: see impose.impose()."""

    duplex: str = "short-edge"
    signature: int | None = None
    creep: Length = Length(0)


@dataclass(frozen=True, slots=True)
class BookletResult:
    pages: int
    kinds: tuple[str, ...] = ()  # kind of each page, for callers and tests
    story_pages: tuple[int, ...] = ()  # 1-based page each story opens on


def render_booklet(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: BookletOptions
) -> BookletResult:
    """Write the reading-order booklet to ``out``."""
    from reportlab.platypus import Frame, PageTemplate

    from makedocs.booklet.covers import Covers
    from makedocs.booklet.flowables import Contents, Marker, NextPage
    from makedocs.booklet.labels import draw_label, fit_label
    from makedocs.booklet.typeset import ImagePlacer, Typesetter, check_images

    style = load_style(
        ctx.theme,
        options.page_size,
        bleed=options.bleed,
        crop_marks=options.crop_marks,
        cmyk=options.cmyk,
    )
    meta = collection.meta
    stories = list(collection.stories)
    check_images(stories, ctx)
    g = style.geometry
    t = Typesetter(ctx, style, meta.language)
    images = ImagePlacer(ctx, t, style)
    covers = Covers(meta, style, ctx.fonts, t)
    fonts = ctx.fonts
    head_size = style.size("running_head_size")
    folio_size = style.size("folio_size")
    label_family = style.label_family

    def furniture(canvas: Any, doc: Any) -> None:
        """Boxes and backgrounds when the page begins; covers are drawn whole here."""
        _boxes(canvas, style)
        kind = doc.kinds[-1]
        page = doc.page
        if kind == "cover":
            covers.front(canvas)
        elif kind == "inside":
            covers.inside(canvas)
        elif kind == "back":
            covers.back(canvas)
        previous = doc.kinds[-2] if len(doc.kinds) > 1 else None
        if kind in _LABELS:
            canvas.addPageLabel(page - 1, prefix=_LABELS[kind])
        elif previous is None or previous in _LABELS:
            canvas.addPageLabel(page - 1, style="D", start=page)

    def heads(canvas: Any, doc: Any) -> None:
        """Running heads and folio, drawn when the page is finished (the story is known)."""
        kind = doc.kinds[-1]
        page = doc.page
        left = g.text_left(page)
        o = g.offset
        if kind in _HEADS:
            text = meta.title if page % 2 == 0 else doc.story_head
            line = fit_label(text, fonts, label_family, head_size, g.text_width * 0.9)
            y = o + g.height - g.top * 0.55
            draw_label(
                canvas,
                left + g.text_width / 2,
                y,
                line,
                fonts,
                label_family,
                head_size,
                style.colour("muted"),
                align="centre",
            )
        if kind in _FOLIO:
            y = o + g.bottom * 0.5
            draw_label(
                canvas,
                left + g.text_width / 2,
                y,
                str(page),
                fonts,
                label_family,
                folio_size,
                style.colour("muted"),
                align="centre",
                tracking=0.04,
            )
        if g.crop_marks:
            _crop_marks(canvas, style)

    templates = []
    for kind in KINDS:
        for parity in (0, 1):
            frame = Frame(
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
            templates.append(
                PageTemplate(
                    f"{kind}-{parity}", [frame], onPage=furniture, onPageEnd=heads, pagesize=g.media
                )
            )

    doc = _Document(
        out,
        pagesize=g.media,
        title=meta.title,
        author=meta.organisation or "",
        subject=meta.subtitle or "",
        creator="makedocs",
        producer="makedocs",
        keywords=[],
        lang=meta.language,
        invariant=1,
        pageCompression=1,
        enforceColorSpace="cmyk" if options.cmyk else None,
        initialFontName=t.font(style.body_family, "regular"),
        pageTemplates=templates,
        running_title=meta.title,
    )

    keyed = [(f"story-{i + 1}", story) for i, story in enumerate(stories)]
    flow: list[Any] = [Marker()]  # the front cover, drawn by its template
    flow += [NextPage("inside"), Marker()]
    flow += [NextPage("contents"), Marker(key="contents", title="", outline="Contents")]
    flow += t.contents_heading()
    flow.append(Contents(t.contents_table(keyed)))
    for key, story in keyed:
        head = story.title
        flow.append(NextPage("opener", recto=options.recto))
        flow.extend(t.story(story, key, head, images))
    flow += [NextPage("back"), Marker()]
    doc.multiBuild(flow, maxPasses=8)
    return BookletResult(pages=doc.page, kinds=tuple(doc.kinds), story_pages=tuple(doc.story_pages))


class _Document:
    """Factory for the platypus document (ReportLab imported lazily)."""

    def __new__(cls, out: BinaryIO, **kwargs: Any) -> Any:
        from reportlab.platypus import BaseDocTemplate

        class Document(BaseDocTemplate):
            """Chooses each page's template by kind and side, and records stories as they
            are placed: contents entries, outline, running heads."""

            def __init__(self, target: BinaryIO, *, running_title: str, **kw: Any) -> None:
                self.running_title = running_title
                super().__init__(target, **kw)

            def beforeDocument(self) -> None:
                self.next_kind = "cover"
                self.kinds: list[str] = []
                self.story_pages: list[int] = []
                self.story_head = self.running_title

            def handle_pageBegin(self) -> None:
                kind = self.next_kind
                page = self.page + 1
                self.pageTemplate = self._templates[f"{kind}-{page % 2}"]
                self.kinds.append(kind)
                self.next_kind = KINDS[kind]
                super().handle_pageBegin()

            @property
            def _templates(self) -> dict[str, Any]:
                return {t.id: t for t in self.pageTemplates}

            def retarget(self, kind: str) -> None:
                """Make the page just begun, still empty, a page of ``kind`` instead."""
                self.kinds[-1] = kind
                self.next_kind = KINDS[kind]
                self.pageTemplate = self._templates[f"{kind}-{self.page % 2}"]
                self.pageTemplate.onPage(self.canv, self)

            def afterFlowable(self, flowable: Any) -> None:
                from makedocs.booklet.flowables import Marker

                if isinstance(flowable, Marker) and flowable.key:
                    self.canv.addOutlineEntry(flowable.outline, flowable.key, level=0)
                    if flowable.title:
                        self.story_head = flowable.head
                        self.story_pages.append(self.page)
                        self.notify("TOCEntry", (0, flowable.key, self.page, flowable.key))

        return Document(out, **kwargs)


def _boxes(canvas: Any, style: BookletStyle) -> None:
    """TrimBox is the finished page; BleedBox adds the bleed; MediaBox adds room for marks."""
    g = style.geometry
    canvas.setTrimBox(g.trim_box)
    canvas.setBleedBox(g.bleed_box)
    canvas.setArtBox(g.trim_box)


def _crop_marks(canvas: Any, style: BookletStyle) -> None:
    """Hairline trim marks at each corner, starting outside the bleed."""
    from reportlab.lib.colors import CMYKColor, black

    from makedocs.booklet.style import MARK_GAP, MARK_LENGTH

    g = style.geometry
    x0, y0, x1, y1 = g.trim_box
    start = max(g.bleed, MARK_GAP * 2) + MARK_GAP  # away from the trim, beyond the bleed
    canvas.saveState()
    canvas.setStrokeColor(CMYKColor(1, 1, 1, 1) if style.cmyk else black)  # registration
    canvas.setLineWidth(0.25)
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            canvas.line(x + sx * start, y, x + sx * (start + MARK_LENGTH), y)
            canvas.line(x, y + sy * start, x, y + sy * (start + MARK_LENGTH))
    canvas.restoreState()


def booklet_options(
    table: dict[str, Any],
    *,
    page_size: str | None = None,
    recto: bool | None = None,
    bleed: str | None = None,
    crop_marks: bool | None = None,
    cmyk: bool | None = None,
    duplex: str | None = None,
    signature: int | None = None,
    creep: str | None = None,
    where: str | None = None,
) -> tuple[BookletOptions, Imposition]:
    """Options from the command line, else makedocs.toml's ``[booklet]`` table, else defaults.

    Lengths take units (``3mm``, ``0.125in``); a bare number means millimetres, as print
    shops quote bleed and creep.
    """
    from makedocs.errors import MakedocsError

    def pick(value: Any, key: str, default: Any) -> Any:
        return value if value is not None else table.get(key, default)

    def length(value: Any, key: str) -> Length | None:
        if value in (None, "", 0):
            return None
        text = (
            f"{value}mm"
            if isinstance(value, int | float) or str(value).replace(".", "", 1).isdigit()
            else str(value)
        )
        try:
            found = Length.parse(text)
        except ValueError as error:
            raise MakedocsError(f"--{key}: {error}", where) from None
        if found.emu < 0:
            raise MakedocsError(f"--{key} cannot be negative", where)
        return found

    size = str(pick(page_size, "page_size", "letter"))
    if size not in ("letter", "a4"):
        raise MakedocsError(f"[booklet] page_size must be 'letter' or 'a4', not {size!r}", where)
    side = str(pick(duplex, "duplex", "short-edge"))
    if side not in ("short-edge", "long-edge"):
        raise MakedocsError(f"duplex must be 'short-edge' or 'long-edge', not {side!r}", where)
    sig = pick(signature, "signature", None)
    if sig is not None and (not isinstance(sig, int) or sig < 1):
        raise MakedocsError(f"signature must be a whole number of sheets, not {sig!r}", where)
    options = BookletOptions(
        page_size=size,
        recto=bool(pick(recto, "recto", True)),
        bleed=length(pick(bleed, "bleed", None), "bleed"),
        crop_marks=bool(pick(crop_marks, "crop_marks", False)),
        cmyk=bool(pick(cmyk, "cmyk", False)),
    )
    return options, Imposition(
        duplex=side, signature=sig, creep=length(pick(creep, "creep", None), "creep") or Length(0)
    )
