"""The README's test-sheet pictures in docs/ are the test sheet as it is now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "calibration_pictures", ROOT / "tools" / "calibration_pictures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["test-sheet.png", "test-sheet-against-the-light.png"])
def test_the_committed_pictures_are_not_stale(name: str) -> None:
    made = _tool().pictures()[name]
    with Image.open(ROOT / "docs" / name) as committed:
        assert committed.size == made.size, f"run tools/calibration_pictures.py ({name})"
        difference = ImageStat.Stat(ImageChops.difference(committed.convert("L"), made)).mean[0]
    assert difference < 1.0, f"docs/{name} is stale: run tools/calibration_pictures.py"


def test_the_readme_shows_them() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/test-sheet.png" in readme and "docs/test-sheet-against-the-light.png" in readme
