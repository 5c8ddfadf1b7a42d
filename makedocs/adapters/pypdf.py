"""pypdf internals makedocs relies on, where pypdf has no public API for them.

Tested with pypdf 5.0 to 7.1 (pinned in pyproject.toml): ``PdfWriter._add_object`` (a stream
placed in a page's resources must be an indirect object, and only pages and their contents
have public ways in) and ``PdfWriter._ID`` (no public setter for the trailer's file ID; left
alone, pypdf writes none, or a random one).
"""

from __future__ import annotations

from typing import Any

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, IndirectObject


def add_object(writer: PdfWriter, obj: Any) -> IndirectObject:
    """Add ``obj`` to ``writer`` as an indirect object; return the reference to it."""
    return writer._add_object(obj)


def set_file_id(writer: PdfWriter, file_id: bytes) -> None:
    """Write ``file_id`` as both halves of the trailer's /ID."""
    value = ByteStringObject(file_id)
    writer._ID = ArrayObject([value, value])


def open_as_a_reader(writer: PdfWriter) -> None:
    """Open the PDF the way every makedocs PDF opens (adapters.reportlab.ReaderCanvas): the
    document's title in the window's title bar and the outline panel open."""
    writer.create_viewer_preferences().display_doctitle = True
    writer.page_mode = "/UseOutlines"
