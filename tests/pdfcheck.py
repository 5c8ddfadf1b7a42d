"""Facts about PDFs read back with pypdf, shared by the output tests."""

from __future__ import annotations

from pypdf import PdfReader


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page -> whether its font file is embedded in the PDF."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[str(font["/BaseFont"])] = any(
                key in desc for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found
