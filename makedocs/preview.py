"""``makedocs preview``: every output as PNG thumbnails and one contact sheet per output.

A volunteer sees the whole booklet, the print sheets, the slides and the notes in a few
pictures without opening any file. PDFs are rendered with pypdfium2 (pip-installable, no system
tool); the deck with LibreOffice when it is installed (what a speaker's LibreOffice shows), else
drawn from the slide plan with the deck's own fonts, and the report says which.

Each output says how it is best seen (``Output.preview``): ``spreads`` as a reader holds a
booklet (the cover alone, then facing pages), ``sheets`` as the printer's sheets (front and
back side by side), ``slides`` and ``pages`` in reading order.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makedocs.errors import MakedocsError, Warned

if TYPE_CHECKING:
    from PIL.Image import Image

    from makedocs.config import Settings

#: Thumbnails are this many pixels high (slides: wide), contact sheets at most this wide.
THUMB_HEIGHT = 360
SHEET_WIDTH = 1800
_GAP = 24
_LABEL = 28
_BACKGROUND = (228, 226, 222)


@dataclass(frozen=True, slots=True)
class Previewed:
    output: str
    sheet: Path
    thumbnails: int
    note: str = ""

    def line(self) -> str:
        extra = f"  ({self.note})" if self.note else ""
        plural = "" if self.thumbnails == 1 else "s"
        return f"{self.sheet}  {self.thumbnails} thumbnail{plural}{extra}"


def preview(
    sources: Sequence[Path],
    settings: Settings,
    folder: Path,
    *,
    warned: Warned,
    theme: str | None = None,
    page_size: str | None = None,
    only: list[str] | None = None,
    slides: str = "auto",
) -> list[Previewed]:
    """Build every output into a temporary folder and write its pictures into ``folder``.

    ``slides``: ``libreoffice``, ``sketch`` (drawn from the plan), or ``auto`` (LibreOffice
    when it is installed)."""
    from makedocs.build import build
    from makedocs.output import OutputSet
    from makedocs.outputs import default_targets, output, outputs

    with tempfile.TemporaryDirectory(prefix="makedocs-preview-") as scratch:
        chosen = only or [n for n, o in outputs().items() if o.in_build and o.preview != "none"]
        targets = default_targets(Path(scratch), chosen)
        build(sources, settings, targets, warned=warned, theme=theme, page_size=page_size)
        done: list[Previewed] = []
        with OutputSet() as files:
            for name, path in targets.items():
                kind = output(name).preview
                if kind == "none":
                    continue
                if path.suffix == ".pptx" and (slides == "sketch" or not _office()):
                    pictures = _sketch(sources, settings, theme, page_size)
                    note = "slides sketched from the plan" + (
                        "" if slides == "sketch" else ": LibreOffice is not installed"
                    )
                else:
                    pictures, note = _pictures(path, kind)
                for number, picture in enumerate(pictures, start=1):
                    with files.open(folder / name / f"{number:03d}.png") as handle:
                        picture.save(handle, "PNG", optimize=True)
                sheet = contact_sheet(pictures, kind)
                target = folder / f"{name}.png"
                with files.open(target) as handle:
                    sheet.save(handle, "PNG", optimize=True)
                done.append(Previewed(name, target, len(pictures), note))
    return done


def _pictures(path: Path, kind: str) -> tuple[list[Image], str]:
    if path.suffix == ".pdf":
        return render_pdf(path.read_bytes()), ""
    if path.suffix == ".pptx":
        return render_deck(path)
    raise MakedocsError(f"no preview for {path.suffix} files", str(path))


def render_pdf(data: bytes, height: int = THUMB_HEIGHT) -> list[Image]:
    """Every page of a PDF as a picture ``height`` pixels high."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pictures = []
        for index in range(len(document)):
            page = document[index]
            scale = height / page.get_height()
            pictures.append(page.render(scale=scale).to_pil().convert("RGB"))
        return pictures
    finally:
        document.close()


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _sketch(
    sources: Sequence[Path], settings: Settings, theme: str | None, page_size: str | None
) -> list[Image]:
    """The slides drawn from the fitted plan (see deck/thumbnails.py)."""
    from makedocs.deck.render import build_plan
    from makedocs.deck.thumbnails import draw_slides
    from makedocs.load import load_collection, new_context
    from makedocs.outputs import option_values, output

    warned = Warned()  # the build already reported its warnings
    collection = load_collection(sources, settings, warned)
    ctx = new_context(settings, warned, theme)
    options = option_values(output("deck"), settings, {})
    return draw_slides(build_plan(collection, ctx, options), ctx, THUMB_HEIGHT)


def render_deck(path: Path) -> tuple[list[Image], str]:
    """The slides as LibreOffice shows them."""
    office = _office()
    if office is None:
        raise MakedocsError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="makedocs-office-") as scratch:
        profile = Path(scratch) / "profile"
        command = [
            office,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            scratch,
            str(path),
        ]
        done = subprocess.run(command, capture_output=True, timeout=300)
        converted = Path(scratch) / f"{path.stem}.pdf"
        if done.returncode or not converted.is_file():
            raise MakedocsError("LibreOffice could not render the deck", str(path))
        return render_pdf(converted.read_bytes()), "slides drawn by LibreOffice"


def contact_sheet(pictures: list[Image], kind: str) -> Image:
    """One picture of them all: spreads, sheets (front | back) or pages in a grid."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    groups = _groups(pictures, kind)
    cells = [_join(group, gap=0 if kind == "spreads" else _GAP // 2) for group, _ in groups]
    cell_w = max(cell.width for cell in cells)
    cell_h = max(cell.height for cell in cells) + _LABEL
    columns = max(1, min(len(cells), (SHEET_WIDTH - _GAP) // (cell_w + _GAP)))
    rows = (len(cells) + columns - 1) // columns
    sheet = PILImage.new(
        "RGB", (_GAP + columns * (cell_w + _GAP), _GAP + rows * (cell_h + _GAP)), _BACKGROUND
    )
    draw = ImageDraw.Draw(sheet)
    font = _font()
    for index, (cell, (_, label)) in enumerate(zip(cells, groups, strict=True)):
        x = _GAP + (index % columns) * (cell_w + _GAP) + (cell_w - cell.width) // 2
        y = _GAP + (index // columns) * (cell_h + _GAP)
        sheet.paste(cell, (x, y))
        draw.rectangle([x - 1, y - 1, x + cell.width, y + cell.height], outline=(170, 166, 160))
        width = draw.textlength(label, font=font)
        draw.text((x + (cell.width - width) / 2, y + cell.height + 6), label, (60, 58, 54), font)
    return sheet


def _groups(pictures: list[Image], kind: str) -> list[tuple[list[Any], str]]:
    """Pictures side by side in one cell, with the cell's label."""
    count = len(pictures)
    if kind == "spreads":  # the cover alone on the right, facing pages, the back cover alone
        groups: list[tuple[list[Any], str]] = [([None, pictures[0]], "1")]
        page = 1
        while page < count:
            pair = pictures[page : page + 2]
            label = f"{page + 1}" if len(pair) == 1 else f"{page + 1}–{page + 2}"
            groups.append((pair + [None] * (2 - len(pair)), label))
            page += 2
        return groups
    if kind == "sheets":  # each sheet's front and back
        return [
            (pictures[i : i + 2], f"sheet {i // 2 + 1}: front | back") for i in range(0, count, 2)
        ]
    noun = "slide" if kind == "slides" else "page"
    return [([picture], f"{noun} {i}") for i, picture in enumerate(pictures, start=1)]


def _join(group: list[Any], gap: int) -> Image:
    from PIL import Image as PILImage

    present = [p for p in group if p is not None]
    width = max(p.width for p in present)
    height = max(p.height for p in present)
    cell = PILImage.new("RGB", (len(group) * width + (len(group) - 1) * gap, height), _BACKGROUND)
    for index, picture in enumerate(group):
        if picture is not None:
            cell.paste(picture, (index * (width + gap), 0))
    return cell


def _font() -> Any:
    from PIL import ImageFont

    from makedocs.resources import FONTS_DIR

    return ImageFont.truetype(str(FONTS_DIR / "NotoSans-Regular.ttf"), 18)
