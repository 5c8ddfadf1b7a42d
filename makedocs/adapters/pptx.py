"""The python-pptx internals makedocs relies on, in one place.

python-pptx (tested with 1.0.2; pyproject.toml pins the range) has no public API for these.
Everything else in makedocs uses its public objects (``shape.element``, ``slide.shapes``,
``part.rels``, ``part.blob``) and the public methods of its XML element classes.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any


def package_rels(package: Any) -> MutableMapping[str, Any]:
    """The package-level relationships (core and app properties, thumbnail, custom properties):
    python-pptx lists a part's relationships publicly (``part.rels``), the package's not."""
    return package._rels


def xml_root(part: Any) -> Any:
    """The root element of an XML part with no proxy object of its own (core properties,
    whose public API can set fields but not remove them)."""
    return part._element


def add_relationship(part: Any, rid: str, reltype: str, target: Any) -> None:
    """Relate ``part`` to ``target`` under a known-free ``rid`` in constant time.

    ``part.relate_to`` searches every relationship of the type for a match and every rId for a
    free one, which makes a deck of N slides cost O(N²)."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.package import _Relationship

    rels = part.rels
    rels._rels[rid] = _Relationship(rels._base_uri, rid, reltype, RTM.INTERNAL, target)


def constant_time_partnames(package: Any) -> None:
    """Make naming new parts constant-time for the rest of a build.

    python-pptx finds the next free name (``/ppt/notesSlides/notesSlide%d.xml``) by walking
    every part of the package each time, so a deck of N slides costs O(N²): a third of the
    time of a 600-slide deck. Same names, same order; only call it once no part will be
    removed. Replaces ``OpcPackage.next_partname`` on this one package object.
    """
    from pptx.opc.packuri import PackURI

    taken: dict[str, set[str]] = {}

    def next_partname(tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = taken.get(prefix)
        if names is None:
            names = {str(p.partname) for p in package.iter_parts() if p.partname.startswith(prefix)}
            taken[prefix] = names
        for n in range(len(names) + 1, 0, -1):  # python-pptx's own search order
            candidate = tmpl % n
            if candidate not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError("ran out of part names")  # pragma: no cover

    package.next_partname = next_partname


def constant_time_image_partnames(package: Any) -> None:
    """Make naming new image parts constant-time (amortised) for the rest of a build.

    python-pptx finds the first free ``/ppt/media/imageN.ext`` by walking every part of the
    package for each new image. Same names as its own search (the first gap in the sorted
    numbers in use, counting repeats as python-pptx does); only call it once no part will be
    removed. Replaces ``Package.next_image_partname`` on this one package object.
    """
    import bisect

    from pptx.opc.packuri import PackURI

    numbers = sorted(
        p.partname.idx
        for p in package.iter_parts()
        if p.partname.startswith("/ppt/media/image") and p.partname.idx is not None
    )

    def first_free() -> int:
        for n, number in enumerate(numbers, start=1):  # python-pptx's own search
            if n < number:
                return n
        return len(numbers) + 1

    def next_image_partname(ext: str) -> PackURI:
        n = first_free()
        bisect.insort(numbers, n)
        return PackURI(f"/ppt/media/image{n}.{ext}")

    package.next_image_partname = next_image_partname


def image_parts(package: Any) -> dict[str, Any]:
    """The package's image parts by the SHA1 of their bytes (the first of equal ones), as
    python-pptx's ``get_or_add_image_part`` finds them."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    found: dict[str, Any] = {}
    for rel in package.iter_rels():
        if rel.is_external or rel.reltype != RT.IMAGE:
            continue
        part = rel.target_part
        if hasattr(part, "sha1"):
            found.setdefault(part.sha1, part)
    return found


def new_image_part(package: Any, data: bytes) -> Any:
    """A new image part holding ``data``, named as python-pptx names it."""
    from pptx.parts.image import Image, ImagePart

    return ImagePart.new(package, Image.from_blob(data))


def image_sha1(data: bytes) -> str:
    """The key python-pptx finds an image part by."""
    import hashlib

    return hashlib.sha1(data).hexdigest()


def add_picture_part(
    shapes: Any, image_part: Any, rid: str, x: int, y: int, cx: int, cy: int
) -> Any:
    """``shapes.add_picture`` for an image part the slide is already related to by ``rid``:
    the same ``p:pic``, without looking the image up in the package again."""
    pic = shapes._add_pic_from_image_part(image_part, rid, x, y, cx, cy)
    return shapes._shape_factory(pic)


def reserve_shape_ids(shapes: Any, highest: int) -> None:
    """Number the shapes added to ``shapes`` from ``highest`` + 1 on, one more each time.

    python-pptx numbers a new shape one past the largest id in the slide, searching the whole
    tree each time; a slide that leaves out placeholders it would have removed again keeps the
    ids they would have taken. Uses python-pptx's own "turbo add" counter.
    """
    shapes._cached_max_shape_id = highest


#: Placeholder types python-pptx gives a proxy class of their own (``_SlidePlaceholderFactory``).
_SPECIAL_PLACEHOLDERS = ("clipArt", "chart", "pic", "tbl")
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def placeholder_of(element: Any) -> Any | None:
    """The ``p:ph`` of a shape element (None for a shape that is no placeholder): python-pptx's
    ``has_ph_elm`` and ``ph`` without an XPath search."""
    first = next(element.iterchildren("{*}*"), None)
    return None if first is None else first.find(f"{_P}nvPr/{_P}ph")


def shape_proxy(slide: Any, element: Any) -> Any:
    """python-pptx's proxy object for a shape element of ``slide`` (what ``slide.shapes`` or
    ``slide.placeholders`` would give for it)."""
    from pptx.shapes.placeholder import SlidePlaceholder
    from pptx.shapes.shapetree import SlideShapeFactory

    if element.tag == f"{_P}sp":
        ph = placeholder_of(element)
        if ph is not None and ph.get("type", "obj") not in _SPECIAL_PLACEHOLDERS:
            return SlidePlaceholder(element, slide.shapes)
    return SlideShapeFactory(element, slide.shapes)


def slide_prototype(layout: Any) -> Any:
    """A new slide's ``p:sld`` with every placeholder python-pptx clones from ``layout``
    (``SlideShapes.clone_layout_placeholders``), in no package."""
    from pptx.oxml.slide import CT_Slide
    from pptx.shapes.shapetree import SlideShapes

    sld = CT_Slide.new()
    SlideShapes(sld.cSld.spTree, None).clone_layout_placeholders(layout)
    return sld


def new_slide_part(partname: Any, package: Any, element: Any, layout: Any) -> Any:
    """``SlidePart.new`` with the ``p:sld`` element given (a copy of a prototype)."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import SlidePart

    part = SlidePart(partname, CT.PML_SLIDE, package, element)
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    return part


def new_notes_slide(slide_part: Any, element: Any | None) -> Any:
    """The slide's notes slide (which must not exist yet), made as python-pptx makes it
    (``NotesSlidePart.new``): named next, related to the notes master (created from python-pptx's
    default the first time) and to the slide, and the slide to it. ``element`` is a prepared
    ``p:notes`` to use instead of cloning the notes master's placeholders again. Returns the
    ``NotesSlide``."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import NotesSlidePart

    if element is None:
        return slide_part.notes_slide
    package = slide_part.package
    master = package.presentation_part.notes_master_part
    part = NotesSlidePart(
        package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
        CT.PML_NOTES_SLIDE,
        package,
        element,
    )
    part.relate_to(master, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


def notes_shape(notes_slide: Any, element: Any) -> Any:
    """python-pptx's proxy for a shape element of a notes slide."""
    from pptx.shapes.shapetree import _NotesSlideShapeFactory

    return _NotesSlideShapeFactory(element, notes_slide.shapes)


def part_xml(part: Any) -> bytes:
    """What python-pptx writes for ``part``."""
    return part.blob


def rels_xml(rels: Any) -> bytes | None:
    """What python-pptx writes for a part's (or the package's) relationships (``rels.xml``,
    which builds every element from a parsed string): nothing when there are none (the
    package's are always written)."""
    from lxml import etree

    if not len(rels):
        return None
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    root = etree.Element(f"{{{ns}}}Relationships", nsmap={None: ns})

    def number(rid: str) -> tuple[int, str]:  # python-pptx's order: rId2 before rId10
        return (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)

    for rid in sorted(rels.keys(), key=number):
        rel = rels[rid]
        attrib = {"Id": rel.rId, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:
            attrib["TargetMode"] = "External"
        etree.SubElement(root, f"{{{ns}}}Relationship", attrib)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def release(part: Any) -> None:
    """Drop a written part's XML tree and python-pptx's cached proxies of it; the part keeps
    its name, content type and relationships. Asking it for its XML again is an error."""
    keep = {"_partname", "_content_type", "_package", "_blob", "rels", "_rels"}
    for key in [k for k in vars(part) if k not in keep]:
        del part.__dict__[key]
    part._element = None


def content_types_xml(parts: Any) -> bytes:
    """``[Content_Types].xml`` for ``parts``, as python-pptx writes it."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    return serialize_part_xml(_ContentTypesItem.xml_for(parts))


def ph_type(ph: Any) -> str:
    """The ``type`` attribute of a placeholder (``obj`` when absent, as in the spec)."""
    el = ph.element.find(".//{*}nvPr/{*}ph")
    return el.get("type", "obj") if el is not None else "obj"
