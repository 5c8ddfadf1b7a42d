"""Saddle-stitch imposition: slot order, where pages really land, rotation, creep, determinism.

Sources are synthetic reading-order PDFs: 5.5 x 8.5 in pages, each with a full-bleed background
and a big marker ("P07" = reading page 7) centred on the page, so the imposed output can be read
back with pypdf text positions (and, for clipping, rendered with pypdfium2).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen.canvas import Canvas

from makedocs.booklet.calibration import write_test_sheet
from makedocs.booklet.impose import (
    Sheet,
    SheetSide,
    impose,
    padded_order,
    sheet_plan,
)
from makedocs.errors import MakedocsError
from makedocs.fonts import FontBook
from makedocs.theme import load_theme
from makedocs.units import Length

PAGE = (396.0, 612.0)  # 5.5 x 8.5 in
MARKER = re.compile(r"P\d\d")
# Full-bleed backgrounds: odd reading pages reddish, even ones bluish (as RGB 0..255).
ODD = (255, 128, 128)
EVEN = (128, 128, 255)


def make_source(
    path: Path, pages: int, *, bleed: float = 0, size: tuple[float, float] = PAGE
) -> Path:
    """A reading-order PDF; with ``bleed`` the MediaBox is larger and the TrimBox is set."""
    width, height = size
    canvas = Canvas(str(path), pagesize=(width + 2 * bleed, height + 2 * bleed), invariant=1)
    for number in range(1, pages + 1):
        if bleed:
            canvas.setTrimBox((bleed, bleed, width + bleed, height + bleed))
        red, green, blue = ODD if number % 2 else EVEN
        canvas.setFillColorRGB(red / 255, green / 255, blue / 255)
        canvas.rect(0, 0, width + 2 * bleed, height + 2 * bleed, fill=1, stroke=0)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont("Helvetica-Bold", 72)
        canvas.drawCentredString(bleed + width / 2, bleed + height / 2, f"P{number:02d}")
        canvas.showPage()
    canvas.save()
    return path


def run(source: Path, **options: object) -> tuple[bytes, int]:
    target = io.BytesIO()
    count = impose(source, target, **options)  # type: ignore[arg-type]
    return target.getvalue(), count


def markers(page: PageObject) -> list[tuple[int, float, float, bool]]:
    """(reading page index, x, y, upside_down) for every marker on an output page.

    Positions come from pdfium's text page (where glyphs really land after every transform,
    including those of form XObjects); a marker drawn upside down reads right to left.
    """
    single = PdfWriter()
    single.add_page(page)
    buffer = io.BytesIO()
    single.write(buffer)
    document = pdfium.PdfDocument(buffer.getvalue())
    textpage = document[0].get_textpage()
    text = textpage.get_text_range()
    found: list[tuple[int, float, float, bool]] = []
    for match in MARKER.finditer(text):
        first = textpage.get_charbox(match.start())
        last = textpage.get_charbox(match.end() - 1)
        upside_down = first[0] > last[0]
        # The first glyph's leading edge: where the marker starts, whatever digits follow.
        x = first[2] if upside_down else first[0]
        y = first[3] if upside_down else first[1]
        found.append((int(match.group()[1:]) - 1, x, y, upside_down))
    textpage.close()
    document.close()
    return found


def visual_slots(page: PageObject) -> tuple[int | None, int | None, bool | None]:
    """Which reading page is in the left and right half as the PDF page shows, and rotation."""
    middle = float(page.mediabox.width) / 2
    left = right = None
    flips = set()
    for index, x, _y, upside_down in markers(page):
        flips.add(upside_down)
        if x < middle:
            assert left is None
            left = index
        else:
            assert right is None
            right = index
    assert len(flips) <= 1
    return left, right, (flips.pop() if flips else None)


def signature_chunks(page_count: int, signature: int | None) -> list[list[int | None]]:
    order = padded_order(page_count)
    size = len(order) if signature is None else 4 * signature
    return [order[i : i + size] for i in range(0, len(order), size)]


# --- the plan ---------------------------------------------------------------------------------


def test_padded_order_keeps_back_cover_last() -> None:
    assert padded_order(0) == []
    assert padded_order(1) == [0, None, None, None]  # no back cover: blanks follow
    assert padded_order(2) == [0, None, None, 1]
    assert padded_order(4) == [0, 1, 2, 3]
    assert padded_order(5) == [0, 1, 2, 3, None, None, None, 4]
    assert padded_order(3, multiple=2) == [0, 1, None, 2]


def test_smallest_booklet_plan() -> None:
    assert sheet_plan(4) == [
        Sheet(front=SheetSide(3, 0), back=SheetSide(1, 2), signature=0),
    ]


@pytest.mark.parametrize("signature", [None, 1, 2, 3, 5])
def test_sheet_plan_matches_formula_for_every_length(signature: int | None) -> None:
    for page_count in range(1, 41):
        order = padded_order(page_count)
        assert len(order) % 4 == 0 and len(order) - page_count < 4
        # Blanks sit together right before the back cover (after the only page if just one).
        blanks = [i for i, page in enumerate(order) if page is None]
        if page_count == 1:
            assert blanks == [1, 2, 3]
        else:
            assert order[-1] == page_count - 1
            assert blanks == list(range(page_count - 1, len(order) - 1))

        sheets = sheet_plan(page_count, signature)
        expected: list[Sheet] = []
        for number, chunk in enumerate(signature_chunks(page_count, signature)):
            q = len(chunk)
            assert q % 4 == 0
            if signature is not None:
                assert q <= 4 * signature
            for k in range(q // 4):
                front = SheetSide(chunk[q - 2 * k - 1], chunk[2 * k])
                back = SheetSide(chunk[2 * k + 1], chunk[q - 2 * k - 2])
                expected.append(Sheet(front, back, number))
        assert sheets == expected

        placed = [
            slot
            for sheet in sheets
            for slot in (sheet.front.left, sheet.front.right, sheet.back.left, sheet.back.right)
        ]
        assert sorted(p for p in placed if p is not None) == list(range(page_count))
        assert placed.count(None) == len(order) - page_count


def test_sheet_plan_rejects_empty_signatures() -> None:
    with pytest.raises(MakedocsError):
        sheet_plan(8, signature=0)


# --- real output ------------------------------------------------------------------------------


@pytest.mark.parametrize("duplex", ["short-edge", "long-edge"])
@pytest.mark.parametrize("page_count", [1, 2, 3, 6, 8, 13])
def test_pages_land_in_planned_slots(tmp_path: Path, page_count: int, duplex: str) -> None:
    source = make_source(tmp_path / "in.pdf", page_count)
    data, count = run(source, duplex=duplex)
    reader = PdfReader(io.BytesIO(data))
    plan = sheet_plan(page_count)
    assert count == len(reader.pages) == 2 * len(plan)
    seen: list[int] = []
    for number, sheet in enumerate(plan):
        front = reader.pages[2 * number]
        back = reader.pages[2 * number + 1]
        for page in (front, back):
            assert page.rotation == 0  # rotation is in the content, not a viewer hint
            assert (float(page.mediabox.width), float(page.mediabox.height)) == (792, 612)
        assert visual_slots(front)[:2] == (sheet.front.left, sheet.front.right)
        left, right, upside_down = visual_slots(back)
        if duplex == "long-edge":
            # The whole back side is turned: what reads on the left is drawn on the right.
            assert (left, right) == (sheet.back.right, sheet.back.left)
            assert upside_down in (True, None)
        else:
            assert (left, right) == (sheet.back.left, sheet.back.right)
            assert upside_down in (False, None)
        seen += [m[0] for page in (front, back) for m in markers(page)]
    assert sorted(seen) == list(range(page_count))


def test_eight_pages_exact_layout(tmp_path: Path) -> None:
    data, _ = run(make_source(tmp_path / "in.pdf", 8))
    pages = PdfReader(io.BytesIO(data)).pages
    # 1-based: sheet 1 front [8 | 1], back [2 | 7]; sheet 2 front [6 | 3], back [4 | 5].
    assert [visual_slots(p)[:2] for p in pages] == [(7, 0), (1, 6), (5, 2), (3, 4)]


def test_long_edge_back_is_rotated_about_the_sheet_centre(tmp_path: Path) -> None:
    source = make_source(tmp_path / "in.pdf", 4)
    short_pages = PdfReader(io.BytesIO(run(source)[0])).pages
    long_pages = PdfReader(io.BytesIO(run(source, duplex="long-edge")[0])).pages
    assert markers(long_pages[0]) == markers(short_pages[0])  # fronts untouched
    for index, x, y, upside_down in markers(short_pages[1]):
        assert not upside_down
        [(_, x2, y2, flipped)] = [m for m in markers(long_pages[1]) if m[0] == index]
        assert flipped
        assert (x2, y2) == pytest.approx((792 - x, 612 - y))


def test_signatures_are_stacked(tmp_path: Path) -> None:
    data, count = run(make_source(tmp_path / "in.pdf", 40), signature=3)
    pages = PdfReader(io.BytesIO(data)).pages
    plan = sheet_plan(40, signature=3)
    assert [sheet.signature for sheet in plan] == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3]
    assert count == len(pages) == 20
    # Signature 2 starts at reading page 13 and holds 12 pages: outer front [P24 | P13].
    assert visual_slots(pages[6])[:2] == (23, 12)
    assert visual_slots(pages[7])[:2] == (13, 22)
    # The last signature is a single sheet with pages 37-40.
    assert [visual_slots(p)[:2] for p in pages[18:]] == [(39, 36), (37, 38)]
    for number, sheet in enumerate(plan):
        assert visual_slots(pages[2 * number])[:2] == (sheet.front.left, sheet.front.right)
        assert visual_slots(pages[2 * number + 1])[:2] == (sheet.back.left, sheet.back.right)


@pytest.mark.parametrize("duplex", ["short-edge", "long-edge"])
def test_creep_moves_inner_sheets_toward_the_spine(tmp_path: Path, duplex: str) -> None:
    source = make_source(tmp_path / "in.pdf", 16)  # one signature of 4 sheets
    creep = Length.parse("6mm")
    plain = PdfReader(io.BytesIO(run(source, duplex=duplex)[0])).pages
    crept = PdfReader(io.BytesIO(run(source, duplex=duplex, creep=creep)[0])).pages
    for number in range(len(plain)):
        expected = creep.points * (number // 2) / 3  # sheet k of n=4 moves creep * k / 3
        before = {m[0]: m[1] for m in markers(plain[number])}
        for index, x, _y, _flip in markers(crept[number]):
            toward_spine = x - before[index] if before[index] < 396 else before[index] - x
            assert toward_spine == pytest.approx(expected, abs=1e-3)  # pdfium reports float32


def test_bleed_and_marks_are_clipped_to_the_trim_box(tmp_path: Path) -> None:
    source = make_source(tmp_path / "in.pdf", 4, bleed=18)
    data, _ = run(source, creep=Length.pt(0))
    reader = PdfReader(io.BytesIO(data))
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (
        792,
        612,
    )
    assert visual_slots(reader.pages[0])[:2] == (3, 0)
    document = pdfium.PdfDocument(data)
    try:
        image = document[0].render(scale=1).to_pil().convert("RGB")
        # Front of the only sheet: [P04 | P01]. Without the clip, P01's 18 pt bleed would
        # cover the spine side of P04 (or vice versa) depending on drawing order.
        for x in (2, 380, 394):
            assert image.getpixel((x, 20)) == EVEN, x
        for x in (398, 412, 789):
            assert image.getpixel((x, 20)) == ODD, x
    finally:
        document.close()


def test_source_rotation_is_honoured(tmp_path: Path) -> None:
    plain = make_source(tmp_path / "in.pdf", 4)
    writer = PdfWriter(clone_from=str(plain))
    for page in writer.pages:
        page.rotate(180)  # a viewer shows these pages upside down, so must the print
    rotated = tmp_path / "rotated.pdf"
    writer.write(rotated)
    pages = PdfReader(io.BytesIO(run(rotated)[0])).pages
    assert [visual_slots(p) for p in pages] == [(3, 0, True), (1, 2, True)]
    assert all(p.rotation == 0 for p in pages)
    # pypdf's setter rounds to quarter turns; files in the wild can hold anything.
    writer.pages[1][NameObject("/Rotate")] = NumberObject(45)
    writer.write(rotated)
    with pytest.raises(MakedocsError, match="page 2 has /Rotate 45"):
        run(rotated)


def test_a5_pages_are_centred_on_a4(tmp_path: Path) -> None:
    source = make_source(tmp_path / "in.pdf", 4, size=A5)
    data, _ = run(source)
    page = PdfReader(io.BytesIO(data)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (width, height) == pytest.approx((841.89, 595.28), abs=0.01)
    [left, right] = sorted(markers(page), key=lambda m: m[1])
    assert right[1] - left[1] == pytest.approx(A5[0])
    # Where the left page's edge landed: the marker's position on the sheet minus its position
    # on its own page (reading page 4 is on the left of the first front).
    on_page = next(m for m in markers(PdfReader(source).pages[left[0]]))
    margin = left[1] - on_page[1]
    assert margin == pytest.approx((width - 2 * A5[0]) / 2, abs=0.01)  # about 1.4 pt a side


# --- test sheet, reproducibility, errors --------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("letter", (792, 612)), ("a4", (841.89, 595.28))])
def test_test_sheet_has_front_and_back(paper: str, size: tuple[float, float]) -> None:
    target = io.BytesIO()
    write_test_sheet(target, paper, FontBook(load_theme()))
    data = target.getvalue()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    front, back = (page.extract_text() for page in reader.pages)
    assert "FRONT" in front and "BACK" not in front.replace("BACK is", "")
    assert "BACK" in back and "FRONT" not in back
    for text in (front, back):
        assert "this edge up" in text
        assert "--duplex long-edge" in text and "flip on short edge" in text
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[union-attr]
    }
    assert fonts and all("NotoSans" in name for name in fonts)  # bundled fonts only
    again = io.BytesIO()
    write_test_sheet(again, paper, FontBook(load_theme()))
    assert again.getvalue() == data


def test_output_is_reproducible_and_carries_only_given_metadata(tmp_path: Path) -> None:
    source = make_source(tmp_path / "in.pdf", 10)
    meta = {"/Title": "Spring stories", "/Author": "Friends of the Park"}
    first, _ = run(source, metadata=meta, creep=Length.parse("1mm"), signature=2)
    second, _ = run(source, metadata=meta, creep=Length.parse("1mm"), signature=2)
    assert first == second
    with source.open("rb") as handle:
        target = io.BytesIO()
        impose(handle, target, metadata=meta, creep=Length.parse("1mm"), signature=2)
    assert target.getvalue() == first
    reader = PdfReader(io.BytesIO(first))
    assert dict(reader.metadata or {}) == {**meta, "/Producer": "makedocs"}
    file_id = reader.trailer["/ID"]
    assert len(file_id) == 2 and file_id[0] == file_id[1]
    assert str(tmp_path).encode() not in first and b"pypdf" not in first
    assert b"/CreationDate" not in first and b"/ModDate" not in first
    other, _ = run(source, metadata=meta, duplex="long-edge")
    assert PdfReader(io.BytesIO(other)).trailer["/ID"] != file_id


def test_unreadable_source_is_a_makedocs_error(tmp_path: Path) -> None:
    garbage = tmp_path / "bad.pdf"
    garbage.write_bytes(b"this is not a PDF at all")
    with pytest.raises(MakedocsError) as caught:
        run(garbage)
    assert caught.value.path == str(garbage)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(MakedocsError):
        run(empty)
    with pytest.raises(MakedocsError):
        run(tmp_path / "missing.pdf")


def test_bad_options_are_makedocs_errors(tmp_path: Path) -> None:
    source = make_source(tmp_path / "in.pdf", 4)
    with pytest.raises(MakedocsError, match="signature"):
        run(source, signature=0)
    with pytest.raises(MakedocsError, match="duplex"):
        run(source, duplex="sideways")
    with pytest.raises(MakedocsError, match="creep"):
        run(source, creep=Length.parse("-1mm"))


def test_mixed_page_sizes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1)
    canvas.drawString(10, 10, "P01")
    canvas.showPage()
    canvas.setPageSize(A5)
    canvas.drawString(10, 10, "P02")
    canvas.showPage()
    canvas.save()
    with pytest.raises(MakedocsError, match="page 2"):
        run(path)
