"""Booklets built once per session for the render tests, and a 20-story Markdown collection."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import ROOT, SEED

CONFIG = ROOT / "makedocs.toml"


def build_booklet(out: Path, *sources: Path, options: tuple[str, ...] = ()) -> Path:
    """``makedocs booklet`` with the bundled makedocs.toml; returns the PDF path."""
    result = CliRunner().invoke(
        main,
        ["booklet", *map(str, sources), "-o", str(out), "--config", str(CONFIG), *options],
    )
    assert result.exit_code == 0, result.output
    return out


def write_collection(folder: Path, count: int = 20) -> Path:
    """``count`` Markdown stories made from the seed's paragraphs, with every block type,
    long and short titles, a Korean paragraph and two pictures (one too small)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    lines = SEED.read_text("utf-8").splitlines()
    paras = [line.strip() for line in lines if len(line.split()) > 25]
    picture = Image.new("RGB", (1800, 1200), "#7a8c99")
    draw = ImageDraw.Draw(picture)
    for x in range(0, 1800, 60):
        draw.line([(x, 0), (1800 - x, 1200)], fill="#c8b27a", width=8)
    picture.save(folder / "river.jpg", quality=85)
    Image.new("RGB", (300, 200), "#a05030").save(folder / "small.png")
    titles = [
        "The Price of Beans",
        "A Long Walk Across the Border at Night in Winter",
        "Strawberries",
        "What We Carried",
    ]
    for n in range(count):
        front = [f"title: Story {n + 1} — {titles[n % 4]}"]
        if n % 3 == 0:
            front.append("subtitle: A message in code")
        if n % 2 == 0:
            front.append("byline: As told to a volunteer")
        if n == 4:
            front += ["image: river.jpg", "image_alt: A river at dusk"]
        body: list[str] = []
        if n % 5 == 1:
            body.append('> "We knew exactly where he was."\n> — A mother from Hyesan\n')
        for k in range(2 + n % 5):
            body.append(paras[(n * 3 + k) % len(paras)] + "\n")
            if k == 0 and n % 4 == 2:
                body.append('"If I had told them the truth, they would have arrested us."\n')
            if k == 1 and n % 6 == 3:
                body.append("## What we carried\n\n- a little money\n- 어머니의 편지 (a letter)\n")
            if k == 1 and n % 7 == 5:
                body.append("> We left before dawn.\n>\n> — From the family's account\n")
            if k == 0 and n == 8:
                body.append('![A cloth bag](river.jpg "The bag we carried | Photo: Archive")\n')
            if k == 0 and n == 9:
                body.append('![A red square](small.png "A tiny picture | Photo: Volunteer")\n')
            if k == 1 and n % 5 == 3:
                body.append("---\n")
        if n == 7:
            body.append("우리는 새벽에 떠났다. We left at dawn, and 서울 was far away.\n")
        body.append("— Yusung Park, escaped North Korea in 2008\n")
        text = "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body)
        (folder / f"{n + 1:02d}.md").write_text(text, "utf-8")
    return folder


@pytest.fixture(scope="session")
def seed_booklet(seed_build: Path) -> Path:
    return seed_build / "booklet.pdf"


@pytest.fixture(scope="session")
def print_shop_booklet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shop") / "booklet.pdf"
    return build_booklet(out, SEED, options=("--bleed", "3mm", "--crop-marks"))


@pytest.fixture(scope="session")
def collection_booklet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("twenty")
    return build_booklet(base / "twenty.pdf", write_collection(base / "src"))
