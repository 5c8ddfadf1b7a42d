"""``makedocs preview``: a contact sheet and thumbnails for every output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from makedocs.cli import main
from makedocs.outputs import outputs
from tests.conftest import ROOT, SEEDS


def _preview(out: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main,
        ["preview", str(SEEDS), "-o", str(out), "--config", str(ROOT / "makedocs.toml"), *args],
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_preview_writes_a_contact_sheet_and_thumbnails_per_output(
    tmp_path: Path, seed_build: Path
) -> None:
    shown = _preview(tmp_path / "pv", "--slides", "sketch")
    built = [o for o in outputs().values() if o.in_build and o.preview != "none"]
    assert {o.name for o in built} >= {"booklet", "booklet-print", "deck", "speaker-notes"}
    for item in built:
        sheet = tmp_path / "pv" / f"{item.name}.png"
        pdf = item.filename.endswith(".pdf")
        one_page = pdf and len(PdfReader(seed_build / item.filename).pages) == 1
        with Image.open(sheet) as picture:  # a one-page output (the handout) is one portrait
            assert picture.width > (300 if one_page else 400) and picture.height > 200
        thumbs = sorted((tmp_path / "pv" / item.name).glob("*.png"))
        if item.filename.endswith(".pdf"):
            assert len(thumbs) == len(PdfReader(seed_build / item.filename).pages), item.name
    assert "slides sketched from the plan" in shown


def test_booklet_spreads_put_facing_pages_side_by_side(tmp_path: Path) -> None:
    _preview(tmp_path / "pv", "--only", "booklet")
    with Image.open(tmp_path / "pv" / "booklet" / "001.png") as first:
        page = first.copy()
    with Image.open(tmp_path / "pv" / "booklet.png") as contact:
        sheet = contact.copy()
    # Cells are two pages wide: the cover alone on the right, then facing pages.
    assert sheet.width >= 2 * page.width * 2
    # The cover's dark colour appears in the right half of the first cell, not the left.
    left = sheet.getpixel((24 + page.width // 2, 24 + page.height // 2))
    right = sheet.getpixel((24 + page.width + page.width // 2, 24 + page.height // 2))
    assert sum(right) < sum(left)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_slides_are_drawn_by_libreoffice_when_it_is_installed(tmp_path: Path) -> None:
    shown = _preview(tmp_path / "pv", "--only", "deck")
    assert "slides drawn by LibreOffice" in shown
    assert len(list((tmp_path / "pv" / "deck").glob("*.png"))) == 18
