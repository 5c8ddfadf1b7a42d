"""Front cover, inside front cover and back cover, drawn straight onto the canvas.

Covers are compositions rather than flowing text, so each is placed in fixed proportions of the
trim area. The cover colour fills the bleed as well, so a trimmed cover has no white edge.
"""

from __future__ import annotations

from typing import Any

from makedocs.booklet.labels import draw_label, fit_label
from makedocs.booklet.style import BookletStyle
from makedocs.fonts import FontBook
from makedocs.model import Metadata


class Covers:
    def __init__(
        self, meta: Metadata, style: BookletStyle, fonts: FontBook, typesetter: Any
    ) -> None:
        self.meta = meta
        self.style = style
        self.fonts = fonts
        self.t = typesetter

    def _background(self, canvas: Any) -> None:
        g = self.style.geometry
        x0, y0, x1, y1 = g.bleed_box
        canvas.saveState()
        canvas.setFillColor(self.style.colour("cover"))
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canvas.restoreState()

    def _paragraph(
        self, canvas: Any, markup: str, style: Any, x: float, top: float, width: float
    ) -> float:
        """Draw a paragraph with its top at ``top``; return its height."""
        from reportlab.platypus import Paragraph

        para = Paragraph(markup, style)
        _w, h = para.wrapOn(canvas, width, 10_000)
        # Display lines are balanced: a last line of one word ("North / Korea") is a widow
        # on a cover, so narrow the measure until the lines share the words.
        lines = para.blPara.lines
        narrower = width
        while len(lines) > 1 and _words(lines[-1]) < 2 and narrower > width * 0.6:
            narrower *= 0.93
            para = Paragraph(markup, style)
            _w, h = para.wrapOn(canvas, narrower, 10_000)
            lines = para.blPara.lines
        para.drawOn(canvas, x, top - h)
        return h

    def front(self, canvas: Any) -> None:
        from reportlab.lib.enums import TA_LEFT
        from reportlab.lib.styles import ParagraphStyle

        g, s, meta = self.style.geometry, self.style, self.meta
        self._background(canvas)
        o = g.offset
        left = o + g.inner + 6
        width = g.width - (g.inner + 6) - g.outer
        ink = s.colour("cover_ink")
        display = s.display_family
        label_size = s.size("label_size")
        # A hairline and the organisation across the top, like a publisher's imprint.
        top = o + g.height - g.top
        if meta.organisation:
            draw_label(
                canvas,
                left,
                top,
                fit_label(meta.organisation, self.fonts, s.label_family, label_size * 1.1, width),
                self.fonts,
                s.label_family,
                label_size * 1.1,
                ink,
            )
            canvas.saveState()
            canvas.setStrokeColor(ink)
            canvas.setLineWidth(0.6)
            canvas.line(left, top - label_size * 1.4, left + width, top - label_size * 1.4)
            canvas.restoreState()
        size = s.size("cover_title_size")
        title = ParagraphStyle(
            "covertitle",
            fontName=self.t.font(display, "regular"),
            fontSize=size,
            leading=size * 1.1,
            textColor=ink,
            alignment=TA_LEFT,
        )
        # The title block sits on a line a little above the middle (optical centre).
        y = o + g.height * 0.62
        y -= self._paragraph(canvas, self.t.text(meta.title, display), title, left, y, width)
        canvas.saveState()
        canvas.setStrokeColor(s.colour("cover_rule") if "cover_rule" in s.colours else ink)
        canvas.setLineWidth(1.2)
        y -= size * 0.45
        canvas.line(left, y, left + size * 1.6, y)
        canvas.restoreState()
        y -= size * 0.45
        if meta.subtitle:
            sub = s.size("cover_subtitle_size")
            subtitle = ParagraphStyle(
                "coversub",
                fontName=self.t.font(display, "italic"),
                fontSize=sub,
                leading=sub * 1.35,
                textColor=ink,
                alignment=TA_LEFT,
            )
            self._paragraph(
                canvas, self.t.text(meta.subtitle, display, "italic"), subtitle, left, y, width
            )

    def inside(self, canvas: Any) -> None:
        """About the organisation, set low on the page like a colophon."""
        from reportlab.lib.enums import TA_LEFT
        from reportlab.lib.styles import ParagraphStyle

        g, s, meta = self.style.geometry, self.style, self.meta
        o = g.offset
        left = g.text_left(2)
        width = g.text_width
        bottom = o + g.bottom
        body = s.size("body_size")
        blocks: list[tuple[str, Any]] = []
        small = ParagraphStyle(
            "about",
            alignment=TA_LEFT,
            hyphenationLang="",
            parent=self.t.first,
            fontSize=body * 0.9,
            leading=s.size("leading") * 0.92,
            textColor=s.colour("ink"),
        )
        if meta.about:
            blocks.append((self.t.text(meta.about), small))
        if meta.url:
            link = ParagraphStyle(
                "aboutlink",
                parent=small,
                textColor=s.colour("accent"),
                spaceBefore=body * 0.6,
                hyphenationLang="",
            )
            blocks.append((f'<a href="{_attr(meta.url)}">{self.t.text(_bare(meta.url))}</a>', link))
        from reportlab.platypus import Paragraph

        paras = [Paragraph(m, st) for m, st in blocks]
        heights = [p.wrapOn(canvas, width, 10_000)[1] for p in paras]
        total = sum(heights) + sum(p.style.spaceBefore for p in paras[1:])
        label = s.size("label_size")
        y = bottom + total
        if meta.organisation:
            draw_label(
                canvas,
                left,
                y + label * 2.2,
                fit_label(meta.organisation, self.fonts, s.label_family, label, width),
                self.fonts,
                s.label_family,
                label,
                s.colour("accent"),
            )
        for i, (para, h) in enumerate(zip(paras, heights, strict=True)):
            if i:
                y -= para.style.spaceBefore
            para.drawOn(canvas, left, y - h)
            y -= h

    def back(self, canvas: Any) -> None:
        """Call to action, the URL and a QR code that opens it."""
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        g, s, meta = self.style.geometry, self.style, self.meta
        self._background(canvas)
        o = g.offset
        ink = s.colour("cover_ink")
        display = s.display_family
        centre = o + g.width / 2
        width = g.width - g.inner - g.outer
        left = centre - width / 2
        y = o + g.height * 0.74
        if meta.call_to_action:
            size = s.size("cover_subtitle_size") * 1.45
            cta = ParagraphStyle(
                "cta",
                fontName=self.t.font(display, "regular"),
                fontSize=size,
                leading=size * 1.25,
                textColor=ink,
                alignment=TA_CENTER,
            )
            y -= self._paragraph(
                canvas, self.t.text(meta.call_to_action, display), cta, left, y, width
            )
            y -= size * 1.2
        if meta.url:
            side = min(g.width * 0.3, 120.0)
            quiet = side * 0.1
            draw_qr(
                canvas,
                meta.url,
                centre - side / 2,
                y - side,
                side,
                quiet,
                dark=s.colour("cover"),
                light=s.colour("paper"),
            )
            y -= side + quiet + s.size("body_size") * 2.2
            size = s.size("body_size") * 1.05
            url = ParagraphStyle(
                "url",
                fontName=self.t.font(s.label_family, "regular"),
                fontSize=size,
                leading=size * 1.3,
                textColor=ink,
                alignment=TA_CENTER,
                hyphenationLang="",
                uriWasteReduce=0.3,
            )
            self._paragraph(
                canvas,
                f'<a href="{_attr(meta.url)}">{self.t.text(_bare(meta.url), s.label_family)}</a>',
                url,
                left,
                y,
                width,
            )
        if not (meta.call_to_action or meta.url):
            size = s.size("cover_subtitle_size")
            draw_label(
                canvas,
                centre,
                o + g.height * 0.6,
                fit_label(meta.title, self.fonts, s.label_family, size, width),
                self.fonts,
                s.label_family,
                size,
                ink,
                align="centre",
            )
        if meta.organisation:
            label = s.size("label_size") * 1.1
            draw_label(
                canvas,
                centre,
                o + g.bottom,
                fit_label(meta.organisation, self.fonts, s.label_family, label, width),
                self.fonts,
                s.label_family,
                label,
                ink,
                align="centre",
            )


def _words(line: Any) -> int:
    """Words on one broken line of a Paragraph (plain or with font changes)."""
    count = getattr(line, "wordCount", None)  # FragLine (text with font changes)
    if count is not None:
        return int(count)
    return len(line[1]) if isinstance(line, tuple) else 2


def qr_matrix(url: str) -> list[list[bool]]:
    """QR modules for ``url`` (medium error correction, no quiet zone)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def draw_qr(
    canvas: Any, url: str, x: float, y: float, side: float, quiet: float, *, dark: Any, light: Any
) -> None:
    """A vector QR code (one rectangle per run of dark modules) on a light tile.

    ``quiet`` is the light margin round the code; scanners need at least four modules of it,
    so it is never made smaller than that.
    """
    matrix = qr_matrix(url)
    n = len(matrix)
    module = side / n
    quiet = max(quiet, module * 4)
    canvas.saveState()
    canvas.setFillColor(light)
    canvas.rect(x - quiet, y - quiet, side + 2 * quiet, side + 2 * quiet, stroke=0, fill=1)
    canvas.setFillColor(dark)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(
                    x + start * module, y + side - (r + 1) * module, (c - start) * module, module
                )
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _bare(url: str) -> str:
    """A URL as people read it aloud: no scheme, no trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/")


def _attr(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(value, {'"': "&quot;"})
