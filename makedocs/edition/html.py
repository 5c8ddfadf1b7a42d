"""Model -> one self-contained HTML page: the whole collection, for a phone or an e-mail.

Pictures are inlined as data URIs, downsampled for screens, and the stylesheet is inline. The
page loads nothing: no scripts, fonts or pictures from anywhere, and a Content-Security-Policy
forbids the browser from fetching anything even if a future change slipped a URL in. The only
addresses in it are the links the stories themselves make, and following one sends no referrer.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from makedocs.context import BuildContext
from makedocs.edition.a11y import refuse_inaccessible
from makedocs.edition.css import stylesheet
from makedocs.edition.marks import place
from makedocs.edition.style import load_edition_style
from makedocs.edition.xhtml import (
    EPUB_TYPE,
    XML_LANG,
    Element,
    Writer,
    h,
    has_back_matter,
    story_id,
    sub,
)
from makedocs.model import Collection, Image
from makedocs.pagemap import PageMap

#: Nothing may be fetched: pictures are data URIs and the stylesheet is inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'"
)
_MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(slots=True)
class _DataUris:
    """Each picture as a data URI, encoded once however often the stories use it."""

    ctx: BuildContext
    max_px: int
    count: int = 0
    made: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def src(self, image: Image) -> tuple[str, int, int]:
        path = self.ctx.image_path(image.base_dir, image.path)
        prepared = self.ctx.images.get(
            path, max_px=self.max_px, ref_file=image.source.file, ref_line=image.source.line
        )
        self.count += 1
        found = self.made.get(str(path))
        if found is None:
            data = base64.b64encode(prepared.data).decode("ascii")
            found = (
                f"data:{_MEDIA_TYPES[prepared.format]};base64,{data}",
                prepared.width,
                prepared.height,
            )
            self.made[str(path)] = found
        return found


def render_html(
    collection: Collection, ctx: BuildContext, out: BinaryIO, pages: PageMap | None = None
) -> str:
    """Write the page to ``out``; returns the one-line detail for the build report."""
    refuse_inaccessible(collection)
    style = load_edition_style(ctx.theme)
    placement = place(pages, collection, has_back=has_back_matter(collection))
    pictures = _DataUris(ctx, style.pixels("web_image_px"))
    writer = Writer(collection, style, placement, pictures.src, story_level=2)
    meta = collection.meta

    html = etree.Element(h("html"), nsmap={None: "http://www.w3.org/1999/xhtml"})
    html.set("lang", meta.language)
    head = sub(html, "head")
    sub(head, "meta", {"charset": "utf-8"})
    sub(head, "meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    sub(head, "meta", {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY})
    sub(head, "meta", {"name": "referrer", "content": "no-referrer"})
    sub(head, "meta", {"name": "color-scheme", "content": "light dark"})
    sub(head, "title", {}, meta.title)
    sub(head, "style", {}, stylesheet(style, web=True))

    body = sub(html, "body")
    writer.front(sub(body, "header"))
    if collection.stories:
        title = str(style.values["contents_title"])
        nav = sub(body, "nav", {"role": "doc-toc", "aria-labelledby": "toc-title"})
        sub(nav, "h2", {"id": "toc-title"}, title)
        writer.contents(
            nav,
            [(f"#{story_id(i)}", story.title) for i, story in enumerate(collection.stories)],
        )
    main = sub(body, "main")
    footer = sub(body, "footer") if writer.has_back else None
    if footer is not None:
        writer.back(footer)
    _to_html(html)
    # Written as it is made, story by story: a thousand stories never sit in memory at once.
    with etree.htmlfile(out, encoding="utf-8") as page:
        page.write_doctype("<!DOCTYPE html>")
        with page.element("html", dict(html.attrib)):
            page.write(html[0], pretty_print=True)  # head
            with page.element("body"):
                for part in body:
                    if part is not main:
                        page.write(part, pretty_print=True)
                    else:
                        with page.element("main"):
                            for index in range(len(collection.stories)):
                                story = etree.Element(h("main"))
                                writer.story(story, index)
                                _to_html(story)
                                for element in story:
                                    page.write(element, pretty_print=True)
    detail = [f"1 page, {len(collection.stories)} {_plural(len(collection.stories))}"]
    if pictures.count:
        detail.append(f"{pictures.count} inlined picture{'' if pictures.count == 1 else 's'}")
    if placement:
        detail.append(f"{len(placement.order)} page markers")
    return ", ".join(detail)


def _to_html(root: Element) -> None:
    """The XHTML elements as plain HTML: no namespace, no epub:type or xml:lang."""
    for element in root.iter():
        element.tag = etree.QName(element).localname
        for name in (EPUB_TYPE, XML_LANG):
            element.attrib.pop(name, None)
    etree.cleanup_namespaces(root)


def _plural(n: int) -> str:
    return "story" if n == 1 else "stories"
