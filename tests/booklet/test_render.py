"""The reading-order booklet read back: structure, furniture, boxes, fonts, text, determinism.

PDFs are read with pypdf (outline, labels, boxes, fonts) and pypdfium2 (glyph boxes, text in a
region, rendering the QR code); nothing here trusts the renderer's own bookkeeping.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from makedocs.errors import Warned
from makedocs.model import block_text
from makedocs.sources import parse_sources
from tests.booklet.conftest import CONFIG, build_booklet, write_collection
from tests.conftest import SEED, words
from tests.pdfcheck import embedded_fonts

ROOT_TEXT = CONFIG.read_text("utf-8")
URL = re.search(r'url = "([^"]+)"', ROOT_TEXT).group(1)  # type: ignore[union-attr]
HALF_LETTER = (396.0, 612.0)
BLEED = 3 / 25.4 * 72


def squash(text: str) -> str:
    """Letters and digits only, case-folded: hyphenation, drop caps and letter-spaced
    capitals change the spacing and case of text, never its letters."""
    return "".join(words(text)).replace("_", "").casefold()


def page_texts(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def story_titles(path: Path) -> list[str]:
    return [story.title for story in parse_sources([path], Warned())]


def outline(path: Path) -> list[tuple[str, int]]:
    reader = PdfReader(path)
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]


def contents_numbers(path: Path) -> list[int]:
    """Page numbers printed on the contents page(s), top to bottom."""
    reader = PdfReader(path)
    found: list[int] = []
    first = next(i for i, page in enumerate(reader.pages) if "Contents" in page.extract_text())
    for page in reader.pages[first:]:
        text = page.extract_text()
        if found and not re.search(r"\d+\s*$", text.strip()):
            break
        numbers = [int(n) for n in re.findall(r"(?m)(\d+)\s*$", text)]
        if not numbers:
            break
        found.extend(numbers)
        if len(found) >= len(reader.outline) - 1:
            break
    return found


def region_text(path: Path, index: int, box: tuple[float, float, float, float]) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[index].get_textpage().get_text_bounded(*box)
    finally:
        pdf.close()


def trim(path: Path, index: int) -> tuple[float, float, float, float]:
    box = PdfReader(path).pages[index].trimbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


# --- structure ----------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed_booklet", "collection_booklet"])
def test_contents_numbers_are_the_pages_where_stories_open(
    which: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(which)
    entries = outline(path)
    assert entries[0][0] == "Contents"
    stories = entries[1:]
    assert contents_numbers(path) == [page for _title, page in stories]
    texts = page_texts(path)
    for title, page in stories:
        assert " ".join(title.split()) in texts[page - 1]


def test_outline_has_one_entry_per_story_in_order(seed_booklet: Path) -> None:
    titles = [title for title, _page in outline(seed_booklet)]
    assert titles == ["Contents", *story_titles(SEED)]


def test_every_story_opens_on_a_right_hand_page(collection_booklet: Path) -> None:
    pages = [page for _title, page in outline(collection_booklet)[1:]]
    assert len(pages) == 20
    assert all(page % 2 == 1 for page in pages), pages


def test_no_recto_lets_a_story_open_on_a_left_hand_page(tmp_path: Path) -> None:
    path = build_booklet(tmp_path / "b.pdf", SEED, options=("--no-recto",))
    pages = [page for _title, page in outline(path)[1:]]
    assert pages[0] == 4  # cover, inside cover, contents, then straight in
    texts = page_texts(path)
    # No blank page between stories without the recto rule; the only blanks are the padding
    # before the back cover, which is always page 4n (the last page of a folded booklet).
    padding = len(texts) - 1 - max(i for i, text in enumerate(texts[:-1]) if text)
    assert all(texts[: len(texts) - 1 - padding]), "no blank pages among the stories"
    assert len(texts) % 4 == 0 and padding < 4


def test_the_back_cover_is_always_page_4n_with_blanks_before_it(tmp_path: Path) -> None:
    """A booklet of any length folds: the reading-order PDF pads to 4n pages itself, so a
    print shop can saddle-stitch booklet.pdf as it is and a reader sees the back cover last."""
    for theme in ("default", "large-print"):
        out = build_booklet(tmp_path / f"{theme}.pdf", SEED, options=("--theme", theme))
        texts = page_texts(out)
        assert len(texts) % 4 == 0, (theme, len(texts))
        assert "Help North Korean refugees reach freedom." in texts[-1]


def test_covers_come_first_and_the_back_cover_is_last(seed_booklet: Path) -> None:
    texts = page_texts(seed_booklet)
    assert "Beyond Utopia" in texts[0] and "Stories of escape" in texts[0]
    assert "Liberty in North Korea (LiNK) rescues" in texts[1]
    assert texts[2].startswith("Contents")
    assert "Help North Korean refugees reach freedom." in texts[-1]
    assert "libertyinnorthkorea.org" in texts[-1]


def test_page_labels_match_the_printed_folios(seed_booklet: Path) -> None:
    reader = PdfReader(seed_booklet)
    labels = reader.page_labels
    assert labels[0] == "Cover" and labels[1] == "Inside cover" and labels[-1] == "Back cover"
    assert labels[2:-1] == [str(n) for n in range(3, len(labels))]


def _folio(path: Path, index: int) -> str:
    """Text in the bottom margin of a page (below the text block)."""
    x0, y0, x1, _y1 = trim(path, index)
    return region_text(path, index, (x0, y0, x1, y0 + 0.6 * 72)).strip()


def _head(path: Path, index: int) -> str:
    x0, _y0, x1, y1 = trim(path, index)
    return region_text(path, index, (x0, y1 - 0.7 * 72, x1, y1)).strip()


@pytest.mark.parametrize("which", ["seed_booklet", "collection_booklet"])
def test_folios_only_on_story_pages_and_none_on_covers_or_blanks(
    which: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(which)
    texts = page_texts(path)
    story_starts = [page for _t, page in outline(path)[1:]]
    blanks = [i for i, text in enumerate(texts) if not text]
    assert blanks, "the recto rule should need at least one blank verso"
    for index, text in enumerate(texts):
        folio = _folio(path, index)
        number = index + 1
        if (
            index in (0, 1, len(texts) - 1)
            or not text
            or "Contents" in texts[2]
            and number < story_starts[0]
        ):
            assert not re.search(r"\d", folio), (number, folio)
        else:
            assert folio == str(number), (number, folio)


def test_running_heads_collection_title_left_story_title_right(seed_booklet: Path) -> None:
    starts = dict((page, title) for title, page in outline(seed_booklet)[1:])
    texts = page_texts(seed_booklet)
    current = ""
    for index in range(3, len(texts) - 1):
        number = index + 1
        current = starts.get(number, current)
        head = _head(seed_booklet, index)
        if number in starts or not texts[index]:
            assert head == "", (number, head)  # openers and blanks have none
        elif number % 2 == 0:
            assert head == "BEYOND UTOPIA", (number, head)
        else:
            assert squash(head) and squash(current).startswith(squash(head).rstrip("…")), head


# --- text ---------------------------------------------------------------------------------


def _body_text(path: Path, first: int) -> str:
    """The text of every page from ``first`` (0-based), inside the text block only."""
    reader = PdfReader(path)
    out = []
    for index in range(first, len(reader.pages) - 1):
        x0, y0, x1, y1 = trim(path, index)
        out.append(region_text(path, index, (x0, y0 + 0.6 * 72, x1, y1 - 0.7 * 72)))
    return squash(" ".join(out))


@pytest.mark.parametrize("which", ["seed_booklet", "collection_booklet"])
def test_every_word_of_every_story_is_in_the_booklet_in_reading_order(
    which: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(which)
    source = SEED if which == "seed_booklet" else path.parent / "src"
    first_story = outline(path)[1][1] - 1
    text = _body_text(path, first_story)
    position = 0
    for story in parse_sources([source], Warned()):
        for part in [story.title, *(block_text(b) for b in story.blocks)]:
            probe = squash(part)
            if not probe:
                continue
            found = text.find(probe, position)
            assert found >= 0, part[:80]
            position = found + len(probe)


def test_body_is_hyphenated_and_justified(seed_booklet: Path) -> None:
    text = " ".join(PdfReader(seed_booklet).pages[i].extract_text() for i in range(4, 11))
    assert re.search(r"[a-z]-\n[a-z]", text), "no word was hyphenated at a line end"


def test_hangul_and_latin_share_a_paragraph_with_the_rightembedded_fonts(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "korean.md"
    source.write_text(
        "---\ntitle: 서울 Letters\n---\n\nMy mother wrote 어머니의 편지 in pencil, and we read "
        "it in 서울 on the first night. " * 3 + "\n",
        "utf-8",
    )
    path = build_booklet(tmp_path / "k.pdf", source)
    reader = PdfReader(path)
    fonts = embedded_fonts(reader)
    assert any("NanumMyeongjo" in name for name in fonts), fonts
    assert any("NotoSerif" in name for name in fonts), fonts
    assert all(fonts.values()), fonts
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "어머니의" in text and "편지" in text and "서울" in text


# --- fonts, metadata, determinism ---------------------------------------------------------


@pytest.mark.parametrize("which", ["seed_booklet", "collection_booklet", "print_shop_booklet"])
def test_every_font_is_embedded_and_subset(which: str, request: pytest.FixtureRequest) -> None:
    fonts = embedded_fonts(PdfReader(request.getfixturevalue(which)))
    assert fonts and all(fonts.values()), fonts
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts), fonts


def test_metadata_comes_from_makedocs_toml_only(seed_booklet: Path) -> None:
    info = PdfReader(seed_booklet).metadata
    assert info["/Title"] == "Beyond Utopia"
    assert info["/Author"] == "Liberty in North Korea"
    assert info["/Subject"] == "Stories of escape and freedom from North Korea"
    assert "ReportLab" not in str(info) and "anonymous" not in str(info)
    data = seed_booklet.read_bytes()
    for leak in (b"anonymous", str(Path.home()).encode(), b"/tmp/", b"/work/", b"/home/"):
        assert leak not in data, leak


def test_the_same_sources_give_byte_identical_booklets(tmp_path: Path) -> None:
    one = build_booklet(tmp_path / "one.pdf", SEED).read_bytes()
    two = build_booklet(tmp_path / "two.pdf", SEED).read_bytes()
    assert one == two


# --- print shop ---------------------------------------------------------------------------


def test_bleed_and_crop_marks_set_the_boxes(print_shop_booklet: Path) -> None:
    for page in PdfReader(print_shop_booklet).pages:
        media = [float(v) for v in page.mediabox]
        trim_box = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.bleedbox]
        assert trim_box[2] - trim_box[0] == pytest.approx(HALF_LETTER[0], abs=0.01)
        assert trim_box[3] - trim_box[1] == pytest.approx(HALF_LETTER[1], abs=0.01)
        for i, sign in enumerate((-1, -1, 1, 1)):
            assert bleed[i] == pytest.approx(trim_box[i] + sign * BLEED, abs=0.01)
            # room for crop marks outside the bleed
            assert (media[i] - bleed[i]) * sign > 12


def test_bleed_without_marks_is_just_the_bleed(tmp_path: Path) -> None:
    path = build_booklet(tmp_path / "b.pdf", SEED, options=("--bleed", "0.125in"))
    page = PdfReader(path).pages[0]
    assert [float(v) for v in page.mediabox] == pytest.approx([float(v) for v in page.bleedbox])
    assert float(page.trimbox.left) == pytest.approx(9.0)


def test_cover_colour_runs_into_the_bleed_and_marks_sit_outside_it(
    print_shop_booklet: Path,
) -> None:
    pdf = pdfium.PdfDocument(str(print_shop_booklet))
    try:
        image = pdf[0].render(scale=2).to_pil().convert("RGB")
    finally:
        pdf.close()
    x0, y0, x1, y1 = trim(print_shop_booklet, 0)
    height = float(PdfReader(print_shop_booklet).pages[0].mediabox.top)

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((round(x * 2), round((height - y) * 2)))  # type: ignore[return-value]

    cover = pixel(x0 + 40, y0 + 40)
    assert sum(cover) < 200  # dark navy
    assert pixel(x0 - BLEED / 2, y0 + 40) == cover  # inside the bleed
    assert sum(pixel(x0 - BLEED - 1.5, y0 + 40)) > 700  # white beyond the bleed


def test_no_glyph_lies_outside_the_trim_box(print_shop_booklet: Path) -> None:
    pdf = pdfium.PdfDocument(str(print_shop_booklet))
    try:
        for index in range(len(pdf)):
            x0, y0, x1, y1 = trim(print_shop_booklet, index)
            page = pdf[index].get_textpage()
            for char in range(page.count_chars()):
                left, bottom, right, top = page.get_charbox(char)
                if right - left <= 0:
                    continue  # spaces and other empty boxes
                assert x0 <= left and right <= x1 and y0 <= bottom and top <= y1, (index, char)
    finally:
        pdf.close()


def test_a4_sheets_give_a5_pages(tmp_path: Path) -> None:
    path = build_booklet(tmp_path / "a5.pdf", SEED, options=("--page-size", "a4"))
    box = PdfReader(path).pages[0].trimbox
    assert float(box.width) == pytest.approx(148 / 25.4 * 72, abs=0.05)
    assert float(box.height) == pytest.approx(210 / 25.4 * 72, abs=0.05)


def test_cmyk_uses_no_rgb_colour(tmp_path: Path) -> None:
    folder = write_collection(tmp_path / "src", count=10)
    path = build_booklet(tmp_path / "cmyk.pdf", folder, options=("--cmyk",))
    rgb = re.compile(rb"(?:^|\s)[\d.]+ [\d.]+ [\d.]+ (?:rg|RG)\b")
    reader = PdfReader(path)
    images = 0
    for page in reader.pages:
        assert not rgb.search(page.get_contents().get_data())
        for obj in (page["/Resources"].get("/XObject") or {}).values():
            obj = obj.get_object()
            if obj.get("/Subtype") == "/Image":
                images += 1
                assert obj["/ColorSpace"] in ("/DeviceCMYK", "/DeviceGray"), obj["/ColorSpace"]
    assert images


# --- back cover and print ---------------------------------------------------------------


def test_back_cover_qr_code_encodes_the_url(seed_booklet: Path) -> None:
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(URL)
    code.make(fit=True)
    expected = code.get_matrix()
    n = len(expected)
    pdf = pdfium.PdfDocument(str(seed_booklet))
    try:
        image = pdf[len(pdf) - 1].render(scale=8).to_pil().convert("L")
    finally:
        pdf.close()
    white = [
        (x, y)
        for y in range(0, image.height, 2)
        for x in range(0, image.width, 2)
        if image.getpixel((x, y)) > 250
    ]
    left, right = min(x for x, _ in white), max(x for x, _ in white)
    top, bottom = min(y for _, y in white), max(y for _, y in white)
    module = (right - left) / (n + 8)  # four modules of quiet zone each side
    assert module > 4
    for r in range(n):
        for c in range(n):
            x = left + (4 + c + 0.5) * module
            y = top + (4 + r + 0.5) * module
            dark = image.getpixel((round(x), round(y))) < 128
            assert dark == expected[r][c], (r, c)
    assert abs((bottom - top) - (right - left)) < 3 * module


def test_print_imposition_keeps_the_back_cover_outside(seed_build: Path) -> None:
    booklet = PdfReader(seed_build / "booklet.pdf")
    printed = seed_build / "booklet-print.pdf"
    sheets = PdfReader(printed)
    pages = len(booklet.pages)
    assert len(sheets.pages) == 2 * -(-pages // 4)
    width = float(sheets.pages[0].mediabox.width)
    height = float(sheets.pages[0].mediabox.height)
    front_left = region_text(printed, 0, (0, 0, width / 2, height))
    front_right = region_text(printed, 0, (width / 2, 0, width, height))
    assert "Help North Korean refugees" in front_left  # back cover: last page, outside
    assert "Beyond Utopia" in front_right and "Help" not in front_right


def test_padding_goes_before_the_back_cover(tmp_path: Path) -> None:
    for options in ((), ("--no-recto",)):
        path = build_booklet(
            tmp_path / "b.pdf", SEED, options=(*options, "--print", str(tmp_path / "p.pdf"))
        )
        pages = len(PdfReader(path).pages)
        printed = tmp_path / "p.pdf"
        width = float(PdfReader(printed).pages[0].mediabox.width)
        height = float(PdfReader(printed).pages[0].mediabox.height)
        assert "Help North Korean refugees" in region_text(printed, 0, (0, 0, width / 2, height))
        if pages % 4:
            # the inside of the back cover is a padding blank: back of sheet 0, right half
            assert region_text(printed, 1, (width / 2, 0, width, height)).strip() == ""


def test_links_are_clickable(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "links.md"
    source.write_text("# Links\n\nRead more at [our site](https://example.org/stories).\n", "utf-8")
    reader = PdfReader(build_booklet(tmp_path / "l.pdf", source))
    uris = [
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    assert "https://example.org/stories" in uris
    assert "https://www.libertyinnorthkorea.org" in uris  # the back cover's address


def test_test_sheet_option_writes_the_duplex_test(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from makedocs.cli import main

    result = CliRunner().invoke(main, ["booklet", "--test-sheet", "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "test-sheet.pdf")
    assert len(reader.pages) == 2
    assert "FRONT" in reader.pages[0].extract_text() and "BACK" in reader.pages[1].extract_text()
    assert not (tmp_path / "b.pdf").exists()


def test_small_pictures_are_not_enlarged_and_are_warned_about(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from makedocs.cli import main

    folder = write_collection(tmp_path / "src", count=10)
    result = CliRunner().invoke(
        main, ["booklet", str(folder), "-o", str(tmp_path / "b.pdf"), "--config", str(CONFIG)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"10\.md:\d+: warning: image small\.png prints at 150 ppi", result.output)
    # The 300 px picture is at most 2 in wide (150 ppi); the 1800 px one fills the measure.
    widths = _image_widths(tmp_path / "b.pdf")
    assert widths and min(widths) <= 144.5 and max(widths) > 250


def _image_widths(path: Path) -> list[float]:
    pdf = pdfium.PdfDocument(str(path))
    widths = []
    try:
        for page in pdf:
            for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
                left, _bottom, right, _top = obj.get_bounds()
                widths.append(right - left)
    finally:
        pdf.close()
    return widths


def test_a_collection_of_twenty_stories_builds_cleanly(collection_booklet: Path) -> None:
    reader = PdfReader(collection_booklet)
    assert len(outline(collection_booklet)) == 21
    assert 30 < len(reader.pages) < 80
    texts = page_texts(collection_booklet)
    # no page holds only a stranded line: every non-blank story page has real text on it
    for index, text in enumerate(texts[3:-1], start=3):
        if text:
            assert len(squash(text)) > 40, (index + 1, text)
