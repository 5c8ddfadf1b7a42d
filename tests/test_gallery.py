"""The README's gallery shows what a build gives today: the pictures are made again from the
bundled seeds and compared with the committed ones."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.conftest import ROOT

GALLERY = ROOT / "docs" / "gallery"
#: Pixels that may differ between two renderings of the same pages (antialiasing noise).
NOISE = 40


def _gallery_module():  # tools/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "tools" / "gallery.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice draws the slides")
def test_the_gallery_is_up_to_date(tmp_path: Path) -> None:
    made = _gallery_module().make(tmp_path)
    assert {p.name for p in made} == {p.name for p in GALLERY.glob("*.png")}, (
        "run: .venv/bin/python tools/gallery.py"
    )
    stale = []
    for fresh in made:
        with Image.open(fresh) as new, Image.open(GALLERY / fresh.name) as old:
            if new.size != old.size:
                stale.append(f"{fresh.name}: {old.size} -> {new.size}")
                continue
            diff = ImageChops.difference(new.convert("RGB"), old.convert("RGB")).convert("L")
            changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:])
            if changed > NOISE:
                stale.append(f"{fresh.name}: {changed} pixels differ")
    assert not stale, "stale gallery (run .venv/bin/python tools/gallery.py): " + "; ".join(stale)


def test_the_readme_shows_every_gallery_picture() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in ("booklet", "deck", "booklet-print", "handout", "folding"):
        assert f"docs/gallery/{name}.png" in readme
