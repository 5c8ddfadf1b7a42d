"""Every colour a PDF asks for, read back from its content streams and images with pypdf."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream

# Operators that set a colour, and the colour space they imply (None: the one set by cs/CS).
_DEVICE = {
    "k": "/DeviceCMYK",
    "K": "/DeviceCMYK",
    "rg": "/DeviceRGB",
    "RG": "/DeviceRGB",
    "g": "/DeviceGray",
    "G": "/DeviceGray",
}


@dataclass(frozen=True, slots=True)
class ColourUse:
    """One colour operator: the page it is on, the operator, the colour space it paints in
    (a device space, or the family of a named one: ``/Separation /All``) and its operands."""

    page: int
    op: str
    space: str
    values: tuple[float, ...]

    @property
    def stroking(self) -> bool:
        return self.op.isupper()


def space_name(space: Any) -> str:
    """``/DeviceCMYK``, or ``/Separation /All``, ``/ICCBased``, ``/Indexed /DeviceRGB`` ..."""
    space = space.get_object()
    if isinstance(space, list):
        family = str(space[0])
        if family == "/Separation":
            return f"/Separation {space[1]}"
        if family == "/Indexed":
            return f"/Indexed {space_name(space[1])}"
        return family
    return str(space)


def colour_uses(reader: PdfReader) -> list[ColourUse]:
    """Every colour operator of every page, and of the forms the pages draw, in order."""
    found: list[ColourUse] = []
    for number, page in enumerate(reader.pages, start=1):
        _walk(reader, page.get_contents(), page.get("/Resources"), number, found, set())
    return found


def _walk(
    reader: PdfReader,
    contents: Any,
    resources: Any,
    number: int,
    found: list[ColourUse],
    seen: set[int],
) -> None:
    if contents is None:
        return
    resources = resources.get_object() if resources is not None else {}
    named = {str(k): v for k, v in (resources.get("/ColorSpace") or {}).items()}
    xobjects = {str(k): v for k, v in (resources.get("/XObject") or {}).items()}
    spaces = {"fill": "/DeviceGray", "stroke": "/DeviceGray"}
    for operands, op in ContentStream(contents, reader).operations:
        name = op.decode("latin-1")
        if name in ("cs", "CS"):
            key = "fill" if name == "cs" else "stroke"
            space = str(operands[0])
            spaces[key] = space_name(named[space]) if space in named else space
            found.append(ColourUse(number, name, spaces[key], ()))
        elif name in _DEVICE:
            values = tuple(float(v) for v in operands)
            found.append(ColourUse(number, name, _DEVICE[name], values))
        elif name in ("sc", "scn", "SC", "SCN"):
            key = "fill" if name.islower() else "stroke"
            values = tuple(float(v) for v in operands if isinstance(v, int | float))
            found.append(ColourUse(number, name, spaces[key], values))
        elif name == "Do":
            xobject = xobjects[str(operands[0])].get_object()
            if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                seen.add(id(xobject))
                _walk(reader, xobject, xobject.get("/Resources"), number, found, seen)


def images(reader: PdfReader) -> list[tuple[int, Any]]:
    """Every image XObject of every page (and of its forms), with its page number."""
    found: list[tuple[int, Any]] = []

    def walk(resources: Any, number: int) -> None:
        for xobject in ((resources or {}).get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append((number, xobject))
            elif xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"), number)

    for number, page in enumerate(reader.pages, start=1):
        walk(page.get("/Resources"), number)
    return found
