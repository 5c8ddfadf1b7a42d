"""Stories -> platypus flowables: paragraph styles from the theme, one arm per block type.

Text is turned into ReportLab markup run by run, each run naming the first font of the family's
fallback chain that has its glyphs, so Hangul inside an English sentence is set in Nanum
Myeongjo while the Latin stays in Noto Serif.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from makedocs.booklet.flowables import DropCap, Marker, Rule, WithTail, balanced
from makedocs.booklet.style import BookletStyle, hyphenation_language
from makedocs.context import BuildContext
from makedocs.errors import MakedocsError
from makedocs.model import (
    Attribution,
    Block,
    CallToAction,
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

# Opening punctuation that joins the first letter in a drop cap (“T… reads as one unit).
_OPENERS = "\"'“‘«(["


class Typesetter:
    """Paragraph styles from the theme, and the block -> flowable mapping."""

    def __init__(self, ctx: BuildContext, style: BookletStyle, language: str) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.ctx = ctx
        self.style = style
        s = style.size
        body, leading = s("body_size"), s("leading")
        self.leading = leading
        ink, muted, accent = style.colour("ink"), style.colour("muted"), style.colour("accent")
        serif, display, label = style.body_family, style.display_family, style.label_family
        self.families = {"body": serif, "display": display, "label": label}
        hyphen = hyphenation_language(language) if style.hyphenate else ""
        self.body = ParagraphStyle(
            "body",
            fontName=self.font(serif, "regular"),
            fontSize=body,
            leading=leading,
            alignment=TA_JUSTIFY,
            firstLineIndent=body * 1.2,
            textColor=ink,
            allowWidows=0,
            allowOrphans=0,
            hyphenationLang=hyphen,
            uriWasteReduce=0.3,
            embeddedHyphenation=1,
            splitLongWords=1,
        )
        self.first = ParagraphStyle("first", parent=self.body, firstLineIndent=0)
        self.heading = ParagraphStyle(
            "heading",
            parent=self.first,
            fontName=self.font(display, "bold"),
            fontSize=body * 1.1,
            leading=leading,
            alignment=TA_LEFT,
            spaceBefore=leading,
            spaceAfter=leading * 0.5,
            hyphenationLang="",
        )
        title = s("title_size")
        self.title = ParagraphStyle(
            "title",
            fontName=self.font(display, "regular"),
            fontSize=title,
            leading=title * 1.18,
            alignment=TA_LEFT,
            textColor=ink,
            spaceAfter=title * 0.35,
        )
        sub = s("subtitle_size")
        self.subtitle = ParagraphStyle(
            "subtitle",
            fontName=self.font(display, "italic"),
            fontSize=sub,
            leading=sub * 1.3,
            textColor=muted,
            spaceAfter=sub * 0.3,
        )
        pull = s("pull_quote_size")
        self.pull = ParagraphStyle(
            "pull",
            fontName=self.font(display, "italic"),
            fontSize=pull,
            leading=pull * 1.32,
            alignment=TA_CENTER,
            textColor=accent,
            leftIndent=body,
            rightIndent=body,
        )
        self.pull_by = ParagraphStyle(
            "pullby",
            parent=self.pull,
            fontSize=body * 0.9,
            leading=leading,
            textColor=muted,
            spaceBefore=leading * 0.3,
        )
        epi = s("epigraph_size")
        self.epigraph = ParagraphStyle(
            "epigraph",
            fontName=self.font(serif, "italic"),
            fontSize=epi,
            leading=epi * 1.42,
            leftIndent=style.geometry.text_width * 0.22,
            rightIndent=0,
            alignment=TA_LEFT,
            textColor=muted,
            hyphenationLang="",
        )
        self.epigraph_by = ParagraphStyle(
            "epigraphby",
            parent=self.epigraph,
            fontName=self.font(serif, "regular"),
            alignment=TA_RIGHT,
            spaceBefore=epi * 0.4,
        )
        self.quote = ParagraphStyle(
            "quote",
            parent=self.first,
            leftIndent=body * 1.8,
            rightIndent=body * 1.8,
            fontSize=body * 0.92,
            leading=leading * 0.95,
        )
        self.quote_by = ParagraphStyle(
            "quoteby",
            parent=self.quote,
            alignment=TA_RIGHT,
            fontName=self.font(serif, "italic"),
            spaceBefore=leading * 0.25,
            hyphenationLang="",
        )
        self.attribution = ParagraphStyle(
            "attribution",
            parent=self.first,
            alignment=TA_RIGHT,
            fontName=self.font(serif, "italic"),
            spaceBefore=leading,
            leftIndent=style.geometry.text_width * 0.25,
            hyphenationLang="",
        )
        self.item = ParagraphStyle(
            "item",
            parent=self.first,
            leftIndent=body * 1.8,
            bulletIndent=body * 0.5,
            bulletFontName=self.font(serif, "regular"),
            spaceBefore=leading * 0.15,
        )
        caption = s("caption_size")
        self.caption = ParagraphStyle(
            "caption",
            fontName=self.font(serif, "italic"),
            fontSize=caption,
            leading=caption * 1.35,
            textColor=muted,
            alignment=TA_LEFT,
            spaceBefore=caption * 0.6,
        )
        self.credit = ParagraphStyle(
            "credit",
            parent=self.caption,
            fontName=self.font(label, "regular"),
            fontSize=caption * 0.85,
            spaceBefore=0,
        )
        self.cta = ParagraphStyle(
            "cta",
            parent=self.first,
            fontName=self.font(serif, "bold"),
            alignment=TA_CENTER,
            spaceBefore=leading,
            spaceAfter=leading,
            hyphenationLang="",
        )
        toc = s("toc_size")
        self.toc_title = ParagraphStyle(
            "toctitle",
            fontName=self.font(display, "regular"),
            fontSize=toc,
            leading=toc * 1.3,
            textColor=ink,
        )
        self.toc_sub = ParagraphStyle(
            "tocsub",
            parent=self.toc_title,
            fontName=self.font(display, "italic"),
            fontSize=toc * 0.85,
            leading=toc * 1.15,
            textColor=muted,
        )
        self.toc_page = ParagraphStyle(
            "tocpage",
            parent=self.toc_title,
            alignment=TA_RIGHT,
            textColor=accent,
        )

    # --- text ----------------------------------------------------------------------------

    def font(self, family: str, style: str) -> str:
        fonts = self.ctx.fonts
        return fonts.font(fonts.family(family).file(style)).fontName

    def markup(self, content: Inlines, family: str | None = None, style: str = "regular") -> str:
        """ReportLab paragraph markup, each run set in the first font that has its glyphs."""
        family = family or self.style.body_family
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
                    out.append(f'<a href="{_attr(url)}">{inner}</a>')
                case LineBreak():
                    out.append("<br/>")
        return "".join(out)

    def text(self, text: str, family: str | None = None, style: str = "regular") -> str:
        fonts = self.ctx.fonts
        family = family or self.style.body_family
        return "".join(
            f'<font name="{fonts.font(run.font).fontName}">{escape(run.text)}</font>'
            for run in fonts.runs(text, family, style)
        )

    def para(self, markup: str, style: Any) -> Any:
        from reportlab.platypus import Paragraph as P

        return P(markup, style)

    # --- stories -------------------------------------------------------------------------

    def story(self, story: Story, key: str, head: str, images: ImagePlacer) -> list[Any]:
        """The flowables of one story, starting on its opening page."""
        from reportlab.platypus import KeepTogether, Spacer
        from reportlab.platypus import Paragraph as RLParagraph

        s = self.style.size
        geometry = self.style.geometry
        display = self.style.display_family
        opening: list[Any] = []
        if story.image is not None:
            opening.extend(images.flowables(story.image, max_height=geometry.text_height * 0.34))
            opening.append(Spacer(1, self.leading))
        else:
            opening.append(Spacer(1, geometry.text_height * 0.14))
        if story.kicker:
            opening.append(self.label(story.kicker, "accent", after=self.leading * 0.6))
        opening.append(balanced(self.text(story.title, display, "regular"), self.title))
        if story.subtitle:
            opening.append(self.para(self.text(story.subtitle, display, "italic"), self.subtitle))
        if story.byline:
            opening.append(Spacer(1, self.leading * 0.3))
            opening.append(self.label(story.byline, "muted"))
        opening.append(
            Rule(
                s("body_size") * 3,
                self.style.colour("rule"),
                thickness=0.8,
                before=self.leading * 0.9,
                after=self.leading * 1.4,
                align="left",
            )
        )
        # The marker stays outside KeepTogether: the document only sees top-level flowables.
        items: list[Any] = [Marker(key=key, title=story.title, head=head), KeepTogether(opening)]
        blocks = list(story.blocks)
        previous: Block | None = None
        i = 0
        dropped = False
        while i < len(blocks):
            block = blocks[i]
            # The cap opens the story: only an epigraph may come before its paragraph.
            if (
                not dropped
                and isinstance(block, Paragraph)
                and isinstance(previous, Epigraph | None)
            ):
                # Enough following paragraphs to run past the drop cap's lines.
                run = [block]
                items.extend(self.drop_cap(run))
                dropped = True
                i += len(run)
                previous = run[-1]
                continue
            made = self.block(block, previous, images)
            j = len(items) - 1
            while j > 0 and isinstance(items[j], Spacer):
                j -= 1
            if isinstance(block, Attribution) and isinstance(items[j], RLParagraph):
                items[j:] = [WithTail(items[j], [*items[j + 1 :], *made])]
            else:
                items.extend(made)
            previous = block
            i += 1
        return items

    def label(self, text: str, colour: str, *, after: float = 0, size: float | None = None) -> Any:
        from makedocs.booklet.labels import Label

        return Label(
            text,
            self.ctx.fonts,
            self.style.label_family,
            size or self.style.size("label_size"),
            self.style.colour(colour),
            after=after,
        )

    def drop_cap(self, blocks: list[Paragraph]) -> Any:
        """The story's first paragraph with a drop cap, or plainly if it does not start with
        a Latin letter. The cap spans the theme's ``drop_cap_lines``, or fewer if the
        paragraph is shorter (a one-line opening gets none): a cap must never hang below
        its paragraph.
        """
        from reportlab.platypus import ImageAndFlowables

        first_block = blocks[0]
        content = list(first_block.content)
        first = content[0] if content else None
        text = first.text if isinstance(first, Text) else ""
        split = 0
        while split < len(text) and text[split] in _OPENERS:
            split += 1
        lines = self.style.drop_cap_lines
        plain = [self.para(self.markup(first_block.content), self.first)]
        plain += [self.para(self.markup(b.content), self.body) for b in blocks[1:]]
        if (
            lines < 2
            or split >= len(text)
            or not text[split].isalpha()
            or ord(text[split]) > 0x24F  # Latin only: a Hangul initial is not a convention
        ):
            return plain
        initial, rest = text[: split + 1], text[split + 1 :]
        content[0] = Text(rest)
        probe = self.para(self.markup(tuple(content)), self.first)
        probe.wrap(self.style.geometry.text_width - self.first.fontSize * 3, 10_000)
        lines = min(lines, len(probe.blPara.lines))
        if lines < 2:
            return plain
        cap = DropCap(
            initial,
            self.font(self.style.display_family, "regular"),
            self.style.colour("accent"),
            body_font=self.first.fontName,
            body_size=self.first.fontSize,
            leading=self.leading,
            lines=lines,
            gap=self.first.fontSize * 0.3,
        )
        wrapped = [self.para(self.markup(tuple(content)), self.first), *plain[1:]]
        return [
            ImageAndFlowables(
                cap,
                wrapped,
                imageSide="left",
                imageLeftPadding=0,
                imageRightPadding=0,
                imageTopPadding=0,
                imageBottomPadding=0,
            )
        ]

    def block(self, block: Block, previous: Block | None, images: ImagePlacer) -> list[Any]:
        from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

        leading = self.leading
        match block:
            case Paragraph(content=content):
                first = not isinstance(previous, Paragraph)
                return [self.para(self.markup(content), self.first if first else self.body)]
            case Heading(content=content):
                # Room for the heading and three lines, else start it on the next page.
                # (keepWithNext would move a whole long paragraph and leave a gap.)
                return [
                    CondPageBreak(leading * 5),
                    self.para(self.markup(content, None, "bold"), self.heading),
                ]
            case PullQuote(content=content, attribution=attribution):
                width = self.style.geometry.text_width * 0.3
                colour = self.style.colour("rule")
                parts: list[Any] = [
                    Rule(width, colour, before=leading * 0.8, after=leading * 0.75),
                    self.para(self.markup(content, self.style.display_family, "italic"), self.pull),
                ]
                if attribution:
                    parts.append(self.para(self.text(f"— {attribution}"), self.pull_by))
                parts.append(Rule(width, colour, before=leading * 0.55, after=leading * 0.95))
                return [KeepTogether(parts)]
            case Epigraph(content=content, attribution=attribution):
                parts = [self.para(self.markup(content, None, "italic"), self.epigraph)]
                if attribution:
                    parts.append(self.para(self.text(f"— {attribution}"), self.epigraph_by))
                parts.append(Spacer(1, leading * 1.2))
                return [KeepTogether(parts)]
            case Quote(paragraphs=paragraphs, attribution=attribution):
                parts = [Spacer(1, leading * 0.5)]
                parts.extend(self.para(self.markup(p), self.quote) for p in paragraphs)
                if attribution:
                    parts.append(
                        self.para(self.text(f"— {attribution}", None, "italic"), self.quote_by)
                    )
                parts.append(Spacer(1, leading * 0.5))
                return parts
            case Attribution(text=text):
                return [self.para(self.text(f"— {text}", None, "italic"), self.attribution)]
            case ListBlock(ordered=ordered, items=items, start=start):
                out: list[Any] = [Spacer(1, leading * 0.25)]
                for i, item in enumerate(items):
                    bullet = f"{start + i}." if ordered else "•"
                    out.append(
                        self.para(
                            f"<bullet>{escape(bullet)}</bullet>{self.markup(item)}", self.item
                        )
                    )
                out.append(Spacer(1, leading * 0.4))
                return out
            case CallToAction(text=text, url=url):
                link = f'<a href="{_attr(url)}">{self.text(url)}</a>'
                return [self.para(self.text(text, None, "bold") + "<br/>" + link, self.cta)]
            case Divider():
                return [
                    self.label(
                        "*   *   *", "accent", size=self.style.size("body_size"), after=0
                    ).spaced(leading, leading)
                ]
            case Image():
                return images.flowables(block, max_height=self.style.geometry.text_height * 0.6)
        raise TypeError(f"not a block: {block!r}")

    # --- contents ------------------------------------------------------------------------

    def contents_heading(self) -> list[Any]:
        from reportlab.platypus import Spacer

        from makedocs.booklet.flowables import Rule

        return [
            Spacer(1, self.style.geometry.text_height * 0.14),
            self.para(self.text("Contents", self.style.display_family), self.title),
            Rule(
                self.style.size("body_size") * 3,
                self.style.colour("rule"),
                thickness=0.8,
                before=self.leading * 0.9,
                after=self.leading * 1.6,
                align="left",
            ),
        ]

    def contents_table(self, stories: list[tuple[str, Story]]) -> Any:
        """A function giving the contents Table for {key: page} of the previous pass."""

        def rows(pages: dict[str, int], width: float) -> Any:
            from reportlab.platypus import Table, TableStyle

            data = []
            display = self.style.display_family
            for key, story in stories:
                page = pages.get(key)
                cell = [
                    self.para(
                        f'<a href="#{key}">{self.text(story.title, display)}</a>', self.toc_title
                    )
                ]
                more = story.subtitle or story.byline
                if more:
                    cell.append(self.para(self.text(more, display, "italic"), self.toc_sub))
                number = str(page) if page is not None else "00"
                data.append([cell, self.para(f'<a href="#{key}">{number}</a>', self.toc_page)])
            number_width = self.style.size("toc_size") * 2.4
            table = Table(data, colWidths=(width - number_width, number_width), hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        # Cells hold paragraphs, but the table still sets a font and colour for
                        # them: name ours, or an unembedded Helvetica and RGB black creep in.
                        ("FONTNAME", (0, 0), (-1, -1), self.toc_title.fontName),
                        ("TEXTCOLOR", (0, 0), (-1, -1), self.style.colour("ink")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), self.leading * 0.75),
                    ]
                )
            )
            return table

        return rows


class ImagePlacer:
    """Images scaled to the text block, at print resolution, with caption and credit."""

    def __init__(self, ctx: BuildContext, typesetter: Typesetter, style: BookletStyle) -> None:
        self.ctx = ctx
        self.t = typesetter
        self.style = style

    def flowables(self, image: Image, *, max_height: float) -> list[Any]:
        from io import BytesIO

        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Image as RLImage
        from reportlab.platypus import KeepTogether, Spacer

        width = self.style.geometry.text_width
        ppi = self.style.image_ppi
        path = self.ctx.image_path(image.base_dir, image.path)
        prepared = self.ctx.images.get(
            Path(path),
            max_px=max(1, round(max(width, max_height) / 72 * ppi)),
            cmyk=self.style.cmyk,
            ref_file=image.source.file,
            ref_line=image.source.line,
        )
        # Fit the text block, but never enlarge a small picture past the theme's minimum ppi.
        printed = min(
            width, max_height * prepared.aspect, prepared.width * 72 / self.style.image_min_ppi
        )
        height = printed / prepared.aspect
        ppi_now = prepared.ppi_at(printed)
        if ppi_now < self.style.image_warn_ppi:
            self.ctx.warned.warn(
                f"image {image.path} prints at {ppi_now:.0f} ppi (below "
                f"{self.style.image_warn_ppi:.0f}); use a larger original for a sharp print",
                image.source.file,
                image.source.line,
            )
        data = prepared.data
        if self.style.cmyk and prepared.mode not in ("CMYK", "L"):
            data = _cmyk_pixels(data)
        picture = RLImage(
            BytesIO(data),
            width=printed,
            height=height,
            mask="auto" if prepared.has_alpha and data is prepared.data else None,
        )
        picture.hAlign = "CENTER"
        picture.spaceBefore = self.t.leading * 0.5
        parts: list[Any] = [picture]
        # The caption hangs from the picture's left edge, not the text block's.
        inset = (width - printed) / 2
        caption = ParagraphStyle(
            "caption-in", parent=self.t.caption, leftIndent=inset, rightIndent=inset
        )
        credit = ParagraphStyle(
            "credit-in", parent=self.t.credit, leftIndent=inset, rightIndent=inset
        )
        if image.caption:
            parts.append(self.t.para(self.t.text(image.caption, None, "italic"), caption))
        if image.credit:
            style = credit if image.caption else caption
            parts.append(self.t.para(self.t.text(image.credit, self.style.label_family), style))
        parts.append(Spacer(1, self.t.leading * 0.8))
        return [KeepTogether(parts)]


def _cmyk_pixels(data: bytes) -> bytes:
    """A prepared PNG (graphics, transparency: images.py keeps those RGB) as a lossless CMYK
    TIFF, flattened onto white paper, with the same black generation as photos."""
    from io import BytesIO

    from PIL import Image as PILImage

    from makedocs.images import _rgb_to_cmyk  # one conversion rule for every picture

    with PILImage.open(BytesIO(data)) as source:
        rgba = source.convert("RGBA")
    paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = PILImage.alpha_composite(paper, rgba).convert("RGB")
    out = BytesIO()
    _rgb_to_cmyk(flat).save(out, "TIFF", compression="tiff_deflate")
    return out.getvalue()


def check_images(stories: list[Story], ctx: BuildContext) -> None:
    """Fail early, with the source line, if a referenced picture is missing."""
    for story in stories:
        blocks: list[Any] = [story.image] if story.image else []
        blocks.extend(b for b in story.blocks if isinstance(b, Image))
        for image in blocks:
            path = ctx.image_path(image.base_dir, image.path)
            if not Path(path).is_file():
                raise MakedocsError(
                    f"image not found: {image.path}", image.source.file, image.source.line
                )


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _with(style: str, extra: str) -> str:
    parts = set(style.split("_")) - {"regular"}
    parts.add(extra)
    return "bold_italic" if parts == {"bold", "italic"} else extra if len(parts) == 1 else style
