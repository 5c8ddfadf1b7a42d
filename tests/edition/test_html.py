"""The one-file web page read back with html5lib: valid, self-contained, the EPUB's text."""

from __future__ import annotations

import base64
import io
import re

import html5lib
import pytest
from lxml import etree

from makedocs.edition import render_epub, render_html
from makedocs.edition.a11y import links
from makedocs.edition.style import load_edition_style
from makedocs.pagemap import PageMap
from makedocs.theme import load_theme
from tests.edition.conftest import CAMERA_OWNER, Built, hand_made_pages
from tests.edition.reading import Epub, is_hangul, language_of, text_nodes, text_of
from tests.privacy.extract import squeeze

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def every_pages(every_block: Built) -> PageMap:
    return hand_made_pages(every_block.collection)


@pytest.fixture(scope="module")
def page_bytes(every_block: Built, every_pages: PageMap) -> bytes:
    return every_block.render(render_html, every_pages)


def parse(data: bytes) -> tuple[etree._Element, list]:
    """The page as html5lib builds it (an lxml tree in the XHTML namespace), and its errors."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("lxml"), strict=False)
    document = parser.parse(io.BytesIO(data))
    return document.getroot(), parser.errors


@pytest.fixture(scope="module")
def page(page_bytes: bytes) -> etree._Element:
    root, _ = parse(page_bytes)
    return root


def find(root: etree._Element, path: str) -> list[etree._Element]:
    return root.findall(path.replace("h:", XHTML))


def test_html5lib_parses_the_page_without_errors(page_bytes: bytes, seeds: Built) -> None:
    for data in (page_bytes, seeds.render(render_html)):
        root, errors = parse(data)
        assert errors == []
        assert data.startswith(b"<!DOCTYPE html>")
        assert root.get("lang") == "en"


def test_nothing_is_loaded_from_anywhere_and_the_only_urls_are_the_stories_links(
    page: etree._Element, page_bytes: bytes, every_block: Built
) -> None:
    allowed = {url for url, _, _ in links(every_block.collection)}
    allowed.add(every_block.collection.meta.url)
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        assert tag not in ("script", "iframe", "object", "embed", "link", "base", "form")
        for name, value in element.attrib.items():
            assert not name.startswith("on"), name  # no event handler scripts
            if name in ("src", "href", "srcset", "poster", "action", "data"):
                if name == "src":
                    assert value.startswith(("data:image/jpeg;base64,", "data:image/png;base64,"))
                elif value.startswith("#"):
                    assert value[1:] in ids
                else:
                    assert value in allowed, value
    style = "".join(element.text or "" for element in find(page, ".//h:style"))
    assert "url(" not in style and "@import" not in style
    (policy,) = [
        m.get("content")
        for m in find(page, ".//h:meta")
        if m.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in policy and "img-src data:" in policy
    assert b"javascript:" not in page_bytes


def test_the_page_has_the_same_text_as_the_epub(
    page: etree._Element, every_block: Built, every_pages: PageMap
) -> None:
    epub = Epub(every_block.render(render_epub, every_pages))
    documents = [text_of(doc.find("{*}body")) for _, doc in epub.documents()]
    assert documents[1] == ""  # the nav document: its navs are the page's nav, left out here
    page_text = text_of(find(page, "h:body")[0])
    assert page_text == " ".join(text for text in documents if text)
    assert "Minho Lee" in page_text


def test_the_page_lists_every_story_and_marks_the_same_printed_pages(
    page: etree._Element, every_block: Built, every_pages: PageMap
) -> None:
    toc = [nav for nav in find(page, ".//h:nav") if nav.get("role") == "doc-toc"]
    assert len(toc) == 1
    entries = find(toc[0], ".//h:a")
    assert [text_of(a) for a in entries] == [s.title for s in every_block.collection.stories]
    markers = [e for e in page.iter() if e.get("role") == "doc-pagebreak"]
    assert [m.get("aria-label") for m in markers] == [p.folio for p in every_pages.pages]
    levels = [
        int(etree.QName(e).localname[1])
        for e in page.iter()
        if isinstance(e.tag, str) and re.fullmatch(r"h[1-6]", etree.QName(e).localname)
    ]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_pictures_are_inlined_small_and_without_metadata(
    page: etree._Element, every_block: Built
) -> None:
    from PIL import Image

    limit = load_edition_style(load_theme()).pixels("web_image_px")
    images = find(page, ".//h:img")
    assert len(images) == 3
    for img in images:
        data = base64.b64decode(img.get("src").split(",", 1)[1])
        assert CAMERA_OWNER.encode() not in data
        with Image.open(io.BytesIO(data)) as picture:
            assert max(picture.size) <= limit
            assert (str(picture.width), str(picture.height)) == (
                img.get("width"),
                img.get("height"),
            )
            assert dict(picture.getexif()) == {}
        assert img.get("alt") is not None
    assert max(len(img.get("src")) for img in images) < 400_000


def test_hangul_is_marked_korean_on_the_page(page: etree._Element) -> None:
    found = 0
    for text, element in text_nodes(find(page, "h:body")[0]):
        for char in text:
            if is_hangul(char):
                assert language_of(element) == "ko"
                found += 1
    assert found > 30


def test_the_page_reads_on_a_phone_and_in_dark_mode(page: etree._Element) -> None:
    metas = {m.get("name"): m.get("content") for m in find(page, ".//h:meta") if m.get("name")}
    assert metas["viewport"] == "width=device-width, initial-scale=1"  # zoom stays allowed
    assert metas["color-scheme"] == "light dark"
    assert metas["referrer"] == "no-referrer"
    style = find(page, ".//h:style")[0].text
    assert "@media (prefers-color-scheme: dark)" in style
    assert "max-width: 34em" in style
    assert "img { max-width: 100%; height: auto; }" in style


def test_the_page_carries_no_redacted_name_or_path(page_bytes: bytes, every_block: Built) -> None:
    text = page_bytes.decode("utf-8")
    assert "yusung" not in squeeze(re.sub(r"base64,[A-Za-z0-9+/=]+", "", text))
    assert str(every_block.folder) not in text and "photos/" not in text


def test_two_page_builds_are_byte_identical(every_block: Built, every_pages: PageMap) -> None:
    assert every_block.render(render_html, every_pages) == every_block.render(
        render_html, every_pages
    )
