"""``makedocs epub`` and ``build`` write the accessible edition through the output registry."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import ROOT, SEEDS


def test_the_epub_command_writes_the_epub_and_the_web_page(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "epub",
            str(SEEDS),
            "-o",
            str(tmp_path / "e.epub"),
            "--html",
            str(tmp_path / "e.html"),
            "--config",
            str(ROOT / "makedocs.toml"),
        ],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "e.epub") as epub:
        first = epub.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert epub.read("mimetype") == b"application/epub+zip"
    assert (tmp_path / "e.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.epub", "e.html"]


def test_build_writes_the_edition_beside_the_booklet(seed_build: Path) -> None:
    assert (seed_build / "booklet.epub").is_file() and (seed_build / "booklet.html").is_file()
