"""Model -> EPUB 3: one XHTML document per story, a nav document, a package document, a zip.

The package is small enough to write directly (see README, "The accessible edition"): every
byte is ours, so two builds are identical, the metadata says only what ``makedocs.toml`` says,
and nothing names a file on the author's disk (pictures are ``images/image-1.jpg``).
"""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from makedocs.context import BuildContext
from makedocs.edition.a11y import assess, is_date, refuse_inaccessible
from makedocs.edition.css import stylesheet
from makedocs.edition.marks import Placement, place
from makedocs.edition.style import EditionStyle, load_edition_style
from makedocs.edition.xhtml import (
    EPUB_TYPE,
    NSMAP,
    XML_LANG,
    Element,
    Writer,
    has_back_matter,
    set_lang,
    story_id,
    sub,
)
from makedocs.errors import MakedocsError
from makedocs.model import Collection, Image
from makedocs.pagemap import PageMap

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
#: The package's folder inside the zip.
ROOT = "EPUB"
#: Zip entry dates (the earliest a zip can hold, as for the deck).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: ``dcterms:modified`` when SOURCE_DATE_EPOCH is not set: the date ReportLab's invariant PDFs
#: carry, so every output of a build says the same.
FIXED_MODIFIED = datetime(2000, 1, 1, tzinfo=UTC)
_MEDIA_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


@dataclass(slots=True)
class _Document:
    id: str
    href: str
    title: str
    body: Element
    html: Element
    properties: str = ""


@dataclass(slots=True)
class _Pictures:
    """Every picture once, re-encoded without metadata, named by order of first use."""

    ctx: BuildContext
    max_px: int
    files: dict[Path, tuple[str, str, bytes]] = field(default_factory=dict)  # href, type, data

    def src(self, image: Image) -> tuple[str, int, int]:
        path = self.ctx.image_path(image.base_dir, image.path)
        prepared = self.ctx.images.get(
            path, max_px=self.max_px, ref_file=image.source.file, ref_line=image.source.line
        )
        key = path.resolve()
        if key not in self.files:
            media_type, extension = _MEDIA_TYPES[prepared.format]
            href = f"images/image-{len(self.files) + 1}.{extension}"
            self.files[key] = (href, media_type, prepared.data)
        return self.files[key][0], prepared.width, prepared.height


def render_epub(
    collection: Collection, ctx: BuildContext, out: BinaryIO, pages: PageMap | None = None
) -> str:
    """Write the EPUB to ``out``; returns the one-line detail for the build report."""
    refuse_inaccessible(collection)
    style = load_edition_style(ctx.theme)
    placement = place(pages, collection, has_back=has_back_matter(collection))
    pictures = _Pictures(ctx, style.pixels("image_px"))
    writer = Writer(collection, style, placement, pictures.src, story_level=1)
    language = collection.meta.language

    front = _document("front", "front.xhtml", collection.meta.title, language, "frontmatter")
    writer.front(front.body)
    stories = []
    for index, story in enumerate(collection.stories):
        doc = _document(
            story_id(index), f"{story_id(index)}.xhtml", story.title, language, "bodymatter"
        )
        writer.story(doc.body, index)
        stories.append(doc)
    back = _document("back", "back.xhtml", collection.meta.title, language, "backmatter")
    documents = [front, *stories]
    if writer.back(back.body) is not None:
        documents.append(back)
    nav = _nav(writer, style.values, stories, placement)
    spine = [front, nav, *documents[1:]]

    stylesheet = _stylesheet(style)
    accessibility = assess(collection, style, paged=bool(placement))
    files: list[tuple[str, bytes]] = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", _container()),
        (f"{ROOT}/package.opf", b""),  # filled in below, once the manifest is known
        (f"{ROOT}/style.css", stylesheet),
    ]
    for doc in spine:
        files.append((f"{ROOT}/{doc.href}", _serialise(doc.html)))
    for href, _, data in pictures.files.values():
        files.append((f"{ROOT}/{href}", data))
    package = _package(collection, spine, pictures, accessibility.properties(), pages)
    files[2] = (f"{ROOT}/package.opf", package)
    out.write(_zip(files))
    detail = [_count(len(collection.stories), "story", "stories")]
    if pictures.files:
        detail.append(_count(len(pictures.files), "picture"))
    if placement:
        detail.append(_count(len(placement.order), "page marker"))
    return ", ".join(detail)


# --- documents -----------------------------------------------------------------------------


def _document(key: str, href: str, title: str, language: str, kind: str) -> _Document:
    html = etree.Element("{http://www.w3.org/1999/xhtml}html", nsmap=NSMAP)
    set_lang(html, language)
    head = sub(html, "head")
    sub(head, "meta", {"charset": "utf-8"})
    sub(head, "title", {}, title)
    sub(head, "link", {"rel": "stylesheet", "type": "text/css", "href": "style.css"})
    body = sub(html, "body", {EPUB_TYPE: kind})
    return _Document(key, href, title, body, html)


def _nav(
    writer: Writer,
    values: dict[str, object],
    stories: Sequence[_Document],
    placement: Placement,
) -> _Document:
    """The navigation document: contents (``doc-toc``), landmarks and the page list."""
    contents_title = str(values["contents_title"])
    nav_doc = _document("nav", "nav.xhtml", contents_title, writer.language, "frontmatter")
    nav_doc.properties = "nav"
    toc = sub(
        nav_doc.body,
        "nav",
        {EPUB_TYPE: "toc", "role": "doc-toc", "id": "toc", "aria-labelledby": "toc-title"},
    )
    sub(toc, "h1", {"id": "toc-title"}, contents_title)
    writer.contents(
        toc, [(doc.href, doc.title) for doc in stories] or [("front.xhtml", writer.meta.title)]
    )

    landmarks = sub(
        nav_doc.body,
        "nav",
        {EPUB_TYPE: "landmarks", "aria-labelledby": "landmarks-title", "hidden": "hidden"},
    )
    sub(landmarks, "h2", {"id": "landmarks-title"}, str(values["landmarks_title"]))
    listing = sub(landmarks, "ol")
    entries = [("titlepage", "front.xhtml", writer.meta.title)]
    entries.append(("toc", "nav.xhtml#toc", contents_title))
    if stories:
        entries.append(("bodymatter", stories[0].href, str(values["stories_label"])))
    for kind, href, label in entries:
        sub(sub(listing, "li"), "a", {EPUB_TYPE: kind, "href": href}, label)

    if placement:
        hrefs: dict[str | int, str] = {"front": "front.xhtml", "back": "back.xhtml"}
        hrefs.update({index: doc.href for index, doc in enumerate(stories)})
        page_list = sub(
            nav_doc.body,
            "nav",
            {
                EPUB_TYPE: "page-list",
                "role": "doc-pagelist",
                "aria-labelledby": "pages-title",
                "hidden": "hidden",
            },
        )
        sub(page_list, "h2", {"id": "pages-title"}, str(values["pages_title"]))
        pages = sub(page_list, "ol")
        for mark, where in placement.order:
            sub(sub(pages, "li"), "a", {"href": f"{hrefs[where]}#{mark.id}"}, mark.folio)
    return nav_doc


def _serialise(html: Element) -> bytes:
    return etree.tostring(
        html, encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE html>", pretty_print=True
    )


def _stylesheet(style: EditionStyle) -> bytes:
    return stylesheet(style, web=False).encode("utf-8")


def _container() -> bytes:
    root = etree.Element(f"{{{CONTAINER}}}container", nsmap={None: CONTAINER}, version="1.0")
    rootfiles = etree.SubElement(root, f"{{{CONTAINER}}}rootfiles")
    etree.SubElement(
        rootfiles,
        f"{{{CONTAINER}}}rootfile",
        {"full-path": f"{ROOT}/package.opf", "media-type": "application/oebps-package+xml"},
    )
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


# --- the package document ------------------------------------------------------------------


def _package(
    collection: Collection,
    spine: Sequence[_Document],
    pictures: _Pictures,
    accessibility: list[tuple[str, str]],
    pages: PageMap | None,
) -> bytes:
    meta = collection.meta
    package = etree.Element(
        f"{{{OPF}}}package",
        nsmap={None: OPF, "dc": DC},
        version="3.0",
        **{"unique-identifier": "uid"},
    )
    package.set(XML_LANG, meta.language)
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata")

    def dc(name: str, text: str, **attrib: str) -> None:
        etree.SubElement(metadata, f"{{{DC}}}{name}", attrib).text = text

    def prop(name: str, text: str, language: str | None = None) -> None:
        element = etree.SubElement(metadata, f"{{{OPF}}}meta", property=name)
        element.text = text
        if language:
            element.set(XML_LANG, language)

    modified, from_environment = build_time()
    dc("identifier", f"urn:uuid:{_identifier(collection)}", id="uid")
    dc("title", meta.title)
    dc("language", meta.language)
    if meta.organisation:
        dc("creator", meta.organisation)
        dc("publisher", meta.organisation)
    if meta.subtitle:
        dc("description", meta.subtitle)
    if meta.date and is_date(meta.date):
        dc("date", meta.date)
    elif from_environment:
        dc("date", modified.strftime("%Y-%m-%d"))
    prop("dcterms:modified", modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
    english = None if meta.language.split("-")[0].lower() == "en" else "en"
    for name, value in accessibility:
        prop(name, value, english if name == "schema:accessibilitySummary" else None)
    if pages is not None:
        # The page numbers' source, said both ways: pageBreakSource (EPUB Accessibility 1.1,
        # read by current tools) and dc:source refined by source-of (EPUB 3.2, which older
        # reading systems and EPUBCheck 4 understand).
        source = pages.edition or f"{meta.title}, printed booklet"
        prop("pageBreakSource", source)
        dc("source", source, id="page-source")
        refined = etree.SubElement(
            metadata, f"{{{OPF}}}meta", {"refines": "#page-source", "property": "source-of"}
        )
        refined.text = "pagination"

    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")

    def item(key: str, href: str, media_type: str, properties: str = "") -> None:
        attrib = {"id": key, "href": href, "media-type": media_type}
        if properties:
            attrib["properties"] = properties
        etree.SubElement(manifest, f"{{{OPF}}}item", attrib)

    for doc in spine:
        item(doc.id, doc.href, "application/xhtml+xml", doc.properties)
    item("css", "style.css", "text/css")
    for number, (href, media_type, _) in enumerate(pictures.files.values(), start=1):
        item(f"image-{number}", href, media_type)
    spine_element = etree.SubElement(package, f"{{{OPF}}}spine")
    for doc in spine:
        etree.SubElement(spine_element, f"{{{OPF}}}itemref", idref=doc.id)
    return etree.tostring(package, encoding="utf-8", xml_declaration=True, pretty_print=True)


def build_time() -> tuple[datetime, bool]:
    """``SOURCE_DATE_EPOCH`` if set (reproducible-builds.org), else the fixed date; and whether
    the date came from the environment."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or not value.strip():
        return FIXED_MODIFIED, False
    try:
        return datetime.fromtimestamp(int(value.strip()), tz=UTC), True
    except (ValueError, OverflowError, OSError):
        raise MakedocsError(
            f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970"
        ) from None


def _identifier(collection: Collection) -> uuid.UUID:
    """The same collection gets the same identifier in every build (no random ids)."""
    meta = collection.meta
    name = "\n".join(["makedocs-edition", meta.title, meta.organisation or "", meta.url or ""])
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


# --- the zip -------------------------------------------------------------------------------


def _zip(files: Sequence[tuple[str, bytes]]) -> bytes:
    """``mimetype`` first and stored, everything else deflated; fixed dates and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 0
            info.external_attr = 0
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
