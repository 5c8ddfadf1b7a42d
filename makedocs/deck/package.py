"""Package hygiene: no template example slides, truthful metadata, reproducible bytes.

An organisation's template may carry example slides, its author's name, a thumbnail of its
last deck, custom properties and printer settings; none of that belongs in a deck we hand to a
speaker. The saved zip is rewritten with fixed dates and a stable entry order, so building the
same stories twice gives identical files.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from makedocs.adapters.pptx import (
    add_picture_part,
    add_relationship,
    constant_time_image_partnames,
    constant_time_partnames,
    content_types_xml,
    image_parts,
    image_sha1,
    new_image_part,
    new_notes_slide,
    new_slide_part,
    notes_shape,
    package_rels,
    part_xml,
    ph_type,
    release,
    rels_xml,
    reserve_shape_ids,
    slide_prototype,
    xml_root,
)
from makedocs.deck.zipped import Member, deflate, write_zip
from makedocs.model import Metadata
from makedocs.reproducible import build_time, w3cdtf, zip_date_time
from makedocs.xmltext import xml_text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_RT_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
_DROP_FROM_PRESENTATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors",
    "http://schemas.microsoft.com/office/2015/10/relationships/revisionInfo",
    "http://schemas.microsoft.com/office/2018/10/relationships/authors",
    # SharePoint/OneDrive metadata (owners, e-mail addresses) and tags of earlier edits
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tags",
)


def remove_example_slides(prs: Any) -> int:
    """Delete the template's own slides: the list entry, the relationship, and so the parts."""
    from pptx.oxml.ns import qn

    sld_id_lst = prs.slides.element
    # Custom shows list the template's slides by relationship id; they would dangle.
    for custom in prs.element.findall(qn("p:custShowLst")):
        custom.getparent().remove(custom)
    _drop_custom_show_from_show_settings(prs)
    removed = 0
    for sld_id in list(sld_id_lst):
        rid = sld_id.get(qn("r:id"))
        sld_id_lst.remove(sld_id)
        prs.part.drop_rel(rid)  # unreachable parts (slide, its notes) are not saved
        removed += 1
    return removed


def _drop_custom_show_from_show_settings(prs: Any) -> None:
    """presProps.xml may start the slide show with a custom show that no longer exists."""
    from lxml import etree

    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps"
    for rel in prs.part.rels.values():
        if rel.reltype != rt:
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        found = root.findall(".//{*}showPr/{*}custShow")
        for el in found:
            el.getparent().remove(el)
        if found:
            part.blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


#: The children of ``p:presentation`` in the order the schema requires (CT_Presentation).
PRESENTATION_ORDER = (
    "sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst", "sldSz", "notesSz",
    "smartTags", "embeddedFontLst", "custShowLst", "photoAlbum", "custDataLst", "kinsoku",
    "defaultTextStyle", "modifyVerifier", "extLst",
)  # fmt: skip


def list_notes_master(prs: Any) -> None:
    """List the notes master in presentation.xml, as PowerPoint does for a deck with notes.

    python-pptx adds the notes master part and its relationship but not the
    ``p:notesMasterIdLst`` entry (python-pptx issue 1051), and Keynote refuses such a package
    ("file format is invalid"). The entry goes where the schema puts it, after the slide
    masters.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    rids = [rid for rid, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER]
    pres = prs.element
    for old in pres.findall(qn("p:notesMasterIdLst")):
        pres.remove(old)
    if not rids:
        return
    listed = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listed, qn("p:notesMasterId")).set(qn("r:id"), rids[0])
    order = {name: n for n, name in enumerate(PRESENTATION_ORDER)}
    rank = order["notesMasterIdLst"]
    after = [c for c in pres if order.get(etree.QName(c).localname, len(order)) < rank]
    if after:
        after[-1].addnext(listed)
    else:
        pres.insert(0, listed)


def fast_partnames(prs: Any) -> None:
    """Make naming new parts (and new images) constant-time for the rest of this build (see
    the adapter)."""
    constant_time_partnames(prs.part.package)
    constant_time_image_partnames(prs.part.package)


@dataclass(slots=True)
class Added:
    """A slide just appended: python-pptx's ``Slide``, its id in the presentation, and its
    placeholder elements by ``idx``."""

    slide: Any
    slide_id: int
    placeholders: dict[int, Any]


@dataclass(slots=True)
class _Layout:
    """What every slide on one layout starts from, found once: a ``p:sld`` holding the
    placeholders python-pptx clones from the layout, the largest shape id among them, and
    copies of it that keep only some placeholders (by the ``idx`` kept)."""

    element: Any
    highest: int
    kept: dict[frozenset[int] | None, tuple[Any, dict[int, int]]] = field(default_factory=dict)

    def start(self, keep: frozenset[int] | None) -> tuple[Any, dict[int, int]]:
        """The ``p:sld`` to copy for a slide keeping ``keep`` (None: every placeholder) and
        where each kept placeholder is among the shape tree's children."""
        found = self.kept.get(keep)
        if found is None:
            element = copy.deepcopy(self.element)
            tree = element.cSld.spTree
            for child in list(tree):
                idx = _ph_idx(child)
                if idx is not None and keep is not None and idx not in keep:
                    tree.remove(child)
            where: dict[int, int] = {}
            for n, child in enumerate(tree):
                idx = _ph_idx(child)
                if idx is not None:
                    where.setdefault(idx, n)
            found = self.kept[keep] = (element, where)
        return found


def _ph_idx(shape: Any) -> int | None:
    """The ``idx`` of a placeholder shape element (0 when the ``p:ph`` names none, as in the
    spec), or None for a shape that is no placeholder."""
    if not len(shape):
        return None
    ph = shape[0].find("{*}nvPr/{*}ph")
    return None if ph is None else int(ph.get("idx", "0"))


class SlideAppender:
    """``prs.slides.add_slide`` in constant time per slide, with the same result.

    python-pptx scans every existing slide relationship and slide id for each new slide (to find
    the next rId, the next id and an existing relationship to reuse), which makes a deck of N
    slides cost O(N²): most of the time of a 6,000-slide deck. A build only ever appends, so the
    next free names can be counted instead. Each layout's placeholders are cloned once, into a
    prototype slide (``prototypes`` counts them); a new slide is a copy of it that keeps only the
    placeholders the slide fills. The deck tests compare its output with python-pptx's own
    ``add_slide`` part by part.
    """

    def __init__(self, prs: Any) -> None:
        self.prs = prs
        self.part = prs.part
        self.id_list = prs.slides.element
        ids = [int(item.get("id")) for item in self.id_list.sldId_lst]
        self.count = len(ids)
        self.next_id = max([255, *ids]) + 1
        self.next_rid = 1
        self.layouts: dict[Any, _Layout] = {}  # by the layout's element
        self.prototypes = 0

    def add(self, layout: Any, keep: Collection[int] | None = None) -> Added:
        """Append a slide on ``layout`` with the placeholders whose ``idx`` is in ``keep``
        (None: all python-pptx clones). Shapes added to it later get the ids they would have
        got had every placeholder been cloned and the others removed afterwards."""
        from lxml import etree
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.oxml.ns import qn

        if self.next_id > 2147483647:  # past PowerPoint's id range: let python-pptx search
            slide = self.prs.slides.add_slide(layout)
            where = {}
            for child in slide.shapes.element:
                idx = _ph_idx(child)
                if idx is not None:
                    where.setdefault(idx, child)
            return Added(slide, int(self.id_list.sldId_lst[-1].get("id")), where)
        prototype = self.layouts.get(layout.element)
        if prototype is None:
            element = slide_prototype(layout)
            prototype = _Layout(element, element.cSld.spTree.max_shape_id)
            self.layouts[layout.element] = prototype
            self.prototypes += 1
        start, where = prototype.start(None if keep is None else frozenset(keep))
        element = copy.deepcopy(start)
        self.count += 1
        partname = PackURI(f"/ppt/slides/slide{self.count}.xml")
        slide_part = new_slide_part(partname, self.part.package, element, layout)
        while f"rId{self.next_rid}" in self.part.rels:
            self.next_rid += 1
        rid = f"rId{self.next_rid}"
        add_relationship(self.part, rid, RT.SLIDE, slide_part)
        slide = slide_part.slide
        reserve_shape_ids(slide.shapes, prototype.highest)
        tree = element.cSld.spTree
        placeholders = {idx: tree[n] for idx, n in where.items()}
        slide_id = self.next_id
        etree.SubElement(self.id_list, qn("p:sldId"), {"id": str(slide_id), qn("r:id"): rid})
        self.next_id += 1
        return Added(slide, slide_id, placeholders)


class NotesSlides:
    """Notes slides made by copying one: python-pptx clones the notes master's placeholders
    for every notes slide; the same clone, made once (``made`` counts them), serves all."""

    def __init__(self) -> None:
        self.prototype: Any = None
        self.body = -1  # where the notes placeholder is in the shape tree
        self.numbers: list[int] = []  # and the slide number placeholders
        self.made = 0

    def add(self, slide: Any) -> tuple[Any, Any, list[Any]]:
        """The new notes slide of ``slide``, its notes placeholder (a python-pptx shape, or
        None if the notes master has none) and its slide number placeholder elements."""
        if self.prototype is None:
            notes = new_notes_slide(slide.part, None)
            self.prototype = copy.deepcopy(notes.element)
            self.made += 1
            tree = list(notes.shapes.element)
            body = notes.notes_placeholder
            self.body = -1 if body is None else tree.index(body.element)
            self.numbers = [
                tree.index(ph.element) for ph in notes.placeholders if ph_type(ph) == "sldNum"
            ]
        else:
            notes = new_notes_slide(slide.part, copy.deepcopy(self.prototype))
        tree = notes.shapes.element
        body = None if self.body < 0 else notes_shape(notes, tree[self.body])
        return notes, body, [tree[n] for n in self.numbers]


class Pictures:
    """Image parts by content, as python-pptx's ``get_or_add_image_part`` finds them (equal
    bytes share a part), without walking the whole package for every picture."""

    def __init__(self, prs: Any) -> None:
        self.package = prs.part.package
        self.parts = image_parts(self.package)

    def related(self, slide: Any, data: bytes) -> tuple[Any, str]:
        """The image part holding ``data`` (made if new) and the slide's relationship to it."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        key = image_sha1(data)
        part = self.parts.get(key)
        if part is None:
            part = self.parts[key] = new_image_part(self.package, data)
        return part, slide.part.relate_to(part, RT.IMAGE)

    def add(self, slide: Any, data: bytes, x: int, y: int, cx: int, cy: int) -> Any:
        """``slide.shapes.add_picture`` of ``data``: the same picture shape and parts."""
        part, rid = self.related(slide, data)
        return add_picture_part(slide.shapes, part, rid, x, y, cx, cy)


class Archive:
    """The package written once, as a zip in a fixed order, with fixed dates (``zipped.py``).

    A finished slide's parts are compressed at once and their XML trees dropped
    (``finish``); ``write`` compresses the rest, one part at a time, as its turn comes.
    ``written`` counts each part's compressions, for the tests: every part once.
    """

    def __init__(self) -> None:
        self.done: dict[str, Member] = {}
        self.written: dict[str, int] = {}

    def member(self, name: str, data: bytes) -> Member:
        self.written[name] = self.written.get(name, 0) + 1
        return deflate(name, data)

    def finish(self, part: Any) -> None:
        """Compress a part that will not change again and let go of its XML tree."""
        name = part.partname.membername
        self.done[name] = self.member(name, part_xml(part))
        rels = rels_xml(part.rels)
        if rels is not None:
            rels_name = part.partname.rels_uri.membername
            self.done[rels_name] = self.member(rels_name, rels)
        release(part)

    def write(self, prs: Any, out: BinaryIO) -> None:
        """Every part of the package (and its relationships), ``[Content_Types].xml`` first,
        then by name."""
        from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

        package = prs.part.package
        parts = list(package.iter_parts())
        made: dict[str, Callable[[], bytes | None]] = {}
        for part in parts:
            name = part.partname.membername
            if name in self.done:
                continue
            made[name] = functools.partial(part_xml, part)
            made[part.partname.rels_uri.membername] = functools.partial(rels_xml, part.rels)
        made[PACKAGE_URI.rels_uri.membername] = functools.partial(rels_xml, package_rels(package))
        first = CONTENT_TYPES_URI.membername
        made[first] = functools.partial(content_types_xml, parts)

        def members() -> Iterator[Member]:
            for name in [first, *sorted(n for n in {*made, *self.done} if n != first)]:
                done = self.done.pop(name, None)
                if done is not None:
                    yield done
                    continue
                data = made[name]()
                if data is not None:
                    yield self.member(name, data)

        write_zip(out, members(), zip_date_time())


def strip_metadata(prs: Any) -> None:
    """Drop what an editor's save leaves in a package: thumbnail, custom properties, printer
    settings, comment authors, SharePoint data, and every core property but the title."""
    from pptx.oxml.ns import qn

    rels = package_rels(prs.part.package)
    for rid, rel in list(rels.items()):
        if rel.reltype in (_RT_THUMBNAIL, _RT_CUSTOM):
            rels.pop(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype in _DROP_FROM_PRESENTATION:
            prs.part.rels.pop(rid)
    core = xml_root(prs.core_properties)
    for child in list(core):
        if child.tag != qn("dc:title"):
            core.remove(child)


def clean_metadata(prs: Any, meta: Metadata, slides: Sequence[Any]) -> None:
    """core.xml: title, author (the organisation), subject; app.xml: what the deck really is."""
    from lxml import etree
    from pptx.oxml.ns import qn

    strip_metadata(prs)
    core = xml_root(prs.core_properties)
    for child in list(core):
        core.remove(child)
    etree.SubElement(core, qn("dc:title")).text = meta.title
    if meta.subtitle:
        etree.SubElement(core, qn("dc:subject")).text = meta.subtitle
    if meta.organisation:
        etree.SubElement(core, qn("dc:creator")).text = meta.organisation
    stamp = _core_date(meta)
    if stamp:
        for tag in ("dcterms:created", "dcterms:modified"):
            el = etree.SubElement(core, qn(tag))
            el.set(qn("xsi:type"), "dcterms:W3CDTF")
            el.text = stamp
    write_app_xml(prs, slides)


def write_app_xml(prs: Any, slides: Sequence[Any]) -> None:
    for rel in package_rels(prs.part.package).values():
        if rel.reltype == _RT_EXTENDED:
            rel.target_part.blob = app_xml(prs, slides)


def _core_date(meta: Metadata) -> str | None:
    """SOURCE_DATE_EPOCH when set (as in every output), else the collection's own date."""
    import datetime

    moment = build_time()
    if moment is not None:
        return w3cdtf(moment)
    if meta.date and _DATE.match(meta.date):
        try:
            datetime.date.fromisoformat(meta.date)
        except ValueError:
            return None  # "2024-02-30" is no date a reader could be given
        return f"{meta.date}T00:00:00Z"
    return None


def app_xml(prs: Any, slides: Sequence[Any]) -> bytes:
    """Extended properties that tell the truth: makedocs, the real format and counts."""
    ratio = prs.slide_width / prs.slide_height
    shape = "16:9" if abs(ratio - 16 / 9) < 0.01 else "4:3" if abs(ratio - 4 / 3) < 0.01 else None
    fmt = f"On-screen Show ({shape})" if shape else "Custom"
    titles = [s.title for s in slides]
    # Every slide has notes: at least its speaking time.
    return extended_properties(fmt, _theme_name(prs), titles, notes=len(titles))


def extended_properties(fmt: str, theme: str, titles: Sequence[str], notes: int) -> bytes:
    """``docProps/app.xml`` for a presentation."""
    n = len(titles)
    parts = "".join(f"<vt:lpstr>{xml_text(t[:255])}</vt:lpstr>" for t in (theme, *titles))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><TotalTime>0</TotalTime>'
        f"<Application>makedocs</Application><PresentationFormat>{xml_text(fmt)}"
        f"</PresentationFormat><Slides>{n}</Slides><Notes>{notes}</Notes>"
        "<HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="4" baseType="variant">'
        "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>"
        "</vt:variant><vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{n + 1}" baseType="lpstr">{parts}</vt:vector>'
        "</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    return xml.encode("utf-8")


def _theme_name(prs: Any) -> str:
    """The name of the master's theme, as PowerPoint lists it under "Theme"."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        blob = prs.slide_master.part.part_related_by(RT.THEME).blob
    except KeyError:
        return "Office Theme"
    return etree.fromstring(blob).get("name") or "Office Theme"
