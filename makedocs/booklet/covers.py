"""Front cover, inside front cover and back cover, drawn straight onto the canvas.

Covers are compositions rather than flowing text, so each is placed in fixed proportions of the
trim area, given by the theme. The cover colour fills the bleed as well, so a trimmed cover has
no white edge.
"""

from __future__ import annotations

from typing import Any

from makedocs.booklet.style import BookletStyle
from makedocs.links import bare_url as _bare
from makedocs.model import Metadata
from makedocs.typesetting.compositor import Compositor, link
from makedocs.typesetting.qr import draw_qr


class Covers:
    """The three cover pages, each element styled by its ``[booklet.cover]``,
    ``[booklet.inside]`` or ``[booklet.back]`` table."""

    def __init__(self, meta: Metadata, style: BookletStyle, c: Compositor) -> None:
        self.meta = meta
        self.style = style
        self.c = c
        g = style.geometry
        e = style.element
        cover = style.table("cover")
        self.background = cover.colour("colour")
        self.inset = cover.length("inset")
        self.title_top = cover.length("title_top", share=g.height)
        # Front.
        self.imprint = e("cover", "imprint")
        self.hairline = style.rule("cover", "hairline", width=self.front_width)
        self.title = e("cover", "title")
        self.title_min = style.table("cover", "title").length("min_size", positive=True)
        self.title_rule = style.rule("cover", "rule", em=self.title.size)
        self.subtitle = e("cover", "subtitle")
        # Inside.
        self.about = e("inside")
        self.about_link = e("inside", "link")
        self.inside_imprint = e("inside", "imprint")
        self.inside_imprint_baseline = style.table("inside", "imprint").length(
            "baseline", em=self.inside_imprint.size
        )
        # Back.
        back = style.table("back")
        self.back_top = back.length("top", share=g.height)
        self.cta = e("back", "call_to_action")
        qr = back.table("qr")
        self.qr_size = min(
            qr.length("size", share=g.width, positive=True),
            qr.length("max_size", positive=True),
        )
        self.qr_quiet = qr.length("quiet_zone", share=self.qr_size)
        self.qr_dark, self.qr_light = qr.colour("dark"), qr.colour("light")
        self.qr_space_after = qr.length("space_after")
        self.url = e("back", "url")
        self.back_title = e("back", "title")
        self.back_title_baseline = back.table("title").length("baseline", share=g.height)
        self.back_imprint = e("back", "imprint")

    @property
    def front_left(self) -> float:
        g = self.style.geometry
        return g.offset + g.inner + self.inset

    @property
    def front_width(self) -> float:
        g = self.style.geometry
        return g.width - (g.inner + self.inset) - g.outer

    def _background(self, canvas: Any) -> None:
        x0, y0, x1, y1 = self.style.geometry.bleed_box
        canvas.saveState()
        canvas.setFillColor(self.style.area_colour(self.background))
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canvas.restoreState()

    def _rule(self, canvas: Any, x: float, y: float, rule: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(self.style.colour(rule.colour))
        canvas.setLineWidth(rule.thickness)
        canvas.line(x, y, x + rule.length, y)
        canvas.restoreState()

    def front(self, canvas: Any) -> None:
        g, meta, c = self.style.geometry, self.meta, self.c
        self._background(canvas)
        o = g.offset
        left, width = self.front_left, self.front_width
        # A hairline and the organisation across the top, like a publisher's imprint.
        top = o + g.height - g.top
        if meta.organisation:
            imprint = c.fit_line(meta.organisation, self.imprint, width)
            c.draw_line(canvas, left, top, imprint, self.imprint)
            self._rule(canvas, left, top - self.hairline.space_before, self.hairline)
        # The title block sits on a line a little above the middle (optical centre). A long
        # title steps down in size until the title, its rule and the subtitle fit the cover.
        y = o + self.title_top
        title_markup = c.markup(meta.title, self.title.family, self.title.style)
        rule = self.title_rule
        subtitle = c.paragraph_style("coversub", self.subtitle)
        sub_markup = ""
        below = rule.space_before + rule.space_after
        if meta.subtitle:
            sub_markup = c.markup(meta.subtitle, self.subtitle.family, self.subtitle.style)
            below += c.measure(sub_markup, subtitle, width)
        title = c.fit(
            title_markup,
            c.paragraph_style("covertitle", self.title),
            width,
            y - (o + g.bottom) - below,
            self.title_min,
        )
        y -= c.draw_paragraph(canvas, title_markup, title, left, y, width)
        y -= rule.space_before
        self._rule(canvas, left, y, rule)
        y -= rule.space_after
        if meta.subtitle:
            c.draw_paragraph(canvas, sub_markup, subtitle, left, y, width)

    def inside(self, canvas: Any) -> None:
        """About the organisation, set low on the page like a colophon."""
        g, meta, c = self.style.geometry, self.meta, self.c
        left = g.text_left(2)
        width = g.text_width
        bottom = g.offset + g.bottom
        paras = []
        if meta.about:
            about = c.paragraph_style("about", self.about)
            paras.append(
                c.paragraph(c.markup(meta.about, self.about.family, self.about.style), about)
            )
        if meta.url:
            style = c.paragraph_style("aboutlink", self.about_link)
            shown = c.markup(_bare(meta.url), self.about_link.family, self.about_link.style)
            paras.append(c.paragraph(link(meta.url, shown), style))
        heights = [p.wrapOn(canvas, width, g.height)[1] for p in paras]
        total = sum(heights) + sum(p.style.spaceBefore for p in paras[1:])
        y = bottom + total
        if meta.organisation:
            imprint = c.fit_line(meta.organisation, self.inside_imprint, width)
            c.draw_line(
                canvas, left, y + self.inside_imprint_baseline, imprint, self.inside_imprint
            )
        for i, (para, h) in enumerate(zip(paras, heights, strict=True)):
            if i:
                y -= para.style.spaceBefore
            para.drawOn(canvas, left, y - h)
            y -= h

    def back(self, canvas: Any) -> None:
        """Call to action, the URL and a QR code that opens it."""
        g, meta, c = self.style.geometry, self.meta, self.c
        self._background(canvas)
        o = g.offset
        centre = o + g.width / 2
        width = g.width - g.inner - g.outer
        left = centre - width / 2
        y = o + self.back_top
        if meta.call_to_action:
            cta = self.cta
            markup = c.markup(meta.call_to_action, cta.family, cta.style)
            y -= c.draw_paragraph(canvas, markup, c.paragraph_style("cta", cta), left, y, width)
            y -= cta.space_after
        if meta.url:
            side, quiet = self.qr_size, self.qr_quiet
            draw_qr(
                canvas,
                meta.url,
                centre - side / 2,
                y - side,
                side,
                quiet,
                dark=self.style.colour(self.qr_dark),
                light=self.style.colour(self.qr_light),
            )
            y -= side + quiet + self.qr_space_after
            url = self.url
            shown = c.markup(_bare(meta.url), url.family, url.style)
            c.draw_paragraph(
                canvas, link(meta.url, shown), c.paragraph_style("url", url), left, y, width
            )
        if not (meta.call_to_action or meta.url):
            title = c.fit_line(meta.title, self.back_title, width)
            y = o + self.back_title_baseline
            c.draw_line(canvas, centre, y, title, self.back_title, align="centre")
        if meta.organisation:
            imprint = c.fit_line(meta.organisation, self.back_imprint, width)
            c.draw_line(canvas, centre, o + g.bottom, imprint, self.back_imprint, align="centre")
