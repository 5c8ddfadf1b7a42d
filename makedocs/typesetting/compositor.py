"""Setting type with ReportLab: run markup, paragraph styles, measuring, lines and fitting.

A ``Compositor`` holds what every PDF renderer needs to set text: the build's fonts (parsed
once, embedded as subsets), the palette (theme colours as RGB or CMYK ReportLab colours) and the
hyphenation language. Markup is written run by run, each run naming the first font of the
family's fallback chain that has its glyphs, so Hangul inside an English sentence is set in
the Korean face while the Latin stays in the text face.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from makedocs.fonts import FontBook
from makedocs.model import Emphasis, Inlines, LineBreak, Link, Metadata, Strong, Text
from makedocs.typesetting import wrapping
from makedocs.typesetting.hyphenation import Hyphenator
from makedocs.typesetting.styles import Palette, TextStyle
from makedocs.xmltext import xml_attribute, xml_text

#: Fitting steps a paragraph's size down by this many points at a time.
FIT_STEP = 0.5
#: A paragraph is never taller than this while it is measured (a page is far shorter).
_UNBOUNDED = 100_000.0
_NEWLINE = "\n"


class Compositor:
    def __init__(
        self, fonts: FontBook, palette: Palette, language: str = "", keep: Iterable[str] = ()
    ) -> None:
        """``language`` is the pyphen dictionary to hyphenate with ("" for none, see
        hyphenation.patterns); the words of ``keep`` are never hyphenated."""
        self.fonts = fonts
        self.palette = palette
        self.language = language
        self.hyphenator = Hyphenator(language, keep) if language else None

    # --- fonts and markup ----------------------------------------------------------------

    def font(self, family: str, style: str = "regular") -> str:
        """The name ``family``'s ``style`` face is registered under (registering it)."""
        fonts = self.fonts
        return fonts.font(fonts.family(family).file(style)).fontName

    def markup(self, text: str, family: str, style: str = "regular", base: str = "") -> str:
        """Paragraph markup for plain ``text``: escaped, one ``<font>`` per run, a newline a
        line break. Runs in ``base``, the font of the paragraph the markup goes in, need no
        ``<font>``."""
        fonts = self.fonts
        out = []
        for run in fonts.runs(text, family, style):
            name = fonts.font(run.font).fontName
            shown = xml_text(run.text).replace(_NEWLINE, "<br/>")
            out.append(shown if name == base else f'<font name="{name}">{shown}</font>')
        return "".join(out)

    def inlines(self, content: Inlines, family: str, style: str = "regular", base: str = "") -> str:
        """Paragraph markup for the model's inlines: emphasis and strong change the face,
        links stay links. ``base``: as for ``markup``."""
        out: list[str] = []
        for node in content:
            match node:
                case Text(text=text):
                    out.append(self.markup(text, family, style, base))
                case Emphasis(children=children):
                    out.append(self.inlines(children, family, with_face(style, "italic"), base))
                case Strong(children=children):
                    out.append(self.inlines(children, family, with_face(style, "bold"), base))
                case Link(children=children, url=url):
                    out.append(link(url, self.inlines(children, family, style, base)))
                case LineBreak():
                    out.append("<br/>")
        return "".join(out)

    # --- paragraphs ----------------------------------------------------------------------

    def paragraph_style(self, name: str, ts: TextStyle, **changes: Any) -> Any:
        """A ReportLab ParagraphStyle for ``ts`` (``changes`` are ParagraphStyle keywords)."""
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        align = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER, "justify": TA_JUSTIFY}
        font = self.font(ts.family, ts.style)
        hyphenate = ts.hyphenate and self.hyphenator is not None
        settings: dict[str, Any] = dict(
            fontName=font,
            fontSize=ts.size,
            leading=ts.leading,
            alignment=align[ts.align],
            textColor=self.palette[ts.colour],
            leftIndent=ts.indent_left,
            rightIndent=ts.indent_right,
            firstLineIndent=ts.first_line_indent,
            spaceBefore=ts.space_before,
            spaceAfter=ts.space_after,
            bulletFontName=font,
            bulletFontSize=ts.size,
            bulletIndent=ts.bullet_indent,
            hyphenationLang=self.hyphenator if hyphenate else "",
            embeddedHyphenation=1 if hyphenate else 0,
            # Never one line of a paragraph alone at the foot or head of a page.
            allowWidows=0,
            allowOrphans=0,
            splitLongWords=1,
            uriWasteReduce=0.3,  # break a URL rather than leave 30% of a line empty
            # Justified spaces stretch at most this much (times the font's own space); a
            # looser line is set ragged (0: no limit). Read by flowables.Text.
            maxWordSpace=ts.max_word_space if ts.align == "justify" else 0.0,
        )
        settings.update(changes)
        return ParagraphStyle(name, **settings)

    def paragraph(self, markup: str, style: Any) -> Any:
        from makedocs.typesetting.flowables import Text

        return Text(markup, style)

    def measure(self, markup: str, style: Any, width: float) -> float:
        """Height of the balanced paragraph ``markup`` set ``width`` wide."""
        from makedocs.typesetting.flowables import balanced

        return balanced(markup, style).wrap(width, _UNBOUNDED)[1]

    def draw_paragraph(
        self, canvas: Any, markup: str, style: Any, x: float, top: float, width: float
    ) -> float:
        """Draw a balanced paragraph with its top at ``top``; return its height."""
        from makedocs.typesetting.flowables import balanced

        para = balanced(markup, style)
        _w, height = para.wrapOn(canvas, width, _UNBOUNDED)
        para.drawOn(canvas, x, top - height)
        return height

    def fit(self, markup: str, style: Any, width: float, height: float, smallest: float) -> Any:
        """``style`` at the largest size, from its own down to ``smallest`` in FIT_STEP steps
        (leading scaled alike), at which the balanced paragraph fits ``width`` x ``height``;
        at ``smallest`` if none does."""
        from reportlab.lib.styles import ParagraphStyle

        size = style.fontSize
        while True:
            fitted = (
                style
                if size == style.fontSize
                else ParagraphStyle(
                    style.name,
                    parent=style,
                    fontSize=size,
                    leading=style.leading * size / style.fontSize,
                )
            )
            if self.measure(markup, fitted, width) <= height or size <= smallest:
                return fitted
            size = max(smallest, size - FIT_STEP)

    # --- one-line text (labels, running heads, folios) -----------------------------------

    def cased(self, text: str, ts: TextStyle) -> str:
        return text.upper() if ts.capitals else text

    def line_width(self, text: str, ts: TextStyle) -> float:
        """Width of ``text`` set on one line in ``ts``, letter spacing included."""
        width = self.fonts.width(text, ts.family, ts.style, ts.size)
        return width + ts.tracking * max(len(text) - 1, 0)

    def fit_line(self, text: str, ts: TextStyle, width: float) -> str:
        """``text`` (in capitals if ``ts`` says so) shortened to fit ``width``."""
        return wrapping.shorten(
            self.cased(text, ts), lambda line: self.line_width(line, ts) <= width
        )

    def wrap_line(self, text: str, ts: TextStyle, width: float) -> list[str]:
        """``text`` (in capitals if ``ts`` says so) wrapped greedily to ``width``."""
        return wrapping.wrap(self.cased(text, ts), lambda line: self.line_width(line, ts) <= width)

    def draw_line(
        self, canvas: Any, x: float, y: float, text: str, ts: TextStyle, *, align: str = "left"
    ) -> float:
        """Draw ``text`` as one letter-spaced line with its baseline at ``y``, starting at
        ``x`` (or centred on it, or ending at it); return its width."""
        width = self.line_width(text, ts)
        if align == "centre":
            x -= width / 2
        elif align == "right":
            x -= width
        canvas.saveState()
        canvas.setFillColor(self.palette[ts.colour])
        obj = canvas.beginText(x, y)
        obj.setCharSpace(ts.tracking)
        for run in self.fonts.runs(text, ts.family, ts.style):
            obj.setFont(self.fonts.font(run.font).fontName, ts.size)
            obj.textOut(run.text)
        canvas.drawText(obj)
        canvas.restoreState()
        return width


def document_info(meta: Metadata, *, title: str, font: str) -> dict[str, Any]:
    """Keyword arguments every makedocs PDF passes to its ReportLab document or canvas: the
    metadata makedocs.toml gives and nothing else, no dates or random IDs (the same input gives
    the same bytes), and a first font from the theme (else every page references an
    unembedded Helvetica)."""
    return dict(
        title=title,
        author=meta.organisation or "",
        subject=meta.subtitle or "",
        creator="makedocs",
        producer="makedocs",
        keywords=[],
        lang=meta.language,
        invariant=1,
        pageCompression=1,
        initialFontName=font,
    )


def link(url: str, inner: str) -> str:
    """``inner`` markup as a link to ``url``."""
    href = xml_attribute(url)
    return f'<a href="{href}">{inner}</a>'


def with_face(style: str, extra: str) -> str:
    """``style`` with ``extra`` (italic or bold) added: italic + bold is bold_italic."""
    parts = set(style.split("_")) - {"regular"}
    parts.add(extra)
    return "bold_italic" if parts == {"bold", "italic"} else extra if len(parts) == 1 else style
