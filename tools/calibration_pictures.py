"""The README's pictures of the duplex test sheet, made from the real test sheet.

    .venv/bin/python tools/calibration_pictures.py      # writes docs/test-sheet*.png

- ``docs/test-sheet.png``: FRONT and BACK of the Letter test sheet, side by side;
- ``docs/test-sheet-against-the-light.png``: the rulers as seen holding the sheet to a window,
  FRONT towards you, from a printer that lays the back 1.5 mm right and 1 mm high (as seen
  from the front): the back's centre lines, fainter, cross the front's scales at +1.5 across
  and -1 up, so back_offset = "1.5mm, -1mm".

tests/test_calibration_pictures.py regenerates them and fails when the committed ones are stale.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageOps

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: How a printer in the picture lays the back, in millimetres as seen from the front through
#: the paper (right, up): the README reads +1.5 across and -1 up off it.
PRINTER_ERROR_MM = (1.5, 1.0)


def _sheet() -> bytes:
    from makedocs.booklet.calibration import write_test_sheet
    from makedocs.fonts import FontBook
    from makedocs.theme import load_theme

    out = io.BytesIO()
    write_test_sheet(out, "letter", FontBook(load_theme()))
    return out.getvalue()


def _render(data: bytes, scale: float) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [document[i].render(scale=scale).to_pil().convert("L") for i in range(2)]
    finally:
        document.close()


def pictures() -> dict[str, Image.Image]:
    """Every picture by file name."""
    data = _sheet()
    front, back = _render(data, 60 / 72)
    gap = 24
    both = Image.new("L", (front.width * 2 + gap * 3, front.height + gap * 2), 200)
    for index, side in enumerate((front, back)):
        framed = ImageOps.expand(side, border=1, fill=120)
        both.paste(framed, (gap + index * (front.width + gap), gap))

    dpi = 600
    front, back = _render(data, dpi / 72)
    mm = dpi / 25.4
    dx, dy = round(PRINTER_ERROR_MM[0] * mm), round(-PRINTER_ERROR_MM[1] * mm)
    seen = Image.new("L", back.size, 255)
    seen.paste(ImageOps.mirror(back), (dx, dy))  # turned over like a book page, then off
    faint = seen.point(lambda v: 255 - round((255 - v) * 0.4))
    light = ImageChops.multiply(front, faint)
    cx, cy = light.width // 2, light.height // 2
    half = round(17 * mm)
    view = light.crop((cx - half, cy - half, cx + half, cy + half))
    view = view.resize((view.width // 2, view.height // 2), Image.Resampling.LANCZOS)
    lamp = Image.new("L", view.size, 255)
    ImageDraw.Draw(lamp).rectangle((0, 0, view.width - 1, view.height - 1), outline=120)
    view = ImageChops.multiply(view, lamp)
    return {"test-sheet.png": both, "test-sheet-against-the-light.png": view}


def main(folder: Path = DOCS) -> None:
    folder.mkdir(exist_ok=True)
    for name, picture in pictures().items():
        picture.save(folder / name, optimize=True)
        print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS)
