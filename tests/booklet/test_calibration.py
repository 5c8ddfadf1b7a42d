"""Printer calibration: the test sheet's rulers on both sides, [printer] back_offset, and the
imposition moving every back page by it; read back with pypdf (placement matrices) and pdfium
(where the rulers' lines land), with a simulated printer that prints the back off."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ContentStream

from makedocs.booklet.calibration import write_test_sheet
from makedocs.cli import main
from makedocs.config import settings_from
from makedocs.errors import MakedocsError
from makedocs.fonts import FontBook
from makedocs.outputs import option_values, output
from makedocs.theme import load_theme
from makedocs.tomlfile import parse_toml
from makedocs.units import Length, Offset
from tests.booklet.test_impose import make_source, markers, run
from tests.conftest import SEED
from tests.pdfcheck import marks

MM = 72 / 25.4
OFFSET = Offset(Length.parse("1.5mm"), Length.parse("-0.5mm"))


def placements(data: bytes) -> list[dict[str, tuple[float, ...]]]:
    """For each side: the matrix each placed page (form ``/Pn``) is drawn with."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        matrices: dict[str, tuple[float, ...]] = {}
        current: tuple[float, ...] = ()
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"cm":
                current = tuple(float(v) for v in operands)
            elif op == b"Do":
                matrices[str(operands[0])] = current
        found.append(matrices)
    return found


# --- the imposition ---------------------------------------------------------------------------


@pytest.mark.parametrize("duplex", ["short-edge", "long-edge"])
def test_a_back_offset_moves_every_back_page_by_exactly_that_much(
    tmp_path: Path, duplex: str
) -> None:
    source = make_source(tmp_path / "in.pdf", 12)
    plain = placements(run(source, duplex=duplex)[0])
    moved = placements(run(source, duplex=duplex, back_offset=OFFSET)[0])
    assert len(plain) == len(moved) == 6
    dx, dy = OFFSET.x.points, OFFSET.y.points
    for side, (before, after) in enumerate(zip(plain, moved, strict=True)):
        assert before.keys() == after.keys() and before
        for name, matrix in before.items():
            shifted = after[name]
            assert shifted[:4] == matrix[:4]  # no scaling or turning, only a shift
            if side % 2 == 0:
                assert shifted == matrix  # fronts stay where they were
                continue
            # As the back is read: a long-edge back is drawn turned, so its shift is too.
            turn = -1 if duplex == "long-edge" else 1
            assert shifted[4] - matrix[4] == pytest.approx(turn * dx, abs=1e-4)
            assert shifted[5] - matrix[5] == pytest.approx(turn * dy, abs=1e-4)


def test_the_back_pages_land_where_the_offset_says(tmp_path: Path) -> None:
    """Where pdfium finds each page's marker: backs moved by the offset, fronts not."""
    source = make_source(tmp_path / "in.pdf", 8)
    plain = PdfReader(io.BytesIO(run(source)[0])).pages
    moved = PdfReader(io.BytesIO(run(source, back_offset=OFFSET)[0])).pages
    for side, (before, after) in enumerate(zip(plain, moved, strict=True)):
        expected = (OFFSET.x.points, OFFSET.y.points) if side % 2 else (0.0, 0.0)
        where = {m[0]: (m[1], m[2]) for m in markers(before)}
        for index, x, y, _ in markers(after):
            assert (x - where[index][0], y - where[index][1]) == pytest.approx(expected, abs=1e-3)


def test_without_an_offset_the_print_is_what_it_always_was(tmp_path: Path) -> None:
    source = make_source(tmp_path / "in.pdf", 8)
    assert run(source)[0] == run(source, back_offset=Offset())[0]


# --- the test sheet ---------------------------------------------------------------------------


def sheet(**options: object) -> bytes:
    target = io.BytesIO()
    write_test_sheet(target, "letter", FontBook(load_theme()), **options)  # type: ignore[arg-type]
    return target.getvalue()


def ruler_strokes(data: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Per side: every stroked segment of the ruler as (x, y, width, height), in the sheet's
    PDF coordinates."""
    sides: list[list[tuple[float, float, float, float]]] = [[], []]
    for mark in marks(PdfReader(io.BytesIO(data))):
        if mark.kind == "stroke":
            w, h = (float(v) for v in mark.text.split("x"))
            sides[mark.page - 1].append((round(mark.x, 3), round(mark.y, 3), w, h))
    return sides


def test_the_ruler_is_on_both_sides_and_the_back_s_lies_behind_the_front_s() -> None:
    """Turned over like a book page (x -> sheet width - x) the back's tick positions are the
    front's, its centre lines cross at the same point, its across-ticks stand on the other
    side of the centre line, and both carry a millimetre scale of 0.5 mm steps."""
    front, back = ruler_strokes(sheet())
    width, height = 792.0, 612.0
    cx, cy = width / 2, height / 2
    assert len(front) == len(back) > 80

    def across_ticks(side: list[tuple[float, float, float, float]]) -> list[tuple[float, float]]:
        return sorted((x, y) for x, y, w, h in side if w == 0 and 0 < h < 5 * MM)

    front_ticks = across_ticks(front)
    back_ticks = across_ticks(back)
    assert len(front_ticks) == 41  # -10 mm to +10 mm in 0.5 mm steps
    for a, b in zip(front_ticks, front_ticks[1:], strict=False):
        assert b[0] - a[0] == pytest.approx(0.5 * MM, abs=0.002)
    assert all(y == pytest.approx(cy) for _, y in front_ticks)  # standing on the centre line
    assert all(y < cy for _, y in back_ticks)  # hanging below it
    mirrored = sorted(round(width - x, 3) for x, _ in back_ticks)
    assert mirrored == pytest.approx([x for x, _ in front_ticks], abs=1e-3)
    for side in (front, back):
        long = [(x, y, w, h) for x, y, w, h in side if max(w, h) > 25 * MM]
        assert len(long) == 2  # the centre lines
        across = next(s for s in long if s[3] == 0)
        up = next(s for s in long if s[2] == 0)
        assert across[1] == pytest.approx(cy) and up[0] == pytest.approx(cx)
    text = PdfReader(io.BytesIO(sheet())).pages[0].extract_text()
    assert "+5" in text and "+10" in text and "back_offset" in text


def _line_centre(image: Image.Image, axis: str) -> float:
    """Where the long dark centre line along ``axis`` is ("x": the vertical one, found by
    column; "y": the horizontal one, by row): the mean of the pixel columns or rows holding a
    run of ink longer than any grid line or tick."""
    grey = image.convert("L")
    w, h = grey.size
    found = []
    for i in range(w if axis == "x" else h):
        run = longest = 0
        for j in range(h if axis == "x" else w):
            pixel = grey.getpixel((i, j) if axis == "x" else (j, i))
            run = run + 1 if pixel < 80 else 0
            longest = max(longest, run)
        if longest > 190:  # the centre lines are 28 mm = 224 px; grid lines 20 mm, fainter
            found.append(i)
    assert found
    return sum(found) / len(found)


def _seen_from_the_front(data: bytes, duplex: str, error: tuple[int, int], scale: float) -> tuple:
    """The front, and the back as a printer that prints it ``error`` pixels off (in its own
    page's pixels) lays it behind the front, seen through the paper from the front."""
    document = pdfium.PdfDocument(data)
    front = document[0].render(scale=scale).to_pil().convert("L")
    back = document[1].render(scale=scale).to_pil().convert("L")
    document.close()
    shifted = Image.new("L", back.size, 255)
    shifted.paste(back, error)
    seen = ImageOps.mirror(shifted) if duplex == "short-edge" else ImageOps.flip(shifted)
    return front, seen


@pytest.mark.parametrize("duplex", ["short-edge", "long-edge"])
def test_reading_the_rulers_and_setting_back_offset_puts_the_back_right_behind(
    duplex: str,
) -> None:
    """A printer that prints every back 2 mm to one side and 1 mm along its page: read the
    front's numbers where the back's centre lines cross, set back_offset to them, print the
    sheet again on the same printer, and the back's lines lie on the front's."""
    scale = 8 / MM  # 8 pixels a millimetre
    error = (16, 8)  # 2 mm right and 1 mm down on the back's own page, as the printer errs
    data = sheet(duplex=duplex)
    front, seen = _seen_from_the_front(data, duplex, error, scale)
    w, h = front.size
    box = (w // 2 - 120, h // 2 - 120, w // 2 + 120, h // 2 + 120)
    cx, cy = _line_centre(front.crop(box), "x"), _line_centre(front.crop(box), "y")
    bx, by = _line_centre(seen.crop(box), "x"), _line_centre(seen.crop(box), "y")
    assert abs(bx - cx) == pytest.approx(16, abs=1) and abs(by - cy) == pytest.approx(8, abs=1)
    # The front's numbers: across counts to the right, up counts downward.
    reading = Offset(Length.mm((bx - cx) / 8), Length.mm((by - cy) / 8))
    again = sheet(duplex=duplex, back_offset=reading)
    front, seen = _seen_from_the_front(again, duplex, error, scale)
    assert _line_centre(seen.crop(box), "x") == pytest.approx(cx, abs=1)
    assert _line_centre(seen.crop(box), "y") == pytest.approx(cy, abs=1)


def test_the_sheet_is_laid_out_like_the_print_long_edge_back_turned() -> None:
    short, long = (PdfReader(io.BytesIO(sheet(duplex=d))) for d in ("short-edge", "long-edge"))
    for reader in (short, long):
        assert "BACK" in reader.pages[1].extract_text()
    assert "--duplex short-edge" in long.pages[0].extract_text()
    assert "flip on long edge" in long.pages[0].extract_text()
    upright = pdfium.PdfDocument(sheet())[1].get_textpage()
    turned = pdfium.PdfDocument(sheet(duplex="long-edge"))[1].get_textpage()
    text = upright.get_text_range()
    index = text.index("BACK")
    a, b = upright.get_charbox(index), turned.get_charbox(turned.get_text_range().index("BACK"))
    assert b[0] == pytest.approx(792 - a[2], abs=0.5) and b[1] == pytest.approx(612 - a[3], abs=0.5)


def test_the_sheet_names_the_offset_it_was_printed_with() -> None:
    text = PdfReader(io.BytesIO(sheet(back_offset=OFFSET))).pages[0].extract_text()
    assert 'back_offset = "1.5mm, -0.5mm"' in " ".join(text.split())


# --- settings and the command line ------------------------------------------------------------


def test_back_offset_comes_from_printer_settings_for_the_print_and_the_sheet() -> None:
    settings = settings_from(parse_toml('[printer]\nback_offset = "1.5mm, -0.5mm"\n', "m.toml"))
    for name in ("booklet-print", "test-sheet"):
        assert option_values(output(name), settings, {}).back_offset == OFFSET


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"1.5mm"', "back_offset takes two lengths"),
        ('"1.5, 2mm"', "back_offset x needs a unit"),
        ('"0mm, 12mm"', "back_offset y must be at most 10mm"),
        ('"-11mm, 0mm"', "back_offset x must be at least -10mm"),
        ("1.5", "back_offset takes two lengths"),
    ],
)
def test_a_bad_back_offset_is_an_error_at_its_line(value: str, message: str) -> None:
    text = f'[collection]\ntitle = "T"\n\n[printer]\nback_offset = {value}\n'
    with pytest.raises(MakedocsError, match=message) as caught:
        settings_from(parse_toml(text, "makedocs.toml"))
    assert str(caught.value).startswith("makedocs.toml:5: ")


@pytest.mark.parametrize("value", ["1.5mm", "1.5, -0.5", "20mm, 0mm", "left, up"])
def test_a_bad_back_offset_option_is_a_usage_error(tmp_path: Path, value: str) -> None:
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(
        main,
        [
            "booklet",
            str(SEED),
            "-o",
            str(out),
            "--print",
            str(tmp_path / "p.pdf"),
            "--back-offset",
            value,
        ],
    )
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--back-offset'" in result.output
    assert not out.exists()


def test_back_offset_on_the_command_line_reaches_the_print_and_the_sheet(tmp_path: Path) -> None:
    args = ["booklet", str(SEED), "-o", str(tmp_path / "b.pdf"), "--back-offset", "1.5mm, -0.5mm"]
    result = CliRunner().invoke(main, [*args, "--print", str(tmp_path / "p.pdf")])
    assert result.exit_code == 0, result.output
    plain = CliRunner().invoke(main, [*args[:-2], "--print", str(tmp_path / "q.pdf")])
    assert plain.exit_code == 0, plain.output
    moved = placements((tmp_path / "p.pdf").read_bytes())
    before = placements((tmp_path / "q.pdf").read_bytes())
    for side in (1, 3):
        for name, matrix in before[side].items():
            assert moved[side][name][4] - matrix[4] == pytest.approx(OFFSET.x.points, abs=1e-4)
    result = CliRunner().invoke(main, [*args, "--test-sheet"])
    assert result.exit_code == 0, result.output
    text = PdfReader(tmp_path / "test-sheet.pdf").pages[0].extract_text()
    assert '"1.5mm, -0.5mm"' in " ".join(text.split())


def test_back_offset_without_print_or_test_sheet_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["booklet", str(SEED), "-o", str(tmp_path / "b.pdf"), "--back-offset", "1mm, 0mm"]
    )
    assert result.exit_code == 2
    assert "--back-offset only applies with --print FILE or --test-sheet" in result.output
