"""The README's gallery: contact sheets of every output, made by ``makedocs preview`` from the
bundled seeds, and the folding picture for the booklet's quick start.

Usage: ``.venv/bin/python tools/gallery.py [--out docs/gallery]``. tests/test_gallery.py makes
them again and fails when the committed pictures are stale, so the README always shows what a
build gives today.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery"
#: The gallery's pictures are no wider than this, so the README stays light.
WIDTH = 1100
#: (file, output, theme): the outputs shown, in the themes that show them best.
SHOWN = (
    ("booklet.png", "booklet", "default"),
    ("booklet-print.png", "booklet-print", "default"),
    ("deck.png", "deck", "default"),
    ("handout.png", "handout", "default"),
    ("speaker-notes.png", "speaker-notes", "default"),
    ("booklet-bold.png", "booklet", "bold"),
    ("booklet-large-print.png", "booklet", "large-print"),
)


def make(folder: Path) -> list[Path]:
    """Write every gallery picture into ``folder``; return their paths."""
    sys.path.insert(0, str(ROOT))
    from PIL import Image

    from makedocs.config import load_settings
    from makedocs.errors import Warned
    from makedocs.preview import preview

    settings = load_settings(ROOT / "makedocs.toml")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="makedocs-gallery-") as scratch:
        for name, output, theme in SHOWN:
            where = Path(scratch) / theme
            if not (where / f"{output}.png").exists():
                preview([ROOT / "seeds"], settings, where, warned=Warned(), theme=theme)
            with Image.open(where / f"{output}.png") as sheet:
                picture = sheet.convert("RGB")
            if picture.width > WIDTH:
                height = round(picture.height * WIDTH / picture.width)
                picture = picture.resize((WIDTH, height), Image.Resampling.LANCZOS)
            target = folder / name
            # 256 colours are plenty for pages and slides, and a quarter of the bytes.
            picture = picture.quantize(256, dither=Image.Dither.NONE)
            picture.save(target, "PNG", optimize=True)
            written.append(target)
    target = folder / "folding.png"
    folding().save(target, "PNG", optimize=True)
    written.append(target)
    return written


def folding() -> object:
    """Three steps drawn as line art: stack the sheets, fold them in half, staple the fold."""
    from PIL import Image, ImageDraw, ImageFont

    from makedocs.resources import FONTS_DIR

    width, height, panel = 1100, 330, 1100 // 3
    picture = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(FONTS_DIR / "NotoSans-Regular.ttf"), 20)
    ink, paper, accent = (31, 29, 26), (244, 239, 230), (140, 47, 27)
    steps = (
        "1. Stack the sheets as printed",
        "2. Fold the stack in half",
        "3. Staple twice on the fold",
    )
    for index, label in enumerate(steps):
        left = index * panel + 30
        if index == 0:  # a stack of landscape sheets, each a little offset
            for layer in range(4):
                x, y = left + 20 + layer * 8, 70 + layer * 10
                draw.rectangle([x, y, x + 240, y + 150], fill=paper, outline=ink, width=2)
            x, y = left + 44, 100
            draw.line([(x + 120, y), (x + 120, y + 150)], fill=accent, width=2)
        else:  # a folded booklet seen from the front, its spine on the left
            x, y = left + 70, 60
            draw.polygon(
                [(x, y), (x + 150, y + 12), (x + 150, y + 182), (x, y + 170)],
                fill=paper,
                outline=ink,
            )
            draw.line([(x, y), (x, y + 170)], fill=ink, width=4)
            if index == 1:  # the fold: an arrow swinging the right half over
                draw.arc([x - 60, y + 40, x + 200, y + 150], 200, 340, fill=accent, width=4)
                draw.polygon([(x + 188, y + 76), (x + 206, y + 60), (x + 210, y + 84)], fill=accent)
            else:  # two staples on the spine
                for staple in (y + 45, y + 125):
                    draw.rectangle([x - 4, staple, x + 4, staple + 26], fill=accent)
        text_width = draw.textlength(label, font=font)
        draw.text((index * panel + (panel - text_width) / 2, 270), label, fill=ink, font=font)
    return picture


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GALLERY)
    args = parser.parse_args()
    for path in make(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
