"""Stories -> platypus flowables: one arm per block type, each kind of element set in the style
its theme table gives (``[booklet.body]``, ``[booklet.pull_quote]``, ...).

Text goes through the shared compositor (makedocs.typesetting), which writes run markup so
Hangul inside an English sentence is set in Nanum Myeongjo while the Latin stays in Noto Serif.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makedocs.booklet.blocks import BlockSetter
from makedocs.booklet.flowables import (
    DropCapParagraph,
    Folio,
    Initial,
    Marker,
    WithTail,
    drop_cap_markup,
    folio_form,
    place,
)
from makedocs.booklet.style import ROLES, BookletStyle
from makedocs.context import BuildContext
from makedocs.errors import MakedocsError
from makedocs.model import (
    Attribution,
    Block,
    CallToAction,
    CodeBlock,
    Divider,
    Epigraph,
    Heading,
    Image,
    Inlines,
    ListBlock,
    Paragraph,
    PullQuote,
    Quote,
    Story,
    Table,
    Text,
    block_text,
)
from makedocs.theme import STYLES
from makedocs.typesetting.compositor import link
from makedocs.typesetting.flowables import Label, PictureBox, Rule, balanced
from makedocs.typesetting.styles import RuleStyle, TextStyle
from makedocs.xmltext import xml_text

if TYPE_CHECKING:
    from makedocs.adapters.reportlab import Picture
    from makedocs.images import PreparedImage

# Opening punctuation that joins the first letter in a drop cap (“T… reads as one unit).
_OPENERS = "\"'“‘«(["
_FIRST_WORD = re.compile(r"\s*\S+")
#: The element tables of the text pages, each read into a paragraph style.
_ELEMENTS = (
    "body",
    "heading",
    "title",
    "subtitle",
    "kicker",
    "byline",
    "pull_quote",
    "pull_quote.attribution",
    "epigraph",
    "epigraph.attribution",
    "quote",
    "quote.attribution",
    "attribution",
    "list",
    "call_to_action",
    "divider",
    "caption",
    "credit",
    "contents",
    "contents.subtitle",
    "contents.page",
)
_UNBOUNDED = 100_000.0


class Typesetter:
    """Paragraph styles from the theme's element tables, and the block -> flowable mapping."""

    def __init__(
        self, ctx: BuildContext, style: BookletStyle, language: str, names: Iterable[str] = ()
    ) -> None:
        """``names``: words never hyphenated (those of the titles the running heads show)."""
        self.ctx = ctx
        self.style = style
        self.c = style.compositor(ctx.fonts, language, keep=names)
        self.leading = style.line
        self.elements: dict[str, TextStyle] = {}
        self.styles: dict[str, Any] = {}
        self.max_word_space = style.element("body").max_word_space
        for path in _ELEMENTS:
            self.define(path)
        # A story's first paragraph, and one after a heading, quote or list, is not indented.
        self.styles["first"] = self.c.paragraph_style(
            "first", self.elements["body"], firstLineIndent=0
        )
        self.elements["first"] = self.elements["body"]
        t = style.table
        self.heading_room = t("heading").length("keep_room", line=self.leading)
        opener = t("opener")
        text_height = style.geometry.text_height
        self.sink = opener.length("sink", line=self.leading, share=text_height)
        self.opener_image_height = opener.length(
            "image_max_height", line=self.leading, share=text_height, positive=True
        )
        self.opener_image_after = opener.length("image_space_after", line=self.leading)
        self.title_rule = style.rule("title_rule")
        contents = t("contents")
        self.contents_title = contents.text("heading")
        self.contents_heading_space = contents.length("heading_space", line=self.leading)
        self.contents_entry_space = contents.length("entry_space", line=self.leading)
        self.contents_number_width = contents.length(
            "number_width", em=self.elements["contents"].size, positive=True
        )
        pull_rule = t("pull_quote", "rule")
        self.pull_rule = style.rule("pull_quote", "rule")
        self.pull_inner = (
            pull_rule.length("inner_before", line=self.leading),
            pull_rule.length("inner_after", line=self.leading),
        )
        self.gaps = {
            name: tuple(
                t(name).length(key, line=self.leading) if key in t(name) else 0.0
                for key in ("gap_before", "gap_after")
            )
            for name in ("byline", "epigraph", "quote", "list")
        }
        self.bullet = t("list").text("bullet")
        self.cta_link_style = t("call_to_action").choice("link_style", STYLES)
        self.divider = t("divider").text("text")
        drop = t("drop_cap")
        self.drop_lines = int(drop.number("lines", whole=True))
        self.drop_font = self.c.font(
            style.roles[drop.choice("font", ROLES)], drop.choice("style", STYLES)
        )
        self.drop_colour = style.colour(drop.colour("colour"))
        self.drop_gap = drop.length("gap")
        image = t("image")
        self.image_max_height = image.length(
            "max_height", line=self.leading, share=text_height, positive=True
        )
        self.image_space = (
            image.length("space_before", line=self.leading),
            image.length("space_after", line=self.leading),
        )
        self.blocks = BlockSetter(self)  # tables and code ([booklet.table], [booklet.code])

    def define(self, path: str) -> None:
        """Read ``[booklet.PATH]`` into a TextStyle and its ParagraphStyle."""
        ts = self.style.element(*path.split("."))
        if ts.align == "justify" and not ts.max_word_space:
            # The body's limit holds for every justified element (quotes, lists).
            ts = replace(ts, max_word_space=self.max_word_space)
        self.elements[path] = ts
        self.styles[path] = self.c.paragraph_style(path, ts)

    # --- text ----------------------------------------------------------------------------

    def font(self, family: str, style: str) -> str:
        return self.c.font(family, style)

    def inlines(self, content: Inlines, element: str, style: str | None = None) -> str:
        """Markup for ``content`` in ``element``'s family and style (or ``style``)."""
        ts = self.elements[element]
        base = self.styles[element].fontName
        return self.c.inlines(content, ts.family, style or ts.style, base)

    def text(self, text: str, element: str, style: str | None = None) -> str:
        """Markup for plain ``text`` in ``element``'s family and style (or ``style``)."""
        ts = self.elements[element]
        return self.c.markup(text, ts.family, style or ts.style, self.styles[element].fontName)

    def para(self, markup: str, element: str) -> Any:
        return self.c.paragraph(markup, self.styles[element])

    def set(self, content: Inlines, element: str) -> Any:
        """A paragraph of ``content`` set as ``element``."""
        return self.para(self.inlines(content, element), element)

    def set_text(self, text: str, element: str) -> Any:
        """A paragraph of plain ``text`` set as ``element``."""
        return self.para(self.text(text, element), element)

    def label(self, text: str, element: str) -> Any:
        return Label(text, self.elements[element], self.c)

    def rule(self, rule: RuleStyle, *, align: str = "centre") -> Any:
        return Rule(rule, self.style.colour(rule.colour), align=align)

    # --- stories -------------------------------------------------------------------------

    def story(
        self, story: Story, key: str, head: str, images: ImagePlacer, *, index: int
    ) -> list[Any]:
        """The flowables of one story (``collection.stories[index]``), starting on its opening
        page. Each flowable set from a block carries its Position in the story, for the page
        map."""
        from reportlab.platypus import KeepTogether, Spacer
        from reportlab.platypus import Paragraph as RLParagraph

        opening: list[Any] = []
        if story.image is not None:
            opening.extend(images.flowables(story.image, max_height=self.opener_image_height))
            opening.append(Spacer(1, self.opener_image_after))
        else:
            opening.append(Spacer(1, self.sink))
        if story.kicker:
            opening.append(self.label(story.kicker, "kicker"))
        opening.append(balanced(self.text(story.title, "title"), self.styles["title"]))
        if story.subtitle:
            opening.append(self.set_text(story.subtitle, "subtitle"))
        if story.byline:
            opening.extend(self.gapped("byline", [self.label(story.byline, "byline")]))
        opening.append(self.rule(self.title_rule, align="left"))
        # The marker stays outside KeepTogether: the document only sees top-level flowables.
        items: list[Any] = [
            Marker(key=key, title=story.title, head=head, story=index),
            KeepTogether(opening),
        ]
        blocks = list(story.blocks)
        previous: Block | None = None
        dropped = False
        for number, block in enumerate(blocks):
            # The cap opens the story: only an epigraph may come before its paragraph.
            if (
                not dropped
                and isinstance(block, Paragraph)
                and isinstance(previous, Epigraph | None)
            ):
                made = self.drop_cap(block)
                dropped = True
            else:
                made = self.block(block, previous, images)
            place(made, index, number, block_text(block))
            j = len(items) - 1
            while j > 0 and isinstance(items[j], Spacer):
                j -= 1
            # A closing attribution, or a paragraph of one word, never stands alone at the
            # head of a page: it travels with the last lines of the paragraph before it.
            host = items[j]
            if _tail(block) and isinstance(host, RLParagraph | WithTail):
                para, tail = (host.para, host.tail) if isinstance(host, WithTail) else (host, [])
                joined = WithTail(para, [*tail, *items[j + 1 :], *made])
                joined.position = getattr(host, "position", None)
                items[j:] = [joined]
            else:
                items.extend(made)
            previous = block
        return items

    def drop_cap(self, block: Paragraph) -> list[Any]:
        """The story's first paragraph with a drop cap, or plainly if it does not start with
        a Latin letter or takes one line only. The cap spans the theme's ``lines``, or as many
        as the paragraph has: a cap never hangs below its paragraph, nor leaves a line empty.
        """
        from reportlab.pdfbase import pdfmetrics

        content = list(block.content)
        first = content[0] if content else None
        text = first.text if isinstance(first, Text) else ""
        split = 0
        while split < len(text) and text[split] in _OPENERS:
            split += 1
        plain = [self.set(block.content, "first")]
        if (
            self.drop_lines < 2
            or split >= len(text)
            or not text[split].isalpha()
            or ord(text[split]) > 0x24F  # Latin only: a Hangul initial is not a convention
        ):
            return plain
        letters, rest = text[: split + 1], text[split + 1 :]
        # The rest of the first word ("haring"; " went" after a one-letter word "I") is read
        # together with the initial.
        word = _FIRST_WORD.match(rest)
        end = word.end() if word else len(rest)
        style = self.styles["first"]
        markup = drop_cap_markup(
            self.inlines((Text(rest[:end]),), "first"),
            self.inlines((Text(rest[end:]), *content[1:]), "first"),
        )
        body = pdfmetrics.getFont(style.fontName).face
        initial = Initial(
            text=letters,
            word=letters + rest[:end],
            font=self.drop_font,
            colour=self.drop_colour,
            lines=self.drop_lines,
            gap=self.drop_gap,
            body_cap=body.capHeight / 1000 * style.fontSize,
            leading=self.leading,
            alone=rest[:1].isspace(),
        )
        para = DropCapParagraph(markup, style, initial=initial)
        para.wrap(self.style.geometry.text_width, _UNBOUNDED)
        return [para] if para.text_lines >= 2 else plain

    def block(self, block: Block, previous: Block | None, images: ImagePlacer) -> list[Any]:
        from reportlab.platypus import CondPageBreak, KeepTogether

        match block:
            case Paragraph(content=content):
                first = not isinstance(previous, Paragraph)
                return [self.set(content, "first" if first else "body")]
            case Heading(content=content):
                # Room for the heading and a few lines, else start it on the next page.
                # (keepWithNext would move a whole long paragraph and leave a gap.)
                return [CondPageBreak(self.heading_room), self.set(content, "heading")]
            case PullQuote(content=content, attribution=attribution):
                inner_before, inner_after = self.pull_inner
                rule = self.pull_rule
                parts: list[Any] = [
                    self.rule(replace(rule, space_after=inner_before)),
                    self.set(content, "pull_quote"),
                ]
                if attribution:
                    parts.append(self.set_text(f"— {attribution}", "pull_quote.attribution"))
                parts.append(self.rule(replace(rule, space_before=inner_after)))
                return [KeepTogether(parts)]
            case Epigraph(content=content, attribution=attribution):
                parts = [self.set(content, "epigraph")]
                if attribution:
                    parts.append(self.set_text(f"— {attribution}", "epigraph.attribution"))
                return [KeepTogether(self.gapped("epigraph", parts))]
            case Quote(paragraphs=paragraphs, attribution=attribution):
                parts = [self.set(p, "quote") for p in paragraphs]
                if attribution:
                    cite = self.set_text(f"— {attribution}", "quote.attribution")
                    # Never alone at the head of a page: it goes with the quote's last lines.
                    parts[-1:] = [WithTail(parts[-1], [cite])] if parts else [cite]
                return self.gapped("quote", parts)
            case Attribution(text=text):
                return [self.set_text(f"— {text}", "attribution")]
            case ListBlock(ordered=ordered, items=items, start=start):
                parts = []
                for i, item in enumerate(items):
                    bullet = f"{start + i}." if ordered else self.bullet
                    parts.append(
                        self.para(
                            f"<bullet>{xml_text(bullet)}</bullet>{self.inlines(item, 'list')}",
                            "list",
                        )
                    )
                return self.gapped("list", parts)
            case CallToAction(text=text, url=url):
                address = link(url, self.text(url, "call_to_action", self.cta_link_style))
                return [
                    self.para(
                        f"{self.text(text, 'call_to_action')}<br/>{address}", "call_to_action"
                    )
                ]
            case Divider():
                return [self.label(self.divider, "divider")]
            case Image():
                return images.flowables(block, max_height=self.image_max_height)
            case Table():
                return self.blocks.table(block)
            case CodeBlock():
                return self.blocks.code_block(block)
        raise TypeError(f"not a block: {block!r}")

    def gapped(self, element: str, parts: list[Any]) -> list[Any]:
        """``parts`` with the element's fixed gaps before and after."""
        from reportlab.platypus import Spacer

        before, after = self.gaps[element]
        return [
            *([Spacer(1, before)] if before else []),
            *parts,
            *([Spacer(1, after)] if after else []),
        ]

    # --- contents ------------------------------------------------------------------------

    def contents_heading(self) -> list[Any]:
        from reportlab.platypus import Spacer

        return [
            Spacer(1, self.sink),
            self.set_text(self.contents_title, "title"),
            self.rule(
                replace(self.title_rule, space_after=self.contents_heading_space), align="left"
            ),
        ]

    def contents_table(self, stories: list[tuple[str, Story]], width: float) -> Any:
        """The contents: each story's title (and subtitle or byline) and the page it opens
        on, ``width`` wide. The page numbers are Folio forms (see contents_folios)."""
        from reportlab.platypus import Spacer, Table, TableStyle

        data = []
        number_width = self.contents_number_width
        entry_leading = self.styles["contents"].leading
        number_height = self.styles["contents.page"].leading
        for key, story in stories:
            # Balanced like the title it lists: no lone word, no name broken.
            title = balanced(
                link(f"#{key}", self.text(story.title, "contents")), self.styles["contents"]
            )
            cell = [title]
            more = story.subtitle or story.byline
            if more:
                cell.append(self.set_text(more, "contents.subtitle"))
            # The number stands on the title's last line, however many lines it wraps to.
            _w, height = title.wrap(width - number_width, _UNBOUNDED)
            drop = max(round(height / entry_leading) - 1, 0) * entry_leading
            numbers = [Folio(key, number_width, number_height)]
            data.append([cell, [Spacer(1, drop), *numbers] if drop else numbers])
        table = Table(data, colWidths=(width - number_width, number_width), hAlign="LEFT")
        entry = self.styles["contents"]
        table.setStyle(
            TableStyle(
                [
                    # Cells hold paragraphs, but the table still sets a font and colour for
                    # them: name ours, or an unembedded Helvetica and RGB black creep in.
                    ("FONTNAME", (0, 0), (-1, -1), entry.fontName),
                    ("TEXTCOLOR", (0, 0), (-1, -1), entry.textColor),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.contents_entry_space),
                ]
            )
        )
        return table

    def contents_folios(self, canvas: Any, pages: dict[str, int]) -> None:
        """Draw the form of each contents entry's page number (Folio), now that the layout has
        placed every story: ``pages`` maps a story's key to the page it opens on."""
        width = self.contents_number_width
        height = self.styles["contents.page"].leading
        for key, page in pages.items():
            number = self.para(str(page), "contents.page")
            canvas.beginForm(folio_form(key), 0, 0, width, height)
            number.wrapOn(canvas, width, height)
            number.drawOn(canvas, 0, 0)
            canvas.endForm()


def _tail(block: Block) -> bool:
    """Whether ``block`` must not begin a page: an attribution, or a paragraph of one word."""
    if isinstance(block, Attribution):
        return True
    return isinstance(block, Paragraph) and len(block_text(block).split()) == 1


class ImagePlacer:
    """Images scaled to the text block, at print resolution, with caption and credit.

    A picture file is prepared once, at the largest size any of its uses in ``stories``
    needs (a story's own picture has a shorter box than one in the text), and becomes one
    Picture, embedded once in the PDF however often it is used."""

    def __init__(
        self,
        ctx: BuildContext,
        typesetter: Typesetter,
        style: BookletStyle,
        stories: Iterable[Story] = (),
    ) -> None:
        self.ctx = ctx
        self.t = typesetter
        self.style = style
        self._pictures: dict[PreparedImage, Picture] = {}
        self._sizes: dict[Path, int] = {}
        for story in stories:
            uses = [(block, typesetter.image_max_height) for block in story.blocks]
            if story.image is not None:  # the opener's picture comes first on the page
                uses.insert(0, (story.image, typesetter.opener_image_height))
            for block, max_height in uses:
                if isinstance(block, Image):
                    path = self._path(block)
                    self._sizes[path] = max(self._sizes.get(path, 1), self._max_px(max_height))

    def wanted(self) -> list[tuple[Path, int]]:
        """Each picture file and the size it is prepared at, in order of first use."""
        return list(self._sizes.items())

    def _path(self, image: Image) -> Path:
        return Path(self.ctx.image_path(image.base_dir, image.path))

    def _max_px(self, max_height: float) -> int:
        """Pixels on the longer side for the theme's ppi in a box of the text width and
        ``max_height``."""
        box = max(self.style.geometry.text_width, max_height)
        return max(1, round(box / 72 * self.style.image_ppi))

    def picture(self, prepared: PreparedImage) -> Picture:
        """``prepared`` as the booklet embeds it (in press colours for a print shop)."""
        from makedocs.adapters.reportlab import Picture

        found = self._pictures.get(prepared)
        if found is None:
            if self.style.press and prepared.mode not in ("CMYK", "L"):
                found = Picture(self.style.press.flat_picture(prepared.data))
            else:
                found = Picture(prepared.data, mask=prepared.has_alpha)
            self._pictures[prepared] = found
        return found

    def flowables(self, image: Image, *, max_height: float) -> list[Any]:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import KeepTogether, Spacer

        width = self.style.geometry.text_width
        path = self._path(image)
        prepared = self.ctx.images.get(
            path,
            max_px=self._sizes.get(path) or self._max_px(max_height),
            cmyk=self.style.press,
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
        picture = PictureBox(self.picture(prepared), printed, height)
        space_before, space_after = self.t.image_space
        picture.spaceBefore = space_before
        parts: list[Any] = [picture]
        # The caption hangs from the picture's left edge, not the text block's.
        inset = (width - printed) / 2
        caption = ParagraphStyle(
            "caption-in", parent=self.t.styles["caption"], leftIndent=inset, rightIndent=inset
        )
        credit = ParagraphStyle(
            "credit-in", parent=self.t.styles["credit"], leftIndent=inset, rightIndent=inset
        )
        c = self.t.c
        if image.caption:
            parts.append(c.paragraph(self.t.text(image.caption, "caption"), caption))
        if image.credit:
            style = credit if image.caption else caption
            parts.append(c.paragraph(self.t.text(image.credit, "credit"), style))
        parts.append(Spacer(1, space_after))
        return [KeepTogether(parts)]


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
