"""Options and sizes: a bad command line exits 2 before anything is written, and every PDF
makedocs writes follows page_size (read back with pypdf)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.cli import main
from tests.conftest import SEED

MM = 72 / 25.4
LETTER = (612.0, 792.0)
A4 = (210 * MM, 297 * MM)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# --- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--creep", "0.5mm"), "--creep only applies with --print FILE"),
        (("--signature", "2"), "--signature only applies with --print FILE"),
        (("--duplex", "long-edge"), "--duplex only applies with --print FILE or --test-sheet"),
        (("--test-sheet", "--creep", "1mm"), "--creep only applies with --print FILE"),
        (("--test-sheet", "--print", "p.pdf"), "--test-sheet writes only the test sheet"),
    ],
)
def test_print_options_without_print_are_usage_errors(
    tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "b.pdf"
    code, text = run("booklet", str(SEED), "-o", str(out), *options)
    assert code == 2 and message in text
    assert not out.exists() and not (tmp_path / "test-sheet.pdf").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--bleed", "3", "needs a unit"),
        ("--bleed", "-1mm", "must be at least 0mm"),
        ("--bleed", "25mm", "must be at most 20mm"),
        ("--bleed", "1in", "must be at most 20mm"),
        ("--creep", "1", "needs a unit"),
        ("--creep", "-0.5mm", "must be at least 0mm"),
        ("--creep", "9mm", "must be at most 5mm"),
        ("--signature", "0", "whole number from 1 to 100"),
        ("--signature", "two", "must be a whole number"),
        ("--signature", "101", "whole number from 1 to 100"),
        ("--duplex", "sideways", "'sideways' is not one of"),
        ("--page-size", "a5", "'a5' is not one of"),
    ],
)
def test_bad_option_values_of_booklet_exit_2(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    out = tmp_path / "b.pdf"
    code, text = run("booklet", str(SEED), "-o", str(out), "--print", str(tmp_path / "p.pdf"),
                     option, value)  # fmt: skip
    assert code == 2, text
    assert message in text
    assert not out.exists()


def test_signature_on_the_command_line_reaches_the_print(tmp_path: Path) -> None:
    """One sheet per signature: the first sheet's outside is reading page 4, not the back cover."""
    from tests.booklet.test_render import region_text

    printed = tmp_path / "p.pdf"
    code, text = run("booklet", str(SEED), "-o", str(tmp_path / "b.pdf"), "--print", str(printed),
                     "--signature", "1")  # fmt: skip
    assert code == 0, text
    width, height = LETTER[1], LETTER[0]
    outside = region_text(printed, 0, (0, 0, width / 2, height))
    assert "Help North Korean refugees" not in outside
    assert "Help North Korean refugees" in region_text(printed, len(PdfReader(printed).pages) - 2,
                                                       (0, 0, width / 2, height))  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("deck", str(SEED), "--aspect", "5:4"),
        ("build", str(SEED), "--only", "posters"),
        ("build", str(SEED), "--page-size", "tabloid"),
        ("epub", str(SEED), "--page-size", "legal"),
    ],
)
def test_bad_option_values_exit_2_everywhere(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, _ = run(*args, "-o", str(tmp_path / "out"))
    assert code == 2


# --- every PDF follows page_size ------------------------------------------------------------


def _size(path: Path, box: str = "mediabox") -> tuple[float, float]:
    page = PdfReader(path).pages[0]
    rect = getattr(page, box)
    return float(rect.width), float(rect.height)


@pytest.mark.parametrize(
    ("paper", "sheet", "page"),
    [("letter", LETTER, (396.0, 612.0)), ("a4", A4, (148 * MM, 210 * MM))],
)
def test_every_pdf_output_follows_page_size(
    tmp_path: Path, paper: str, sheet: tuple, page: tuple
) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text(f'page_size = "{paper}"\n', "utf-8")
    out = tmp_path / "dist"
    code, text = run("build", str(SEED), "-o", str(out), "--config", str(config),
                     "--only", "booklet,booklet-print,speaker-notes")  # fmt: skip
    assert code == 0, text
    short, long = sheet
    # The booklet: half-letter or A5 pages, for the sheet folded once.
    assert _size(out / "booklet.pdf", "trimbox") == pytest.approx(page, abs=0.01)
    # The office print: landscape sheets of the paper.
    assert _size(out / "booklet-print.pdf") == pytest.approx((long, short), abs=0.01)
    # The speaker's script: portrait pages of the paper, every one.
    notes = PdfReader(out / "speaker-notes.pdf")
    for page in notes.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx((short, long), abs=0.01)
    # The test sheet: one landscape sheet of the paper.
    code, text = run("booklet", "--test-sheet", "-o", str(out / "b.pdf"), "--config", str(config))
    assert code == 0, text
    reader = PdfReader(out / "test-sheet.pdf")
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx((long, short), abs=0.01)


def test_the_command_line_page_size_wins_for_the_notes_and_the_test_sheet(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text('page_size = "letter"\n', "utf-8")
    notes = tmp_path / "notes.pdf"
    code, text = run("deck", str(SEED), "-o", str(tmp_path / "d.pptx"), "--notes", str(notes),
                     "--config", str(config), "--page-size", "a4")  # fmt: skip
    assert code == 0, text
    assert _size(notes) == pytest.approx(A4, abs=0.01)
    code, text = run("booklet", "--test-sheet", "-o", str(tmp_path / "b.pdf"),
                     "--config", str(config), "--page-size", "a4")  # fmt: skip
    assert code == 0, text
    assert _size(tmp_path / "test-sheet.pdf") == pytest.approx((A4[1], A4[0]), abs=0.01)
