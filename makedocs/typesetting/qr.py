"""Vector QR codes for every PDF: the booklet's back cover and the handout.

A code is drawn as one path of rectangles (a run of dark modules in a row is one rectangle) on
a light tile that includes the quiet zone, so it stays sharp at any size and scale (a handout
scaled into a quarter-page flyer) and adds no picture to the file.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Scanners need at least this many light modules round the code.
QUIET_MODULES = 4


@lru_cache(maxsize=512)
def _matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_modules(url: str) -> int:
    """How many modules wide the code for ``url`` is (without its quiet zone)."""
    return len(_matrix(url))


def draw_qr(
    canvas: Any, url: str, x: float, y: float, side: float, quiet: float, *, dark: Any, light: Any
) -> None:
    """A vector QR code (one rectangle per run of dark modules) on a light tile.

    ``(x, y)`` is the code's lower-left corner and ``side`` its width without the quiet zone.
    ``quiet`` is the light margin round the code; scanners need at least four modules of it,
    so it is never made smaller than that.
    """
    matrix = _matrix(url)
    n = len(matrix)
    module = side / n
    quiet = max(quiet, module * QUIET_MODULES)
    canvas.saveState()
    canvas.setFillColor(light)
    canvas.rect(x - quiet, y - quiet, side + 2 * quiet, side + 2 * quiet, stroke=0, fill=1)
    canvas.setFillColor(dark)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(
                    x + start * module, y + side - (r + 1) * module, (c - start) * module, module
                )
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
