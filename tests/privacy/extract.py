"""Everything a reader (or an adversary) can get out of an output file, as text and bytes.

Privacy tests look for names, paths and metadata in *all* of it: the visible text, the PDF
outline, Info and XMP, every decoded PDF stream and string, every part of a PPTX zip, and the
slides, notes and core properties as python-pptx reads them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path


def pdf_texts(path: Path, binary: bool = True) -> list[str]:
    """Page text, outline titles, Info values, XMP and every decoded stream and string.

    With ``binary=False`` font programs, images and the raw file are left out, so a short word
    (a user or host name) can be looked for without matching random compressed bytes.
    """
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        StreamObject,
        TextStringObject,
    )

    reader = PdfReader(path)
    out: list[str] = [page.extract_text() or "" for page in reader.pages]
    out.extend(_outline_titles(reader.outline))
    for key, value in (reader.metadata or {}).items():
        out.append(f"{key}={value}")
    seen: set[int] = set()

    def walk(obj: object, depth: int = 0, key: str = "") -> None:
        if depth > 60:
            return
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        skip = not binary and (
            key.startswith("/FontFile")
            or (isinstance(obj, DictionaryObject) and obj.get("/Subtype") == "/Image")
        )
        if isinstance(obj, StreamObject) and not skip:
            try:
                out.append(obj.get_data().decode("latin-1"))
            except Exception:  # an undecodable image stream has no text to find
                out.append(obj._data.decode("latin-1") if hasattr(obj, "_data") else "")
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                out.append(str(key))
                walk(value, depth + 1, str(key))
        elif isinstance(obj, ArrayObject):
            for value in obj:
                walk(value, depth + 1)
        elif isinstance(obj, TextStringObject | ByteStringObject):
            out.append(str(obj) if isinstance(obj, TextStringObject) else obj.decode("latin-1"))

    walk(reader.trailer)
    if binary:
        out.append(path.read_bytes().decode("latin-1"))
    return out


def _outline_titles(outline: object) -> Iterator[str]:
    if isinstance(outline, list):
        for item in outline:
            yield from _outline_titles(item)
    elif outline is not None:
        title = getattr(outline, "title", None)
        if title:
            yield str(title)


def pptx_texts(path: Path, binary: bool = True) -> list[str]:
    """Slide text, notes and core properties via python-pptx, plus every zip part raw
    (only the XML parts with ``binary=False``)."""
    from pptx import Presentation

    prs = Presentation(str(path))
    out: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    core = prs.core_properties
    for name in (
        "author",
        "category",
        "comments",
        "content_status",
        "identifier",
        "keywords",
        "language",
        "last_modified_by",
        "subject",
        "title",
        "version",
    ):
        out.append(f"{name}={getattr(core, name)}")
    for name, data in zip_parts(path):
        if binary or name.endswith((".xml", ".rels")):
            out.append(data.decode("utf-8", "replace"))
    return out


def zip_parts(path: Path) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            yield info.filename, archive.read(info)


def all_texts(folder: Path, binary: bool = True) -> dict[str, str]:
    """file name -> everything extractable from it, for every file in an output folder."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            found[path.name] = "\n".join(pdf_texts(path, binary))
        elif path.suffix == ".pptx":
            found[path.name] = "\n".join(pptx_texts(path, binary))
        elif path.suffix == ".epub":
            found[path.name] = "\n".join(
                data.decode("utf-8", "replace")
                for name, data in zip_parts(path)
                if binary or not name.startswith("EPUB/images/")
            )
        else:
            found[path.name] = path.read_bytes().decode("utf-8", "replace")
    return found


def squeeze(text: str) -> str:
    """Lower-case letters only, so "Yu-\\nsung" or "H A N N A H" in a PDF still match."""
    return re.sub(r"[\W_]+", "", text).casefold()


def pdf_images(path: Path) -> list[bytes]:
    """The bytes of every image embedded in a PDF, as pypdf re-exports them."""
    from pypdf import PdfReader

    images: list[bytes] = []
    for page in PdfReader(path).pages:
        for image in page.images:
            images.append(image.data)
    return images


def html_images(path: Path) -> list[bytes]:
    """The decoded bytes of every data-URI picture of an HTML file."""
    import base64

    text = path.read_text("utf-8")
    return [
        base64.b64decode(found)
        for found in re.findall(r"data:image/[a-z]+;base64,([A-Za-z0-9+/=]+)", text)
    ]


def image_bytes(folder: Path) -> dict[str, list[bytes]]:
    """file name -> embedded image bytes (PDF image streams, PPTX media parts, EPUB pictures,
    HTML data URIs)."""
    found: dict[str, list[bytes]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".pdf":
            found[path.name] = pdf_images(path)
        elif path.suffix == ".pptx":
            found[path.name] = [data for name, data in zip_parts(path) if "/media/" in name]
        elif path.suffix == ".epub":
            found[path.name] = [
                data for name, data in zip_parts(path) if name.startswith("EPUB/images/")
            ]
        elif path.suffix == ".html":
            found[path.name] = html_images(path)
    return found


__all__ = [
    "all_texts",
    "html_images",
    "image_bytes",
    "pdf_texts",
    "pptx_texts",
    "squeeze",
    "zip_parts",
]
