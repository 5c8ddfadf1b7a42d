"""QR codes for the closing slide: PNG bytes made in memory, with no metadata."""

from __future__ import annotations

import io


def qr_png(url: str, box: int) -> bytes:
    """A black-on-white QR code for ``url``, ``box`` pixels a module (error correction M and the
    4-module quiet zone the standard asks for)."""
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    size = len(matrix)
    img = Image.new("1", (size, size), 1)
    img.putdata([0 if dark else 1 for row in matrix for dark in row])
    img = img.resize((size * box, size * box), Image.Resampling.NEAREST)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)  # a fresh image: no text chunks, no dates
    return out.getvalue()
