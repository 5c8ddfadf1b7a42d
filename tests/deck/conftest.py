"""Fixtures for deck tests: decks built through the real CLI, and a photo-rich Markdown story."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import ROOT, SEEDS

CONFIG = ROOT / "makedocs.toml"


def build_deck(out: Path, *args: str, sources: tuple[Path, ...] = (SEEDS,)) -> tuple[Path, str]:
    """``makedocs deck`` into ``out``; returns the deck path and the command's output."""
    result = CliRunner().invoke(
        main,
        ["deck", *map(str, sources), "-o", str(out), "--config", str(CONFIG), *args],
    )
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="session")
def seed_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_deck(tmp_path_factory.mktemp("deck") / "deck.pptx")[0]


def write_photo(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """A photo-like JPEG with GPS-free EXIF that names a camera owner (must never leak)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(img)
    for n in range(0, size[0], 7):  # enough distinct colours to count as a photograph
        draw.line([(n, 0), (size[0] - n, size[1])], fill=((n * 3) % 256, (n * 7) % 256, 120))
    exif = Image.Exif()
    exif[0x013B] = "Secret Owner"  # Artist
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", exif=exif.tobytes())


PHOTO_STORY = """---
title: The Price of Beans
subtitle: A message in code
byline: As told to a volunteer
summary: A neighbour's coded phone call tells a family it is time to leave.
image: photos/river.jpg
image_alt: A river at dusk seen from a hillside
image_caption: The river at the border
image_credit: Photo by a volunteer
image_focus: 0.5,0.3
---

> "We knew exactly where he was, and we said nothing."
> — A mother from Hyesan

The police bugged our phone, so our neighbour had to speak in *code*. One day she called
and said the price of beans was **going down**.

"That was the signal."

We packed one small bag. Read more at [our site](https://example.org/stories).

![A small cloth bag on a table](photos/bag.jpg "The bag we carried | Photo: Family archive")

![](photos/pattern.jpg "A woven pattern")

## What we carried

- a little money
- one photograph

> We left before dawn.
> We did not look back.
>
> — From the family's account

---

We crossed at night. 우리는 밤에 강을 건넜습니다. The water was cold.

— Told in Seoul, 2024
"""


@pytest.fixture(scope="session")
def photo_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photo-story")
    write_photo(folder / "photos" / "river.jpg", (1600, 900), (30, 60, 90))
    write_photo(folder / "photos" / "bag.jpg", (800, 1000), (200, 180, 150))
    write_photo(folder / "photos" / "pattern.jpg", (600, 600), (240, 240, 230))
    story = folder / "beans.md"
    story.write_text(PHOTO_STORY, "utf-8")
    return story


@pytest.fixture(scope="session")
def photo_deck(tmp_path_factory: pytest.TempPathFactory, photo_story: Path) -> Path:
    out = tmp_path_factory.mktemp("photo-deck") / "deck.pptx"
    return build_deck(out, sources=(photo_story,))[0]


Builder = Callable[..., tuple[Path, str]]


def render(
    collection: object, path: Path, template: Path | None = None, aspect: str = "16:9"
) -> tuple[Path, list[str]]:
    """Render a hand-made ``Collection`` to ``path``; returns it and the build's warnings."""
    import io

    from makedocs.build import new_context
    from makedocs.config import Settings
    from makedocs.deck.render import DeckOptions, render_deck
    from makedocs.errors import Warned

    warned = Warned()
    ctx = new_context(Settings(), warned)
    out = io.BytesIO()
    options = DeckOptions(aspect=None if template else aspect, template=template)
    render_deck(collection, ctx, out, options)  # type: ignore[arg-type]
    path.write_bytes(out.getvalue())
    return path, warned.items
