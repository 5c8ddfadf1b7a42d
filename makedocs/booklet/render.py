"""Model + theme -> reading-order booklet PDF (ReportLab platypus).

One function over the closed set of block types (``_flowables``); page furniture (folios,
covers) is drawn by page templates, not by the blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from makedocs.context import BuildContext
from makedocs.model import (
    Attribution,
    Block,
    CallToAction,
    Collection,
    Divider,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Story,
    Strong,
    Text,
)
from makedocs.units import Length


@dataclass(frozen=True, slots=True)
class BookletOptions:
    page_size: str = "letter"


@dataclass(frozen=True, slots=True)
class BookletResult:
    pages: int


def render_booklet(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: BookletOptions
) -> BookletResult:
    """Write the reading-order booklet to ``out``."""
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

    style = ctx.theme.booklet
    size = style[options.page_size]
    width, height = Length.parse(size["width"]).points, Length.parse(size["height"]).points
    margins = {k: Length.parse(v).points for k, v in style["margins"].items()}
    styles = _Styles(ctx)

    def folio(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(styles.font("sans", "regular"), Length.parse(style["folio_size"]).points)
        canvas.setFillColor(ctx.theme.colour("muted"))
        canvas.drawCentredString(width / 2, margins["bottom"] / 2, str(doc.page))
        canvas.restoreState()

    def cover(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(ctx.theme.colour("cover"))
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        canvas.restoreState()

    frame = Frame(
        margins["inner"],
        margins["bottom"],
        width - margins["inner"] - margins["outer"],
        height - margins["top"] - margins["bottom"],
        id="text",
    )
    doc = BaseDocTemplate(
        out,
        pagesize=(width, height),
        title=collection.meta.title,
        author=collection.meta.organisation or "",
        subject=collection.meta.subtitle or "",
        creator="makedocs",
        producer="makedocs",
        invariant=1,
        initialFontName=styles.font("serif", "regular"),
        pageTemplates=[
            PageTemplate("cover", [frame], onPage=cover),
            PageTemplate("body", [frame], onPage=folio),
        ],
    )
    story: list[Any] = [*styles.cover(collection), NextPageTemplate("body"), PageBreak()]
    for item in collection.stories:
        story.extend(styles.story(item))
        story.append(PageBreak())
    story.pop()
    doc.build(story)
    return BookletResult(pages=doc.page)


class _Styles:
    """Paragraph styles from the theme, and the block -> flowable mapping."""

    def __init__(self, ctx: BuildContext) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.ctx = ctx
        theme = ctx.theme
        spec = theme.booklet
        body = Length.parse(spec["body_size"]).points
        leading = Length.parse(spec["leading"]).points
        serif = self.font("serif", "regular")
        ink = theme.colour("ink")
        self.body = ParagraphStyle(
            "body",
            fontName=serif,
            fontSize=body,
            leading=leading,
            alignment=TA_JUSTIFY,
            firstLineIndent=body * 1.2,
            textColor=ink,
        )
        self.first = ParagraphStyle("first", parent=self.body, firstLineIndent=0)
        title = Length.parse(spec["title_size"]).points
        self.title = ParagraphStyle(
            "title",
            fontName=self.font("serif", "bold"),
            fontSize=title,
            leading=title * 1.2,
            spaceAfter=leading * 1.5,
            textColor=ink,
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=self.font("serif", "bold"),
            fontSize=body * 1.2,
            leading=leading * 1.2,
            spaceBefore=leading,
            spaceAfter=leading * 0.5,
            textColor=ink,
        )
        pull = Length.parse(spec["pull_quote_size"]).points
        self.pull = ParagraphStyle(
            "pull",
            fontName=self.font("serif", "italic"),
            fontSize=pull,
            leading=pull * 1.3,
            alignment=TA_CENTER,
            spaceBefore=leading,
            spaceAfter=leading,
            textColor=theme.colour("accent"),
            leftIndent=body,
            rightIndent=body,
        )
        epi = Length.parse(spec["epigraph_size"]).points
        self.epigraph = ParagraphStyle(
            "epigraph",
            fontName=self.font("serif", "italic"),
            fontSize=epi,
            leading=epi * 1.4,
            leftIndent=body * 3,
            textColor=theme.colour("muted"),
        )
        self.quote = ParagraphStyle(
            "quote",
            parent=self.body,
            leftIndent=body * 2,
            rightIndent=body,
            firstLineIndent=0,
            fontSize=body * 0.95,
        )
        self.attribution = ParagraphStyle(
            "attribution",
            parent=self.body,
            alignment=TA_RIGHT,
            firstLineIndent=0,
            fontName=self.font("serif", "italic"),
            spaceBefore=leading * 0.5,
            spaceAfter=leading,
        )
        cover = Length.parse(spec["cover_title_size"]).points
        self.cover_title = ParagraphStyle(
            "cover",
            fontName=self.font("serif", "bold"),
            fontSize=cover,
            leading=cover * 1.15,
            textColor=theme.colour("cover_ink"),
            spaceBefore=cover * 3,
        )
        self.cover_sub = ParagraphStyle(
            "coversub",
            parent=self.cover_title,
            fontName=self.font("serif", "italic"),
            fontSize=body * 1.4,
            leading=body * 2,
            spaceBefore=leading,
        )
        self.label = ParagraphStyle(
            "label",
            fontName=self.font("sans", "regular"),
            fontSize=body * 0.9,
            leading=leading,
            textColor=theme.colour("cover_ink"),
            spaceBefore=leading * 4,
        )
        self.item = ParagraphStyle("item", parent=self.first, leftIndent=body * 1.5)

    def font(self, family: str, style: str) -> str:
        fonts = self.ctx.fonts
        path = fonts.family(family).file(style)
        return fonts.font(path).fontName

    def markup(self, content: Inlines, family: str = "serif", style: str = "regular") -> str:
        """ReportLab paragraph markup, each run set in the first font that has its glyphs."""
        out: list[str] = []
        for node in content:
            match node:
                case Text(text=text):
                    out.append(self.text(text, family, style))
                case Emphasis(children=children):
                    out.append(self.markup(children, family, _with(style, "italic")))
                case Strong(children=children):
                    out.append(self.markup(children, family, _with(style, "bold")))
                case Link(children=children, url=url):
                    inner = self.markup(children, family, style)
                    out.append(f'<a href="{escape(url, {chr(34): "&quot;"})}">{inner}</a>')
                case LineBreak():
                    out.append("<br/>")
        return "".join(out)

    def text(self, text: str, family: str = "serif", style: str = "regular") -> str:
        fonts = self.ctx.fonts
        return "".join(
            f'<font name="{fonts.font(run.font).fontName}">{escape(run.text)}</font>'
            for run in fonts.runs(text, family, style)
        )

    def cover(self, collection: Collection) -> list[Any]:
        from reportlab.platypus import Paragraph as P

        meta = collection.meta
        items: list[Any] = [P(self.text(meta.title, "serif", "bold"), self.cover_title)]
        if meta.subtitle:
            items.append(P(self.text(meta.subtitle, "serif", "italic"), self.cover_sub))
        if meta.organisation:
            items.append(P(self.text(meta.organisation, "sans"), self.label))
        return items

    def story(self, story: Story) -> list[Any]:
        from reportlab.platypus import Paragraph as P

        items: list[Any] = [P(self.text(story.title, "serif", "bold"), self.title)]
        previous: Block | None = None
        for block in story.blocks:
            items.extend(self.block(block, previous))
            previous = block
        return items

    def block(self, block: Block, previous: Block | None) -> list[Any]:
        from reportlab.platypus import KeepTogether, Spacer
        from reportlab.platypus import Paragraph as P

        match block:
            case Paragraph(content=content):
                first = not isinstance(previous, Paragraph)
                return [P(self.markup(content), self.first if first else self.body)]
            case Heading(content=content):
                return [P(self.markup(content, "serif", "bold"), self.heading)]
            case PullQuote(content=content, attribution=attribution):
                parts = [P(self.markup(content, "serif", "italic"), self.pull)]
                if attribution:
                    parts.append(
                        P(self.text(f"— {attribution}", "serif", "italic"), self.attribution)
                    )
                return [KeepTogether(parts)]
            case Epigraph(content=content, attribution=attribution):
                parts = [P(self.markup(content, "serif", "italic"), self.epigraph)]
                if attribution:
                    parts.append(
                        P(self.text(f"— {attribution}", "serif", "regular"), self.epigraph)
                    )
                parts.append(Spacer(1, self.body.leading))
                return [KeepTogether(parts)]
            case Quote(paragraphs=paragraphs, attribution=attribution):
                parts = [P(self.markup(p), self.quote) for p in paragraphs]
                if attribution:
                    parts.append(
                        P(self.text(f"— {attribution}", "serif", "italic"), self.attribution)
                    )
                return parts
            case Attribution(text=text):
                return [P(self.text(f"— {text}", "serif", "italic"), self.attribution)]
            case ListBlock(ordered=ordered, items=items, start=start):
                return [
                    P(
                        self.text(f"{start + i}. " if ordered else "• ") + self.markup(item),
                        self.item,
                    )
                    for i, item in enumerate(items)
                ]
            case CallToAction(text=text, url=url):
                return [P(self.text(text, "serif", "bold") + "<br/>" + self.text(url), self.first)]
            case Divider():
                return [P(self.text("*  *  *"), self.pull)]
            case Image(caption=caption, alt=alt):
                # The skeleton prints the caption; images are placed by the full booklet.
                return [P(self.text(caption or alt, "serif", "italic"), self.epigraph)]
        raise TypeError(f"not a block: {block!r}")


def _with(style: str, extra: str) -> str:
    parts = set(style.split("_")) - {"regular"}
    parts.add(extra)
    return "bold_italic" if parts == {"bold", "italic"} else extra if len(parts) == 1 else style
