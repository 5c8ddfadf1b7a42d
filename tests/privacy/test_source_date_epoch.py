"""``SOURCE_DATE_EPOCH`` is honoured by every output or by none: here, by every output."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import ROOT, SEEDS

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
WHEN = datetime.fromtimestamp(EPOCH, UTC)
PDFS = ("booklet.pdf", "booklet-print.pdf", "speaker-notes.pdf")


def _build(out: Path, epoch: str | None) -> Path:
    # None unsets it, whatever the environment running the tests says
    result = CliRunner(env={"SOURCE_DATE_EPOCH": epoch}).invoke(
        main, ["build", str(SEEDS), "-o", str(out), "--config", str(ROOT / "makedocs.toml")]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("dated") / "out", str(EPOCH))


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("undated") / "out", None)


def _pdf_dates(path: Path) -> tuple[datetime | None, datetime | None]:
    from pypdf import PdfReader

    info = PdfReader(path).metadata
    return info.creation_date, info.modification_date


def test_every_pdf_is_dated_with_source_date_epoch(dated: Path) -> None:
    for name in PDFS:
        assert _pdf_dates(dated / name) == (WHEN, WHEN), name


def test_the_deck_core_properties_and_zip_members_are_dated_with_it(dated: Path) -> None:
    from pptx import Presentation

    core = Presentation(str(dated / "deck.pptx")).core_properties
    assert core.created == WHEN.replace(tzinfo=None)
    assert core.modified == WHEN.replace(tzinfo=None)
    with zipfile.ZipFile(dated / "deck.pptx") as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2023, 11, 14, 22, 13, 20)}


def test_without_it_no_output_carries_that_date(undated: Path) -> None:
    from pptx import Presentation

    for name in PDFS:
        created, modified = _pdf_dates(undated / name)
        assert created is None or created.year == 2000, name
        assert modified is None or modified.year == 2000, name
    core = Presentation(str(undated / "deck.pptx")).core_properties
    assert core.created is None and core.modified is None
    with zipfile.ZipFile(undated / "deck.pptx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_different_epoch_changes_every_output_and_the_same_one_changes_none(
    dated: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    again = _build(tmp_path / "again", str(EPOCH))
    other = _build(tmp_path / "other", str(EPOCH + 86400))
    for name in (*PDFS, "deck.pptx"):
        assert (again / name).read_bytes() == (dated / name).read_bytes(), name
        assert (other / name).read_bytes() != (dated / name).read_bytes(), name
    for name in PDFS:
        assert PdfReader(other / name).trailer["/ID"] != PdfReader(dated / name).trailer["/ID"]


def test_the_printer_test_sheet_honours_it_too(tmp_path: Path) -> None:
    out = tmp_path / "x" / "booklet.pdf"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": str(EPOCH)}).invoke(
        main, ["booklet", "--test-sheet", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert _pdf_dates(out.parent / "test-sheet.pdf") == (WHEN, WHEN)


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "99999999999999999999"])
def test_a_value_that_is_no_time_is_one_clear_error(tmp_path: Path, value: str) -> None:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": value}).invoke(
        main,
        ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--config", str(ROOT / "makedocs.toml")],
    )
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("makedocs: SOURCE_DATE_EPOCH must be a whole number")
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
