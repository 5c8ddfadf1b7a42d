"""The booklet's page map, read back through the accessible edition it is made for.

A build writes the booklet and the EPUB; the EPUB's page list and page-break markers must say
what the printed booklet says: the folio its contents page prints for each story before that
story's heading, and, for a page that begins inside a story, a marker before the words poppler
reads first on that page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from makedocs.booklet.render import BookletOptions, render_booklet
from makedocs.build import load_collection
from makedocs.cli import main
from makedocs.config import load_settings
from makedocs.context import BuildContext
from makedocs.errors import Warned
from makedocs.model import block_text
from makedocs.pagemap import offset_after
from makedocs.theme import load_theme
from makedocs.typesetting.values import Table
from tests.booklet.conftest import CONFIG, write_collection
from tests.conftest import SEEDS, words
from tests.edition.reading import NS, Epub, text_of

_MARK = "\u2063MARK\u2063"  # stands in for the marker while the text around it is read


@pytest.fixture(scope="module", params=["seeds", "twenty"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``makedocs build --only booklet,epub`` of the seeds or the 20-story collection."""
    base = tmp_path_factory.mktemp(request.param)
    source = SEEDS if request.param == "seeds" else write_collection(base / "src")
    out = base / "dist"
    result = CliRunner().invoke(
        main,
        ["build", str(source), "-o", str(out), "--only", "booklet,epub", "--config", str(CONFIG)],
    )
    assert result.exit_code == 0, result.output
    return out


def _contents_folios(pdf: Path) -> list[str]:
    """The page numbers the contents pages print, top to bottom."""
    reader = PdfReader(pdf)
    texts = [page.extract_text() for page in reader.pages]
    first = next(i for i, text in enumerate(texts) if text.strip().startswith("Contents"))
    found: list[str] = []
    for text in texts[first:]:
        numbers = re.findall(r"(?m)(\d+)\s*$", text)
        if not numbers:
            break
        found.extend(numbers)
    stories = len(reader.outline) - 1
    return found[:stories]


def _first_words(pdf: Path, page: int, count: int) -> list[str]:
    """The first words poppler reads inside the text block of ``page`` (1-based)."""
    theme = load_theme("default")
    top = Table(theme, "booklet", "margins").length("top")
    xml = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    root = etree.fromstring(xml, etree.HTMLParser(encoding="utf-8"))
    found = [w.text for w in root.iter("word") if float(w.get("ymin")) >= top - 2]
    return words(" ".join(found))[:count]


def _words_after(epub: Epub, href: str, folio: str, count: int) -> list[str]:
    doc = epub.document(href)
    (marker,) = doc.xpath(f'//*[@role="doc-pagebreak"][@aria-label="{folio}"]')
    marker.text = _MARK
    body = doc.find("x:body", NS)
    after = text_of(body).split(_MARK, 1)[1]
    return words(after)[:count]


def test_the_label_before_each_heading_is_the_folio_the_contents_page_prints(
    built: Path,
) -> None:
    epub = Epub((built / "booklet.epub").read_bytes())
    printed = _contents_folios(built / "booklet.pdf")
    toc = epub.nav("toc").findall(".//x:a", NS)
    stories = [link for link in toc if "story" in link.get("href")]
    assert len(stories) == len(printed) >= 2
    for link, folio in zip(stories, printed, strict=True):
        doc = epub.document(link.get("href"))
        heading = doc.xpath("//x:h1", namespaces=NS)[0]
        before = heading.xpath('preceding::*[@role="doc-pagebreak"]')
        assert before and before[-1].get("aria-label") == folio, (link.get("href"), folio)


def test_each_page_inside_a_story_is_marked_before_the_words_it_begins_with(
    built: Path,
) -> None:
    pdf = built / "booklet.pdf"
    epub = Epub((built / "booklet.epub").read_bytes())
    reader = PdfReader(pdf)
    labels = [reader.page_labels[i] for i in range(len(reader.pages))]
    page_list = epub.nav("page-list").findall(".//x:a", NS)
    # Every page of the booklet is in the page list, labelled as the PDF labels it.
    assert [text_of(a) for a in page_list] == labels
    openings = set(_contents_folios(pdf))
    checked = mid_paragraph = 0
    for link in page_list:
        folio = text_of(link)
        href = link.get("href").split("#")[0]
        if not href.startswith("story") or folio in openings or not folio.isdigit():
            continue
        printed = _first_words(pdf, int(folio), 4)
        if not printed:
            continue  # a blank verso before the next story: its marker ends this one
        marked = _words_after(epub, href, folio, 4)
        # The marker stands before the word the page begins with (the whole word when the
        # page begins with the end of a word hyphenated on the page before).
        assert marked[0].endswith(printed[0]), (folio, marked, printed)
        assert marked[1:] == printed[1:], (folio, marked, printed)
        mid_paragraph += marked[0] != printed[0] or printed[0][0].islower()
        checked += 1
    assert checked >= (1 if "seeds" in str(built) else 15)
    assert mid_paragraph >= 1


def test_a_split_paragraphs_offset_counts_the_words_of_its_first_part() -> None:
    text = "We walked for three nights.\nThen we reached the signif-icant river."
    assert offset_after(text, 0, "We walked for") == text.index("three")
    assert offset_after(text, 0, "We walked for three nights. Then we reached the signif-") == (
        text.index("icant")
    )
    assert offset_after(text, text.index("Then"), "— Then we") == text.index("reached")
    assert offset_after(text, 0, "") == 0 and offset_after(" x", 0, "") == 1


def _offset_after_as_written(text: str, start: int, printed: str) -> int:
    """offset_after's rule, one character at a time (how it was first written)."""
    at = start
    for char in printed:
        if char.isspace():
            continue
        ahead = at
        while ahead < len(text) and text[ahead].isspace():
            ahead += 1
        if ahead < len(text) and text[ahead] == char:
            at = ahead + 1
    while at < len(text) and text[at].isspace():
        at += 1
    return at


@given(
    text=st.text(alphabet="ab- \n\u00a0—", max_size=40),
    cut=st.integers(0, 40),
    printed=st.text(alphabet="ab- \n—", max_size=40),
)
def test_offsets_follow_the_rule_one_character_at_a_time(text: str, cut: int, printed: str) -> None:
    start = min(cut, len(text))
    assert offset_after(text, start, printed) == _offset_after_as_written(text, start, printed)
    # What a page prints is mostly the text itself, from where the page began.
    assert offset_after(text, start, text[start:]) == _offset_after_as_written(
        text, start, text[start:]
    )


def test_the_page_map_is_the_layouts_own(tmp_path: Path) -> None:
    """The map the build hands over: one entry per page, each story opening where the outline
    says, every mid-story page at a real position of the story's text."""
    source = write_collection(tmp_path / "src", count=6)
    settings = load_settings(CONFIG)
    collection = load_collection([source], settings, Warned())
    out = tmp_path / "b.pdf"
    with out.open("wb") as handle:
        result = render_booklet(
            collection, BuildContext.create(load_theme("default")), handle, BookletOptions()
        )
    reader = PdfReader(out)
    pages = result.page_map.pages
    assert len(pages) == result.pages == len(reader.pages)
    assert [p.folio for p in pages] == [reader.page_labels[i] for i in range(len(reader.pages))]
    assert result.page_map.edition == "Beyond Utopia, printed booklet (half-letter)"
    opened = [result.page_map.opening(i) for i in range(len(collection.stories))]
    assert opened == [str(n) for n in result.story_pages]
    for page in pages:
        if page.block is None:
            continue
        text = block_text(collection.stories[page.story].blocks[page.block])
        assert 0 <= page.offset <= len(text)
        assert page.offset == len(text) or not text[page.offset].isspace(), (page, text[:40])


def test_the_booklet_is_laid_out_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contents' page numbers are resolved when the layout is done, so every page is begun
    once (not once per pass) and each story paragraph is broken into lines for one layout."""
    from makedocs.booklet import pages

    begun = []
    original = pages.Document.handle_pageBegin

    def counting(self: pages.Document) -> None:
        begun.append(self.page + 1)
        original(self)

    monkeypatch.setattr(pages.Document, "handle_pageBegin", counting)
    source = write_collection(tmp_path / "src", count=8)
    collection = load_collection([source], load_settings(CONFIG), Warned())
    out = tmp_path / "b.pdf"
    with out.open("wb") as handle:
        result = render_booklet(
            collection, BuildContext.create(load_theme("default")), handle, BookletOptions()
        )
    assert begun == list(range(1, result.pages + 1))
    assert len(PdfReader(out).pages) == result.pages


def test_a_page_that_begins_inside_a_table_begins_at_its_first_new_row(tmp_path: Path) -> None:
    rows = "\n".join(f"| {1950 + n} | Event number {n} happened here |" for n in range(70))
    story = f"---\ntitle: Years\n---\n\nWhat happened.\n\n| Year | Event |\n|---|---|\n{rows}\n"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "years.md").write_text(story, "utf-8")
    collection = load_collection([tmp_path / "src"], load_settings(CONFIG), Warned())
    out = tmp_path / "b.pdf"
    with out.open("wb") as handle:
        result = render_booklet(
            collection, BuildContext.create(load_theme("default")), handle, BookletOptions()
        )
    blocks = collection.stories[0].blocks
    inside = [p for p in result.page_map.pages if p.block is not None and p.offset > 0]
    assert inside, result.page_map.pages
    for page in inside:
        text = block_text(blocks[page.block])
        row = text[page.offset :].split("\n", 1)[0].split("\t")
        printed = _first_words(out, int(page.folio), 12)
        # After the repeated header ("Year Event"), the page's first row is the one marked.
        assert printed[:2] == ["Year", "Event"], printed
        assert printed[2 : 2 + len(words(" ".join(row)))] == words(" ".join(row)), (row, printed)
